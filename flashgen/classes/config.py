"""A class folder's settings: its ``flashgen.toml``, and the word lists it names.

A teacher keeps one folder per class; a folder holding a ``flashgen.toml`` is a class
and the texts inside are its lessons.  Every key is optional (an empty file is a class
with the defaults):

- ``name``: the class name (default: the folder's name, filled in by the caller);
- ``deck_name``: the deck of each lesson, a template with ``{class}``, ``{number}``,
  ``{title}`` and ``{file}`` (see :func:`render_deck_name`);
- ``known_words``: a word list, or a list of them, relative to the toml's folder;
- ``known_hsk``: words of HSK levels 1..N are known (0..9);
- ``max_new_words``: at most this many new words per lesson, the most useful (0: no
  limit);
- ``min_zipf``: words rarer than this in general Chinese are skipped (0..8);
- ``cards``: which cards to make, from ``recognition``, ``recall``, ``cloze``;
- ``cloze_hint``: what a cloze gap shows: ``pinyin``, ``meaning`` or ``none``;
- ``audio``: whether notes carry the pronunciation of the word and the sentence;
- ``include_names``, ``include_idioms``: whether names and idioms get cards;
- ``corrections``: a teacher's corrections file (or a list), relative to the toml's
  folder (see :mod:`flashgen.teach.corrections`);
- ``known_collection``: a learner's Anki ``collection.anki2`` (or a list), whose
  flashgen words count as known (read-only: see :mod:`flashgen.classes.collection`).

A mistake in the file stops everything (it applies to every lesson), so each one is a
:class:`~flashgen.errors.UsageError` whose one-line message names the file, the key
and what to write instead.  Everything is checked at load time, including that the
word lists exist and that ``deck_name`` has no unknown placeholder, so that nothing
fails halfway through a class.
"""

from __future__ import annotations

import csv
import difflib
import html
import json
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast, get_args

from flashgen.datatypes import CARD_KINDS, CardKind, ClozeHint
from flashgen.errors import InputError, UsageError
from flashgen.teach.select import MIN_ZIPF
from flashgen.text.decode import read_text
from flashgen.text.script import HAN, to_simplified

__all__ = [
    "CONFIG_NAME",
    "CardKind",
    "ClassConfig",
    "ClozeHint",
    "load_class_config",
    "read_known_words",
    "render_deck_name",
]

CLOZE_HINTS: tuple[ClozeHint, ...] = get_args(ClozeHint)

CONFIG_NAME = "flashgen.toml"
DECK_PLACEHOLDERS = ("class", "number", "title", "file")
DEFAULT_DECK_TEMPLATE = "{class}::{number} {title}"
DEFAULT_MAX_NEW = 40
DEFAULT_MIN_ZIPF = MIN_ZIPF


@dataclass(frozen=True, slots=True)
class ClassConfig:
    """The settings of one class; the defaults are those of an empty ``flashgen.toml``."""

    name: str | None = None  # None: the caller uses the folder's name
    deck_template: str = DEFAULT_DECK_TEMPLATE  # checked by load_class_config
    known_words: tuple[Path, ...] = ()  # resolved, existing word-list files
    known_hsk: int = 2  # 0..9; 0 knows no HSK level
    # New words per lesson (text), the most useful (see flashgen.teach.plan.score); 0
    # or None: no limit.  40 words (about 120 cards) is a week of Anki's default 20 new
    # cards a day, and what a news article of 1,500 characters yields well over.
    max_new_words: int | None = DEFAULT_MAX_NEW
    min_zipf: float = DEFAULT_MIN_ZIPF  # rarer words are skipped unless HSK 1–6 has them
    cards: frozenset[CardKind] = frozenset(CARD_KINDS)  # never empty
    # The gap shows nothing by default: the front has the whole English sentence, so
    # the learner recalls the word from its meaning in context; a pinyin hint would
    # turn that into writing down a sound, a meaning hint would repeat the Recall card.
    cloze_hint: ClozeHint = "none"
    audio: bool = False
    include_names: bool = False
    include_idioms: bool = True
    corrections: tuple[Path, ...] = ()  # resolved, existing corrections files
    known_collection: tuple[Path, ...] = ()  # resolved, existing Anki collections


