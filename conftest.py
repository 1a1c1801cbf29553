"""pytest set-up for the whole checkout: the doctests of modules mypyc compiled.

A compiled module's functions keep no docstrings, and pytest refuses to collect a
``.py`` file whose module was imported from a compiled file.  Where flashgen runs
compiled (flashgen/compiled.py), the doctests of :data:`flashgen.compiled.MODULES` run
on a copy of the module executed from its ``.py`` file — not registered as the module,
so everything else keeps using the compiled one.  ``FLASHGEN_PURE=1`` runs every
doctest on the modules themselves.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from _pytest.doctest import DoctestModule

from flashgen import compiled


class _SourceDoctests(DoctestModule):
    """The doctests of a compiled module, run on a copy loaded from its source."""

    def _getobj(self) -> ModuleType:
        name = next(m for m in compiled.MODULES if compiled.source_file(m) == self.path)
        return compiled.from_source(name)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Generator[None, Any, Any]:
    collected = yield
    if not compiled.choose().compiled:
        return collected
    if file_path not in {compiled.source_file(m) for m in compiled.MODULES}:
        return collected
    # Only its doctests: a compiled module named on the command line would otherwise be
    # collected as a test module too, which pytest cannot import from its .py.
    if any(isinstance(c, DoctestModule) for c in collected):
        return [_SourceDoctests.from_parent(parent, path=file_path)]
    return []


def pytest_report_header() -> str:
    choice = compiled.choose()
    how = "compiled" if choice.compiled else "pure Python"
    return f"flashgen: {len(compiled.MODULES)} modules {how} ({choice.why})"
