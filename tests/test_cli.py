"""Every command has help text and is documented in the README; errors are one line."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main, make_parser

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, str]:
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {c.dest: (c.help or "") for c in sub._choices_actions}


def test_every_command_has_help_and_is_in_the_readme():
    found = commands()
    assert set(found) >= {"build", "annotate", "align"}
    for name, help_text in found.items():
        assert help_text, name
        assert f"flashgen {name}" in README, name


@pytest.mark.parametrize("name", ["build", "annotate", "align"])
def test_each_command_prints_its_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    assert "usage: flashgen " + name in capsys.readouterr().out


def test_a_missing_path_is_one_line_naming_it(tmp_path):
    err = StringIO()
    code = main(
        ["build", str(tmp_path / "nope")],
        console=Console(file=StringIO()),
        err_console=Console(file=err, width=200),
    )
    assert code == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "nope" in lines[0] and "Traceback" not in lines[0]


def test_the_readme_keeps_its_two_commands():
    assert "flashgen build seeds/" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(ln for ln in ci.splitlines() if "pytest" in ln and "pip" in ln).strip()
    assert test_command in README


def test_a_missing_path_among_good_ones_is_reported_and_the_rest_is_built(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("政府批准了芯片出口。\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    code = main(
        ["build", str(tmp_path / "missing.txt"), str(good), "--out", str(tmp_path / "decks")],
        console=Console(file=out),
        err_console=Console(file=err, width=200),
    )
    assert code == 1
    assert (tmp_path / "decks" / "good.apkg").exists()
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "missing.txt" in lines[0]


def test_an_error_raised_while_an_interrupt_unwinds_is_still_an_interrupt(monkeypatch, tmp_path):
    # zipfile, closing a package whose entry Ctrl-C cut in half, raises a ValueError of
    # its own: the user pressed Ctrl-C, so it is "interrupted" (130), not an internal error.
    import flashgen.cli.build as build_cli

    def handle(args, out, err):
        try:
            raise KeyboardInterrupt
        finally:
            raise ValueError("Can't close the ZIP file while there is an open writing handle")

    monkeypatch.setattr(build_cli, "handle", handle)
    err = StringIO()
    code = main(
        ["build", str(tmp_path)],
        console=Console(file=StringIO()),
        err_console=Console(file=err, width=200),
    )
    assert (code, err.getvalue().strip()) == (130, "flashgen: interrupted")


_THREADS_AFTER_ANNOTATE = """
import contextlib, io, os, sys, threading
from flashgen.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["annotate", sys.argv[1]])
assert code == 0 and "numpy" in sys.modules, (code, "numpy" in sys.modules)
print(len(os.listdir("/proc/self/task")), threading.active_count())
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
@pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="BLAS starts no threads of its own on one core"
)
def test_a_command_runs_numpy_on_one_thread(tmp_path):
    # OpenBLAS starts a thread per core when numpy is imported, and they spin between
    # the small products of g2pM's LSTM: twice the CPU time, and on a busy machine
    # nearly twice the wall time.  The command starts none: every thread of the
    # process is one Python knows of.
    text = tmp_path / "t.txt"
    text.write_text("他常常弹吉他。\n我们明天去北京。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", _THREADS_AFTER_ANNOTATE, str(text)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    os_threads, python_threads = map(int, done.stdout.split())
    assert os_threads == python_threads
