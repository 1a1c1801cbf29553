"""``flashgen annotate --format tsv``: one row per distinct word (headword and reading) of
the annotated sentences, with its first sentence and how often it occurs, for
spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from flashgen.datatypes import AnnotatedSentence
from flashgen.language.pinyin import display_pinyin, numbered

COLUMNS = [
    "word",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "kind",
    "meaning",
    "classifiers",
    "hsk",
    "zipf",
    "count",
    "sentence",
    "english",
    "file",
]


def word_rows(sentences: Iterable[AnnotatedSentence]) -> list[dict[str, Any]]:
    """The words, names and idioms in first-appearance order, each once per reading."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for s in sentences:
        for t in s.tokens:
            if t.kind not in ("word", "idiom", "name"):
                continue
            key = (t.simplified, numbered(t.syllables))
            if key in rows:
                rows[key]["count"] += 1
                continue
            rows[key] = {
                "word": t.simplified,
                "traditional": t.traditional,
                "pinyin": display_pinyin(t, spaced=False),
                "pinyin_numbered": numbered(t.syllables),
                "kind": t.kind,
                "meaning": t.gloss.text if t.gloss else "",
                "classifiers": ", ".join(t.gloss.classifiers) if t.gloss else "",
                "hsk": t.hsk or "",
                "zipf": t.zipf,
                "count": 1,
                "sentence": s.zh,
                "english": s.en or "",
                "file": s.file,
            }
    return list(rows.values())


def word_table(sentences: Iterable[AnnotatedSentence]) -> str:
    """:func:`word_rows` as TSV with a header line (``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(word_rows(sentences))
    return out.getvalue()
