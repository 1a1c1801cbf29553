"""Pinyin as it is shown: numbered syllables, tone marks, spacing, names.

flashgen's syllables are lower-case and numbered, with tone 5 for the neutral tone, ``v``
for ü (``lv4``) and ``r5`` for erhua (see :mod:`flashgen.language.pinyin`).  Every way
they are shown is made here, so that the annotate records, the cards, the handouts and
the exports agree: words joined with the orthography's apostrophe (xī'ān), idioms spaced
syllable by syllable (yī sī bù gǒu), names capitalised (Tèlǎngpǔ, Huáng Rénxūn).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from flashgen.datatypes import AnnotatedToken, Kind
from flashgen.resources.cedict import load_cedict
from flashgen.text.script import DOT_SPLIT, han_count

# Placeholder for a Han character none of g2pM, pypinyin and CC-CEDICT can read.  It is
# not a pinyin syllable on purpose, so that no one mistakes it for one; tone_of gives 5.
UNKNOWN_SYLLABLE = "?"

# A numbered syllable in our spelling: letters then a tone digit.
SYLLABLE = re.compile(r"[a-z]+[1-5]")

_TONE_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}  # combining marks
_VOWELS = "aeiouü"


def cedict_syllable(token: str) -> str:
    """A CC-CEDICT (or g2pM) pinyin token in our spelling: ``Lu:4`` → ``lv4``: lower case,
    ``u:`` → ``v``, tone 5 kept."""
    return token.lower().replace("u:", "v")


def tone_of(syllable: str) -> int:
    """The tone of a numbered syllable, 1-5 (5: neutral, also for ``UNKNOWN_SYLLABLE``)."""
    return int(syllable[-1]) if syllable and syllable[-1] in "12345" else 5


def numbered(syllables: Iterable[str]) -> str:
    """``("you2", "shui4")`` → ``"you2 shui4"``."""
    return " ".join(syllables)


# A few hundred syllables make up every text: each is marked once.
#
# pypinyin.contrib.tone_convert.to_tone gives the same marks for every syllable CC-CEDICT,
# g2pM and pypinyin's tables use (tests/test_pinyin.py checks them all), but importing it
# imports the whole of pypinyin, 0.4 s at every start that a warm run otherwise never pays
# (flashgen keeps pypinyin's tables in its cache folder for that reason).  The two differ
# only on letters that spell no Mandarin syllable, which two sources have: typos of the
# idiom list (guen1: guēn here, gūen there; boi3, jiui3, duu2, boo4) and g2pM's
# two-syllable readings of 13 unit characters (瓩 qian1 wa3): pypinyin marks the first
# vowel of a cluster Mandarin lacks, this rule the last.
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


class Piece(NamedTuple):
    """One syllable as shown, with what separates it from the syllable before."""

    before: str  # "", the apostrophe, a space, or the middle dot between a name's parts
    marked: str  # tone-marked; capitalised where a name or a part of a name starts
    tone: int  # 1-5, as :func:`tone_of` gives it


def pinyin_pieces(
    syllables: Sequence[str], spaced: bool = False, name: tuple[str, str] | None = None
) -> tuple[Piece, ...]:
    """The syllables tone-marked, one piece each.

    Joined (``spaced`` False), an apostrophe separates a syllable starting with a, o or e
    from the one before it, as the pinyin orthography rules ask (xī'ān); erhua ``r5``
    attaches directly (yīdiǎnr).  Spaced, a space separates every syllable.  ``name``
    (the token's text and simplified text) makes the syllables a name's (see
    :func:`display_pinyin`).

    >>> "".join(p.before + p.marked for p in pinyin_pieces(("xi1", "an1")))
    "xī'ān"
    """
    return _pieces(tuple(syllables), spaced, name)


# A class of 200 lessons shows a few thousand words some 20,000 times: cached.
@lru_cache(maxsize=1 << 16)
def _pieces(
    syllables: tuple[str, ...], spaced: bool, name: tuple[str, str] | None
) -> tuple[Piece, ...]:
    groups, between = _name_parts(*name, syllables) if name else ((syllables,), "")
    out: list[Piece] = []
    for group in groups:
        for i, s in enumerate(group):
            marked = _with_mark(s)
            if i == 0:
                before = between if out else ""
                if name:
                    marked = marked[:1].upper() + marked[1:]
            elif spaced:
                before = " "
            elif marked and _starts_with_aoe(marked):
                before = "'"
            else:
                before = ""
            out.append(Piece(before, marked, tone_of(s)))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _text(syllables: tuple[str, ...], spaced: bool, name: tuple[str, str] | None) -> str:
    return "".join([p.before + p.marked for p in _pieces(syllables, spaced, name)])


def tone_marks(syllables: Iterable[str]) -> str:
    """Joined tone-marked pinyin: ``("xi1", "an1")`` → ``"xī'ān"``, ``("lv4",)`` → ``"lǜ"``
    (see :func:`pinyin_pieces`)."""
    return _text(tuple(syllables), False, None)


def tone_marks_spaced(syllables: Iterable[str]) -> str:
    """``("you2", "shui4")`` → ``"yóu shuì"``; the neutral tone is unmarked, ``r5`` is ``r``."""
    return _text(tuple(syllables), True, None)


def is_spaced(kind: Kind) -> bool:
    """Whether a word of ``kind`` is shown spaced: idioms are, syllable by syllable, as
    dictionaries print them (yī sī bù gǒu); words and names are joined, as the pinyin
    orthography writes them (xī'ān, Tèlǎngpǔ)."""
    return kind == "idiom"


def token_pieces(token: AnnotatedToken, spaced: bool | None = None) -> tuple[Piece, ...]:
    """:func:`pinyin_pieces` of a token: a name's capitalised; ``spaced`` None: as its kind
    is shown (:func:`is_spaced`)."""
    return _pieces(
        tuple(token.syllables),
        is_spaced(token.kind) if spaced is None else spaced,
        (token.text, token.simplified) if token.kind == "name" else None,
    )


def display_pinyin(token: AnnotatedToken, spaced: bool | None = None) -> str:
    """A token's tone-marked pinyin; ``spaced`` None: as its kind is shown (an idiom
    spaced, anything else joined, see :func:`is_spaced`).

    Names are capitalised as CC-CEDICT writes them (Yīngwěidá), each part of a middle-dot
    name on its own (Dàiwéi·Sàkèsī), and a Chinese personal name as surname and given
    name (Huáng Rénxūn), as the pinyin orthography rules ask.
    """
    return pinyin_for(
        token.kind == "name",
        token.text,
        token.simplified,
        token.syllables,
        is_spaced(token.kind) if spaced is None else spaced,
    )


def pinyin_for(
    name: bool, text: str, simplified: str, syllables: Sequence[str], spaced: bool
) -> str:
    """:func:`display_pinyin` of a token given by its parts."""
    return _text(tuple(syllables), spaced, (text, simplified) if name else None)


def _name_parts(
    text: str, simplified: str, syllables: tuple[str, ...]
) -> tuple[tuple[tuple[str, ...], ...], str]:
    """A name's syllables in the parts that are capitalised each, and what separates the
    parts: surname and given name, or the parts of a middle-dot name."""
    if _is_chinese_personal_name(simplified):
        return (syllables[:1], syllables[1:]), " "
    parts, at = [], 0
    for part in DOT_SPLIT.split(text):
        n = han_count(part)
        parts.append(syllables[at : at + n])
        at += n
    return tuple(parts), "·"


def _is_chinese_personal_name(word: str) -> bool:
    """黄仁勋, 王小明: two or three characters CC-CEDICT lacks, starting with a surname.

    Transliterations (特朗普, 萨克斯) are CC-CEDICT headwords or longer, so they stay one
    word (Tèlǎngpǔ)."""
    return (
        2 <= len(word) <= 3
        and han_count(word) == len(word)
        and not load_cedict().lookup(word)
        and _is_surname(word[0])
    )


@lru_cache(maxsize=4096)
def _is_surname(char: str) -> bool:
    """Whether CC-CEDICT lists ``char`` as a headword with a "surname ..." sense.

    Looked up per character rather than by scanning the whole dictionary for surnames
    (a third of a second at start-up)."""
    return any(
        e.simplified == char and sense.startswith("surname ")
        for e in load_cedict().lookup(char)
        for sense in e.senses
    )
