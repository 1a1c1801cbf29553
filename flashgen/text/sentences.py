"""Split a paragraph into sentences, Chinese or English.

Both splitters only ever cut at whitespace or between characters, and strip
what they return, so ``"".join(split_x(p))`` equals ``p`` with whitespace
removed: nothing is dropped or reordered.  A Chinese sentence is never longer than
:data:`MAX_ZH_SENTENCE` characters: a longer one is cut after a comma or space, or hard.

English is split by hand-written rules, not a library: on 110 golden cases
(tests/data/english_sentences.txt: glued sentences, abbreviations, quotes, addresses)
they get 110 right, pysbd, syntok, sentencex and nupunkt 81-83 % (glued sentences,
``Yahoo! Japan``, ``ASP.NET``); syntok and pysbd are 25-200 times slower; the rules
cost no dependency (README, "English sentence splitting"; ``benchmarks/english_split.py``).

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
    lt sgt capt cmdr adm gen sen rep gov vs cf approx jan feb apr aug sept oct nov""".split()
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
# Names written with "!" that go on after it: "Yahoo! Japan", "E! News", "oOh!media".
_BANG_NAMES = frozenset("Yahoo E oOh".split())
_EN_BOUNDARY = re.compile(r"[.?!…]+")
# "U.S." "A.I." "Ph.D." "J." as seen up to the period; not the "t." of "didn't."
_DOTTED = re.compile(r"(?<![\w'’])(?:[A-Za-z]{1,2}\.)*[A-Za-z]\.$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.$")
_OPENERS = "“‘\"'([{"
_EN_CLOSERS = "”’」』）)》〉】］]"  # always close; straight quotes close by where they stand

# A sentence glued to the one before it, as copying from a web page leaves it
# ("in the region.The ministry"): the next word is capitalised and then lowercase
# ("The", "Officials"), or is "A" or "I" with a space after, or I'm, I'd, I'll, I've, maybe
# behind an opening quote.
_GLUED_NEXT = re.compile(r"[\"“(]?(?:[A-Z][a-z]+\b|[AI]\s|I['’](?:m|d|ll|ve)\b)")
# The last word before a glued boundary: letters and digits, maybe closed by % or ).
_GLUED_WORD = re.compile(r"([A-Za-z0-9]*)([%)\]]?)$")
# Pieces of addresses and file names, where a dot or "!" is glued on purpose.
_NOT_PROSE = re.compile(r"@|/|\bwww\.|\.[A-Za-z]")
# A comma glue ("civil society,Despite the criticism") is a boundary only before a
# word that starts sentences and does not start a title or a name ("the classic,The
# Art of War"): the word after it is lowercase, or a comma follows.
_GLUED_COMMA = re.compile(
    r"(?<=[a-z]{2}),(?=(?:The|This|That|These|Those|It|He|She|They|We|But|However|Despite"
    r"|Although|Meanwhile|According|In|On|At|After|Before|Since|While|When|If|Yet)"
    r"(?:,| [a-z]))"
)
# Words of the sentence before a glued comma, at least: a short list ("tea,Then") is
# more often a typo than two sentences.
_GLUED_COMMA_WORDS = 4


