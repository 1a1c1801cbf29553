"""Write notes to an Anki package (.apkg): the note types, the deck, the file.

The only module that touches genanki.  What users' collections depend on is fixed
here and must never change: the note type ids and names, the ids of their fields
and card templates (Anki matches fields by these ids when a changed note type is
imported, so a later field added or renamed updates the note type instead of
forking it), and how deck ids and note GUIDs are derived.

Writing is atomic and reproducible: the package is assembled in temporary files in
the output folder and renamed into place, and everything genanki would take from
the clock (note and card ids, modification times) comes from one ``timestamp`` the
caller chooses, with fixed zip entry metadata, so one timestamp gives one
byte-identical file.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import itertools
import json
import os
import re
import sqlite3
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from flashgen.datatypes import ALL_CARDS
from flashgen.errors import OutputError
from flashgen.teach.cards import CLOZE_FIELDS, VOCAB_FIELDS, Note

VOCAB_MODEL_NAME = "flashgen Chinese Vocab"
CLOZE_MODEL_NAME = "flashgen Chinese Cloze"
# Chosen once at random (genanki's recommended range); never change them.
VOCAB_MODEL_ID = 1353033338
CLOZE_MODEL_ID = 1605062898


# A class that wants only one of the two vocab cards gets a note type of its own:
# Anki makes a card for every template of a note type, so leaving a template out
# means another note type, never an edit of the shared one.  (Switching a class from
# one to another after students imported gives Anki notes of another type under the
# same GUIDs, which it does not convert: choose before term starts.)
_VOCAB_VARIANTS: dict[frozenset[str], tuple[int, str]] = {
    frozenset({"recognition", "recall"}): (VOCAB_MODEL_ID, VOCAB_MODEL_NAME),
    frozenset({"recognition"}): (1748391167, VOCAB_MODEL_NAME + " (recognition only)"),
    frozenset({"recall"}): (1189452783, VOCAB_MODEL_NAME + " (recall only)"),
}

# Field and template ids from the first release, by name; a field added later gets a
# new id here, an existing one keeps its id even if renamed.
_VOCAB_FIELD_IDS = {
    "Hanzi": 181586582729400,
    "Traditional": 901106169653143,
    "Pinyin": 297301951757719,
    "PinyinNumbered": 258692336729588,
    "Meaning": 372312102115299,
    "Classifier": 405007224304336,
    "Kind": 121182313685272,
    "HSK": 787342945432766,
    "Sentence": 448831069584649,
    "SentenceEnglish": 23211508009085,
    "Source": 701339601338638,
}
_CLOZE_FIELD_IDS = {
    "Text": 408771767192631,
    "English": 66768577381490,
    "Word": 941387154507844,
    "Pinyin": 1071089518156425,
    "Meaning": 565828112721516,
    "Source": 415490739257316,
}
_TEMPLATE_IDS = {
    "Recognition": 1097237520564773,
    "Recall": 933346802024418,
    "Cloze": 608101109030389,
}

# Tone colours: the convention of Anki's Chinese Support add-on (red, orange, green,
# blue, grey for the neutral tone), whose ``toneN`` class names we share, so its users
# see the colours they know.  Night mode gets lighter shades of the same hues.
#
# Fonts: Latin fonts first for the card, because CJK fonts draw ’ “ ” full-width (a
# gap after "Nvidia’" in English sentences); Chinese text gets CJK fonts first, and a
# ``lang`` in the templates so that Android, which has no named CJK family, falls back
# to Chinese rather than Japanese glyphs (on a wrapper round the sentence, because
# tools and tests look for ``<div class="sentence">`` as it is).
# Anki desktop, AnkiDroid and AnkiMobile put ``card`` and ``nightMode`` (AnkiDroid also
# ``night_mode``) on <body> in night mode; the descendant forms are for clients that
# wrap the card in an element of its own.
CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC",
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 20px; line-height: 1.5; text-align: center;
  color: #222; background-color: #fff;
  padding: 0.75em; margin: 0; overflow-wrap: anywhere;
}
.hanzi, .sentence {
  font-family: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
    "Microsoft YaHei", sans-serif;
}
.traditional {
  font-family: "PingFang TC", "Noto Sans CJK TC", "Source Han Sans TC",
    "Microsoft JhengHei", sans-serif;
}
.hanzi { font-size: 3em; line-height: 1.2; }
.traditional { font-size: 1.4em; color: #666; }
.pinyin { font-size: 1.4em; }
.meaning { margin: 0.4em auto; max-width: 34em; }
.classifier { font-size: 0.9em; color: #666; }
.source { font-size: 0.8em; color: #777; margin-top: 1.5em; }
.sentence { font-size: 1.5em; margin: 0.8em auto 0.3em; max-width: 24em; }
.english { font-size: 0.9em; color: #555; margin: 0.3em auto; max-width: 34em; }
.sentence b, .english b { font-weight: bold; color: #000; }
.cloze { font-weight: bold; color: #1565c0; }
hr#answer { border: 0; border-top: 1px solid #ccc; margin: 0.6em 0; }
.tone1 { color: #e30000; }
.tone2 { color: #d17f00; }
.tone3 { color: #1a9b1a; }
.tone4 { color: #1f47e0; }
.tone5 { color: #777; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #ddd; background-color: #2f2f31;
}
.nightMode .traditional, .night_mode .traditional,
.nightMode .classifier, .night_mode .classifier,
.nightMode .english, .night_mode .english { color: #bbb; }
.nightMode .source, .night_mode .source { color: #999; }
.nightMode .sentence b, .night_mode .sentence b,
.nightMode .english b, .night_mode .english b { color: #fff; }
.nightMode .cloze, .night_mode .cloze { color: #82b1ff; }
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #555; }
.nightMode .tone1, .night_mode .tone1 { color: #ff6b6b; }
.nightMode .tone2, .night_mode .tone2 { color: #ffb347; }
.nightMode .tone3, .night_mode .tone3 { color: #6ad66a; }
.nightMode .tone4, .night_mode .tone4 { color: #82a8ff; }
.nightMode .tone5, .night_mode .tone5 { color: #aaa; }
@media (max-width: 480px) {
  .card { font-size: 17px; padding: 0.6em 0.75em; }
  .sentence { font-size: 1.3em; }
}
"""

