"""Write the selected words as a spreadsheet (CSV, TSV) or a Pleco flashcard file.

For classes that do not use Anki: the same words and example sentences as the deck,
as plain text (no HTML), one row per word, lesson by lesson in the order given.

Each format returns a ``str``; the caller encodes it as UTF-8 and writes the bytes
unchanged (``path.write_bytes(text.encode("utf-8"))``, or ``open(..., newline="")``):
CSV rows end in ``\\r\\n`` while a newline inside a quoted field stays ``\\n``, and
text-mode newline translation would corrupt both.

csv
    RFC 4180, as Python's :mod:`csv` writes it (quotes only where needed, ``""`` for
    a quote, ``\\r\\n`` line ends), with a header row.  The text starts with a byte
    order mark (U+FEFF): Excel reads a CSV file without one in the legacy code page
    and shows the Chinese as mojibake; with one it reads UTF-8.  LibreOffice, Google
    Sheets and :mod:`csv` with ``encoding="utf-8-sig"`` all accept the BOM.
tsv
    The same header and columns, tab-separated, ``\\n`` line ends, no BOM.  TSV has
    no quoting, so tabs and line breaks inside a field become spaces.
pleco
    Pleco's flashcard import text format (``.txt``), one card per line (``→`` is a tab)::

        //Chinese 3A/01 At the market
        讨论[討論]→tao3lun4→to discuss; to talk over

    ``//`` starts a category line: every card below it goes into that category, and
    ``/`` separates a category from its subcategory, so a lesson label's ``::`` (the
    Anki deck separator) becomes ``/``.  A card is headword, pinyin and definition
    separated by tabs; the headword is ``simplified[traditional]`` when the two
    differ.  The pinyin is numbered and joined (``tao3lun4``), as Pleco's own exports
    write it (``<pron tones="numbers">gan3mao4</pron>``): unambiguous without spaces,
    since each tone digit ends a syllable.  ü is written as the letter ü (``lü4``), not
    as flashgen's ASCII stand-in ``v``.  Where a character has no known reading the
    pinyin is left empty, for Pleco's "fill in missing fields" import option to supply.
    No header, ``\\n`` line ends, UTF-8 without BOM.

    Sources: the section "Import / Export File Format" of Pleco's manual
    (pleco.com/ipmanual/flash.html); published Pleco import files for the category
    and card lines (MyBeta/AwesomeChinesePlecoFlashcards on GitHub:
    ``//HSK Standard Course 3/L01``, then ``周末→zhōumò→weekend``); the Pleco forum's
    user-dictionary thread for the ``simp[trad]`` headword.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from typing import Literal

from flashgen.language.pinyin import UNKNOWN_SYLLABLE, display_pinyin, numbered
from flashgen.teach.cards import hsk_text, meaning_text
from flashgen.teach.select import Pick, headword

ExportFormat = Literal["csv", "tsv", "pleco"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "tsv", "pleco")

# The spreadsheet columns, in order.  "pinyin" is tone-marked, as on the cards.
COLUMNS = (
    "lesson",
    "hanzi",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "meaning",
    "hsk",
    "kind",
    "sentence",
    "sentence_english",
)

_SUFFIXES: dict[ExportFormat, str] = {"csv": ".csv", "tsv": ".tsv", "pleco": ".txt"}

# Everything str.splitlines() breaks at, and the tab: a reader of a format without
# quoting (TSV, Pleco) would take any of them for the end of a field or of a line.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]+")

BOM = "\ufeff"

Lessons = Sequence[tuple[str, Sequence[Pick]]]


def suffix(fmt: ExportFormat) -> str:
    """The file name suffix for ``fmt``; Pleco imports ``.txt`` files.

    >>> [suffix(f) for f in FORMATS]
    ['.csv', '.tsv', '.txt']
    """
    try:
        return _SUFFIXES[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {FORMATS}") from None


def export_text(lessons: Lessons, fmt: ExportFormat) -> str:
    """The whole file for ``lessons`` — (label, picks in study order) — in ``fmt``.

    Lessons and words are written in the order given (the caller removes duplicates);
    a lesson without picks writes nothing.

    >>> export_text([], "tsv").split("\\t")[:3]
    ['lesson', 'hanzi', 'traditional']
    """
    if fmt == "csv":
        return csv_text(lessons)
    if fmt == "tsv":
        return tsv_text(lessons)
    if fmt == "pleco":
        return pleco_text(lessons)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {FORMATS}")


def csv_text(lessons: Lessons) -> str:
    """RFC 4180 CSV with a header row, preceded by a byte order mark (see above)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the "excel" dialect: minimal quoting, \r\n
    writer.writerow(COLUMNS)
    writer.writerows(_rows(lessons))
    return BOM + buffer.getvalue()


