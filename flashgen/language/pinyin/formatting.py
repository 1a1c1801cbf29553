"""Pinyin as it is written: numbered syllables, tone marks, spacing.

flashgen's syllables are lower-case and numbered, with tone 5 for the neutral tone, ``v``
for ü (``lv4``) and ``r5`` for erhua (see :mod:`flashgen.language.pinyin`).  This module
owns every way they are shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Placeholder for a Han character none of g2pM, pypinyin and CC-CEDICT can read.  It is
# not a pinyin syllable on purpose, so that no one mistakes it for one; tone_of gives 5.
UNKNOWN_SYLLABLE = "?"

# A numbered syllable in our spelling: letters then a tone digit.
SYLLABLE = re.compile(r"[a-z]+[1-5]")

_TONE_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}  # combining marks
_VOWELS = "aeiouü"


def tone_of(syllable: str) -> int:
    """The tone of a numbered syllable, 1-5 (5: neutral, also for ``UNKNOWN_SYLLABLE``)."""
    return int(syllable[-1]) if syllable and syllable[-1] in "12345" else 5


def numbered(syllables: Iterable[str]) -> str:
    """``("you2", "shui4")`` → ``"you2 shui4"``."""
    return " ".join(syllables)


# A few hundred syllables make up every text: each is marked once.
@lru_cache(maxsize=4096)
def _with_mark(syllable: str) -> str:
    if syllable and syllable[-1] in "12345":
        body, tone = syllable[:-1], int(syllable[-1])
    else:
        body, tone = syllable, 5
    body = body.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü").replace("V", "Ü")
    mark = _TONE_MARKS.get(tone)
    if mark is None:
        return body
    low = body.lower()
    if "a" in low:
        at = low.index("a")
    elif "e" in low:
        at = low.index("e")
    elif "ou" in low:
        at = low.index("o")
    else:
        vowels = [i for i, c in enumerate(low) if c in _VOWELS]
        # Syllabic nasals (m2 呣, ng2 嗯, hng5 哼) carry the mark on m or n.
        nasals = [i for i, c in enumerate(low) if c in "mn"]
        if vowels:
            at = vowels[-1]
        elif nasals:
            at = nasals[0]
        else:
            return body
    return unicodedata.normalize("NFC", body[: at + 1] + mark + body[at + 1 :])


@lru_cache(maxsize=4096)
def _starts_with_aoe(marked: str) -> bool:
    return unicodedata.normalize("NFD", marked)[0].lower() in "aoe"


def tone_marks_spaced(syllables: Iterable[str]) -> str:
    """``("you2", "shui4")`` → ``"yóu shuì"``; the neutral tone is unmarked, ``r5`` is ``r``."""
    return " ".join(_with_mark(s) for s in syllables)


def tone_marks(syllables: Iterable[str]) -> str:
    """Joined tone-marked pinyin: ``("xi1", "an1")`` → ``"xī'ān"``, ``("lv4",)`` → ``"lǜ"``.

    An apostrophe separates a syllable starting with a, o or e from the one before it, as
    the pinyin orthography rules ask; erhua ``r5`` attaches directly (yīdiǎnr).
    """
    out: list[str] = []
    for s in syllables:
        marked = _with_mark(s)
        if out and marked and _starts_with_aoe(marked):
            out.append("'")
        out.append(marked)
    return "".join(out)


def cedict_syllable(token: str) -> str:
    """A CC-CEDICT (or g2pM) pinyin token in our spelling: ``Lu:4`` → ``lv4``: lower case,
    ``u:`` → ``v``, tone 5 kept."""
    return token.replace("u:", "v").replace("U:", "v").lower()
