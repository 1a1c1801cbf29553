"""Find the texts to read: files and folders given on the command line → named inputs.

A single file (``NAME.txt``, ``NAME.md``) is one input; ``NAME.zh.txt`` with
``NAME.en.txt`` next to it is one input of two files.  Reading an input is
:func:`flashgen.text.read.load`'s job, not this module's.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from flashgen.errors import InputError

__all__ = ["InputScan", "InputText", "Skipped", "find_inputs", "scan_inputs"]


@dataclass(frozen=True, slots=True)
class InputText:
    """One text to build a deck from: a single file, or a Chinese file with its English."""

    name: str  # stem for deck and file names: "000_83bce5aa88b4fec1", "NAME" for pairs
    zh_path: Path
    en_path: Path | None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found while searching that is not an input (the CLI warns about it)."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class InputScan:
    inputs: tuple[InputText, ...]
    skipped: tuple[Skipped, ...]
    # Paths that gave nothing (missing, or a folder without texts) while others did:
    # the run goes on with the others and reports these.
    problems: tuple[InputError, ...] = ()


_SUFFIXES = (".txt", ".md")
_NO_PARTNER = "an English text with no NAME.zh file next to it"


def find_inputs(paths: Sequence[Path]) -> list[InputText]:
    """The texts named by ``paths`` (files, or folders searched recursively), in order.

    Use :func:`scan_inputs` to also learn which files were skipped.
    """
    return list(scan_inputs(paths).inputs)


def scan_inputs(paths: Sequence[Path], exclude: Collection[Path] = ()) -> InputScan:
    """Find inputs and the files skipped on the way (English files with no Chinese partner).

    Folders are searched for ``.txt`` and ``.md`` files, hidden files and folders skipped,
    in sorted order.  ``NAME.zh.txt`` is paired with ``NAME.en.txt`` in the same folder.
    A file given by name is used whatever its suffix.  Names are unique: a stem found
    twice becomes its path relative to the folder searched (``ch1/text``), then gets
    ``-2``, ``-3``.  Files and folders in ``exclude`` (resolved paths) are not searched:
    the classes found inside a folder, and their known-words files.
    """
    found: list[tuple[InputText, str]] = []  # with the name relative to its root
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    problems: list[InputError] = []
    for root in paths:
        root = Path(root)
        if root.is_dir():
            files = _files_under(root, exclude)
            if not _collect(files, root, found, skipped, seen, explicit=False):
                if files:
                    problems.append(
                        InputError(
                            root,
                            "no Chinese text files found, only English ones "
                            "(NAME.en.txt) with no NAME.zh.txt next to them",
                            "add the Chinese files, or give a folder of Chinese texts",
                        )
                    )
                else:
                    problems.append(
                        InputError(
                            root,
                            "no .txt or .md files found",
                            "give a file or a folder containing Chinese texts",
                        )
                    )
        elif root.exists():
            _collect([root], root.parent, found, skipped, seen, explicit=True)
        else:
            problems.append(InputError(root, "no such file or folder", "check the path"))
    if problems and not found:
        raise problems[0]  # nothing to do at all: that is the error
    return InputScan(_unique_names(found), tuple(skipped), tuple(problems))


def _files_under(root: Path, exclude: Collection[Path] = ()) -> list[Path]:
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        # prunes the walk
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and (not exclude or (Path(folder) / d).resolve() not in exclude)
        ]
        out.extend(
            Path(folder) / f
            for f in files
            if not f.startswith(".")
            and f.lower().endswith(_SUFFIXES)
            and (not exclude or (Path(folder) / f).resolve() not in exclude)
        )
    return sorted(out, key=lambda p: p.relative_to(root).parts)


def split_name(path: Path) -> tuple[str, str | None, str]:
    """``x.zh.txt`` → ``("x", "zh", ".txt")``; ``x.txt`` → ``("x", None, ".txt")``."""
    name = path.name
    stem, ext = os.path.splitext(name)
    for tag in ("zh", "en"):
        if stem.lower().endswith("." + tag) and len(stem) > 3:
            return stem[:-3], tag, ext
    return stem, None, ext


def _collect(
    files: list[Path],
    root: Path,
    found: list[tuple[InputText, str]],
    skipped: list[Skipped],
    seen: set[Path],
    *,
    explicit: bool,
) -> int:
    """Append the inputs among ``files`` to ``found``; returns how many there were
    (counting any already found through another path)."""
    count = 0
    for path in files:
        base, tag, ext = split_name(path)
        zh_path, en_path = path, None
        if tag is not None:
            zh_sib = path.with_name(f"{base}.zh{ext}")
            en_sib = path.with_name(f"{base}.en{ext}")
            if tag == "en":
                if not zh_sib.is_file():
                    skipped.append(Skipped(path, _NO_PARTNER))
                    continue
                if not explicit:
                    continue  # the Chinese file, found in the same folder, brings it in
                zh_path = zh_sib
            en_path = en_sib if en_sib.is_file() else None
        count += 1
        key = zh_path.resolve()
        if key in seen:
            continue
        seen.add(key)
        rel = zh_path.with_name(base).relative_to(root).as_posix()
        found.append((InputText(base, zh_path, en_path), rel))
    return count


def _unique_names(found: list[tuple[InputText, str]]) -> tuple[InputText, ...]:
    # Deck ids are derived from names, so a name must not depend on which other
    # files happen to share it more than necessary: the folder path first, a counter last.
    stems = Counter(item.name for item, _ in found)
    named = [(item.name if stems[item.name] == 1 else rel, item) for item, rel in found]
    used: Counter[str] = Counter()
    out: list[InputText] = []
    for name, item in named:
        used[name] += 1
        unique = name if used[name] == 1 else f"{name}-{used[name]}"
        out.append(InputText(unique, item.zh_path, item.en_path))
    return tuple(out)
