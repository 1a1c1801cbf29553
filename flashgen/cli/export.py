"""``flashgen export PATH... --format csv|tsv|pleco``: the words a build would teach,
as a spreadsheet or a Pleco flashcard file, for classes that do not use Anki."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from flashgen.cli import ExitCode, add_encoding_option, add_inputs_and_out
from flashgen.cli.build import add_selection_options, prepare, warn_unmatched

if TYPE_CHECKING:
    from flashgen.build.export import Exported

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
    from flashgen.build.export import export_all
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
    if not args.quiet and written:
        files = "1 file" if len(written) == 1 else f"{len(written)} files"
        # The folder on a line of its own, never wrapped or cut, as build prints it.
        out.print(Text(f"{files} → {work.loose.out_dir}", style="bold"), soft_wrap=True)
        out.print(files_table(written, len(failed), out.width))
    return ExitCode.ERROR if failed or work.problems else ExitCode.OK


def files_table(written: Sequence[Exported], failed: int, width: int = 80) -> Table:
    """One row per file written (its name in the output folder) with the words in it,
    and the total, as ``flashgen build`` shows its decks; ``failed`` lessons or texts
    (named on stderr) are counted under the total."""
    from flashgen.cli.tables import Row, fitted_table, total_label

    label = total_label(len(written), "file")
    if failed:
        label += f"\n{failed} failed"
    return fitted_table(
        "",
        "file",
        ("words",),
        [Row(f.path.name, (str(f.words),)) for f in written],
        Row(label, (str(sum(f.words for f in written)),)),
        width=width,
    )
