"""Large inputs: the invariants that keep memory bounded and time linear.

The full measurement (20 MB, 2 MB on one line) is ``benchmarks/large_input.py``; these
run in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from flashgen.build.texts import BuildConfig, build_deck
from flashgen.compiled import from_source
from flashgen.datatypes import Document, Paragraph, SentencePair
from flashgen.language.annotate import iter_annotated
from flashgen.text.inputs import InputText
from flashgen.text.sentences import MAX_ZH_SENTENCE, split_zh

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(st.text(alphabet="我们走吧，、。！ ab1\"'”", max_size=2000))
def test_split_zh_pieces_are_bounded_and_rejoin(paragraph: str) -> None:
    pieces = split_zh(paragraph)
    assert all(0 < len(p) <= MAX_ZH_SENTENCE and p == p.strip() for p in pieces)
    assert no_space("".join(pieces)) == no_space(paragraph)


def test_a_line_without_punctuation_is_cut_hard() -> None:
    line = "我们走吧" * 1000
    pieces = split_zh(line)
    assert [len(p) for p in pieces] == [MAX_ZH_SENTENCE] * 13 + [100]
    assert "".join(pieces) == line


def test_a_long_sentence_is_cut_after_its_last_comma_before_the_limit() -> None:
    clause = "他说" * 50 + "，"  # 101 characters
    pieces = split_zh(clause * 5 + "。")
    assert pieces == [clause * 2, clause * 2, clause + "。"]


def test_short_sentences_are_untouched() -> None:
    assert split_zh("他说：“好。”我们走吧！") == ["他说：“好。”", "我们走吧！"]


def long_document(first: str, last: str, filler: int) -> Document:
    """``first`` and ``last`` with ``filler`` short sentences between them, one per line."""
    lines = [first, *(f"我们走了{i}步。" for i in range(filler)), last]
    return Document(
        Path("long.txt"), None, tuple(Paragraph(i, z, None) for i, z in enumerate(lines))
    )


def test_iter_annotated_streams_without_reading_the_whole_text() -> None:
    # Memory stays bounded only if the first sentences come out before the last are read.
    # Counted on a copy of the module run from its source: compiled code calls _pairs
    # directly, not through the module's namespace.
    annotate = from_source("flashgen.language.annotate")
    pulled = 0
    real = annotate._pairs  # sentence_pairs as annotating makes them

    def counting(doc: Document, defer: bool) -> Iterator[tuple[SentencePair, Any]]:
        nonlocal pulled
        for item in real(doc, defer):
            pulled += 1
            yield item

    annotate._pairs = counting
    doc = long_document("我们走吧。", "他们来了。", 2000)
    sentences = annotate.iter_annotated(doc)
    first = next(sentences)
    assert first.zh == "我们走吧。" and first.sentence == 0
    assert 0 < pulled < 1000  # a chunk of a few hundred, not the 2,002 sentences


def test_a_dot_name_written_out_late_is_a_name_in_the_first_chunk() -> None:
    # Lutnick / said / , / we / go / .  ...2,000 sentences...  Howard·Lutnick / said / .
    doc = long_document("卢特尼克说，我们走吧。", "霍华德·卢特尼克说。", 2000)
    first = next(iter_annotated(doc))
    assert [t.kind for t in first.tokens if t.text == "卢特尼克"] == ["name"]
    alone = long_document("卢特尼克说，我们走吧。", "他们来了。", 0)
    assert [t.kind for t in next(iter_annotated(alone)).tokens if t.text == "卢特尼克"] != [
        "name"
    ], "the name must come from the last sentence, else this test proves nothing"


def test_a_long_single_line_builds(tmp_path: Path) -> None:
    # About 200 KB of UTF-8 on one line, no sentence punctuation after the first part.
    base = "".join(
        ln
        for ln in SAMPLE.read_text(encoding="utf-8").splitlines()
        if re.search(r"[\u4e00-\u9fff]", ln)
    )
    line = (base * 60)[:95_000]
    line = line[:10_000] + re.sub(r"[^\w]", "", line[10_000:])
    text = tmp_path / "long.txt"
    text.write_text(line + "\n", encoding="utf-8")
    assert len(text.read_bytes()) > 190_000
    summary = build_deck(
        InputText(text.stem, text, None),
        tmp_path / "long.apkg",
        BuildConfig(out_dir=tmp_path, max_new=None),
        0.0,
    )
    assert summary.path.exists()
    assert summary.counts.sentences >= len(line) // MAX_ZH_SENTENCE
    assert summary.notes > 100
