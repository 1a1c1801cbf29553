"""Find the classes among the paths given: a folder holding ``flashgen.toml`` is a class.

Its lessons are the texts inside it, in the order of their file names (``01-…``,
``02-…``; numbers compare as numbers, so ``2`` comes before ``10``).  Texts outside
any class are built one deck each, as without classes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from flashgen.classes.config import CONFIG_NAME, ClassConfig, load_class_config, render_deck_name
from flashgen.errors import InputError
from flashgen.text.inputs import InputScan, InputText, Skipped, scan_inputs, split_name


@dataclass(frozen=True, slots=True)
class Lesson:
    text: InputText
    number: str  # "01": the file name's leading number, else its place in the class
    title: str  # the rest of the file name, "At the market"
    deck: str  # its deck in Anki: "Chinese 3A::01 At the market"

    @property
    def label(self) -> str:
        """The lesson as a student sees it: the last part of its deck name."""
        return self.deck.rsplit("::", 1)[-1]


@dataclass(frozen=True, slots=True)
class ClassSpec:
    root: Path
    name: str
    config: ClassConfig
    lessons: tuple[Lesson, ...]
    skipped: InputScan  # what the search of the class folder skipped or found wrong


@dataclass(frozen=True, slots=True)
class Discovery:
    classes: tuple[ClassSpec, ...]
    loose: InputScan  # texts outside any class


def discover(paths: Sequence[Path]) -> Discovery:
    """Classes and loose texts under ``paths``.

    A ``flashgen.toml`` that cannot be used raises :class:`flashgen.errors.UsageError`
    (nothing should be built for a class whose settings are wrong); a path that does
    not exist is reported in ``loose.problems`` as without classes.
    """
    roots = _class_roots(paths)
    classes = tuple(_load_class(root, roots) for root in roots)
    # As the user gave them, but from the current folder where they lie inside it.
    loose_paths = [shown_path(Path(p)) for p in paths if Path(p).resolve() not in roots]
    exclude = frozenset(roots)
    if not loose_paths:
        return Discovery(classes, InputScan((), ()))
    if classes:
        # A folder holding only classes has nothing else to build: not a problem.
        loose_paths = [
            p for p in loose_paths if not Path(p).is_dir() or _has_texts_outside(Path(p), exclude)
        ]
        if not loose_paths:
            return Discovery(classes, InputScan((), ()))
    return Discovery(classes, scan_inputs(loose_paths, exclude))


def _class_roots(paths: Sequence[Path]) -> list[Path]:
    roots: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if CONFIG_NAME in files:
                root = Path(folder).resolve()
                if root not in roots:
                    roots.append(root)
    return roots


def _has_texts_outside(path: Path, exclude: frozenset[Path]) -> bool:
    try:
        return bool(scan_inputs([path], exclude).inputs)
    except InputError:
        return False


def _load_class(root: Path, all_roots: Sequence[Path]) -> ClassSpec:
    config = load_class_config(root / CONFIG_NAME)
    name = config.name or root.name
    # Nested classes are classes of their own; known-words files are not lessons.
    exclude = {r for r in all_roots if r != root} | {p.resolve() for p in config.known_words}
    # Searched by its path from the current folder where it is inside it: file names in
    # messages, the report and the summary are then short, as the teacher typed them.
    where = shown_path(root)
    try:
        scan = scan_inputs([where], exclude)
    except InputError as e:
        scan = InputScan((), (), (e,))
    others = tuple(Skipped(p, _not_a_lesson(p)) for p in _other_files(where, exclude))
    if others:
        scan = replace(scan, skipped=(*scan.skipped, *others))
    texts = sorted(scan.inputs, key=lambda t: _natural(t.zh_path.relative_to(where).as_posix()))
    # Lesson numbers are zero-padded to one width (03, 10; 003 … 120 past 99 lessons),
    # so that Anki, which sorts deck names as text, lists 03 before 10.
    width = max(2, len(str(len(texts))), *(len(_number_of(t.zh_path)) for t in texts))
    lessons = []
    taken: set[str] = set()
    for place, text in enumerate(texts, start=1):
        number, title = lesson_name(text.zh_path, place, width)
        deck = render_deck_name(
            config.deck_template, class_name=name, number=number, title=title, file=text.name
        )
        # Two lessons in one deck would mix their cards (01-intro.txt, 01 intro.md).
        unique, n = deck, 1
        while unique.casefold() in taken:
            n += 1
            unique = f"{deck} ({n})"
        taken.add(unique.casefold())
        lessons.append(Lesson(text, number, title, unique))
    return ClassSpec(root, name, config, tuple(lessons), scan)


def shown_path(path: Path) -> Path:
    """``path`` relative to the current folder when it lies inside it, else as it is
    (a relative path is left alone).

    >>> shown_path(Path.cwd() / "classes" / "3a"), shown_path(Path("../x"))
    (PosixPath('classes/3a'), PosixPath('../x'))
    """
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# Documents a teacher may drop into a class folder meaning them as lessons.
_DOCUMENTS = (".doc", ".docx", ".odt", ".rtf", ".pages", ".pdf")


def _not_a_lesson(path: Path) -> str:
    hint = (
        " — save it as Plain Text (.txt), encoding UTF-8, to make it a lesson"
        if path.suffix.lower() in _DOCUMENTS
        else ""
    )
    return f"not a lesson: only .txt and .md files are read{hint}"


def _other_files(root: Path, exclude: set[Path]) -> list[Path]:
    """The files in a class folder that are neither texts nor its settings, nor hidden,
    nor in a nested class: named as skipped, so a Word file is not silently ignored."""
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (Path(folder) / d).resolve() not in exclude
        )
        for name in sorted(files):
            path = Path(folder) / name
            if (
                name.startswith(".")
                or name == CONFIG_NAME
                or name.lower().endswith(_TEXT_SUFFIXES)
                or path.resolve() in exclude
            ):
                continue
            out.append(path)
    return out


_TEXT_SUFFIXES = (".txt", ".md")
_NUMBERED = re.compile(r"^(\d+)[\s._-]*(.*)$")


def lesson_name(path: Path, place: int, width: int = 2) -> tuple[str, str]:
    """The lesson number and title a file name gives.

    >>> lesson_name(Path("03-at_the market.zh.txt"), 1)
    ('03', 'at the market')
    >>> lesson_name(Path("市场.txt"), 4)
    ('04', '市场')
    >>> lesson_name(Path("12.txt"), 4)
    ('12', 'Lesson 12')
    >>> lesson_name(Path("4 news.txt"), 1), lesson_name(Path("7-x.txt"), 1, width=3)
    (('04', 'news'), ('007', 'x'))
    """
    stem = split_name(path)[0]
    m = _NUMBERED.match(stem)
    number, rest = (m.group(1), m.group(2)) if m else (str(place), stem)
    number = number.zfill(width)
    title = " ".join(rest.replace("_", " ").replace("-", " ").split())
    return number, title or f"Lesson {number}"


def _number_of(path: Path) -> str:
    """The leading number of a lesson's file name ("" if none)."""
    m = _NUMBERED.match(split_name(path)[0])
    return m.group(1) if m else ""


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    # "2-x" before "10-x": runs of digits compare as numbers.
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", name)
        if part
    )
