"""How much of a link its own content supports: an absolute check of an alignment.

``Link.score`` is relative: the probability that the link beats the other ways of
aligning the same sentences.  It says nothing about whether the two sides translate each
other at all — three Chinese sentences against one unrelated English sentence make a 3–1
link of probability 0.997, there being no other way.  :func:`link_support` looks at the
link alone, with the aligner's own evidence (dictionary glosses, numbers, Latin tokens and
pinyin names shared by the two sides, see :mod:`flashgen.align.anchors`).

>>> link_support(["天气很好。"], ["Trump said tariffs would rise."], [Link((0,), (0,), 1.0)])
[0.0]
>>> link_support(["天气很好。"], ["The weather is fine."], [Link((0,), (0,), 1.0)])
[0.5]
"""

from __future__ import annotations

from collections.abc import Sequence

from flashgen.align.anchors import chinese_keys, english_keys, name_index
from flashgen.datatypes import Link
from flashgen.text.script import HAN


def link_support(zh: Sequence[str], en: Sequence[str], links: Sequence[Link]) -> list[float]:
    """For each link, the share of its least supported Chinese sentence that the link's
    English accounts for: of the sentence's Han characters, Latin letters and digits,
    those that an anchor shared with that English covers (0.0 for a link with an empty
    side, or whose Chinese has nothing to cover)."""
    return [_support(zh, en, link) for link in links]


def _support(zh: Sequence[str], en: Sequence[str], link: Link) -> float:
    if not link.zh or not link.en:
        return 0.0
    keys = set().union(*(english_keys(en[j]) for j in link.en))
    names = name_index([keys])
    shares = []
    for i in link.zh:
        sentence = zh[i]
        covered = 0
        for key, mask in chinese_keys(sentence, names).items():
            if key in keys:
                covered |= mask
        content = [p for p, ch in enumerate(sentence) if _content(ch)]
        if content:
            shares.append(sum(covered >> p & 1 for p in content) / len(content))
    return min(shares, default=0.0)


def _content(ch: str) -> bool:
    """Whether a character carries meaning an anchor can account for (not punctuation)."""
    return HAN.match(ch) is not None or (ch.isascii() and ch.isalnum())
