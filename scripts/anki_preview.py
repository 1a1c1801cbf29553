"""Import built decks into a throwaway Anki collection and show cards as Anki renders them.

Usage: python scripts/anki_preview.py decks/NAME.apkg [WORD ...]
Needs the test dependencies (the official ``anki`` package).  Prints, for each chosen
word (default: the first two notes), the text of each of its cards' question and answer.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from pathlib import Path

from anki.collection import Collection
from anki.import_export_pb2 import (
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
)

IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


def text_of(card_html: str) -> str:
    s = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    # The cloze front's English is class "unmarked": its bold is styled away.
    s = re.sub(
        r'(<div class="english unmarked">)(.*?)(</div>)',
        lambda m: m.group(1) + re.sub(r"</?b>", "", m.group(2)) + m.group(3),
        s,
        flags=re.S,
    )
    s = re.sub(r"<br\s*/?>|</div>|<hr[^>]*>", "\n", s)
    s = re.sub(r"<b>(.*?)</b>", r"**\1**", s)
    s = html.unescape(re.sub(r"<[^>]+>", "", s))
    return "\n".join(ln.strip() for ln in s.splitlines() if ln.strip())


def main(argv: list[str]) -> int:
    apkg, words = Path(argv[0]), argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "c.anki2"))
        options = ImportAnkiPackageOptions(update_notes=IF_NEWER, update_notetypes=IF_NEWER)
        log = col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(apkg.resolve()), options=options)
        ).log
        print(
            f"imported: {len(log.new)} new notes, {len(log.updated)} updated, "
            f"{len(log.duplicate)} duplicates; collection has {col.note_count()} notes, "
            f"{col.card_count()} cards"
        )
        nids = [nid for w in words for nid in col.find_notes(f'"Hanzi:{w}" or "Word:{w}"')]
        for nid in nids or col.find_notes("")[:2]:
            note = col.get_note(nid)
            for card in note.cards():
                print(f"\n--- {note.note_type()['name']} / {card.template()['name']} — question")
                print(text_of(card.question()))
                print("--- answer")
                print(text_of(card.answer()))
        col.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
