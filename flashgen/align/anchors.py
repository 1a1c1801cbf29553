"""Lexical anchors: what in a sentence can be found again in its translation.

Each sentence becomes a set of *anchor keys*; a Chinese key comes with the bit mask of
the characters it covers, so that the aligner can tell how much of a sentence the other
side of a bead accounts for.  The keys are

* English stems, and on the Chinese side the stemmed CC-CEDICT glosses of every
  dictionary word found (游说 → "lobbi");
* numbers, as ``#`` and their value (``4万亿`` = ``4 trillion``, see :mod:`flashgen.text.numerals`);
* Latin tokens written in the Chinese text (``H20``);
* pinyin names, as ``py:`` and their syllables (``汪淼`` = ``Wang Miao``);
* question and exclamation marks and quotation marks, as ``!?``, ``!!`` and ``!q``;
* learnt anchors: after a first alignment, Chinese character pairs that keep sharing
  beads with an English word (``韦小宝`` ~ ``Trinket``), see :func:`learn_anchors`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from functools import cache

from flashgen.align.costs import Bead
from flashgen.resources.cache import cached_data, package_file, source_key
from flashgen.resources.cedict import Cedict, cedict_path, load_cedict
from flashgen.text.english import ANCHOR_WORD, STOPWORDS, stem
from flashgen.text.numerals import en_numbers, zh_numbers
from flashgen.text.script import HAN_RUN

# --- English words -------------------------------------------------------------

# english.py's stopwords are those of glosses; a whole sentence has many more function
# words that a dictionary gloss never gives.  The last two lines: CC-CEDICT's labels.
_STOPWORDS = STOPWORDS | frozenset(
    """nor if then else there here
    upon under down off
    am doing done having
    mine myself ours ourselves yours yourself yourselves
    himself hers herself itself theirs themselves
    what which who whom whose when where why how all any both each few more most other
    some such only own same too can will just should would could shall may
    might must also yet again once ever even still s t d ll m o re ve y
    somebody
    lit fig esp abbr variant see surname classifier cl kangxi radical pr coll tw
    onom particle""".split()
)

# --- CC-CEDICT glosses ------------------------------------------------------------

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|[^\x00-\x7f]+")
_ACRONYM_IN_PAREN = re.compile(r"\(([A-Z]{2,})\)")
_SKIPPED_SENSE = re.compile(
    r"^(CL:|(old |unofficial |archaic )?variant of|see |also pr|abbr\. for)"
)


def _sense_lemmas(sense: str) -> set[str]:
    if _SKIPPED_SENSE.match(sense):
        return set()
    # Each regular expression only where it can find something (a quarter less time,
    # the same lemmas for each of CC-CEDICT's 140,531 distinct senses).
    if "(" in sense:
        acronyms = _ACRONYM_IN_PAREN.findall(sense)  # "artificial intelligence (AI)"
        words = ANCHOR_WORD.findall(_PAREN.sub(" ", sense)) + acronyms
    elif "[" in sense or not sense.isascii():
        words = ANCHOR_WORD.findall(_PAREN.sub(" ", sense))
    else:
        words = ANCHOR_WORD.findall(sense)
    return {stem(w) for w in words if w.lower() not in _STOPWORDS and not w.isdigit()}


@cache
def gloss_lemmas(word: str) -> frozenset[str]:
    """Stemmed English content words of every CC-CEDICT sense of ``word`` (cached per word).

    >>> stem("lobbying") in gloss_lemmas("游说")  # "to lobby; to campaign; ..."
    True
    """
    lemmas: set[str] = set()
    for entry in load_cedict().lookup(word):
        for sense in entry.senses:
            lemmas |= _sense_lemmas(sense)
    return frozenset(lemmas)


# --- pinyin names --------------------------------------------------------------------


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable that CC-CEDICT gives a single character (kept in
    the cache folder: finding them reads every entry, a fifth of a second)."""

    def build() -> dict[str, object]:
        cedict = load_cedict()
        return {
            "syllables": sorted(
                {r for ch in cedict.headwords() if len(ch) == 1 for r in _readings(ch)}
            )
        }

    found = cached_data("pinyin-syllables", source_key([cedict_path()], 1), build)
    return frozenset(found["syllables"])


