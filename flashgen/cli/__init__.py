"""The ``flashgen`` command: parse options, call the library, render with rich.

Each subcommand lives in its own module here and registers itself with
``add_parser(subparsers)``; its handler returns an exit code.  This function is
the one place that turns exceptions into exit codes and one-line messages.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from enum import IntEnum

from rich.console import Console

from flashgen import __version__
from flashgen.errors import FlashgenError


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


def make_parser() -> argparse.ArgumentParser:
    from flashgen.cli import align, annotate, build

    parser = argparse.ArgumentParser(
        prog="flashgen",
        description="Turn Chinese texts into Anki decks with context-correct pinyin and meanings.",
    )
    parser.add_argument("--version", action="version", version=f"flashgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (build, annotate, align):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, console: Console | None = None,
         err_console: Console | None = None) -> int:
    """Run the CLI; returns the exit code (``console`` arguments let tests capture output)."""
    out = console or Console(highlight=False)
    err = err_console or Console(stderr=True, highlight=False)
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args, out, err))
    except KeyboardInterrupt:
        err.print("flashgen: interrupted", markup=False)
        return ExitCode.INTERRUPTED
    except FlashgenError as e:
        err.print(f"flashgen: error: {e}", markup=False, soft_wrap=True)
        return ExitCode.ERROR
    except BrokenPipeError:
        return ExitCode.OK


def run() -> None:
    sys.exit(main())
