"""Capitalised words with an apostrophe or a hyphen ("You're", "Can't") are told from
pinyin names by the kept answers of wordfreq where it was asked once: the same answers."""

from __future__ import annotations

from wordfreq import zipf_frequency

from flashgen.align.anchors import _NAME_MAX_ZIPF, _marked_english


def test_kept_answers_are_wordfreqs() -> None:
    marked = _marked_english()
    assert marked["you're"] and marked["can't"] and marked["aren't"]
    assert len(marked) > 100
    for word, common in marked.items():
        assert common == (zipf_frequency(word, "en") >= _NAME_MAX_ZIPF), word
