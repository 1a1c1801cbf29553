"""The English synonym table flashgen ships: a gloss word -> what a translation may
write instead ("to worry" / "concerned", "magnate" / "tycoon", "final" / "eventually").

Built offline by ``scripts/build_synonyms.py`` from WordNet 3.1 (Princeton University,
WordNet licence; the notice is in the README): synonyms among the common senses of
both words, and WordNet's derivation links (testify / testimony).  One line per key:
``key<TAB>synonym|synonym|...``.  The key is a gloss sense's words lowercased, joined by
a space, with "/v" for a verb sense ("to worry" -> "worry/v") and "/o" for any other
("barely" -> "barely/o"); each synonym is flashgen's Porter2 stems joined by a space
("ask about"), or one word as written after "=" ("=concern": matched with its
inflections only).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

TABLE = "synonyms.tsv.gz"


@cache
def load_synonyms() -> dict[str, str]:
    """{stems of a lemma: its synonyms' stems joined by "|"}, read once per process.

    The values stay one string each (split by the caller, once per gloss): 20,000
    lists of tuples would cost several times the memory."""
    data = resources.files("flashgen.resources").joinpath("data", TABLE).read_bytes()
    table = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        lemma, _, others = line.partition("\t")
        table[lemma] = others
    return table