_VOCAB_BACK = """\
<div class="pinyin">{{Pinyin}}</div>
{{#Traditional}}<div class="traditional" lang="zh-Hant">{{Traditional}}</div>{{/Traditional}}
<div class="meaning">{{Meaning}}</div>
{{#Classifier}}<div class="classifier">measure word: {{Classifier}}</div>{{/Classifier}}
<div lang="zh-Hans"><div class="sentence">{{Sentence}}</div></div>
{{#SentenceEnglish}}<div class="english">{{SentenceEnglish}}</div>{{/SentenceEnglish}}
<div class="source">{{Kind}}{{#HSK}} · HSK {{HSK}}{{/HSK}} · {{Source}}</div>"""

_RECOGNITION = {
    "name": "Recognition",
    "qfmt": '<div class="hanzi" lang="zh-Hans">{{Hanzi}}</div>',
    "afmt": '{{FrontSide}}\n<hr id="answer">\n' + _VOCAB_BACK,
}
_RECALL = {
    "name": "Recall",
    "qfmt": """\
<div class="meaning">{{Meaning}}</div>
{{#SentenceEnglish}}<div class="english">{{SentenceEnglish}}</div>{{/SentenceEnglish}}""",
    "afmt": """\
{{FrontSide}}
<hr id="answer">
<div class="hanzi" lang="zh-Hans">{{Hanzi}}</div>
<div class="pinyin">{{Pinyin}}</div>
{{#Traditional}}<div class="traditional" lang="zh-Hant">{{Traditional}}</div>{{/Traditional}}
{{#Classifier}}<div class="classifier">measure word: {{Classifier}}</div>{{/Classifier}}
<div lang="zh-Hans"><div class="sentence">{{Sentence}}</div></div>
<div class="source">{{Kind}}{{#HSK}} · HSK {{HSK}}{{/HSK}} · {{Source}}</div>""",
}
_CLOZE_FRONT = """\
<div lang="zh-Hans"><div class="sentence">{{cloze:Text}}</div></div>
{{#English}}<div class="english">{{English}}</div>{{/English}}"""
_CLOZE = {
    "name": "Cloze",
    "qfmt": _CLOZE_FRONT,
    "afmt": _CLOZE_FRONT
    + """
<hr id="answer">
<div class="pinyin">{{Pinyin}}</div>
<div class="meaning">{{Meaning}}</div>
<div class="source">{{Source}}</div>""",
}


