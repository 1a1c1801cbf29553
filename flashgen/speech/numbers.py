"""Numbers written in digits, as a Chinese speaker reads them: ``180`` → 一百八十,
``2025年`` → 二〇二五年 (a year digit by digit), ``50%`` → 百分之五十, ``3.5`` → 三点五.

The result is characters with their numbered pinyin, so the tone rules of
:mod:`flashgen.speech.sandhi` apply to them as to the text's own numerals (一百 yi4 bai3).
"""

from __future__ import annotations

_DIGIT = "零一二三四五六七八九"
_PINYIN = {
    "零": "ling2",
    "〇": "ling2",
    "一": "yi1",
    "二": "er4",
    "两": "liang3",
    "三": "san1",
    "四": "si4",
    "五": "wu3",
    "六": "liu4",
    "七": "qi1",
    "八": "ba1",
    "九": "jiu3",
    "十": "shi2",
    "百": "bai3",
    "千": "qian1",
    "万": "wan4",
    "亿": "yi4",
    "点": "dian3",
    "分": "fen1",
    "之": "zhi1",
}


def spoken_number(digits: str, *, year: bool = False, percent: bool = False) -> str:
    """The characters a speaker reads ``digits`` (``"180"``, ``"3.5"``) as.

    >>> spoken_number("180"), spoken_number("2025", year=True), spoken_number("10")
    ('一百八十', '二〇二五', '十')
    >>> spoken_number("20000"), spoken_number("3.05"), spoken_number("50", percent=True)
    ('两万', '三点零五', '百分之五十')
    >>> spoken_number("1005"), spoken_number("150000000")
    ('一千零五', '一亿五千万')
    """
    whole, _, fraction = digits.partition(".")
    if year:
        text = "".join("〇" if d == "0" else _DIGIT[int(d)] for d in whole)
    elif len(whole) > 16 or (len(whole) > 1 and whole.startswith("0")):
        text = "".join(_DIGIT[int(d)] for d in whole)  # a code or an id: digit by digit
    else:
        text = _cardinal(int(whole))
    if fraction:
        text += "点" + "".join(_DIGIT[int(d)] for d in fraction)
    return "百分之" + text if percent else text


def number_pinyin(chars: str) -> tuple[str, ...]:
    """The numbered pinyin of the characters :func:`spoken_number` returns."""
    return tuple(_PINYIN[c] for c in chars)


def _cardinal(n: int) -> str:
    if n == 0:
        return "零"
    groups = []  # groups of four digits, lowest first: 万 and 亿 scale them
    while n:
        n, group = divmod(n, 10_000)
        groups.append(group)
    out = ""
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out += "零"
        part = _below_10000(group, leading=not out)
        if part == "二" and index:
            part = "两"  # 两万, 两亿
        out += part + ("", "万", "亿", "万亿")[index]
        zero_pending = False
    return out


def _below_10000(n: int, *, leading: bool) -> str:
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if d == 1 and unit == 10 and leading and not out:
            out += "十"  # 十五, not 一十五, at the start of a number
            continue
        # 两 counts hundreds and above at the head of a number (两万, 两千); 二 elsewhere.
        digit = "两" if d == 2 and unit >= 1000 and leading and not out else _DIGIT[d]
        out += digit + name
    return out
