"""A build killed at any moment leaves in its output folder only complete decks.

``python -m flashgen build`` runs in a subprocess over a folder of copies of the sample
article and is killed (SIGKILL, SIGTERM, SIGINT) at several moments, over an output folder
that may already hold the decks of an earlier build of other texts with the same names.
Each ``.apkg`` there afterwards must be a complete zip that imports into the real Anki and
is either the earlier deck or the new one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main

anki_collection = pytest.importorskip("anki.collection")
from anki_helpers import import_apkg  # noqa: E402  (after the importorskip)

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"
# Enough copies that a build, one text after another (--jobs 1), is still running at 3 s
# now that start-up takes under a second.
COPIES = 60
# An earlier version of each text: a short one, so its deck is told apart by its notes.
EARLIER = """\
政府批准了芯片出口，并讨论了关税问题。
The government approved chip exports and discussed the tariff issue.
"""
FIRST_DECK = "first deck"  # kill as soon as the first .apkg appears


def in_process_build(folder: Path, out: Path) -> None:
    code = main(
        ["build", str(folder), "--out", str(out), "--quiet"],
        console=Console(file=StringIO()),
        err_console=Console(file=StringIO()),
    )
    assert code == 0


def note_count(deck: Path, tmp: Path) -> int:
    with zipfile.ZipFile(deck) as z:
        assert z.testzip() is None
        assert {"collection.anki2", "media"} <= set(z.namelist())
    collection = tmp / f"c-{deck.stem}-{time.monotonic_ns()}.anki2"
    col = anki_collection.Collection(str(collection))
    try:
        log = import_apkg(col, deck)
        assert not (log.missing_notetype or log.missing_deck or log.empty_first_field)
        return col.note_count()
    finally:
        col.close()


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Texts, the notes of the earlier and the new deck, and a warm cache."""
    root = tmp_path_factory.mktemp("interrupted")
    texts, earlier = root / "texts", root / "earlier"
    texts.mkdir()
    earlier.mkdir()
    for i in range(COPIES):
        (texts / f"copy{i}.txt").write_bytes(SAMPLE.read_bytes())
        (earlier / f"copy{i}.txt").write_text(EARLIER, encoding="utf-8")
    # In process first: fills the session cache the subprocesses inherit.
    in_process_build(texts, root / "new-decks")
    in_process_build(earlier, root / "earlier-decks")
    new = note_count(root / "new-decks" / "copy0.apkg", root)
    old = note_count(root / "earlier-decks" / "copy0.apkg", root)
    assert new > old > 0
    return {"texts": texts, "earlier": root / "earlier-decks", "new": new, "old": old}


