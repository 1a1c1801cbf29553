"""Where flashgen is unsure of a word it teaches: flags for a teacher's review.

Each flag names one decision flashgen took without strong evidence, so that a teacher
knows which cards to look at first (``flashgen review``).  A flag is a reason to look,
not a verdict: ``benchmarks/review_flags.py`` measures how often a flagged word is
really wrong against an unflagged one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args

from flashgen.datatypes import AnnotatedSentence, AnnotatedToken
from flashgen.language.pinyin import cedict_readings, reading_margin
from flashgen.resources.cedict import load_cedict
from flashgen.teach.select import Pick, headword

Flag = Literal[
    "reading",
    "no-english",
    "inferred-english",
    "doubtful-pair",
    "single-char",
    "segmentation",
    "fallback",
]
FLAGS: tuple[Flag, ...] = get_args(Flag)
# What each flag means, as the review page explains it.
FLAG_TEXT: dict[Flag, str] = {
    "reading": "reading chosen against the dictionary, by a narrow margin, or by default "
    "between two dictionary readings",
    "no-english": "no English counterpart found in its sentence",
    "inferred-english": "English counterpart inferred by the second pass (its place between "
    "matched neighbours, a weak table entry), not by a dictionary sense: check the bold",
    "doubtful-pair": "its sentence's English link is doubtful (no English shown)",
    "single-char": "a single character (often part of a longer word, or many meanings)",
    "segmentation": "a name, a compound CC-CEDICT lacks, or a word the segmenter could have "
    "cut differently",
    "fallback": "meaning not from a matching dictionary sense (characters, a compound's "
    "parts, idiom list, or the aligner's counterpart)",
}
# A reading whose score leads the next best by less than this (natural log: ten to one)
# was a close call between g2pM and the dictionaries.  Not tuned: the review benchmark
# reports what the flag catches at this value.
NARROW_MARGIN = math.log(10)


@dataclass(frozen=True, slots=True)
class WordFlags:
    flags: tuple[Flag, ...]  # in FLAGS order
    margin: float | None  # reading_margin of the example occurrence (None: not weighed)


def word_flags(pick: Pick) -> WordFlags:
    """The flags of a picked word at its example sentence.  The sentence must still
    have its tokens (the segmentation flag looks at the word's neighbours)."""
    token, sentence = pick.token, pick.sentence
    flags: set[Flag] = set()
    margin = None
    if pick.reading_was == () and token.gloss is not None and token.gloss.source != "teacher":
        margin = _margin(token, sentence)
        if (
            _against_dictionary(token)
            or (margin is not None and margin < NARROW_MARGIN)
            or (margin is None and _by_default(token))
        ):
            flags.add("reading")
    if sentence.en_scope == "sentence" and sentence.en and token.en_match is None:
        flags.add("no-english")
    if sentence.en_scope in ("doubtful", "unsupported"):
        flags.add("doubtful-pair")
    if len(headword(token)) == 1:
        flags.add("single-char")
    gloss = token.gloss
    compound = gloss is not None and gloss.source == "parts"  # kept whole, glossed by parts
    if token.kind == "name" or compound or _could_join(token, sentence):
        flags.add("segmentation")
    if gloss is not None and gloss.source in ("characters", "parts", "idiom-list"):
        flags.add("fallback")
    if token.en_match is not None and token.en_match.source != "gloss":
        flags.add("fallback")  # the meaning in context comes first (see teach.cards)
        if token.en_match.source == "inferred":
            flags.add("inferred-english")
    return WordFlags(tuple(f for f in FLAGS if f in flags), margin)


def _margin(token: AnnotatedToken, sentence: AnnotatedSentence) -> float | None:
    if sentence.zh[token.start : token.end] != token.text:
        return None
    return reading_margin(sentence.zh, token.start, token.end)


def _against_dictionary(token: AnnotatedToken) -> bool:
    """CC-CEDICT has the word, but not with the reading chosen."""
    readings = cedict_readings(token.simplified)
    return bool(readings) and token.syllables not in readings


def _by_default(token: AnnotatedToken) -> bool:
    """CC-CEDICT reads the word two ways (地方 dìfāng "region", dìfang "place"), nothing
    weighed them in this sentence (no character g2pM judges), and no sense of the chosen
    reading was found in the English: a default, not a decision."""
    readings = cedict_readings(token.simplified)
    matched = token.en_match is not None and token.en_match.source == "gloss"
    return len(readings) > 1 and not matched


def _could_join(token: AnnotatedToken, sentence: AnnotatedSentence) -> bool:
    """The word and a neighbour together are a CC-CEDICT word the segmenter did not keep
    whole (e.g. 不 + 存在 where 不存在 is listed)."""
    tokens = sentence.tokens
    at = next((i for i, t in enumerate(tokens) if t.start == token.start), None)
    if at is None:
        return False
    cedict = load_cedict()
    lexical = ("word", "idiom", "name")
    for i, j in ((at - 1, at), (at, at + 1)):
        if i < 0 or j >= len(tokens):
            continue
        joined = tokens[i].simplified + tokens[j].simplified
        if tokens[i].kind in lexical and tokens[j].kind in lexical and cedict.lookup(joined):
            return True
    return False
