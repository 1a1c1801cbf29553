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
from dataclasses import dataclass, field
from functools import cache, lru_cache

from flashgen.types import EnglishMatch

# Dotted acronyms (A.I., U.S.) are one word, stemmed to their letters ("ai").
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")

# Function words that carry no meaning of their own in a gloss ("to lobby", "of").
STOPWORDS = frozenset(
    """a an the to of in on at by for from with as and or but be is are was were been
    being it its this that these those sb sth one's oneself someone something etc
    into onto up out over about than so very not no do does did have has had
    he she they we you i me him her them us my your his their our""".split()
)


# Irregular forms that CC-CEDICT glosses give in their base form ("to go", "man").
_IRREGULAR = dict(
    pair.split(":")
    for pair in """went:go gone:go said:say saw:see seen:see took:take taken:take came:come
    thought:think knew:know known:know told:tell gave:give given:give found:find left:leave
    felt:feel made:make got:get gotten:get ran:run stood:stand sat:sit spoke:speak
    spoken:speak heard:hear held:hold brought:bring bought:buy taught:teach caught:catch
    fought:fight sought:seek kept:keep slept:sleep wept:weep met:meet led:lead fed:feed
    fled:flee fell:fall fallen:fall drove:drive driven:drive rode:ride ridden:ride
    wrote:write written:write ate:eat eaten:eat drank:drink drunk:drink sang:sing
    sung:sing began:begin begun:begin swam:swim risen:rise arose:arise
    woke:wake chose:choose chosen:choose broke:break broken:break froze:freeze
    stole:steal stolen:steal wore:wear worn:wear tore:tear torn:tear bore:bear born:bear
    threw:throw thrown:throw grew:grow grown:grow drew:draw drawn:draw flew:fly
    flown:fly blew:blow shook:shake hid:hide hidden:hide bitten:bite
    lain:lie laid:lay paid:pay sold:sell built:build sent:send spent:spend
    lent:lend bent:bend lost:lose shot:shoot won:win struck:strike hung:hang
    dug:dig stuck:stick swung:swing understood:understand forgot:forget
    forgotten:forget forgave:forgive became:become overcame:overcome
    men:man women:woman children:child feet:foot teeth:tooth mice:mouse geese:goose
    people:person better:good best:good worse:bad worst:bad
    did:do done:do does:do had:have has:have""".split()
)


