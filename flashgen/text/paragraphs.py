"""Lines → paragraphs: group lines by blank lines, split runs by language, unwrap.

A *block* is a run of non-empty lines between blank lines.  A *unit* is a group of
lines that may form one paragraph: the blocks when there are several, else each line
by itself (a file without blank lines has a paragraph per line).  Within a unit, each
run of lines of one language becomes one paragraph if it is hard-wrapped, else one
paragraph per line.
"""

from __future__ import annotations

from collections.abc import Callable

from flashgen.text.lines import ends_sentence, width
from flashgen.text.markdown import has_footnotes, strip_footnotes, strip_html

__all__ = ["blocks_of", "paragraphs_of", "units_of"]

# A block is hard-wrapped when all its lines but the last have about the same width
# (the wrap width, at least this wide) and not all of them end a sentence.  This keeps
# a block of one-paragraph-per-line text (each line ending in 。) and poetry apart.
_WRAP_MIN_WIDTH = 40
_WRAP_EVENNESS = 0.7


def blocks_of(text: str) -> list[list[str]]:
    """Non-empty stripped lines of plain text grouped by blank lines, with HTML and
    footnote markers pasted from the web reduced to their text (see
    :mod:`flashgen.text.markdown`)."""
    out: list[list[str]] = [[]]
    text = strip_html(text)
    # A footnote marker in a line is one in the text too: when the text has none (most
    # texts), the lines need not be searched one by one.
    footnotes = has_footnotes(text)
    for line in text.split("\n"):
        line = (strip_footnotes(line) if footnotes else line).strip()
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def units_of(blocks: list[list[str]]) -> list[list[str]]:
    """Groups of lines that may form one paragraph: blocks when there are several,
    else every line by itself (a file without blank lines has a paragraph per line)."""
    if len(blocks) > 1:
        return blocks
    return [[line] for block in blocks for line in block]


def paragraphs_of(units: list[list[str]], english: Callable[[str], bool]) -> list[str]:
    """Split units into runs of one language; join each hard-wrapped run into a paragraph."""
    out: list[str] = []
    for unit in units:
        run: list[str] = []
        run_en = False
        for line in unit:
            en = english(line)
            if run and en != run_en:
                out.extend(_join_run(run, run_en))
                run = []
            run.append(line)
            run_en = en
        out.extend(_join_run(run, run_en))
    return out


def _join_run(run: list[str], en: bool) -> list[str]:
    if len(run) < 2 or not _hard_wrapped(run):
        return run
    if en:
        return [" ".join(run)]
    joined = run[0]
    for line in run[1:]:
        # Chinese lines join without a space, except between two Latin words.
        sep = (
            " "
            if joined[-1].isascii()
            and joined[-1].isalnum()
            and line[0].isascii()
            and line[0].isalnum()
            else ""
        )
        joined += sep + line
    return [joined]


def _hard_wrapped(run: list[str]) -> bool:
    widths = [width(line) for line in run]
    wrap = max(widths[:-1])
    return (
        wrap >= _WRAP_MIN_WIDTH
        and min(widths[:-1]) >= _WRAP_EVENNESS * wrap
        and widths[-1] <= wrap
        and not all(ends_sentence(line) for line in run[:-1])
    )
