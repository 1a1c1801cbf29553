"""What counts as a Han character: the one definition every stage shares.

〇, CJK Unified Ideographs and Extension A, the compatibility ideographs, and the
whole Supplementary and Tertiary Ideographic Planes (Extensions B-J and the
compatibility supplement: both planes are set aside for CJK ideographs).  Not
included: radicals, strokes, iteration marks (々) and bopomofo, which have no
reading of their own.  Each Han character gets exactly one pinyin syllable.
"""

from __future__ import annotations

import re

HAN_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_RANGES}]")
# A run of Han characters.
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han character (and so gets a syllable)."""
    return HAN.fullmatch(char) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` has: the number of syllables its reading has."""
    return len(HAN.findall(text))


def is_han_word(text: str) -> bool:
    """Whether ``text`` is non-empty and made of Han characters only."""
    return HAN_RUN.fullmatch(text) is not None
