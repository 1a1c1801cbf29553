"""A second pass over a sentence pair: counterparts the dictionary links left out.

:mod:`flashgen.language.wordlink` links a word only where a CC-CEDICT sense, a name, a
number or a strong translation-table entry says so.  This pass then looks at the words
still unlinked on both sides, as a statistical aligner would, with the dictionary links
fixed: each pair of an unlinked Chinese content word and an unlinked English content
word gets

* a *lexical* score: the translation table's own score for the pair
  (:mod:`flashgen.resources.wordtable`, IBM Model 1 on Tatoeba; the weak entries
  wordlink leaves unused count here), or a stem of one of the word's senses written
  alike or nearly (资助 "financial aid" / "financing"); and
* a *position* score from the links around it: an English word between the English
  of the word's two linked neighbours (in the same order, and with no English of a
  word outside them in between) is where a translation puts it; elsewhere, less the
  further away (a diagonal prior, relative to the sentence's length, where there are
  no such neighbours).

Where the two neighbours bracket exactly one unlinked English content word and exactly
one unlinked Chinese content word lies between them, the pair is taken on that
evidence alone (neighbour coherence: 面临 / "faces", 能源 / "energy" leave 严峻 only
"serious") — never at a sentence's end, and never a light verb, a number or a
capitalised word, which free translation puts there most often without being the
word's counterpart.  The pairs are then linked best first, one to one (competitive linking),
and only above a threshold: wrong bold is worse than none.  Every link of this pass
has ``source="inferred"``, so that cards and review pages can show it as less certain.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from math import exp
from operator import itemgetter
from typing import NamedTuple

from flashgen.datatypes import EnglishMatch, Token
from flashgen.language.english import EnglishWords, content_stems
from flashgen.resources.wordtable import load_wordtable
from flashgen.text.english import STOPWORDS, stem

# A pair is linked when lexical x position reaches this.  Chosen on wordalign dev (see
# benchmarks/wordalign.py, "inferred" line): 0.15, 0.2 and 0.3 gave 11/12, 9/10 and
# 9/10 right new links; with the guards added since, 10 of 11.
THRESHOLD = 0.15
# Lexical scores: a sense's stem written as the English word's; one that shares its
# first _NEAR_MIN letters ("financi" / "financ"); a pair whose only evidence is that it
# is the one pair left between two linked neighbours.
_SAME = 0.8
_NEAR = 0.5
_NEAR_MIN = 6
_SANDWICH = 0.6
# English words the neighbour evidence alone never gives: light verbs, which translate
# a construction more often than a word (别人 / "made" in "the sacrifices they made");
# number, quantity and indefinite words (老 / "all" in "That's all very well"); a
# capitalised word, most often a name or part of one
# (着实 / "Wang").  Measured on hand-judged bolds of MAC-Dev's novel chapters.
_NOT_BY_PLACE = frozenset(
    stem(w)
    for w in """take make get give put have do go come keep set let hold bring tell say
    one two three four five six seven eight nine ten hundred thousand million
    all every each both some any many much more most few whole
    everything anything nothing something everyone anyone someone""".split()
)
# How fast the position score falls with the distance, in English words, from the
# span the neighbours bracket; and, without such a span, with the distance between
# relative places (0-1) in the two sentences.
_WORD_DECAY = 0.5
_PLACE_DECAY = 4.0
# Without two neighbours in order, the place alone is weaker evidence.
_NO_WINDOW = 0.7


_new = tuple.__new__
_SCORE = itemgetter(0)


class _Pair(NamedTuple):
    score: float
    token: int
    word: int


class GlossStems(NamedTuple):
    """What this pass needs of a gloss (see gloss_stems), worked out once per gloss."""

    stems: frozenset[str]
    # The first _NEAR_MIN letters of the stems that long: an English stem that begins
    # with one is near the sense's ("financi" / "financ(ing)").
    heads: frozenset[str]


def fill_links(
    toks: Sequence[Token],
    simplified: Sequence[str],
    grammar: Sequence[bool],
    english: EnglishWords,
    out: list[EnglishMatch | None],
    taken: Sequence[bool],
    lexicon: Sequence[GlossStems | None],
    letters: Sequence[str],
) -> list[EnglishMatch | None]:
    """``out`` (wordlink's matches, one per token) with the links of this pass added
    (``source="inferred"``); the dictionary's are never changed.  ``taken``: which
    English words ``out``'s matches cover; ``lexicon``: each token's gloss_stems (None
    for a token with no gloss), which wordlink keeps with each gloss; ``letters``: each
    English word lowercased, which wordlink has made."""
    # Asked first: most sentences of a text have no word left to fill, and the rest of
    # the pass need not be set up for them.
    todo = [
        i
        for i, m in enumerate(out)
        if m is None and not grammar[i] and toks[i].kind in ("word", "idiom") and lexicon[i]
    ]
    if not todo:
        return out
    # Then whether any English content word is left (in 9,102 of the 21,052 Tatoeba
    # sentences with a word to fill, none is), before the matches' words are found.
    free = _free_words(letters, taken)
    if not any(free):
        return out
    words = _word_of_match(english, out)
    _claimed_by_neighbours(free, english, words, lexicon)
    if not any(free):
        return out
    pairs = scored_pairs(toks, simplified, lexicon, todo, english, words, free)
    # Best first; reverse keeps pairs of equal score in their order, as sorting by minus
    # the score did (itemgetter: no Python call per pair).
    pairs.sort(key=_SCORE, reverse=True)
    filled = list(out)
    for score, i, j in pairs:
        if score < THRESHOLD:
            break
        if filled[i] is not None or not free[j]:
            continue
        found = lexicon[i]
        first, last = _widened(j, found.stems if found else frozenset(), english, free)
        for k in range(first, last + 1):
            free[k] = False
        start, end = english.spans[first][0], english.spans[last][1]
        # tuple.__new__, as in wordlink: the named tuple's own __new__ is a Python function.
        filled[i] = _new(EnglishMatch, (start, end, english.text[start:end], "", "inferred"))
    return filled


def _widened(
    j: int, stems: frozenset[str], english: EnglishWords, free: Sequence[bool]
) -> tuple[int, int]:
    """Word ``j`` with the free neighbours on either side that are also a stem of the
    word's senses: 财务大臣 takes "Finance Minister", not "Finance" alone."""
    first = last = j
    while first > 0 and free[first - 1] and english.stems[first - 1] in stems:
        first -= 1
    while last + 1 < len(free) and free[last + 1] and english.stems[last + 1] in stems:
        last += 1
    return first, last


def _free_words(letters: Sequence[str], taken: Sequence[bool]) -> list[bool]:
    """Which English words (``letters``: lowercased) are content words no match covers
    (``taken``: the words the matches cover)."""
    free = []
    for word, covered in zip(letters, taken, strict=True):
        # A covered word is not looked at.
        free.append(not covered and len(word) >= 2 and word.isalpha() and word not in STOPWORDS)
    return free


def _claimed_by_neighbours(
    free: list[bool],
    english: EnglishWords,
    words: Sequence[tuple[int, int] | None],
    lexicon: Sequence[GlossStems | None],
) -> None:
    """Mark as not free each English word next to a linked word's English that is a
    stem of that word's own senses: "foreign" beside "minister", which 外交部长
    ("foreign minister") took alone, is 外交部长's, not a word left for this pass."""
    for i, w in enumerate(words):
        found = lexicon[i]
        if w is None or found is None:
            continue
        stems = found.stems
        for j in (w[0] - 1, w[1] + 1):
            if 0 <= j < len(free) and free[j] and english.stems[j] in stems:
                free[j] = False


def scored_pairs(
    toks: Sequence[Token],
    simplified: Sequence[str],
    lexicon: Sequence[GlossStems | None],
    todo: Sequence[int],
    english: EnglishWords,
    words: Sequence[tuple[int, int] | None],
    free: Sequence[bool],
) -> list[_Pair]:
    """Every (token of ``todo``, free English word) pair with a score above zero
    (``lexicon``: each token's gloss_stems; ``words``: the English words of each
    token's match, see _word_of_match)."""
    n_en, n_tokens = len(english.spans), len(words)
    # The sentences' two ends bracket too (a word after the last link may be placed
    # after that link's English), but they give no neighbour evidence (_only_pair).
    anchors: list[tuple[int, tuple[int, int]]] = [
        (-1, (-1, -1)),
        *((i, w) for i, w in enumerate(words) if w is not None),
        (n_tokens, (n_en, n_en)),
    ]
    keys = [a for a, _ in anchors]
    english_stems = english.stems
    open_words = [j for j in range(n_en) if free[j]]
    size_zh = max(toks[-1].end, 1)
    table = load_wordtable()
    # What a lexical score can come from, as sets: a word none of whose stems, sense
    # beginnings and table links the free English has gets no lexical score for any
    # free word, which three set tests tell without the loop below.
    open_stems = {english_stems[j] for j in open_words}
    open_heads = {e[:_NEAR_MIN] for e in open_stems}
    pairs: list[_Pair] = []
    for i in todo:
        lexical_of = lexicon[i]
        assert lexical_of is not None  # a word to fill has a gloss
        stems, heads = lexical_of
        found = table.get(simplified[i])
        right, between = _neighbours(keys, todo, i, n_tokens)
        # A word with no lexical evidence for any free word that cannot be the one word
        # between two neighbours gives no pair (9,640 of the 11,852 Tatoeba sentences
        # that get here give none): its neighbours' window is not looked at.
        if between != 1 and not _may_score(stems, heads, found, open_stems, open_heads):
            continue
        links = dict(found) if found else _NO_LINKS
        lexicals = []
        for j in open_words:
            e = english_stems[j]
            lexical = links.get(e, 0.0)
            if e in stems:
                lexical = max(lexical, _SAME)
            elif lexical < _NEAR and e[:_NEAR_MIN] in heads:
                lexical = _NEAR
            lexicals.append(lexical)
        # The sets above let through a word whose only evidence is a table link scored
        # 0: the loop's verdict is the one that counts.
        if between != 1 and not any(lexical > 0.0 for lexical in lexicals):
            continue
        window = _window(anchors, right)
        only = None
        if window is not None and between == 1:
            only = _only_word(window, free, english)
        place = (toks[i].start + toks[i].end) / 2 / size_zh
        for j, lexical in zip(open_words, lexicals, strict=True):
            if only == j:
                lexical = max(lexical, _SANDWICH)
            if lexical <= 0.0:
                continue
            if window is not None:
                lo, hi = window
                distance = lo - j if j < lo else j - hi if j > hi else 0
                position = exp(-_WORD_DECAY * distance)
            else:
                centre = (j + 0.5) / n_en
                position = _NO_WINDOW * exp(-_PLACE_DECAY * abs(place - centre))
            pairs.append(_new(_Pair, (lexical * position, i, j)))
    return pairs


def _neighbours(keys: Sequence[int], todo: Sequence[int], i: int, n_tokens: int) -> tuple[int, int]:
    """Where token ``i`` (no anchor) falls among the anchors' tokens ``keys``: its
    neighbours are anchors right - 1 and right; and how many tokens of ``todo`` lie
    between two real neighbours (0 at a sentence's end)."""
    right = bisect_left(keys, i)
    between = 0
    if keys[right - 1] >= 0 and keys[right] < n_tokens:
        between = bisect_left(todo, keys[right]) - bisect_right(todo, keys[right - 1])
    return right, between


def _may_score(
    stems: frozenset[str],
    heads: frozenset[str],
    links: tuple[tuple[str, float], ...] | None,
    open_stems: set[str],
    open_heads: set[str],
) -> bool:
    """Whether a word with these gloss ``stems``, their ``heads`` and table ``links``
    may have a lexical score for a free English word (``open_stems``, whose beginnings
    are ``open_heads``): only if one of them is there (see scored_pairs)."""
    return (
        not stems.isdisjoint(open_stems)
        or not heads.isdisjoint(open_heads)
        or (links is not None and any(e in open_stems for e, _ in links))
    )


def _word_of_match(
    english: EnglishWords, out: Sequence[EnglishMatch | None]
) -> list[tuple[int, int] | None]:
    """The (first, last) English word of each token's match."""
    # A match starts and ends where words do (wordlink makes it from their spans): two
    # lookups, not a scan of the sentence per match.
    starts = {s: j for j, (s, _) in enumerate(english.spans)}
    ends = {e: j for j, (_, e) in enumerate(english.spans)}
    found: list[tuple[int, int] | None] = []
    for m in out:
        if m is None:
            found.append(None)
            continue
        first, last = starts.get(m.start), ends.get(m.end)
        if first is None or last is None:
            spans = english.spans
            covered = [j for j, (s, e) in enumerate(spans) if s < m.end and m.start < e]
            first, last = (covered[0], covered[-1]) if covered else (None, None)
        found.append(None if first is None or last is None else (first, last))
    return found


def _window(anchors: Sequence[tuple[int, tuple[int, int]]], right: int) -> tuple[int, int] | None:
    """The English words strictly between the matches of ``anchors[right - 1]`` and
    ``anchors[right]`` (linked tokens, in token order: a word's two nearest linked
    neighbours), when their English is in the Chinese order and no English word between
    them is linked to a Chinese word outside them (a reordered phrase brackets words
    that are not its own); else None."""
    if right <= 0 or right >= len(anchors):
        return None
    (a, lw), (b, rw) = anchors[right - 1], anchors[right]
    lo, hi = lw[1] + 1, rw[0] - 1
    if lo > hi:
        return None
    for k, w in anchors:
        if not a <= k <= b and w[0] <= hi and lo <= w[1]:
            return None
    return lo, hi


def _only_word(window: tuple[int, int], free: Sequence[bool], english: EnglishWords) -> int | None:
    """The one free English word of ``window``, for the one unlinked content word
    between two linked neighbours (never at a sentence's end: 作为 in 作为外交部长 has
    "As foreign" before "minister", and "foreign" is the minister's, not 作为's)."""
    lo, hi = window
    inside = [j for j in range(lo, hi + 1) if free[j]]
    if len(inside) != 1:
        return None
    j = inside[0]
    if english.stems[j] in _NOT_BY_PLACE or english.text[english.spans[j][0]].isupper():
        return None
    return j


def gloss_stems(senses: tuple[str, ...]) -> GlossStems:
    """The content stems of every sense of a gloss, the words in parentheses left out;
    of a sense of several words, not its light verbs or numbers: 落空 "to come to
    nothing" is not "came" (令 "to make" is "made")."""
    return gloss_stems_of(map(content_stems, senses))


def gloss_stems_of(contents: Iterable[tuple[str, ...]]) -> GlossStems:
    """:func:`gloss_stems` of a gloss whose senses' content_stems are ``contents``:
    wordlink finds them for its own index and keeps what this makes with it, so that
    this pass looks up nothing per token."""
    out: set[str] = set()
    for stems in contents:
        out.update(s for s in stems if len(s) >= 3 and (len(stems) == 1 or s not in _NOT_BY_PLACE))
    return _new(
        GlossStems,
        (frozenset(out), frozenset(s[:_NEAR_MIN] for s in out if len(s) >= _NEAR_MIN)),
    )


_NO_LINKS: dict[str, float] = {}
