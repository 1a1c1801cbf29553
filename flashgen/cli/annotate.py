"""``flashgen annotate FILE... [--format jsonl|tsv]``: the language core's public output."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from flashgen.cli import ExitCode, add_encoding_option
from flashgen.cli.build import load_data, positive

if TYPE_CHECKING:  # the library is imported when the command runs, not for --help
    from flashgen.datatypes import AnnotatedSentence


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "annotate",
        help="print each Chinese sentence with its English and annotated words",
        description="jsonl: one JSON object per Chinese sentence (tokens with kind, pinyin, "
        "gloss, HSK level, traditional form, English match).  tsv: one row per distinct "
        "word, for spreadsheets.",
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="text files or folders (NAME.zh.txt + NAME.en.txt are read as a pair)",
    )
    p.add_argument("--format", choices=["jsonl", "tsv"], default="jsonl")
    p.add_argument(
        "-j",
        "--jobs",
        type=positive,
        metavar="N",
        help="processes annotating a long text (jsonl; default: the number of cores)",
    )
    add_encoding_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.errors import FlashgenError
    from flashgen.language.annotate import iter_annotated
    from flashgen.output.records import document_lines
    from flashgen.parallel import default_jobs
    from flashgen.text.inputs import scan_inputs
    from flashgen.text.read import load

    status = ExitCode.OK
    sentences: list[AnnotatedSentence] = []
    scan = scan_inputs(args.files)
    for problem in scan.problems:
        err.print(f"flashgen: error: {problem}", markup=False, soft_wrap=True)
        status = ExitCode.ERROR
    jobs = args.jobs or default_jobs()
    if scan.inputs:
        load_data(jobs, err, quiet=False)
    for text in scan.inputs:
        try:
            doc = load(text, args.encoding)
            if args.format == "jsonl":
                # Streamed: a long text is printed as it is annotated.
                for line in document_lines(doc, jobs):
                    out.file.write(line + "\n")
            else:
                sentences.extend(iter_annotated(doc))
        except FlashgenError as e:
            # One bad file does not stop the others.
            err.print(f"flashgen: error: {e}", markup=False, soft_wrap=True)
            status = ExitCode.ERROR
    if args.format == "tsv":
        from flashgen.output.wordtable import word_table

        # Straight to the file, past rich's markup and wrapping.
        out.file.write(word_table(sentences))
    return status
