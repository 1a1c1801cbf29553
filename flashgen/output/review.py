"""A teacher's review page of one text or lesson, and its corrections template.

The page is one self-contained HTML file (an inline style sheet, no scripts, nothing
fetched), printable on A4 like the handouts: the flag counts at the top; the text as
sentence pairs side by side, each marked trusted, doubtful or without English; every
word the deck teaches with the fields its card shows and the flags where flashgen is
unsure (:mod:`flashgen.teach.flags`); the words skipped and why.  Card fields come from
:func:`flashgen.teach.cards.vocab_note`, already escaped, so the page shows exactly
what the deck holds.

The template (``NAME.corrections.tsv``) lists the flagged words with their current
reading and meaning, in the format :mod:`flashgen.teach.corrections` reads back.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from flashgen import __version__
from flashgen.datatypes import AnnotatedSentence
from flashgen.language.pinyin import display_pinyin
from flashgen.output.handout import TONE_CSS
from flashgen.teach.cards import VOCAB_FIELDS, Note, meaning_text
from flashgen.teach.corrections import COLUMNS
from flashgen.teach.flags import FLAG_TEXT, FLAGS, WordFlags
from flashgen.teach.select import Pick


@dataclass(frozen=True, slots=True)
class ReviewRow:
    pick: Pick
    note: Note  # the word's vocab note, as the deck has it
    flags: WordFlags
    status: str  # "new", or "review: taught in …" for a word of an earlier lesson


@dataclass(frozen=True, slots=True)
class ReviewPage:
    title: str  # the lesson or text
    source: str
    sentences: tuple[AnnotatedSentence, ...]
    rows: tuple[ReviewRow, ...]
    skipped: tuple[tuple[str, str], ...]  # (word, why), first appearance first
    corrections: int  # correction lines that matched this text


_SCOPE = {
    "sentence": ("trusted", "trusted"),
    "doubtful": ("doubtful", "doubtful link: no English shown"),
    "unsupported": ("doubtful", "link not supported by its content: no English shown"),
    None: ("none", "no English"),
}

_CSS = (
    """\
