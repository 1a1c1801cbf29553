"""The Tatoeba English/Chinese corpus, read in place from ../shared/eval/corpus.

CC-BY 2.0 FR (tatoeba.org); never copied into the project.  Columns: English,
Chinese, attribution.  Roughly ordered by English length ("Hi.", "Run." first).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "tatoeba_cmn_eng.tsv"

Pair = tuple[str, str]


def load_pairs() -> list[Pair]:
    """(English, Chinese) per corpus line; utf-8-sig because the file starts with a BOM."""
    pairs = []
    with CORPUS.open(encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():  # the file ends with a blank line
                en, zh, *_ = line.rstrip("\n").split("\t")
                pairs.append((en.strip(), zh.strip()))
    return pairs
