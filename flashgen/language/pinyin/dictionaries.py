"""The dictionaries' readings: CC-CEDICT's words and pypinyin's phrase and character lists,
in flashgen's spelling (see :mod:`flashgen.language.pinyin.formatting`)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache, lru_cache

from flashgen.language.pinyin.formatting import (
    SYLLABLE,
    UNKNOWN_SYLLABLE,
    cedict_syllable,
)
from flashgen.resources.cedict import load_cedict
from flashgen.resources.lexicon import load_lexicon
from flashgen.text.script import HAN_RUN, is_han

# What CC-CEDICT writes for "reading unknown" (a CC-CEDICT token is otherwise a syllable
# if it is letters then a tone digit).
_CEDICT_UNKNOWN = "xx5"
# The longest CC-CEDICT headword (2023-11 release) has 19 characters.
_LONGEST_WORD = 19


def word_reading(word: str, pinyin: str) -> tuple[str, ...] | None:
    """The syllables of CC-CEDICT reading ``pinyin`` for ``word``'s Han characters.

    None when the reading does not line up with the word (one token per character) or
    gives no syllable for one of its Han characters.

    >>> word_reading("卡拉OK", "ka3 la1 O K")
    ('ka3', 'la1')
    """
    # Only the Han characters' tokens are normalised (a token that is not a syllable once
    # normalised is not one as written either).
    tokens = pinyin.split()
    if len(tokens) != len(word):
        return None
    if HAN_RUN.fullmatch(word):  # most words: every token must be a syllable
        syllables = tuple(map(_han_syllable, tokens))
        return None if None in syllables else syllables  # type: ignore[return-value]
    out = []
    for c, t in zip(word, tokens, strict=True):
        if is_han(c):
            s = _han_syllable(t)
            if s is None:
                return None
            out.append(s)
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _han_syllable(token: str) -> str | None:
    """A CC-CEDICT token under a Han character in our spelling, None where it gives no
    syllable.  Each distinct token is worked out once: CC-CEDICT writes a few thousand,
    and every word read for the first time is made of them."""
    s = cedict_syllable(token)
    return s if SYLLABLE.fullmatch(s) and s != _CEDICT_UNKNOWN else None


# Segments recur across a text; these caches keep the lookups of a few thousand of them.
@lru_cache(maxsize=1 << 14)
def pypinyin_reading(text: str) -> tuple[str, ...]:
    """pypinyin's reading of a segment, one entry per character ("" where it has none)."""
    from pypinyin import Style, pinyin

    def read(chunk: str) -> list[str]:
        got = pinyin(
            chunk,
            style=Style.TONE3,
            neutral_tone_with_five=True,
            # pypinyin accepts a list per unknown run (its stubs say str)
            errors=lambda rest: [""] * len(rest),  # type: ignore[arg-type, return-value]
        )
        return [item[0] if item else "" for item in got]

    out = read(text)
    if len(out) != len(text):  # never seen; keeps the one-per-character promise regardless
        out = [([*read(c), ""])[0] for c in text]
    return tuple(s if SYLLABLE.fullmatch(s) else "" for s in out)


def load_tables() -> None:
    """Load the readings taken from pypinyin (built into the cache folder on a first
    run; they need nothing else, see annotate.load_language_data)."""
    phrases()
    pypinyin_chars()


@cache
def phrases() -> dict[str, str]:
    """pypinyin's phrase list: each phrase with its reading (numbered syllables, joined
    by spaces), kept in the cache folder.  pypinyin costs a quarter of a second to import,
    at every start; this is read in 17 ms.  The readings are pypinyin's own
    phrase readings, converted as ``pinyin(..., Style.TONE3, neutral_tone_with_five=True)``
    converts them (``tests/test_pinyin.py`` checks a sample against :func:`pypinyin_reading`)."""
    from flashgen.resources.cache import cached_data, package_file, source_key

    source = package_file("pypinyin")

    def build() -> dict[str, object]:
        from pypinyin.constants import PHRASES_DICT
        from pypinyin.contrib.tone_convert import to_tone3

        @cache
        def numbered(syllable: str) -> str:
            s = to_tone3(syllable, v_to_u=False, neutral_tone_with_five=True)
            return s if SYLLABLE.fullmatch(s) else ""

        return {
            "phrases": {
                word: " ".join(numbered(r[0]) for r in readings)
                if len(readings) == len(word)
                # never seen; pypinyin_reading reads such a phrase alone
                else " ".join(pypinyin_reading(word))
                for word, readings in PHRASES_DICT.items()
            }
        }

    phrases: dict[str, str] = cached_data("pypinyin-phrases", source_key([source], 1), build)[
        "phrases"
    ]
    return phrases


