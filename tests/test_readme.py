"""The README's shell examples: every ``flashgen …`` line parses with the real parser
(an option renamed or removed fails here), the cheap ones run, and the reader is told
how ``flashgen`` gets on the PATH after the install command."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flashgen.cli import make_parser

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_lines() -> list[str]:
    """Each command line of the README's ``sh`` blocks, without its trailing comment."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            command = re.split(r"\s+#\s", line, maxsplit=1)[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


FLASHGEN_LINES = [line for line in shell_lines() if line.startswith("flashgen")]


def test_the_readme_has_flashgen_examples():
    assert len(FLASHGEN_LINES) >= 8


@pytest.mark.parametrize("line", FLASHGEN_LINES)
def test_every_flashgen_example_parses(line):
    argv = shlex.split(line)[1:]
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as e:  # --version and --help exit 0; a bad option exits 2
        assert e.code == 0, line
        return
    assert args.command


def test_the_install_is_followed_by_how_to_reach_the_command():
    lines = shell_lines()
    install = next(i for i, line in enumerate(lines) if "pip install -q -e ." in line)
    first_bare = next(i for i, line in enumerate(lines) if line.startswith("flashgen"))
    activate = next(i for i, line in enumerate(lines) if line.startswith(". .venv/bin/activate"))
    assert install < activate < first_bare


@pytest.mark.parametrize("line", ["flashgen --version", "flashgen"])
def test_cheap_examples_run(line):
    assert line in FLASHGEN_LINES or line == "flashgen"
    done = subprocess.run(
        [sys.executable, "-m", *shlex.split(line)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(("flashgen ", "usage: flashgen"))
