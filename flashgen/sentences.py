"""Split a paragraph into sentences, Chinese or English.

Both splitters only ever cut at whitespace or between characters, and strip
what they return, so ``"".join(split_x(p))`` equals ``p`` with whitespace
removed: nothing is dropped or reordered.

>>> split_zh("他说：“好。”我们走吧！")
['他说：“好。”', '我们走吧！']
>>> split_en("Mr. Huang met Dr. Lee in the U.S. on Monday. It went well.")
['Mr. Huang met Dr. Lee in the U.S. on Monday.', 'It went well.']
"""

from __future__ import annotations

import re

# --- Chinese -----------------------------------------------------------------

_ZH_END = "。！？；…⋯｡"
_ASCII_END = "!?;"  # sentence ends only when written between Chinese characters
# A closing quote or bracket right after the end mark belongs to the sentence it closes.
_CLOSERS = "”’」』）)》〉】］]\"'"
_ZH_BOUNDARY = re.compile(f"[{re.escape(_ZH_END + _ASCII_END)}]+")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3400 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or 0x3000 <= o <= 0x303F  # CJK punctuation (、「」…)
        or 0xFF00 <= o <= 0xFFEF  # full-width forms (，：！)
        or ch in "“”‘’"
    )


def _straight_quote_closes(text: str, pos: int) -> bool:
    """A straight quote closes if an odd number of them come before it."""
    return text.count(text[pos], 0, pos) % 2 == 1


def _absorb_closers(text: str, end: int) -> int:
    while end < len(text) and text[end] in _CLOSERS:
        if text[end] in "\"'" and not _straight_quote_closes(text, end):
            break
        end += 1
    return end


def split_zh(paragraph: str) -> list[str]:
    """Sentences of a Chinese paragraph, cut after 。！？；… (and runs of them).

    ASCII ``! ? ;`` count only between Chinese characters (``好!他``), so a
    Latin phrase such as ``Yahoo!`` inside Chinese text does not end a sentence.

    >>> split_zh("“你好……。”他笑了！？然后走了")
    ['“你好……。”', '他笑了！？', '然后走了']
    """
    cuts: list[int] = []
    for m in _ZH_BOUNDARY.finditer(paragraph):
        run = m.group()
        if all(ch in _ASCII_END for ch in run):
            before = paragraph[m.start() - 1] if m.start() > 0 else ""
            after = paragraph[m.end():].lstrip()[:1]
            if not (before and _is_cjk(before) and (not after or _is_cjk(after))):
                continue
        cuts.append(_absorb_closers(paragraph, m.end()))
    return _cut(paragraph, cuts)


def _cut(text: str, cuts: list[int]) -> list[str]:
    pieces, start = [], 0
    for c in [*cuts, len(text)]:
        piece = text[start:c].strip()
        if piece:
            pieces.append(piece)
        start = max(start, c)
    return pieces


# --- English -----------------------------------------------------------------

# Words that end in a period without ending the sentence.  Only forms that are not
# also ordinary words or names: "sat.", "Sun.", "Jun." (a given name), "etc." and
# "et al." often end sentences, so they are left out.
_ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof sr jr st mt ft inc corp co ltd llc plc bros dept
    lt sgt capt cmdr adm gov vs cf approx jan feb apr aug sept oct nov""".split()
)
# After a dotted acronym (U.S., A.I.) a new sentence is assumed only when the
# next word is one that typically starts sentences: "the U.S. Government" must
# stay whole, and a capitalised noun is more often part of the same phrase.
_STARTERS = frozenset(
    """the a an this that these those it its he she they we i you his her their our
    but and so yet or if when while after before as in on at for with by from to
    there here what why how who however meanwhile still then also""".split()
)
_SUFFIXES = frozenset("inc corp co ltd llc plc bros jr sr".split())  # may end a sentence
_EN_BOUNDARY = re.compile(r"[.?!…]+")
_DOTTED = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S." "A.I." "J." as seen up to the period
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.$")
_OPENERS = "“‘\"'([{"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of double quotes that are closed in this paragraph."""
    spans, stack, straight = [], [], None
    for i, ch in enumerate(text):
        if ch == "“":
            stack.append(i)
        elif ch == "”" and stack:
            spans.append((stack.pop(), i))
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i))
                straight = None
    return spans


def split_en(paragraph: str) -> list[str]:
    """Sentences of an English paragraph, cut after . ? ! where a new sentence starts.

    A cut needs whitespace and then a capital, digit or opening quote; it is not
    made after titles and abbreviations (Mr., Inc., St.), initials (J. K.
    Rowling), nor inside a quotation that closes later in the paragraph.

    >>> split_en("“We won!” the company said. Shares rose 4.5%.")
    ['“We won!” the company said.', 'Shares rose 4.5%.']
    """
    spans = _quote_spans(paragraph)
    cuts: list[int] = []
    for m in _EN_BOUNDARY.finditer(paragraph):
        end = _absorb_closers(paragraph, m.end())
        rest = paragraph[end:]
        stripped = rest.lstrip()
        if not stripped or len(stripped) == len(rest):
            continue  # end of paragraph, or no space after ("4.5", "U.S.-China")
        nxt = stripped[0]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        if any(a < m.start() and end <= b for a, b in spans):
            continue  # inside a quotation that goes on
        if m.group() == "." and not _period_ends(paragraph[: m.end()], stripped):
            continue
        cuts.append(end)
    return _cut(paragraph, cuts)


def _period_ends(upto: str, following: str) -> bool:
    """Whether the period that ends ``upto`` ends a sentence, given the text after it."""
    dotted = _DOTTED.search(upto)
    if dotted:
        if len(dotted.group()) <= 2:
            return False  # a single initial: "J. K. Rowling", "Harry S. Truman"
        return _starts_sentence(following)
    word = _WORD_BEFORE.search(upto)
    if word and word.group(1).lower() == "no" and following[:1].isdigit():
        return False  # "ranked No. 5"
    if not word or word.group(1).lower() not in _ABBREVIATIONS:
        return True
    # "Apple Inc. The deal ..." ends; a title ("Mr. Huang") never does.
    return word.group(1).lower() in _SUFFIXES and _starts_sentence(following)


def _starts_sentence(following: str) -> bool:
    next_word = re.match(r"[A-Za-z]+", following)
    return next_word is not None and next_word.group().lower() in _STARTERS
