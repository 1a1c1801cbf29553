"""The ``flashgen`` command: parse options, call the library, render with rich.

Each subcommand lives in its own module here and registers itself with
``add_parser(subparsers)``; its handler returns an exit code.  This function is
the one place that turns exceptions into exit codes and one-line messages.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import gc
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from types import FrameType

from rich.console import Console

from flashgen import __version__
from flashgen.collector import freeze_between_chunks
from flashgen.errors import FlashgenError, UsageError


class ExitCode(IntEnum):
    OK = 0  # every text built
    ERROR = 1  # some texts failed (the others were built), or an internal error
    USAGE = 2  # a bad option or setting; nothing was done
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM)


class Terminated(KeyboardInterrupt):
    """Raised by the SIGTERM handler: unwinds like Ctrl-C, so ``finally`` blocks remove
    temporary files, but exits with 143."""


def encoding_name(name: str) -> str:
    """argparse type for ``--encoding``: a codec Python knows (else a usage error)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {name!r} (try utf-8, gb18030, big5 or utf-16)"
        ) from None


def add_encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        type=encoding_name,
        metavar="NAME",
        help="read the input files in this encoding (e.g. gb18030, big5) instead of detecting it",
    )


def add_inputs_and_out(parser: argparse.ArgumentParser, out: str, out_help: str) -> None:
    """The texts to read (as ``flashgen build`` reads them) and ``-o/--out`` with its
    default folder: what ``export`` and ``review`` take like ``build``."""
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="text files or folders, as for 'flashgen build'",
    )
    parser.add_argument("-o", "--out", type=Path, default=Path(out), metavar="DIR", help=out_help)


def make_parser() -> argparse.ArgumentParser:
    from flashgen.cli import align, annotate, build, export, review

    parser = argparse.ArgumentParser(
        prog="flashgen",
        description="Turn Chinese texts into Anki decks with context-correct pinyin and meanings.",
    )
    parser.add_argument("--version", action="version", version=f"flashgen {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback of an unexpected error"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (build, export, review, annotate, align):
        module.add_parser(sub)
    return parser


def collect_less() -> None:
    """Run Python's cycle collector less often in this process.

    A run keeps the loaded dictionaries and its word caches alive and makes hundreds of
    thousands of small objects that go away by reference counting; with the default
    thresholds (a young collection every 700 allocations) the collector kept scanning
    them for almost no garbage — 2,000 collections and about a tenth of annotate's time
    on Tatoeba.  Cycles are still collected, a little later.  Annotating also freezes
    what is alive after each chunk of sentences (see flashgen.collector): the caches it
    fills are then scanned once at most, not again at every middle collection."""
    gc.set_threshold(50_000, 20, 20)
    freeze_between_chunks()


# numpy's BLAS, read from these variables when numpy is first imported (the PyPI wheels'
# OpenBLAS, or MKL).
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """Have numpy's BLAS use one thread in this process and the workers it forks, unless
    the user set a number; called before numpy is first imported.

    flashgen's matrix products are small (g2pM's LSTM steps: a batch of sentences by 64
    hidden units), and OpenBLAS splits each over every core, its threads spinning while
    they wait for the next: annotating Tatoeba took twice the CPU time for the same wall
    time on an idle machine, and on a busy one (two other processes on two cores) 16 s
    of wall time instead of 9.5 s (docs/speed.md, the ninth session).  With ``--jobs``
    each worker would spin its own threads on the cores the other workers need."""
    for name in BLAS_THREAD_VARIABLES:
        if not os.environ.get(name):  # unset or empty: the library's default, all cores
            os.environ[name] = "1"


def main(
    argv: Sequence[str] | None = None,
    *,
    console: Console | None = None,
    err_console: Console | None = None,
) -> int:
    """Run the CLI; returns the exit code (``console`` arguments let tests capture output)."""
    out = console or Console(highlight=False)
    err = err_console or Console(stderr=True, highlight=False)
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    one_blas_thread()
    collect_less()
    try:
        with _sigterm_as_interrupt():
            # Building the parser imports every stage: a Ctrl-C this early is still an
            # interrupt, not a traceback.
            parser = make_parser()
            given = sys.argv[1:] if argv is None else list(argv)
            if not given:  # bare `flashgen`: what it can do, not a usage error
                out.file.write(parser.format_help())
                return ExitCode.OK
            args = parser.parse_args(given)
            debug = args.debug
            return int(args.handler(args, out, err))
    except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM as Terminated
        return _interrupted(e, err)
    except UsageError as e:
        err.print(f"flashgen: error: {e}", markup=False, soft_wrap=True)
        return ExitCode.USAGE
    except FlashgenError as e:
        err.print(f"flashgen: error: {e}", markup=False, soft_wrap=True)
        return ExitCode.ERROR
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as e:
        if (interrupt := _interrupt_behind(e)) is not None:
            return _interrupted(interrupt, err)
        if debug:
            err.print(traceback.format_exc().rstrip(), markup=False, soft_wrap=True)
        err.print(
            f"flashgen: internal error: {type(e).__name__}: {_one_line(e)} — run with "
            "--debug and report it",
            markup=False,
            soft_wrap=True,
        )
        return ExitCode.ERROR


def _interrupted(e: KeyboardInterrupt, err: Console) -> int:
    if isinstance(e, Terminated):
        err.print("flashgen: terminated", markup=False)
        return ExitCode.TERMINATED
    err.print("flashgen: interrupted", markup=False)
    return ExitCode.INTERRUPTED


def _interrupt_behind(e: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM that ``e`` was raised while handling, if any.

    Clean-up code cut short by an interrupt may raise an error of its own that hides it
    (zipfile, closing a package whose entry was half written: "Can't close the ZIP file
    while there is an open writing handle"); that is still an interrupt, not a bug.
    """
    seen = e.__context__
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return seen
        seen = seen.__context__
    return None


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated`; the previous handler
    comes back afterwards (tests run many commands in one process)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The ``flashgen`` command (see :mod:`flashgen.__main__`): :func:`main`, then exit.

    Once the exit code is decided a late Ctrl-C must not change it, so SIGINT is ignored
    from then on.  An interrupted run leaves at once with ``os._exit`` after flushing its
    output: after our one line, the interpreter's own shutdown sometimes ended the
    process by the signal instead of exit code 130 (5 of 40 runs of
    ``benchmarks/interrupts.py --seed 2 --max-delay 1.2``).  Every ``finally`` has run
    by then; decks are already whole or removed.
    """
    try:
        code = main()
    except KeyboardInterrupt as e:  # landed in main's first or last lines, outside its try
        code = _interrupted(e, Console(stderr=True, highlight=False))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if code in (ExitCode.INTERRUPTED, ExitCode.TERMINATED):
        for stream in (sys.stdout, sys.stderr):
            # A closed pipe: nothing more can be said.
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)
