"""Alignments of texts made from the sample article, against golden files: the links and
scores the aligner gives, whatever the size of the blocks the band is computed in.

Each file of ``tests/golden/align/`` holds one case: for each text, a ``#`` line naming
it, then one line per link, ``[Chinese sentences]:[English sentences] score`` (MAC-Dev's
gold format, plus the score).  Review a change with ``git diff tests/golden``; regenerate
with ``FLASHGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_align_golden.py``.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from flashgen.align import costs
from flashgen.align.model import AlignParams
from flashgen.align.search import align_sentences
from flashgen.datatypes import Link
from flashgen.text.sentences import split_en, split_zh

GOLDEN = Path(__file__).parent / "golden" / "align"
NARROW = AlignParams(band=2, band_cap=2)  # a band the path leaves, so it is widened
DEFAULT = AlignParams()

Pairs = list[tuple[str, str]]
WellFormed = Callable[[list[Link], int, int], None]  # the assert_well_formed fixture


def text(pairs: Pairs, seed: int, paragraphs: int) -> tuple[list[str], list[str]]:
    """The sample article's paragraphs in a random order, some twice, as one text; now and
    then an English sentence dropped or a Chinese one doubled (skips and merges)."""
    rng = random.Random(seed)
    zh: list[str] = []
    en: list[str] = []
    for _ in range(paragraphs):
        zh_para, en_para = rng.choice(pairs)
        for s in split_zh(zh_para):
            zh.extend([s, s] if rng.random() < 0.1 else [s])
        en.extend(s for s in split_en(en_para) if rng.random() > 0.1)
    return zh, en


def render(cases: list[tuple[str, list[Link]]]) -> str:
    def side(sentences: tuple[int, ...]) -> str:
        return json.dumps(list(sentences), separators=(",", ":"))

    out = []
    for title, links in cases:
        out.append(f"# {title}")
        out += [f"{side(link.zh)}:{side(link.en)} {link.score}" for link in links]
    return "\n".join(out) + "\n"


def assert_golden(name: str, cases: list[tuple[str, list[Link]]]) -> None:
    path = GOLDEN / f"{name}.align"
    got = render(cases)
    if os.environ.get("FLASHGEN_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with FLASHGEN_UPDATE_GOLDEN=1 to make it"
    assert got == path.read_text(encoding="utf-8")


def aligned(
    zh: list[str], en: list[str], params: AlignParams, assert_well_formed: WellFormed
) -> list[Link]:
    links = align_sentences(zh, en, params)
    assert_well_formed(links, len(zh), len(en))
    return links


def test_sample_paragraphs(sample_pairs: Pairs, assert_well_formed: WellFormed) -> None:
    cases = []
    for params, label in [(DEFAULT, "default"), (AlignParams(band=1), "band=1")]:
        for p, (zh, en) in enumerate(sample_pairs):
            links = aligned(split_zh(zh), split_en(en), params, assert_well_formed)
            cases.append((f"sample paragraph {p}, {label}", links))
    assert_golden("sample_paragraphs", cases)


def test_short_texts(sample_pairs: Pairs, assert_well_formed: WellFormed) -> None:
    cases = []
    for seed in range(4):
        zh, en = text(sample_pairs, seed, 12)
        for params, label in [(DEFAULT, "default"), (NARROW, "band=2, band_cap=2")]:
            links = aligned(zh, en, params, assert_well_formed)
            cases.append((f"text(seed={seed}, paragraphs=12), {label}", links))
    assert_golden("short_texts", cases)


def test_skips_and_steep_texts(
    sample_pairs: Pairs, assert_well_formed: WellFormed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sentences left without translation, one sentence against many, blocks of a few rows."""
    monkeypatch.setattr(costs, "BLOCK_CELLS", 40)
    zh = ["我们走吧。", "好。", "他笑了。"]
    en = ["Let's go.", "OK.", "Something else entirely.", "He laughed.", "Yes."]
    cases = [
        ("skips: 3 against 5", aligned(zh, en, DEFAULT, assert_well_formed)),
        ("skips: 1 against 5", aligned(zh[:1], en, DEFAULT, assert_well_formed)),
        ("skips: 3 against 1", aligned(zh, en[:1], DEFAULT, assert_well_formed)),
    ]
    zh, en = text(sample_pairs, 4, 6)
    params = AlignParams(band=2, band_cap=4)
    for label, z, e in [
        ("zh[:1], en", zh[:1], en),
        ("zh, en[:1]", zh, en[:1]),
        ("zh[:3], en[:40]", zh[:3], en[:40]),
        ("zh[:40], en[:2]", zh[:40], en[:2]),
        ("zh[:2], en[:2]", zh[:2], en[:2]),
        ("zh, en", zh, en),
    ]:
        links = aligned(z, e, params, assert_well_formed)
        cases.append((f"text(seed=4, paragraphs=6): {label}, band=2, band_cap=4", links))
    assert_golden("skips_and_steep", cases)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_long_texts_whatever_the_blocks(
    sample_pairs: Pairs,
    assert_well_formed: WellFormed,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    """A narrow band (widened when the path runs along its edge) and the default one; the
    band computed in blocks of a few rows or of some dozens of rows gives the same links
    and scores as in the usual blocks."""
    zh, en = text(sample_pairs, seed, 80)
    cases = []
    for params, label in [(NARROW, "band=2, band_cap=2"), (DEFAULT, "default")]:
        links = aligned(zh, en, params, assert_well_formed)
        cases.append((f"text(seed={seed}, paragraphs=80), {label}", links))
        for cells in (40, 300):
            monkeypatch.setattr(costs, "BLOCK_CELLS", cells)
            assert align_sentences(zh, en, params) == links, cells
            monkeypatch.undo()
    assert_golden(f"long_text_{seed}", cases)


@pytest.mark.slow
def test_book_sized_text(sample_pairs: Pairs, assert_well_formed: WellFormed) -> None:
    """1,136 Chinese sentences against 910 English: a band as wide as ``band_cap``, many
    blocks."""
    zh, en = text(sample_pairs, 5, 500)
    assert len(zh) > 1000
    links = aligned(zh, en, DEFAULT, assert_well_formed)
    assert_golden("book_sized_text", [("text(seed=5, paragraphs=500), default", links)])
