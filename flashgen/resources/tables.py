"""Compact read-only tables for the big lexicons: a trie of words and flat arrays.

CC-CEDICT, the idiom list and the segmenter's dictionary hold hundreds of thousands of
words.  As Python dicts they took seconds to load and hundreds of megabytes; kept as a
marisa trie (word -> id, a few megabytes, loaded in a millisecond) and byte strings
indexed by that id, they load as fast as the file can be read, take the size of the
file, and decode only what is looked up.  These are the pieces the caches are made of
(see :mod:`flashgen.resources.cache`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import accumulate
from typing import Any, TypeVar

# Tables are bytes, or memoryviews into a cache file (what flashgen.resources.cache hands out).
Buffer = bytes | memoryview
V = TypeVar("V")


def trie(words: Iterable[str]) -> Any:
    """A marisa trie of ``words``; ``trie.key_id(w)`` numbers them 0..n-1."""
    import marisa_trie

    return marisa_trie.Trie(words)


def load_trie(data: Buffer) -> Any:
    import marisa_trie

    return marisa_trie.Trie().frombytes(bytes(data))


def key_id(words: Any, word: str) -> int | None:
    """The id of ``word`` in the trie ``words``, None when it is not there."""
    try:
        return words.get(word)  # type: ignore[no-any-return]
    except UnicodeEncodeError:  # a lone surrogate: no stored word has one
        return None


def id_order(words: Any, keys: list[str]) -> list[int]:
    """Where each word of the trie ``words`` is in ``keys`` (which holds exactly them),
    by word id: ``[keys.index(w) for w in words ordered by id]``, quickly."""
    order = [0] * len(keys)
    for i, k in enumerate(map(words.get, keys)):
        order[k] = i
    return order


def by_id(words: Any, mapping: Mapping[str, V]) -> list[V]:
    """The values of ``mapping``, whose keys are exactly the words of the trie
    ``words``, in word id order (the order the packed tables are stored in)."""
    values = list(mapping.values())
    return [values[i] for i in id_order(words, list(mapping))]


def u32(data: Buffer) -> memoryview:
    """A byte string of uint32 numbers (``array("I")``) as a sequence of ints, uncopied."""
    return memoryview(data).cast("I")


def pack_u32(numbers: Iterable[int]) -> bytes:
    from array import array

    return array("I", numbers).tobytes()


def pack_strings(items: Iterable[str], end: str = "") -> tuple[bytes, bytes]:
    """``items``, each followed by ``end``, as one UTF-8 byte string, and the uint32
    offsets where each starts (and where the last ends): see :class:`Strings`."""
    encoded = [f"{s}{end}".encode() for s in items]
    return b"".join(encoded), pack_u32([0, *accumulate(map(len, encoded))])


class Strings:
    """A read-only list of strings over :func:`pack_strings`'s output; decoded on access."""

    __slots__ = ("_offsets", "_text")

    def __init__(self, text: Buffer, offsets: Buffer) -> None:
        self._text = text
        self._offsets = u32(offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        return str(self._text[self._offsets[i] : self._offsets[i + 1]], "utf-8")
