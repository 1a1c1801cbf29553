"""One cache folder for derived data (the segmenter's lexicon, CC-CEDICT, the idiom list).

The folder is ``$FLASHGEN_CACHE_DIR`` if set, else the user cache folder the operating
system expects (platformdirs): ``$XDG_CACHE_HOME/flashgen`` or ``~/.cache/flashgen`` on
Linux (where it always was), ``~/Library/Caches/flashgen`` on macOS,
``%LOCALAPPDATA%\\flashgen\\Cache`` on Windows.

An entry is named by what it was built from (:func:`source_key`): flashgen's version,
the entry's own format, the Python and its byte order, and the path, size and
modification time of each source file.  Changing any of them (upgrading flashgen or a
data package) gives a new name, so a stale file is never read.  Statting the sources
costs microseconds where hashing them (some 20 MB) cost tens of milliseconds at every
start.  The one change this misses is a data file rewritten in place with the same size
and the same modification time to the nanosecond; installers write new files.

Entries are written atomically, so an interrupted run never leaves a half-written file,
and carry a checksum of their payload: a damaged or truncated file is detected and
rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import mmap
import os
import signal
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flashgen import __version__
from flashgen.errors import FlashgenError

# An entry: magic, the size of its marshalled header, the CRC-32 of that size and of
# everything after the first 32 bytes, then the header (plain values, and where each
# byte-string section lies) and the sections.  CRC-32 is a check against damage, not
# against tampering (the folder is the user's own); it reads 1.8 GB/s here, where
# SHA-256 reads 0.9 GB/s.
_MAGIC = b"FLASHGEN-CACHE-2"
_HEADER = len(_MAGIC) + 8 + 4 + 4  # magic, header size, CRC, padding
_ALIGN = 8


def cache_dir() -> Path:
    """The cache folder: ``$FLASHGEN_CACHE_DIR`` if set, else the platform's user cache
    folder for flashgen (not created here)."""
    override = os.environ.get("FLASHGEN_CACHE_DIR")
    if override:
        return Path(override)
    # Imported here: a run with the override set (tests, CI) does without it.
    import platformdirs

    # appauthor=False: no vendor folder on Windows (%LOCALAPPDATA%\flashgen\Cache).
    return Path(platformdirs.user_cache_dir("flashgen", appauthor=False))


def source_key(paths: Iterable[Path], *extra: object) -> str:
    """A short key naming a cache entry built from ``paths`` (and ``extra`` settings).

    It covers flashgen's version, the Python version (entries hold marshal data) and
    byte order, each file's resolved path, size and modification time, and ``extra``.
    """
    parts = [__version__, sys.version, sys.byteorder, *map(repr, extra)]
    for p in paths:
        st = p.stat()
        parts.append(f"{p.resolve()}\0{st.st_size}\0{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def package_folder(name: str, what: str) -> Path:
    """The folder of installed package ``name`` (a namespace package's first one), found
    without importing it; FlashgenError saying ``what`` is missing when it is absent."""
    spec = importlib.util.find_spec(name)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise FlashgenError(
        f"{what} is missing (Python package {name}) — reinstall flashgen with `pip install -e .`"
    )


def package_file(name: str) -> Path:
    """The file package ``name`` is imported from, found without importing it: a source
    for the key of an entry built from the package (a new version installs a new file).
    This module's own file when the package is missing (its build then says so)."""
    spec = importlib.util.find_spec(name)
    return Path(spec.origin if spec and spec.origin else __file__)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The file gets the mode an ordinary ``open(path, "w")`` gives (0666 less the umask):
    mkstemp makes its file private (0600), and handouts, reports and exports written
    that way could not be read by the colleague or web server they were made for."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = ""
    try:
        with signals_deferred():  # made and noted at once: a Ctrl-C between would leak it
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's mode means nothing
            os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with signals_deferred():
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
        raise


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (they are blocked, then delivered).

    A signal landing between creating a temporary file and the ``try`` that removes it,
    or in the middle of removing it, left a ``.NAME.apkg.….anki2.tmp`` behind about once
    in a few hundred interrupted builds (tests/test_interrupted.py caught it).  Where the
    platform cannot block signals (Windows) the block just runs.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def pack(value: dict[str, Any]) -> bytes:
    """``value`` as a checked cache entry.  Its byte-string items are stored raw (and come
    back uncopied, see :func:`unpack`); the others must be plain data for marshal."""
    sections = {k: v for k, v in value.items() if isinstance(v, bytes | bytearray | memoryview)}
    layout = {}
    body = []
    at = 0
    for name, data in sections.items():
        pad = -at % _ALIGN  # aligned, so that arrays in them can be read in place
        body.append(b"\0" * pad)
        at += pad
        layout[name] = (at, len(data))
        body.append(bytes(data))
        at += len(data)
    plain = {k: v for k, v in value.items() if k not in sections}
    header = marshal.dumps((plain, layout))
    header += b"\0" * (-len(header) % _ALIGN)
    payload = header + b"".join(body)
    size = len(header).to_bytes(8, "little")
    crc = zlib.crc32(payload, zlib.crc32(size))
    return _MAGIC + size + crc.to_bytes(4, "little") + b"\0" * 4 + payload


def unpack(data: bytes | mmap.mmap) -> dict[str, Any]:
    """The dict :func:`pack` stored in ``data``, its byte strings as memoryviews into
    ``data``; ValueError if the entry is damaged or truncated."""
    view = memoryview(data)
    if len(view) < _HEADER or view[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a flashgen cache entry")
    size_field = view[len(_MAGIC) : len(_MAGIC) + 8]
    size = int.from_bytes(size_field, "little")
    crc = int.from_bytes(view[len(_MAGIC) + 8 : len(_MAGIC) + 12], "little")
    if zlib.crc32(view[_HEADER:], zlib.crc32(size_field)) != crc or _HEADER + size > len(view):
        raise ValueError("damaged flashgen cache entry")
    plain, layout = marshal.loads(view[_HEADER : _HEADER + size])
    base = _HEADER + size
    for name, (at, length) in layout.items():
        if base + at + length > len(view):
            raise ValueError("damaged flashgen cache entry")
        plain[name] = view[base + at : base + at + length]
    return plain  # type: ignore[no-any-return]


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        # Mapped, not read: the pages are the file's own, never copied, and shared by
        # every process that maps the file.
        return unpack(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


class CacheMissing(Exception):
    """An entry had to be built inside :func:`only_cached`."""


_building_allowed = True


@contextmanager
def only_cached() -> Iterator[None]:
    """Inside, :func:`cached_data` raises :class:`CacheMissing` instead of building an
    absent entry: a cheap way to learn that this is a first run, before it is slow."""
    global _building_allowed
    before, _building_allowed = _building_allowed, False
    try:
        yield
    finally:
        _building_allowed = before


def cached_data(name: str, key: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The dict cached as ``name`` for ``key``, built (and stored) if absent.

    ``build`` returns what :func:`pack` accepts; byte strings come back as memoryviews
    whether the entry was read or just built.  A missing, damaged or unreadable entry is
    rebuilt; a cache that cannot be written (read-only home) is not an error, the value
    is then simply rebuilt in each process.  Storing an entry removes all but the newest
    ``_KEEP`` entries of that ``name``.
    """
    folder = cache_dir()
    path = folder / f"{name}-{key}.bin"
    try:
        return _read(path)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    if not _building_allowed:
        raise CacheMissing(name)
    data = pack(build())
    try:
        atomic_write_bytes(path, data)
        _prune(folder, name)
    except OSError:
        pass
    return unpack(data)


# Entries kept per name: those of earlier versions go, but two or three installations
# sharing the folder (each keyed by its own paths) do not rebuild each other's out.
_KEEP = 3


def _prune(folder: Path, name: str) -> None:
    entries = []
    for entry in folder.glob(f"{name}-*.bin"):
        with contextlib.suppress(OSError):  # removed meanwhile
            entries.append((entry.stat().st_mtime_ns, entry))
    for _, old in sorted(entries, reverse=True)[_KEEP:]:
        old.unlink(missing_ok=True)
    _remove_former_files(folder)
    # A process killed while writing (a worker stopped by Ctrl-C) leaves its temporary
    # file; one this old is nobody's work in progress.
    stale = time.time() - _STALE_TMP_S
    for tmp in folder.glob(f".{name}-*.tmp"):
        try:
            if tmp.stat().st_mtime < stale:
                tmp.unlink(missing_ok=True)
        except OSError:
            pass


_STALE_TMP_S = 3600


def _remove_former_files(folder: Path) -> None:
    """Remove the files of the cache's first format, which no flashgen since reads or
    writes (some 30 MB): pickled CC-CEDICT rows, a merged jieba dictionary, and the
    prefix cache jieba made of that dictionary, named as jieba names it.  Only files
    flashgen itself made: the folder may be one other programs use too (/tmp)."""
    for rows in folder.glob("cedict-rows-*.pickle"):
        rows.unlink(missing_ok=True)
    for merged in folder.glob("jieba-dict-*.txt"):
        # jieba.Tokenizer's cache file for a dictionary other than its own.
        digest = hashlib.md5(
            os.path.abspath(merged).encode("utf-8", "replace"), usedforsecurity=False
        ).hexdigest()
        (folder / f"jieba.u{digest}.cache").unlink(missing_ok=True)
        merged.unlink(missing_ok=True)


def cache_writable() -> bool:
    """Whether entries can be stored (the folder, or the nearest existing parent it would
    be made in, is writable)."""
    folder = cache_dir()
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return os.access(folder, os.W_OK)
