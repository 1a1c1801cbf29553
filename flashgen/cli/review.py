"""``flashgen review PATH... [-o DIR]``: a page per text or lesson for a teacher to
check, and a corrections template beside it.  Opens nothing by itself."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from flashgen.cli import ExitCode, add_encoding_option, add_inputs_and_out
from flashgen.cli.build import add_selection_options, prepare, warn_unmatched

if TYPE_CHECKING:  # the library is imported when the command runs, not for --help
    from rich.table import Table

    from flashgen.build.review import Reviewed
    from flashgen.build.texts import BuildFailure


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "review",
        help="write a review page (HTML) and a corrections template per text or lesson",
        description="For each text or lesson: NAME.html, the text as sentence pairs and "
        "every word the deck would teach, with flags where flashgen is unsure, and the "
        "words skipped and why; and NAME.corrections.tsv, the flagged words with their "
        "current values, to edit and give back with --corrections (or corrections = in "
        "flashgen.toml, or a corrections.tsv beside the texts).",
    )
    add_inputs_and_out(p, "review", "folder for the pages (default: review/)")
    add_selection_options(p)
    add_encoding_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.build.review import Reviewed, review_all
    from flashgen.build.run import check_writable

    args.jobs = args.jobs or 1  # one text at a time: the page needs its whole annotation
    work = prepare(args, err, args.quiet)
    out_dir = work.loose.out_dir  # --out, shown from the current folder
    check_writable(out_dir)
    failed: list[BuildFailure] = []
    done: list[Reviewed] = []
    for outcome in review_all(work, out_dir):
        if isinstance(outcome, Reviewed):
            done.append(outcome)
        else:
            failed.append(outcome)
            err.print(f"flashgen: error: {outcome.message}", markup=False, soft_wrap=True)
    warn_unmatched(work, [line for r in done for line in r.corrected], err, args.quiet)
    if not args.quiet and (done or failed):
        pages = "1 page" if len(done) == 1 else f"{len(done)} pages"
        # The folder on a line of its own, never wrapped or cut, so it can be copied.
        out.print(Text(f"{pages} → {out_dir}", style="bold"), soft_wrap=True)
        out.print(pages_table(done, failed, out_dir, out.width))
        out.print(
            "beside each page, NAME.corrections.tsv: its flagged words, for --corrections",
            markup=False,
        )
    return ExitCode.ERROR if failed or work.problems else ExitCode.OK


def pages_table(
    done: Sequence[Reviewed], failed: Sequence[BuildFailure], out_dir: Path, width: int = 80
) -> Table:
    """One row per page (its path inside ``out_dir``; a text that failed says so): the
    words it lists and how many are flagged, and the total."""
    from flashgen.cli.tables import Row, fitted_table

    rows = [Row(_inside(r.page, out_dir), (str(r.words), str(r.flagged)), "") for r in done]
    rows += [Row(f"{f.input.name} (failed)", (), "red") for f in failed]
    n = len(done) + len(failed)
    label = f"total, {n} page" + ("" if n == 1 else "s")
    if failed:
        label += f"\n{len(failed)} failed"
    totals = (str(sum(r.words for r in done)), str(sum(r.flagged for r in done)))
    return fitted_table("", "page", ("words", "flagged"), rows, Row(label, totals), width=width)


def _inside(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)
