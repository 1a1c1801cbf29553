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


def english_words(text: str) -> EnglishWords:
    spans = tuple((m.start(), m.end()) for m in _WORD.finditer(text))
    return EnglishWords(text, spans, tuple(stem(text[s:e].replace(".", "")) for s, e in spans))


# Stopwords that are still the meaning of a sense made of nothing else ("to do", "to have").
_ARTICLES = frozenset({"a", "an", "the", "to", "sb", "sth", "oneself", "one's"})


def content_stems(sense: str) -> tuple[str, ...]:
    """Stemmed content words of a gloss sense: "to lobby (for sth)" -> ("lobbi",).

    A sense with no content word but a verb like "to do" or "to have" keeps that verb.
    """
    words = _WORD.findall(_PAREN.sub(" ", sense))
    content = tuple(stem(w) for w in words if w.lower() not in STOPWORDS)
    if content:
        return content
    verbs = [w for w in words if w.lower() not in _ARTICLES]
    return (stem(verbs[0]),) if len(verbs) == 1 and len(words) == 2 and (
        words[0].lower() == "to") else ()


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


def _parts(senses: Sequence[str]) -> list[tuple[str, str]]:
    """Each sense, then its comma-separated parts ("NVIDIA, computer graphics card company"),
    then acronyms given in parentheses."""
    out = [(s, s) for s in senses]
    out += [(s, p) for s in senses if "," in s for p in s.split(",") if p.strip()]
    # "artificial intelligence (AI)": the acronym alone is a translation too.
    out += [(s, m.group(1)) for s in senses for m in _ACRONYM.finditer(s)]
    return out


def match_english(senses: Sequence[str], english: EnglishWords,
                  heads: bool = True) -> EnglishMatch | None:
    """The span of ``english`` that translates one of ``senses`` (best sense wins).

    With ``heads``, a sense's head noun alone may match when no whole sense does.
    """
    best: tuple[int, int, EnglishMatch] | None = None
    for rank, (sense, part) in enumerate(_parts(senses)):
        needle = content_stems(part)
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
    if best is None:
        return _match_head(senses, english) if heads else None
    return best[2]


def _match_head(senses: Sequence[str], english: EnglishWords) -> EnglishMatch | None:
    """Fallback: the head noun of a noun-phrase sense ("computer chip" -> "chips").

    English noun phrases put their head last; verb senses ("to reverse course") are
    left out because their last word is rarely the translation on its own.
    """
    for sense, part in _parts(senses):
        if part.strip().lower().startswith("to "):
            continue
        needle = content_stems(part)
        if len(needle) < 2 or len(needle[-1]) < 3:
            continue
        found = _find(needle[-1:], english)
        if found is not None:
            return EnglishMatch(found[0], found[1], english.text[found[0]:found[1]], sense)
    return None
