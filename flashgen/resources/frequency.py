"""How common a Chinese word is in general use: wordfreq's Chinese Zipf frequency.

wordfreq's ``zh`` list merges subtitles, Wikipedia, news, books and web text (jieba's
own counts, which the segmenter uses, come from a narrower corpus and rank news words
such as 游说 or 芯片 far from where a reader meets them).  Zipf is log10 of occurrences
per billion words: 6 is a word of every page (政府), 4 one of every few articles (芯片 4.2),
3 a rare word (文胸 3.0).

The list (334,000 simplified words) takes 1.9 s to load through wordfreq, so the words
and their Zipf values are kept in flashgen's cache folder as a trie and an array, which
load in milliseconds.  A listed word is looked up whole (wordfreq's own
``zipf_frequency`` splits every word with jieba first, and would make 小时工, listed at
2.25, look as common as its pieces, 3.48).  Only a word the list lacks, a compound its
tokenizer always splits (首席执行官, 新闻发布会, 加密货币), is estimated from its longest
listed pieces as wordfreq combines the pieces of Chinese text, 1/f = Σ 1/fᵢ (over the
split into the fewest listed pieces, the most common of those).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flashgen.resources import tables as packed
from flashgen.resources.cache import cached_data, package_folder, source_key

_FORMAT = 1


def _sources() -> list[Path]:
    return [package_folder("wordfreq", "the word frequency lists") / "data" / "large_zh.msgpack.gz"]


def _build() -> dict[str, Any]:
    from wordfreq import get_frequency_dict  # imported late: it loads every list it is asked for

    freqs = get_frequency_dict("zh", wordlist="large")
    # Zipf in hundredths, as uint32: 0.01 is finer than the list's own bins.
    zipf = {w: round(100 * (math.log10(f) + 9)) for w, f in freqs.items() if f > 0}
    words = packed.trie(zipf)
    keys = list(zipf)
    order = packed.id_order(words, keys)
    values = list(zipf.values())
    return {
        "words": words.tobytes(),
        "zipf": packed.pack_u32(max(0, values[i]) for i in order),
    }


@dataclass(frozen=True, slots=True)
class _Table:
    words: Any  # marisa_trie.Trie
    zipf: memoryview  # hundredths of Zipf, by word id


@cache
def _table() -> _Table:
    data = cached_data("wordfreq-zh", source_key(_sources(), _FORMAT), _build)
    return _Table(packed.load_trie(data["words"]), packed.u32(data["zipf"]))


def word_zipf(word: str) -> float:
    """The Zipf frequency of the simplified ``word`` in general Chinese: the list's, or
    for a word it lacks, the estimate from its pieces; 0 if a character is not listed.

    >>> word_zipf("政府") > word_zipf("芯片") > word_zipf("文胸") > word_zipf("小时工")
    True
    >>> word_zipf("首席"), word_zipf("执行官"), word_zipf("首席执行官")
    (4.35, 3.73, 3.64)
    """
    table = _table()
    k = packed.key_id(table.words, word)
    if k is not None:
        return table.zipf[k] / 100
    # The split into the fewest listed pieces (as a segmenter would split it: single
    # characters are always common, so more pieces would always look more common), of
    # those the one with the least Σ 1/fᵢ (f in occurrences per billion words).
    none = (len(word) + 1, math.inf)
    best = [(0, 0.0)] + [none] * len(word)
    for at in range(len(word)):
        if best[at] == none:
            continue
        pieces, inverse = best[at]
        for piece in table.words.prefixes(word[at:]):
            f = 10 ** (-table.zipf[table.words.key_id(piece)] / 100)
            end = at + len(piece)
            best[end] = min(best[end], (pieces + 1, inverse + f))
    return 0.0 if best[-1] == none else round(-math.log10(best[-1][1]), 2)