def tsv_text(lessons: Lessons) -> str:
    """Tab-separated, header first; tabs and line breaks in a field become spaces."""
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(one_line(field) for field in row) for row in _rows(lessons)]
    return "".join(line + "\n" for line in lines)


def pleco_text(lessons: Lessons) -> str:
    """Pleco's flashcard import format: a ``//`` category line per lesson, then its cards."""
    lines: list[str] = []
    for label, picks in lessons:
        if not picks:
            continue
        lines.append(pleco_category(label))
        lines += [pleco_card(pick) for pick in picks]
    return "".join(line + "\n" for line in lines)


def pleco_category(label: str) -> str:
    """The category line for a lesson label: Anki's ``::`` hierarchy as Pleco's ``/``.

    A ``/`` inside a name becomes a fullwidth ``／``, so that it cannot open a
    subcategory; empty levels are dropped.

    >>> pleco_category("Chinese 3A::01 At the market")
    '//Chinese 3A/01 At the market'
    >>> pleco_category("News :: 7/16 ::")
    '//News/7／16'
    """
    parts = [one_line(p).strip().replace("/", "\uff0f") for p in label.split("::")]
    parts = [p for p in parts if p]
    if not parts:
        # Pleco puts the cards under a category line into that category until the next
        # one, so a lesson without a name would silently join the lesson before it.
        raise ValueError(f"a Pleco category needs a name; got the lesson label {label!r}")
    return "//" + "/".join(parts)


def pleco_card(pick: Pick) -> str:
    """One card line: ``simplified[traditional]``, numbered pinyin and definition, tab-separated.

    >>> from flashgen.datatypes import AnnotatedSentence, AnnotatedToken, Gloss
    >>> gloss = Gloss(("green",), (), "cedict")
    >>> token = AnnotatedToken("綠", 0, 1, "word", ("lv4",), gloss, "綠", 1, 5.0, None, "绿")
    >>> pleco_card(Pick(token, AnnotatedSentence("t.txt", 0, 0, "綠", None, None, None, ())))
    '绿[綠]\\tlü4\\tgreen'
    """
    token = pick.token
    word = headword(token)
    if token.traditional and token.traditional != word:
        word = f"{word}[{token.traditional}]"
    fields = (word, pleco_pinyin(token.syllables), _meaning(pick))
    return "\t".join(one_line(field) for field in fields)


def pleco_pinyin(syllables: Sequence[str]) -> str:
    """Numbered syllables joined as Pleco writes them; "" if any reading is unknown.

    >>> pleco_pinyin(("yi1", "dian3", "r5")), pleco_pinyin(("nv3", "er2")), pleco_pinyin(("?",))
    ('yi1dian3r5', 'nü3er2', '')
    """
    if UNKNOWN_SYLLABLE in syllables:
        return ""  # an empty field is one Pleco fills in; a "?" would be imported as is
    return "".join(s.replace("v", "ü") for s in syllables)


def one_line(text: str) -> str:
    """``text`` with each run of tabs and line breaks replaced by one space.

    >>> one_line("a\\tb\\r\\nc")
    'a b c'
    """
    return _BREAKS.sub(" ", text)


def row(label: str, pick: Pick) -> tuple[str, ...]:
    """One spreadsheet row, in ``COLUMNS`` order: plain text, as on the vocab card."""
    token, sentence = pick.token, pick.sentence
    word = headword(token)
    return (
        label,
        word,
        token.traditional if token.traditional != word else "",
        display_pinyin(token),  # as on the cards
        numbered(token.syllables),
        _meaning(pick),
        hsk_text(token.hsk),
        token.kind,
        sentence.zh,
        sentence.en or "",
    )


def _rows(lessons: Lessons) -> Iterator[tuple[str, ...]]:
    for label, picks in lessons:
        for pick in picks:
            yield row(label, pick)


def _meaning(pick: Pick) -> str:
    # The card's order, all of it: a spreadsheet cell or a Pleco definition cannot
    # collapse the rest of the entry, and cutting it would lose it.
    return meaning_text(pick.token)
