"""``flashgen export PATH... --format csv|tsv|pleco``: the words a build would teach,
as a spreadsheet or a Pleco flashcard file, for classes that do not use Anki."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from flashgen.cli import ExitCode, add_encoding_option
from flashgen.cli.build import add_selection_options, prepare

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
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="text files or folders, as for 'flashgen build'",
    )
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument(
        "--out",
        type=Path,
        default=Path("decks"),
        metavar="DIR",
        help="folder for the files (default: decks/)",
    )
    add_selection_options(p)
    add_encoding_option(p)
    p.add_argument("--quiet", action="store_true", help="print only errors")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.build.classes import class_picks
    from flashgen.build.texts import BuildFailure, output_paths, slug
    from flashgen.errors import OutputError
    from flashgen.output.export import export_text, suffix
    from flashgen.resources.cache import atomic_write_bytes
    from flashgen.teach.plan import plan_one
    from flashgen.teach.study import Study, study_each

    work = prepare(args, err, args.quiet)
    found, loose_config = work.found, work.loose
    failed: list[BuildFailure] = []
    written: list[tuple[str, Path, int]] = []
    ext = suffix(args.format)

    def write(path: Path, text: str) -> None:
        try:
            # Bytes, not text mode: CSV rows end in \r\n and must not be translated.
            atomic_write_bytes(path, text.encode("utf-8"))
        except OSError as e:
            raise OutputError.cannot_write(path, e) from e

    for spec, config in work.classes:
        lessons, failures = class_picks(spec, config)
        failed.extend(failures)
        path = args.out / f"{slug(spec.name)}{ext}"
        write(path, export_text([(lesson.deck, picks) for lesson, picks in lessons], args.format))
        written.append((spec.name, path, sum(len(p) for _, p in lessons)))
    studies = study_each(
        found.loose.inputs, loose_config.select, loose_config.encoding, loose_config.jobs
    )
    paths = output_paths(found.loose.inputs, args.out)
    for outcome, path in zip(studies, paths, strict=True):
        if not isinstance(outcome, Study):
            failed.append(BuildFailure(outcome.text.zh_path, outcome.message))
            continue
        plan = plan_one(outcome.selection, loose_config.max_new)
        path = path.with_suffix(ext)
        write(path, export_text([(outcome.text.name, plan.new)], args.format))
        written.append((outcome.text.name, path, len(plan.new)))
    for failure in failed:
        err.print(f"flashgen: error: {failure.message}", markup=False, soft_wrap=True)
    if not args.quiet:
        for name, path, words in written:
            out.print(Text(f"{name} → {path} ({words} words)"), soft_wrap=True)
    return ExitCode.ERROR if failed or work.problems else ExitCode.OK