@page { size: A4; margin: 14mm 12mm; }
:root { color-scheme: light; }
html { background: #fff; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 250mm; padding: 6mm 0;
  font: 10pt/1.4 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", sans-serif; }
@media print { body { padding: 0; max-width: none; } }
:lang(en) { font-family: "Noto Sans", "DejaVu Sans", Arial, "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; }
p.meta { color: #444; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 0.3mm solid #bbb; padding: 1.2mm 1.5mm; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
thead th { border-bottom: 0.5mm solid #000; font-size: 9pt; }
tr { break-inside: avoid; }
table.counts { width: auto; table-layout: auto; }
table.counts td { padding: 0.6mm 3mm 0.6mm 0; border: 0; white-space: nowrap; }
/* The explanation wraps: a long one ran off the page (and off A4 when printed). */
table.counts td:last-child { white-space: normal; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.scope { font-size: 8.5pt; white-space: nowrap; }
tr.doubtful td, tr.none td { background: #fff4e0; }
tr.flagged td { background: #fff8d6; }
.flag { display: inline-block; white-space: nowrap; font-size: 8pt; border: 0.25mm solid #a66;
  border-radius: 1mm; padding: 0 1mm; margin: 0 0.8mm 0.8mm 0; color: #700; }
.word { font-size: 13pt; }
.skipped span { display: inline-block; margin: 0 3mm 1mm 0; }
details summary { color: #555; font-size: 8.5pt; }
@media print { details > *:not(summary) { display: none; } }
footer { margin-top: 6mm; color: #555; font-size: 8pt; }
"""
    + TONE_CSS
)


def render_review(page: ReviewPage) -> str:
    """The review page of one text as a complete HTML document."""
    esc = html.escape
    flagged = [r for r in page.rows if r.flags.flags]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        f"<title>Review: {esc(page.title)}</title>",
        f"<style>\n{_CSS}</style></head><body>",
        f"<h1>Review: {esc(page.title)}</h1>",
        f'<p class="meta" lang="en">{esc(page.source)} · {len(page.sentences)} sentences · '
        f"{len(page.rows)} words taught, <b>{len(flagged)} flagged</b> · "
        f"{page.corrections} correction line(s) applied</p>",
        _counts(page.rows),
        '<h2 lang="en">Words taught</h2>',
        _words(page.rows),
        '<h2 lang="en">Sentences</h2>',
        _sentences(page.sentences),
        '<h2 lang="en">Words skipped</h2>',
        _skipped(page.skipped),
        f'<footer lang="en">Made with flashgen {esc(__version__)}. Correct a word in '
        "NAME.corrections.tsv (word, pinyin, meaning, action: skip or keep) and build "
        "again.</footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _counts(rows: Sequence[ReviewRow]) -> str:
    lines = ['<table class="counts" lang="en"><tbody>']
    for flag in FLAGS:
        n = sum(1 for r in rows if flag in r.flags.flags)
        lines.append(
            f'<tr><td class="n">{n}</td><td><span class="flag">{flag}</span></td>'
            f"<td>{html.escape(FLAG_TEXT[flag])}</td></tr>"
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _words(rows: Sequence[ReviewRow]) -> str:
    f = {name: i for i, name in enumerate(VOCAB_FIELDS)}
    out = [
        '<table class="words"><colgroup><col style="width:11%"><col style="width:13%">'
        '<col style="width:22%"><col style="width:30%"><col style="width:8%">'
        '<col style="width:16%"></colgroup>',
        '<thead lang="en"><tr><th>word</th><th>pinyin</th><th>meaning</th>'
        "<th>example (English bold)</th><th>HSK · kind</th><th>flags</th></tr></thead><tbody>",
    ]
    for row in rows:
        fields = row.note.fields
        flags = "".join(
            f'<span class="flag" title="{html.escape(FLAG_TEXT[x])}">{x}</span>'
            for x in row.flags.flags
        )
        if row.flags.margin is not None:
            flags += f"<br>reading lead {row.flags.margin:.1f}"
        if row.status != "new":
            flags += f"<br>{html.escape(row.status)}"
        css = ' class="flagged"' if row.flags.flags else ""
        out.append(
            f'<tr{css}><td class="word">{fields[f["Hanzi"]]}</td>'
            f"<td>{fields[f['Pinyin']]}</td>"
            f'<td lang="en">{fields[f["Meaning"]]}</td>'
            f'<td>{fields[f["Sentence"]]}<br><span lang="en">{fields[f["SentenceEnglish"]]}'
            "</span></td>"
            f'<td lang="en">{fields[f["HSK"]] or "—"} · {fields[f["Kind"]]}</td>'
            f'<td lang="en">{flags}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _sentences(sentences: Sequence[AnnotatedSentence]) -> str:
    out = [
        '<table class="pairs"><colgroup><col style="width:44%"><col style="width:44%">'
        '<col style="width:12%"></colgroup>',
        '<thead lang="en"><tr><th>Chinese</th><th>English</th><th>link</th></tr></thead><tbody>',
    ]
    for s in sentences:
        css, label = _SCOPE.get(s.en_scope, _SCOPE[None])
        en = html.escape(s.en) if s.en else "—"
        out.append(
            f'<tr class="{css}"><td>{html.escape(s.zh)}</td><td lang="en">{en}</td>'
            f'<td class="scope" lang="en">{html.escape(label)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _skipped(skipped: Sequence[tuple[str, str]]) -> str:
    if not skipped:
        return '<p lang="en">None.</p>'
    by_reason: dict[str, list[str]] = {}
    for word, why in skipped:
        by_reason.setdefault(why, []).append(word)
    return "\n".join(
        f'<p class="skipped"><b lang="en">{html.escape(why)}</b> ({len(words)}): '
        + "".join(f"<span>{html.escape(w)}</span>" for w in words)
        + "</p>"
        for why, words in by_reason.items()
    )


def corrections_template(rows: Sequence[ReviewRow]) -> str:
    """The flagged words as corrections lines with their current values (a line left as
    it is changes nothing), and a ``flags`` column saying why each is listed."""
    lines = ["\t".join((*COLUMNS, "flags"))]
    for row in rows:
        if not row.flags.flags:
            continue
        token = row.pick.token
        cells = (
            token.simplified,
            display_pinyin(token, spaced=False).replace("·", " "),
            meaning_text(token),
            "",
            " ".join(row.flags.flags),
        )
        lines.append("\t".join(" ".join(c.split()) for c in cells))
    return "\n".join(lines) + "\n"
