"""Pinyin typed by a person (a teacher's correction) → flashgen's numbered syllables.

Accepted: numbered syllables, spaced or not (``you2 shui4``, ``you2shui4``, ``lv4``,
``lu:4``, ``nü3``, a bare syllable for the neutral tone: ``yi1 dian3 r``), or tone marks
(``yóushuì``, ``yóu shuì``, ``Xī'ān``).  Tone-marked pinyin written without spaces is cut
into syllables by the marks and the spelling rules: each syllable is one of Mandarin's
(:data:`_SYLLABLE`) and carries at most one mark, and the word must come out with one
syllable per Han character, which settles ``fāngàn`` (fāng'àn or fān'gàn) in most words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARK_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
# Every pinyin syllable's spelling (without tone): an initial and a final, or one of
# the syllables with no initial.  Over-generates a little (it accepts ``bue``),
# which only matters when a string could be cut two ways, and the tone marks and the
# syllable count decide those.
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = (
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|van|ai|ei|ao|ou|an|en|in|un|vn"
    "|ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v)"
)
# Without an initial, only these (i, u and ü are written yi, wu, yu).
_BARE = "(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e|r)"  # r: erhua, as in yīdiǎnr
_SYLLABLE = re.compile(f"{_INITIAL}{_FINAL}|{_BARE}|m|n|ng|hm|hng")
_NUMBERED = re.compile(r"([a-z]+)([1-5]?)")


def parse_pinyin(text: str, syllables: int) -> tuple[str, ...] | None:
    """``text`` as ``syllables`` numbered syllables, or None if it cannot be read so.

    >>> parse_pinyin("yóushuì", 2), parse_pinyin("you2 shui4", 2), parse_pinyin("Xī'ān", 2)
    (('you2', 'shui4'), ('you2', 'shui4'), ('xi1', 'an1'))
    >>> parse_pinyin("nǚ'ér", 2), parse_pinyin("lu:4", 1), parse_pinyin("yīfu", 2)
    (('nv3', 'er2'), ('lv4',), ('yi1', 'fu5'))
    >>> parse_pinyin("shuì", 2) is None, parse_pinyin("shuì", 1), parse_pinyin("xiang", 1)
    (True, ('shui4',), ('xiang5',))
    """
    plain = unicodedata.normalize("NFC", text).strip().lower().replace("u:", "v")
    plain = plain.replace("ü", "v")
    if not plain:
        return None
    if any(c.isdigit() for c in plain):
        return _numbered(plain, syllables)
    return _marked(plain, syllables)


def _numbered(text: str, count: int) -> tuple[str, ...] | None:
    out: list[str] = []
    for chunk in re.split(r"[\s'’-]+", text):
        if not chunk:
            continue
        pos = 0
        while pos < len(chunk):
            m = _NUMBERED.match(chunk, pos)
            if m is None or not _SYLLABLE.fullmatch(m[1]):
                return None
            out.append(m[1] + (m[2] or "5"))
            pos = m.end()
    return tuple(out) if len(out) == count else None


def _marked(text: str, count: int) -> tuple[str, ...] | None:
    # Letters and, for each, its tone mark (0: none), from the decomposed text.
    letters: list[str] = []
    tones: list[int] = []
    breaks: set[int] = set()  # positions a space or apostrophe forces a cut at
    for c in unicodedata.normalize("NFD", text):
        if c in _MARK_TONES:
            if not letters:
                return None
            tones[-1] = _MARK_TONES[c]
        elif c == "\u0308":  # the diaeresis of a decomposed ü
            if not letters or letters[-1] != "u":
                return None
            letters[-1] = "v"
        elif c in " '’-\t":
            breaks.add(len(letters))
        elif "a" <= c <= "z":
            letters.append(c)
            tones.append(0)
        else:
            return None
    word, marks = "".join(letters), tuple(tones)
    # The orthography writes an apostrophe before a syllable starting with a, o or e
    # (xī'ān): without one, such a syllable is only taken if no other cut fits.
    cuts = _cut(word, marks, frozenset(breaks), count, True) or _cut(
        word, marks, frozenset(breaks), count, False
    )
    if cuts is None:
        return None
    out = []
    for start, end in cuts:
        tone = max(tones[start:end]) or 5
        out.append("".join(letters[start:end]) + str(tone))
    return tuple(out)


@lru_cache(maxsize=1024)
def _cut(
    letters: str, tones: tuple[int, ...], breaks: frozenset[int], count: int, strict: bool
) -> list[tuple[int, int]] | None:
    """The one way to cut ``letters`` into ``count`` syllables, each spelt as Mandarin
    spells one, with at most one tone mark, and cut at every forced break; None if there
    is none.  ``strict``: a syllable starting with a vowel only at the start or after a
    break.  Where several ways fit, the one with the longest first syllables."""
    n = len(letters)

    def ways(start: int, left: int) -> list[tuple[int, int]] | None:
        if start == n:
            return [] if left == 0 else None
        if left == 0:
            return None
        for end in range(min(n, start + 6), start, -1):
            if any(start < b < end for b in breaks):
                continue
            if not _SYLLABLE.fullmatch(letters[start:end]):
                continue
            if strict and start and start not in breaks and letters[start] in "aoe":
                continue
            if sum(1 for t in tones[start:end] if t) > 1:
                continue
            rest = ways(end, left - 1)
            if rest is not None:
                return [(start, end), *rest]
        return None

    return ways(0, count)
