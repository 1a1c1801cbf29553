"""Markdown → plain-text units (see :mod:`flashgen.paragraphs`) and its title.

Not a Markdown parser: just enough to keep the prose and drop the markup.  Front
matter, HTML comments, code blocks, rules, link definitions and table rules go;
headings, list items and table rows (their cells, as one line) each become a line of
their own; inline markup is stripped to its text.  The first ``#`` (or ``===``)
heading is the title.
"""

from __future__ import annotations

import re

from flashgen.paragraphs import blocks_of

__all__ = ["markdown_units"]

_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: alt text is rarely the text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(?:https?://|mailto:)[^>]+>"), ""),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # HTML tags
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
    return line.strip()


def markdown_units(text: str) -> tuple[list[list[str]], str | None]:
    """Markdown as plain-text units (see :func:`~flashgen.paragraphs.units_of`) and its
    first ``#`` heading."""
    text = _HTML_COMMENT.sub("", _FRONT_MATTER.sub("", text))
    blocks: list[list[str]] = [[]]
    single: set[int] = set()  # blocks that must stay one line each: headings, list items
    title: str | None = None
    fence: str | None = None

    def close() -> None:
        if blocks[-1]:
            blocks.append([])

    def alone(line: str) -> None:
        close()
        single.add(len(blocks) - 1)
        blocks[-1].append(line)
        close()

    # Whether the source has blank lines decides, as for plain text (units_of): the
    # headings and list items below become blocks of their own either way.
    had_blank = len(blocks_of(text)) > 1
    for raw in text.split("\n"):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(raw):
            fence = m.group(1)[:3]
            close()
            continue
        if not raw.strip():
            close()
            continue
        if (m := _SETEXT.match(raw)) and blocks[-1] and len(blocks) - 1 not in single:
            heading = blocks[-1].pop()
            if m.group(1)[0] == "=" and title is None:
                title = heading
            alone(heading)
            continue
        if _RULE.match(raw) or _REF_DEF.match(raw) or _TABLE_RULE.match(raw):
            close()
            continue
        if _TABLE_ROW.match(raw):  # a table row: its cells, as one line
            cells = (_strip_inline(c) for c in raw.strip().strip("|").split("|"))
            alone(" ".join(c for c in cells if c))
            continue
        if m := _ATX.match(raw):
            heading = _strip_inline(m.group(2) or "")
            if heading:
                if len(m.group(1)) == 1 and title is None:
                    title = heading
                alone(heading)
            continue
        line = _QUOTE.sub("", raw)
        item = _LIST_ITEM.match(line)
        line = _strip_inline(_LIST_ITEM.sub("", line, count=1))
        if not line:
            continue
        if item:
            alone(line)
        else:
            blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    units = blocks if had_blank else [[line] for b in blocks for line in b]
    return units, title
