"""``flashgen build PATH... [--out decks/]``: one Anki deck (.apkg) per input text."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from flashgen.build import BuildConfig, BuildFailure, DeckSummary, build_each
from flashgen.cli import ExitCode, add_encoding_option
from flashgen.errors import UsageError
from flashgen.inputs import scan_inputs
from flashgen.select import SelectConfig


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="build one Anki deck (.apkg) per Chinese text",
        description="Build one Anki package per input text: vocabulary cards (recognition "
        "and recall) and cloze cards, each word with a sentence of the text.  Import the "
        ".apkg files into Anki; importing a rebuilt deck updates its notes in place.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="a text file, a NAME.zh.txt file with its NAME.en.txt, or a folder "
                   "(searched for .txt and .md files)")
    p.add_argument("--out", type=Path, default=Path("decks"), metavar="DIR",
                   help="folder for the .apkg files (default: decks/)")
    p.add_argument("--deck", metavar="NAME",
                   help="deck name in Anki (default: the file name; 'A::B' makes a subdeck)")
    p.add_argument("--known-hsk", type=int, default=2, choices=range(10), metavar="N",
                   help="skip words of HSK levels 1..N as known (default: 2; 0 keeps all)")
    p.add_argument("--cloze-hint", choices=("pinyin", "meaning", "none"), default="pinyin",
                   help="hint shown in the cloze gap (default: pinyin)")
    add_encoding_option(p)
    quiet = p.add_mutually_exclusive_group()
    quiet.add_argument("--quiet", action="store_true", help="print only errors")
    quiet.add_argument("--json", action="store_true",
                       help="print the summary as JSON instead of tables")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    config = BuildConfig(
        out_dir=args.out,
        deck_name=args.deck,
        select=SelectConfig(known_hsk=args.known_hsk),
        cloze_hint=args.cloze_hint,
        encoding=args.encoding,
    )
    scan = scan_inputs(args.paths)
    check_writable(args.out)
    if not args.quiet:
        for skipped in scan.skipped:
            err.print(f"flashgen: skipped {skipped.path}: {skipped.reason}", markup=False,
                      soft_wrap=True)
    inputs = scan.inputs
    built: list[DeckSummary] = []
    failed: list[BuildFailure] = [BuildFailure(p.path, str(p)) for p in scan.problems]
    for problem in failed:
        err.print(f"flashgen: error: {problem.message}", markup=False, soft_wrap=True)
    # A progress bar only where someone watches it: not in logs, pipes or tests.
    show_progress = err.is_terminal and not (args.quiet or args.json)
    with _progress(err, len(inputs), enabled=show_progress) as advance:
        for outcome in build_each(inputs, config):
            if isinstance(outcome, BuildFailure):
                failed.append(outcome)
                err.print(f"flashgen: error: {outcome.message}", markup=False, soft_wrap=True)
            else:
                built.append(outcome)
            advance(outcome.input.name)
    if args.json:
        # Straight to the file, past rich's markup, highlighting and wrapping.
        out.file.write(json.dumps(_as_json(built, failed), ensure_ascii=False, indent=2) + "\n")
    elif not args.quiet:
        for summary in built:
            # The path on a line of its own, never wrapped or cut, so it can be copied.
            out.print(Text(f"{summary.deck} → {summary.path}", style="bold"), soft_wrap=True)
            out.print(_table(summary))
    return ExitCode.ERROR if failed else ExitCode.OK


def check_writable(folder: Path) -> None:
    """Create ``folder`` and a file in it (removed again), before any work is done, so
    that a folder that cannot be written stops the run at once."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".flashgen-probe-"):
            pass
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise UsageError(f"{folder}: the output folder cannot be written ({reason}) — "
                         "choose another folder with --out") from None


@contextmanager
def _progress(console: Console, total: int, enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield lambda name: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[name]}", markup=False))  # file names are not markup
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("building decks", total=total, name="")
        yield lambda name: progress.update(task, advance=1, name=name)


def _table(s: DeckSummary) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 2))
    table.add_column()
    table.add_column(justify="right")
    c = s.counts
    rows: Sequence[tuple[str, int]] = (
        ("sentences", c.sentences),
        ("words found", c.words),
        ("idioms", c.idioms),
        ("names skipped", c.names),
        ("known (HSK) skipped", c.known),
        ("function words skipped", c.function_words),
        ("without a meaning", c.no_gloss),
        ("notes", s.notes),
        ("cards", s.cards),
    )
    for label, value in rows:
        table.add_row(label, str(value))
    return table


def _as_json(built: Sequence[DeckSummary], failed: Sequence[BuildFailure]) -> dict[str, Any]:
    return {
        "decks": [
            {
                "input": str(s.input),
                "deck": s.deck,
                "path": str(s.path),
                "sentences": s.counts.sentences,
                "words": s.counts.words,
                "idioms": s.counts.idioms,
                "skipped": {
                    "names": s.counts.names,
                    "numbers": s.counts.numbers,
                    "latin": s.counts.latin,
                    "punct": s.counts.punct,
                    "function_words": s.counts.function_words,
                    "known": s.counts.known,
                    "no_gloss": s.counts.no_gloss,
                },
                "notes": s.notes,
                "cards": s.cards,
            }
            for s in built
        ],
        "errors": [{"input": str(f.input), "message": f.message} for f in failed],
    }
