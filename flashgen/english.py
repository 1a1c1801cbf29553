"""Which words of the aligned English sentence translate a Chinese word.

Each gloss sense is reduced to its content words (parentheses, "to", articles and
other stopwords removed), stemmed with the Porter2 stemmer (``snowballstemmer``),
and looked for, in order, among the English sentence's stemmed words:
游说 "to lobby" ↔ "lobbying", 芯片 "chip" ↔ "chips".  The best sense is the one
matching the most content words (ties go to the earlier, more common sense).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from flashgen.types import EnglishMatch

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")

# Function words that carry no meaning of their own in a gloss ("to lobby", "of").
STOPWORDS = frozenset(
    """a an the to of in on at by for from with as and or but be is are was were been
    being it its this that these those sb sth one's oneself someone something etc
    into onto up out over about than so very not no do does did have has had
    he she they we you i me him her them us my your his their our""".split()
)


@cache
def _stemmer() -> object:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower().replace("’", "'"))  # type: ignore[attr-defined,no-any-return]


@dataclass(frozen=True, slots=True)
class EnglishWords:
    """An English sentence split into words with offsets, and their stems."""

    text: str
    spans: tuple[tuple[int, int], ...]
    stems: tuple[str, ...]


def english_words(text: str) -> EnglishWords:
    spans = tuple((m.start(), m.end()) for m in _WORD.finditer(text))
    return EnglishWords(text, spans, tuple(stem(text[s:e]) for s, e in spans))


def content_stems(sense: str) -> tuple[str, ...]:
    """Stemmed content words of a gloss sense: "to lobby (for sth)" -> ("lobbi",)."""
    words = _WORD.findall(_PAREN.sub(" ", sense))
    return tuple(stem(w) for w in words if w.lower() not in STOPWORDS)


def _find(needle: tuple[str, ...], hay: EnglishWords) -> tuple[int, int] | None:
    """First occurrence of ``needle`` in order, allowing one stopword between words."""
    stems = hay.stems
    for i, s in enumerate(stems):
        if s != needle[0]:
            continue
        j, k = i, 1
        while k < len(needle):
            if j + 1 < len(stems) and stems[j + 1] == needle[k]:
                j, k = j + 1, k + 1
            elif (j + 2 < len(stems) and stems[j + 2] == needle[k]
                  and hay.text[hay.spans[j + 1][0]:hay.spans[j + 1][1]].lower() in STOPWORDS):
                j, k = j + 2, k + 1
            else:
                break
        if k == len(needle):
            return hay.spans[i][0], hay.spans[j][1]
    return None


def match_english(senses: Sequence[str], english: EnglishWords) -> EnglishMatch | None:
    """The span of ``english`` that translates one of ``senses`` (best sense wins)."""
    best: tuple[int, int, EnglishMatch] | None = None
    for rank, sense in enumerate(senses):
        needle = content_stems(sense)
        if not needle:
            continue
        found = _find(needle, english)
        if found is None:
            continue
        start, end = found
        cand = EnglishMatch(start, end, english.text[start:end], sense)
        score = (len(needle), -rank)
        if best is None or score > best[:2]:
            best = (score[0], score[1], cand)
    return best[2] if best else None
