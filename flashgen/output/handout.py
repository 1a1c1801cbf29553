"""A printable vocabulary handout: one lesson's new words as a table on A4 paper.

The page is one self-contained HTML file a teacher opens in a browser and prints: an
inline style sheet, no scripts, no fonts or style sheets fetched from anywhere, so it
prints the same offline, years later, from an e-mail attachment.

Each row shows what the word's vocab note shows (its fields come from
:func:`flashgen.teach.cards.vocab_note`), so the paper and the deck never disagree, and all
text arrives already escaped by the same code that escapes the cards.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from flashgen import __version__
from flashgen.teach.cards import VOCAB_FIELDS, Note, vocab_note
from flashgen.teach.select import Pick
from flashgen.text.script import to_simplified

CREDIT = "Meanings from CC-CEDICT (CC BY-SA 4.0). Made with flashgen {version}"

# Tone colours: the hues of the deck (flashgen.output.anki, after Anki's Chinese Support
# add-on), darkened until each has a contrast of at least 5:1 on white (WCAG formula).
# The deck's orange (3.1:1) and green (3.7:1) are made for a screen and print pale,
# thin strokes at 10 pt breaking up in a laser printer's halftone.  On a black-and-white
# printer all five turn grey; the tone marks still carry the tones.
_TONE_CSS = """\
.tone1 { color: #c00000; }
.tone2 { color: #9c5100; }
.tone3 { color: #157a15; }
.tone4 { color: #1a3fc4; }
.tone5 { color: #555; }"""

# Column widths share the 180 mm between A4's 15 mm margins, fixed so that one long
# sentence cannot squeeze the word columns (percentages, as table-layout: fixed wants).
# The example's Chinese and its English share the widest column, one above the other:
# as two columns of a portrait page each would wrap every few words.
#
# Fonts: only fonts already on the reader's machine.  English text gets Latin fonts
# first, because CJK fonts draw ’ “ ” full-width; Chinese gets CJK fonts first, and a
# ``lang`` so that a machine without a named CJK family falls back to Chinese glyphs.
# ``break-inside: avoid`` keeps a row on one page; Chromium repeats <thead> on each.
# A long entry's collapsed senses (the Meaning field's <details>) open on screen and are
# left off paper, where a closed <details> would print only its summary line.
_CSS = (
    """\
@page { size: A4; margin: 14mm 15mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages);
    font: 8pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #444; } }
:root { color-scheme: light; }
html { background: #fff; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 180mm; padding: 8mm 0;
  font: 10pt/1.35 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", sans-serif; }
@media print { body { padding: 0; max-width: none; } }
:lang(en) { font-family: "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial,
  "Noto Sans CJK SC", sans-serif; hyphens: auto; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC",
  "Microsoft JhengHei", sans-serif; }
header { margin-bottom: 3mm; border-bottom: 0.6pt solid #000; padding-bottom: 2mm; }
.class-name { margin: 0; font-size: 10pt; }
h1 { margin: 0.5mm 0 1mm; font-size: 17pt; line-height: 1.25; }
.counts { margin: 0; font-size: 9pt; color: #333; }
.empty { margin: 10mm 0; font-size: 12pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.n { width: 4.5%; } col.word { width: 12%; } col.pinyin { width: 14%; }
col.hsk { width: 5.5%; } col.meaning { width: 21%; } col.example { width: 43%; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 0.4pt solid #999; padding: 1mm 1.2mm; text-align: left;
  vertical-align: baseline; overflow-wrap: anywhere; }
th { border-bottom: 0.8pt solid #000; font-size: 8.5pt; font-weight: bold; }
td.n, td.hsk, th.n, th.hsk { text-align: right; color: #333; font-size: 8.5pt;
  white-space: nowrap; }
td.word { font-size: 13pt; line-height: 1.3; }
td.word .trad { display: block; font-size: 9.5pt; color: #333; }
td.pinyin { font-size: 10pt; }
td.meaning { font-size: 8.5pt; }
td.meaning .cl { display: block; margin-top: 0.5mm; color: #333; }
td.meaning summary { color: #333; cursor: pointer; }
@media print { td.meaning details { display: none; } }
td.example .zh { font-size: 10pt; }
td.example .en { margin-top: 0.5mm; font-size: 8pt; line-height: 1.3; color: #222; }
b { font-weight: bold; }
footer { margin-top: 4mm; font-size: 8pt; color: #333; }
"""
    + _TONE_CSS
    + "\n"
)


def render_handout(
    class_name: str,
    lesson_title: str,
    picks: Sequence[Pick],
    *,
    source: str = "",
    notes: Sequence[Note] | None = None,
) -> str:
    """The handout page for one lesson: its words, in ``picks`` order, as HTML.

    ``source`` names the text the words come from (shown under the title when given).
    ``notes`` are the picks' vocab notes, in the same order, when the caller has made
    them already (their Source is not shown); otherwise they are made here.
    The same arguments always give the same string: nothing depends on the time or
    the machine.

    >>> page = render_handout("Chinese 201", "Lesson <3>", [])
    >>> "Lesson &lt;3&gt;" in page and "no new words" in page and "<script" not in page
    True
    """
    heading = [f'<p class="class-name">{_esc(class_name)}</p>'] if class_name else []
    heading.append(f"<h1>{_esc(lesson_title or 'Vocabulary')}</h1>")
    counts = _count_text(len(picks))
    if source:
        counts += f" · from {_esc(source)}"
    heading.append(f'<p class="counts" lang="en">{counts}</p>')
    body = (
        _table(picks, notes)
        if picks
        else ('<p class="empty" lang="en">There are no new words in this lesson.</p>')
    )
    title = " — ".join(t for t in (class_name, lesson_title) if t) or "Vocabulary"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-Hans">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="color-scheme" content="light">',
            f'<meta name="generator" content="flashgen {_esc(__version__)}">',
            f"<title>{_esc(title)}</title>",
            f"<style>\n{_CSS}</style>",
            "</head>",
            "<body>",
            "<header>",
            *heading,
            "</header>",
            body,
            f'<footer lang="en">{_esc(CREDIT.format(version=__version__))}</footer>',
            "</body>",
            "</html>",
            "",
        ]
    )


def _table(picks: Sequence[Pick], notes: Sequence[Note] | None) -> str:
    if notes is None:
        notes = [vocab_note(pick, "") for pick in picks]
    rows = [
        "<table>",
        '<colgroup><col class="n"><col class="word"><col class="pinyin"><col class="hsk">'
        '<col class="meaning"><col class="example"></colgroup>',
        '<thead lang="en"><tr><th class="n">#</th><th>Word</th><th>Pinyin</th>'
        '<th class="hsk">HSK</th><th>Meaning</th><th>Example</th></tr></thead>',
        "<tbody>",
    ]
    rows.extend(
        _row(number, pick, note)
        for number, (pick, note) in enumerate(zip(picks, notes, strict=True), 1)
    )
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def _row(number: int, pick: Pick, note: Note) -> str:
    # Every field of a vocab note is HTML whose text is already escaped.
    f = dict(zip(VOCAB_FIELDS, note.fields, strict=True))
    word = f["Hanzi"]
    if f["Traditional"]:
        word += f'<span class="trad" lang="zh-Hant">{f["Traditional"]}</span>'
    meaning = f["Meaning"]
    if f["Classifier"]:
        meaning += f'<span class="cl">classifier: <span lang="zh-Hans">{f["Classifier"]}'
        meaning += "</span></span>"
    # The sentence keeps its own script; traditional text wants traditional glyph shapes.
    traditional = to_simplified(pick.sentence.zh) != pick.sentence.zh
    lang = ' lang="zh-Hant"' if traditional else ""
    example = f'<div class="zh"{lang}>{f["Sentence"]}</div>'
    if f["SentenceEnglish"]:
        example += f'<div class="en" lang="en">{f["SentenceEnglish"]}</div>'
    return (
        f'<tr><td class="n">{number}</td><td class="word">{word}</td>'
        f'<td class="pinyin">{_syllable_breaks(f["Pinyin"])}</td><td class="hsk">{f["HSK"]}</td>'
        f'<td class="meaning" lang="en">{meaning}</td><td class="example">{example}</td></tr>'
    )


def _syllable_breaks(pinyin: str) -> str:
    # A long word's pinyin (shǒuxízhíxíngguān) is wider than its column; without a
    # break opportunity it would be cut mid-syllable.  The markup is pinyin_html's own
    # (one span per syllable; escaped text cannot contain "</span>").
    return pinyin.replace("</span><span", "</span><wbr><span")


def _count_text(n: int) -> str:
    return f"{n} new word" if n == 1 else f"{n} new words"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
