"""One cache folder for derived data (parsed CC-CEDICT, jieba's prefix dictionary).

The folder is ``$FLASHGEN_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/flashgen`` or
``~/.cache/flashgen``.  Entries are versioned by flashgen's version and a hash of
their source data, so upgrading either never reads a stale file, and are written
atomically so an interrupted run never leaves a half-written cache behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from flashgen import __version__

T = TypeVar("T")


def cache_dir() -> Path:
    override = os.environ.get("FLASHGEN_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flashgen"


def file_digest(*paths: Path) -> str:
    """A short content hash of the given files (used to version cache entries)."""
    h = hashlib.sha256(__version__.encode())
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def cached_pickle(name: str, digest: str, build: Callable[[], T]) -> T:
    """Return the object cached as ``name`` for ``digest``, building (and storing) it if absent.

    A cache that cannot be read or written (read-only home, corrupt file) is not an error:
    the object is rebuilt in memory.
    """
    path = cache_dir() / f"{name}-{digest}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any unreadable cache just means "rebuild"
        pass
    value = build()
    try:
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return value
