"""Markdown → plain-text units (see :mod:`flashgen.text.paragraphs`) and its title.

Not a Markdown parser: just enough to keep the prose and drop the markup.  Front
matter, HTML comments, code blocks, rules, link definitions and table rules go;
headings, list items and table rows (their cells, as one line) each become a line of
their own; inline markup is stripped to its text.  The first ``#`` (or ``===``)
heading is the title.

Text pasted from web pages carries HTML whether it is Markdown or plain text, so
:func:`strip_html` and :func:`strip_footnotes` here serve plain-text reading too (see
:func:`flashgen.text.paragraphs.blocks_of`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "MarkdownText",
    "has_footnotes",
    "looks_like_markdown",
    "markdown_units",
    "strip_footnotes",
    "strip_html",
]

# --- HTML and footnotes, in Markdown and plain text alike -------------------
# Only names of real HTML elements count as tags, so "if a<b and c>d" stays as it is.
_TAG_NAMES = (
    "a|abbr|article|aside|b|big|blockquote|body|br|caption|center|cite|code|col|colgroup|"
    "dd|del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|"
    "html|i|img|ins|kbd|label|li|link|main|mark|meta|nav|ol|p|picture|pre|q|rp|rt|ruby|s|"
    "samp|section|small|source|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|"
    "thead|time|title|tr|tt|u|ul|var|video|wbr"
)
_ATTRS = r"(?:\s[^<>=]*=[^<>]*)?"  # attributes have "=": "<b and c>" is no tag
_DROPPED = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_LINE_BREAK = re.compile(r"<br" + _ATTRS + r"/?>", re.I)
# Closing a block ends a paragraph; a blank line says so to the paragraph splitter.
_BLOCK_END = re.compile(
    r"</(?:p|div|li|h[1-6]|tr|blockquote|section|article|header|footer|table|ul|ol|dl|dd"
    r"|dt|pre|figure|figcaption)\s*>",
    re.I,
)
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b{_ATTRS}/?>", re.I)
# Entities need their ";": "AT&T" and "Q&A" are text.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# [1], [12], [注1], [注释 3], Markdown's [^1], and superscript digits after anything but
# a Latin letter or digit (m² and x³ are text, 。¹ is a footnote).
_FOOTNOTE = re.compile(
    r"\[(?:\^|注释?|註釋?)?\s*\d{1,3}\]"
    r"|(?<![A-Za-z0-9])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
)


def strip_html(text: str) -> str:
    """Text with HTML comments, scripts, styles and tags removed and entities replaced.

    ``<br>`` becomes a line break and the end of a paragraph (``</p>``, ``</div>``…) a
    blank line; no-break spaces (``&nbsp;``) become spaces.

    >>> strip_html("<p>你好&nbsp;&amp;&#20877;见</p>a<b and c>d")
    '你好 &再见\\n\\na<b and c>d'
    """
    if "<" in text:
        text = _DROPPED.sub("", text)
        text = _LINE_BREAK.sub("\n", text)
        text = _BLOCK_END.sub("\n\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    # Two replaces rather than str.translate, which looks up every character.
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def has_footnotes(text: str) -> bool:
    """Whether :func:`strip_footnotes` would change any line of ``text``.

    (A marker at the start of a line matches in the whole text too: a newline is no
    Latin letter or digit.)
    """
    return _FOOTNOTE.search(text) is not None


def strip_footnotes(line: str) -> str:
    """A line without footnote markers.

    >>> strip_footnotes("他说。[1] 见[注2]¹²，面积 20m²")
    '他说。 见，面积 20m²'
    """
    return _FOOTNOTE.sub("", line)


# --- Markdown ---------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_BLANK_BETWEEN = re.compile(r"\n\s*\n")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: alt text is rarely the text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(?:https?://|mailto:)[^>]+>"), ""),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # not snake_case
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),
)


def _strip_inline(line: str) -> str:
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    return strip_footnotes(line).strip()


class MarkdownText(NamedTuple):
    units: list[list[str]]
    title: str | None  # the first ``#`` (or ``===``) heading
    headings: frozenset[str]  # every heading's text: titles, never sentences to pair


# What only Markdown writes: an ATX heading ("# 第一课", never a "#话题#" hashtag, which has
# no space) or a list item that starts in bold ("- **中文** — English").
_MARKDOWN_SIGN = re.compile(r"^ {0,3}#{1,6}[ \t]+\S|^\s*[-*+][ \t]+\*\*\S", re.M)


def looks_like_markdown(text: str) -> bool:
    """Whether a plain-text file is written in Markdown: teachers save lessons with
    ``# 第一课`` headings and ``- **中文** — English`` bullets as ``.txt`` too, and read
    as plain text their ``#`` and ``**`` would end up in sentences and titles."""
    return _MARKDOWN_SIGN.search(text) is not None


