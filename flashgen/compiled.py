"""Which of flashgen's modules run compiled (mypyc), and loading them all from source
when the compiled build cannot be trusted.

``setup.py`` compiles :data:`MODULES` to C extension modules with mypyc when flashgen is
installed, and records the SHA-256 of each module's source in ``_native.json`` beside
them.  Compiled modules of one group call each other directly, C to C, so a mixture —
one module loaded from an edited ``.py``, the others from the build — is not safe: when
anything is off, :func:`choose` makes every module of the list load from its ``.py``.
That is when ``FLASHGEN_PURE`` is set to anything but ``0`` or empty, when there is no
build record (pure install: no compiler, or a source checkout), when a compiled file it
lists is missing or was built for another Python, or when any listed module's source
differs from the one compiled — a developer who edits ``wordlink.py`` tests the edit,
not the old build beside it.

This module imports only the standard library: ``setup.py`` reads :data:`MODULES`
from it before flashgen's dependencies are installed.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# The hot pure-Python modules of the annotate path (README: "Speed and memory"); all of
# them or none run compiled.  The text readers and the dictionary tables (from
# flashgen.text.read on) were measured at about 1 % of annotate's CPU time in an earlier
# round and left pure; since the annotate path's own modules run compiled, their calls
# into them cost more: compiled they took 0.1-0.2 s off reading and as much off the link
# check, segmentation and pinyin (Tatoeba, speed14).  No test patches them.
# resources.lexicon's tables are typed Sequence[int]: mypyc cannot name memoryview in a
# dataclass.
MODULES = (
    "flashgen.language.wordlink",
    "flashgen.language.fill",
    "flashgen.language.english",
    "flashgen.language.annotate",
    "flashgen.language.segment",
    "flashgen.language.posseg",
    "flashgen.language.wordhmm",
    "flashgen.language.gloss",
    "flashgen.language.pinyin.context",
    "flashgen.align.support",
    "flashgen.align.anchors",
    "flashgen.align.search",
    "flashgen.align.costs",
    "flashgen.output.records",
    "flashgen.text.english",
    "flashgen.text.read",
    "flashgen.text.lines",
    "flashgen.text.paragraphs",
    "flashgen.text.sentences",
    "flashgen.text.script",
    "flashgen.resources.tables",
    "flashgen.resources.cedict",
    "flashgen.resources.lexicon",
    "flashgen.resources.levels",
)

# mypyc's shared library of the group (mypycify's group_name, plus "__mypyc").
GROUP = "flashgen._native"
RECORD = "_native.json"  # in the package folder, written by the build
PURE_ENV = "FLASHGEN_PURE"

_PACKAGE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Choice:
    """What :func:`choose` decided: ``compiled`` True when :data:`MODULES` load from
    the build, else ``why`` says why they load from source."""

    compiled: bool
    why: str


def source_file(module: str, package: Path = _PACKAGE) -> Path:
    """The ``.py`` file of one of :data:`MODULES` (``flashgen.a.b`` -> ``flashgen/a/b.py``)."""
    return package.joinpath(*module.split(".")[1:]).with_suffix(".py")


def source_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes, as the build records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def judge(package: Path, environ: Mapping[str, str]) -> Choice:
    """Whether the build recorded in the flashgen package at ``package`` can be used."""
    if environ.get(PURE_ENV, "") not in ("", "0"):
        return Choice(False, f"{PURE_ENV}={environ[PURE_ENV]}")
    record_file = package / RECORD
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Choice(False, "not compiled at install")
    except (OSError, ValueError) as e:
        return Choice(False, f"unreadable build record {record_file} ({e})")
    suffix = record.get("suffix")
    if suffix not in importlib.machinery.EXTENSION_SUFFIXES:
        return Choice(False, f"compiled for another Python ({suffix})")
    modules = record.get("modules", {})
    if sorted(modules) != sorted(MODULES):
        return Choice(False, "the build compiled another list of modules")
    for name in (GROUP + "__mypyc", *MODULES):
        if not package.joinpath(*name.split(".")[1:]).with_suffix(suffix).is_file():
            return Choice(False, f"{name}: its compiled file is missing")
    for name in MODULES:
        source = source_file(name, package)
        if source_hash(source) != modules[name]:
            return Choice(False, f"{source.name} changed since the build")
    return Choice(True, "compiled with mypyc at install")


class _FromSource:
    """A meta path finder that loads :data:`MODULES` from their ``.py`` files, ahead of
    the extension modules the path finder would prefer."""

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = frozenset(modules)

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in self.modules:
            return None
        return importlib.util.spec_from_file_location(name, source_file(name))


_chosen: list[Choice] = []  # choose()'s decision, once per process


def choose() -> Choice:
    """Decide, before any of :data:`MODULES` is imported (``flashgen/__init__.py`` asks
    first), where they load from; later calls return the same decision."""
    if not _chosen:
        _chosen.append(judge(_PACKAGE, os.environ))
        if not _chosen[0].compiled:
            sys.meta_path.insert(0, _FromSource(MODULES))
    return _chosen[0]


def from_source(module: str) -> ModuleType:
    """A private copy of ``module`` executed from its ``.py`` file, not registered in
    ``sys.modules``: the module itself may be compiled, and a compiled module's functions
    call each other directly, never through its namespace, and keep no docstrings.  Tests
    that replace a function inside the module patch such a copy; doctests run on one."""
    # Under a name of its own, registered (dataclasses look their module up while the
    # class is made); the name is free, so the copy replaces only an earlier copy.
    name = module + "__source"
    spec = importlib.util.spec_from_file_location(name, source_file(module))
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    sys.modules[name] = copy
    spec.loader.exec_module(copy)
    return copy


def loaded_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension module."""
    spec = module.__spec__
    return spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)
