"""Which words of the aligned English sentence translate a Chinese word.

Each gloss sense is reduced to its content words (parentheses, "to", articles and
other stopwords removed), stemmed with the Porter2 stemmer (``snowballstemmer``),
and looked for, in order, among the English sentence's stemmed words:
游说 "to lobby" ↔ "lobbying", 芯片 "chip" ↔ "chips".  The best sense is the one
matching the most content words (ties go to the earlier, more common sense).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from flashgen.datatypes import EnglishMatch
from flashgen.text.english import STOPWORDS, stem
from flashgen.text.english import WORD as _WORD

_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")


class EnglishWords(NamedTuple):
    """An English sentence split into words with offsets, and their stems (made by
    english_words).  A named tuple, like :class:`flashgen.datatypes.EnglishMatch`: one
    is made for every sentence with English, and a frozen dataclass's ``__init__`` runs
    as interpreted Python even compiled (2.9 µs against 0.6 µs a sentence)."""

    text: str
    spans: tuple[tuple[int, int], ...]
    stems: tuple[str, ...]
    # The stems as a set: a gloss's stems are looked for among them (a set against a
    # set tests the smaller one).  Where a stem first is, only a matched word needs:
    # stems.index() says, with no table made for every sentence.
    stem_set: frozenset[str]


def english_words(text: str) -> EnglishWords:
    # The words as strings (no match object each), each found where it starts: every
    # letter or digit starts a word of _WORD, so the next word starts at the first one
    # after the last word, which is where find() finds it first.
    memo = _STEMS
    spans = []
    stems = []
    at = 0
    for word in _WORD.findall(text):
        at = text.find(word, at)
        end = at + len(word)
        spans.append((at, end))
        at = end
        # Each word's stem from a plain dict, which compiled code reads without the call
        # an lru_cache costs: asked for every word of every sentence (Tatoeba: 179,055
        # asks of 8,061 spellings), emptied when full so that a long text does not keep
        # them all.
        s = memo.get(word)
        if s is None:
            if len(memo) >= _STEMS_MAX:
                memo.clear()
            # A dotted acronym loses its dots ("A.I." -> "ai").
            s = memo[word] = stem(word.replace(".", ""))
        stems.append(s)
    found = tuple(stems)
    # tuple.__new__, as for the matcher's named tuples: calling the class runs its
    # __new__, a Python function.
    return tuple.__new__(EnglishWords, (text, tuple(spans), found, frozenset(found)))


_STEMS: dict[str, str] = {}  # a word as the text has it -> its stem
_STEMS_MAX = 1 << 16


# Stopwords that are still the meaning of a sense made of nothing else ("to do", "to have").
_ARTICLES = frozenset({"a", "an", "the", "to", "sb", "sth", "oneself", "one's"})


@lru_cache(maxsize=1 << 16)
def content_stems(sense: str) -> tuple[str, ...]:
    """Stemmed content words of a gloss sense: "to lobby (for sth)" -> ("lobbi",).

    A sense with no content word but a verb like "to do" or "to have" keeps that verb.
    """
    return content_stems_of(
        _WORD.findall(_PAREN.sub(" ", sense) if "(" in sense or "[" in sense else sense)
    )


def content_stems_of(words: list[str]) -> tuple[str, ...]:
    """:func:`content_stems` of a sense whose words (outside its parentheses) are
    ``words``: for a caller that has found them already."""
    content = tuple(stem(w) for w in words if w.lower() not in STOPWORDS)
    if content:
        return content
    verbs = [w for w in words if w.lower() not in _ARTICLES]
    return (
        (stem(verbs[0]),)
        if len(verbs) == 1 and len(words) == 2 and (words[0].lower() == "to")
        else ()
    )


def needle_end(needle: tuple[str, ...], hay: EnglishWords, i: int) -> int | None:
    """The index of the last word of ``needle`` found in order from word ``i`` (which is
    ``needle[0]``), one stopword allowed between its words; None when it does not go on.

    The one rule for a sense's words found in a sentence: here for the first place of a
    needle, in :mod:`flashgen.language.wordlink` for every place."""
    stems = hay.stems
    j, k = i, 1
    while k < len(needle):
        if j + 1 < len(stems) and stems[j + 1] == needle[k]:
            j, k = j + 1, k + 1
        elif (
            j + 2 < len(stems)
            and stems[j + 2] == needle[k]
            and hay.text[hay.spans[j + 1][0] : hay.spans[j + 1][1]].lower() in STOPWORDS
        ):
            j, k = j + 2, k + 1
        else:
            return None
    return j


def _find(needle: tuple[str, ...], hay: EnglishWords) -> tuple[int, int] | None:
    """First occurrence of ``needle`` in order, allowing one stopword between words."""
    stems = hay.stems
    head = needle[0]
    if head not in hay.stem_set:
        return None
    i = stems.index(head)
    while True:
        j = needle_end(needle, hay, i)
        if j is not None:
            return hay.spans[i][0], hay.spans[j][1]
        try:
            i = stems.index(head, i + 1)
        except ValueError:
            return None


def _parts(senses: Sequence[str]) -> list[tuple[str, str]]:
    """Each sense, then its comma-separated parts ("NVIDIA, computer graphics card company"),
    then acronyms given in parentheses."""
    out = [(s, s) for s in senses]
    out += [(s, p) for s in senses if "," in s for p in s.split(",") if p.strip()]
    # "artificial intelligence (AI)": the acronym alone is a translation too.
    out += [(s, m.group(1)) for s in senses if "(" in s for m in _ACRONYM.finditer(s)]
    return out


# A needle: (its length, minus the rank of its part among _parts, the sense, its
# content stems).  The larger (length, -rank), the better: the most content words, then
# the earliest part.
_Needle = tuple[int, int, str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _SenseIndex:
    """What matching needs of a gloss's senses, whatever the sentence: worked out once
    per gloss, so that matching one against a sentence is mostly set operations."""

    # The parts that have content words, by their first content stem (only the parts
    # whose first word the sentence has can match: 打 has 30 senses), best first; and
    # those stems.
    needles: dict[str, tuple[_Needle, ...]]
    firsts: frozenset[str]


def _sense_index(senses: tuple[str, ...]) -> _SenseIndex:
    needles: dict[str, list[_Needle]] = {}
    for rank, (sense, part) in enumerate(_parts(senses)):
        needle = content_stems(part)
        if needle:
            needles.setdefault(needle[0], []).append((len(needle), -rank, sense, needle))
    best_first = {first: tuple(sorted(found, reverse=True)) for first, found in needles.items()}
    return _SenseIndex(best_first, frozenset(needles))


# Glosses recur across a text (a Tatoeba text asks 185,000 times about 9,000 of them):
# each one's index is kept, in a plain dict that is emptied when it grows this large,
# so that a long text does not keep every gloss it met.
_INDEX_LIMIT = 1 << 15
_indexes: dict[tuple[str, ...], _SenseIndex] = {}


def _index_of(senses: Sequence[str]) -> _SenseIndex:
    key = tuple(senses)
    found = _indexes.get(key)
    if found is None:
        if len(_indexes) >= _INDEX_LIMIT:
            _indexes.clear()
        found = _indexes[key] = _sense_index(key)
    return found


def match_english(senses: Sequence[str], english: EnglishWords) -> EnglishMatch | None:
    """The span of ``english`` that translates one of ``senses`` as a whole (best sense
    wins)."""
    index = _index_of(senses)
    # Most glosses share no first word with the sentence (most of the 185,000 matches
    # a Tatoeba text asks for): one set operation says so.
    if index.firsts.isdisjoint(english.stem_set):
        return None
    best = _best_whole(index.firsts.intersection(english.stem_set), index, english)
    return None if best is None else _span_match(english, best[2], best[3])


def _best_whole(
    firsts: Iterable[str], index: _SenseIndex, english: EnglishWords
) -> tuple[int, int, tuple[int, int], str] | None:
    """The best whole-part match, as (its length, minus its rank, its span, its sense),
    or None; ``firsts`` are the first stems the sentence has."""
    # The most content words win, then the earliest part (parts have distinct ranks,
    # so the order in which candidates are tried does not change the winner).
    best: tuple[int, int, tuple[int, int], str] | None = None
    for first in firsts:
        # Best first: the first one found is this stem's best, and once one is no
        # better than the best so far, neither is any after it.
        for length, minus_rank, sense, needle in index.needles[first]:
            if best is not None and (length, minus_rank) < best[:2]:
                break
            # A one-word needle is found where its word first is (the sentence has it).
            found = (
                english.spans[english.stems.index(first)] if length == 1 else _find(needle, english)
            )
            if found is not None:
                best = (length, minus_rank, found, sense)
                break
    return best


def _span_match(english: EnglishWords, span: tuple[int, int], sense: str) -> EnglishMatch:
    start, end = span
    return EnglishMatch(start, end, english.text[start:end], sense)
