"""Classes: a folder with flashgen.toml → one package with a subdeck per lesson.

The class is the sample article cut into three lessons, with a known-words file.
Built once per module (annotating is the slow part), with ``--jobs 2`` and with
``--jobs 1``, then inspected in the package's own database and in the real Anki.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main
from flashgen.output.anki import CLOZE_MODEL_ID, VOCAB_MODEL_ID
from flashgen.teach.cards import VOCAB_FIELDS

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"
LESSONS = ("01-chips-reversal.txt", "02-lobbying.txt", "10-what-next.txt")
CLASS = "Chinese 3A"
KNOWN = ("芯片", "政府")  # both occur in every lesson
STAMP = "1752624000"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=120), err_console=Console(file=err, width=120)
    )
    return code, out.getvalue(), err.getvalue()


def make_class(folder: Path, toml: str = "") -> Path:
    """The sample article cut into three lessons (pairs of English and Chinese lines)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[1:]  # without the date line
    pairs = [lines[i : i + 2] for i in range(0, len(lines) - 1, 2)]
    folder.mkdir(parents=True)
    n = len(pairs)
    # Written out of order: lessons follow file names, numbers compared as numbers.
    for k in (2, 0, 1):
        part = pairs[k * n // 3 : (k + 1) * n // 3]
        (folder / LESSONS[k]).write_text(
            "\n".join("\n".join(p) for p in part) + "\n", encoding="utf-8"
        )
    (folder / "known.txt").write_text(
        "# words the class knows\n" + "\n".join(KNOWN) + "\n", encoding="utf-8"
    )
    (folder / "flashgen.toml").write_text(
        f'name = "{CLASS}"\nknown_words = "known.txt"\n' + toml, encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("classes")
    make_class(root / "classes" / "3a")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", STAMP)
    try:
        outs = {}
        for jobs in ("2", "1"):
            out = root / f"decks-{jobs}"
            code, stdout, err = run(
                "build", str(root / "classes"), "--out", str(out), "--jobs", jobs
            )
            assert code == 0, err
            outs[jobs] = out
        outs["stdout"] = Path(stdout)  # not a path: the summary text, kept for one test
    finally:
        mp.undo()
    return outs


def notes_and_cards(apkg: Path, tmp: Path) -> tuple[list[tuple], list[tuple]]:
    with zipfile.ZipFile(apkg) as z:
        (tmp / "c.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp / "c.anki2")
    try:
        notes = db.execute("select id, guid, mid, flds from notes").fetchall()
        cards = db.execute(
            "select c.nid, c.did, c.ord, c.due, n.mid, n.flds from cards c "
            "join notes n on n.id = c.nid order by c.due, c.nid, c.ord"
        ).fetchall()
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
    finally:
        db.close()
    names = {int(i): d["name"] for i, d in decks.items()}
    return notes, [(nid, names[did], o, due, mid, flds) for nid, did, o, due, mid, flds in cards]


def report(out: Path) -> dict:
    return json.loads((out / "Chinese-3A" / "report.json").read_text(encoding="utf-8"))


def test_jobs_2_builds_the_same_bytes_as_jobs_1(built):
    one, two = built["1"], built["2"]
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert sorted(p.as_posix() for p in files) == [
        "Chinese-3A.apkg",
        "Chinese-3A/01-chips-reversal.html",
        "Chinese-3A/02-lobbying.html",
        "Chinese-3A/10-what-next.html",
        "Chinese-3A/report.json",
    ]
    for rel in files:
        if rel.name == "report.json":  # it names its own folder
            assert report(one) == json.loads(
                (two / rel).read_text(encoding="utf-8").replace(str(two), str(one))
            )
        else:
            assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


def test_lessons_are_subdecks_in_file_name_order(built, tmp_path):
    _, cards = notes_and_cards(built["2"] / "Chinese-3A.apkg", tmp_path)
    decks = list(dict.fromkeys(deck for _, deck, *_ in cards))
    assert decks == [
        f"{CLASS}::01 chips reversal",
        f"{CLASS}::02 lobbying",
        f"{CLASS}::10 what next",
    ]
    # New cards come in lesson order: every due of a lesson before the next lesson's.
    dues = [[due for _, deck, _, due, *_ in cards if deck == d] for d in decks]
    assert all(max(a) < min(b) for a, b in itertools.pairwise(dues))


def test_vocab_notes_once_cloze_per_lesson_known_words_absent(built, tmp_path):
    notes, cards = notes_and_cards(built["2"] / "Chinese-3A.apkg", tmp_path)
    vocab = [n for n in notes if n[2] == VOCAB_MODEL_ID]
    words = [n[3].split("\x1f")[0] for n in vocab]
    assert len(words) == len(set(words)) == len({n[1] for n in vocab})  # once across lessons
    assert not set(KNOWN) & set(words)
    assert not any(
        n[3].split("\x1f")[2] in KNOWN for n in notes if n[2] == CLOZE_MODEL_ID
    )  # no cloze hides a known word
    rep = report(built["2"])
    new = [[w["word"] for w in lesson["new_words"]] for lesson in rep["lessons"]]
    assert sum(map(len, new)) == len(words)
    assert len({w for ws in new for w in ws}) == len(words)
    # A word met again in a later lesson: a cloze card there, its vocab note in the first.
    review = rep["lessons"][1]["review_words"] + rep["lessons"][2]["review_words"]
    assert review, "the lessons share no words: the test text no longer tests this"
    vocab_deck = {n[5].split("\x1f")[0]: n[1] for n in cards if n[4] == VOCAB_MODEL_ID}
    for lesson in rep["lessons"][1:]:
        cloze_words = {
            c[5].split("\x1f")[2]
            for c in cards
            if c[4] == CLOZE_MODEL_ID and c[1] == lesson["deck"]
        }
        for word in lesson["review_words"]:
            assert vocab_deck[word] != lesson["deck"]
            assert word in cloze_words or any(word in w for w in cloze_words)
    # The vocab note of a shared word names the other lessons it is in.
    word = review[0]
    (fields,) = [n[3] for n in vocab if n[3].split("\x1f")[0] == word]
    assert "also in" in fields.split("\x1f")[VOCAB_FIELDS.index("Source")]
    for lesson in rep["lessons"]:
        reasons = {k["word"]: k["reason"] for k in lesson["known_skipped"]}
        assert reasons["芯片"] == reasons["政府"] == "known-words file"


def test_summary_table_has_a_row_per_lesson_and_a_total(built):
    table = str(built["stdout"])
    for label in ("01 chips reversal", "02 lobbying", "10 what next", "total, 3 lessons"):
        assert label in table


def test_report_counts_match_the_package(built, tmp_path):
    _, cards = notes_and_cards(built["2"] / "Chinese-3A.apkg", tmp_path)
    rep = report(built["2"])
    assert rep["total"]["cards"] == len(cards) == sum(x["cards"] for x in rep["lessons"])
    for lesson in rep["lessons"]:
        assert lesson["cards"] == sum(1 for c in cards if c[1] == lesson["deck"])
        assert lesson["words_found"] >= len(lesson["new_words"]) > 0
        assert {"names_skipped", "numbers_skipped", "parts_skipped", "idioms", "left_out"} <= (
            lesson.keys()
        )
    assert "特朗普" in rep["lessons"][0]["names_skipped"]


def test_the_class_imports_into_anki_with_its_subdecks(built, tmp_path):
    from anki_helpers import assert_clozes_hide_their_word, import_apkg

    anki_collection = pytest.importorskip("anki.collection")
    col = anki_collection.Collection(str(tmp_path / "c.anki2"))
    try:
        log = import_apkg(col, built["2"] / "Chinese-3A.apkg")
        assert not (log.duplicate or log.conflicting or log.missing_notetype)
        rep = report(built["2"])
        assert len(log.new) == rep["total"]["notes"]
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {CLASS} | {lesson["deck"] for lesson in rep["lessons"]} <= names
        for lesson in rep["lessons"]:
            assert len(col.find_cards(f'"deck:{lesson["deck"]}"')) == lesson["cards"]
        assert len(col.find_cards(f'"deck:{CLASS}"')) == rep["total"]["cards"]
        assert not col.get_empty_cards().notes
        assert_clozes_hide_their_word(col)
        # Every note is tagged flashgen, with its lesson and its word's HSK level.
        assert len(col.find_notes("tag:flashgen")) == col.note_count()
        assert not col.find_notes("-tag:HSK::*")
        for lesson in rep["lessons"]:
            tag = "flashgen::class::Chinese_3A::" + lesson["deck"].split("::")[1].replace(" ", "_")
            in_deck = set(col.find_notes(f'"deck:{lesson["deck"]}"'))
            assert set(col.find_notes(f'"tag:{tag}"')) == in_deck != set()
        # The same class imported again (built with --jobs 1): nothing added.
        before = col.note_count()
        again = import_apkg(col, built["1"] / "Chinese-3A.apkg")
        assert not again.new and col.note_count() == before
    finally:
        col.close()


def test_max_new_words_ranks_and_reports_what_was_left_out(tmp_path):
    make_class(tmp_path / "c", 'max_new_words = 10\ncards = ["cloze"]\n')
    code, _, err = run(
        "build", str(tmp_path / "c"), "--out", str(tmp_path / "out"), "--jobs", "1", "--quiet"
    )
    assert code == 0, err
    rep = report(tmp_path / "out")
    for lesson in rep["lessons"]:
        assert len(lesson["new_words"]) == 10
        assert lesson["left_out"], lesson["deck"]
        scores = [w["score"] for w in lesson["left_out"]]
        assert scores == sorted(scores, reverse=True)
    notes, _cards = notes_and_cards(tmp_path / "out" / "Chinese-3A.apkg", tmp_path)
    assert {n[2] for n in notes} == {CLOZE_MODEL_ID}  # cards = ["cloze"]: no vocab notes


def test_command_line_overrides_the_class_file(tmp_path):
    make_class(tmp_path / "c", "max_new_words = 10\n")
    code, _, err = run(
        "build",
        str(tmp_path / "c"),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "1",
        "--quiet",
        "--max-new",
        "3",
        "--per-lesson",
    )
    assert code == 0, err
    rep = report(tmp_path / "out")
    assert [len(lesson["new_words"]) for lesson in rep["lessons"]] == [3, 3, 3]
    assert sorted(p.name for p in (tmp_path / "out" / "Chinese-3A").glob("*.apkg")) == [
        "01-chips-reversal.apkg",
        "02-lobbying.apkg",
        "10-what-next.apkg",
    ]
    assert not (tmp_path / "out" / "Chinese-3A.apkg").exists()


def test_a_bad_class_file_is_a_usage_error_naming_key_and_file(tmp_path):
    make_class(tmp_path / "c", "max_new = 3\n")
    code, _out, err = run("build", str(tmp_path / "c"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "flashgen.toml" in err and "max_new" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_bad_lesson_fails_alone(tmp_path):
    folder = make_class(tmp_path / "c")
    (folder / "05-scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    code, _out, err = run("build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert code == 1
    assert "05-scan.txt" in err and "Traceback" not in err
    rep = report(tmp_path / "out")
    assert [bool(lesson.get("error")) for lesson in rep["lessons"]] == [False, False, True, False]
    assert rep["total"]["lessons"] == 3 and rep["errors"][0]["input"].endswith("05-scan.txt")
    assert (tmp_path / "out" / "Chinese-3A.apkg").exists()


def test_each_lesson_handout_renders_in_chromium(built, chromium, read_table, tmp_path):
    rep = report(built["2"])
    for lesson in rep["lessons"]:
        page = Path(lesson["handout"])
        table = read_table(chromium(page, "--dump-dom"))
        assert table.head == ["#", "Word", "Pinyin", "HSK", "Meaning"]
        words = [w["word"] for w in lesson["new_words"]]
        assert len(table.words) == len(words)
        shown = [r.cells[1] for r in table.words]
        assert all(any(s.startswith(w) for s in shown) for w in words)
    png = tmp_path / "lesson.png"
    chromium(
        Path(rep["lessons"][0]["handout"]),
        f"--screenshot={png}",
        "--window-size=1240,1754",
    )
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 50_000


def test_export_writes_the_same_selection(built, tmp_path):
    import csv

    folder = make_class(tmp_path / "c")
    rep = report(built["2"])
    code, _out, err = run(
        "export", str(folder), "--format", "csv", "--out", str(tmp_path / "x"), "--jobs", "1"
    )
    assert code == 0, err
    with (tmp_path / "x" / "Chinese-3A.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["lesson"], r["hanzi"]) for r in rows] == [
        (lesson["deck"], w["word"]) for lesson in rep["lessons"] for w in lesson["new_words"]
    ]
    code, _out, err = run(
        "export",
        str(folder),
        "--format",
        "pleco",
        "--out",
        str(tmp_path / "x"),
        "--jobs",
        "1",
        "--max-new",
        "2",
    )
    assert code == 0, err
    lines = (tmp_path / "x" / "Chinese-3A.txt").read_text(encoding="utf-8").splitlines()
    assert [ln for ln in lines if ln.startswith("//")] == [
        "//Chinese 3A/01 chips reversal",
        "//Chinese 3A/02 lobbying",
        "//Chinese 3A/10 what next",
    ]
    assert len(lines) == 3 + 3 * 2 and all(ln.count("\t") == 2 for ln in lines[1:3])


def test_lessons_with_the_same_name_get_decks_of_their_own(tmp_path):
    folder = make_class(tmp_path / "c")
    (folder / "01 chips reversal.md").write_text(
        "政府批准了芯片出口。\nThe government approved chip exports.\n", encoding="utf-8"
    )
    code, _, err = run(
        "build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1", "--quiet"
    )
    assert code == 0, err
    decks = [lesson["deck"] for lesson in report(tmp_path / "out")["lessons"]]
    assert len(decks) == len(set(decks)) == 4
    assert len({lesson["handout"] for lesson in report(tmp_path / "out")["lessons"]}) == 4


def test_a_class_without_texts_is_an_error_and_the_others_are_built(tmp_path):
    empty = tmp_path / "classes" / "empty"
    empty.mkdir(parents=True)
    (empty / "flashgen.toml").write_text('name = "Empty"\n', encoding="utf-8")
    make_class(tmp_path / "classes" / "c")
    code, out, err = run("build", str(tmp_path / "classes"), "--out", str(tmp_path / "d"), "--json")
    assert code == 1
    assert err == (
        f"flashgen: error: {empty}: no .txt or .md files found — give a file or a "
        "folder containing Chinese texts\n"
    )
    summary = json.loads(out)
    assert [c["class"] for c in summary["classes"]] == ["Chinese 3A", "Empty"]
    assert [e["input"] for e in summary["errors"]] == [str(empty)]
    assert (tmp_path / "d" / "Chinese-3A.apkg").exists()


def test_lesson_numbers_are_zero_padded_so_anki_sorts_them(tmp_path):
    from flashgen.classes.lessons import discover

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "flashgen.toml").write_text('name = "3A"\n', encoding="utf-8")
    for name in ("4 news.txt", "10-travel.txt", "notes.txt"):
        (folder / name).write_text("我们学习中文。\n", encoding="utf-8")
    (spec,) = discover([folder]).classes
    decks = [lesson.deck for lesson in spec.lessons]
    # A lesson without a number is numbered by its place (third).
    assert decks == ["3A::04 news", "3A::10 travel", "3A::03 notes"]
    (folder / "120-last.txt").write_text("我们学习中文。\n", encoding="utf-8")
    (spec,) = discover([folder]).classes
    assert "3A::004 news" in [lesson.deck for lesson in spec.lessons]
