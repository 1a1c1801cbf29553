"""The segmenter's dictionary: jieba's words, every CC-CEDICT headword and every idiom.

Each word has a frequency and a part-of-speech tag, as in a jieba dictionary file:
jieba's own ``dict.txt`` first, then every idiom (``IDIOM_FREQ``, tag ``i``), then each
CC-CEDICT headword of two or more Han characters that neither has (``CEDICT_WORD_FREQ``,
tag ``nz`` for proper nouns, else ``n``); a word listed twice keeps its last line, and
the total is the sum of every line, as jieba counts them.

It is kept in flashgen's cache folder as a trie of the words with their frequencies and
tags by word id, and loads in milliseconds: jieba's own ``Tokenizer`` would load a
prefix dictionary of a million entries (0.9 s) and ``POSTokenizer`` a tag table of
380,000 (0.8 s) at every start.  The part-of-speech HMM that jieba uses for words no
dictionary has is cached beside them (see :mod:`flashgen.language.posseg`).
"""

from __future__ import annotations

import importlib.util
import marshal
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flashgen.errors import FlashgenError
from flashgen.resources import tables as packed
from flashgen.resources.cache import cached_data, package_folder, source_key
from flashgen.resources.cedict import cedict_path, load_cedict
from flashgen.resources.idioms import idiom_list_path, load_idioms
from flashgen.text.script import is_han_word

# Frequency given to CC-CEDICT headwords that jieba's dictionary lacks.  jieba
# scores a path by the product of word probabilities, so even a rare whole word
# beats two or three single characters (log(5/6e7) ≈ -16 against ≈ -9 per
# character); a higher value starts to pull characters across word boundaries.
# Chosen by checking MSR F1 and the sample article's boundaries with 1, 5 and 50.
CEDICT_WORD_FREQ = 5
# Idioms must never be split, so they outweigh any split of their characters.
IDIOM_FREQ = 2000

_FORMAT = 1
# jieba.posseg's HMM: states by character, start, transition and emission log-probabilities.
_HMM_TABLES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")


def jieba_file(*parts: str) -> Path:
    """A data file of the jieba package, found without importing jieba (0.2 s)."""
    return package_folder("jieba", "jieba").joinpath(*parts)


def _sources() -> list[Path]:
    return [
        jieba_file("dict.txt"),
        cedict_path(),
        idiom_list_path(),
        *(jieba_file("posseg", f"{name}.py") for name in _HMM_TABLES),
    ]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Words with jieba's frequency and tag, by trie id; see the module docstring."""

    # The tables are memoryviews into the cache file (or bytes), typed by what is read
    # from them: compiled by mypyc, a dataclass cannot name memoryview.
    words: Any  # marisa_trie.Trie
    freqs: Sequence[int]  # uint32 by word id
    tags: Sequence[int]  # by word id: an index into tag_names
    tag_names: tuple[str, ...]
    in_jieba: Sequence[int]  # by word id: 1 when jieba's own dict.txt lists the word
    total: int  # the sum of every line's frequency
    max_len: int  # characters in the longest word
    hmm: Any  # jieba.posseg's HMM tables, marshalled (loaded on first use): a buffer

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Lexicon:
        """The lexicon :func:`pack_lexicon` packed."""
        return cls(
            packed.load_trie(data["words"]),
            packed.u32(data["freqs"]),
            data["tags"],
            tuple(data["tag_names"]),
            data["in_jieba"],
            data["total"],
            data["max_len"],
            data["hmm"],
        )

    def freq(self, word: str) -> int:
        """The word's frequency, 0 when it is not in the dictionary."""
        k = packed.key_id(self.words, word)
        return 0 if k is None else self.freqs[k]

    def tag(self, word: str, default: str = "x") -> str:
        """The word's part-of-speech tag (``default`` when it is not in the dictionary)."""
        k = packed.key_id(self.words, word)
        return default if k is None else self.tag_names[self.tags[k]]

    def jieba_count(self, word: str) -> int:
        """The word's frequency when jieba's own dictionary lists it, else 0."""
        k = packed.key_id(self.words, word)
        return self.freqs[k] if k is not None and self.in_jieba[k] else 0


