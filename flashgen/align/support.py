"""How much of a link its own content supports: an absolute check of an alignment.

``Link.score`` is relative: the probability that the link beats the other ways of
aligning the same sentences.  It says nothing about whether the two sides translate each
other at all — three Chinese sentences against one unrelated English sentence make a 3–1
link of probability 0.997, there being no other way.  :func:`link_support` looks at the
link alone, with the aligner's own evidence (dictionary glosses, numbers, Latin tokens and
pinyin names shared by the two sides, see :mod:`flashgen.align.anchors`).

>>> link_support(["天气很好。"], ["Trump said tariffs would rise."], [Link((0,), (0,), 1.0)])
[0.0]
>>> link_support(["天气很好。"], ["The weather is fine."], [Link((0,), (0,), 1.0)])
[0.5]
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from flashgen.align.anchors import (
    _MAX_WORD,
    chinese_keys,
    covers_any,
    english_keys,
    english_stems,
    gloss_lemmas,
    han_readings,
    name_index,
)
from flashgen.datatypes import Link, Token
from flashgen.text.script import HAN, HAN_RUN


def link_support(zh: Sequence[str], en: Sequence[str], links: Sequence[Link]) -> list[float]:
    """For each link, the share of its least supported Chinese sentence that the link's
    English accounts for: of the sentence's Han characters, Latin letters and digits,
    those that an anchor shared with that English covers (0.0 for a link with an empty
    side, or whose Chinese has nothing to cover)."""
    return [_support(zh, link, *_keys(en, link)) for link in links]


def link_supported(
    zh: Sequence[str],
    en: Sequence[str],
    link: Link,
    share: float | None = None,
    stems: set[str] | None = None,
) -> bool:
    """Whether :func:`link_support` of ``link`` is above 0 (``share`` None) or at least
    ``share``, found with less work.  The stems of the English words alone, a part of its
    keys and of their cost (numbers and pinyin names are the rest), often answer: a share
    they reach, the whole keys reach too.  Above 0, each Chinese sentence is searched
    only until one shared anchor covers some of its content.  (On Tatoeba, most links
    are sure, and a sure link needs only this, see flashgen.language.annotate._verdict.)
    ``stems``: those stems (:func:`english_stems` of each English sentence of the link,
    joined), when the caller has them already."""
    if not link.zh or not link.en:
        return False
    if stems is None:
        stems = set().union(*(english_stems(en[j]) for j in link.en))
    if share is not None:
        return _support(zh, link, stems, {}) >= share or (
            _support(zh, link, *_keys(en, link, zh)) >= share
        )
    # Each Chinese sentence with content, and its content's mask.
    sentences = [(zh[i], c) for i in link.zh if (c := _content(zh[i]))]
    if not sentences:
        return False
    rest = [(s, c) for s, c in sentences if not covers_any(s, {}, stems, c)]
    if not rest:
        return True
    keys, names = _keys(en, link, zh)
    # A sentence without any key has a share of 0, and so has the least share.  The
    # headwords need no second search: a gloss's stems are words, and the keys add to
    # the stems only numbers (#3), names (py:…) and marks (!?), which no gloss gives.
    return all(covers_any(s, names, keys, c, headwords=False) for s, c in rest)


def words_anchor(sentence: str, words: Iterable[Token], stems: Collection[str]) -> bool:
    """Whether one of ``words``, the tokens of ``sentence`` as a segmenter found them, is
    a CC-CEDICT headword of two to eight Han characters with a gloss in ``stems`` (the
    stems of an English, see english_stems).  If so, :func:`link_supported` says the
    sentence's link to that English is supported: the search for an anchor meets that
    headword where it starts, and a headword of two or more characters always counts
    (only single characters are skipped inside longer ones).  If not, it may still be:
    this only spares the search where the words already show an anchor."""
    known = _WORD_LEMMAS
    for _, start, end, _, _ in words:
        if 1 < end - start <= _MAX_WORD:
            w = sentence[start:end]  # the sentence's own characters, whatever the token says
            lemmas = known.get(w)
            if lemmas is None:
                if len(known) >= _WORD_LEMMAS_MAX:
                    known.clear()
                lemmas = known[w] = gloss_lemmas(w) if _HAN_WORD.fullmatch(w) else _NONE
            if lemmas and not lemmas.isdisjoint(stems):
                return True
    return False


# A word of Han characters only: the search for anchors looks at Han runs only.
_HAN_WORD = re.compile(HAN_RUN.pattern)
# Each word's lemmas as words_anchor sees them (none for a word not all Han), in a plain
# dict: asked for every word of two or more characters of every sentence (Tatoeba:
# 95,000 asks), where the pattern and gloss_lemmas' cache are each a Python call from
# compiled code.  Bounded; the lemmas themselves are gloss_lemmas' own.
_WORD_LEMMAS: dict[str, frozenset[str]] = {}
_WORD_LEMMAS_MAX = 1 << 16
_NONE: frozenset[str] = frozenset()


def _keys(
    en: Sequence[str], link: Link, zh: Sequence[str] | None = None
) -> tuple[set[str], dict[str, set[tuple[str, ...]]]]:
    """The anchor keys of the link's English, and its pinyin names (see name_index).
    With ``zh``, only the names that the link's Chinese could spell (the same support,
    see english_keys)."""
    readable = None if zh is None else han_readings(zh[i] for i in link.zh)
    keys = set().union(*(english_keys(en[j], readable) for j in link.en))
    return keys, name_index([keys])


def _support(
    zh: Sequence[str],
    link: Link,
    keys: set[str],
    names: dict[str, set[tuple[str, ...]]],
) -> float:
    """The link's support with the English keys ``keys`` and names ``names``."""
    if not link.zh or not link.en:
        return 0.0
    shares = []
    for i in link.zh:
        sentence = zh[i]
        # Only the keys the English has are made (see chinese_keys).
        covered = 0
        for mask in chinese_keys(sentence, names, keys).values():
            covered |= mask
        content = _content(sentence)
        if content:
            shares.append((covered & content).bit_count() / content.bit_count())
    return min(shares, default=0.0)


def _content(sentence: str) -> int:
    """The bit mask of the sentence's characters that _CONTENT matches."""
    content = 0
    for m in _CONTENT.finditer(sentence):
        content |= 1 << m.start()
    return content


# A character that carries meaning an anchor can account for (not punctuation): Han,
# or an ASCII letter or digit.
_CONTENT = re.compile(f"{HAN.pattern}|[A-Za-z0-9]")
