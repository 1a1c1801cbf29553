"""The word translation table flashgen ships: Chinese word -> likely English stems.

Trained offline by ``scripts/train_wordtable.py`` (IBM Model 1 in both directions over
the Tatoeba English/Chinese pairs, CC-BY 2.0 FR, and the CC-CEDICT entries of their
words, CC BY-SA 4.0); never trained on the evaluation alignments.  One line per word:
``word<TAB>stem:score stem:score``, the score (0-100) being sqrt(t(e|f) t(f|e)).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

TABLE = "wordtable.tsv.gz"


@cache
def load_wordtable() -> dict[str, tuple[tuple[str, float], ...]]:
    """{word: ((stem, score 0-1), ...) best first}, read once per process (a few ms)."""
    data = resources.files("flashgen.resources").joinpath("data", TABLE).read_bytes()
    table = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        word, _, links = line.partition("\t")
        table[word] = tuple(
            (stem, int(score) / 100)
            for stem, _, score in (link.rpartition(":") for link in links.split())
        )
    return table
