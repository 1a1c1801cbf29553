"""Write notes to an Anki package (.apkg): the note types, the decks, the file.

The only package that knows Anki's file format, in three modules, in the order a
package is made:

- :mod:`.notetypes`: the note types, whose names and ids users' collections depend on;
  their CSS and card templates are the data files in ``templates/``;
- :mod:`.collection`: the collection database (Anki's schema 11, from ``schema/``), its
  notes and cards, and how deck ids and note GUIDs are derived;
- :mod:`.package`: the .apkg file, written atomically and reproducibly.

``README.md`` beside this file describes the data files.  No dependency is involved:
flashgen writes the format genanki 0.13 wrote, byte for byte, so decks built before
and after are the same (``tests/test_deck.py`` checks this against genanki).
"""

from flashgen.datatypes import ALL_CARDS
from flashgen.output.anki.collection import DeckSpec, deck_id, guid
from flashgen.output.anki.notetypes import (
    CLOZE_MODEL_ID,
    CLOZE_MODEL_NAME,
    VOCAB_MODEL_ID,
    VOCAB_MODEL_NAME,
    Field,
    NoteType,
    Template,
    cloze_model,
    note_kinds,
    vocab_model,
)
from flashgen.output.anki.package import STALE_SECONDS, write_deck, write_package

__all__ = [
    "ALL_CARDS",
    "CLOZE_MODEL_ID",
    "CLOZE_MODEL_NAME",
    "STALE_SECONDS",
    "VOCAB_MODEL_ID",
    "VOCAB_MODEL_NAME",
    "DeckSpec",
    "Field",
    "NoteType",
    "Template",
    "cloze_model",
    "deck_id",
    "guid",
    "note_kinds",
    "vocab_model",
    "write_deck",
    "write_package",
]
