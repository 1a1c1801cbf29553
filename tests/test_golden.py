"""The sample article's annotation, token by token, against a readable golden file.

Each sentence is its Chinese line, its English line (or ``-``), then one line per
lexical token: text, kind, numbered pinyin, the first meaning, and the English words
it was matched to.  Review a change with ``git diff tests/golden``; regenerate with
``FLASHGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from flashgen.language.annotate import annotate_document
from flashgen.language.pinyin import numbered
from flashgen.text.read import read_document

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
GOLDEN = Path(__file__).parent / "golden" / "000_83bce5aa88b4fec1.annotate.txt"


def render() -> str:
    out = []
    for s in annotate_document(read_document(SAMPLE)):
        out += [f"# {s.sentence} [{s.en_scope}]", s.zh, s.en or "-"]
        for t in s.tokens:
            if t.kind in ("punct",):
                continue
            meaning = t.gloss.senses[0] if t.gloss else ""
            match = f" => {t.en_match.text}" if t.en_match else ""
            if t.en_match is not None and t.en_match.source == "inferred":
                match += " (inferred)"  # by the second pass: less certain
            out.append(f"  {t.text}\t{t.kind}\t{numbered(t.syllables)}\t{meaning}{match}")
        out.append("")
    return "\n".join(out)


REGENERATE = "FLASHGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"


def test_sample_article_matches_the_golden_file():
    text = render()
    # Written only when asked: a missing golden file written on the fly would make the
    # test pass whatever the annotation is.
    if os.environ.get("FLASHGEN_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), f"{GOLDEN} is missing: write it on purpose with {REGENERATE}"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        f"the annotation changed: if on purpose, run {REGENERATE} and review git diff tests/golden"
    )