def note_kinds(cards: frozenset[str]) -> frozenset[str]:
    """The kinds of note (``Note.model``) a package with these ``cards`` keeps; notes of
    the other kind are left out of it."""
    kinds = {"vocab"} if cards & {"recognition", "recall"} else set()
    return frozenset(kinds | ({"cloze"} if "cloze" in cards else set()))


def vocab_model(cards: frozenset[str] = ALL_CARDS) -> genanki.Model | None:
    """The vocab note type making the ``cards`` asked for (None if neither vocab card)."""
    wanted = frozenset(cards) & {"recognition", "recall"}
    if not wanted:
        return None
    model_id, name = _VOCAB_VARIANTS[wanted]
    templates = [
        _template(t)
        for kind, t in (("recognition", _RECOGNITION), ("recall", _RECALL))
        if kind in wanted
    ]
    return genanki.Model(
        model_id,
        name,
        fields=[{"name": f, "id": _VOCAB_FIELD_IDS[f]} for f in VOCAB_FIELDS],
        templates=templates,
        css=CSS,
    )


def cloze_model() -> genanki.Model:
    return genanki.Model(
        CLOZE_MODEL_ID,
        CLOZE_MODEL_NAME,
        fields=[{"name": f, "id": _CLOZE_FIELD_IDS[f]} for f in CLOZE_FIELDS],
        templates=[_template(_CLOZE)],
        css=CSS,
        model_type=genanki.Model.CLOZE,
    )


def _template(spec: dict[str, str]) -> dict[str, Any]:
    # A fresh dict each time: genanki writes into the templates it is given.
    return {**spec, "id": _TEMPLATE_IDS[spec["name"]]}


def deck_id(name: str) -> int:
    """A stable id for a deck name, in the range genanki recommends for ids.

    >>> deck_id("news") == deck_id("news") != deck_id("News")
    True
    """
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


@dataclass(frozen=True, slots=True)
class DeckSpec:
    """One deck of a package: its name (``A::B`` is subdeck B of A) and its notes."""

    name: str
    description: str
    notes: Sequence[Note]


def write_deck(
    path: Path,
    name: str,
    description: str,
    notes: Sequence[Note],
    timestamp: float,
    cards: frozenset[str] = ALL_CARDS,
) -> int:
    """Write ``notes`` to the package ``path`` as deck ``name``; return the card count.

    ``timestamp`` (seconds since the epoch) is the notes' modification time and the
    base of their ids: a later timestamp makes Anki update the notes on re-import.
    The file is replaced atomically; on any failure it is left as it was.
    """
    return write_package(path, [DeckSpec(name, description, notes)], timestamp, cards)[0]


def write_package(
    path: Path, decks: Sequence[DeckSpec], timestamp: float, cards: frozenset[str] = ALL_CARDS
) -> tuple[int, ...]:
    """Write several decks (a class and its lessons) to one package, atomically.

    ``cards`` says which cards to make: notes of a model not asked for are left out.
    Returns the number of cards in each deck.
    """
    kinds = note_kinds(cards)
    models = {
        "vocab": vocab_model(cards) if "vocab" in kinds else None,
        "cloze": cloze_model() if "cloze" in kinds else None,
    }
    rules = {kind: _card_rule(m) for kind, m in models.items() if m is not None}
    rows = [_DeckRows(spec, models, rules) for spec in decks]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        with _temporary(path, ".anki2") as db, _temporary(path, ".apkg") as tmp:
            _write_collection(db, rows, timestamp)
            _write_zip(tmp, db, timestamp)
            # mkstemp made it private; a deck is an ordinary file, readable as the umask says.
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
    except OSError as e:
        raise OutputError.cannot_write(path, e, "the deck") from e
    return tuple(len(r.cards) for r in rows)