@cache
def _readings(ch: str) -> frozenset[str]:
    """Toneless readings of one character: 汪 → {"wang"}; ü written as u, as English does."""
    out = set()
    for entry in load_cedict().lookup(ch):
        reading = entry.pinyin.lower().replace("u:", "u").rstrip("12345")
        if reading.isalpha():
            out.add(reading)
    return frozenset(out)


def _pinyin_splits(word: str, limit: int = 4) -> list[tuple[str, ...]]:
    """Ways to read ``word`` as pinyin syllables: "qingyang" → [("qing", "yang")]."""
    out: list[tuple[str, ...]] = []
    if len(word) <= 18:
        _walk(word, (), _syllables(), limit, out)
    return [s for s in out if len(s) <= 4]


def _walk(
    rest: str,
    acc: tuple[str, ...],
    syllables: frozenset[str],
    limit: int,
    out: list[tuple[str, ...]],
) -> None:
    """Append to ``out`` the readings of ``rest`` as syllables after ``acc``, up to
    ``limit`` of them.  A function of its own, not a closure: compiled, a closure and its
    function refer to each other, and each call left a cycle to the cycle collector,
    which annotating now freezes out of its sight after each chunk (flashgen.collector)."""
    if len(out) >= limit:
        return
    if not rest:
        out.append(acc)
        return
    for n in range(min(6, len(rest)), 0, -1):
        if rest[:n] in syllables:
            _walk(rest[n:], (*acc, rest[:n]), syllables, limit, out)


_NAME = re.compile(r"\b[A-Z][a-z]*(?:[-'’][A-Za-z]+)*")
# English names spelled in pinyin ("Wang Miao", "Bao-yu", "Zhan'ao").  A capitalised
# word counts as one only if it is rare as an English word (wordfreq Zipf below 4.5:
# "Wang" 3.95, "Li" 4.25 pass, "Long" 5.8, "China" 5.1, "Ran" 4.9 do not).
_NAME_MAX_ZIPF = 4.5


@cache
def _name_splits(token: str) -> tuple[tuple[str, ...], ...]:
    """The pinyin readings a capitalised word could be, before asking whether it is too
    common an English word to be a name (see _pinyin_name)."""
    return tuple(_pinyin_splits(re.sub(r"[-'’]", "", token).lower()))


@cache
def _pinyin_name(token: str) -> tuple[tuple[str, ...], ...]:
    splits = _name_splits(token)
    if not splits:
        return ()
    key = token.lower().replace("’", "'")
    if key.isascii() and key.isalpha():
        common = key in common_english()
    else:  # "Bao-yu", "Xi'an": wordfreq's own tokenizer decides
        known = _marked_english().get(key)  # "you're", "can't": decided once, kept
        if known is not None:
            common = known
        else:
            from wordfreq import zipf_frequency  # imported late: it loads a large word list

            common = zipf_frequency(key, "en") >= _NAME_MAX_ZIPF
    return () if common else splits  # "You're" is no name, even if "youre" reads as pinyin


@cache
def _wordfreq_lists() -> dict[str, list[str]]:
    """Two lists from wordfreq's top 20,000 English words, kept in the cache folder
    (wordfreq costs half a second to import and load, at every start): the words at
    Zipf 4.5 or more, and the words with an apostrophe or a hyphen ("you're", "can't")."""
    source = package_file("wordfreq")

    def build() -> dict[str, object]:
        from wordfreq import top_n_list, zipf_frequency

        top = top_n_list("en", _COMMON_SEARCHED)
        return {
            "common": sorted(w for w in top if zipf_frequency(w, "en") >= _NAME_MAX_ZIPF),
            "marked": sorted(
                w
                for w in top
                if w.isascii() and not w.isalpha() and w.replace("'", "").replace("-", "").isalpha()
            ),
        }

    key = source_key([source], _NAME_MAX_ZIPF, _COMMON_SEARCHED, _WORDFREQ_FORMAT)
    return cached_data("english-common", key, build)


_COMMON_SEARCHED = 20_000
_WORDFREQ_FORMAT = 2  # 1: the common words only


@cache
def common_english() -> frozenset[str]:
    """The English words of wordfreq's list at Zipf 4.5 or more (3,036 words, all of
    them among its top 20,000)."""
    return frozenset(_wordfreq_lists()["common"])


@cache
def _marked_english() -> dict[str, bool]:
    """For the words of wordfreq's top 20,000 with an apostrophe or a hyphen, whether
    they are that common — what :func:`_pinyin_name` would find asking wordfreq — so
    that a text whose only such words are these does not import wordfreq at all."""
    common = common_english()
    return {w: w in common for w in _wordfreq_lists()["marked"]}


