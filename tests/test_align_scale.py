"""Whole-document alignment, block by block: the same links and scores as the former
whole-array code (``tests/align_reference.py``), whatever the size of the blocks."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from align_reference import align_reference  # tests/ is on sys.path (rootdir-less test files)
from test_align import assert_well_formed, sample_pairs

from flashgen.align import costs as bead_costs
from flashgen.align.search import AlignParams, align_sentences
from flashgen.text.sentences import split_en, split_zh

ROOT = Path(__file__).parent.parent
TATOEBA = ROOT / ".." / "shared" / "eval" / "corpus" / "tatoeba_cmn_eng.tsv"


def text(seed: int, paragraphs: int) -> tuple[list[str], list[str]]:
    """The sample article's paragraphs in a random order, some twice, as one text; now and
    then an English sentence dropped or a Chinese one doubled (skips and merges)."""
    rng = random.Random(seed)
    pairs = sample_pairs()
    zh: list[str] = []
    en: list[str] = []
    for _ in range(paragraphs):
        zh_para, en_para = rng.choice(pairs)
        for s in split_zh(zh_para):
            zh.extend([s, s] if rng.random() < 0.1 else [s])
        en.extend(s for s in split_en(en_para) if rng.random() > 0.1)
    return zh, en


def same(zh: list[str], en: list[str], params: AlignParams) -> None:
    links = align_sentences(zh, en, params)
    assert_well_formed(links, len(zh), len(en))
    assert links == align_reference(zh, en, params)  # scores included


@pytest.mark.parametrize("cells", [40, 300, 1 << 16])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocks_give_the_former_links(
    monkeypatch: pytest.MonkeyPatch, cells: int, seed: int
) -> None:
    """A narrow band (widened when the path runs along its edge), cut into blocks of a
    few rows, of some dozens of rows, or one block for the whole band."""
    monkeypatch.setattr(bead_costs, "BLOCK_CELLS", cells)
    zh, en = text(seed, 80)
    same(zh, en, AlignParams(band=2, band_cap=2))
    same(zh, en, AlignParams())


def test_steep_and_short_texts_give_the_former_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bead_costs, "BLOCK_CELLS", 40)
    zh, en = text(4, 6)
    for z, e in [
        (zh[:1], en),
        (zh, en[:1]),
        (zh[:3], en[:40]),
        (zh[:40], en[:2]),
        (zh[:2], en[:2]),
        (zh, en),
    ]:
        same(z, e, AlignParams(band=2, band_cap=4))


@pytest.mark.skipif(not TATOEBA.exists(), reason="needs ../shared/eval/corpus")
def test_tatoeba_document_gives_the_former_links() -> None:
    """1,500 shuffled Tatoeba pairs as one text (as benchmarks/align_scale.py does)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from tatoeba import load_pairs

    chosen = random.Random(1500).sample(load_pairs(), 1500)
    zh, en = [z for _, z in chosen], [e for e, _ in chosen]
    same(zh, en, AlignParams())
