"""The collection database inside a package: Anki's schema 11 (".anki2"), as genanki
0.13 writes it.

flashgen wrote its decks with genanki until it wrote them itself (genanki's file
writer cannot be made reproducible, and its per-note objects were most of the time of
writing a class).  The rows and JSON here are genanki's, value for value and in its
order, quirks included, so that a deck built now has the bytes one built then had
(``tests/test_deck.py`` compares the database with the one genanki's public API writes):

- ``schema/tables.sql``: the tables and indexes (SQLite keeps each ``CREATE``
  statement's text in the file, so its spacing is part of the bytes);
- ``schema/col.sql``: the collection's one ``col`` row: version 11, the collection
  options (``conf``), the Default deck and its options group (``dconf``);
- then, deck by deck, the ``col`` row's ``decks`` and ``models`` JSON updated as genanki
  updates them (:func:`note_type_json`, :func:`_deck_json`), and the deck's notes, each
  followed by its cards.

A note's cards are decided as genanki decides them: a cloze note gets a card for each
cloze number in its cloze fields; a standard note one per template whose front shows a
field (:func:`_requirements`, Anki's former ``req``, written into the note type too).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import itertools
import json
import re
import sqlite3
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flashgen.output.anki.notetypes import NoteType
from flashgen.teach.cards import Note


@dataclass(frozen=True, slots=True)
class DeckSpec:
    """One deck of a package: its name (``A::B`` is subdeck B of A) and its notes."""

    name: str
    description: str
    notes: Sequence[Note]


def deck_id(name: str) -> int:
    """A stable id for a deck name, in the range genanki recommends for ids.

    >>> deck_id("news") == deck_id("news") != deck_id("News")
    True
    """
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
# Two base-91 digits at a time: half the divisions.
_BASE91_PAIRS = [a + b for a in _BASE91 for b in _BASE91]


def guid(*values: str) -> str:
    """A note's GUID from its identity, as genanki's ``guid_for`` makes it (the first 8
    bytes of a SHA-256 in Anki's base 91, without leading zeros): the GUIDs of notes
    users already have.

    >>> guid("游说", "you2shui4")
    'F<&JL?-%v@'
    """
    digest = hashlib.sha256("__".join(values).encode("utf-8")).digest()
    n = int.from_bytes(digest[:8], "big")
    out = []
    while n:
        n, r = divmod(n, 91 * 91)
        out.append(_BASE91_PAIRS[r])
    return "".join(reversed(out)).lstrip(_BASE91[0])


# Anki's default LaTeX header and footer for a note type (genanki writes them too).
_LATEX_PRE = (
    "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
    "\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n"
    "\\setlength{\\parindent}{0in}\n\\begin{document}\n"
)
_LATEX_POST = "\\end{document}"


def note_type_json(note_type: NoteType, timestamp: float, deck: int) -> dict[str, Any]:
    """``note_type`` as the ``models`` JSON holds it, written by deck ``deck`` (genanki's
    ``Model.to_json``, keys in its order)."""
    return {
        "css": note_type.css,
        "did": deck,
        "flds": [
            {
                "name": f.name,
                "id": f.id,
                "ord": i,
                "font": "Liberation Sans",
                "media": [],
                "rtl": False,
                "size": 20,
                "sticky": False,
            }
            for i, f in enumerate(note_type.fields)
        ],
        "id": str(note_type.id),
        "latexPost": _LATEX_POST,
        "latexPre": _LATEX_PRE,
        "latexsvg": False,
        "mod": int(timestamp),
        "name": note_type.name,
        "req": _requirements(note_type),
        "sortf": 0,
        "tags": [],
        "tmpls": [
            {
                "name": t.name,
                "qfmt": t.front,
                "afmt": t.back,
                "id": t.id,
                "ord": i,
                "bafmt": "",
                "bqfmt": "",
                "bfont": "",
                "bsize": 0,
                "did": None,
            }
            for i, t in enumerate(note_type.templates)
        ],
        "type": 1 if note_type.cloze else 0,
        "usn": -1,
        "vers": [],
    }


def _deck_json(did: int, name: str, description: str) -> dict[str, Any]:
    # genanki's Deck.to_json: the "today" counters and "mod" are constants it took
    # from a collection of its author's; Anki resets them on import.
    return {
        "collapsed": False,
        "conf": 1,
        "desc": description,
        "dyn": 0,
        "extendNew": 0,
        "extendRev": 50,
        "id": did,
        "lrnToday": [163, 2],
        "mod": 1425278051,
        "name": name,
        "newToday": [163, 2],
        "revToday": [163, 0],
        "timeToday": [163, 23598],
        "usn": -1,
    }


@cache
def _requirements(note_type: NoteType) -> list[list[Any]]:
    """For each template, ``[ord, "all" | "any", field ords]``: a card is made when all
    (or any) of those fields are filled.  genanki's rule (Anki's before 2.1.28): the
    fields without which the front shows no field; if there are none, those any of which
    alone makes it show one.
    """
    names = [f.name for f in note_type.fields]
    req: list[list[Any]] = []
    for ord_, template in enumerate(note_type.templates):
        need = [
            i for i, n in enumerate(names) if not _shows_a_field(template.front, set(names) - {n})
        ]
        if need:
            req.append([ord_, "all", need])
            continue
        need = [i for i, n in enumerate(names) if _shows_a_field(template.front, {n})]
        if not need:
            raise ValueError(f"{note_type.name}: the front of {template.name} shows no field")
        req.append([ord_, "any", need])
    return req


# A mustache tag: {{Field}}, {{#Field}} … {{/Field}}, {{^Field}} … {{/Field}}.
_TAG = re.compile(r"{{\s*([#^/]?)\s*(.*?)\s*}}")


def _shows_a_field(front: str, filled: set[str]) -> bool:
    """Whether ``front`` rendered with the ``filled`` fields non-empty, the others empty,
    shows a field value.  genanki renders it with chevron (a mustache renderer) and looks
    for the value; so does this, for the mustache our templates use.  A name with a
    filter (``cloze:Text``) names no field to chevron, so it shows nothing here either.
    """
    shown = [True]  # whether each enclosing section renders
    for tag in _TAG.finditer(front):
        kind, name = tag.groups()
        if name[:1] in ("!", "{", "&", ">", "="):
            raise ValueError(f"unsupported template tag {tag.group()!r}")
        if kind == "/":
            shown.pop()
        elif kind:  # a section: "#" renders for a filled field, "^" for an empty one
            shown.append(shown[-1] and (name in filled) == (kind == "#"))
        elif shown[-1] and name in filled:
            return True
    return False


CardRule = Callable[[Sequence[str]], list[int]]


def card_rule(note_type: NoteType) -> CardRule:
    """The template ords of the cards a note of ``note_type`` with these fields gets."""
    if note_type.cloze:
        # The fields the first template's front clozes; a card for each {{cN::…}} in
        # them (no cloze, no card).  genanki's expressions, {{…cloze:X}} and <%cloze:X%>.
        front = note_type.templates[0].front
        names = set(
            re.findall(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}", front)
            + re.findall("<%cloze:(.+?)%>", front)
        )
        field_names = [f.name for f in note_type.fields]
        where = [field_names.index(n) if n in field_names else -1 for n in names]

        def cloze(fields: Sequence[str]) -> list[int]:
            ords: set[int] = set()
            for i in where:
                value = fields[i] if i >= 0 else ""
                ords.update(int(m) - 1 for m in _CLOZE_NUMBER.findall(value) if int(m) > 0)
            return list(ords)

        return cloze
    req = [
        (ord_, all if how == "all" else any, tuple(fields))
        for ord_, how, fields in _requirements(note_type)
    ]

    def front_back(fields: Sequence[str]) -> list[int]:
        return [ord_ for ord_, op, need in req if op(fields[i] for i in need)]

    return front_back


_CLOZE_NUMBER = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)

# A "<" that opens no HTML tag or comment: a field whose text was not escaped
# (genanki's expression; it warns about such fields, and so do we).
_INVALID_HTML_TAG = re.compile(r"<(?!/?[a-zA-Z0-9]+(?: .*|/?)>|!--|!\[CDATA\[)(?:.|\n)*?>")


def _check_html(fields: Sequence[str]) -> None:
    for value in fields:
        if "<" in value:
            invalid = _INVALID_HTML_TAG.findall(value)
            if invalid:
                warnings.warn(
                    "Field contained the following invalid HTML tags. Make sure "
                    "you are calling html.escape() if your field data isn't "
                    "already HTML-encoded: " + " ".join(invalid),
                    stacklevel=4,  # the caller of write_package
                )


class DeckRows:
    """One deck's notes as rows: (guid, note type id, fields, sort field, tags) per note,
    (note index, template ord, due) per card.  Its note types are those its notes use,
    in the order they first do.  A card's due is its note's place in the order of study
    for that card's kind (the template's name), else the note's position."""

    __slots__ = ("cards", "id", "note_types", "notes", "spec")

    def __init__(
        self, spec: DeckSpec, note_types: dict[str, NoteType | None], rules: dict[str, CardRule]
    ) -> None:
        self.id = deck_id(spec.name)
        self.spec = spec
        self.note_types: dict[int, NoteType] = {}
        self.notes: list[tuple[str, int, str, str, str]] = []
        self.cards: list[tuple[int, int, int]] = []
        for note in spec.notes:
            note_type = note_types[note.model]
            if note_type is None:
                continue
            fields = note.fields
            if len(fields) != len(note_type.fields):
                raise ValueError(
                    f"{note_type.name} has {len(note_type.fields)} fields, "
                    f"a {note.model} note {len(fields)}"
                )
            _check_html(fields)
            self.note_types[note_type.id] = note_type
            index = len(self.notes)
            # The sort field is the first field.
            # genanki's tags column: " " + " ".join(tags) + " " (two spaces for none).
            tags = f" {' '.join(note.tags)} "
            self.notes.append(
                (guid(*note.identity), note_type.id, "\x1f".join(fields), fields[0], tags)
            )
            due: dict[str, int] = dict(note.due)
            self.cards.extend(
                (index, ord_, due.get(_kind(note_type, ord_), note.position))
                for ord_ in rules[note.model](fields)
            )

    def write(self, cursor: sqlite3.Cursor, timestamp: float, ids: Iterator[int]) -> None:
        mod, did = int(timestamp), self.id
        cards = iter(self.cards)
        card = next(cards, None)
        # One row at a time, each note followed by its cards: the order of the inserts
        # decides which database pages each table gets, so it is genanki's order.
        for index, (guid_, mid, flds, sfld, tags) in enumerate(self.notes):
            note_id = next(ids)
            cursor.execute(_INSERT_NOTE, (note_id, guid_, mid, mod, -1, tags, flds, sfld, 0, 0, ""))
            while card is not None and card[0] == index:
                # id, nid, did, ord, mod, usn, then type, queue, due, … (new cards)
                cursor.execute(
                    _INSERT_CARD,
                    (next(ids), note_id, did, card[1], mod, -1, 0, 0, card[2], *_NEW_CARD),
                )
                card = next(cards, None)


