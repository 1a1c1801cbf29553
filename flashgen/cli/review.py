"""``flashgen review PATH... [--out DIR]``: a page per text or lesson for a teacher to
check, and a corrections template beside it.  Opens nothing by itself."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from flashgen.cli import ExitCode, add_encoding_option
from flashgen.cli.build import add_selection_options, prepare, warn_unmatched


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
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="text files or folders, as for 'flashgen build'",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("review"),
        metavar="DIR",
        help="folder for the pages (default: review/)",
    )
    add_selection_options(p)
    add_encoding_option(p)
    p.add_argument("--quiet", action="store_true", help="print only errors")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.build.review import Reviewed, review_all
    from flashgen.build.run import check_writable

    args.jobs = args.jobs or 1  # one text at a time: the page needs its whole annotation
    work = prepare(args, err, args.quiet)
    check_writable(args.out)
    failed = 0
    done: list[Reviewed] = []
    for outcome in review_all(work, args.out):
        if isinstance(outcome, Reviewed):
            done.append(outcome)
            if not args.quiet:
                out.print(
                    Text(
                        f"{outcome.name} → {outcome.page} ({outcome.words} words, "
                        f"{outcome.flagged} flagged; template {outcome.template.name})"
                    ),
                    soft_wrap=True,
                )
        else:
            failed += 1
            err.print(f"flashgen: error: {outcome.message}", markup=False, soft_wrap=True)
    warn_unmatched(work, [line for r in done for line in r.corrected], err, args.quiet)
    return ExitCode.ERROR if failed or work.problems else ExitCode.OK
