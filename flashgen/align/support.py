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

import re
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
        # Only the keys the English has are made (see chinese_keys).
        covered = 0
        for mask in chinese_keys(sentence, names, keys).values():
            covered |= mask
        content = 0
        for m in _CONTENT.finditer(sentence):
            content |= 1 << m.start()
        if content:
            shares.append((covered & content).bit_count() / content.bit_count())
    return min(shares, default=0.0)


# A character that carries meaning an anchor can account for (not punctuation): Han,
# or an ASCII letter or digit.
_CONTENT = re.compile(f"{HAN.pattern}|[A-Za-z0-9]")