@cache
def pypinyin_chars() -> dict[str, str]:
    """What :func:`pypinyin_reading` gives each character alone, for the characters it reads,
    kept in the cache folder.  pypinyin reads a lone character by its first reading in
    its character list, converted the way :func:`pypinyin_reading` converts it; that conversion
    depends on the syllable alone, so each distinct syllable is converted once, by
    :func:`pypinyin_reading` itself (``tests/test_pinyin.py`` checks a sample)."""
    from flashgen.resources.cache import cached_data, package_file, source_key

    source = package_file("pypinyin")

    def build() -> dict[str, object]:
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

        converted: dict[str, str] = {}
        chars: dict[str, str] = {}
        for code, readings in PINYIN_DICT.items():
            char = chr(code)
            if char in PHRASES_DICT:  # never seen: read such a character as pypinyin does
                reading = pypinyin_reading(char)[0]
            else:
                first = readings.split(",")[0]
                if first not in converted:
                    converted[first] = pypinyin_reading(char)[0]
                reading = converted[first]
            if reading:
                chars[char] = reading
        return {"chars": chars}

    chars: dict[str, str] = cached_data("pypinyin-chars", source_key([source], 1), build)["chars"]
    return chars


# CC-CEDICT's glosses of a particle that ends a sentence: 哦 o5 "sentence-final particle
# that conveys informality", 啰 luo5 "(final exclamatory particle)", 啊 a5 "modal particle
# ending sentence", 么 ma5 "interrogative final particle".
_FINAL_PARTICLE = re.compile(r"\bfinal\b[^;]*\bparticle|particle ending sentence")


@lru_cache(maxsize=1 << 10)
def final_particle(char: str) -> str | None:
    """The neutral-tone reading CC-CEDICT gives ``char`` as a particle that ends a
    sentence (哦 o5, 啰 luo5), None if it gives none or jieba's dictionary makes the
    character a pronoun: 哪 na5 is such a particle, but 你住哪？ asks "where" (nǎ)."""
    if load_lexicon().tag(char).startswith("r"):
        return None
    for entry in load_cedict().lookup(char):
        if entry.pinyin.endswith("5") and _FINAL_PARTICLE.search(entry.senses[0]):
            reading = word_reading(char, entry.pinyin)
            if reading is not None:
                return reading[0]
    return None


def cedict_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """CC-CEDICT's distinct readings of ``word`` that line up with its Han characters."""
    return cedict_word(word)[0]


@lru_cache(maxsize=1 << 16)
def cedict_word(word: str) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """:func:`cedict_readings` of ``word``, and whether all CC-CEDICT entries of
    ``word`` that line up with it are proper nouns, in one pass."""
    out: list[tuple[str, ...]] = []
    name = True
    for entry in load_cedict().lookup(word):
        r = word_reading(word, entry.pinyin)
        if r is None:
            continue
        if r not in out:
            out.append(r)
        if name:
            first = next((t for t in entry.pinyin.split() if SYLLABLE.fullmatch(t.lower())), "x")
            name = first[0].isupper()
    return tuple(out), name


@lru_cache(maxsize=1 << 12)
def cedict_sense_counts(word: str) -> dict[tuple[str, ...], int]:
    """How many senses CC-CEDICT lists under each of ``word``'s common (not proper-noun)
    readings."""
    counts: dict[tuple[str, ...], int] = {}
    for entry in load_cedict().lookup(word):
        r = word_reading(word, entry.pinyin)
        if r is not None and not entry.pinyin[:1].isupper():
            counts[r] = counts.get(r, 0) + len(entry.senses)
    return counts


