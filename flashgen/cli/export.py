"""``flashgen export PATH... --format csv|tsv|pleco``: the words a build would teach,
as a spreadsheet or a Pleco flashcard file, for classes that do not use Anki."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.text import Text

from flashgen.cli import ExitCode, add_encoding_option, add_inputs_and_out
from flashgen.cli.build import add_selection_options, prepare, warn_unmatched

# flashgen.output.export.FORMATS, spelt out so that --help need not import the library
# (tests/test_export.py checks that the two agree).
FORMATS = ("csv", "tsv", "pleco")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write the words a build would teach as CSV, TSV or a Pleco import file",
        description="The same selection as 'flashgen build' (classes, known words, maximum "
        "new words per lesson), written as one file per class or text: a spreadsheet "
        "(csv, tsv) or a Pleco flashcard import file (pleco, a .txt with a category per "
        "lesson).",
    )
    add_inputs_and_out(p, "decks", "folder for the files (default: decks/)")
    p.add_argument("--format", choices=FORMATS, required=True)
    add_selection_options(p)
    add_encoding_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.build.export import Exported, export_all
    from flashgen.build.texts import BuildFailure

    work = prepare(args, err, args.quiet)
    failed: list[BuildFailure] = []
    written: list[Exported] = []
    for outcome in export_all(work, args.format, work.loose.out_dir):
        if isinstance(outcome, BuildFailure):
            failed.append(outcome)
        else:
            written.append(outcome)
    # The failures after all the files, then the files: as it always was.
    for failure in failed:
        err.print(f"flashgen: error: {failure.message}", markup=False, soft_wrap=True)
    warn_unmatched(work, [line for f in written for line in f.corrected], err, args.quiet)
    if not args.quiet:
        for file in written:
            out.print(Text(f"{file.name} → {file.path} ({file.words} words)"), soft_wrap=True)
    return ExitCode.ERROR if failed or work.problems else ExitCode.OK