def markdown_units(text: str) -> MarkdownText:
    """Markdown as plain-text units (see :func:`~flashgen.text.paragraphs.units_of`), its
    first ``#`` heading and the text of all its headings."""
    text = strip_html(_FRONT_MATTER.sub("", text))
    reader = _Reader()
    for raw in text.split("\n"):
        reader.read(raw)
    blocks = [b for b in reader.blocks if b]
    # Whether the source has blank lines decides, as for plain text (units_of): the
    # headings and list items become blocks of their own either way.
    had_blank = _BLANK_BETWEEN.search(text.strip()) is not None
    units = blocks if had_blank else [[line] for b in blocks for line in b]
    return MarkdownText(units, reader.title, frozenset(reader.headings))


@dataclass(slots=True)
class _Reader:
    """Markdown read line by line into blocks of plain-text lines."""

    blocks: list[list[str]] = field(default_factory=lambda: [[]])
    single: set[int] = field(default_factory=set)  # blocks that stay one line each
    title: str | None = None
    headings: set[str] = field(default_factory=set)
    fence: str | None = None  # inside a fenced code block: its fence

    def read(self, raw: str) -> None:
        if self.fence is not None:
            if raw.strip().startswith(self.fence):
                self.fence = None
            return
        if m := _FENCE.match(raw):
            self.fence = m.group(1)[:3]
            self.close()
        elif not raw.strip():
            self.close()
        elif (m := _SETEXT.match(raw)) and self.blocks[-1] and not self._single_open():
            self.heading(self.blocks[-1].pop(), first_level=m.group(1)[0] == "=")
        elif _RULE.match(raw) or _REF_DEF.match(raw) or _TABLE_RULE.match(raw):
            self.close()
        elif _TABLE_ROW.match(raw):  # a table row: its cells, as one line
            cells = (_strip_inline(c) for c in raw.strip().strip("|").split("|"))
            self.alone(" ".join(c for c in cells if c))
        elif m := _ATX.match(raw):
            if heading := _strip_inline(m.group(2) or ""):
                self.heading(heading, first_level=len(m.group(1)) == 1)
        else:
            self.body(raw)

    def body(self, raw: str) -> None:
        line = _QUOTE.sub("", raw)
        item = _LIST_ITEM.match(line)
        line = _strip_inline(_LIST_ITEM.sub("", line, count=1))
        if line and item:
            self.alone(line)
        elif line:
            self.blocks[-1].append(line)

    def heading(self, text: str, first_level: bool) -> None:
        if first_level and self.title is None:
            self.title = text
        self.headings.add(text)
        self.alone(text)

    def close(self) -> None:
        if self.blocks[-1]:
            self.blocks.append([])

    def alone(self, line: str) -> None:
        self.close()
        self.single.add(len(self.blocks) - 1)
        self.blocks[-1].append(line)
        self.close()

    def _single_open(self) -> bool:
        return len(self.blocks) - 1 in self.single
