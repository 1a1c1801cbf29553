"""English words that CC-CEDICT gives a Chinese word through its near neighbours.

A word's own senses often miss the word its translator chose: 担心 is "worried; to
worry", the English says "concerned".  CC-CEDICT says "concerned" elsewhere, for a
word that shares a character *and* a meaning with it: 担忧 "to worry; to be concerned".
Such a neighbour lends its one-word senses: 担心 -> "concern".  Both tests are needed:
sharing a character alone (心 is in 800 words) or a meaning alone ("worry" is in 40)
brings in unrelated words.

Only what :mod:`flashgen.language.wordlink` asks for a word that found no English
word by its own senses, so the cost is paid for few words; each word once a process.
"""

from __future__ import annotations

from functools import cache

from flashgen.language.english import content_stems
from flashgen.resources.cedict import load_cedict
from flashgen.text.english import STOPWORDS

# Neighbours longer than this are phrases, whose one-word senses say less about a word.
_NEIGHBOUR_MAX = 3
# Stems this short are too ambiguous to bridge two words ("do", "go", "set").
_BRIDGE_MIN = 4
# Meanings too general to make two words near: that both are "to make" or "big" does
# not make 生产 and 打 the same word.  Porter2 stems.
_GENERAL = frozenset(
    "make take give get have put come go keep hold bring thing person place time way "
    "also big small good bad much mani veri one two some other new old".split()
)


@cache
def _by_character() -> dict[str, tuple[str, ...]]:
    """Every CC-CEDICT headword of two to _NEIGHBOUR_MAX characters, by character
    (0.1 s, once a process)."""
    out: dict[str, list[str]] = {}
    for head in load_cedict().headwords():
        if 2 <= len(head) <= _NEIGHBOUR_MAX:
            for ch in set(head):
                out.setdefault(ch, []).append(head)
    return {ch: tuple(heads) for ch, heads in out.items()}


@cache
def _single_stems(word: str) -> frozenset[str]:
    """The stems of ``word``'s one-content-word senses, over all its entries:
    担忧 -> {"worri", "concern"}."""
    out = set()
    for entry in load_cedict().lookup(word):
        for sense in entry.senses:
            found = content_stems(sense)
            if len(found) == 1 and found[0] not in STOPWORDS:
                out.add(found[0])
    return frozenset(out)


def _bridges(stems: frozenset[str]) -> frozenset[str]:
    return frozenset(s for s in stems if len(s) >= _BRIDGE_MIN and s not in _GENERAL)


@cache
def neighbour_stems(word: str, senses: tuple[str, ...]) -> frozenset[str]:
    """English stems a neighbour of ``word`` (sharing a character and a one-word sense
    with it) glosses it by, less ``word``'s own: 担心 "anxious; worried; to worry" ->
    {"concern", ...}.  Empty for a one-character word (its neighbours are every word
    it is part of)."""
    if len(word) < 2:
        return frozenset()
    own = frozenset(s for sense in senses for s in content_stems(sense))
    bridges = _bridges(
        frozenset(s for sense in senses if len(f := content_stems(sense)) == 1 for s in f)
    )
    if not bridges:
        return frozenset()
    index = _by_character()
    seen: set[str] = {word}
    out: set[str] = set()
    for ch in set(word):
        for other in index.get(ch, ()):
            if other in seen:
                continue
            seen.add(other)
            theirs = _single_stems(other)
            if not bridges.isdisjoint(theirs):
                out.update(s for s in theirs if s not in _GENERAL and len(s) >= 3)
    return frozenset(out - own)
