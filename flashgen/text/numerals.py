"""Numbers in Chinese and English text, as values, so that they can anchor an alignment.

``4万亿`` and ``4 trillion``, ``二十八`` and ``twenty eight``, ``一九八九`` and ``1989`` are
the same number; :mod:`flashgen.align.anchors` turns each value into an anchor key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_EN_SMALL = {
    w: i
    for i, w in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen""".split()
    )
} | {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# The characters Chinese numerals are written with: the digits (〇 and 零 both zero, 两
# the counting two) and the units.  The one list; each user adds what its context allows.
ZH_DIGIT_CHARS = "零〇一二两三四五六七八九"
ZH_UNIT_CHARS = "十百千万亿"
ZH_NUMERAL_CHARS = ZH_DIGIT_CHARS + ZH_UNIT_CHARS
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "亿": 10**8}
_ZH_NUMBER = re.compile(rf"(\d+(?:\.\d+)?)([{ZH_UNIT_CHARS}]*)|([{ZH_NUMERAL_CHARS}]+)")
_EN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _zh_numeral(text: str) -> int:
    """Value of a Chinese numeral: ``二十八`` → 28, ``三亿五千万`` → 350000000."""
    if len(text) > 1 and all(c in _ZH_DIGITS for c in text):
        return int("".join(str(_ZH_DIGITS[c]) for c in text))  # read digit by digit: 一九八九
    total = section = digit = 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_SMALL:
            section += (digit or 1) * _ZH_SMALL[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        else:  # 亿 scales everything before it
            total = (total + section + digit) * 10**8
            section = digit = 0
    return total + section + digit


def zh_numbers(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of the numbers in Chinese text, in digits or in numerals.

    >>> [v for _, _, v in zh_numbers("4万亿美元，二十八面，2006年")]
    [4000000000000.0, 28.0, 2006.0]
    """
    out = []
    for m in _ZH_NUMBER.finditer(text):
        if m.group(1):
            value = float(m.group(1))
            for ch in m.group(2):
                value *= (_ZH_SMALL | _ZH_BIG)[ch]
        else:
            value = float(_zh_numeral(m.group(3)))
        out.append((m.start(), m.end(), value))
    return out


def en_numbers(words: Sequence[str]) -> list[float]:
    """Values of the numbers in a list of English words.

    >>> en_numbers("a 4 trillion deal , twenty eight dishes in 2006".split())
    [4000000000000.0, 28.0, 2006.0]
    """
    out: list[float] = []
    total = part = 0.0
    active = False
    for w in [*words, ""]:
        lw = w.lower().replace(",", "")
        if _EN_NUMBER.fullmatch(lw) or lw in _EN_SMALL:
            value = float(lw) if lw[0].isdigit() else float(_EN_SMALL[lw])
            if (
                active
                and lw in _EN_SMALL
                and (
                    (part == 0 and total > 0)  # "two thousand five"
                    or (20 <= part < 100 and part % 10 == 0 and value < 10)  # "twenty eight"
                    or (part >= 100 and part % 100 == 0 and value < 100)  # "two hundred five"
                )
            ):
                part += value
            else:
                if active:
                    out.append(total + part)
                total, part, active = 0.0, value, True
        elif lw == "hundred" and active:
            part = (part or 1) * 100
        elif lw in _EN_SCALES and active:
            total, part = total + (part or 1) * _EN_SCALES[lw], 0.0
        elif active:
            out.append(total + part)
            total, part, active = 0.0, 0.0, False
    return out