class _DeckRows:
    """One deck's notes as the rows genanki would write for them.

    genanki's per-note path (a ``genanki.Note`` each, its ``cards`` property running
    regular expressions, a tag list, properties) took most of the time of writing a
    class of 200 lessons.  The rows here are the same values in the same order: the
    cards of a note come from genanki's own rules, evaluated once per model instead of
    once per note (which fields a card requires; which cloze numbers the cloze field
    holds), the GUID from :func:`guid`, the fields are checked for invalid HTML as
    genanki checks them.  ``tests/test_deck.py`` compares the bytes with genanki's.
    """

    __slots__ = ("deck", "notes", "cards")

    def __init__(
        self, spec: DeckSpec, models: dict[str, genanki.Model | None], rules: dict[str, _CardRule]
    ) -> None:
        self.deck = genanki.Deck(deck_id(spec.name), spec.name, spec.description)
        # (guid, model id, fields, sort field) per note; (note index, ord, due) per card
        self.notes: list[tuple[str, int, str, str]] = []
        self.cards: list[tuple[int, int, int]] = []
        for note in spec.notes:
            model = models[note.model]
            if model is None:
                continue
            fields = note.fields
            if len(fields) != len(model.fields):
                raise ValueError(
                    f"{model.name} has {len(model.fields)} fields, "
                    f"a {note.model} note {len(fields)}"
                )
            _check_html(fields)
            # The deck's models in the order its notes first use them, as genanki adds them.
            self.deck.add_model(model)
            index = len(self.notes)
            self.notes.append(
                (
                    guid(*note.identity),
                    model.model_id,
                    "\x1f".join(fields),
                    fields[model.sort_field_index],
                )
            )
            self.cards.extend((index, ord_, note.position) for ord_ in rules[note.model](fields))

    def write(self, cursor: sqlite3.Cursor, timestamp: float, ids: Iterator[int]) -> None:
        mod, did = int(timestamp), self.deck.deck_id
        cards = iter(self.cards)
        card = next(cards, None)
        # One row at a time, each note followed by its cards: the order of the inserts
        # decides which database pages each table gets, so it is genanki's order.
        for index, (guid_, mid, flds, sfld) in enumerate(self.notes):
            note_id = next(ids)
            # tags: genanki writes " " + " ".join(tags) + " ", and a note has none
            cursor.execute(_INSERT_NOTE, (note_id, guid_, mid, mod, -1, "  ", flds, sfld, 0, 0, ""))
            while card is not None and card[0] == index:
                cursor.execute(
                    _INSERT_CARD,
                    (
                        next(ids),
                        note_id,
                        did,
                        card[1],
                        mod,
                        -1,
                        0,
                        0,
                        card[2],
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        "",
                    ),
                )
                card = next(cards, None)


_INSERT_NOTE = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);"
_INSERT_CARD = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);"


_CardRule = Callable[[Sequence[str]], list[int]]


def _card_rule(model: genanki.Model) -> _CardRule:
    """The card ords genanki makes for a note of ``model`` with these fields."""
    if model.model_type == genanki.Model.CLOZE:
        # genanki: the fields the first template's question clozes; a card for each
        # {{cN::…}} in them (no cloze, no card).
        qfmt = model.templates[0]["qfmt"]
        names = set(
            re.findall(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}", qfmt)
            + re.findall("<%cloze:(.+?)%>", qfmt)
        )
        field_names = [f["name"] for f in model.fields]
        where = [field_names.index(n) if n in field_names else -1 for n in names]

        def cloze(fields: Sequence[str]) -> list[int]:
            ords: set[int] = set()
            for i in where:
                value = fields[i] if i >= 0 else ""
                ords.update(int(m) - 1 for m in _CLOZE_NUMBER.findall(value) if int(m) > 0)
            return list(ords)

        return cloze
    # genanki: a card per template whose required fields are filled (all or any).
    req = [(ord_, all if how == "all" else any, tuple(fields)) for ord_, how, fields in model._req]

    def front_back(fields: Sequence[str]) -> list[int]:
        return [ord_ for ord_, op, need in req if op(fields[i] for i in need)]

    return front_back


_CLOZE_NUMBER = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)


