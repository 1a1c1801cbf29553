"""What to say: a word or a sentence as the reading an engine speaks.

The reading is built from flashgen's own numbered pinyin (the reading of each word in
this sentence, 行 háng in 银行), with the tone changes of :mod:`flashgen.speech.sandhi`.
Digits are read as Chinese numbers (:mod:`flashgen.speech.numbers`); Latin words (H20,
DeepSeek) are passed on as they are written, and eSpeak NG's pinyin voice reads a word
that is not pinyin by its English rules (GPU spelled out, DeepSeek as English), which is
how Chinese speakers read them too.  Punctuation becomes a pause.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from flashgen.datatypes import AnnotatedToken
from flashgen.speech.numbers import number_pinyin, spoken_number
from flashgen.speech.sandhi import Syllable, apply_sandhi

_FULL_STOP = frozenset("。！？!?…")
_PAUSE = frozenset("，、；：,;:（）()—-《》〈〉「」『』【】")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f〇]")
# A number as written in text: digits with thousands commas and one decimal point.
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’]*")


@dataclass(frozen=True, slots=True)
class Reading:
    """What is spoken (``spoken``: the engine's input) for ``text``."""

    text: str
    spoken: str


def word_reading(token: AnnotatedToken) -> Reading | None:
    """The reading of a word said alone (None: nothing to say)."""
    return _reading(token.text, [token])


def sentence_reading(text: str, tokens: Sequence[AnnotatedToken]) -> Reading | None:
    """The reading of a sentence from its tokens (None: nothing to say, or the tokens do
    not give a syllable for each character: then no audio beats wrong audio)."""
    return _reading(text, tokens)


def _reading(text: str, tokens: Sequence[AnnotatedToken]) -> Reading | None:
    parts: list[str] = []
    phrase: list[Syllable] = []

    def close_phrase() -> None:
        parts.extend(apply_sandhi(phrase))
        phrase.clear()

    try:
        for item in _items(tokens):
            if isinstance(item, Syllable):
                phrase.append(item)
                continue
            close_phrase()
            if item in {",", "."}:
                if parts and parts[-1] not in {",", "."}:
                    parts.append(item)
            else:
                parts.append(item)  # a Latin word, read by the engine's own rules
        close_phrase()
    except _NoReading:
        return None
    while parts and parts[-1] in {",", "."}:
        parts.pop()
    if not parts:
        return None
    return Reading(text, " ".join(parts))


class _NoReading(Exception):
    pass


def _items(tokens: Sequence[AnnotatedToken]) -> Iterator[Syllable | str]:
    """The syllables of the tokens, with ``","``/``"."`` for pauses and Latin words as
    strings."""
    for token in tokens:
        text = unicodedata.normalize("NFKC", token.text)
        syllables = iter(token.syllables or ())
        made: list[Syllable | str] = []
        at = 0
        while at < len(text):
            ch = text[at]
            number = _NUMBER.match(text, at)
            latin = _LATIN.match(text, at)
            if _HAN.match(ch):
                pinyin = next(syllables, None)
                if pinyin is None:
                    raise _NoReading
                made.append(Syllable(ch, _speakable(pinyin), False))
                at += 1
            elif number:
                end = number.end()
                digits = number.group().replace(",", "")
                rest = text[end:] or _next_text(tokens, token)
                percent = rest[:1] == "%"
                year = len(digits) == 4 and "." not in digits and rest[:1] == "年"
                chars = spoken_number(digits, year=year, percent=percent)
                made.extend(
                    Syllable(c, p, i == len(chars) - 1)
                    for i, (c, p) in enumerate(zip(chars, number_pinyin(chars), strict=True))
                )
                at = end + (1 if percent and text[end : end + 1] == "%" else 0)
            elif latin:
                made.append(latin.group())
                at = latin.end()
            elif ch in _FULL_STOP:
                made.append(".")
                at += 1
            elif ch in _PAUSE:
                made.append(",")
                at += 1
            else:
                at += 1  # quotes, spaces, symbols: not spoken
        if next(syllables, None) is not None:
            raise _NoReading  # more syllables than characters: the offsets are not ours
        # The token's last syllable ends its word (the sandhi of 一 looks at word ends).
        for i in range(len(made) - 1, -1, -1):
            last = made[i]
            if isinstance(last, Syllable):
                made[i] = Syllable(last.char, last.pinyin, True)
                break
        yield from made


def _next_text(tokens: Sequence[AnnotatedToken], token: AnnotatedToken) -> str:
    """The text of the token after ``token`` ("" at the end): 2025 | 年 are two tokens."""
    for a, b in itertools.pairwise(tokens):
        if a is token:
            return unicodedata.normalize("NFKC", b.text)
    return ""


def _speakable(pinyin: str) -> str:
    # Erhua: CC-CEDICT writes the 儿 of 哪儿 as its own syllable r5, which eSpeak reads as
    # the English letter r; er5 is the nearest it says.
    return "er5" if pinyin.lower() == "r5" else pinyin.lower()
