"""How common a Chinese word is in general use: wordfreq's Chinese Zipf frequency.

wordfreq's ``zh`` list merges subtitles, Wikipedia, news, books and web text (jieba's
own counts, which the segmenter uses, come from a narrower corpus and rank news words
such as 游说 or 芯片 far from where a reader meets them).  Zipf is log10 of occurrences
per billion words: 6 is a word of every page (政府), 4 one of every few articles (芯片 4.2),
3 a rare word (文胸 3.0).

The list (334,000 simplified words) takes 1.9 s to load through wordfreq, so the words
and their Zipf values are kept in flashgen's cache folder as a trie and an array, which
load in milliseconds.  Words are looked up whole, never split: wordfreq's own
``zipf_frequency`` would split an unlisted word with jieba and combine the parts, which
makes 小时工 look as common as its pieces.
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
    """The Zipf frequency of the simplified ``word`` in general Chinese, 0 if unlisted.

    >>> word_zipf("政府") > word_zipf("芯片") > word_zipf("文胸") > word_zipf("小时工")
    True
    """
    table = _table()
    k = packed.key_id(table.words, word)
    return 0.0 if k is None else table.zipf[k] / 100