def name_index(en_keys: list[set[str]]) -> dict[str, set[tuple[str, ...]]]:
    """The pinyin names of an English text as syllables, by their first syllable."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for keys in en_keys:
        for k in keys:
            if k.startswith("py:"):
                for split in _pinyin_splits(k[3:]):
                    names.setdefault(split[0], set()).add(split)
    return names


# --- sentence keys -------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_MAX_WORD = 8  # longer CC-CEDICT headwords are rare and never needed for anchoring


# Questions, exclamations and quoted speech are kept by translators: cheap anchors.
_EN_MARKS = (
    ("!?", re.compile(r"\?")),
    ("!!", re.compile(r"!")),
    ("!q", re.compile(r"[“”\"]|(?:^|\s)'|'(?:\s|$)")),
)
_ZH_MARKS = (
    ("!?", re.compile(r"[？?]")),
    ("!!", re.compile(r"[！!]")),
    ("!q", re.compile(r"[“”「」『』\"]")),
)


def _number_key(value: float) -> str:
    return f"#{value:g}"


def _is_stopword(word: str) -> bool:
    w = word.lower().replace("’", "'")
    return w.split("'")[0] in _STOPWORDS or w.endswith("n't")  # you're, I'll, didn't


def english_stems(sentence: str) -> set[str]:
    """The keys of :func:`english_keys` that are stems of its words, the cheapest part."""
    # A loop reading _word_key's dict itself: asked of every English sentence, where
    # map() called the compiled function through its Python wrapper for every word.
    known = _WORD_KEYS
    out = set()
    for word in ANCHOR_WORD.findall(sentence.replace(",", "")):
        key = known.get(word)
        if key is None:
            key = _word_key(word) or ""
        if key:
            out.add(key)
    return out


def english_keys(sentence: str, readable: Collection[str] | None = None) -> set[str]:
    """Anchor keys of an English sentence: stems, numbers, pinyin names.

    With ``readable``, only the pinyin names that could begin with one of its syllables:
    a name is found in Chinese only from a character with its first syllable as a
    reading (see _add_names), so the others cannot anchor a sentence whose characters'
    readings are ``readable``.  Leaving them out spares asking whether the word is too
    common to be a name, which for a word such as "What're" loads wordfreq (a quarter of
    a second, once)."""
    words = ANCHOR_WORD.findall(sentence.replace(",", ""))
    keys = {k for k in map(_word_key, words) if k is not None}
    keys.update(_number_key(v) for v in en_numbers(words))
    for m in _NAME.finditer(sentence):
        token = m.group()
        if readable is None or any(s[0] in readable for s in _name_splits(token)):
            keys.update("py:" + "".join(s) for s in _pinyin_name(token))
    keys.update(key for key, pattern in _EN_MARKS if pattern.search(sentence))
    return keys


def han_readings(sentences: Iterator[str]) -> set[str]:
    """The toneless readings of the Han characters of ``sentences`` (see english_keys)."""
    return {r for s in sentences for run in HAN_RUN.findall(s) for ch in run for r in _readings(ch)}


def _word_key(word: str) -> str | None:
    """The stem :func:`english_keys` keys an English word by, None for a number or a
    stopword (asked for every word of every sentence: answered once per spelling)."""
    # A plain dict, not an lru_cache: compiled code reads a dict without the Python call
    # an lru_cache costs (Tatoeba: 200,000 asks of 8,000 spellings).  "" stands for None.
    key = _WORD_KEYS.get(word)
    if key is None:
        if len(_WORD_KEYS) >= _WORD_KEYS_MAX:
            _WORD_KEYS.clear()  # bounded: a long text's English vocabulary has no end
        key = _WORD_KEYS[word] = "" if word[0].isdigit() or _is_stopword(word) else stem(word)
    return key or None


_WORD_KEYS: dict[str, str] = {}
_WORD_KEYS_MAX = 1 << 16


def chinese_keys(
    sentence: str,
    names: dict[str, set[tuple[str, ...]]],
    wanted: Collection[str] | None = None,
) -> dict[str, int]:
    """Anchor keys of a Chinese sentence, each with the bit mask of the characters it covers.

    Every CC-CEDICT headword in the sentence gives its glosses, overlapping ones
    included, since a greedy segmentation can go wrong at word boundaries; single
    characters count only where no longer headword covers them.  ``names`` maps a
    first syllable to the pinyin names of the English text that start with it, so
    only names that could match are looked for.  With ``wanted``, only the keys in it
    (those the English has): the same keys and masks as filtering the whole result,
    in the same order, without making the many that no English word would match.
    """
    cedict = load_cedict()
    keys: dict[str, int] = {}
    for run in HAN_RUN.finditer(sentence):
        _add_headwords(keys, sentence, run.start(), run.end(), cedict, wanted)
        if names:
            _add_names(keys, sentence, run.start(), run.end(), names)
    _add_marked(keys, sentence)
    if wanted is not None:
        return {k: v for k, v in keys.items() if k in wanted}
    return keys


def _add_marked(keys: dict[str, int], sentence: str) -> None:
    """The keys of a Chinese sentence other than headwords and names: numbers, Latin
    tokens and marks such as ％ (in this order, after them)."""
    for start, end, value in zh_numbers(sentence):
        _add(keys, _number_key(value), start, end)
    for m in _LATIN.finditer(sentence):
        _add(keys, stem(m.group()), m.start(), m.end())
    for key, pattern in _ZH_MARKS:
        for m in pattern.finditer(sentence):
            _add(keys, key, m.start(), m.end())


def covers_any(
    sentence: str,
    names: dict[str, set[tuple[str, ...]]],
    wanted: Collection[str],
    within: int,
    headwords: bool = True,
) -> bool:
    """Whether some key of ``chinese_keys(sentence, names, wanted)`` covers a character
    of the bit mask ``within``, answered at the first one found: headwords first (they
    are what most sentences share with their translation), run by run.  Without
    ``headwords``, only the other keys (names, numbers, Latin tokens, marks) count."""
    if headwords:
        cedict = load_cedict()
        for run in HAN_RUN.finditer(sentence):
            if _headword_covers(sentence, run.start(), run.end(), cedict, wanted, within):
                return True
    masks: dict[str, int] = {}
    if names:
        for run in HAN_RUN.finditer(sentence):
            _add_names(masks, sentence, run.start(), run.end(), names)
    _add_marked(masks, sentence)
    return any(mask & within for key, mask in masks.items() if key in wanted)


def _headword_covers(
    sentence: str, lo: int, hi: int, cedict: Cedict, wanted: Collection[str], within: int
) -> bool:
    """Whether :func:`_add_headwords` would add, for the Han run ``sentence[lo:hi]``, a
    key of ``wanted`` covering a character of ``within``; stops at the first."""
    reach = 0  # the end of the furthest headword of two or more characters so far
    for p in range(lo, hi):
        # Longest first: the longer headwords starting at p are met before p's own
        # character, so ``reach`` tells whether one covers it, as _add_headwords does.
        for w in reversed(cedict.prefixes(sentence[p : min(p + _MAX_WORD, hi)])):
            lemmas = gloss_lemmas(w)
            if not lemmas:
                continue
            end = p + len(w)
            if len(w) > 1:
                reach = max(reach, end)
            elif reach > p:
                continue  # 工 inside 人工智能, skipped as _add_headwords skips it
            if (within >> p) & ((1 << (end - p)) - 1) and not lemmas.isdisjoint(wanted):
                return True
    return False


def _add(keys: dict[str, int], key: str, start: int, end: int) -> None:
    """Add to ``key``'s mask in ``keys`` the characters ``start`` to ``end``."""
    keys[key] = keys.get(key, 0) | ((1 << end) - (1 << start))


