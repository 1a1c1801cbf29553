"""The tone changes a speaker makes, applied to numbered pinyin for speech only (the
cards keep the dictionary's tones).

- 3-3 → 2-3: a third tone before another becomes a second tone; in a run of third tones
  all but the last do (展览馆 zhan2 lan2 guan3, 我很好 wo2 hen2 hao3).  Speakers group a
  long run by meaning (小老虎 xiao3 lao2 hu3); without a parse of the phrase, the
  all-but-last rule is the common approximation, and it is never wrong for two syllables.
- 一 yi1: yi2 before a fourth tone, yi4 before the others (一样 yi2 yang4, 一些 yi4
  xie1); unchanged at the end of a word (统一, 周一, 第一), in counting (十一, 一九八九:
  next to another digit), after 第, in dates (一月, 一号); yi5 between a doubled verb
  (看一看).
- 不 bu4: bu2 before a fourth tone (不是 bu2 shi4).

Only within a phrase: punctuation (``None`` in the syllables) is a pause, across which
no tone changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Digits that make a 一 part of counting when next to it (units such as 百 do not: 一百
# yi4 bai3 changes as any 一 does).
_DIGITS = frozenset("零〇一二两三四五六七八九十")
# 一月 yi1 yue4, 一号 yi1 hao4: a date counts (一日 is left out: "one day" changes).
_DATE = frozenset("月号")


@dataclass(frozen=True, slots=True)
class Syllable:
    """One spoken syllable: its character (or the digit it was read from), numbered
    pinyin, and whether it ends its word."""

    char: str
    pinyin: str  # e.g. "ma3", "de5", "lv4"
    word_end: bool


def tone(pinyin: str) -> int:
    """The tone number of a numbered syllable (5 when it has none)."""
    return int(pinyin[-1]) if pinyin[-1:].isdigit() and pinyin[-1] in "12345" else 5


def _with_tone(pinyin: str, new: int) -> str:
    base = pinyin[:-1] if pinyin[-1:].isdigit() else pinyin
    return f"{base}{new}"


def apply_sandhi(phrase: Sequence[Syllable]) -> tuple[str, ...]:
    """The spoken tones of one phrase (no punctuation inside).

    >>> def s(text, pinyin): return [Syllable(c, p, i == len(text) - 1)
    ...     for i, (c, p) in enumerate(zip(text, pinyin.split()))]
    >>> apply_sandhi(s("展览馆", "zhan3 lan3 guan3") + s("一样", "yi1 yang4"))
    ('zhan2', 'lan2', 'guan3', 'yi2', 'yang4')
    >>> apply_sandhi(s("第一", "di4 yi1") + s("不", "bu4") + s("是", "shi4"))
    ('di4', 'yi1', 'bu2', 'shi4')
    """
    out = [s.pinyin for s in phrase]
    for i, syl in enumerate(phrase):
        nxt = phrase[i + 1] if i + 1 < len(phrase) else None
        if nxt is None:
            continue
        if syl.char == "一" and tone(syl.pinyin) == 1 and not _counting(phrase, i):
            if i > 0 and phrase[i - 1].char == nxt.char:  # 看一看
                out[i] = _with_tone(syl.pinyin, 5)
            else:
                out[i] = _with_tone(syl.pinyin, 2 if tone(nxt.pinyin) == 4 else 4)
        elif syl.char == "不" and tone(syl.pinyin) == 4 and tone(nxt.pinyin) == 4:
            out[i] = _with_tone(syl.pinyin, 2)
    # 3-3 after 一 and 不, which never become third tones; decided on the tones as the
    # dictionary gives them, so a run of three turns its first two.
    for i in range(len(out) - 1):
        if tone(phrase[i].pinyin) == 3 and tone(out[i]) == 3 and tone(phrase[i + 1].pinyin) == 3:
            out[i] = _with_tone(out[i], 2)
    return tuple(out)


def _counting(phrase: Sequence[Syllable], i: int) -> bool:
    """Whether the 一 at ``i`` keeps its first tone: it ends a word of two or more
    syllables, follows 第 or a digit, or comes before a digit, 月 or 号."""
    before = phrase[i - 1] if i > 0 else None
    nxt = phrase[i + 1]
    ends_word = phrase[i].word_end and before is not None and not before.word_end
    return (
        ends_word
        or (before is not None and (before.char == "第" or before.char in _DIGITS))
        or nxt.char in _DIGITS
        or nxt.char in _DATE
    )
