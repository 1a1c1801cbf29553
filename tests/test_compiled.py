"""The modules mypyc compiles at install (setup.py) load all compiled or all from their
``.py`` files, and never from a build older than their source (flashgen/compiled.py)."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flashgen
from flashgen import compiled
from flashgen.compiled import MODULES, RECORD, judge, loaded_compiled, source_file, source_hash

PACKAGE = Path(flashgen.__file__).parent
SUFFIX = ".cpython-311-x86_64-linux-gnu.so"  # any suffix this Python loads will do
if SUFFIX not in importlib.machinery.EXTENSION_SUFFIXES:
    SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def fake_build(root: Path) -> Path:
    """A copy of the package's listed sources with a build record and (empty) compiled
    files as setup.py leaves them: what :func:`judge` looks at."""
    package = root / "flashgen"
    for name in (compiled.GROUP + "__mypyc", *MODULES):
        path = package.joinpath(*name.split(".")[1:])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(SUFFIX).write_bytes(b"")
        if name in MODULES:
            shutil.copy(source_file(name), path.with_suffix(".py"))
    record = {"suffix": SUFFIX, "modules": {m: source_hash(source_file(m)) for m in MODULES}}
    (package / RECORD).write_text(json.dumps(record), encoding="utf-8")
    return package


def test_a_build_whose_sources_are_unchanged_is_used(tmp_path: Path) -> None:
    assert judge(fake_build(tmp_path), {}) == compiled.Choice(
        True, "compiled with mypyc at install"
    )


def test_an_edited_module_makes_every_module_load_from_source(tmp_path: Path) -> None:
    package = fake_build(tmp_path)
    wordlink = source_file("flashgen.language.wordlink", package)
    wordlink.write_text(wordlink.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert judge(package, {}) == compiled.Choice(False, "wordlink.py changed since the build")


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda p: (p / RECORD).unlink(), "not compiled at install"),
        (lambda p: (p / RECORD).write_text("{", encoding="utf-8"), "unreadable build record"),
        (
            lambda p: source_file("flashgen.align.costs", p).with_suffix(SUFFIX).unlink(),
            "flashgen.align.costs: its compiled file is missing",
        ),
        (
            lambda p: (p / RECORD).write_text(
                json.dumps({"suffix": ".cpython-27.so", "modules": {}}), encoding="utf-8"
            ),
            "compiled for another Python",
        ),
        (
            lambda p: (p / RECORD).write_text(
                json.dumps({"suffix": SUFFIX, "modules": {MODULES[0]: "0"}}), encoding="utf-8"
            ),
            "the build compiled another list of modules",
        ),
    ],
)
def test_a_build_that_cannot_be_trusted_is_not_used(tmp_path: Path, spoil, why: str) -> None:
    package = fake_build(tmp_path)
    spoil(package)
    choice = judge(package, {})
    assert not choice.compiled and choice.why.startswith(why)


@pytest.mark.parametrize(("value", "pure"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_flashgen_pure_forces_the_sources(tmp_path: Path, value: str, pure: bool) -> None:
    assert judge(fake_build(tmp_path), {"FLASHGEN_PURE": value}).compiled is not pure


def test_the_listed_modules_load_all_compiled_or_all_from_source() -> None:
    # CI installs with a compiler and sets FLASHGEN_REQUIRE_COMPILED (.ci/run): there
    # the compiled modules must be the ones the tests ran.
    choice = compiled.choose()
    if os.environ.get("FLASHGEN_REQUIRE_COMPILED") and not os.environ.get("FLASHGEN_PURE"):
        assert choice.compiled, choice.why
    loaded = {m: loaded_compiled(importlib.import_module(m)) for m in MODULES}
    assert loaded == dict.fromkeys(MODULES, choice.compiled), choice.why


def imported_files(package_root: Path, env: dict[str, str] | None = None) -> set[str]:
    """The file each listed module is loaded from in a fresh Python that imports the
    flashgen package under ``package_root``."""
    code = (
        "import importlib, flashgen\n"
        f"assert flashgen.__file__.startswith({str(package_root)!r}), flashgen.__file__\n"
        f"for m in {MODULES!r}: print(importlib.import_module(m).__file__)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=package_root,  # python -c puts the current folder first on sys.path
        env={**os.environ, **(env or {}), "PYTHONPATH": str(package_root)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return {Path(line).suffix for line in run.stdout.splitlines()}


@pytest.mark.skipif(not compiled.choose().compiled, reason=f"pure Python: {compiled.choose().why}")
def test_a_copy_of_the_build_with_an_edited_module_imports_the_sources(tmp_path: Path) -> None:
    # The real build, copied: compiled as it is, pure once one source is edited (a
    # developer running the tests after editing wordlink.py tests the edit).
    shutil.copytree(PACKAGE, tmp_path / "flashgen", ignore=shutil.ignore_patterns("__pycache__"))
    assert imported_files(tmp_path) == {".so"}
    assert imported_files(tmp_path, {"FLASHGEN_PURE": "1"}) == {".py"}
    wordlink = tmp_path / "flashgen" / "language" / "wordlink.py"
    wordlink.write_text(wordlink.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert imported_files(tmp_path) == {".py"}