def _add_headwords(
    keys: dict[str, int],
    sentence: str,
    lo: int,
    hi: int,
    cedict: Cedict,
    wanted: Collection[str] | None,
) -> None:
    """:func:`chinese_keys`' glosses of the headwords in the Han run ``sentence[lo:hi]``
    (only those in ``wanted``, if given)."""
    found = []
    for p in range(lo, hi):
        # Longest first, as the keys were always added (their order is the dict's).
        for w in reversed(cedict.prefixes(sentence[p : min(p + _MAX_WORD, hi)])):
            lemmas = gloss_lemmas(w)
            if lemmas:
                found.append((p, p + len(w), lemmas))
    covered = 0
    for start, end, _ in found:
        if end - start > 1:
            covered |= (1 << end) - (1 << start)
    for start, end, lemmas in found:
        if end - start == 1 and covered >> start & 1:
            continue  # 工 inside 人工智能 says little about the English
        if wanted is None:
            for lemma in lemmas:
                _add(keys, lemma, start, end)
        elif not lemmas.isdisjoint(wanted):  # most words: none of the English's
            _add_wanted(keys, lemmas, wanted, start, end)


def _add_wanted(
    keys: dict[str, int], lemmas: frozenset[str], wanted: Collection[str], start: int, end: int
) -> None:
    """:func:`_add` each of ``lemmas`` that is in ``wanted``, in the order of ``lemmas``."""
    for lemma in lemmas:
        if lemma in wanted:
            _add(keys, lemma, start, end)


