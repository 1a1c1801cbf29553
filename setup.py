"""flashgen's build: the hot modules (flashgen/compiled.py's MODULES) compiled to C
extension modules with mypyc when a C compiler is there; pure Python when not.

Everything else about the package is declared in pyproject.toml.  mypyc ships in the
mypy wheel, which pyproject.toml's [build-system] asks for; no download happens at run
time.  The build never fails for want of a compiler or of mypyc: it warns once and
installs the pure-Python package, which gives the same results, slower.
``FLASHGEN_PURE=1`` at install skips the compilation.

Beside the compiled modules the build writes ``flashgen/_native.json``, the SHA-256 of
each compiled module's source: at import, flashgen loads every listed module from its
``.py`` file when any of them changed since (flashgen/compiled.py).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shlex
import shutil
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent


def _constants() -> dict[str, Any]:
    """The literal constants of flashgen/compiled.py (MODULES, GROUP, …), read without
    importing flashgen: its dependencies are not installed while it is being built."""
    tree = ast.parse((HERE / "flashgen" / "compiled.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant | ast.Tuple):
                found[target.id] = ast.literal_eval(node.value)
    return found


_C = _constants()
MODULES: tuple[str, ...] = _C["MODULES"]
GROUP: str = _C["GROUP"]
RECORD: str = _C["RECORD"]


def _source(module: str) -> Path:
    return HERE.joinpath(*module.split(".")).with_suffix(".py")


def _compiler_missing() -> str | None:
    """Why no C compiler can run, or None when one is on PATH."""
    cc = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    program = shlex.split(cc)[0]
    if shutil.which(program) is None:
        return f"no C compiler ({program} is not on PATH)"
    include = sysconfig.get_paths()["include"]
    if not Path(include, "Python.h").is_file():
        return f"no Python headers (Python.h is not in {include})"
    return None


# The commands that build the package; the others (egg_info, dist_info, sdist: pip
# asking for the metadata) need no compiled modules, and mypyc takes a minute.
_BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


class BuildMypyc(build_ext):
    """build_ext that asks mypyc for the extensions only when the package is built, and
    falls back to pure Python when it cannot compile them."""

    def finalize_options(self) -> None:
        building = _BUILDS.intersection(self.distribution.commands)
        compiled = _mypyc_extensions(self._pure) if building else []
        if compiled:
            self.distribution.ext_modules = compiled
        super().finalize_options()
        # Pure Python: the placeholder stays in the distribution, so that build_ext
        # still runs (and removes what an earlier build left, see below), with nothing
        # to compile.
        if not compiled:
            self.extensions = []

    def _pure(self, why: str) -> None:
        self.warn(f"flashgen: {why}; installing pure Python (same results, slower)")

    def build_extensions(self) -> None:
        if not self.extensions:
            return
        try:
            super().build_extensions()
        except Exception as e:  # CompileError, LinkError, a compiler that will not run
            first = (str(e).splitlines() or [type(e).__name__])[0]
            self._pure(f"compiling failed ({first[:300]})")
            self.extensions = []
            return
        self._record(Path(self.build_lib))

    def _record(self, root: Path) -> None:
        """The hash of each compiled module's source, beside the compiled files."""
        record = {
            "suffix": sysconfig.get_config_var("EXT_SUFFIX"),
            "modules": {m: hashlib.sha256(_source(m).read_bytes()).hexdigest() for m in MODULES},
        }
        path = root / "flashgen" / RECORD
        path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")

    def copy_extensions_to_source(self) -> None:
        """An editable install: the compiled files go beside the sources.  Those an
        earlier build left there and this one did not make are removed: Python would
        load them before the .py files."""
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        keep = set()
        if self.extensions:
            super().copy_extensions_to_source()
            self._record(HERE)
            keep = {HERE.joinpath(*m.split(".")).with_suffix(suffix) for m in MODULES}
            keep.add(HERE.joinpath(*(GROUP + "__mypyc").split(".")).with_suffix(suffix))
        else:
            (HERE / "flashgen" / RECORD).unlink(missing_ok=True)
        for path in (HERE / "flashgen").rglob("*" + suffix):
            if path not in keep:
                path.unlink()

    def get_outputs(self) -> list[str]:
        outputs: list[str] = super().get_outputs()
        if self.extensions and not self.inplace:
            outputs.append(str(Path(self.build_lib, "flashgen", RECORD)))
        return outputs


_extensions: list[Extension] = []  # mypycify's, made once per build
_asked = False


def _mypyc_extensions(pure: Callable[[str], None]) -> list[Extension]:
    global _asked
    if not _asked:
        _asked = True
        why = _why_pure()
        if why is None:
            try:
                from mypyc.build import mypycify

                _extensions.extend(
                    mypycify(
                        [str(_source(m).relative_to(HERE)) for m in MODULES],
                        group_name=GROUP,
                        opt_level="3",
                    )
                )
            except (Exception, SystemExit) as e:  # mypyc exits on a type error
                why = f"mypyc failed ({e})"
        if why is not None:
            pure(why)
    return _extensions


def _why_pure() -> str | None:
    if os.environ.get("FLASHGEN_PURE", "") not in ("", "0"):
        return "FLASHGEN_PURE is set"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypyc (part of mypy) is not installed"
    return _compiler_missing()


# A placeholder, replaced by BuildMypyc.finalize_options: with no ext_modules at all,
# setuptools would never run build_ext.
setup(
    ext_modules=[Extension(GROUP + "__mypyc", sources=[])],
    cmdclass={"build_ext": BuildMypyc},
)
