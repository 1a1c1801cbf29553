"""A teacher's corrections: a TSV file that every build, export, handout and review applies.

The file (UTF-8, tab-separated, as a spreadsheet saves it) starts with the header
``word	pinyin	meaning	action``, optionally followed by ``sentence	english``; other
columns (the review's template adds ``flags``) are ignored.  Each line:

- ``word``: the word (simplified or traditional);
- ``pinyin``: its reading, numbered (``you2 shui4``) or with tone marks (``yóushuì``);
  empty keeps flashgen's;
- ``meaning``: the card's meaning; empty keeps flashgen's;
- ``action``: empty, ``skip`` (never card the word) or ``keep`` (card it even if it is
  known, a grammar word, a name or over the lesson's maximum);
- ``sentence`` + ``english``: that Chinese sentence gets that English (``word`` may be
  empty on such a line).

A corrections file is configuration, like a known-words list: a line that cannot be
read stops the run with one message naming the file and the line
(:class:`~flashgen.errors.UsageError`).  This module only reads the file;
:mod:`flashgen.teach.correct` applies it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from flashgen.errors import InputError, UsageError
from flashgen.language.pinyin.parse import parse_pinyin
from flashgen.text.decode import read_text
from flashgen.text.script import HAN, han_count, to_simplified

Action = Literal["", "skip", "keep"]
COLUMNS = ("word", "pinyin", "meaning", "action")
SENTENCE_COLUMNS = ("sentence", "english")
CORRECTIONS_NAME = "corrections.tsv"  # found beside loose texts
# Where a line came from: (file, line number), for "matched nothing" warnings.
LineId = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Correction:
    file: str
    line: int  # 1-based, as a spreadsheet or editor numbers it
    word: str  # simplified; "" on a line that only corrects a sentence's English
    syllables: tuple[str, ...]  # numbered; () keeps flashgen's reading
    meaning: str  # "" keeps flashgen's meaning
    action: Action
    sentence: str  # "" for none; else the Chinese sentence whose English is ``english``
    english: str

    @property
    def id(self) -> LineId:
        return (self.file, self.line)


@dataclass(frozen=True, slots=True)
class Corrections:
    """Every line of every corrections file that applies to a text, in file order (a
    later line for the same word wins)."""

    lines: tuple[Correction, ...] = ()
    # Derived from ``lines`` by :func:`merge` (a frozen, slotted class cannot cache them);
    # selection asks about every token.
    skip: frozenset[str] = field(default=frozenset())
    keep: frozenset[str] = field(default=frozenset())

    def __bool__(self) -> bool:
        return bool(self.lines)


def merge(lines: Iterable[Correction]) -> Corrections:
    """The lines as one :class:`Corrections` (duplicates of a file given twice dropped)."""
    unique = tuple(dict.fromkeys(lines))
    action: dict[str, Action] = {}
    for c in unique:
        if c.word and c.action:
            action[c.word] = c.action  # the last line for a word decides
    return Corrections(
        unique,
        frozenset(w for w, a in action.items() if a == "skip"),
        frozenset(w for w, a in action.items() if a == "keep"),
    )


def read_corrections(paths: Iterable[Path]) -> Corrections:
    """The corrections in the files at ``paths``; raises :class:`UsageError` naming the
    file (and line) for a missing file, a wrong header or a line that cannot be read."""
    lines: list[Correction] = []
    for path in paths:
        lines.extend(_read_file(Path(path)))
    return merge(lines)


def _read_file(path: Path) -> list[Correction]:
    if not path.is_file():
        raise UsageError(f"{path}: corrections file not found — check the path")
    try:
        text = read_text(path)
    except InputError as e:
        raise UsageError(str(e)) from None
    rows = text.split("\n")
    header = [h.strip().lower() for h in rows[0].lstrip("\ufeff").rstrip("\r").split("\t")]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise UsageError(
            f"{path}:1: a corrections file starts with the header line "
            f"'{chr(9).join(COLUMNS)}' (tab-separated; optional: sentence, english) — "
            f"missing: {', '.join(missing)}"
        )
    where = {name: header.index(name) for name in (*COLUMNS, *SENTENCE_COLUMNS) if name in header}
    out = []
    for number, row in enumerate(rows[1:], start=2):
        cells = row.rstrip("\r").split("\t")
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue  # blank lines and comments
        values = {n: cells[i].strip() if i < len(cells) else "" for n, i in where.items()}
        out.append(_line(path, number, values))
    return out


def _line(path: Path, number: int, v: dict[str, str]) -> Correction:
    def bad(problem: str) -> UsageError:
        return UsageError(f"{path}:{number}: {problem} — fix or delete that line")

    word = to_simplified(v["word"])
    if word and not HAN.search(word):
        raise bad(f"'word' must be a Chinese word, not {v['word']!r}")
    action = v["action"].lower()
    if action not in ("", "skip", "keep"):
        raise bad(f"'action' must be empty, skip or keep, not {v['action']!r}")
    syllables: tuple[str, ...] = ()
    if v["pinyin"]:
        if not word:
            raise bad("a pinyin without a word")
        parsed = parse_pinyin(v["pinyin"], han_count(word))
        if parsed is None:
            raise bad(
                f"{v['pinyin']!r} is not pinyin for the {han_count(word)} character(s) of "
                f"{word} (write e.g. you2 shui4 or yóushuì)"
            )
        syllables = parsed
    sentence, english = v.get("sentence", ""), v.get("english", "")
    if bool(sentence) != bool(english):
        raise bad("'sentence' and 'english' go together: give both, or neither")
    if sentence and not HAN.search(sentence):
        raise bad("'sentence' must be a Chinese sentence of the text")
    if not word and not sentence:
        raise bad("no word and no sentence")
    if v["meaning"] and not word:
        raise bad("a meaning without a word")
    return Correction(
        str(path),
        number,
        word,
        syllables,
        v["meaning"],
        cast(Action, action),
        sentence,
        english,
    )


def sentence_key(text: str) -> str:
    """A Chinese sentence as corrections match it: without any whitespace (a spreadsheet
    may add or drop spaces), in its simplified form."""
    return to_simplified("".join(text.split()))
