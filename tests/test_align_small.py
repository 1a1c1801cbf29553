"""The plain-Python search of narrow bands and their bead costs
(``bead_costs.SMALL_WIDTH``) gives the same links
and the same scores, to the last bit, as the numpy search it stands in for."""

from __future__ import annotations

import pytest
from test_align import sample_pairs  # tests/ is on sys.path (rootdir-less test files)
from test_align_scale import text

from flashgen.align import costs as bead_costs
from flashgen.align import search as align
from flashgen.align.search import DEFAULT_PARAMS, AlignParams
from flashgen.text.sentences import split_en, split_zh


def both(
    zh: list[str],
    en: list[str],
    params: AlignParams = DEFAULT_PARAMS,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> None:
    assert monkeypatch is not None
    monkeypatch.setattr(bead_costs, "SMALL_WIDTH", 10**9)
    small = align.align_sentences(zh, en, params)
    monkeypatch.setattr(bead_costs, "SMALL_WIDTH", 0)
    wide = align.align_sentences(zh, en, params)
    assert small == wide


def test_sample_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    for zh, en in sample_pairs():
        both(split_zh(zh), split_en(en), monkeypatch=monkeypatch)
        both(split_zh(zh), split_en(en), AlignParams(band=1), monkeypatch=monkeypatch)


@pytest.mark.parametrize("seed", range(4))
def test_longer_texts_and_narrow_bands(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    zh, en = text(seed, 12)
    both(zh, en, monkeypatch=monkeypatch)
    both(zh, en, AlignParams(band=2, band_cap=2), monkeypatch=monkeypatch)


def test_skips_and_steep_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    zh = ["我们走吧。", "好。", "他笑了。"]
    en = ["Let's go.", "OK.", "Something else entirely.", "He laughed.", "Yes."]
    both(zh, en, monkeypatch=monkeypatch)
    both(zh[:1], en, monkeypatch=monkeypatch)
    both(zh, en[:1], monkeypatch=monkeypatch)