def _kind(note_type: NoteType, ord_: int) -> str:
    # A cloze note type has one template whatever the cloze number: its card is a cloze.
    if note_type.cloze:
        return "cloze"
    return note_type.templates[ord_].name.lower()


_INSERT_NOTE = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);"
_INSERT_CARD = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);"
# ivl, factor, reps, lapses, left, odue, odid, flags, data of a card never studied
_NEW_CARD = (0, 0, 0, 0, 0, 0, 0, 0, "")


def write_collection(db: Path, decks: Sequence[DeckRows], timestamp: float) -> None:
    """Write ``decks`` to the new database ``db``.  Note and card ids count up from
    ``timestamp`` in milliseconds; their modification times are ``timestamp``."""
    conn = sqlite3.connect(db)
    try:
        cursor = conn.cursor()
        # A temporary file, zipped and deleted: nothing to sync.  (Not journal_mode: it
        # changes the file change counter in the database's header.)
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.executescript(_schema("tables.sql"))
        cursor.executescript(_schema("col.sql"))
        ids = itertools.count(int(timestamp * 1000))
        decks_json, models_json = cursor.execute("SELECT decks, models FROM col").fetchone()
        # genanki reads the decks back before adding each deck; they are what it wrote
        # last (plain JSON, so reading it back gives the same dict), so they are kept
        # here instead of parsed again, each entry encoded once (json.dumps of a dict is
        # its entries' encodings joined): 200 lessons made both quadratic.
        all_decks = {key: _json_entry(key, value) for key, value in json.loads(decks_json).items()}
        for deck in decks:
            key = str(deck.id)
            all_decks[key] = _json_entry(
                key, _deck_json(deck.id, deck.spec.name, deck.spec.description)
            )
            cursor.execute("UPDATE col SET decks = ?", ("{" + ", ".join(all_decks.values()) + "}",))
            # The models are read back as genanki does: it adds them under int keys,
            # which the JSON then holds twice (as text) until the next read.
            models = json.loads(models_json)
            models.update(
                {nt.id: note_type_json(nt, timestamp, deck.id) for nt in deck.note_types.values()}
            )
            models_json = json.dumps(models)
            cursor.execute("UPDATE col SET models = ?", (models_json,))
            deck.write(cursor, timestamp, ids)
        conn.commit()
    finally:
        conn.close()


def _json_entry(key: str, value: Any) -> str:
    return f"{json.dumps(key)}: {json.dumps(value)}"


@cache
def _schema(name: str) -> str:
    folder = importlib.resources.files(__name__.rpartition(".")[0]) / "schema"
    return (folder / name).read_text(encoding="utf-8")