def cedict_pieces(text: str) -> list[tuple[int, int]]:
    """``text`` cut into the fewest pieces that are CC-CEDICT words or single characters."""
    n = len(text)
    # best[end] = (pieces, start of the last piece) for text[:end]
    best: list[tuple[int, int]] = [(0, 0)] + [(n + 1, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            if end - start > 1 and not cedict_readings(text[start:end]):
                continue
            if best[start][0] + 1 < best[end][0]:
                best[end] = (best[start][0] + 1, start)
    pieces = []
    while n > 0:
        start = best[n][1]
        pieces.append((start, n))
        n = start
    return pieces[::-1]


@lru_cache(maxsize=1 << 12)
def zipf(word: str) -> float:
    """``word``'s frequency on the Zipf scale (log10 of occurrences per billion words) in
    jieba's counts, 0.0 for a word jieba does not count."""
    lexicon = load_lexicon()
    count = lexicon.jieba_count(word)
    return math.log10(count / lexicon.total * 1e9) if count else 0.0


def fallback(char: str, text: str, at: int) -> str:
    """pypinyin's reading of ``char`` (``text[at]``), else CC-CEDICT's, else the placeholder."""
    # A character alone (nearly every case) is read from the table, not by importing
    # pypinyin (a third of a second).
    guess = pypinyin_chars().get(char, "") if len(text) == 1 else pypinyin_reading(text)[at]
    if guess:
        return guess
    for reading in cedict_readings(char):
        return reading[0]
    return UNKNOWN_SYLLABLE


# A sense is an adjective one can grade if it is one plain English word whose comparative
# and superlative are words (wordfreq Zipf at least these: "longer" 4.6 / "longest" 3.9,
# "dirtier" 2.3 / "dirtiest" 2.2; "header" 3.6 but "headest" none, "chiefer" none).
_GRADED_ER_ZIPF = 2.0
_GRADED_EST_ZIPF = 1.5
# A participle used as an adjective (tired, crooked) is graded with "more" and "most", not
# -er and -est, and names a quality that has an -ness noun ("tiredness" 2.9; "repeatedness"
# and "boredness" none): 累 lèi "tired", against lěi "to accumulate; repeated".  Not any
# word with an -ness noun: "still" (stillness) and "well" (wellness) are adverbs too, and
# would make 还 hái and 适 shì graded (34 characters change at the same Zipf; 6 with
# participles only: 累 lèi, 曲 qū "crooked", and four literary characters).
_GRADED_NESS_ZIPF = 1.5
_GRADED_FORMAT = 2


def graded_reading(char: str) -> str | None:
    """The one common CC-CEDICT reading of ``char`` alone under which it is an adjective
    that can be graded (长 cháng "long", not zhǎng "chief; to grow"; 脏 zāng "dirty", not
    zàng "viscera"); None if no reading, or several, is one.  After a degree adverb (很长,
    太脏) that is the reading the character has: see pinyin.context.GRADED_BONUS."""
    return _graded_readings().get(char)


@cache
def _graded_readings() -> dict[str, str]:
    """:func:`graded_reading` of every CC-CEDICT character with several common readings,
    kept in the cache folder (wordfreq's English list costs a quarter of a second to
    load, and is asked here only when the table is built)."""
    from flashgen.resources.cache import cached_data, package_file, source_key
    from flashgen.resources.cedict import cedict_path

    def build() -> dict[str, object]:
        from wordfreq import zipf_frequency

        def graded(sense: str) -> bool:
            word = _PARENTHESES.sub("", sense).strip()
            if not _PLAIN_WORD.fullmatch(word):
                return False
            if word.endswith("ed") and zipf_frequency(word + "ness", "en") >= _GRADED_NESS_ZIPF:
                return True
            er, est = _comparatives(word)
            return (
                zipf_frequency(er, "en") >= _GRADED_ER_ZIPF
                and zipf_frequency(est, "en") >= _GRADED_EST_ZIPF
            )

        cedict = load_cedict()
        table: dict[str, str] = {}
        for head in {h: None for h in cedict.headwords() if len(h) == 1}:
            if not is_han(head):
                continue
            # Only a character with several common readings can get one: the others are
            # passed over on their stored readings, their senses never decoded or graded
            # (11,000 characters, 850 kept; a third of the first run's cost of this table).
            if len(_stored_readings(head, common=True)) < 2:
                continue
            reading = _sole_reading(head, graded)
            if reading is not None:
                table[head] = reading
        return {"graded": table}

    key = source_key([cedict_path(), package_file("wordfreq")], _GRADED_FORMAT)
    table: dict[str, str] = cached_data("graded-readings", key, build)["graded"]
    return table


_PARENTHESES = re.compile(r"\([^)]*\)")
_PLAIN_WORD = re.compile(r"[a-z]{3,}")
_SHORT_VOWEL = re.compile(r"[^aeiou][aeiou][^aeiou]$")


def _comparatives(word: str) -> tuple[str, str]:
    """The -er and -est forms English spelling gives ``word`` (dirty → dirtier, big →
    bigger, large → larger)."""
    if word[-1] == "y" and word[-2] not in "aeiou":
        stem = word[:-1] + "i"
    elif word[-1] == "e":
        stem = word[:-1]
    elif len(word) <= 4 and word[-1] in "bdgmnpt" and _SHORT_VOWEL.search(word):
        stem = word + word[-1]  # one short vowel before one consonant: big, hot, thin
    else:
        stem = word
    return stem + "er", stem + "est"


_PAIR_FORMAT = 2


def pair_reading(pair: str, k: int) -> str | None:
    """The reading CC-CEDICT gives the polyphone ``pair[k]`` in every longer word (three
    characters or more, not a name) that contains the two characters ``pair``; None if
    no such word, or they disagree.

    >>> pair_reading("挨肩", 0)  # 挨肩儿, 挨肩擦背: āi, not ái
    'ai1'
    """
    return pair_readings().get(pair + str(k))


@cache
def pair_readings() -> dict[str, str]:
    """:func:`pair_reading` of every pair that has one, keyed by the pair and the offset
    (``"挨肩0"``), kept in the cache folder: built from the whole of CC-CEDICT, once."""
    from flashgen.resources.cache import cached_data, source_key
    from flashgen.resources.cedict import cedict_path

    def build() -> dict[str, object]:
        cedict = load_cedict()
        heads = list(cedict.headwords())
        # The characters CC-CEDICT reads several ways as words of their own: readings
        # only (cedict_readings would decode and keep every character's senses, a third
        # of this table's first-run cost).
        several = frozenset(
            h for h in heads if len(h) == 1 and len(_stored_readings(h, common=False)) > 1
        )
        found: dict[str, set[str]] = {}
        done: set[str] = set()
        for head in heads:
            if len(head) < 3 or several.isdisjoint(head) or head in done:
                continue
            done.add(head)
            if not HAN_RUN.fullmatch(head):
                continue
            # (entries read here, not through cedict_word: its cache is for sentences)
            entries = cedict.lookup(head)
            # names, and words glossed as one (撒都该人 "Sadducees", which would read
            # 都该 dū in 我们都该睡了)
            if all(
                e.pinyin[:1].isupper() or (bool(e.senses) and e.senses[0][:1].isupper())
                for e in entries
            ):
                continue
            readings = {r for e in entries if (r := word_reading(head, e.pinyin)) is not None}
            for i, char in enumerate(head):
                if char not in several:
                    continue
                at_i = {r[i] for r in readings}
                if i:
                    found.setdefault(head[i - 1 : i + 1] + "1", set()).update(at_i)
                if i + 1 < len(head):
                    found.setdefault(head[i : i + 2] + "0", set()).update(at_i)
        return {"pairs": {key: rs.pop() for key, rs in found.items() if len(rs) == 1}}

    key = source_key([cedict_path()], _PAIR_FORMAT)
    table: dict[str, str] = cached_data("pair-readings", key, build)["pairs"]
    return table


@lru_cache(maxsize=1 << 12)
def verb_reading(char: str) -> str | None:
    """The one CC-CEDICT reading of ``char`` alone under which it is a verb (a sense that
    starts "to …"), where its other common readings have no such sense: 弹 tán "to play
    (a string instrument)" against dàn "bullet", 藏 cáng "to hide" against zàng
    "storehouse"; None if no reading, or several, is one (累 lèi "to wear out", lěi "to
    accumulate")."""
    return _sole_reading(char, _verbal, skip_variants=True)


def _verbal(sense: str) -> bool:
    return sense.startswith("to ")


def _sole_reading(
    char: str, passes: Callable[[str], bool], *, skip_variants: bool = False
) -> str | None:
    """The one common (not proper-noun) CC-CEDICT reading of ``char`` alone with a sense
    that ``passes``, where it has several common readings; None if none or several do.
    ``skip_variants``: entries whose senses only say "variant of" are no reading."""
    passed: dict[str, bool] = {}
    for entry in load_cedict().lookup(char):
        r = word_reading(char, entry.pinyin)
        if r is None or entry.pinyin[:1].isupper():
            continue
        if skip_variants and all(
            s.startswith(("variant of", "old variant of")) for s in entry.senses
        ):
            continue
        passed[r[0]] = passed.get(r[0], False) or any(map(passes, entry.senses))
    chosen = [r for r, yes in passed.items() if yes]
    return chosen[0] if len(passed) > 1 and len(chosen) == 1 else None


def _stored_readings(char: str, *, common: bool) -> set[tuple[str, ...]]:
    """CC-CEDICT's readings of ``char`` alone (``common``: not the proper nouns'), from
    its stored rows, no entry decoded: for scans of every character of CC-CEDICT."""
    return {
        r
        for p in load_cedict().pinyins(char)
        if not (common and p[:1].isupper()) and (r := word_reading(char, p)) is not None
    }
