"""Property tests: whatever text or bytes a teacher feeds it, ``annotate`` and ``build``
finish with a one-line message at most, and every deck written imports into the real Anki.

Inputs are (a) random Unicode rich in the characters pasted text carries (CJK and its
extension B, emoji, full-width forms, controls, zero-width and RTL marks, lone
punctuation), (b) random interleavings of the sample article's English and Chinese
paragraphs with random text and blank lines, and (c) random bytes, some behind a BOM or
cut from the sample article in another encoding.
"""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from flashgen.cli import main

anki_collection = pytest.importorskip("anki.collection")
from anki_helpers import import_apkg, strip_tags  # noqa: E402  (after the importorskip)

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"
LINES = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
ZH = [line for line in LINES if any("\u4e00" <= c <= "\u9fff" for c in line)]
EN = [line for line in LINES if line not in ZH]
NAME = "fuzzed.txt"

SPECIAL = (
    "中文学习芯片政府批准出口关税一丝不苟行"  # CJK
    "𠀀𠮷𪚥𫝀"  # extension B and later, outside the BMP
    "😀🇨🇳👍🏽‍"  # emoji, a flag, a skin-tone modifier, ZWJ
    "ＡＢｃ１２３，。！？：；（）　"  # full-width forms and the ideographic space
    "\x00\x07\x0b\x0c\x1b\x1e\x1f\x7f\x85"  # controls, \x1f is Anki's field separator
    "\u200b\u200c\u200d\u2060\ufeff\u00a0"  # zero-width and non-breaking spaces
    "\u200e\u200f\u202a\u202e\u2066\u2069"  # bidi marks and overrides
    "。，、；：？！“”‘’《》【】…—·.,;:?!\"'()[]{}<>&#*_`~|\\/-"  # lone punctuation
    "\r\n\t "
)

unicode_text = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL)),
    max_size=120,
)
# Chunks of the article keep some real words among the noise.
zh_chunk = st.builds(
    lambda line, i, n: line[i : i + n], st.sampled_from(ZH), st.integers(0, 60), st.integers(1, 40)
)
noisy_text = st.lists(st.one_of(unicode_text, zh_chunk), max_size=4).map("".join)

paragraph = st.one_of(st.sampled_from(ZH), st.sampled_from(EN), unicode_text)
pair = st.tuples(st.sampled_from(ZH), st.sampled_from(EN)).flatmap(
    lambda zh_en: st.sampled_from(
        [
            [zh_en[0], zh_en[1]],
            [zh_en[1], zh_en[0]],
            [zh_en[0]],
            [zh_en[1]],  # en after, before,
            [zh_en[1], zh_en[1] + " " + zh_en[1], zh_en[0]],  # missing; split differently
        ]
    )
)


@st.composite
def interleaved(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(st.one_of(pair, paragraph.map(lambda p: [p])), min_size=1, max_size=8))
    out = []
    for block in blocks:
        for p in block:
            out.append(p)
            out.append("\n" * draw(st.integers(1, 3)))  # random blank lines
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return "".join(out).replace("\n", newline)


BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5", "utf-32"]
sample_bytes = st.builds(
    lambda line, enc, cut: line.encode(enc, errors="replace")[cut:],
    st.sampled_from(ZH),
    st.sampled_from(ENCODINGS),
    st.integers(0, 3),
)
random_bytes = st.lists(
    st.one_of(st.binary(max_size=80), sample_bytes),
    min_size=1,
    max_size=4,
).flatmap(lambda parts: st.sampled_from(BOMS).map(lambda bom: bom + b"".join(parts)))

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=100), err_console=Console(file=err, width=100)
    )
    return code, out.getvalue(), err.getvalue()


def assert_clean_exit(code: int, err: str) -> None:
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    for line in err.splitlines():
        if line.strip():
            # One line per problem, naming the file it is about.
            assert line.startswith("flashgen:") and NAME in line, err


def check_annotate(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / NAME
        path.write_bytes(data)
        code, out, err = run("annotate", str(path))
    assert_clean_exit(code, err)
    for line in out.splitlines():
        record = json.loads(line)
        tokens = record["tokens"]
        assert "".join(t["text"] for t in tokens) == record["zh"]
        assert all(record["zh"][t["start"] : t["end"]] == t["text"] for t in tokens)


def check_build(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, out_dir = Path(tmp) / NAME, Path(tmp) / "decks"
        path.write_bytes(data)
        code, _, err = run("build", str(path), "--out", str(out_dir), "--quiet")
        assert_clean_exit(code, err)
        decks = sorted(out_dir.glob("*.apkg")) if out_dir.exists() else []
        assert len(decks) <= 1
        if code == 0 and not err:
            assert decks, "a clean build wrote no deck"
        assert not list(out_dir.glob(".*")) if out_dir.exists() else True  # no temporaries
        for deck in decks:
            assert_imports_cleanly(deck, Path(tmp) / "collection.anki2")


def assert_imports_cleanly(deck: Path, collection: Path) -> None:
    col = anki_collection.Collection(str(collection))
    try:
        log = import_apkg(col, deck)
        assert not (log.missing_notetype or log.missing_deck or log.empty_first_field)
        assert len(log.new) == col.note_count()  # may be 0: a text with no new word
        for nid in col.find_notes(""):
            assert col.get_note(nid).card_ids(), "a note without cards"
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            assert strip_tags(card.question()).strip(), f"empty front: {card.note().fields}"
    finally:
        col.close()


def utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(noisy_text)
def test_annotate_random_unicode(text):
    check_annotate(utf8(text))


@pytest.mark.slow  # 25 decks built and imported into Anki
@settings(FUZZ, max_examples=25)
@given(noisy_text)
@example(text="佢[sound:0]")  # once made a note genanki refused (a media reference)
def test_build_random_unicode(text):
    check_build(utf8(text))


@FUZZ
@given(interleaved())
def test_annotate_interleaved_paragraphs(text):
    check_annotate(utf8(text))


@pytest.mark.slow  # 25 decks built and imported into Anki
@settings(FUZZ, max_examples=25)
@given(interleaved())
def test_build_interleaved_paragraphs(text):
    check_build(utf8(text))


@FUZZ
@given(random_bytes)
def test_annotate_random_bytes(data):
    check_annotate(data)


@pytest.mark.slow  # 25 decks built and imported into Anki
@settings(FUZZ, max_examples=25)
@given(random_bytes)
def test_build_random_bytes(data):
    check_build(data)


def test_unit_separator_in_the_text():
    # \x1f is Anki's field separator: it must never reach a note field.
    check_build(utf8("牲\x1f0"))