# --- flashgen.toml ---------------------------------------------------------------------


def load_class_config(path: Path) -> ClassConfig:
    """The settings in the ``flashgen.toml`` at ``path``, checked.

    Raises :class:`UsageError` (one line naming ``path``, the key and the fix) for an
    unreadable or invalid file, an unknown key, a value of the wrong kind, a word list
    that does not exist, or a ``deck_name`` with an unknown placeholder.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     toml = Path(d) / CONFIG_NAME
    ...     _ = toml.write_text('name = "3A"\\nknown_hsk = 3\\ncards = ["cloze"]\\n')
    ...     config = load_class_config(toml)
    >>> config.name, config.known_hsk, sorted(config.cards), config.cloze_hint
    ('3A', 3, ['cloze'], 'none')
    """
    path = Path(path)
    table = _parse(path)
    check = _Checker(path)
    known = check.fields()
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            maybe = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(f"{path}: unknown key '{key}'{maybe} — known keys: {', '.join(known)}")
    fields: dict[str, Any] = {
        field: convert(key, table[key]) for key, (field, convert) in known.items() if key in table
    }
    return ClassConfig(**fields)


def _parse(path: Path) -> dict[str, object]:
    # read_text, not tomllib.load: a toml saved by Notepad may carry a BOM or be
    # UTF-16, and a Word file saved as flashgen.toml deserves its usual message.
    try:
        text = read_text(path)
    except InputError as e:
        raise UsageError(str(e)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        problem = " ".join(str(e).split())  # the message carries "(at line L, column C)"
        raise UsageError(
            f"{path}: not valid TOML: {problem} — fix that line (text values "
            'need quotes: name = "3A"; lists need brackets: '
            'cards = ["recall"])'
        ) from None


class _Checker:
    """Turns each toml value into a field value, or raises naming the file and key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fields(self) -> dict[str, tuple[str, Callable[[str, object], object]]]:
        """Each toml key's ClassConfig field and converter, in the order of the docs."""
        return {
            "name": ("name", self.name),
            "deck_name": ("deck_template", self.template),
            "known_words": ("known_words", self.word_lists),
            "known_hsk": ("known_hsk", self.hsk),
            "max_new_words": ("max_new_words", self.limit),
            "min_zipf": ("min_zipf", self.zipf),
            "cards": ("cards", self.card_kinds),
            "cloze_hint": ("cloze_hint", self.cloze_hint),
            "audio": ("audio", self.flag),
            "include_names": ("include_names", self.flag),
            "include_idioms": ("include_idioms", self.flag),
            "corrections": ("corrections", self.corrections),
            "known_collection": ("known_collection", self.collections),
        }

    def fail(self, key: str, must: str, value: object, hint: str = "") -> UsageError:
        return UsageError(
            f"{self.path}: '{key}' must be {must}, not {_show(value)}"
            + (f" — {hint}" if hint else "")
        )

    def name(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                key, "a non-empty text in quotes", value, "leave it out to use the folder's name"
            )
        return " ".join(value.split())

    def template(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            raise self.fail(key, "a text in quotes", value, f'e.g. "{DEFAULT_DECK_TEMPLATE}"')
        problem = template_problem(value)
        if problem:
            raise UsageError(f"{self.path}: '{key}' {problem}")
        return value

    def word_lists(self, key: str, value: object) -> tuple[Path, ...]:
        return self.files(key, value, "a word list", '["known.txt", "anki-export.txt"]')

    def corrections(self, key: str, value: object) -> tuple[Path, ...]:
        return self.files(key, value, "a corrections file", '"corrections.tsv"')

    def collections(self, key: str, value: object) -> tuple[Path, ...]:
        return self.files(key, value, "an Anki collection.anki2", '"collection.anki2"')

    def files(self, key: str, value: object, what: str, example: str) -> tuple[Path, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise self.fail(
                key,
                "a file path in quotes or a list of them",
                value,
                f"e.g. {key} = {example}",
            )
        paths: dict[Path, None] = {}  # ordered, without repeats
        for item in cast(list[str], items):
            # Relative paths are relative to the toml, not to wherever flashgen runs.
            given = Path(item.strip()).expanduser()
            resolved = (self.path.parent / given).resolve()
            if not resolved.is_file():
                problem = "is a folder" if resolved.is_dir() else "does not exist"
                named = _show(item) + (f" ({resolved})" if str(given) != str(resolved) else "")
                raise UsageError(
                    f"{self.path}: '{key}' file {named} {problem} — give "
                    f"the path of {what} (relative paths start at the "
                    f"folder of {CONFIG_NAME})"
                )
            paths[resolved] = None
        return tuple(paths)

    def hsk(self, key: str, value: object) -> int:
        if not _is_int(value) or not 0 <= cast(int, value) <= 9:
            raise self.fail(
                key,
                "a whole number from 0 to 9",
                value,
                "known_hsk = 3 skips the words of HSK 1–3; 0 skips none",
            )
        return cast(int, value)

    def limit(self, key: str, value: object) -> int:
        if not _is_int(value) or cast(int, value) < 0:
            raise self.fail(key, "a whole number", value, "0 for no limit")
        return cast(int, value)

    def zipf(self, key: str, value: object) -> float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not 0 <= cast(float, value) <= 8:
            raise self.fail(
                key,
                "a number from 0 to 8",
                value,
                "3 skips words rarer than once in a million; 0 skips none",
            )
        return float(cast(float, value))

    def card_kinds(self, key: str, value: object) -> frozenset[CardKind]:
        # One kind written without brackets is unambiguous; accept it.
        items = [value] if isinstance(value, str) else value
        kinds = ", ".join(f'"{k}"' for k in CARD_KINDS)
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            unknown = [i for i in items if i not in CARD_KINDS]
            if unknown:
                raise UsageError(
                    f"{self.path}: '{key}' has an unknown kind {_show(unknown[0])} — use {kinds}"
                )
        if not isinstance(items, list) or not items or not all(i in CARD_KINDS for i in items):
            raise self.fail(
                key, f"a non-empty list of {kinds}", value, 'e.g. cards = ["recognition", "cloze"]'
            )
        return frozenset(cast(list[CardKind], items))

    def cloze_hint(self, key: str, value: object) -> ClozeHint:
        if not isinstance(value, str) or value not in CLOZE_HINTS:
            raise self.fail(key, " or ".join(f'"{h}"' for h in CLOZE_HINTS), value)
        return value  # narrowed: one of CLOZE_HINTS

    def flag(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "true or false (without quotes)", value)
        return value


def _is_int(value: object) -> bool:
    # bool is a subclass of int: known_hsk = true must not mean level 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: object) -> str:
    """``value`` as it would be written in TOML, cut short: for error messages."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        return "a table"
    elif isinstance(value, list):
        shown = "[" + ", ".join(_show(v) for v in value) + "]"
    else:
        shown = str(value)
    shown = " ".join(shown.split())
    return shown if len(shown) <= 60 else shown[:57] + "..."


# --- deck names ------------------------------------------------------------------------

_PLACEHOLDER_LIST = ", ".join("{" + p + "}" for p in DECK_PLACEHOLDERS)


def template_problem(template: str) -> str | None:
    """What is wrong with a deck name template, or None if it can be rendered.

    >>> template_problem("{class}::{number} {title}") is None
    True
    >>> print(template_problem("{class}::{teacher}"))
    has an unknown placeholder {teacher} — use {class}, {number}, {title} or {file}
    """
    use = f"use {_PLACEHOLDER_LIST.rsplit(', ', 1)[0]} or {{{DECK_PLACEHOLDERS[-1]}}}"
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return (
            "has a stray { or } — braces only go around a placeholder: "
            f"{_PLACEHOLDER_LIST} (write {{{{ or }}}} for a brace itself)"
        )
    for _, field, spec, conversion in fields:
        if field is None:
            continue
        if field not in DECK_PLACEHOLDERS:
            return f"has an unknown placeholder {{{field}}} — {use}"
        if spec or conversion:
            written = (
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            return f"has {written}: placeholders take no format — write {{{field}}}"
    if not template.strip():
        return f'is empty — {use}, e.g. "{DEFAULT_DECK_TEMPLATE}"'
    return None


# Characters that cannot be in a deck name: control characters (Anki drops them, and
# \x1f is its own separator of deck name parts).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COLONS = re.compile(r":{2,}")


def render_deck_name(template: str, *, class_name: str, number: str, title: str, file: str) -> str:
    """The deck name for one lesson, safe for Anki.

    ``::`` separates subdecks.  It may come from the template or the class name (a
    class named ``Chinese::3A`` is nested on purpose), but not from a lesson's title,
    number or file name, where it is an accident: there it becomes ``:``.  Whitespace
    is collapsed and trimmed around each part, empty parts are dropped, and a name
    left empty becomes ``file`` (or ``flashgen``).  Raises :class:`UsageError` for a
    template that :func:`template_problem` refuses.

    >>> render_deck_name("{class}::{number} {title}", class_name="3A", number="03",
    ...                  title="在饭馆", file="03-restaurant")
    '3A::03 在饭馆'
    >>> render_deck_name("{class}::{number} {title}", class_name="3A", number="",
    ...                  title=" ", file="notes")
    '3A'
    >>> render_deck_name("{title}", class_name="3A", number="", title="", file="notes")
    'notes'
    """
    problem = template_problem(template)
    if problem:
        raise UsageError(f"deck name {template!r} {problem}")
    values = {
        "class": class_name,
        "number": _no_subdeck(number),
        "title": _no_subdeck(title),
        "file": _no_subdeck(file),
    }
    name = "".join(
        literal + (values[field] if field is not None else "")
        for literal, field, _, _ in string.Formatter().parse(template)
    )
    return _clean_deck_name(name) or _clean_deck_name(_no_subdeck(file)) or "flashgen"


def _no_subdeck(value: str) -> str:
    return _COLONS.sub(":", value)


def _clean_deck_name(name: str) -> str:
    parts = (" ".join(_CONTROL.sub(" ", part).split()) for part in name.split("::"))
    return "::".join(part for part in parts if part)


# --- known words -----------------------------------------------------------------------

# Anki's export header (2.1.55+): "#separator:tab", "#html:true", "#guid column:1", …
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
_HEADER = re.compile(r"#(\w[\w ]*?):(.*)")
# Columns Anki puts before the note's fields when asked to: never the word.
_NOT_FIELDS = ("guid column", "notetype column", "deck column", "tags column")
_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def read_known_words(paths: Iterable[Path]) -> frozenset[str]:
    """Every word in the word lists at ``paths``, in its own and its simplified form.

    A list is plain text with one word per line (after the word, a space and anything
    else may follow), or a TSV/CSV export from Anki or Pleco whose first column is the
    word.  The format is told from the content: an Anki ``#separator:`` header decides;
    otherwise a tab makes it TSV, else a comma CSV, else plain.  Lines starting with
    ``#`` (Anki's header) or ``//`` (Pleco's categories) are skipped, and so are
    entries without a Chinese character (column headings).  In the word, HTML is
    reduced to text, ``[sound:…]`` and ruby readings (``你[nǐ]好[hǎo]``) are dropped,
    and Pleco's ``简体[繁體]`` gives both forms.

    Raises :class:`UsageError` naming a list that is missing or not text: a word list
    is configuration, used by every lesson.
    """
    words: set[str] = set()
    for path in paths:
        path = Path(path)
        try:
            st = path.stat()
            version: tuple[int, int] | None = (st.st_size, st.st_mtime_ns)
        except OSError:
            version = None  # _read_list says what is wrong
        words |= _list_file_words(path, version)
    return frozenset(words)


@lru_cache(maxsize=64)
def _list_file_words(path: Path, version: tuple[int, int] | None) -> frozenset[str]:
    """One list's words and their simplified forms, read once per run for as long as the
    file is unchanged (``version``: its size and modification time), so that a list
    shared by every class of a term is not read again for each."""
    words = set(_list_words(_read_list(path)))
    return frozenset(words | set(map(to_simplified, words)))


def _read_list(path: Path) -> str:
    if path.suffix.lower() in (".apkg", ".colpkg"):
        raise UsageError(
            f"{path}: is an Anki package, not a word list — in Anki, use "
            "File → Export → Notes in Plain Text (.txt) and list that file"
        )
    if not path.exists():
        raise UsageError(f"{path}: known-words file not found — check the path")
    try:
        return read_text(path)
    except InputError as e:
        raise UsageError(str(e)) from None


def _list_words(text: str) -> Iterable[str]:
    lines = text.split("\n")
    headers = dict(_header(line) for line in lines if _HEADER.fullmatch(line.strip()))
    entries = [line for line in lines if line.strip() and not line.lstrip().startswith(("#", "//"))]
    separator = _SEPARATORS.get(headers.get("separator", "").lower())
    if separator is None:
        if any("\t" in line for line in entries):
            separator = "\t"
        elif any("," in line for line in entries):
            separator = ","
    column = _word_column(headers)
    for line in entries:
        if separator is None:
            yield from _words_of_field(line)
            continue
        # One line at a time: a stray quote in a Pleco meaning must not swallow the
        # lines after it.  (A quoted field with a line break, in some later column,
        # leaves a line of that field as an entry: a sentence, never a word of a text.)
        row = next(csv.reader([line], delimiter=separator), [])
        if len(row) > column:
            yield from _words_of_field(row[column])


def _header(line: str) -> tuple[str, str]:
    match = _HEADER.fullmatch(line.strip())
    assert match is not None
    return match[1].strip().lower(), match[2].strip()


def _word_column(headers: Mapping[str, str]) -> int:
    """The index of the first column that holds a note field (Anki may put a note's
    guid, note type, deck or tags in columns of their own, numbered from 1)."""
    taken = {int(headers[h]) - 1 for h in _NOT_FIELDS if headers.get(h, "").isdigit()}
    return min(set(range(len(taken) + 1)) - taken)


def known_words_of_field(field: str) -> list[str]:
    """The word(s) a field of an exported or collected note holds (see below)."""
    return _words_of_field(field)


def _words_of_field(field: str) -> list[str]:
    """The word (and, from Pleco, its other form) a first column holds: its text up to
    the first space, without HTML, ``[sound:…]`` or bracketed readings.

    >>> _words_of_field("<b>词语</b>[詞語]&nbsp;")
    ['词语', '詞語']
    >>> _words_of_field("你好 nǐhǎo hello")
    ['你好']
    >>> _words_of_field("[sound:x.mp3]卡拉OK[kǎlā OK]"), _words_of_field("你[nǐ]好[hǎo]")
    (['卡拉OK'], ['你好'])
    >>> _words_of_field("Hanzi")
    []
    """
    text = _SOUND.sub("", html.unescape(_TAG.sub("", field)))
    # Readings in brackets go first: they may hold spaces (电话[diàn huà]).
    text = _BRACKETS.sub(lambda m: m[0] if HAN.search(m[1]) else "", text)
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    pleco = re.fullmatch(r"([^\[\]]+)\[([^\[\]]+)\]", first)  # simplified[traditional]
    forms = [pleco[1], pleco[2]] if pleco else [first]
    return [form for form in forms if HAN.search(form)]