def hmm_tables() -> bytes:
    """jieba.posseg's HMM tables (see ``_HMM_TABLES``), marshalled."""
    return _marshalled_tables([jieba_file("posseg", f"{name}.py") for name in _HMM_TABLES])


def _marshalled_tables(files: list[Path]) -> bytes:
    """The ``P`` of each of jieba's table modules ``files``, marshalled as a tuple."""
    tables = []
    for path in files:
        # Executed from its file: importing jieba.posseg would build jieba's own tag
        # table (0.6 s) for nothing, importing jieba's package costs 0.2 s more.
        spec = importlib.util.spec_from_file_location(f"flashgen._jieba_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        tables.append(module.P)
    return marshal.dumps(tuple(tables))


def _build() -> dict[str, Any]:
    cedict, idioms = load_cedict(), load_idioms()
    path = jieba_file("dict.txt")
    text = path.read_text(encoding="utf-8")
    # Lines of "word count tag": split as one string (four times faster than line by
    # line), and checked to be exactly that.
    fields = text.split()
    jieba_words, counts, tags = fields[0::3], fields[1::3], fields[2::3]
    if len(fields) != 3 * len(text.splitlines()) or not all(map(str.isdigit, counts)):
        raise FlashgenError(
            f"{path}: not a jieba dictionary — reinstall flashgen with `pip install -e .`"
        )
    numbers = list(map(int, counts))
    freq = dict(zip(jieba_words, numbers, strict=True))
    tag = dict(zip(jieba_words, tags, strict=True))
    total = sum(numbers)
    idiom_words = idioms.all_words()
    for word in sorted(idiom_words):
        freq[word], tag[word] = IDIOM_FREQ, "i"
        total += IDIOM_FREQ
    own = frozenset(jieba_words)
    known = own | idiom_words
    for word in sorted(cedict.headwords()):
        if word in known or len(word) < 2 or not is_han_word(word):
            continue
        freq[word] = CEDICT_WORD_FREQ
        tag[word] = "nz" if cedict.is_proper_noun(word) else "n"
        total += CEDICT_WORD_FREQ
    return pack_lexicon(freq, tag, own, total, hmm_tables())


def pack_lexicon(
    freq: dict[str, int], tag: dict[str, str], own: AbstractSet[str], total: int, hmm: bytes
) -> dict[str, Any]:
    """A lexicon as cache data: words with their frequency and tag, which of them
    jieba's own dictionary has, the total count and the marshalled HMM tables."""
    words = packed.trie(freq)
    keys = list(freq)
    order = packed.id_order(words, keys)
    tag_names = sorted(set(tag.values()))
    index = {name: i for i, name in enumerate(tag_names)}
    counts_by_key = list(freq.values())
    tags_by_key = list(map(index.__getitem__, map(tag.__getitem__, keys)))
    own_by_key = list(map(own.__contains__, keys))
    return {
        "words": words.tobytes(),
        "freqs": packed.pack_u32(map(counts_by_key.__getitem__, order)),
        "tags": bytes(map(tags_by_key.__getitem__, order)),
        "tag_names": tuple(tag_names),
        "in_jieba": bytes(map(own_by_key.__getitem__, order)),
        "total": total,
        "max_len": max(map(len, freq), default=1),
        "hmm": hmm,
    }


# jieba.finalseg's word HMM: start, transition and emission log-probabilities.
_WORD_HMM_TABLES = ("prob_start", "prob_trans", "prob_emit")


@cache
def load_word_hmm() -> tuple[Any, ...]:
    """jieba's word HMM tables (``jieba.finalseg``: start, transition and emission
    log-probabilities by state B, M, E, S), built into the cache folder once."""
    files = [jieba_file("finalseg", f"{name}.py") for name in _WORD_HMM_TABLES]
    data = cached_data(
        "word_hmm", source_key(files, 1), lambda: {"tables": _marshalled_tables(files)}
    )
    tables: tuple[Any, ...] = marshal.loads(data["tables"])
    return tables


@cache
def load_lexicon() -> Lexicon:
    """The merged dictionary, loaded once per process (built into the cache folder once)."""
    key = source_key(_sources(), _FORMAT, CEDICT_WORD_FREQ, IDIOM_FREQ)
    return Lexicon.from_data(cached_data("lexicon", key, _build))
