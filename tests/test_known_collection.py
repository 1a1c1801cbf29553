"""--known-collection: a learner's collection.anki2, made by the real ``anki`` package, read
from a copy: its flashgen words (and a named note type's field) are not carded again,
and the collection's bytes and modification time are unchanged afterwards."""

from __future__ import annotations

import hashlib
import os
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main

anki_collection = pytest.importorskip("anki.collection")
from anki_helpers import import_apkg  # noqa: E402  (after the importorskip)

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=200), err_console=Console(file=err, width=200)
    )
    return code, out.getvalue(), err.getvalue()


# No cap of new words: a known word would otherwise free a place for another word, and
# the comparisons below are of every word the texts have.
EVERY_WORD = ("--max-new", "0")


def lessons(folder: Path) -> tuple[Path, Path]:
    """The sample article cut in two texts (English and Chinese lines in pairs)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[1:]
    half = len(lines) // 4 * 2
    folder.mkdir()
    first, second = folder / "week1.txt", folder / "week2.txt"
    first.write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    return first, second


def vocab_words(out: Path) -> set[str]:
    (tsv,) = out.glob("*.tsv")
    return {r.split("\t")[1] for r in tsv.read_text(encoding="utf-8").splitlines()[1:]}


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def learner(tmp_path):
    """A collection that imported week 1's deck and has one note of its own, closed."""
    week1, week2 = lessons(tmp_path / "texts")
    code, _, err = run("build", str(week1), "-o", str(tmp_path / "deck1"), "-q", *EVERY_WORD)
    assert code == 0, err
    path = tmp_path / "profile" / "collection.anki2"
    path.parent.mkdir()
    col = anki_collection.Collection(str(path))
    import_apkg(col, next((tmp_path / "deck1").glob("*.apkg")))
    basic = col.models.by_name("Basic")
    note = col.new_note(basic)
    note["Front"], note["Back"] = "<b>中央政府</b>", "restriction"
    col.add_note(note, col.decks.id_for_name("Default"))
    col.close()
    return path, week1, week2


def test_words_in_the_collection_are_not_carded_and_it_is_not_touched(learner, tmp_path):
    path, week1, week2 = learner
    code, _, err = run(
        "export", str(week1), "--format", "tsv", "-o", str(tmp_path / "a"), *EVERY_WORD
    )
    assert code == 0, err
    week1_words = vocab_words(tmp_path / "a")
    code, _, err = run(
        "export", str(week2), "--format", "tsv", "-o", str(tmp_path / "b"), *EVERY_WORD
    )
    assert code == 0, err
    plain = vocab_words(tmp_path / "b")
    shared = week1_words & plain
    assert len(shared) > 10 and "中央政府" in plain and "中央政府" not in week1_words
    before = fingerprint(path)
    listing = sorted(os.listdir(path.parent))
    code, _, err = run(
        "export",
        str(week2),
        "--format",
        "tsv",
        "--out",
        str(tmp_path / "c"),
        "--known-collection",
        str(path),
        "--known-field",
        "Basic:Front",
        *EVERY_WORD,
    )
    assert code == 0, err
    known = vocab_words(tmp_path / "c")
    assert known == plain - shared - {"中央政府"}
    # Read from a copy: the same bytes and time, and no -wal or -shm file left beside it.
    assert fingerprint(path) == before
    assert sorted(os.listdir(path.parent)) == listing


def test_a_collection_anki_has_open_is_read_with_its_unsaved_log(learner, tmp_path):
    path, _, week2 = learner
    col = anki_collection.Collection(str(path))  # Anki running, a note just added
    try:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"] = "威胁"
        col.add_note(note, col.decks.id_for_name("Default"))
        before = fingerprint(path)
        wal = path.with_name(path.name + "-wal")
        wal_before = fingerprint(wal) if wal.exists() else None
        args = ("export", str(week2), "--format", "tsv", "--known-field", "Basic:Front")
        code, _, err = run(*args, "--out", str(tmp_path / "o"), "--known-collection", str(path))
        assert code == 0, err
        assert "威胁" not in vocab_words(tmp_path / "o")
        assert fingerprint(path) == before
        assert (fingerprint(wal) if wal.exists() else None) == wal_before
    finally:
        col.close()


def test_a_missing_collection_or_bad_field_is_one_line(tmp_path):
    code, _, err = run("build", str(SAMPLE), "--known-collection", str(tmp_path / "nope.anki2"))
    assert code == 2 and err.count("\n") == 1 and "nope.anki2: Anki collection not found" in err
    not_anki = tmp_path / "x.anki2"
    not_anki.write_text("hello", encoding="utf-8")
    code, _, err = run("build", str(SAMPLE), "--known-collection", str(not_anki))
    assert code == 2 and err.count("\n") == 1 and "not an Anki collection" in err
    code, _, err = run("build", str(SAMPLE), "--known-field", "Hanzi")
    assert code == 2 and "note type:field" in err
