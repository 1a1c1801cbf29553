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
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import genanki

from flashgen.cards import CLOZE_FIELDS, VOCAB_FIELDS, Note
from flashgen.errors import OutputError

VOCAB_MODEL_NAME = "flashgen Chinese Vocab"
CLOZE_MODEL_NAME = "flashgen Chinese Cloze"
# Chosen once at random (genanki's recommended range); never change them.
VOCAB_MODEL_ID = 1353033338
CLOZE_MODEL_ID = 1605062898

CardKind = Literal["recognition", "recall", "cloze"]
ALL_CARDS: frozenset[CardKind] = frozenset({"recognition", "recall", "cloze"})

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
    "Hanzi": 181586582729400, "Traditional": 901106169653143, "Pinyin": 297301951757719,
    "PinyinNumbered": 258692336729588, "Meaning": 372312102115299,
    "Classifier": 405007224304336, "Kind": 121182313685272, "HSK": 787342945432766,
    "Sentence": 448831069584649, "SentenceEnglish": 23211508009085,
    "Source": 701339601338638,
}
_CLOZE_FIELD_IDS = {
    "Text": 408771767192631, "English": 66768577381490, "Word": 941387154507844,
    "Pinyin": 1071089518156425, "Meaning": 565828112721516, "Source": 415490739257316,
}
_TEMPLATE_IDS = {
    "Recognition": 1097237520564773, "Recall": 933346802024418, "Cloze": 608101109030389,
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
    "afmt": _CLOZE_FRONT + """
<hr id="answer">
<div class="pinyin">{{Pinyin}}</div>
<div class="meaning">{{Meaning}}</div>
<div class="source">{{Source}}</div>""",
}


def vocab_model(cards: frozenset[str] = ALL_CARDS) -> genanki.Model | None:
    """The vocab note type making the ``cards`` asked for (None if neither vocab card)."""
    wanted = frozenset(cards) & {"recognition", "recall"}
    if not wanted:
        return None
    model_id, name = _VOCAB_VARIANTS[wanted]
    templates = [_template(t) for kind, t in (("recognition", _RECOGNITION),
                                              ("recall", _RECALL)) if kind in wanted]
    return genanki.Model(
        model_id, name,
        fields=[{"name": f, "id": _VOCAB_FIELD_IDS[f]} for f in VOCAB_FIELDS],
        templates=templates,
        css=CSS,
    )


def cloze_model() -> genanki.Model:
    return genanki.Model(
        CLOZE_MODEL_ID, CLOZE_MODEL_NAME,
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


def write_deck(path: Path, name: str, description: str, notes: Sequence[Note],
               timestamp: float, cards: frozenset[str] = ALL_CARDS) -> int:
    """Write ``notes`` to the package ``path`` as deck ``name``; return the card count.

    ``timestamp`` (seconds since the epoch) is the notes' modification time and the
    base of their ids: a later timestamp makes Anki update the notes on re-import.
    The file is replaced atomically; on any failure it is left as it was.
    """
    return write_package(path, [DeckSpec(name, description, notes)], timestamp, cards)[0]


def write_package(path: Path, decks: Sequence[DeckSpec], timestamp: float,
                  cards: frozenset[str] = ALL_CARDS) -> tuple[int, ...]:
    """Write several decks (a class and its lessons) to one package, atomically.

    ``cards`` says which cards to make: notes of a model not asked for are left out.
    Returns the number of cards in each deck.
    """
    models = {"vocab": vocab_model(cards),
              "cloze": cloze_model() if "cloze" in cards else None}
    package_decks = []
    counts = []
    for spec in decks:
        deck = genanki.Deck(deck_id(spec.name), spec.name, spec.description)
        for note in spec.notes:
            model = models[note.model]
            if model is None:
                continue
            deck.add_note(genanki.Note(
                model=model,
                fields=list(note.fields),
                guid=genanki.guid_for(*note.identity),
                due=note.position,  # new cards come in the order of the text
            ))
        package_decks.append(deck)
        counts.append(sum(len(n.cards) for n in deck.notes))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        with _temporary(path, ".anki2") as db, _temporary(path, ".apkg") as tmp:
            _write_collection(db, genanki.Package(package_decks), timestamp)
            _write_zip(tmp, db, timestamp)
            # mkstemp made it private; a deck is an ordinary file, readable as the umask says.
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
    except OSError as e:
        raise OutputError(
            f"{path}: cannot write the deck ({e.strerror or e}) — "
            "check that the output folder is writable and the disk is not full"
        ) from e
    return tuple(counts)


def _write_collection(db: Path, package: genanki.Package, timestamp: float) -> None:
    # genanki's own write_to_file leaves its temporary database behind and stamps the
    # zip with the current time; this does the same steps under our control.
    conn = sqlite3.connect(db)
    try:
        ids = itertools.count(int(timestamp * 1000))
        package.write_to_db(conn.cursor(), timestamp, ids)
        conn.commit()
    finally:
        conn.close()


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