class _EnglishQuotes:
    """The double quotes of a paragraph and which way each faces, found once.

    A straight quote opens after a space or at the start, and closes before a space,
    punctuation or the end; glued on both sides (``."The``) it closes if an odd number
    of straight quotes come before it.  A straight single quote is an apostrophe
    between letters (``don't``) and closes only before a space or the end."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._straight: list[int] | None = None  # found when first asked
        self._spans: list[tuple[int, int]] | None = None

    def closes(self, pos: int) -> bool:
        text, ch = self._text, self._text[pos]
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        if before.isspace():
            return False
        if after.isspace() or (ch == '"' and after in ".,;:!?)]}…—-"):
            return True
        if ch == "'":
            return False
        if self._straight is None:
            self._straight = [m.start() for m in re.finditer('"', text)]
        return bisect_left(self._straight, pos) % 2 == 1

    def opens(self, pos: int) -> bool:
        ch = self._text[pos]
        if ch == "“":
            return True
        if ch != '"':
            return False
        after = self._text[pos + 1] if pos + 1 < len(self._text) else " "
        return not after.isspace() and not self.closes(pos)

    def inside(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies in a quotation that closes at or after ``end``."""
        spans = self.spans()
        # The spans do not overlap and come in order: only the last one opened before
        # ``start`` can hold it (checking all of them made a paragraph of thousands
        # of quoted sentences quadratic).
        at = bisect_left(spans, (start, -1)) - 1
        return at >= 0 and end <= spans[at][1]

    def spans(self) -> list[tuple[int, int]]:
        """(open, close) positions of the quotations closed in this paragraph.

        Quotes of one kind do not nest: an opening quote met while another is open
        means that one is never closed, as when a quotation goes on into the next
        paragraph (``"It was wrong. "They should go," he said.``)."""
        if self._spans is None:
            self._spans = []
            start = None
            for m in re.finditer('["“”]', self._text):
                i = m.start()
                if self.opens(i):
                    start = i
                elif start is not None and (m.group() == "”" or self.closes(i)):
                    self._spans.append((start, i))
                    start = None
        return self._spans


def _absorb_en_closers(text: str, end: int, quotes: _EnglishQuotes) -> int:
    while end < len(text) and (
        text[end] in _EN_CLOSERS or (text[end] in "\"'" and quotes.closes(end))
    ):
        end += 1
    return end


def split_en(paragraph: str, *, after_acronyms: bool = False) -> list[str]:
    """Sentences of an English paragraph, cut after . ? ! … where a new sentence starts.

    A cut needs whitespace and then a capital, digit or opening quote; it is not
    made after titles and abbreviations (Mr., Inc., St.), initials (J. K.
    Rowling), names such as ``Yahoo!``, nor inside a quotation that closes later in
    the paragraph.  Text pasted from web pages often lacks the space: a cut is also
    made before a glued capitalised word (``region.The``, ``done!The``, and
    ``society,Despite the`` before a few sentence-starting words), but never inside an
    address, a file name or a brand (``press@who.int``, ``Node.js``, ``oOh!Media``).

    >>> split_en("“We won!” the company said. Shares rose 4.5%.")
    ['“We won!” the company said.', 'Shares rose 4.5%.']
    >>> split_en("Talks resumed in the region.The ministry said so.")
    ['Talks resumed in the region.', 'The ministry said so.']

    A dotted acronym before a capitalised word is the one case English alone cannot
    decide ("chips that power A.I. Nvidia said", "the U.S. Senate said"): it is not
    cut unless ``after_acronyms`` is set, for a caller that can ask the translation
    which split fits (:func:`flashgen.language.annotate.sentence_pairs`).

    >>> split_en("Chips that power A.I. Nvidia sold them.", after_acronyms=True)
    ['Chips that power A.I.', 'Nvidia sold them.']
    """
    quotes = _EnglishQuotes(paragraph)  # finds its quotes only if asked
    size = len(paragraph)
    cuts: list[int] = []
    for m in _EN_BOUNDARY.finditer(paragraph):
        end = m.end()
        if end == size:
            continue  # the end of the paragraph (most paragraphs' only boundary)
        end = _absorb_en_closers(paragraph, end, quotes)
        # The text after the boundary, looked at through a window: slicing the whole
        # rest of a paragraph at every boundary made a paragraph of 4,000 sentences
        # (a text pasted without line breaks) quadratic.
        after = _SPACES.match(paragraph, end).end()  # type: ignore[union-attr]
        if after == size:
            continue
        if after == end:  # no space: "4.5", "U.S.-China", "Node.js" or a glued sentence
            if not _glued_ends(paragraph, m.start(), m.group(), end):
                continue
        else:
            nxt = paragraph[after]
            if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
                continue
            if m.group() == "!" and _before(_WORD_BEFORE_BANG, paragraph, m.start()):
                continue  # "Yahoo! Japan"
            following = paragraph[after : after + _WINDOW]
            if m.group() == "." and not _period_ends(paragraph, m.end(), following, after_acronyms):
                continue
        if after != end and quotes.inside(m.start(), end):
            # Inside a quotation that goes on.  A glued boundary is cut even there: the
            # space was lost in copying, and the Chinese side cuts its quotations at 。
            continue
        cuts.append(end)
    if "," in paragraph:
        cuts = sorted(cuts + _glued_commas(paragraph, cuts))
    return _cut(paragraph, cuts)


