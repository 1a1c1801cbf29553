"""The package file (.apkg): the collection database and the media the notes use, zipped.

Media follow Anki's package layout: each file is a zip entry named by a number
(``0``, ``1``, …) and the ``media`` entry is the JSON map from those numbers to file
names.  A package carries exactly the files its notes name in ``[sound:…]``, in the
order of their names, so the same notes give the same package.

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
import json
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterator, Mapping, Sequence
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
    media: Mapping[str, Path] | None = None,
) -> int:
    """Write ``notes`` to the package ``path`` as deck ``name``; return the card count.

    ``timestamp`` (seconds since the epoch) is the notes' modification time and the
    base of their ids: a later timestamp makes Anki update the notes on re-import.
    The file is replaced atomically; on any failure it is left as it was.
    """
    return write_package(path, [DeckSpec(name, description, notes)], timestamp, cards, media)[0]


def write_package(
    path: Path,
    decks: Sequence[DeckSpec],
    timestamp: float,
    cards: frozenset[str] = ALL_CARDS,
    media: Mapping[str, Path] | None = None,
) -> tuple[int, ...]:
    """Write several decks (a class and its lessons) to one package, atomically.

    ``cards`` says which cards to make: notes of a kind not asked for are left out.
    ``media`` maps media file names to the files holding them; of those, the package
    carries the ones its notes reference.  Returns the number of cards in each deck.
    """
    kinds = note_kinds(cards)
    note_types = {
        "vocab": vocab_model(cards) if "vocab" in kinds else None,
        "cloze": cloze_model() if "cloze" in kinds else None,
    }
    rules = {kind: card_rule(t) for kind, t in note_types.items() if t is not None}
    rows = [DeckRows(spec, note_types, rules) for spec in decks]
    used = referenced_media(rows)
    missing = [name for name in used if name not in (media or {})]
    if missing:
        # A note names a recording the build did not make: a bug, not the user's doing.
        raise ValueError(f"notes reference media that was not given: {missing[:3]}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        with _temporary(path, ".anki2") as db, _temporary(path, ".apkg") as tmp:
            write_collection(db, rows, timestamp)
            _write_zip(tmp, db, timestamp, [(name, (media or {})[name]) for name in used])
            # mkstemp made it private; a deck is an ordinary file, readable as the umask says.
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
    except OSError as e:
        raise OutputError.cannot_write(path, e, "the deck") from e
    return tuple(len(r.cards) for r in rows)


# The earliest time a zip entry can record.
_ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


# A sound reference in a field, as Anki finds it: [sound:NAME].
_SOUND = re.compile(r"\[sound:([^\]]+)\]")


def referenced_media(rows: Sequence[DeckRows]) -> list[str]:
    """The media file names the notes of ``rows`` reference, sorted, each once."""
    return sorted({name for r in rows for note in r.notes for name in _SOUND.findall(note[2])})


def _write_zip(
    tmp: Path, db: Path, timestamp: float, media: Sequence[tuple[str, Path]] = ()
) -> None:
    date_time = time.gmtime(max(int(timestamp), _ZIP_EPOCH))[:6]
    # "media": the JSON map from the numbered entries to the media file names ({} if none:
    # the bytes of a deck without media are as before).
    index = {str(i): name for i, (name, _) in enumerate(media)}
    listing = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with zipfile.ZipFile(tmp, "w") as z:
        for name, data in (("collection.anki2", db.read_bytes()), ("media", listing)):
            z.writestr(_entry(name, date_time, zipfile.ZIP_DEFLATED), data, compresslevel=6)
        for number, (_, file) in enumerate(media):
            # MP3 is compressed already: stored, it costs no time to pack or unpack.
            z.writestr(_entry(str(number), date_time, zipfile.ZIP_STORED), file.read_bytes())


def _entry(name: str, date_time: tuple[int, ...], compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
    info.compress_type = compression
    info.create_system = 3  # as on Unix, wherever we run: same bytes everywhere
    info.external_attr = 0o644 << 16
    return info


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
