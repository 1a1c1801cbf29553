"""Known words from a learner's own Anki collection (``collection.anki2``), read-only.

Anki may have the collection open while flashgen runs, with recent changes still in its
write-ahead log (``collection.anki2-wal``).  So the file and its ``-wal`` are first
copied into a temporary folder and only the copy is opened (SQLite would otherwise
write to the original's folder: a ``-shm`` file, or a checkpoint of the log into it);
the original is never opened at all.

The words are the first field (``Hanzi``) of flashgen's vocab notes, the ``Word`` field
of its cloze notes, and any ``note type:field`` the user names (``--known-field
"Chinese (basic):Hanzi"``), reduced to their Chinese text as known-words lists are
(:func:`flashgen.classes.config.known_words_of_field`).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from flashgen.classes.config import known_words_of_field
from flashgen.errors import UsageError
from flashgen.output.anki.notetypes import CLOZE_MODEL_NAME, VOCAB_MODEL_NAME
from flashgen.text.script import to_simplified

# flashgen's own note types (any card selection: "flashgen Chinese Vocab (recall only)")
# and the field holding the word.
_OWN = ((VOCAB_MODEL_NAME, "Hanzi"), (CLOZE_MODEL_NAME, "Word"))


def parse_field(spec: str) -> tuple[str, str]:
    """``"Chinese (basic):Hanzi"`` → ``("Chinese (basic)", "Hanzi")`` (the last colon
    splits: note type names may hold one); raises :class:`UsageError` otherwise."""
    kind, sep, name = spec.rpartition(":")
    if not sep or not kind.strip() or not name.strip():
        raise UsageError(
            f"--known-field {spec!r}: write the note type and the field as "
            '"note type:field", e.g. "Chinese (basic):Hanzi"'
        )
    return kind.strip(), name.strip()


def collection_words(
    paths: Iterable[Path], fields: Iterable[tuple[str, str]] = ()
) -> frozenset[str]:
    """The words of flashgen's notes and of the notes' ``fields`` (note type, field) in
    the collections at ``paths``, with their simplified forms."""
    wanted = tuple(fields)
    words: set[str] = set()
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise UsageError(
                f"{path}: Anki collection not found — give the path of the "
                "collection.anki2 file in your Anki profile folder"
            )
        words |= _read(path, wanted, _version(path) + _version(_wal(path)))
    return frozenset(words | {to_simplified(w) for w in words})


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _version(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=16)
def _read(
    path: Path, wanted: tuple[tuple[str, str], ...], version: tuple[int, ...]
) -> frozenset[str]:
    """The words of one collection, read once per run while it is unchanged (``version``:
    size and modification time of the file and its log), however many classes name it."""
    with tempfile.TemporaryDirectory(prefix="flashgen-collection-") as tmp:
        copy = Path(tmp) / "collection.anki2"
        try:
            shutil.copyfile(path, copy)
            wal = _wal(path)
            if wal.is_file():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as e:
            raise UsageError(
                f"{path}: cannot read the Anki collection ({e.strerror or e}) — check the path"
            ) from None
        try:
            db = sqlite3.connect(copy)
            try:
                return frozenset(_words(db, wanted))
            finally:
                db.close()
        except sqlite3.DatabaseError as e:
            raise UsageError(
                f"{path}: not an Anki collection ({e}) — give the collection.anki2 file of "
                "an Anki profile folder"
            ) from None


def _words(db: sqlite3.Connection, wanted: tuple[tuple[str, str], ...]) -> set[str]:
    fields = _field_index(db)  # note type id -> (name, {field name: position})
    take: dict[int, list[int]] = {}
    for mid, (name, positions) in fields.items():
        for own, field in _OWN:
            if (name == own or name.startswith(own + " (")) and field in positions:
                take.setdefault(mid, []).append(positions[field])
        for kind, field in wanted:
            if name.casefold() == kind.casefold() and field in positions:
                take.setdefault(mid, []).append(positions[field])
    words: set[str] = set()
    for mid, flds in db.execute("SELECT mid, flds FROM notes"):
        for at in take.get(mid, ()):
            values = flds.split("\x1f")
            if at < len(values):
                words.update(known_words_of_field(values[at]))
    return words


def _field_index(db: sqlite3.Connection) -> dict[int, tuple[str, dict[str, int]]]:
    """Each note type's id, name and field positions: from the ``notetypes`` and
    ``fields`` tables (Anki 2.1.28 and later), else from the JSON in ``col.models``."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    out: dict[int, tuple[str, dict[str, int]]] = {}
    if "notetypes" in tables and "fields" in tables:
        # Plain selects only: the name columns use Anki's own collation, which a
        # comparison or ORDER BY in SQL would need.
        names = {ntid: name for ntid, name in db.execute("SELECT id, name FROM notetypes")}
        for ntid, ord_, name in db.execute("SELECT ntid, ord, name FROM fields"):
            if ntid in names:
                out.setdefault(ntid, (names[ntid], {}))[1][name] = ord_
        return out
    (models,) = db.execute("SELECT models FROM col").fetchone()
    for mid, model in json.loads(models).items():
        out[int(mid)] = (model["name"], {f["name"]: f["ord"] for f in model["flds"]})
    return out
