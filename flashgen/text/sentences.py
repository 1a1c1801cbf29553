"""Split a paragraph into sentences, Chinese or English.

Both splitters only ever cut at whitespace or between characters, and strip
what they return, so ``"".join(split_x(p))`` equals ``p`` with whitespace
removed: nothing is dropped or reordered.  A Chinese sentence is never longer than
:data:`MAX_ZH_SENTENCE` characters: a longer one is cut after a comma or space, or hard.

>>> split_zh("他说：“好。”我们走吧！")
['他说：“好。”', '我们走吧！']
>>> split_en("Mr. Huang met Dr. Lee in the U.S. on Monday. It went well.")
['Mr. Huang met Dr. Lee in the U.S. on Monday.', 'It went well.']
"""

from __future__ import annotations

import re
from bisect import bisect_left

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


class _StraightQuotes:
    """Where the straight quotes of a text are, found once: counting them from the start
    at every sentence end would be quadratic in a long paragraph."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._at: dict[str, list[int]] | None = None  # found when first asked

    def closes(self, text: str, pos: int) -> bool:
        """A straight quote closes if an odd number of them come before it."""
        if self._at is None:
            self._at = {q: [m.start() for m in re.finditer(q, self._text)] for q in "\"'"}
        return bisect_left(self._at[text[pos]], pos) % 2 == 1


def _absorb_closers(text: str, end: int, quotes: _StraightQuotes) -> int:
    while end < len(text) and text[end] in _CLOSERS:
        if text[end] in "\"'" and not quotes.closes(text, end):
            break
        end += 1
    return end


def split_zh(paragraph: str) -> list[str]:
    """Sentences of a Chinese paragraph, cut after 。！？；… (and runs of them).

    ASCII ``! ? ;`` count only between Chinese characters (``好!他``), so a
    Latin phrase such as ``Yahoo!`` inside Chinese text does not end a sentence.
    A sentence longer than :data:`MAX_ZH_SENTENCE` is cut (see :func:`_bounded`).

    >>> split_zh("“你好……。”他笑了！？然后走了")
    ['“你好……。”', '他笑了！？', '然后走了']
    """
    cuts: list[int] = []
    quotes = _StraightQuotes(paragraph)  # finds its quotes only if asked
    size = len(paragraph)
    for m in _ZH_BOUNDARY.finditer(paragraph):
        end = m.end()
        if not m.group().strip(_ASCII_END):  # only ASCII marks
            before = paragraph[m.start() - 1] if m.start() > 0 else ""
            at = _SPACES.match(paragraph, end).end()  # type: ignore[union-attr]
            after = paragraph[at : at + 1]  # not the whole rest: see split_en
            if not (before and _is_cjk(before) and (not after or _is_cjk(after))):
                continue
        if end < size:  # at the paragraph's end there is nothing to absorb
            end = _absorb_closers(paragraph, end, quotes)
        cuts.append(end)
    pieces = _cut(paragraph, cuts)
    if size <= MAX_ZH_SENTENCE or all(len(piece) <= MAX_ZH_SENTENCE for piece in pieces):
        return pieces
    return [short for piece in pieces for short in _bounded(piece)]


# The longest Chinese "sentence" passed on.  Segmentation, the pinyin model and English
# matching work on one sentence at a time, and a text without sentence punctuation
# (a 2 MB line) must not reach them whole: a deck card shows the whole sentence, too.
# Real sentences are far shorter: the sample article's longest is 100 characters,
# Tatoeba's 44 (99 % are at most 20).
MAX_ZH_SENTENCE = 300
# Where an over-long piece is cut: after the last of these before the limit (if it is
# in the limit's second half, so pieces do not get tiny), else at the limit itself.
_SOFT_BREAK = re.compile(r"[，,、：:；;—\s]")


def _bounded(piece: str, limit: int = MAX_ZH_SENTENCE) -> list[str]:
    """``piece`` cut into pieces of at most ``limit`` characters, softly where it can be.

    >>> _bounded("一二三，四五六七八", limit=5)
    ['一二三，', '四五六七八']
    >>> _bounded("一二三四五六七", limit=3)
    ['一二三', '四五六', '七']
    """
    if len(piece) <= limit:
        return [piece]
    cuts, start = [], 0
    while len(piece) - start > limit:
        end = start + limit
        soft = [m.end() for m in _SOFT_BREAK.finditer(piece, start + limit // 2, end)]
        end = soft[-1] if soft else end
        cuts.append(end)
        start = end
    return _cut(piece, cuts)


def _cut(text: str, cuts: list[int]) -> list[str]:
    if not cuts or cuts == [len(text)]:  # one sentence (most paragraphs of some texts)
        whole = text.strip()
        return [whole] if whole else []
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
    spans: list[tuple[int, int]] = []
    if "“" not in text and '"' not in text:
        return spans
    stack, straight = [], None
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
    spans: list[tuple[int, int]] | None = None  # found when first needed
    quotes = _StraightQuotes(paragraph)  # finds its quotes only if asked
    size = len(paragraph)
    cuts: list[int] = []
    for m in _EN_BOUNDARY.finditer(paragraph):
        end = m.end()
        if end == size:
            continue  # the end of the paragraph (most paragraphs' only boundary)
        end = _absorb_closers(paragraph, end, quotes)
        # The text after the boundary, looked at through a window: slicing the whole
        # rest of a paragraph at every boundary made a paragraph of 4,000 sentences
        # (a text pasted without line breaks) quadratic.
        after = _SPACES.match(paragraph, end).end()  # type: ignore[union-attr]
        if after in (size, end):
            continue  # end of paragraph, or no space after ("4.5", "U.S.-China")
        nxt = paragraph[after]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        if spans is None:
            spans = _quote_spans(paragraph)
        if any(a < m.start() and end <= b for a, b in spans):
            continue  # inside a quotation that goes on
        following = paragraph[after : after + _WINDOW]
        if m.group() == "." and not _period_ends(paragraph, m.end(), following):
            continue
        cuts.append(end)
    return _cut(paragraph, cuts)


_SPACES = re.compile(r"\s*")
# How much text around a period decides whether it ends a sentence: abbreviations,
# initials and the next word are short.
_WINDOW = 200


def _before(pattern: re.Pattern[str], text: str, stop: int) -> re.Match[str] | None:
    """``pattern`` (anchored at its end with ``$``) searched in ``text[:stop]``, looking
    only at the last ``_WINDOW`` characters unless the match reaches back to the
    window's start, where it might go on (a longer word, a longer run of initials).

    No match in the window means none in the whole text: the part of a longer match
    inside the window would match too (a run of letters, a run of "X." pairs)."""
    start = max(0, stop - _WINDOW)
    found = pattern.search(text[start:stop])
    if start and found is not None and found.start() == 0:
        return pattern.search(text[:stop])  # rare: decide on the whole text, as before
    return found


def _period_ends(text: str, stop: int, following: str) -> bool:
    """Whether the period that ends ``text[:stop]`` ends a sentence, given the text
    after it."""
    dotted = _before(_DOTTED, text, stop)
    if dotted:
        if len(dotted.group()) <= 2:
            return False  # a single initial: "J. K. Rowling", "Harry S. Truman"
        return _starts_sentence(following)
    word = _before(_WORD_BEFORE, text, stop)
    if word and word.group(1).lower() == "no" and following[:1].isdigit():
        return False  # "ranked No. 5"
    if not word or word.group(1).lower() not in _ABBREVIATIONS:
        return True
    # "Apple Inc. The deal ..." ends; a title ("Mr. Huang") never does.
    return word.group(1).lower() in _SUFFIXES and _starts_sentence(following)


def _starts_sentence(following: str) -> bool:
    next_word = re.match(r"[A-Za-z]+", following)
    return next_word is not None and next_word.group().lower() in _STARTERS
