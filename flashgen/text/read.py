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
"""

from __future__ import annotations

import math
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
)
from flashgen.text.markdown import markdown_units
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
    units, md_title = _file_units(path, text)
    lines = [line for unit in units for line in unit]
    bilingual = any(is_english_prose(line) for line in lines)
    # Each line answered once (a new cache per document): paragraph splitting asks about
    # every line, and pairing again about the paragraphs, mostly those same lines.
    english: Callable[[str], bool] = cache(is_english) if bilingual else (lambda _: False)
    entries = _entries(paragraphs_of(units, english), bilingual, english)
    _require_chinese(path, text, entries)
    return _document(path, entries, _title(md_title, entries))


def read_pair(zh_path: Path, en_path: Path, encoding: str | None = None) -> Document:
    """Read ``NAME.zh.txt`` and its translation ``NAME.en.txt``.

    With the same number of paragraphs on both sides, paragraphs pair one to one.
    Otherwise the result is one paragraph holding each whole text (paragraphs joined by
    ``\\n``) with ``whole_document_alignment=True``.
    """
    zh_path, en_path = Path(zh_path), Path(en_path)
    zh_text, en_text = read_text(zh_path, encoding), read_text(en_path, encoding)
    zh_units, md_title = _file_units(zh_path, zh_text)
    en_units, _ = _file_units(en_path, en_text)
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


def _file_units(path: Path, text: str) -> tuple[list[list[str]], str | None]:
    if path.suffix.lower() == ".md":
        return markdown_units(text)
    return units_of(blocks_of(text)), None


def _studied(paragraph: str) -> bool:
    """A Chinese paragraph worth a place in the document: it has Han and is no date."""
    return has_han(paragraph) and not is_date(paragraph)


@dataclass(frozen=True, slots=True)
class _Entry:
    """A paragraph of the document before numbering: Chinese, English or both."""

    zh: str | None
    en: str | None


def _document(
    path: Path, entries: list[_Entry], title: str | None, whole: bool = False
) -> Document:
    chinese = [(e.zh, e.en) for e in entries if e.zh is not None]
    paragraphs = tuple(Paragraph(i, zh, en) for i, (zh, en) in enumerate(chinese))
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
    paragraphs: list[str], bilingual: bool, english_of: Callable[[str], bool]
) -> list[_Entry]:
    """Decide languages and pair; unpaired English is kept (for the title) as ``zh=None``.
    ``english_of`` is :func:`~flashgen.text.lines.is_english` (a remembering copy)."""
    paragraphs = [p for p in paragraphs if not is_noise(p) and not is_date(p)]
    if not bilingual:
        return [_Entry(p, None) for p in paragraphs if has_han(p)]
    # Neutral paragraphs (no English, no Han: "2025", "Ⅲ") have nothing to pair or study.
    english_all = [english_of(p) for p in paragraphs]
    kept = [(p, en) for p, en in zip(paragraphs, english_all, strict=True) if en or has_han(p)]
    texts = [p for p, _ in kept]
    english = [en for _, en in kept]
    # Each paragraph is tried against its neighbours in both orders: measured once.
    shapes = [_shape(text, chinese=not en) for text, en in zip(texts, english, strict=True)]
    en_first, score_en_first = _pair(shapes, english, en_first=True)
    zh_first, score_zh_first = _pair(shapes, english, en_first=False)
    # Ties go to English first, the order of bilingual news sites.
    pairs = en_first if score_en_first >= score_zh_first else zh_first
    partner_of = {en: zh for zh, en in pairs.items()}
    out: list[_Entry] = []
    for i, text in enumerate(texts):
        if i in pairs:
            out.append(_Entry(text, texts[pairs[i]]))
        elif not english[i]:
            out.append(_Entry(text, None))
        elif i not in partner_of:
            out.append(_Entry(text, None) if has_han(text) else _Entry(None, text))
    return out


def _pair(
    shapes: list[_Shape], english: list[bool], en_first: bool
) -> tuple[dict[int, int], float]:
    """Pair each Chinese paragraph with its English neighbour on one side.

    Returns ``{zh index: en index}`` and the summed fit, which picks the order.
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
                score += fit
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


# What _fit looks at in a paragraph: whether it is a header line (a byline, or a
# bracketed note), and its length (for Chinese, without whitespace; at least 1).
_PLAIN, _BRACKETED, _BYLINE = 0, 1, 2


class _Shape(NamedTuple):
    kind: int
    length: int


def _shape(text: str, chinese: bool) -> _Shape:
    kind = _BYLINE if is_byline(text) else _BRACKETED if is_bracketed(text) else _PLAIN
    # str.split() cuts at exactly the characters str.isspace() is true of.
    length = len("".join(text.split())) if chinese else len(text)
    return _Shape(kind, max(1, length))


def _shape_fit(zh: _Shape, en: _Shape) -> float:
    # Header lines are short, so their length ratio says little: a byline is no one's
    # translation, and a bracketed note only translates another.
    if zh.kind == _BYLINE or zh.kind != en.kind:
        return 0.0
    d = math.log(en.length / zh.length / _RATIO)
    if abs(d) > _RATIO_GATE:
        return 0.0
    return math.exp(-d * d / (2 * _RATIO_SPREAD**2))
