"""What counts as a Han character: the one definition every stage shares.

〇, CJK Unified Ideographs and Extension A, the compatibility ideographs, and the
whole Supplementary and Tertiary Ideographic Planes (Extensions B-J and the
compatibility supplement: both planes are set aside for CJK ideographs).  Not
included: radicals, strokes, iteration marks (々) and bopomofo, which have no
reading of their own.  Each Han character gets exactly one pinyin syllable.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

HAN_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_RANGES}]")
# A run of Han characters.
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
# The middle dots that join the parts of a transliterated name (霍华德·卢特尼克).
NAME_DOTS = "·・•‧･"
DOT_SPLIT = re.compile(f"[{NAME_DOTS}]")


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han character (and so gets a syllable)."""
    return HAN.fullmatch(char) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` has: the number of syllables its reading has."""
    return len(HAN.findall(text))


def is_han_word(text: str) -> bool:
    """Whether ``text`` is non-empty and made of Han characters only."""
    return HAN_RUN.fullmatch(text) is not None


def to_simplified(text: str) -> str:
    """The simplified form of ``text``, with exactly the same length (offsets are shared)."""
    chars, phrases = _t2s_changes()
    if chars.isdisjoint(text) and not phrases.search(text):
        # No dictionary key that changes anything occurs in the text, so OpenCC would
        # return it unchanged (most text is simplified already: 20 times faster).
        return text
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    # A phrase-level conversion changed the length: fall back to characters.
    return "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in text)


def to_traditional(text: str) -> str:
    conv = _s2t()
    out = conv.convert(text)
    return out


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _t2s_changes() -> tuple[frozenset[str], re.Pattern[str]]:
    """The keys of OpenCC's t2s dictionaries that change text (OpenCC uses a key's
    first value): the one-character keys as a set, the longer ones as a pattern.

    OpenCC replaces dictionary keys found in the text and nothing else, so a text
    holding none of these comes out unchanged.
    """
    chars: set[str] = set()
    phrases: set[str] = set()

    def add(chain: Any) -> None:
        if isinstance(chain, list):
            for item in chain:
                add(item)
            return
        for key, value in chain[2].items():  # chain: (longest, shortest, {key: value})
            if value.split(" ")[0] != key:
                (chars if len(key) == 1 else phrases).add(key)

    conv = _t2s()
    conv.convert("")  # loads the dictionaries
    add(conv._dict_chain_data)
    pattern = "|".join(map(re.escape, sorted(phrases))) or "(?!)"
    return frozenset(chars), re.compile(pattern)


@cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")