def _add_names(
    keys: dict[str, int],
    sentence: str,
    lo: int,
    hi: int,
    names: dict[str, set[tuple[str, ...]]],
) -> None:
    """:func:`chinese_keys`' pinyin names in the Han run ``sentence[lo:hi]``: each name of
    ``names`` whose syllables are readings of successive characters."""
    for p in range(lo, hi):
        for first in _readings(sentence[p]):
            for name in names.get(first, ()):
                end = p + len(name)
                if end <= hi and all(
                    s in _readings(sentence[q])
                    for q, s in zip(range(p + 1, end), name[1:], strict=True)
                ):
                    _add(keys, "py:" + "".join(name), p, end)


# --- learnt anchors ---------------------------------------------------------------------


def _bigrams(sentence: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for run in HAN_RUN.finditer(sentence):
        for p in range(run.start(), run.end() - 1):
            out[sentence[p : p + 2]] = out.get(sentence[p : p + 2], 0) | (3 << p)
    return out


def _bead_pairs(
    zh: Sequence[str], en_keys: list[set[str]], beads: list[Bead]
) -> Iterator[tuple[set[str], set[str]]]:
    """The bigrams and the words of each bead of :func:`learn_anchors`, made again for
    each pass over the beads rather than kept (for a whole book they took more memory
    than the search).  A function of its own, not a closure: compiled, a closure and its
    function's locals refer to each other, and the cycle kept the counts of every
    paragraph alive until the cycle collector ran (10 MB text: tens of MB more)."""
    for i, a, j, b in beads:
        if a and b:
            yield (
                set().union(*(_bigrams(zh[x]) for x in range(i, i + a))),
                {k for y in range(j, j + b) for k in en_keys[y] if not k.startswith(("#", "py:"))},
            )


def learn_anchors(
    zh: Sequence[str],
    zh_keys: list[dict[str, int]],
    en_keys: list[set[str]],
    beads: list[Bead],
    min_count: int,
    min_dice: float,
) -> list[dict[str, int]]:
    """``zh_keys`` plus anchors learnt from an alignment: a Chinese character pair and an
    English word that share most of their beads (Dice coefficient), typically a name
    and its translation (韦小宝 ~ Trinket, 袭人 ~ Aroma) that no dictionary has."""
    if len(beads) < min_count:
        # No pair can be seen together in min_count beads (a paragraph of two or three
        # sentences, most of those aligned by the full model): nothing to count.
        return zh_keys
    fx: Counter[str] = Counter()
    fe: Counter[str] = Counter()
    for xs, es in _bead_pairs(zh, en_keys, beads):
        fx.update(xs)
        fe.update(es)
    # A pair counts at most min(fx, fe) beads: those that cannot reach the Dice
    # coefficient are not counted at all.
    joint = Counter(
        (x, e)
        for xs, es in _bead_pairs(zh, en_keys, beads)
        for x in xs
        if fx[x] >= min_count
        for e in es
        if fe[e] >= min_count and 2 * min(fx[x], fe[e]) / (fx[x] + fe[e]) >= min_dice
    )
    learnt: dict[str, set[str]] = {}
    for (x, e), c in joint.items():
        if c >= min_count and 2 * c / (fx[x] + fe[e]) >= min_dice:
            learnt.setdefault(x, set()).add(e)
    if not learnt:
        return zh_keys
    out = []
    for keys, sentence in zip(zh_keys, zh, strict=True):
        gram = _bigrams(sentence)
        more = None  # a copy, for the sentences that learn something (a book has many)
        for x, chars in gram.items():
            for e in learnt.get(x, ()):
                if more is None:
                    more = dict(keys)
                more[e] = more.get(e, 0) | chars
        out.append(keys if more is None else more)
    return out