@contextmanager
def build_process(*args: str, start_new_session: bool = False) -> Iterator[subprocess.Popen[bytes]]:
    """``python -m flashgen build ARGS`` in a subprocess (stderr piped), killed on the way
    out if the test left it running."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "flashgen", "build", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
        start_new_session=start_new_session,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def run_and_kill(
    texts: Path, out: Path, sig: signal.Signals, when: float | str
) -> tuple[int | None, str, bool]:
    """Start a build, send ``sig`` at ``when``; return (exit code, stderr, was it running)."""
    before = set(out.glob("*.apkg"))
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    with build_process(str(texts), "--out", str(out), "--quiet", "--jobs", "1") as proc:
        deadline = time.monotonic() + (when if isinstance(when, float) else 60.0)
        while time.monotonic() < deadline and proc.poll() is None:
            if when == FIRST_DECK and any(
                p not in mtimes or p.stat().st_mtime_ns != mtimes[p] for p in out.glob("*.apkg")
            ):
                break
            time.sleep(0.005)
        running = proc.poll() is None
        if running:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    return proc.returncode, err.decode("utf-8", "replace"), running


# Every signal at every moment over the decks of an earlier build; into an empty folder
# only the moments when a deck is being written.
CASES = [
    pytest.param(sig, when, earlier, id=f"{sig.name}-{when}-{'earlier' if earlier else 'empty'}")
    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)
    for when in (0.5, 1.5, 3.0, FIRST_DECK)
    for earlier in (True, False)
    if earlier or when in (1.5, FIRST_DECK)
]


@pytest.mark.slow  # a build of 60 texts, killed: 3 to 15 s each
@pytest.mark.parametrize(("sig", "when", "earlier"), CASES)
def test_killed_build_leaves_only_complete_decks(setup, tmp_path, sig, when, earlier):
    out = tmp_path / "decks"
    out.mkdir()
    if earlier:
        for deck in setup["earlier"].glob("*.apkg"):
            (out / deck.name).write_bytes(deck.read_bytes())
    code, err, running = run_and_kill(setup["texts"], out, sig, when)

    for deck in sorted(out.glob("*.apkg")):
        expected = {setup["new"], setup["old"]} if earlier else {setup["new"]}
        assert note_count(deck, tmp_path) in expected, deck.name
    if earlier:
        assert len(list(out.glob("*.apkg"))) == COPIES  # no earlier deck lost
    # Only hidden temporaries may be left, and only by a process that could not clean up.
    leftovers = sorted(p.name for p in out.iterdir() if p.suffix != ".apkg")
    assert all(
        name.startswith(".") and name.endswith((".tmp", ".tmp-journal")) for name in leftovers
    ), leftovers
    if sig != signal.SIGKILL or not running:
        assert not leftovers, leftovers

    if not running:  # the build finished before the signal
        assert code == 0, err
    elif sig == signal.SIGINT:
        assert code == 130, err
        assert err.strip() and len(err.strip().splitlines()) == 1, err
        assert err.startswith("flashgen:") and "Traceback" not in err
    elif sig == signal.SIGKILL:
        assert code == -signal.SIGKILL


@pytest.mark.slow  # a build of 60 texts, killed: 3 to 15 s each
@pytest.mark.parametrize("when", [1.5, FIRST_DECK], ids=str)
def test_sigterm_exits_cleanly(setup, tmp_path, when):
    code, err, running = run_and_kill(setup["texts"], tmp_path / "decks", signal.SIGTERM, when)
    assert running
    assert code is not None and code > 0, (code, err)  # exited, not killed by the signal
    assert len(err.strip().splitlines()) == 1 and err.startswith("flashgen:"), err
    assert "Traceback" not in err


def test_interrupt_while_starting_up_exits_130(monkeypatch, capsys):
    import flashgen.cli

    def interrupted() -> None:  # Ctrl-C while the subcommand modules are imported
        raise KeyboardInterrupt

    monkeypatch.setattr(flashgen.cli, "make_parser", interrupted)
    err = StringIO()
    try:
        code = main(
            ["build", "x.txt"], console=Console(file=StringIO()), err_console=Console(file=err)
        )
    except KeyboardInterrupt:  # not re-raised: pytest would stop the whole session
        pytest.fail("KeyboardInterrupt escaped main()")
    assert code == 130 and err.getvalue() == "flashgen: interrupted\n"


def _class_with_lessons(root: Path, lessons: int) -> Path:
    folder = root / "class"
    folder.mkdir()
    (folder / "flashgen.toml").write_text('name = "Interrupted"\n', encoding="utf-8")
    for i in range(lessons):
        (folder / f"{i + 1:02d}-copy.txt").write_bytes(SAMPLE.read_bytes())
    return folder


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow  # a class of 40 lessons in worker processes, killed
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=str)
def test_a_parallel_class_build_stops_its_workers(setup, tmp_path, sig):
    """Ctrl-C (the whole process group), SIGTERM or SIGKILL while lessons are being read in
    worker processes: the command stops at once, no worker outlives it, nothing is written."""
    folder = _class_with_lessons(tmp_path, 40)
    out = tmp_path / "decks"
    with build_process(
        str(folder), "--out", str(out), "--quiet", "--jobs", "2", start_new_session=True
    ) as proc:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the workers never started"
        time.sleep(0.2)
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # what Ctrl-C in a terminal does
        else:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()], "a worker outlived the build"
    text = err.decode("utf-8", "replace")
    expected = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -signal.SIGKILL}[sig]
    assert proc.returncode == expected, text
    if sig != signal.SIGKILL:
        assert text.strip() in ("flashgen: interrupted", "flashgen: terminated"), text
    assert not list(out.rglob("*.apkg"))
