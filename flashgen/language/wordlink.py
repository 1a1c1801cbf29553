"""Link each Chinese word of a sentence to the English words that translate it.

Every way a word can be tied to a span of the sentence's English is a scored candidate
link; the links are then taken best first, each Chinese token and each English word at
most once (competitive linking).  Candidates, strongest first:

* a CC-CEDICT sense found whole (its content words in order, any inflection by the
  stem): at every place the sentence has it, not only the first;
* a transliterated name whose pinyin spells an English name (麦 棠源 / Mai Tangyuan),
  a number written alike (22 / 22nd), a month (3 月 / March);
* the head noun of a noun-phrase sense ("neighboring country" -> "country");
* the translation table (:mod:`flashgen.resources.wordtable`, learned from Tatoeba);
* a sense's other content words (邻国 "neighboring country" -> "neighbor"), and a stem
  that starts another (电信 "telecommunications" / "telecom").

Each score loses a little with the distance between the word's place in the Chinese
and the span's place in the English (a diagonal prior): of two "Israel"s, the first
Chinese 以色列 takes the first.  Precision comes first: a word with no candidate gets
no match rather than a guess.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from operator import itemgetter
from typing import Literal, NamedTuple

from flashgen.datatypes import EnglishMatch, Token
from flashgen.language.english import EnglishWords, content_stems, content_stems_of, needle_end
from flashgen.language.fill import GlossStems, fill_links, gloss_stems_of
from flashgen.resources.cedict import load_cedict
from flashgen.resources.synonyms import load_synonyms
from flashgen.resources.wordtable import load_wordtable
from flashgen.text.english import IRREGULAR, STOPWORDS, stem
from flashgen.text.english import WORD as _WORD

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")
# A comma outside parentheses: "to pursue (a course, a policy)" is one piece.
_COMMA = re.compile(r",(?![^()]*\))")

# Scores of the kinds of candidate (see the module docstring); the diagonal prior takes
# at most _DIAGONAL off, so it orders candidates of one kind, rarely across kinds.
_WHOLE = 4.0
_EXACT = 4.0  # names, numbers, months
_HEAD = 3.0
_TABLE = 2.0  # plus the table's score (0-1)
_PART = 2.0
_SYNONYM = 2.0
_DIAGONAL = 0.6
_ALIKE = 0.3
# English prepositions in -ing (a closed class): see _wholes.
_ING_PREPOSITIONS = frozenset(
    """according barring concerning considering excluding following including pending
    regarding respecting touching""".split()
)
_IN_ORDER = 0.1  # see _numbers: more than the diagonal prior gives two near numbers
# The English words (function words included) between two anchors a sandwiched word
# may be found among: more, and the one content word is more likely a paraphrase.
_SANDWICH_MAX = 4  # the gloss's own word, not only its stem ("reporter", not "reported")
# Table links weaker than this are not used (sqrt(t(e|f) t(f|e)); see the script).
_TABLE_MIN = 0.2
# A stem shorter than this never matches by its beginning ("organ" / "organization").
_PREFIX_MIN = 6
# Verbs too light to translate a longer sense alone ("to take sth to be" is not "take").
_LIGHT = frozenset(
    stem(w) for w in "take make get give put have do go come keep set let hold bring".split()
)
_OBJECTS = frozenset({"sb", "sth", "oneself", "one's"})
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")


class _Candidate(NamedTuple):
    score: float
    tokens: tuple[int, ...]
    first: int  # English word indices, inclusive
    last: int
    sense: str
    source: Literal["gloss", "context"]


# A candidate as the functions that find them make it: a plain tuple of _Candidate's
# fields, made a _Candidate once, with the diagonal prior, by _candidates.
_Raw = tuple[float, tuple[int, ...], int, int, str, Literal["gloss", "context"]]


_SCORE = itemgetter(0)
# Named tuples made by tuple.__new__, as their _make does: calling the class runs its
# __new__, a Python function, which costs more than the rest of making one compiled.
_new = tuple.__new__


class _Needle(NamedTuple):
    stems: tuple[str, ...]
    sense: str
    place: int  # the sense's place among the senses
    # A one-word needle's word as the gloss writes it, lowercased ("reporter"): the
    # English word written alike is preferred to another of its stem ("reported").
    form: str
    # Worked out once per needle rather than for each candidate: the score of the
    # sense found whole (see _wholes), and what a later sense loses (see _sensed).
    whole: float
    later: float


class _Senses(NamedTuple):
    """What linking needs of a gloss, worked out once per gloss."""

    whole: dict[str, tuple[_Needle, ...]]  # by first stem
    # A content stem of a multi-word sense -> (the sense, the stem's place in it,
    # whether it is the head noun of a noun phrase, whether it describes rather than
    # names: after a comma, "NVIDIA, computer graphics card company"): the first sense.
    parts: dict[str, tuple[_Needle, int, bool, bool]]
    # Beginnings (>= _PREFIX_MIN) of one-word senses, each kept only for a needle it
    # does not spell whole: a sentence's word that is the needle's own stem is no
    # other form of it (see _alike), and the stem is a key of ``words`` anyway.
    prefixes: dict[str, _Needle]
    words: dict[str, _Needle]  # the stems of one-word senses
    derived: dict[str, _Needle]  # their roots (see _derived)
    stems: frozenset[str]  # all keys of whole and parts
    # Every key of the dicts above: a gloss none of which a sentence has (see
    # _Sentence.keys) gives it no candidate but its synonyms', which one set test tells.
    keys: frozenset[str]
    # The senses a translation may write otherwise (see _synonym_key): each one's key in
    # the synonym table, and its needle.  Only the key: the synonyms are read when a
    # sentence needs them, so that a long text's thousands of glosses do not each hold
    # theirs.
    synonyms: tuple[str, ...]
    synonym_needles: tuple[_Needle, ...]
    # The keys of the first senses (a one-character word's, see _SYNONYM_SENSES): made
    # once per gloss rather than at each ask (31,868 on Tatoeba), the same tuple as
    # ``synonyms`` when every sense is one of them (most glosses).
    first_synonyms: tuple[str, ...]
    # The sense that says the word is a negation ("not", "have not", "haven't"), if any:
    # see _negations.
    negation: str | None
    # What the second pass (:mod:`flashgen.language.fill`) needs of the gloss.
    lexicon: GlossStems


# Bounded (about 600 bytes a set): Tatoeba asks of 3,674 tuples of keys.
@lru_cache(maxsize=1 << 12)
def _synonym_firsts(keys: tuple[str, ...]) -> frozenset[str]:
    """The first stems of every synonym of ``keys`` (see _synonyms_of): a sentence with
    none of them (27,339 of the 31,868 asked on Tatoeba) has none of the synonyms, which
    one set test tells instead of one per sense."""
    return frozenset().union(*map(_synonyms_of, keys))


class _Piece(NamedTuple):
    """What a sense, or a piece of one, gives to look for (see _pieces_of)."""

    needle: tuple[str, ...]  # never empty: a piece with nothing to look for is left out
    form: str  # see _Needle.form
    synonym: str | None  # see _synonym_key


# Senses recur across glosses ("to be", "surname Li": on Tatoeba 24,636 senses, 17,397
# distinct), the common ones most.  A small bound: 17,397 entries took 5.3 MB, and a
# 10 MB text builds within 10 % of the 400 MB memory target.
@lru_cache(maxsize=1 << 12)
def _pieces_of(
    text_of: str,
) -> tuple[int, tuple[tuple[int, str, _Piece], ...], tuple[str, ...]]:
    """The number of comma-separated pieces of a sense, (its place, its text, what it
    gives) of each of the sense, its pieces ("NVIDIA", "computer graphics card
    company") and an acronym given in parentheses ("AI") that has something to look
    for, and the sense's content stems (content_stems, from the words found here: the
    second pass's stems of the gloss, see fill.gloss_stems_of)."""
    pieces = [t for t in _COMMA.split(text_of) if t.strip()] if "," in text_of else []
    texts = [text_of, *pieces]
    if "(" in text_of:  # an acronym is given in parentheses: most senses have none
        texts += [m.group(1) for m in _ACRONYM.finditer(text_of)]
    found = []
    content: tuple[str, ...] = ()
    for at, text in enumerate(texts):
        # The sense's words without its parentheses, found once for all below.
        plain = _PAREN.sub(" ", text) if "(" in text or "[" in text else text
        words = _WORD.findall(plain)
        stems = content_stems_of(words)
        if at == 0:
            content = stems
        needle = _needle(words, stems)
        if needle:
            found.append(
                (
                    at,
                    text,
                    _new(_Piece, (needle, _form(text, words), _synonym_key(text, plain, words))),
                )
            )
    return len(pieces), tuple(found), content


def _needle(words: list[str], found: tuple[str, ...]) -> tuple[str, ...]:
    """The stems to look for: the content words, or every word of a phrase made only of
    function words ("over and over"); none for a light verb with function words
    around it ("to take sth to be": "take" is not its translation; "to make sb" keeps
    "make").  ``words``: the words of the sense or piece outside its parentheses,
    ``found``: their content stems (content_stems_of), which _pieces_of has made."""
    if found == ("there",):  # "there is" (有): the English "there" is rarely 有
        return ()
    if not found and len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
        return (stem(words[0]),)  # "US": an acronym, not the pronoun
    if not found and len(words) >= 3:
        return tuple(stem(w) for w in words)
    if len(found) == 1 and found[0] in _LIGHT:
        after = words[words.index(next(w for w in words if stem(w) == found[0])) + 1 :]
        rest = [w for w in after if w.lower() not in _OBJECTS]
        if len(rest) >= 2:
            return ()
    return found


_SEE = re.compile(r"^see (?:also )?(?:[^|\s\[]+\|)?([^|\s\[]+)")
# A classifier's sense lists the nouns it counts ("classifier for gifts, newspaper,
# papers, reports"), not its translation: 份 in 这份报告 is not "report", 所 is not
# "Institute"; English has no word for a classifier, so such a sense links nothing.
_CLASSIFIER = re.compile(r"\bclassifier for\b")
# Not "(old)": CC-CEDICT also writes it of old things (摇电话 "(old) to crank a phone").
_ARCHAIC = ("(arch.)", "(archaic)")


def _with_references(senses: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """(place, sense, text to look for) of each sense; a cross-reference ("see 壳牌公司")
    is looked for as the senses of the word it names ("Shell (oil company)")."""
    out = [(place, sense, sense) for place, sense in enumerate(senses)]
    for place, sense in enumerate(senses):
        m = _SEE.match(sense)
        if m:
            for entry in load_cedict().lookup(m.group(1))[:1]:
                out += [(place, sense, other) for other in entry.senses if not _SEE.match(other)]
    return out


def _senses_of(senses: tuple[str, ...]) -> _Senses:
    whole: dict[str, list[_Needle]] = {}
    parts: dict[str, tuple[_Needle, int, bool, bool]] = {}
    prefixes: dict[str, _Needle] = {}
    words: dict[str, _Needle] = {}
    synonyms: list[tuple[str, _Needle]] = []
    # The content stems of each of the gloss's own senses (the first of
    # _with_references'), for the second pass: see fill.gloss_stems_of.
    contents: list[tuple[str, ...]] = []
    new = tuple.__new__
    for k, (place, sense, text_of) in enumerate(_with_references(senses)):
        if "classifier for" in text_of and _CLASSIFIER.search(text_of):
            if k < len(senses):
                contents.append(content_stems(text_of))
            continue
        # An archaic sense ranks as the last, wherever the entry lists it: 郎 "(arch.)
        # minister" is not the "Minister" of a modern text's "Finance Minister".
        rank = 9 if text_of.startswith(_ARCHAIC) else min(place, 9)
        # The sense, then its comma-separated pieces, then an acronym (see _pieces_of).
        n_pieces, found, content = _pieces_of(text_of)
        if k < len(senses):
            contents.append(content)
        for at, text, piece in found:
            needle = piece.needle
            # tuple.__new__, not _Needle(…), whose __new__ is a Python function: the
            # first sight of each gloss makes one for each of its senses' pieces.
            n = new(
                _Needle,
                (
                    needle,
                    sense,
                    place,
                    piece.form,
                    _WHOLE + 0.1 * min(len(needle), 5) - 0.1 * rank,
                    0.05 * rank,
                ),
            )
            whole.setdefault(needle[0], []).append(n)
            if piece.synonym is not None:
                synonyms.append((piece.synonym, n))
            if at == 0 and n_pieces:
                continue  # a sense with pieces: its words are looked at piece by piece
            if len(needle) == 1:
                _add_word(n, words, prefixes)
            else:
                # A piece after the first describes the word rather than names it.
                _add_parts(n, text, 1 < at <= n_pieces, parts)
    # Most first stems have one needle: nothing to sort.
    best = {
        k: tuple(v) if len(v) == 1 else tuple(sorted(v, key=_needle_order))
        for k, v in whole.items()
    }
    roots = _roots(words)
    stems = frozenset(best).union(parts)
    # Of 59,920 asks on Tatoeba, 43,579 found only the word itself through its
    # beginnings or root: those beginnings are left out (see _Senses.prefixes).
    prefixes = {k: n for k, n in prefixes.items() if n.stems[0] != k}
    keys = stems.union(prefixes, words, roots)
    # Among the first senses only: 从 "never (used in a negative sentence)", a late
    # sense, is not the "not" of 从嘴里 ("out of his mouth").
    negation = next((s for s in senses[:_SYNONYM_SENSES] if _negation(s)), None)
    synonym_keys = tuple(key for key, _ in synonyms)
    first = tuple(key for key, n in synonyms if n.place < _SYNONYM_SENSES)
    return _Senses(
        best,
        parts,
        prefixes,
        words,
        roots,
        stems,
        keys,
        synonym_keys,
        tuple(n for _, n in synonyms),
        synonym_keys if len(first) == len(synonym_keys) else first,
        negation,
        gloss_stems_of(contents),
    )


def _needle_order(n: _Needle) -> tuple[int, int]:
    """The most stems first, then the earliest sense."""
    return -len(n.stems), n.place


def _negation(sense: str) -> bool:
    """Whether a sense, or a piece of it, is a bare negation ("not", "did not", "to not
    have", "haven't"): a negation and function words only."""
    lowered = sense.lower()
    # Most senses have no negation at all: three substring tests say so.
    if "not" not in lowered and "never" not in lowered and "n't" not in lowered:
        return False
    for piece in re.split(r"[;,]", _PAREN.sub(" ", sense)):
        words = piece.lower().split()
        if any(w in ("not", "never") or w.endswith("n't") for w in words) and all(
            w in STOPWORDS or w in ("never", "yet") or w.endswith("n't") for w in words
        ):
            return True
    return False


# A synonym phrase longer than this (in words) is a definition, not a translation.
_SYNONYM_WORDS = 3
# Only the first senses of a one-character word (many senses, most of them rare) are
# looked for by their synonyms: 向 "towards" is not "back" ("to roll back") through its
# fifth sense, "to support".
_SYNONYM_SENSES = 3


def _synonym_key(text: str, plain: str, found: list[str]) -> str | None:
    """The key in the synonym table (:mod:`flashgen.resources.synonyms`) of a sense of up
    to three words (its parentheses left out), None when the table has none: a verb
    sense ("to worry") by the verb's synonyms ("concerned"), any other ("barely") by its
    own, never by a word that only shares its stem ("bare").  A classifier note
    ("CL:个") is no sense.  ``plain``: ``text`` without its parentheses, ``found``: its
    words."""
    if text.startswith("CL:"):
        return None
    # A plain split where it gives the same words.
    words = plain.lower().split()
    if not all(w.isalpha() for w in words):
        words = [w.lower() for w in found]
    verb = words[:1] == ["to"]
    if verb:
        words = words[1:]
    if not 1 <= len(words) <= _SYNONYM_WORDS:
        return None
    key = " ".join(words) + ("/v" if verb else "/o")
    return sys.intern(key) if key in load_synonyms() else None


def synonym_sense(senses: Sequence[str], word: str) -> str | None:
    """The first of ``senses`` (of the first _SYNONYM_SENSES) of which the English word
    ``word`` is a one-word synonym in the synonym table, or None: 难 nán "difficult" for
    "hard"."""
    plain = _plain(word.lower())
    for sense in senses[:_SYNONYM_SENSES]:
        bare = _PARENTHESES.sub(" ", sense).strip()
        key = _synonym_key(bare, bare, bare.split())
        if key is None:
            continue
        for phrases in _synonyms_of(key).values():
            if any(p[-1][0] == "=" and _inflected(plain, p[-1][1:]) for p in phrases):
                return sense
    return None


_PARENTHESES = re.compile(r"\([^)]*\)")
_NO_SYNONYMS: dict[str, tuple[tuple[str, ...], ...]] = {}


@lru_cache(maxsize=1 << 11)
def _synonyms_of(key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The synonyms of a table key by their first stem, made once per key."""
    found = load_synonyms().get(key)
    if not found:
        return _NO_SYNONYMS
    out: dict[str, list[tuple[str, ...]]] = {}
    for other in found.split("|"):
        # One word is written as itself ("=concern"): looked for by its stem, kept where
        # the English word is that word or an inflection of it (see _inflected).
        stems = (stem(other[1:]), other) if other[0] == "=" else tuple(other.split())
        out.setdefault(stems[0], []).append(stems)
    return {k: tuple(v) for k, v in out.items()}


def _inflected(word: str, base: str) -> bool:
    """Whether ``word`` is ``base`` or an inflection of it ("urged", "concerns",
    "stopping", "went"), not another word with its stem ("department" / "depart")."""
    if word == base or IRREGULAR.get(word) == base:
        return True
    rest = word[len(base) :] if word.startswith(base) else None
    if rest in _ENDINGS:
        return True
    if rest is not None and rest[:1] == base[-1:] and rest[1:] in ("ed", "ing"):
        return True  # a doubled consonant: "stopped"
    stem_e = base[:-1]
    if base.endswith("e") and word.startswith(stem_e) and word[len(stem_e) :] in ("ing", "ed"):
        return True  # "urging"
    return base.endswith("y") and word.startswith(stem_e) and word[len(stem_e) :] in _Y_ENDINGS


_ENDINGS = frozenset({"s", "es", "d", "ed", "ing", "er", "est", "r", "st"})
_Y_ENDINGS = frozenset({"ies", "ied", "ier", "iest"})


def _form(text: str, words: list[str]) -> str:
    """The needle's one content word as the gloss writes it, lowercased; "" for none or
    several (see _Needle.form).  ``words``: the words of ``text`` outside parentheses."""
    content = [w.lower() for w in words]
    content = [w for w in content if w not in STOPWORDS]
    if not content and text.strip().isupper():
        content = [text.strip()]  # an acronym keeps its capitals: "US", never "us"
    return content[0] if len(content) == 1 else ""


def _add_word(n: _Needle, words: dict[str, _Needle], prefixes: dict[str, _Needle]) -> None:
    """Index a one-word needle by its stem and, if long enough, by its beginnings; the
    first sense to have them keeps them."""
    word = n.stems[0]
    words.setdefault(word, n)
    if len(word) >= _PREFIX_MIN:
        for k in range(_PREFIX_MIN, len(word) + 1):
            prefixes.setdefault(word[:k], n)


def _add_parts(
    n: _Needle, text: str, described: bool, parts: dict[str, tuple[_Needle, int, bool, bool]]
) -> None:
    """Index a multi-word needle by its last word, the head noun of a noun phrase (not
    a verb sense's: "to reverse course" is rarely "course"), and by its other stems of
    five letters or more (a verb sense's last one too); the first sense keeps each."""
    needle = n.stems
    verb = text.strip().lower().startswith("to ")
    if not verb and len(needle[-1]) >= 3:
        parts.setdefault(needle[-1], (n, len(needle) - 1, True, described))
    for k, s in enumerate(needle[:-1] if not verb else needle):
        if len(s) >= 5 and s not in STOPWORDS:
            parts.setdefault(s, (n, k, False, described))


def _roots(words: dict[str, _Needle]) -> dict[str, _Needle]:
    """The one-word needles by their roots (see _derived)."""
    derived: dict[str, _Needle] = {}
    for w, n in words.items():
        base = _derived(w)
        if base is not None:
            derived.setdefault(base, n)
    return derived


_INDEX_LIMIT = 1 << 15
_indexes: dict[tuple[str, ...], _Senses] = {}


def _index_of(senses: tuple[str, ...]) -> _Senses:
    found = _indexes.get(senses)
    if found is None:
        if len(_indexes) >= _INDEX_LIMIT:
            _indexes.clear()
        found = _indexes[senses] = _senses_of(senses)
    return found


class _Sentence(NamedTuple):
    """The English sentence as linking looks at it."""

    words: EnglishWords
    at: dict[str, list[int]]  # stem -> its word indices
    joined: dict[str, tuple[int, int]]  # stem of two adjacent words run together
    longer: dict[str, list[int]]  # beginnings (>= _PREFIX_MIN) of the stems
    centre: list[float]  # each word's place in the sentence, 0-1
    letters: list[str]  # each word lowercased, letters only
    derived: dict[str, list[int]]  # the stems without a derivational suffix
    keys: frozenset[str]  # every key of at, joined, longer and derived


# Derivational endings as the Porter2 stems leave them: "opposit(ion)", "deni(al)",
# "occup(ation)" / "occupi" ("to occupy").  A stem less one of them, if at least
# _ROOT_MIN letters are left, is its root: two words with one root are one word.
_SUFFIXES = ("ation", "ition", "ment", "ance", "ence", "ial", "al", "it", "i", "e")
_ROOT_MIN = 4


def _derived(s: str) -> str | None:
    """The root of stem ``s``, None when it is too short to have one."""
    # Asked for every distinct stem of every sentence: answered from a plain dict, which
    # compiled code reads without the call an lru_cache costs (Tatoeba: 193,296 asks
    # of 7,515 stems).  Emptied when full, so that a long text does not keep them all.
    found = _ROOTS.get(s)
    if found is None:
        if len(_ROOTS) >= _ROOTS_MAX:
            _ROOTS.clear()
        found = _ROOTS[s] = _root(s)
    return found or None


_ROOTS: dict[str, str] = {}  # stem -> root, "" for none
_ROOTS_MAX = 1 << 16


def _root(s: str) -> str:
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) - len(suffix) >= _ROOT_MIN:
            return s[: -len(suffix)]
    return s if len(s) >= _ROOT_MIN else ""


# The stems of adjacent word pairs run together ("every day" -> "everyday"): asked for
# every pair of every sentence (Tatoeba: 147,891 asks of 45,914 pairs), and almost never
# a gloss's word (145 of them).  Not through stem()'s lru_cache, which its words and
# glosses' words need: the pairs filled most of it, and its look-ups and evictions
# cost more than stemming (the largest line of the English match, compiled).  The
# common pairs ("it is", "of the") are kept in a small dict of their own, emptied
# when full; the others are stemmed again.
_JOINED: dict[str, str] = {}
_JOINED_MAX = 1 << 13
_stem_once: Callable[[str], str] = getattr(stem, "__wrapped__", stem)


def _joined_stem(pair: str) -> str:
    found = _JOINED.get(pair)
    if found is None:
        if len(_JOINED) >= _JOINED_MAX:
            _JOINED.clear()
        found = _JOINED[pair] = _stem_once(pair)
    return found


def _sentence(english: EnglishWords) -> _Sentence:
    stems, text, spans = english.stems, english.text, english.spans
    at: dict[str, list[int]] = {}
    longer: dict[str, list[int]] = {}
    for j in range(len(stems)):
        s = stems[j]
        found = at.get(s)
        if found is None:  # most stems once: no list made only to be dropped
            at[s] = [j]
        else:
            found.append(j)
        if len(s) > _PREFIX_MIN:  # most stems are shorter: no range to make
            for k in range(_PREFIX_MIN, len(s)):
                longer.setdefault(s[:k], []).append(j)
    letters = [text[s:e].lower() for s, e in spans]
    joined: dict[str, tuple[int, int]] = {}
    # By index, not over pairwise(spans) with each pair unpacked: half the time of this
    # loop compiled, the rest being the stems.
    for j in range(len(spans) - 1):
        end, start = spans[j][1], spans[j + 1][0]
        # Mostly one space: the length first, then the strip that makes a string.  The
        # words lowercased, as stem() would: words are ASCII, so lowercasing each is
        # lowercasing both, and the letters are already made.
        if start - end <= 3 and text[end:start].strip(" -") == "":
            joined.setdefault(_joined_stem(letters[j] + letters[j + 1]), (j, j + 1))
    size = max(len(text), 1)
    centre = [(s + e) / 2 / size for s, e in spans]
    derived: dict[str, list[int]] = {}
    for s, js in at.items():
        base = _derived(s)
        if base is not None:
            derived.setdefault(base, []).extend(js)
    keys = frozenset(at).union(joined, longer, derived)
    return _new(_Sentence, (english, at, joined, longer, centre, letters, derived, keys))


def link_english(
    toks: Sequence[Token],
    simplified: Sequence[str],
    senses: Sequence[tuple[str, ...] | None],
    syllables: Sequence[tuple[str, ...]],
    grammar: Sequence[bool],
    english: EnglishWords,
) -> list[EnglishMatch | None]:
    """The English match of each token (None where nothing links it), one token per
    English word (except a name written in several tokens: 棠 源 / "Tangyuan").

    ``grammar`` marks the grammar words (的, 了): they match only by their dictionary
    senses, never by the table or a partial sense."""
    out: list[EnglishMatch | None] = [None] * len(toks)
    if not toks or not english.stems:
        return out
    known = list(map(_known, simplified, senses))
    sent = _sentence(english)
    cands = _candidates(toks, known, grammar, sent)
    cands += _names(toks, syllables, sent)
    # Best first; reverse keeps candidates of equal score in their order, as sorting by
    # minus the score did (itemgetter: no Python call per candidate).
    cands.sort(key=_SCORE, reverse=True)
    taken = _take_best(cands, out, english)
    _exchange(cands, out, taken, grammar, english)
    _link_sandwiched(out, toks, simplified, senses, grammar, sent, taken)
    lexicon = [None if k.sense_index is None else k.sense_index.lexicon for k in known]
    return fill_links(toks, simplified, grammar, english, out, taken, lexicon, sent.letters)


class _Known(NamedTuple):
    """What linking knows of a word with its gloss, whatever the sentence."""

    senses: tuple[str, ...] | None  # the gloss it was found for (see _known)
    sense_index: _Senses | None  # None for no gloss
    links: tuple[tuple[str, float], ...] | None  # see _strong_links
    one_character: bool


# A word's index and table links, by the word: a token asks one dict keyed by its word,
# whose hash its string keeps, rather than hashing its tuple of senses (which looks at
# every sense's string: the largest look-up of the English match, compiled) and then
# its word for the table.  Emptied when full, so that a long text does not keep all.
_KNOWN: dict[str, _Known] = {}
_KNOWN_MAX = 1 << 14


def _known(word: str, gloss: tuple[str, ...] | None) -> _Known:
    """What linking knows of ``word`` glossed ``gloss`` (see _KNOWN).  A word met with
    another gloss (another reading) is looked up again, by the gloss."""
    found = _KNOWN.get(word)
    # The same tuple: annotating's words are memoised, each with its gloss's senses.
    if found is None or found.senses is not gloss:
        if len(_KNOWN) >= _KNOWN_MAX:
            _KNOWN.clear()
        index = (_indexes.get(gloss) or _index_of(gloss)) if gloss else None
        found = _KNOWN[word] = _new(
            _Known, (gloss, index, _strong_links().get(word), len(word) == 1)
        )
    return found


def _candidates(
    toks: Sequence[Token],
    known: Sequence[_Known],
    grammar: Sequence[bool],
    sent: _Sentence,
) -> list[_Candidate]:
    """Each token's candidates from its senses, the table and its digits, scored down by
    the diagonal prior."""
    size = max(toks[-1].end, 1)
    cands: list[_Candidate] = []
    centres, keys = sent.centre, sent.keys
    new = tuple.__new__
    negators: list[tuple[int, str]] = []  # (token, its negation sense): see _negations
    for i, tok in enumerate(toks):
        # None until a step finds something: most tokens (203,866 on Tatoeba, 146,893
        # candidates) would otherwise each make a list only to drop it.
        found: list[_Raw] | None = None
        word = known[i]
        index = word.sense_index
        if index is not None:
            # Most glosses have none of the sentence's keys, and then no candidate but
            # their synonyms' (none for a grammar word): one set test, here, says so.
            if not index.keys.isdisjoint(keys):
                one = word.one_character
                found = _dictionary(i, index, grammar[i], tok.kind == "name", one, sent)
            elif index.synonyms and not grammar[i]:
                found = _synonym_links(i, index, word.one_character, sent)
            if index.negation is not None:
                negators.append((i, index.negation))
        if not grammar[i]:
            links = word.links
            if links:  # most tokens of a sentence are not in the table
                found = _plus(found, _from_table(i, links, sent.at))
        if tok.kind == "number":
            found = _plus(found, _numbers(i, toks, sent))
        if not found:
            continue
        place = (tok.start + tok.end) / 2 / size
        for score, tokens, first, last, sense, source in found:
            centre = (centres[first] + centres[last]) / 2
            # Not c._replace(score=…) nor _Candidate(…), whose __new__ is a Python
            # function: tuple.__new__ as _make uses it, for every candidate.
            cands.append(
                new(
                    _Candidate,
                    (score - _DIAGONAL * abs(place - centre), tokens, first, last, sense, source),
                )
            )
    if negators:
        cands += _negations(negators, toks, sent)
    return cands


def _plus(found: list[_Raw] | None, more: list[_Raw]) -> list[_Raw]:
    """``found`` with ``more`` added (``more`` itself when nothing was found before)."""
    if found is None:
        return more
    found += more
    return found


def _from_table(
    i: int, links: tuple[tuple[str, float], ...], at: dict[str, list[int]]
) -> list[_Raw]:
    """Candidates of token ``i`` from its translation-table ``links`` (see _strong_links):
    every English word with a stem the table links well enough."""
    tokens = (i,)  # one tuple for all of the token's candidates
    return [(score, tokens, j, j, "", "context") for e, score in links for j in at.get(e, ())]


@cache
def _strong_links() -> dict[str, tuple[tuple[str, float], ...]]:
    """The translation table's links strong enough to use, each with its candidate's
    score, by word (words with none left out): filtered once, not at every token."""
    table = {}
    for word, links in load_wordtable().items():
        strong = tuple((e, _TABLE + score) for e, score in links if score >= _TABLE_MIN)
        if strong:
            table[word] = strong
    return table


def _take_best(
    cands: Sequence[_Candidate], out: list[EnglishMatch | None], english: EnglishWords
) -> list[bool]:
    """Competitive linking: each candidate in turn (best first) whose tokens and English
    words are all still free sets the tokens' matches in ``out``.  The English words
    taken, by index."""
    taken = [False] * len(english.stems)
    for c in cands:
        # Most candidates are of one token and one English word: tested without any()
        # over a generator or a slice, which cost more than the test.
        tokens, first, last = c.tokens, c.first, c.last
        if len(tokens) == 1:
            if out[tokens[0]] is not None:
                continue
        elif any(out[i] is not None for i in tokens):
            continue
        if taken[first] if first == last else any(taken[first : last + 1]):
            continue
        for j in range(first, last + 1):
            taken[j] = True
        start, end = english.spans[first][0], english.spans[last][1]
        # tuple.__new__: EnglishMatch(…) runs the named tuple's __new__, a Python
        # function, for each of the sentence's links.
        match = _new(EnglishMatch, (start, end, english.text[start:end], c.sense, c.source))
        for i in tokens:
            out[i] = match
    return taken


# How much weaker than the link it took a word's other link may be for the word to give
# its link up to a word that has no other (see _exchange): less than the step between
# two kinds of candidate (_WHOLE - _HEAD), so only two links of one kind are exchanged.
_EXCHANGE = 0.5


def _exchange(
    cands: Sequence[_Candidate],
    out: list[EnglishMatch | None],
    taken: list[bool],
    grammar: Sequence[bool],
    english: EnglishWords,
) -> None:
    """After competitive linking, a word left without a match takes its English from a
    word that has another link nearly as good, which then takes that one: 计划 (plan,
    project, to plan) had taken "projects" by its place, before 项目 (item, project);
    计划 takes "planned" instead and 项目 "projects".  Greedy linking cannot see that
    one word needed the English and the other did not; this is the one exchange that
    mends it (an augmenting path of length one).  Only between content words (a
    grammar word's English is too often a free rendering: 就 "just", 过 "went") and
    only for the very English the other word took, not a part of it."""
    # Asked first, over the few candidates: in most sentences (7,722 of 8,000 Tatoeba
    # pairs) every word with a candidate has a match, and nothing more is needed.
    if all([out[c.tokens[0]] is not None for c in cands]):
        return
    by_token: dict[int, list[_Candidate]] = {}
    for c in cands:  # best first
        if len(c.tokens) == 1:
            by_token.setdefault(c.tokens[0], []).append(c)
    chosen, holder = _chosen(by_token, out, english.spans)
    for i in [i for i in by_token if out[i] is None and not grammar[i]]:
        for c in by_token[i]:
            k = holder.get(c.first)
            if k is None or grammar[k] or k not in chosen:
                continue
            mine = chosen[k]
            if (mine.first, mine.last) != (c.first, c.last):
                continue
            other = _other_link(by_token[k], mine, c, taken, holder, k)
            if other is None:
                continue
            for j in range(mine.first, mine.last + 1):
                taken[j] = False
                del holder[j]
            for token, new in ((i, c), (k, other)):
                for j in range(new.first, new.last + 1):
                    taken[j] = True
                    holder[j] = token
                chosen[token] = new
                start, end = english.spans[new.first][0], english.spans[new.last][1]
                text = english.text[start:end]
                out[token] = _new(EnglishMatch, (start, end, text, new.sense, new.source))
            break


def _chosen(
    by_token: dict[int, list[_Candidate]],
    out: Sequence[EnglishMatch | None],
    spans: Sequence[tuple[int, int]],
) -> tuple[dict[int, _Candidate], dict[int, int]]:
    """The candidate each linked token took (the best one of its match's span), and the
    token that took each English word."""
    chosen: dict[int, _Candidate] = {}
    holder: dict[int, int] = {}
    for i, found in by_token.items():
        m = out[i]
        if m is None:
            continue
        for c in found:
            if spans[c.first][0] == m.start and spans[c.last][1] == m.end:
                chosen[i] = c
                for j in range(c.first, c.last + 1):
                    holder[j] = i
                break
    return chosen, holder


def _other_link(
    found: Sequence[_Candidate],
    mine: _Candidate,
    given: _Candidate,
    taken: Sequence[bool],
    holder: dict[int, int],
    k: int,
) -> _Candidate | None:
    """Token ``k``'s best other candidate (of ``found``, best first) at most _EXCHANGE
    weaker than ``mine``, the one it took, on English free or its own and apart from
    ``given``, the English it would give up; None when it has none."""
    for o in found:
        if o.score < mine.score - _EXCHANGE:
            return None
        apart = o.last < given.first or o.first > given.last
        if apart and all(not taken[j] or holder.get(j) == k for j in range(o.first, o.last + 1)):
            return o
    return None


def _link_sandwiched(
    out: list[EnglishMatch | None],
    toks: Sequence[Token],
    simplified: Sequence[str],
    senses: Sequence[tuple[str, ...] | None],
    grammar: Sequence[bool],
    sent: _Sentence,
    taken: list[bool],
) -> None:
    """Between two neighbouring linked words whose English is in the same order, one
    word left on each side is each other's translation: with 公司 and 收入 linked,
    预计 in 公司预计收入 takes "expects" in "the company expects revenue".  Only when
    each side has exactly one such word between the same two anchors."""
    english = sent.words
    anchors = [(i, m) for i, m in enumerate(out) if m is not None]
    for (a, ma), (b, mb) in pairwise(anchors):
        assert ma is not None and mb is not None
        if ma.end >= mb.start or b - a < 2:
            continue
        left = [
            i
            for i in range(a + 1, b)
            if not grammar[i] and senses[i] is not None and toks[i].kind == "word"
        ]
        # Asked before the English is looked at, which most gaps never need: one word
        # of two characters or more left between the anchors.  A one-character word is
        # too often part of a phrase (就像 "just as").
        if len(left) != 1 or len(simplified[left[0]]) < 2:
            continue
        if any(toks[i].kind in ("word", "name", "idiom") for i in range(a + 1, b) if i not in left):
            continue  # a content word without a gloss: the pair would be a guess
        right = [
            j
            for j, (start, end) in enumerate(english.spans)
            if start >= ma.end and end <= mb.start and not taken[j]
        ]
        words = [j for j in right if sent.letters[j] not in STOPWORDS and len(sent.letters[j]) >= 3]
        if len(words) == 1 and len(right) <= _SANDWICH_MAX:
            (i,), (j,) = left, words
            # A capitalised English word is too often part of a name ("the American
            # dollar").
            if english.text[english.spans[j][0]].isupper():
                continue
            taken[j] = True
            start, end = english.spans[j]
            out[i] = _new(EnglishMatch, (start, end, english.text[start:end], "", "context"))


def _dictionary(
    i: int,
    index: _Senses,
    grammar: bool,
    name: bool,
    one_character: bool,
    sent: _Sentence,
) -> list[_Raw]:
    """Candidates from the senses of a gloss (its ``index``, which shares a key with the
    sentence: see _candidates); a name's ("NVIDIA, computer graphics card company") only
    whole, never by one of its words."""
    found: list[_Raw] = []
    # Each test against a dict's keys view, never the dict: isdisjoint with a set or a
    # view walks the shorter side, with a dict every key of it (the sentence's, for
    # each token; 5 tests of 64,899 tokens on Tatoeba).  The sets made are made as
    # before: their order is the candidates' order.
    at = sent.at.keys()
    has = index.stems.intersection(sent.at) if not at.isdisjoint(index.stems) else ()
    for first in has:
        found += _wholes(i, index.whole.get(first, ()), sent)
    whole = bool(found)
    for first in has:
        part = index.parts.get(first)
        if part is not None and not (name and part[3]):
            found += _from_part(i, first, part, grammar, sent)
    if not index.words.keys().isdisjoint(sent.joined.keys()):  # most: no joined pair
        for word, n in index.words.items():
            pair = sent.joined.get(word)  # "peacekeeping" / "peace keeping"
            if pair is not None:
                found.append((_WHOLE - 0.1 * min(n.place, 9), (i,), *pair, n.sense, "gloss"))
    if not grammar:
        found += _alike(i, index, sent)
        # A word one of whose senses the English has whole needs no synonym (most of the
        # words that have a match): looking would only slow annotating down.
        if index.synonyms and not whole:
            found += _synonym_links(i, index, one_character, sent) or ()
    return found


def _synonym_links(
    i: int, index: _Senses, one_character: bool, sent: _Sentence
) -> list[_Raw] | None:
    """Candidates of a sense's synonyms (see _synonym_key) at each of their places; of a
    one-character word's first senses only.  None where the sentence has none of the
    synonyms' first stems (27,339 of 31,868 asks on Tatoeba): no list made to drop."""
    at, stem_set = sent.at, sent.words.stem_set
    keys = index.first_synonyms if one_character else index.synonyms
    if _synonym_firsts(keys).isdisjoint(stem_set):
        return None
    found: list[_Raw] = []
    for key, n in zip(index.synonyms, index.synonym_needles, strict=True):
        if one_character and n.place >= _SYNONYM_SENSES:
            continue  # a later sense's synonym is too often a guess
        by_first = _synonyms_of(key)
        # Mostly none of a sense's synonyms is in the sentence: one test in C says so.
        if by_first.keys().isdisjoint(stem_set):
            continue
        for first, phrases in by_first.items():
            if first not in at:
                continue
            for stems in phrases:
                if stems[-1][0] == "=":
                    found += [
                        _sensed(_SYNONYM, i, j, j, n)
                        for j in at[first]
                        if _inflected(_plain(sent.letters[j]), stems[-1][1:])
                    ]
                    continue
                for a, b in _occurrences(stems, sent):
                    found.append(_sensed(_SYNONYM, i, a, b, n))
    return found


def _wholes(i: int, needles: Sequence[_Needle], sent: _Sentence) -> list[_Raw]:
    """Candidates of senses found whole, at every place; the more content words, the
    earlier the sense, and the English written as the gloss writes it, the better."""
    english = sent.words
    found: list[_Raw] = []
    for n in needles:
        if len(n.stems) == 1:  # most needles: each place of the word is one
            js = sent.at.get(n.stems[0])
            if js is None:  # most needles of a gloss: not in the sentence
                continue
            # Pairs made by a loop: zip(…, strict=True), a call with a keyword, cost
            # more than the rest of this function compiled (mypyc).
            places = [(j, j) for j in js]
        else:
            places = _occurrences(n.stems, sent)
            if not places:
                continue
        score = n.whole
        form = n.form
        acronym = form.isupper()
        # A preposition in -ing is another word than its stem's verb or noun: 关于
        # "concerning" is not the "concern" of "renewed concern".
        ing = form in _ING_PREPOSITIONS
        for a, b in places:
            # An acronym ("US") is only the word in capitals, never the pronoun "us".
            if acronym and _plain(english.text[slice(*english.spans[a])]) != form:
                continue
            if ing and not sent.letters[a].endswith(("ing", "ings")):
                continue
            # A sense of several words found word for word is as sure as one word
            # written alike: "finance minister" is not outdone by 郎 "(arch.) minister".
            alike = (
                _plain(sent.letters[a]) in (form, form + "s")
                if form
                else b - a + 1 == len(n.stems) > 1
            )
            found.append((score + _ALIKE * alike, (i,), a, b, n.sense, "gloss"))
    return found


def _from_part(
    i: int, first: str, part: tuple[_Needle, int, bool, bool], grammar: bool, sent: _Sentence
) -> list[_Raw]:
    """Candidates of a sense's content word ``first`` (see _Senses.parts) at each of
    its places."""
    n, k, head, _ = part
    found: list[_Raw] = []
    for j in sent.at[first]:
        # As many of the sense's words around it as the English has in order:
        # "chief executive" of "chief executive officer".
        a, b = _run(n.stems, k, j, sent.words.stems)
        if b > a:
            found.append(_sensed(_HEAD + 0.1 * (b - a), i, a, b, n))
        elif head or not grammar:
            found.append(_sensed(_HEAD if head else _PART, i, j, j, n))
    return found


def _alike(i: int, index: _Senses, sent: _Sentence) -> Sequence[_Raw]:
    """Candidates of one-word senses found by another form of the word: the English
    word starts the sense's word ("telecom" / "telecommunications"), or the sense's
    word starts it; or both are one word by another suffix ("denial" / "to deny",
    "opposition" / "to oppose")."""
    if not index.words:  # no one-word sense: no prefixes nor roots either
        return ()
    near: list[tuple[int, _Needle]] = []
    # Most words have none: a disjointness test makes no set.
    # Against keys views, not dicts (see _dictionary).
    if not index.prefixes.keys().isdisjoint(sent.at.keys()):
        for s in index.prefixes.keys() & sent.at.keys():
            near += [(j, index.prefixes[s]) for j in sent.at[s]]
    if not index.words.keys().isdisjoint(sent.longer.keys()):
        for w in index.words.keys() & sent.longer.keys():
            near += [(j, index.words[w]) for j in sent.longer[w]]
    if not index.derived.keys().isdisjoint(sent.derived.keys()):
        stems = sent.words.stems
        for root in index.derived.keys() & sent.derived.keys():
            n = index.derived[root]
            # Mostly the word itself, the root of which is its own: no other form.
            near += [(j, n) for j in sent.derived[root] if stems[j] != n.stems[0]]
    if not near:  # most calls (of Tatoeba's 64,867, all but 427 give nothing)
        return ()  # no list made to drop
    # The same stem is no other form: a whole sense finds it.
    stems = sent.words.stems
    return [_sensed(_PART, i, j, j, n) for j, n in near if n.stems[0] != stems[j]]


def _run(needle: tuple[str, ...], k: int, j: int, stems: tuple[str, ...]) -> tuple[int, int]:
    """The English words around ``j`` (which is ``needle[k]``) that continue the needle
    in order on either side, as (first, last)."""
    a, ka = j, k
    while ka > 0 and a > 0 and stems[a - 1] == needle[ka - 1]:
        a, ka = a - 1, ka - 1
    b, kb = j, k
    while kb + 1 < len(needle) and b + 1 < len(stems) and stems[b + 1] == needle[kb + 1]:
        b, kb = b + 1, kb + 1
    return a, b


def _sensed(score: float, i: int, first: int, last: int, n: _Needle) -> _Raw:
    """A candidate of a sense; a later sense scores a little less."""
    return (score - n.later, (i,), first, last, n.sense, "gloss")


def _plain(word: str) -> str:
    """An English word lowercased without its possessive: "China's" -> "china"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _occurrences(needle: tuple[str, ...], sent: _Sentence) -> list[tuple[int, int]]:
    """Every place of ``needle`` in order, one stopword allowed between its words."""
    out = []
    for i in sent.at.get(needle[0], ()):
        j = needle_end(needle, sent.words, i)
        if j is not None:
            out.append((i, j))
    return out


def _negations(
    negators: Sequence[tuple[int, str]], toks: Sequence[Token], sent: _Sentence
) -> list[_Candidate]:
    """Each negation of the Chinese (不 "not", 没有 "haven't", 未 "not yet": ``negators``,
    with their negation sense) / each English negation ("not", "never", a word in
    "n't"), which no sense names as a content word would: every one of them is a
    function word.  Only where both sentences have as many: a negation the translation
    added or left out (而不是, "whether or not") would make any pairing a guess."""
    english = [j for j, w in enumerate(sent.letters) if w in ("not", "never") or w.endswith("n't")]
    if len(english) != len(negators):
        return []
    size = max(toks[-1].end, 1)
    out = []
    for i, sense in negators:
        place = (toks[i].start + toks[i].end) / 2 / size
        for j in english:
            score = _WHOLE - _DIAGONAL * abs(place - sent.centre[j])
            out.append(_Candidate(score, (i,), j, j, sense, "gloss"))
    return out


def _numbers(i: int, toks: Sequence[Token], sent: _Sentence) -> list[_Raw]:
    """22 / "22" or "22nd"; 3 月 / "March" (the month given to 月, the number's word)."""
    digits = toks[i].text
    if not digits.isdigit():
        return []
    out: list[_Raw] = []
    month = i + 1 < len(toks) and toks[i + 1].text.startswith("月") and 1 <= int(digits) <= 12
    # The same number twice in both languages is in the same order: the first 7 of
    # 4月7日 … 7日发表 is the first "7" of "April 7 … on the 7th", whatever their
    # places (the diagonal prior is too weak to tell two numbers a few words apart).
    nth = sum(1 for t in toks[:i] if t.text == digits)
    seen = 0
    for j, word in enumerate(sent.letters):
        m = _ORDINAL.match(word)
        if m and m.group(1) == digits:
            out.append((_EXACT + _IN_ORDER * (seen == nth), (i,), j, j, "", "context"))
            seen += 1
        elif month and word == _MONTHS[int(digits) - 1]:
            out.append((_EXACT, (i, i + 1), j, j, "", "context"))
    return out


def _names(
    toks: Sequence[Token], syllables: Sequence[tuple[str, ...]], sent: _Sentence
) -> list[_Candidate]:
    """Runs of tokens whose toneless pinyin spells a capitalised English word (not the
    sentence's first): 麦 / "Mai", 棠 源 / "Tangyuan"."""
    text, spans = sent.words.text, sent.words.spans
    # No capital after the first word (one test in C, islower): no word to look at.
    if len(spans) < 2 or text[spans[1][0] :].islower():
        return []
    capitals = {
        w: j
        for j, w in enumerate(sent.letters)
        if j and text[spans[j][0]].isupper() and w.isalpha()
    }
    if not capitals:
        return []
    # Most sentences have a capital ("I"), few a name: a run spelling more letters than
    # the longest capital word can spell none, and need not be carried on.
    longest = max(map(len, capitals))
    out = []
    for i in range(len(toks)):
        spelled = ""
        for k in range(i, min(i + 4, len(toks))):
            # "part": the characters of a unit jieba made up, often a name (麦棠源).
            if toks[k].kind not in ("word", "name", "part") or not syllables[k]:
                break
            spelled += _toneless(syllables[k])
            if len(spelled) > longest:
                break
            j = capitals.get(spelled)
            if j is not None:
                out.append(_Candidate(_EXACT, tuple(range(i, k + 1)), j, j, "", "context"))
    return out


@lru_cache(maxsize=1 << 14)  # asked for nearly every token of every sentence
def _toneless(syllables: tuple[str, ...]) -> str:
    """A word's pinyin without tones or spaces, ü as u: ("Mai4",) -> "Mai"."""
    return "".join(s.rstrip("12345").replace("u:", "u") for s in syllables)
