"""English words as every stage sees them: the word pattern, stopwords and stems.

One definition shared by sentence alignment (English anchors) and the word-level
English match, so that both split and stem English alike.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# An English word: letters and digits, and letters after an apostrophe (Nvidia's, don't).
_LETTERS = r"[A-Za-z0-9]+(?:['’][A-Za-z]+)"
# The words of a text or a gloss sense.  Dotted acronyms (A.I., U.S.) are one word,
# stemmed to their letters ("ai").
WORD = re.compile(rf"(?:[A-Za-z]\.){{2,}}|{_LETTERS}?")
# The words an alignment is anchored by: a decimal number is one (3.5, anchored by its
# value), a word may have several apostrophes (rock'n'roll), and a dotted acronym is
# read letter by letter.
ANCHOR_WORD = re.compile(rf"\d+(?:\.\d+)+|{_LETTERS}*")

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
# The base form of each irregular form, for whoever must tell an inflection from
# another word (the synonym match in flashgen.language.wordlink).
IRREGULAR: dict[str, str] = _IRREGULAR


@cache
def _porter2() -> object:
    import snowballstemmer  # imported late, like every data-loading dependency

    stemmer = snowballstemmer.stemmer("english")
    # PyStemmer's own cache only ever sees stem()'s misses, and purging it when full
    # costs more than stemming: 0.33 µs a new word without it, 1.29 µs with its default
    # 10,000 (100,000 distinct words, timed).  Same stems either way.
    if hasattr(stemmer, "maxCacheSize"):
        stemmer.maxCacheSize = 0
    return stemmer


# Bounded: a long text's English vocabulary (numbers and names included) has no end.
@lru_cache(maxsize=1 << 16)
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
