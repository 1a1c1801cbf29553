"""pytest set-up for the whole checkout: the doctests of modules mypyc compiled.

A compiled module's functions keep no docstrings, and pytest refuses to collect a
``.py`` file whose module was imported from a compiled file.  Where flashgen runs
compiled (flashgen/compiled.py), the doctests of :data:`flashgen.compiled.MODULES` run
on a copy of the module executed from its ``.py`` file — not registered as the module,
so everything else keeps using the compiled one.  ``FLASHGEN_PURE=1`` runs every
doctest on the modules themselves.
"""

from __future__ import annotations

import importlib.util
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
        spec = importlib.util.spec_from_file_location(name, self.path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Generator[None, Any, Any]:
    collected = yield
    if not compiled.choose().compiled:
        return collected
    sources = {compiled.source_file(m) for m in compiled.MODULES}
    return [
        _SourceDoctests.from_parent(parent, path=file_path)
        if isinstance(c, DoctestModule) and file_path in sources
        else c
        for c in collected
    ]


def pytest_report_header() -> str:
    choice = compiled.choose()
    how = "compiled" if choice.compiled else "pure Python"
    return f"flashgen: {len(compiled.MODULES)} modules {how} ({choice.why})"
