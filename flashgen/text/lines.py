"""What a line of text is: English or not, a date, noise, body text, a byline, a title.

Plain predicates over one stripped line (or paragraph), shared by paragraph splitting,
pairing and title finding in :mod:`flashgen.text.read`.
"""

from __future__ import annotations

import re
import unicodedata

from flashgen.text.script import HAN

__all__ = [
    "ends_sentence",
    "has_han",
    "is_body",
    "is_bracketed",
    "is_byline",
    "is_date",
    "is_english",
    "is_english_prose",
    "is_noise",
    "is_title",
    "split_heading",
    "split_pair",
    "width",
]


# --- characters -------------------------------------------------------------
def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def width(text: str) -> int:
    """Display columns: 2 for a wide (Han, fullwidth) character, else 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# Where Latin letters are: ASCII, Latin-1, Extended A/B, Extended Additional, fullwidth.
_LATIN_RANGE = re.compile(r"[\u0000-\u024f\u1e00-\u1effＡ-Ｚａ-ｚ]")


# --- English ----------------------------------------------------------------
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿＡ-Ｚａ-ｚ]+(?:['’][A-Za-zÀ-ÖØ-öø-ɏ]+)*")
# An English paragraph may quote a Chinese word (``the phrase 躺平 ...``) but must have
# at least this many Latin words per Han character; ``DeepSeek 和 H20 芯片`` has 2 for 3.
# With these two limits all 29,155 Tatoeba pairs are classified right, both sides.
_WORDS_PER_HAN = 4
_LATIN_SHARE = 0.6  # of all letters; keeps Cyrillic or kana text from being "English"


def is_english(paragraph: str) -> bool:
    """True when ``paragraph`` is mostly Latin-script words with very few Han characters.

    >>> is_english("Nvidia’s H20 chip"), is_english("DeepSeek 和 H20 芯片")
    (True, False)

    Lines with no letters (``2025``, ``——``) are neither English nor Chinese.
    """
    if paragraph.isascii():
        # All its letters are Latin and none is Han: English as soon as it has one.
        return _ASCII_LETTER.search(paragraph) is not None
    # Letters (str.isalpha) counted by kind, the Latin and Han ones picked out by
    # pattern: the same counts as a loop over the characters, five times faster.
    latin = sum(map(str.isalpha, _LATIN_RANGE.findall(paragraph)))
    if latin == 0 or latin < _LATIN_SHARE * sum(map(str.isalpha, paragraph)):
        return False
    han = sum(map(str.isalpha, HAN.findall(paragraph)))
    return han == 0 or han * _WORDS_PER_HAN <= len(_LATIN_WORD.findall(paragraph))


def is_english_prose(line: str) -> bool:
    """English with no Han that reads as a sentence: what makes a text bilingual.

    An English heading or name alone (``# Big Title``, ``Source: Reuters``) does not.
    """
    return (
        is_english(line)
        and not has_han(line)
        and (ends_sentence(line) or width(line) > _BODY_WIDTH)
    )


# --- dates and noise --------------------------------------------------------
_DATE_WORD = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?"
    r"|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|[ap]\.?m|updated|published|gmt|utc|[ecmp][sd]t|bst|cest?|jst|hkt)\b\.?"
)
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_DATE_HAN = set(
    "年月日号號星期周週礼禮拜一二三四五六七八九十〇零两兩天上下午早晚时時分秒点點整更新发發布"
)
_DATE_NUMBER = re.compile(r"[0-9一二三四五六七八九十〇零]")
_DATE_MARK = re.compile(
    r"[年月日号號]|\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}|\d{1,2}:\d{2}", re.ASCII
)


def is_date(text: str) -> bool:
    """True for a line that is only a date (and maybe a weekday and time)."""
    # Quick noes, the same answers as below: a date has a number, and the date words
    # taken out below are Latin, so a Han character no date has stays and says no.
    if not _DATE_NUMBER.search(text):
        return False
    if any(c not in _DATE_HAN and c.isalnum() and not c.isdigit() for c in HAN.findall(text)):
        return False
    words = _DATE_WORD.findall(text)
    rest = _DATE_WORD.sub("", text)
    if not (_DATE_MARK.search(rest) or any(w[:3].lower() in _MONTHS for w in words)):
        return False
    if not _DATE_NUMBER.search(rest):
        return False
    return all(c.isdigit() or c in _DATE_HAN or not c.isalnum() for c in rest)


def is_noise(text: str) -> bool:
    """Only punctuation and symbols (``***``, ``——``): nothing to read or study."""
    return not any(map(str.isalnum, text))


# --- body, header lines, titles ---------------------------------------------
# Closing quotes and brackets may follow the mark that ends a sentence.
_SENTENCE_END = re.compile(r"[。．.；;…!?！？][\"'”’」』）)\]】]*$")
_BODY_END = re.compile(r"[。．.；;…][\"'”’」』）)\]】]*$")  # "?" and "!" end headlines too
_NOT_TITLE_END = re.compile(r"[，,、:：]$")
_BYLINE = re.compile(
    r"(?i)^(?:(?:reporting |photographs? )?by\s"
    r"|(?:source|photo|image|picture|credit|caption)s?(?: credits?)?\s*[:：]"
    r"|(?:作者|记者|記者|撰文|编辑|編輯|责任编辑|翻译|翻譯|译者|譯者|来源|來源|摄影|攝影|文"
    r"|图片来源|圖片來源|图片|圖片|图|圖)"
    r"\s*(?:\s|[:：/／|]))"
)
_BRACKETED = re.compile(r"^[（(【\[〔].*[）)】\]〕]$")  # （第2版）; 《书名》 is a fine title
_BODY_WIDTH = 100  # display columns: 100 Latin characters or 50 Han


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def is_bracketed(text: str) -> bool:
    """A note in brackets, like ``（第2版）``."""
    return _BRACKETED.match(text) is not None


def is_body(text: str) -> bool:
    return bool(_BODY_END.search(text)) or width(text) > _BODY_WIDTH


def is_byline(text: str) -> bool:
    # Only short lines: "By Monday, the company had..." starts a sentence, not a byline.
    return bool(_BYLINE.match(text)) and not is_body(text)


def is_title(text: str) -> bool:
    return (
        not is_body(text)
        and not is_date(text)
        and any(c.isalpha() for c in text)
        and not _NOT_TITLE_END.search(text)
        and not is_byline(text)
        and not is_bracketed(text)
    )


# --- lines holding a pair ---------------------------------------------------
# What stands between the Chinese and the English of a one-line pair, most explicit
# first: dashes (``中文 — English``, the Markdown vocabulary list ``- **中文** — English``),
# bars, tabs.  A separator counts only when it occurs once in the line.
_SEPARATORS = (" — ", "—", " – ", " -- ", " - ", "｜", " | ", "|", "\t", " / ")
# ``中文 (English)`` or ``English（中文）``: the other language in closing brackets.
_TRAILING_BRACKETS = re.compile(r"^(.+?)\s*[(（]([^()（）]+)[)）]$")
# ``对话 Dialogue``, ``第一课 Lesson 1``: Chinese with no Latin letter, a space (or a
# Chinese punctuation mark), then English starting with a capital letter.
_HEADING_PAIR = re.compile(
    r"^([^A-Za-zＡ-Ｚａ-ｚ]*[\u3400-\u9fff][^A-Za-zＡ-Ｚａ-ｚ]*?)(?:\s+|(?<=[。！？：）」』]))([A-Z].*)$"
)
# English characters per Chinese character of a translation within this factor of the
# usual 3.4 (see flashgen.text.read): ``他来自美国 (USA)`` is a note, not a translation.
_RATIO, _RATIO_GATE = 3.4, 4.0


def split_pair(line: str) -> tuple[str, str] | None:
    """A line holding a Chinese text and its English as ``(chinese, english)``, or None.

    >>> split_pair("学校 — school"), split_pair("Teacher | 老师"), split_pair("你好（Hello）")
    (('学校', 'school'), ('老师', 'Teacher'), ('你好', 'Hello'))

    Either side may come first; the Chinese side has Han and is not English, the English
    side is English with no Han.  A pair in brackets must also have translation-like
    lengths: ``他来自美国 (USA)`` stays one line.
    """
    if not has_han(line) or _ASCII_LETTER.search(line) is None:
        return None
    for sep in _SEPARATORS:
        if line.count(sep) == 1:
            left, right = (side.strip() for side in line.split(sep))
            pair = _chinese_and_english(left, right)
            if pair is not None:
                return pair
    m = _TRAILING_BRACKETS.match(line)
    if m is not None:
        pair = _chinese_and_english(m.group(1).strip(), m.group(2).strip())
        if pair is not None and _translation_lengths(*pair):
            return pair
    return None


def split_heading(line: str) -> tuple[str, str] | None:
    """A bilingual heading with nothing between its halves, as ``(chinese, english)``.

    >>> split_heading("对话 Dialogue"), split_heading("第一课 Lesson 1")
    (('对话', 'Dialogue'), ('第一课', 'Lesson 1'))

    Only for lines that read as headings (no sentence, Chinese first, the English
    capitalised); :mod:`flashgen.text.read` asks only in bilingual texts.
    """
    if is_body(line) or not has_han(line):
        return None
    m = _HEADING_PAIR.match(line)
    if m is None:
        return None
    return _chinese_and_english(m.group(1).strip(), m.group(2).strip())


def _chinese_and_english(a: str, b: str) -> tuple[str, str] | None:
    for zh, en in ((a, b), (b, a)):
        if has_han(zh) and not is_english(zh) and not has_han(en) and is_english(en):
            return zh, en
    return None


def _translation_lengths(zh: str, en: str) -> bool:
    ratio = len(en) / max(1, len("".join(zh.split()))) / _RATIO
    return 1 / _RATIO_GATE <= ratio <= _RATIO_GATE
