"""A printable vocabulary handout: one lesson's new words on A4 paper, by sentence.

The page is one self-contained HTML file a teacher opens in a browser and prints: an
inline style sheet, no scripts, no fonts or style sheets fetched from anywhere, so it
prints the same offline, years later, from an e-mail attachment.

The words are grouped by their example sentence: each sentence and its English are
printed once, every word of the lesson taken from it in bold, and its words are listed
under it.  Printed once per word, a 100-character sentence and its English filled most
of a page's height for every 6 words (the sample article: 30 pages for 224 words).

Each word's row shows what its vocab note shows (its fields come from
:func:`flashgen.teach.cards.vocab_note`), so the paper and the deck never disagree, and all
text arrives already escaped by the same code that escapes the cards.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from flashgen import __version__
from flashgen.teach.cards import VOCAB_FIELDS, Note, vocab_note, word_span
from flashgen.teach.select import Pick
from flashgen.text.script import to_simplified

CREDIT = "Meanings from CC-CEDICT (CC BY-SA 4.0). Made with flashgen {version}"

# Tone colours: the hues of the deck (flashgen.output.anki, after Anki's Chinese Support
# add-on), darkened until each has a contrast of at least 5:1 on white (WCAG formula).
# The deck's orange (3.1:1) and green (3.7:1) are made for a screen and print pale,
# thin strokes at 10 pt breaking up in a laser printer's halftone.  On a black-and-white
# printer all five turn grey; the tone marks still carry the tones.
TONE_CSS = """\
.tone1 { color: #c00000; }
.tone2 { color: #9c5100; }
.tone3 { color: #157a15; }
.tone4 { color: #1a3fc4; }
.tone5 { color: #555; }"""

# Column widths share the 180 mm between A4's 15 mm margins, fixed so that one long
# meaning cannot squeeze the word columns (percentages, as table-layout: fixed wants).
# A sentence row spans the whole width above its words.
#
# Fonts: only fonts already on the reader's machine.  English text gets Latin fonts
# first, because CJK fonts draw ’ “ ” full-width; Chinese gets CJK fonts first, and a
# ``lang`` so that a machine without a named CJK family falls back to Chinese glyphs.
# ``break-inside: avoid`` keeps a row on one page, and a sentence with its words where
# they fit (a sentence of many words may still break between two word rows, never
# between the sentence and its first word: ``break-after: avoid``); Chromium repeats
# <thead> on each page.  A long entry's collapsed senses (the Meaning field's <details>)
# open on screen and are left off paper, where a closed <details> would print only its
# summary line.
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
col.n { width: 5%; } col.word { width: 17%; } col.pinyin { width: 17%; }
col.hsk { width: 6%; } col.meaning { width: 55%; }
thead { display: table-header-group; }
tbody, tr { break-inside: avoid; page-break-inside: avoid; }
tr.example { break-after: avoid; page-break-after: avoid; }
th, td { padding: 0.8mm 1.2mm; text-align: left; vertical-align: baseline;
  overflow-wrap: anywhere; }
th { border-bottom: 0.8pt solid #000; font-size: 8.5pt; font-weight: bold; }
tr.example td { padding-top: 2mm; border-top: 0.4pt solid #999; }
tbody:first-of-type tr.example td { border-top: none; }
tr.example .zh { font-size: 10.5pt; }
tr.example .en { margin-top: 0.3mm; font-size: 8pt; line-height: 1.3; color: #222; }
td.n, td.hsk, th.n, th.hsk { text-align: right; color: #333; font-size: 8.5pt;
  white-space: nowrap; }
td.word { font-size: 12pt; line-height: 1.3; }
td.word .trad { font-size: 9.5pt; color: #333; margin-left: 1.5mm; }
td.pinyin { font-size: 10pt; }
td.meaning { font-size: 8.5pt; }
td.meaning .cl { color: #333; }
td.meaning summary { color: #333; cursor: pointer; }
@media print { td.meaning details { display: none; } }
b { font-weight: bold; }
footer { margin-top: 4mm; font-size: 8pt; color: #333; }
"""
    + TONE_CSS
    + "\n"
)


def render_handout(
    class_name: str,
    lesson_title: str,
    picks: Sequence[Pick],
    *,
    source: str = "",
    notes: Sequence[Note] | None = None,
    text_title: str = "",
) -> str:
    """The handout page for one lesson as HTML: each example sentence once, in the order
    of its first word in ``picks``, with its words under it.

    ``text_title`` is the text's own heading (a Markdown ``# 第三课：学校生活``): the page's
    title when given, with the lesson's label beside the class name; otherwise
    ``lesson_title`` is.  ``source`` names the text the words come from (shown under the
    title when given).  ``notes`` are the picks' vocab notes, in the same order, when the
    caller has made them already (their Source is not shown); otherwise they are made
    here.  The same arguments always give the same string: nothing depends on the time
    or the machine.

    >>> page = render_handout("Chinese 201", "Lesson <3>", [])
    >>> "Lesson &lt;3&gt;" in page and "no new words" in page and "<script" not in page
    True
    """
    main_title = text_title or lesson_title
    above = [t for t in (class_name, lesson_title if text_title else "") if t]
    heading = [f'<p class="class-name">{_esc(" · ".join(above))}</p>'] if above else []
    heading.append(f"<h1>{_esc(main_title or 'Vocabulary')}</h1>")
    groups = _by_sentence(picks, notes)
    counts = _count_text(len(picks), len(groups))
    if source:
        counts += f" · from {_esc(source)}"
    heading.append(f'<p class="counts" lang="en">{counts}</p>')
    body = (
        _table(groups)
        if picks
        else ('<p class="empty" lang="en">There are no new words in this lesson.</p>')
    )
    title = " — ".join(t for t in (class_name, main_title) if t) or "Vocabulary"
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


# A word's number on the page, its pick and its vocab note.
_Word = tuple[int, Pick, Note]


def _by_sentence(picks: Sequence[Pick], notes: Sequence[Note] | None) -> list[list[_Word]]:
    """The words grouped by example sentence, the groups in the order of their first word
    in ``picks``, then numbered down the page."""
    if notes is None:
        notes = [vocab_note(pick, "") for pick in picks]
    groups: dict[tuple[str, int, int, str], list[tuple[Pick, Note]]] = {}
    for pick, note in zip(picks, notes, strict=True):
        s = pick.sentence
        groups.setdefault((s.file, s.paragraph, s.sentence, s.zh), []).append((pick, note))
    numbered: list[list[_Word]] = []
    number = 0
    for group in groups.values():
        numbered.append([(number := number + 1, pick, note) for pick, note in group])
    return numbered


def _table(groups: list[list[_Word]]) -> str:
    rows = [
        "<table>",
        '<colgroup><col class="n"><col class="word"><col class="pinyin"><col class="hsk">'
        '<col class="meaning"></colgroup>',
        '<thead lang="en"><tr><th class="n">#</th><th>Word</th><th>Pinyin</th>'
        '<th class="hsk">HSK</th><th>Meaning</th></tr></thead>',
    ]
    for group in groups:
        rows.append("<tbody>")
        rows.append(_sentence_row([pick for _, pick, _ in group]))
        rows.extend(_row(number, note) for number, _, note in group)
        rows.append("</tbody>")
    rows.append("</table>")
    return "\n".join(rows)


def _sentence_row(picks: Sequence[Pick]) -> str:
    """The sentence once, each of ``picks``' words bold in it and their translations bold
    in its English."""
    sentence = picks[0].sentence
    zh = _bold_spans(sentence.zh, [word_span(p) for p in picks])
    # The sentence keeps its own script; traditional text wants traditional glyph shapes.
    traditional = to_simplified(sentence.zh) != sentence.zh
    lang = ' lang="zh-Hant"' if traditional else ""
    cell = f'<div class="zh"{lang}>{zh}</div>'
    if sentence.en:
        en = _bold_spans(sentence.en, [_en_span(p, sentence.en) for p in picks])
        cell += f'<div class="en" lang="en">{en}</div>'
    return f'<tr class="example"><td colspan="5">{cell}</td></tr>'


def _row(number: int, note: Note) -> str:
    # Every field of a vocab note is HTML whose text is already escaped.
    f = dict(zip(VOCAB_FIELDS, note.fields, strict=True))
    word = f["Hanzi"]
    if f["Traditional"]:
        word += f'<span class="trad" lang="zh-Hant">{f["Traditional"]}</span>'
    meaning = f["Meaning"]
    if f["Classifier"]:
        meaning += f' <span class="cl">(classifier: <span lang="zh-Hans">{f["Classifier"]}'
        meaning += "</span>)</span>"
    return (
        f'<tr class="word"><td class="n">{number}</td><td class="word">{word}</td>'
        f'<td class="pinyin">{_syllable_breaks(f["Pinyin"])}</td><td class="hsk">{f["HSK"]}</td>'
        f'<td class="meaning" lang="en">{meaning}</td></tr>'
    )


def _en_span(pick: Pick, en: str) -> tuple[int, int]:
    match = pick.token.en_match
    if match is None or en[match.start : match.end] != match.text:
        return (0, 0)
    return match.start, match.end


def _bold_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped, each span in ``<b>``; overlapping spans (two words matched to one
    English phrase) are merged, empty ones dropped.

    >>> _bold_spans("a<b c", [(2, 3), (0, 1), (2, 2)])
    '<b>a</b>&lt;<b>b</b> c'
    """
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out.append(f"{_esc(text[at:start])}<b>{_esc(text[start:end])}</b>")
        at = end
    out.append(_esc(text[at:]))
    return "".join(out)


def _syllable_breaks(pinyin: str) -> str:
    # A long word's pinyin (shǒuxízhíxíngguān) is wider than its column; without a
    # break opportunity it would be cut mid-syllable.  The markup is pinyin_html's own
    # (one span per syllable; escaped text cannot contain "</span>").
    return pinyin.replace("</span><span", "</span><wbr><span")


def _count_text(words: int, sentences: int) -> str:
    text = f"{words} new word" if words == 1 else f"{words} new words"
    if sentences:
        text += " in 1 sentence" if sentences == 1 else f" in {sentences} sentences"
    return text


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
