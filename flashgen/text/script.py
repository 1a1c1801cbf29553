"""What counts as a Han character: the one definition every stage shares.

〇, CJK Unified Ideographs and Extension A, the compatibility ideographs, and the
whole Supplementary and Tertiary Ideographic Planes (Extensions B-J and the
compatibility supplement: both planes are set aside for CJK ideographs).  Not
included: radicals, strokes, iteration marks (々) and bopomofo, which have no
reading of their own.  Each Han character gets exactly one pinyin syllable.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from functools import cache, lru_cache
from importlib.resources.abc import Traversable
from typing import Any

HAN_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_RANGES}]")
# A run of Han characters.
HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
# The middle dots that join the parts of a transliterated name (霍华德·卢特尼克).
NAME_DOTS = "·・•‧･"
DOT_SPLIT = re.compile(f"[{NAME_DOTS}]")


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han character (and so gets a syllable)."""
    return HAN.fullmatch(char) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` has: the number of syllables its reading has."""
    return len(HAN.findall(text))


def is_han_word(text: str) -> bool:
    """Whether ``text`` is non-empty and made of Han characters only."""
    return HAN_RUN.fullmatch(text) is not None


def to_simplified(text: str) -> str:
    """The simplified form of ``text``, with exactly the same length (offsets are shared)."""
    chars, phrases = _t2s_changes()
    if chars.isdisjoint(text) and not phrases.search(text):
        # No dictionary key that changes anything occurs in the text, so OpenCC would
        # return it unchanged (most text is simplified already: 20 times faster, and
        # OpenCC itself is loaded only for a text that needs it).
        return text
    conv = _t2s()
    out: str = conv.convert(text)
    if len(out) == len(text):
        return out
    # A phrase-level conversion changed the length: fall back to characters.
    return "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in text)


def to_traditional(text: str) -> str:
    """OpenCC's phrase-aware traditional form of ``text`` (its own standard: 爲, 裏)."""
    if len(text) <= _WORD_KEPT_MAX_CHARS:
        return _word_traditional(text)
    out: str = _s2t().convert(text)
    return out


# A word's traditional form is asked twice as it is annotated (the card's traditional
# form, and which dictionary row is written so), and words recur: the short ones are
# answered once.  Bounded: 32,768 words of at most 8 characters are a few MB.
_WORD_KEPT_MAX_CHARS = 8


@lru_cache(maxsize=1 << 15)
def _word_traditional(word: str) -> str:
    tables = _s2t_tables() if HAN_RUN.fullmatch(word) is not None else None
    if tables is None:
        out: str = _s2t().convert(word)
        return out
    # OpenCC's s2t for a word of Han characters, from its dictionaries but without its
    # Python implementation's parse tree of node objects, built for every word (a fifth
    # of a word's first sight on Tatoeba).
    return _phrases_then_characters(word, *tables)


def _phrases_then_characters(text: str, phrases: dict[str, str], chars: dict[str, str]) -> str:
    """What OpenCC's dictionary group (phrases, then characters) makes of ``text``, a Han
    run (OpenCC first cuts at punctuation and spaces, which a Han run has none of): the
    longest phrase found, the leftmost of that length, becomes its first value, and the
    text on either side is converted the same way; a piece with no phrase in it is
    converted character by character (each character's first value, or itself)."""
    n = len(text)
    for size in range(n, 1, -1):
        for i in range(n - size + 1):
            values = phrases.get(text[i : i + size])
            if values is not None:
                value = values.split(" ")[0]
                left = _phrases_then_characters(text[:i], phrases, chars) if i else ""
                rest = text[i + size :]
                right = _phrases_then_characters(rest, phrases, chars) if rest else ""
                return left + value + right
    return "".join([chars[c].split(" ")[0] if c in chars else c for c in text])


@cache
def _s2t_tables() -> tuple[dict[str, str], dict[str, str]] | None:
    """OpenCC's s2t dictionaries, phrases and characters (each value: the characters
    OpenCC may write, the first the one it writes).  The dictionaries OpenCC itself
    holds (its group of two), so that they are read and kept once: a copy of our own
    cost 15 MB.  None when OpenCC keeps them otherwise than opencc-python-reimplemented
    0.1 does (an internal attribute): then OpenCC's own convert() is used, slower and
    the same."""
    try:
        (group,) = _s2t()._dict_chain_data
        (_, shortest, phrases), (_, _, chars) = group
    except (AttributeError, TypeError, ValueError):
        return None
    # What _phrases_then_characters relies on: phrases of two characters or more,
    # single characters in the character dictionary.
    if not (isinstance(phrases, dict) and isinstance(chars, dict)):
        return None
    if shortest < 2 or any(len(c) != 1 for c in chars):
        return None
    return phrases, chars


def standard_traditional(simplified: str, written: str) -> str:
    """``written``, a dictionary's traditional form of the word ``simplified``, where
    OpenCC agrees; OpenCC's character where it does not.

    A character of ``written`` is kept when it is the simplified character itself
    (香几, 回流), or what OpenCC gives at that place in one of its standards (s2t, Taiwan,
    Hong Kong: 為 as well as 爲).  In a one-character word, any traditional character
    OpenCC knows for it is kept too: the dictionary's row was chosen by the reading
    (发 fà 髮).  Otherwise the character is a variant (㽞 for 留) or a rare form the
    dictionary chose for no reason OpenCC knows (衝嚮 for 冲向): OpenCC's s2t one stands.

    >>> standard_traditional("冲向", "衝嚮")
    '衝向'
    """
    opencc = to_traditional(simplified)
    if len(written) != len(simplified) or len(opencc) != len(simplified):
        return opencc
    if all(w in (s, o) for s, w, o in zip(simplified, written, opencc, strict=True)):
        return written  # the common case: the Taiwan and Hong Kong converters not loaded
    regional = _s2tw().convert(simplified), _s2hk().convert(simplified)
    known = _s2t_characters()
    out = []
    for i, (s, w) in enumerate(zip(simplified, written, strict=True)):
        kept = w in (s, opencc[i]) or any(len(r) == len(simplified) and r[i] == w for r in regional)
        if not kept and len(simplified) == 1:
            kept = w in known.get(s, ())
        out.append(w if kept else opencc[i])
    return "".join(out)


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _t2s_changes() -> tuple[frozenset[str], re.Pattern[str]]:
    """The keys of OpenCC's t2s dictionaries that change text (OpenCC uses a key's
    first value): the one-character keys as a set, the longer ones as a pattern.

    OpenCC replaces dictionary keys found in the text and nothing else, so a text
    holding none of these comes out unchanged.  Read from the files the package ships
    (its ``config/t2s.json`` names them in ``dictionary/``), as OpenCC reads them: a
    tab between the key and its values, the values separated by spaces.
    """
    chars: set[str] = set()
    phrases: set[str] = set()
    for dictionary in _dictionary_files("t2s"):
        for line in dictionary.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            key, values = line.strip().split("\t")
            if values.split(" ")[0] != key:
                (chars if len(key) == 1 else phrases).add(key)
    pattern = "|".join(map(re.escape, sorted(phrases))) or "(?!)"
    return frozenset(chars), re.compile(pattern)


def _dictionary_files(conversion: str) -> list[Traversable]:
    """The dictionary files OpenCC's ``conversion`` applies, in its configuration's order."""
    package = importlib.resources.files("opencc")
    config = json.loads((package / "config" / f"{conversion}.json").read_text(encoding="utf-8"))
    files: list[Traversable] = []

    def add(entry: dict[str, Any]) -> None:
        # A "group" lists dictionaries tried together; a "txt" entry is one file.
        if entry.get("type") == "group":
            for item in entry["dicts"]:
                add(item)
        elif entry.get("type") == "txt":
            files.append(package / "dictionary" / entry["file"])
        else:
            raise ValueError(f"OpenCC {conversion}: a dictionary of unknown type {entry!r}")

    for step in config["conversion_chain"]:
        add(step["dict"])
    return files


@cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


@cache
def _s2tw() -> Any:
    import opencc

    return opencc.OpenCC("s2tw")


@cache
def _s2hk() -> Any:
    import opencc

    return opencc.OpenCC("s2hk")


@cache
def _s2t_characters() -> dict[str, tuple[str, ...]]:
    """Each simplified character's traditional characters in OpenCC's s2t character
    dictionary (发: 發 髮), read as :func:`_t2s_changes` reads the t2s ones."""
    out: dict[str, tuple[str, ...]] = {}
    for dictionary in _dictionary_files("s2t"):
        for line in dictionary.read_text(encoding="utf-8").splitlines():
            if line.strip():
                key, values = line.strip().split("\t")
                if len(key) == 1:
                    out.setdefault(key, tuple(values.split(" ")))
    return out
