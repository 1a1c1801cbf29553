"""flashgen's note types: their names, ids, fields and card templates.

What users' collections depend on is fixed here and must never change: the note type
ids and names, the ids of their fields and card templates (Anki matches fields by these
ids when a changed note type is imported, so a later field added or renamed updates the
note type instead of forking it).  The cards' CSS and HTML are data files in
``templates/`` (the README beside this module says what each is).
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import cache

from flashgen.datatypes import ALL_CARDS
from flashgen.teach.cards import CLOZE_FIELDS, VOCAB_FIELDS

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
    # Added with the card redesign (issue 15), for the audio of issue 17.
    "Audio": 511236367519854,
    "SentenceAudio": 500106027828182,
}
_CLOZE_FIELD_IDS = {
    "Text": 408771767192631,
    "English": 66768577381490,
    "Word": 941387154507844,
    "Pinyin": 1071089518156425,
    "Meaning": 565828112721516,
    "Source": 415490739257316,
    "Audio": 773441702227291,
    "SentenceAudio": 357525778711446,
}
_TEMPLATE_IDS = {
    "Recognition": 1097237520564773,
    "Recall": 933346802024418,
    "Cloze": 608101109030389,
}


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    id: int


@dataclass(frozen=True, slots=True)
class Template:
    """A card template: Anki's ``qfmt`` (``front``) and ``afmt`` (``back``)."""

    name: str
    id: int
    front: str
    back: str


@dataclass(frozen=True, slots=True)
class NoteType:
    """A note type as Anki stores it; ``cloze`` tells a cloze note type (a card per
    cloze number) from a standard one (a card per template whose front shows a field)."""

    id: int
    name: str
    fields: tuple[Field, ...]
    templates: tuple[Template, ...]
    css: str
    cloze: bool = False


def note_kinds(cards: frozenset[str]) -> frozenset[str]:
    """The kinds of note (``Note.model``) a package with these ``cards`` keeps; notes of
    the other kind are left out of it."""
    kinds = {"vocab"} if cards & {"recognition", "recall"} else set()
    return frozenset(kinds | ({"cloze"} if "cloze" in cards else set()))


def vocab_model(cards: frozenset[str] = ALL_CARDS) -> NoteType | None:
    """The vocab note type making the ``cards`` asked for (None if neither vocab card)."""
    wanted = frozenset(cards) & {"recognition", "recall"}
    if not wanted:
        return None
    model_id, name = _VOCAB_VARIANTS[wanted]
    return NoteType(
        model_id,
        name,
        tuple(Field(f, _VOCAB_FIELD_IDS[f]) for f in VOCAB_FIELDS),
        tuple(_template(t) for t in ("Recognition", "Recall") if t.lower() in wanted),
        _data("cards.css"),
    )


def cloze_model() -> NoteType:
    return NoteType(
        CLOZE_MODEL_ID,
        CLOZE_MODEL_NAME,
        tuple(Field(f, _CLOZE_FIELD_IDS[f]) for f in CLOZE_FIELDS),
        (_template("Cloze"),),
        _data("cards.css"),
        cloze=True,
    )


def _template(name: str) -> Template:
    # An editor ends a file with a newline; the templates in users' decks have none.
    front, back = (
        _data(f"{name.lower()}.{side}.html").removesuffix("\n") for side in ("front", "back")
    )
    return Template(name, _TEMPLATE_IDS[name], front, back)


@cache
def _data(name: str) -> str:
    # Read through importlib.resources, so an installed package (even zipped) finds them.
    folder = importlib.resources.files(__name__.rpartition(".")[0]) / "templates"
    return (folder / name).read_text(encoding="utf-8")
