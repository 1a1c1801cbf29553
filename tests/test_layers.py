"""The packages import one way only: the contract in pyproject.toml, checked by import-linter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_packages_import_only_the_layers_below_them() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_the_public_api_is_what_init_says_and_cheap_to_import():
    import flashgen

    assert sorted(flashgen.__all__) == sorted([*flashgen._API, "__version__"])
    for name in flashgen._API:
        assert getattr(flashgen, name) is not None, name
    # The command line imports flashgen for its version: that must not load the pipeline.
    done = subprocess.run(
        [sys.executable, "-c", "import sys, flashgen; print('numpy' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"