def acronym_splits(paragraph: str) -> bool:
    """Whether ``split_en(paragraph, after_acronyms=True)`` may differ from
    ``split_en(paragraph)``: only after a dotted acronym of two dots or more ("A.I.",
    "Ph.D."), which has a letter and a dot twice in a row.  Most paragraphs have none,
    and then one split is enough."""
    return _TWO_DOTS.search(paragraph) is not None


_TWO_DOTS = re.compile(r"[A-Za-z]\.[A-Za-z]\.")
_SPACES = re.compile(r"\s*")
_LAST_TOKEN = re.compile(r"\S*$")
_FIRST_TOKEN = re.compile(r"\S*")
_WORD_BEFORE_BANG = re.compile(r"(?<![\w!])(?:" + "|".join(_BANG_NAMES) + r")$")
# How much text around a period decides whether it ends a sentence: abbreviations,
# initials and the next word are short.
_WINDOW = 200


def _glued_ends(text: str, mark: int, marks: str, end: int) -> bool:
    """Whether the end mark ``marks`` at ``mark`` (closers up to ``end``), with no space
    after it, ends a sentence: a glued paragraph or sentence, not "3.5" or "Node.js"."""
    if not _GLUED_NEXT.match(text, end):
        return False  # a straight quote here opens: one that closes was absorbed
    lead = _LAST_TOKEN.search(text, max(0, mark - _WINDOW), mark).group()  # type: ignore[union-attr]
    tail = _FIRST_TOKEN.match(text, end, end + _WINDOW).group()  # type: ignore[union-attr]
    if _NOT_PROSE.search(lead) or _NOT_PROSE.search(tail):
        return False  # an address or a file name: "press@who.Int", "Budget.Final.xlsx"
    word, closer = _GLUED_WORD.search(lead).groups()  # type: ignore[union-attr]
    if marks == ".":
        # "region.The", "2024.The", "3.5%.The" but not "U.S.The", "Mr.Smith", "Inc.The"
        if closer:
            return True
        return (
            len(word) >= 2
            and (word[-1].islower() or word[-1].isdigit())
            and word.lower() not in _ABBREVIATIONS
        )
    if marks.startswith("!"):
        # "done!The", but not "oOh!Media" or "Yahoo!Finance": a name may hold a "!"
        return word.isalpha() and word.islower()
    # "why?Analysts", "Wang Er?Never", "time…Then": no name holds a "?" or "…"
    return word.isalpha()


def _glued_commas(text: str, cuts: list[int]) -> list[int]:
    """Cuts after commas that glue two sentences ("civil society,Despite the …")."""
    found = []
    for m in _GLUED_COMMA.finditer(text):
        before = bisect_left(cuts, m.start())
        start = max(cuts[before - 1] if before else 0, m.start() - _WINDOW)
        if len(text[start : m.start()].split()) < _GLUED_COMMA_WORDS:
            continue  # "rice,The": too short to be a sentence of its own
        if _NOT_PROSE.search(_LAST_TOKEN.search(text, start, m.start()).group()):  # type: ignore[union-attr]
            continue
        found.append(m.end())
    return found


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


def _period_ends(text: str, stop: int, following: str, after_acronyms: bool = False) -> bool:
    """Whether the period that ends ``text[:stop]`` ends a sentence, given the text
    after it."""
    dotted = _before(_DOTTED, text, stop)
    if dotted:
        if after_acronyms and dotted.group().count(".") >= 2:
            return True  # "A.I. Nvidia": maybe, when the caller decides
        # A single letter is an initial ("J. K. Rowling", "Harry S. Truman") unless a
        # word that starts sentences follows ("so was I. At those moments").
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