@cache
def _porter2() -> object:
    import snowballstemmer  # imported late, like every data-loading dependency

    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """Porter2 stem of ``word``, after undoing the common irregular forms.

    Applied alike to English text and to CC-CEDICT glosses, so it only has to map
    the forms of one word together (lobbying, lobbied, lobby → "lobbi"; went → "go").

    >>> [stem(w) for w in ["lobbying", "chips", "companies", "went", "Nvidia’s"]]
    ['lobbi', 'chip', 'compani', 'go', 'nvidia']
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    return _porter2().stemWord(w)  # type: ignore[attr-defined,no-any-return]


@dataclass(frozen=True, slots=True)
class EnglishWords:
    """An English sentence split into words with offsets, and their stems."""

    text: str
    spans: tuple[tuple[int, int], ...]
    stems: tuple[str, ...]
    # Where each stem occurs (word indices, in order), so that only the gloss words the
    # sentence has are looked for.
    at: dict[str, list[int]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        at: dict[str, list[int]] = {}
        for i, s in enumerate(self.stems):
            at.setdefault(s, []).append(i)
        object.__setattr__(self, "at", at)


def english_words(text: str) -> EnglishWords:
    found = list(_WORD.finditer(text))
    return EnglishWords(text, tuple(map(re.Match.span, found)),
                        tuple(map(_word_stem, map(re.Match.group, found))))


@cache
def _word_stem(word: str) -> str:
    """The stem of a word as the text has it (a dotted acronym loses its dots): asked for
    every word of every sentence, so answered once per spelling."""
    return stem(word.replace(".", ""))


# Stopwords that are still the meaning of a sense made of nothing else ("to do", "to have").
_ARTICLES = frozenset({"a", "an", "the", "to", "sb", "sth", "oneself", "one's"})


@lru_cache(maxsize=1 << 16)
def content_stems(sense: str) -> tuple[str, ...]:
    """Stemmed content words of a gloss sense: "to lobby (for sth)" -> ("lobbi",).

    A sense with no content word but a verb like "to do" or "to have" keeps that verb.
    """
    words = _WORD.findall(_PAREN.sub(" ", sense) if "(" in sense or "[" in sense else sense)
    content = tuple(stem(w) for w in words if w.lower() not in STOPWORDS)
    if content:
        return content
    verbs = [w for w in words if w.lower() not in _ARTICLES]
    return (stem(verbs[0]),) if len(verbs) == 1 and len(words) == 2 and (
        words[0].lower() == "to") else ()


def _find(needle: tuple[str, ...], hay: EnglishWords) -> tuple[int, int] | None:
    """First occurrence of ``needle`` in order, allowing one stopword between words."""
    stems = hay.stems
    for i in hay.at.get(needle[0], ()):
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


def _parts(senses: Sequence[str]) -> list[tuple[str, str]]:
    """Each sense, then its comma-separated parts ("NVIDIA, computer graphics card company"),
    then acronyms given in parentheses."""
    out = [(s, s) for s in senses]
    out += [(s, p) for s in senses if "," in s for p in s.split(",") if p.strip()]
    # "artificial intelligence (AI)": the acronym alone is a translation too.
    out += [(s, m.group(1)) for s in senses if "(" in s for m in _ACRONYM.finditer(s)]
    return out


# A needle: (rank of its part among _parts, the sense, its content stems).
_Needle = tuple[int, str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _SenseIndex:
    """What matching needs of a gloss's senses, whatever the sentence: worked out once
    per gloss, so that matching one against a sentence is mostly set operations."""

    # The parts that have content words, by their first content stem (only the parts
    # whose first word the sentence has can match: 打 has 30 senses), and those stems.
    needles: dict[str, tuple[_Needle, ...]]
    firsts: frozenset[str]
    # The noun-phrase parts by their head noun's stem (see match_head): the first part
    # with that head, as (its place among the heads, its sense); and those stems.
    heads: dict[str, tuple[int, str]]
    head_stems: frozenset[str]


def _sense_index(senses: tuple[str, ...]) -> _SenseIndex:
    needles: dict[str, list[_Needle]] = {}
    heads: dict[str, tuple[int, str]] = {}
    for rank, (sense, part) in enumerate(_parts(senses)):
        needle = content_stems(part)
        if needle:
            needles.setdefault(needle[0], []).append((rank, sense, needle))
        if (len(needle) >= 2 and len(needle[-1]) >= 3
                and not part.strip().lower().startswith("to ")):
            heads.setdefault(needle[-1], (len(heads), sense))
    return _SenseIndex({first: tuple(found) for first, found in needles.items()},
                       frozenset(needles), heads, frozenset(heads))


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


def match_english(senses: Sequence[str], english: EnglishWords,
                  heads: bool = True) -> EnglishMatch | None:
    """The span of ``english`` that translates one of ``senses`` (best sense wins).

    With ``heads``, a sense's head noun alone may match when no whole sense does.
    """
    index = _index_of(senses)
    # Most glosses share no first word with the sentence (most of the 185,000 matches
    # a Tatoeba text asks for): one set operation says so.
    if index.firsts.isdisjoint(english.at):
        return _match_head(index, english) if heads else None
    # The most content words win, then the earliest part (parts have distinct ranks,
    # so the order in which candidates are tried does not change the winner).
    best: tuple[int, int, tuple[int, int], str] | None = None
    for first in index.firsts.intersection(english.at):
        for rank, sense, needle in index.needles[first]:
            if best is not None and (len(needle), -rank) < best[:2]:
                continue
            # A one-word needle is found where its word first is (the sentence has it).
            found = (english.spans[english.at[first][0]] if len(needle) == 1
                     else _find(needle, english))
            if found is not None:
                best = (len(needle), -rank, found, sense)
    if best is None:
        return _match_head(index, english) if heads else None
    (start, end), sense = best[2], best[3]
    return EnglishMatch(start, end, english.text[start:end], sense)


def match_head(senses: Sequence[str], english: EnglishWords) -> EnglishMatch | None:
    """The head noun of a noun-phrase sense ("computer chip" -> "chips"), the first such
    sense whose head the sentence has; what :func:`match_english` falls back on.

    English noun phrases put their head last; verb senses ("to reverse course") are
    left out because their last word is rarely the translation on its own.
    """
    return _match_head(_index_of(senses), english)


def _match_head(index: _SenseIndex, english: EnglishWords) -> EnglishMatch | None:
    if index.head_stems.isdisjoint(english.at):
        return None
    # The sentence's heads: the one of the earliest part wins (places are distinct).
    _, sense, word = min((*index.heads[w], w) for w in index.head_stems.intersection(english.at))
    start, end = english.spans[english.at[word][0]]
    return EnglishMatch(start, end, english.text[start:end], sense)