def _check_html(fields: Sequence[str]) -> None:
    # genanki warns about fields with invalid HTML tags; so do we, with its expression.
    for value in fields:
        if "<" in value:
            invalid = genanki.Note._INVALID_HTML_TAG_RE.findall(value)
            if invalid:
                warnings.warn(
                    "Field contained the following invalid HTML tags. Make sure "
                    "you are calling html.escape() if your field data isn't "
                    "already HTML-encoded: " + " ".join(invalid),
                    stacklevel=4,
                )


_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
# Two base-91 digits at a time: half the divisions.
_BASE91_PAIRS = [a + b for a in _BASE91 for b in _BASE91]


def guid(*values: str) -> str:
    """A note's GUID from its identity: genanki's ``guid_for``, computed alike (the
    first 8 bytes of a SHA-256 in base 91, without leading zeros).

    >>> guid("游说", "you2shui4") == genanki.guid_for("游说", "you2shui4")
    True
    """
    digest = hashlib.sha256("__".join(values).encode("utf-8")).digest()
    n = int.from_bytes(digest[:8], "big")
    out = []
    while n:
        n, r = divmod(n, 91 * 91)
        out.append(_BASE91_PAIRS[r])
    return "".join(reversed(out)).lstrip(_BASE91[0])


def _write_collection(db: Path, decks: Sequence[_DeckRows], timestamp: float) -> None:
    # genanki's Package.write_to_db with our rows: the schema, the ``col`` row, then
    # each deck: the ``col`` row's decks and models updated as genanki's Deck.write_to_db
    # updates them, then its notes.  (genanki's own write_to_file leaves its temporary
    # database behind and stamps the zip with the current time.)
    conn = sqlite3.connect(db)
    try:
        cursor = conn.cursor()
        # A temporary file, zipped and deleted: nothing to sync.  (Not journal_mode: it
        # changes the file change counter in the database's header.)
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.executescript(APKG_SCHEMA)
        cursor.executescript(APKG_COL)
        ids = itertools.count(int(timestamp * 1000))
        decks_json, models_json = cursor.execute("SELECT decks, models FROM col").fetchone()
        # genanki reads the decks back before adding each deck; they are what it wrote
        # last (plain JSON, so reading it back gives the same dict), so they are kept
        # here instead of parsed again, each entry encoded once (json.dumps of a dict is
        # its entries' encodings joined): 200 lessons made both quadratic.
        all_decks = {key: _json_entry(key, value) for key, value in json.loads(decks_json).items()}
        for deck in decks:
            key = str(deck.deck.deck_id)
            all_decks[key] = _json_entry(key, deck.deck.to_json())
            cursor.execute("UPDATE col SET decks = ?", ("{" + ", ".join(all_decks.values()) + "}",))
            # The models are read back as genanki does: it adds them under int keys,
            # which the JSON then holds twice (as text) until the next read.
            models = json.loads(models_json)
            models.update(
                {
                    model.model_id: model.to_json(timestamp, deck.deck.deck_id)
                    for model in deck.deck.models.values()
                }
            )
            models_json = json.dumps(models)
            cursor.execute("UPDATE col SET models = ?", (models_json,))
            deck.write(cursor, timestamp, ids)
        conn.commit()
    finally:
        conn.close()


def _json_entry(key: str, value: Any) -> str:
    return f"{json.dumps(key)}: {json.dumps(value)}"


# The earliest time a zip entry can record.
_ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


def _write_zip(tmp: Path, db: Path, timestamp: float) -> None:
    date_time = time.gmtime(max(int(timestamp), _ZIP_EPOCH))[:6]
    with zipfile.ZipFile(tmp, "w") as z:
        for name, data in (("collection.anki2", db.read_bytes()), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # as on Unix, wherever we run: same bytes everywhere
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# A temporary file of ours older than this was left by a killed build (writing one deck
# takes well under a second; the margin keeps clear of a concurrent build of the same deck).
STALE_SECONDS = 600


def _remove_stale_temporaries(path: Path, now: float | None = None) -> None:
    """Delete what a killed build (SIGKILL, power cut) left next to ``path``."""
    now = time.time() if now is None else now
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()


@contextlib.contextmanager
def _temporary(path: Path, suffix: str) -> Iterator[Path]:
    # Hidden and next to the target, so the final rename stays on one filesystem and
    # an interrupted build leaves nothing that looks like a deck.
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix + ".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
