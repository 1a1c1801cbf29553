"""Importing built decks into the real Anki, for the tests that check what users get.

Shared by several test files (a helper module, not a test module: tests never import
each other).  Import it only after ``pytest.importorskip("anki.collection")``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from anki.import_export_pb2 import (
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
)

from flashgen.output.anki import CLOZE_MODEL_NAME

# What the README tells users to keep in Anki's import dialog.
IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
ALWAYS = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS


def import_apkg(col: Any, path: Path, *, upgrade: bool = False) -> Any:
    """Import as the README says: the dialog's defaults, or with ``upgrade`` what it
    says to choose once for a deck whose note types gained fields ("Merge note types"
    on, "Update notes: Always")."""
    options = ImportAnkiPackageOptions(
        update_notes=ALWAYS if upgrade else IF_NEWER,
        update_notetypes=IF_NEWER,
        with_scheduling=False,
        merge_notetypes=upgrade,
    )
    return col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    ).log


def strip_tags(s: str) -> str:
    """The text a card shows (without its stylesheet)."""
    s = re.sub(r"<style>.*?</style>", "", s, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", s))


def sentence_div(rendered: str) -> str:
    m = re.search(r'<div class="sentence">(.*?)</div>', rendered, re.S)
    assert m, rendered
    return m.group(1)


def assert_clozes_hide_their_word(col: Any) -> None:
    cids = col.find_cards(f'"note:{CLOZE_MODEL_NAME}"')
    assert len(cids) == len(col.find_notes(f'"note:{CLOZE_MODEL_NAME}"')) > 0
    for cid in cids:
        card = col.get_card(cid)
        word = card.note()["Word"]
        m = re.fullmatch(r"(.*)\{\{c1::(.*?)(?:::(.*?))?\}\}(.*)", card.note()["Text"], re.S)
        assert m and m.group(2) == word
        before, hint, after = (strip_tags(m.group(i) or "") for i in (1, 3, 4))
        hint = hint or "..."  # what Anki shows in a gap without a hint
        # The question carries the answer in data-cloze="..."; that is not shown.
        question = re.sub(r' data-cloze="[^"]*"', "", sentence_div(card.question()))
        # Exactly that occurrence is hidden (the word may occur elsewhere in the sentence).
        assert strip_tags(question) == f"{before}[{hint}]{after}"
        answer = sentence_div(card.answer())
        assert re.search(rf'<span class="cloze"[^>]*>{re.escape(word)}</span>', answer)
        assert strip_tags(answer) == before + word + after
