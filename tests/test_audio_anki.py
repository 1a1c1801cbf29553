"""The sample deck built with ``--audio``, imported into the real Anki: its media arrive,
every ``[sound:…]`` resolves to a file that decodes, and nothing else is there."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main
from flashgen.teach.cards import CLOZE_FIELDS, VOCAB_FIELDS

anki_collection = pytest.importorskip("anki.collection")
soundfile = pytest.importorskip("soundfile")
from anki_helpers import import_apkg  # noqa: E402  (after the importorskip)

# Building the sample twice with audio and once without takes some 10 s of CPU.
pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"
DECK = "000_83bce5aa88b4fec1.apkg"
SOUND = re.compile(r"\[sound:([^\]]+)\]")


def build(out: Path, *options: str) -> Path:
    code = main(
        ["build", str(SAMPLE), "--out", str(out), "--quiet", *options],
        console=Console(file=StringIO()),
        err_console=Console(file=StringIO()),
    )
    assert code == 0
    return out / DECK


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("audio-decks")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1752624000")
        return {
            "audio": build(root / "first", "--audio"),
            "again": build(root / "again", "--audio"),  # from the cache
            "plain": build(root / "plain"),
        }


def notes(apkg: Path, tmp_path: Path) -> list[tuple[int, list[str]]]:
    with zipfile.ZipFile(apkg) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    try:
        rows = db.execute("select mid, flds from notes order by id").fetchall()
    finally:
        db.close()
    return [(mid, flds.split("\x1f")) for mid, flds in rows]


def test_imports_with_its_media_every_sound_resolves_and_decodes(decks, tmp_path):
    col = anki_collection.Collection(str(tmp_path / "c.anki2"))
    try:
        log = import_apkg(col, decks["audio"])
        assert len(log.new) == 80  # 40 words (the default cap): 40 vocab + 40 cloze
        media = Path(col.media.dir())
        referenced: set[str] = set()
        word_sounds = sentence_sounds = 0
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            fields = dict(note.items())
            assert SOUND.fullmatch(fields["Audio"]), fields  # both note types have it
            word_sounds += 1
            assert SOUND.fullmatch(fields["SentenceAudio"]), fields
            sentence_sounds += 1
            for value in fields.values():
                referenced.update(SOUND.findall(value))
        assert (word_sounds, sentence_sounds) == (80, 80)  # every vocab and cloze note
        present = {p.name for p in media.iterdir() if p.is_file()}
        assert present == referenced  # every reference resolves; no orphan media
        check = col.media.check()
        assert (list(check.missing), list(check.unused)) == ([], [])
        for name in sorted(referenced):
            samples, rate = soundfile.read(media / name, dtype="int16")
            assert rate == 22050 and len(samples) > 0.15 * rate, name  # plays something
        # As Anki renders the cards: no question says its answer; every answer plays the
        # word and the sentence.
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            assert card.question_av_tags() == [], card.question()
            played = {tag.filename for tag in card.answer_av_tags()}
            fields = dict(card.note().items())
            sounds = [SOUND.fullmatch(fields[f]) for f in ("Audio", "SentenceAudio")]
            assert played == {m.group(1) for m in sounds if m} and all(sounds)
    finally:
        col.close()


def test_the_package_lists_exactly_its_numbered_media(decks, tmp_path):
    vocab = [f for _, f in notes(decks["plain"], tmp_path) if len(f) == len(VOCAB_FIELDS)]
    field = VOCAB_FIELDS.index("Sentence")
    sentences = {re.sub(r"<[^>]+>", "", f[field]) for f in vocab}  # the bold differs
    with zipfile.ZipFile(decks["audio"]) as z:
        index = __import__("json").loads(z.read("media"))
        names = set(z.namelist())
    assert names == {"collection.anki2", "media", *index}
    assert sorted(index, key=int) == [str(i) for i in range(len(index))]
    # One file per word and one per distinct example sentence (words share sentences).
    assert len(vocab) == 40 and 10 < len(sentences) < 40
    assert len(index) == len(vocab) + len(sentences)


def test_a_rebuild_from_the_cache_is_byte_identical(decks):
    assert decks["again"].read_bytes() == decks["audio"].read_bytes()


def test_audio_changes_nothing_but_the_audio_fields(decks, tmp_path):
    with_audio, plain = notes(decks["audio"], tmp_path), notes(decks["plain"], tmp_path)
    assert len(with_audio) == len(plain) == 80
    for (mid, fields), (plain_mid, plain_fields) in zip(with_audio, plain, strict=True):
        names = VOCAB_FIELDS if len(fields) == len(VOCAB_FIELDS) else CLOZE_FIELDS
        audio = {"Audio", "SentenceAudio"}
        assert mid == plain_mid
        assert [f for n, f in zip(names, fields, strict=True) if n not in audio] == [
            f for n, f in zip(names, plain_fields, strict=True) if n not in audio
        ]
        assert all(f == "" for n, f in zip(names, plain_fields, strict=True) if n in audio)
    with zipfile.ZipFile(decks["plain"]) as z:
        assert z.read("media") == b"{}" and sorted(z.namelist()) == ["collection.anki2", "media"]
