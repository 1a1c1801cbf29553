"""The package file (.apkg): the collection database and an empty media list, zipped.

Writing is atomic and reproducible: the package is assembled in temporary files in
the output folder and renamed into place, and everything taken from the clock (note
and card ids, modification times, the zip entries' dates) comes from one ``timestamp``
the caller chooses, with fixed zip entry metadata, so one timestamp gives one
byte-identical file (with one SQLite version: the database header names the version
that wrote it).
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from flashgen.datatypes import ALL_CARDS
from flashgen.errors import OutputError
from flashgen.output.anki.collection import DeckRows, DeckSpec, card_rule, write_collection
from flashgen.output.anki.notetypes import cloze_model, note_kinds, vocab_model
from flashgen.resources.cache import signals_deferred
from flashgen.teach.cards import Note


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

    ``cards`` says which cards to make: notes of a kind not asked for are left out.
    Returns the number of cards in each deck.
    """
    kinds = note_kinds(cards)
    note_types = {
        "vocab": vocab_model(cards) if "vocab" in kinds else None,
        "cloze": cloze_model() if "cloze" in kinds else None,
    }
    rules = {kind: card_rule(t) for kind, t in note_types.items() if t is not None}
    rows = [DeckRows(spec, note_types, rules) for spec in decks]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        with _temporary(path, ".anki2") as db, _temporary(path, ".apkg") as tmp:
            write_collection(db, rows, timestamp)
            _write_zip(tmp, db, timestamp)
            # mkstemp made it private; a deck is an ordinary file, readable as the umask says.
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
    except OSError as e:
        raise OutputError.cannot_write(path, e, "the deck") from e
    return tuple(len(r.cards) for r in rows)


# The earliest time a zip entry can record.
_ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


def _write_zip(tmp: Path, db: Path, timestamp: float) -> None:
    date_time = time.gmtime(max(int(timestamp), _ZIP_EPOCH))[:6]
    with zipfile.ZipFile(tmp, "w") as z:
        # "media": the JSON map of media file names, none.
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
    tmp: Path | None = None
    try:
        with signals_deferred():  # made and noted at once: a Ctrl-C between would leak it
            fd, name = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=suffix + ".tmp"
            )
            os.close(fd)
            tmp = Path(name)
        yield tmp
    finally:
        if tmp is not None:
            with signals_deferred():  # a Ctrl-C now would stop the clean-up half done
                for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
