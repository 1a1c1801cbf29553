"""Read inputs: find paragraphs, pair each Chinese paragraph with its English, find a title.

The first pipeline stage.  It turns a file (``NAME.txt``, ``NAME.md``) or a pair of files
(``NAME.zh.txt`` + ``NAME.en.txt``) into a :class:`~flashgen.datatypes.Document`.  The steps,
each in its own module: find the inputs (:mod:`flashgen.text.inputs`), decode a file
(:mod:`flashgen.text.decode`), strip Markdown (:mod:`flashgen.text.markdown`), group lines into
paragraphs (:mod:`flashgen.text.paragraphs`, with :mod:`flashgen.text.lines` to tell what a line
is); pairing and titles are here.

Decisions a reader of the output should know about:

* Text is NFC-normalised, line breaks are ``\\n`` and zero-width spaces, word joiners and
  BOMs are removed (see :mod:`flashgen.text.decode`).
* A paragraph with no Han character is never a Chinese paragraph: it has nothing to
  study.  Lines of only punctuation (``***``) and lines that are only a date
  (``2025年7月16日``, ``July 16, 2025``) are dropped everywhere.
* A text is bilingual when at least one line is English prose: no Han character, and a
  sentence (ends with . ? ! or is long) rather than a heading or a source line.  Otherwise
  it is Chinese-only and every paragraph with Han is Chinese, however many Latin letters
  or digits it has (``DeepSeek 和 H20 芯片``).
* In a bilingual text, English paragraphs with no Chinese partner are dropped, except
  an "English" paragraph that holds Han characters: it is kept as Chinese (a
  Chinese line full of product names is likelier than English we cannot pair).
* Chinese header lines (a byline, ``（第2版）``) stay paragraphs; they have no English.
* A line holding both languages is a pair of its own, never paired with its neighbours:
  ``中文 — English``, ``中文 | English``, ``中文 (English)``, a Markdown vocabulary list
  ``- **中文** — English``, and in a bilingual text a heading ``对话 Dialogue`` or
  ``第一课 Lesson 1`` (see :func:`~flashgen.text.lines.split_pair`).  A Markdown heading
  with one language only is never paired either: a heading is a title, not a sentence
  whose translation is the next line.
* Neighbouring paragraphs are paired by how well they fit as a translation — lengths,
  question marks, numbers — and which order (English first or Chinese first) pairs the
  text best; a pair that does not fit is no pair (bylines and photo credits never are).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from flashgen.datatypes import Document, Paragraph
from flashgen.errors import InputError
from flashgen.text.decode import read_text
from flashgen.text.inputs import InputText
from flashgen.text.lines import (
    has_han,
    is_body,
    is_bracketed,
    is_byline,
    is_date,
    is_english,
    is_english_prose,
    is_noise,
    is_title,
    split_heading,
    split_pair,
)
from flashgen.text.markdown import looks_like_markdown, markdown_units
from flashgen.text.paragraphs import blocks_of, paragraphs_of, units_of


# --- documents --------------------------------------------------------------
def load(item: InputText, encoding: str | None = None) -> Document:
    """Read one input found by :func:`~flashgen.text.inputs.find_inputs` (``encoding`` forces a
    codec; None detects it)."""
    if item.en_path is None:
        return read_document(item.zh_path, encoding)
    return read_pair(item.zh_path, item.en_path, encoding)


def read_document(path: Path, encoding: str | None = None) -> Document:
    """Read one text, bilingual (paragraph by paragraph, either order) or Chinese only.

    Paragraphs are lines, or blank-line-separated blocks whose lines are joined when
    they are hard-wrapped.  ``.md`` files lose their markup; their first ``#`` heading
    is the title.  Raises :class:`InputError` when the file holds no Chinese.
    """
    path = Path(path)
    text = read_text(path, encoding)
    units, md_title, headings = _file_units(path, text)
    lines = [line for unit in units for line in unit]
    one_line = {line: pair for line in lines if (pair := split_pair(line)) is not None}
    bilingual = bool(one_line) or any(is_english_prose(line) for line in lines)
    if bilingual:
        for line in lines:
            if line not in one_line and (pair := split_heading(line)) is not None:
                one_line[line] = pair
    # Each line answered once (a new cache per document): paragraph splitting asks about
    # every line, and pairing again about the paragraphs, mostly those same lines.
    english: Callable[[str], bool] = cache(is_english) if bilingual else (lambda _: False)
    items = _items(units, one_line, english)
    entries = _entries(items, bilingual, english, headings)
    _require_chinese(path, text, entries)
    # A heading is a paragraph of its own; a bilingual one (对话 Dialogue) its Chinese half.
    heading_zh = headings | {one_line[h][0] for h in headings if h in one_line}
    return _document(path, entries, _title(md_title, entries), headings=heading_zh)


def read_pair(zh_path: Path, en_path: Path, encoding: str | None = None) -> Document:
    """Read ``NAME.zh.txt`` and its translation ``NAME.en.txt``.

    With the same number of paragraphs on both sides, paragraphs pair one to one.
    Otherwise the result is one paragraph holding each whole text (paragraphs joined by
    ``\\n``) with ``whole_document_alignment=True``.
    """
    zh_path, en_path = Path(zh_path), Path(en_path)
    zh_text, en_text = read_text(zh_path, encoding), read_text(en_path, encoding)
    zh_units, md_title, _ = _file_units(zh_path, zh_text)
    en_units, _, _ = _file_units(en_path, en_text)
    zh = [p for p in paragraphs_of(zh_units, lambda _: False) if not is_noise(p)]
    en = [p for p in paragraphs_of(en_units, lambda _: True) if not is_noise(p)]
    _require_chinese(zh_path, zh_text, [_Entry(p, None) for p in zh if _studied(p)])
    if not en:
        raise InputError(
            en_path,
            "no English text in the translation file",
            f"add the translation, or rename {zh_path.name} to study it alone",
        )
    if len(zh) == len(en) and _one_to_one(zh, en):
        entries = [_Entry(z, e) for z, e in zip(zh, en, strict=True) if _studied(z)]
        whole = False
    else:
        zh_whole = "\n".join(p for p in zh if _studied(p))
        en_whole = "\n".join(p for p in en if not is_date(p))
        entries = [_Entry(zh_whole, en_whole)]
        whole = True
    header = [_Entry(p, None) for p in zh if not is_date(p)]
    return _document(zh_path, entries, _title(md_title, header), whole)


def _file_units(path: Path, text: str) -> tuple[list[list[str]], str | None, frozenset[str]]:
    if path.suffix.lower() == ".md" or looks_like_markdown(text):
        return markdown_units(text)
    return units_of(blocks_of(text)), None, frozenset()


def _items(
    units: list[list[str]],
    one_line: dict[str, tuple[str, str]],
    english: Callable[[str], bool],
) -> list[str | _Entry]:
    """Paragraphs, with each line that holds a pair (``one_line``) as that pair: it
    ends the unit it is in, so that no paragraph joins across it."""
    if not one_line:
        return list(paragraphs_of(units, english))
    out: list[str | _Entry] = []
    pending: list[list[str]] = []
    for unit in units:
        run: list[str] = []
        for line in unit:
            pair = one_line.get(line)
            if pair is None:
                run.append(line)
                continue
            if run:
                pending.append(run)
                run = []
            out.extend(paragraphs_of(pending, english))
            pending = []
            out.append(_Entry(*pair))
        if run:
            pending.append(run)
    out.extend(paragraphs_of(pending, english))
    return out


def _studied(paragraph: str) -> bool:
    """A Chinese paragraph worth a place in the document: it has Han and is no date."""
    return has_han(paragraph) and not is_date(paragraph)


@dataclass(frozen=True, slots=True)
class _Entry:
    """A paragraph of the document before numbering: Chinese, English or both."""

    zh: str | None
    en: str | None


def _document(
    path: Path,
    entries: list[_Entry],
    title: str | None,
    whole: bool = False,
    headings: frozenset[str] = frozenset(),
) -> Document:
    """The document of ``entries``; a Chinese paragraph in ``headings`` is a heading."""
    chinese = [(e.zh, e.en) for e in entries if e.zh is not None]
    paragraphs = tuple(Paragraph(i, zh, en, zh in headings) for i, (zh, en) in enumerate(chinese))
    return Document(path, title, paragraphs, whole_document_alignment=whole)


def _require_chinese(path: Path, text: str, entries: list[_Entry]) -> None:
    if not text.strip():
        raise InputError(
            path,
            "the file is empty",
            "give a file with Chinese text, or leave it out of the inputs",
        )
    if not any(e.zh is not None for e in entries):
        raise InputError(
            path,
            "no Chinese text found",
            "check that this is the right file (saved as UTF-8), or leave it out of the inputs",
        )


# --- titles -----------------------------------------------------------------
def _title(md_title: str | None, entries: list[_Entry]) -> str | None:
    """The Markdown title if there is one (and it is no date), else a headline among the
    header lines before the body, Chinese preferred."""
    if md_title is not None and not is_date(md_title):
        return md_title
    header: list[_Entry] = []
    for entry in entries:
        if any(t is not None and is_body(t) for t in (entry.zh, entry.en)):
            break
        header.append(entry)
    else:
        return None  # no body: a list of short lines has no title line
    for side in ("zh", "en"):
        for entry in header:
            text = getattr(entry, side)
            if text is not None and is_title(text):
                return str(text)
    return None


# --- pairing ----------------------------------------------------------------
# English characters per Chinese (non-space) character in a translation: the median
# is 3.4 over the sample article's 16 paragraph pairs (range 2.7–4.4) and 3.1 over the
# 29,155 Tatoeba sentence pairs (5–95 %: 2.1–4.6; one pair falls outside the gate).
_RATIO = 3.4
_RATIO_GATE = math.log(4.0)  # a pair whose ratio is off by more than 4x is no translation
_RATIO_SPREAD = 0.5  # in log space: about the spread measured on the sample
_SHORT_PAIR = 20  # characters, both sides together: too short for the length ratio to mean much


def _entries(
    items: list[str | _Entry],
    bilingual: bool,
    english_of: Callable[[str], bool],
    headings: frozenset[str] = frozenset(),
) -> list[_Entry]:
    """Decide languages and pair; unpaired English is kept (for the title) as ``zh=None``.
    ``items`` are paragraphs and the pairs found in single lines (kept as they are);
    ``english_of`` is :func:`~flashgen.text.lines.is_english` (a remembering copy);
    ``headings`` are the texts of Markdown headings, which pair with nothing."""
    items = [p for p in items if isinstance(p, _Entry) or not (is_noise(p) or is_date(p))]
    if not bilingual:
        return [
            p if isinstance(p, _Entry) else _Entry(p, None)
            for p in items
            if isinstance(p, _Entry) or has_han(p)
        ]
    # Neutral paragraphs (no English, no Han: "2025", "Ⅲ") have nothing to pair or study.
    kept: list[tuple[str | _Entry, bool]] = []
    for p in items:
        en = not isinstance(p, _Entry) and english_of(p)
        if isinstance(p, _Entry) or en or has_han(p):
            kept.append((p, en))
    english = [en for _, en in kept]
    # Each paragraph is tried against its neighbours in both orders: measured once.
    shapes = [
        _FIXED_SHAPE if isinstance(p, _Entry) else _shape(p, chinese=not en, heading=p in headings)
        for p, en in kept
    ]
    en_first, score_en_first = _pair(shapes, english, en_first=True)
    zh_first, score_zh_first = _pair(shapes, english, en_first=False)
    # Ties go to English first, the order of bilingual news sites.
    pairs = en_first if score_en_first >= score_zh_first else zh_first
    partner_of = {en: zh for zh, en in pairs.items()}
    out: list[_Entry] = []
    for i, (item, en) in enumerate(kept):
        if isinstance(item, _Entry):
            out.append(item)
        elif i in pairs:
            partner = kept[pairs[i]][0]
            assert isinstance(partner, str)
            out.append(_Entry(item, partner))
        elif not en:
            out.append(_Entry(item, None))
        elif i not in partner_of:
            out.append(_Entry(item, None) if has_han(item) else _Entry(None, item))
    return out


# Each pair made counts this much besides its fit, so that an order which leaves two
# more paragraphs unpaired (a shifted pairing: every Chinese paragraph with the English
# of its neighbour) loses to one that pairs them all, even when its lengths fit well.
_PAIR_BONUS = 1.0


def _pair(
    shapes: list[_Shape], english: list[bool], en_first: bool
) -> tuple[dict[int, int], float]:
    """Pair each Chinese paragraph with its English neighbour on one side.

    Returns ``{zh index: en index}`` and the summed fit (with a bonus per pair), which
    picks the order.
    """
    pairs: dict[int, int] = {}
    score = 0.0
    i = 0
    while i + 1 < len(shapes):
        first, second = english[i], english[i + 1]
        if first == en_first and second != en_first:
            zh, en = (i + 1, i) if en_first else (i, i + 1)
            fit = _shape_fit(shapes[zh], shapes[en])
            if fit > 0:
                pairs[zh] = en
                score += _PAIR_BONUS + fit
                i += 2
                continue
        i += 1
    return pairs, score


def _one_to_one(zh: list[str], en: list[str]) -> bool:
    """Equal counts can be a coincidence; trust them only when every long pair fits."""
    return all(
        _fit(z, e) > 0 for z, e in zip(zh, en, strict=True) if len(z) + len(e) >= _SHORT_PAIR
    )


def _fit(zh: str, en: str) -> float:
    """How plausible it is that ``en`` translates ``zh``: 0 (not at all) to 1."""
    return _shape_fit(_shape(zh, chinese=True), _shape(en, chinese=False))


# What _fit looks at in a paragraph: whether it is a header line (a byline, a bracketed
# note, a Markdown heading, a pair found in one line), its length (for Chinese, without
# whitespace; at least 1), whether it asks a question and the numbers written in digits.
_PLAIN, _BRACKETED, _BYLINE, _HEADING, _FIXED = range(5)
_NEVER_PAIRED = (_BYLINE, _HEADING, _FIXED)
_QUESTION = re.compile(r"[?？]")
_DIGITS = re.compile(r"[0-9]+")
# How much less a pair fits when a question mark is on one side only (a translation keeps
# the question: 99 % of Tatoeba's pairs agree), or when both sides write numbers in
# digits and share none (``4万亿`` shares 4 with ``$4 trillion``; ``三`` with ``three``
# writes none).
_QUESTION_MISMATCH = 0.3
_NUMBER_MISMATCH = 0.5


class _Shape(NamedTuple):
    kind: int
    length: int
    question: bool = False
    numbers: frozenset[str] = frozenset()


_FIXED_SHAPE = _Shape(_FIXED, 1)


def _shape(text: str, chinese: bool, heading: bool = False) -> _Shape:
    if heading:
        kind = _HEADING
    else:
        kind = _BYLINE if is_byline(text) else _BRACKETED if is_bracketed(text) else _PLAIN
    # str.split() cuts at exactly the characters str.isspace() is true of.
    length = len("".join(text.split())) if chinese else len(text)
    question = _QUESTION.search(text) is not None
    return _Shape(kind, max(1, length), question, frozenset(_DIGITS.findall(text)))


def _shape_fit(zh: _Shape, en: _Shape) -> float:
    # Header lines are short, so their length ratio says little: a byline is no one's
    # translation, and a bracketed note only translates another.
    if zh.kind in _NEVER_PAIRED or en.kind in _NEVER_PAIRED or zh.kind != en.kind:
        return 0.0
    d = math.log(en.length / zh.length / _RATIO)
    if abs(d) > _RATIO_GATE:
        return 0.0
    fit = math.exp(-d * d / (2 * _RATIO_SPREAD**2))
    if zh.question != en.question:
        fit *= _QUESTION_MISMATCH
    if zh.numbers and en.numbers and not zh.numbers & en.numbers:
        fit *= _NUMBER_MISMATCH
    return fit
