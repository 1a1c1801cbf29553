"""``flashgen build PATH... [--out decks/]``: one Anki deck (.apkg) per input text."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from flashgen.cli import ExitCode, add_encoding_option

if TYPE_CHECKING:  # the library is imported when a command runs, not for --help
    from flashgen.build.classes import ClassSummary, Overrides
    from flashgen.build.run import Work
    from flashgen.build.texts import BuildConfig, BuildFailure, DeckSummary


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="build Anki decks (.apkg): one per text, one per class",
        description="Build Anki packages: vocabulary cards (recognition and recall) and "
        "cloze cards, each word with a sentence of the text.  A folder holding a "
        "flashgen.toml is a class: one package with a subdeck per lesson, a report and a "
        "printable handout per lesson.  Importing a rebuilt deck updates its notes in place.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a text file, a NAME.zh.txt file with its NAME.en.txt, or a folder "
        "(searched for .txt and .md files, and for classes)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("decks"),
        metavar="DIR",
        help="folder for the .apkg files (default: decks/)",
    )
    p.add_argument(
        "--deck",
        metavar="NAME",
        help="deck name in Anki for texts outside classes (default: the file "
        "name; 'A::B' makes a subdeck)",
    )
    p.add_argument(
        "--per-lesson",
        action="store_true",
        help="write one .apkg per lesson (in DIR/<class>/) instead of one per class",
    )
    add_selection_options(p)
    p.add_argument(
        "--cloze-hint",
        choices=("pinyin", "meaning", "none"),
        help="hint shown in the cloze gap (default: pinyin)",
    )
    p.add_argument(
        "--cards",
        type=card_kinds,
        metavar="LIST",
        help="cards to make, comma-separated: recognition,recall,cloze (default: all)",
    )
    p.add_argument(
        "--audio",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="add the pronunciation of each word and sentence, spoken offline by "
        "eSpeak NG (default: no)",
    )
    add_encoding_option(p)
    quiet = p.add_mutually_exclusive_group()
    quiet.add_argument("--quiet", action="store_true", help="print only errors")
    quiet.add_argument(
        "--json", action="store_true", help="print the summary as JSON instead of tables"
    )
    p.set_defaults(handler=handle)


def add_selection_options(p: argparse.ArgumentParser) -> None:
    """The options that decide which words are taught (shared with ``export``)."""
    p.add_argument(
        "--known-hsk",
        type=int,
        choices=range(10),
        metavar="N",
        help="skip words of HSK levels 1..N as known (default: 2; 0 keeps all)",
    )
    p.add_argument(
        "--known",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a file of words already known (one per line, or an Anki/Pleco "
        "export whose first column is the word); may be repeated",
    )
    p.add_argument(
        "--max-new",
        type=positive,
        metavar="N",
        help="at most N new words per lesson (text), the best-ranked ones",
    )
    p.add_argument(
        "--names",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="make cards for names too (default: no)",
    )
    p.add_argument(
        "--idioms",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="make cards for idioms (default: yes)",
    )
    p.add_argument(
        "--jobs",
        type=positive,
        metavar="N",
        help="texts to read in parallel (default: the number of cores)",
    )


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


CARD_KINDS = ("recognition", "recall", "cloze")


def card_kinds(value: str) -> frozenset[str]:
    kinds = {k.strip().lower() for k in value.split(",") if k.strip()}
    unknown = kinds - set(CARD_KINDS)
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(
            f"{value!r}: choose from {', '.join(CARD_KINDS)}, separated by commas"
        )
    return frozenset(kinds)


def overrides(args: argparse.Namespace) -> Overrides:
    from flashgen.build.classes import Overrides
    from flashgen.classes.config import read_known_words

    return Overrides(
        known_hsk=args.known_hsk,
        known_words=read_known_words(args.known),
        max_new=args.max_new,
        cards=getattr(args, "cards", None),
        cloze_hint=getattr(args, "cloze_hint", None),
        audio=getattr(args, "audio", None),
        include_names=args.names,
        include_idioms=args.idioms,
    )


def base_config(args: argparse.Namespace) -> BuildConfig:
    from flashgen.build.texts import BuildConfig
    from flashgen.parallel import default_jobs

    return BuildConfig(
        out_dir=args.out,
        deck_name=getattr(args, "deck", None),
        encoding=args.encoding,
        jobs=args.jobs or default_jobs(),
    )


def prepare(args: argparse.Namespace, err: Console, quiet: bool) -> Work:
    """Find the classes and texts and settle their settings (:func:`settle`: all before
    any work); report skipped files and problems on ``err``.  Then, when there is
    something to build, load the language data."""
    from flashgen.build.run import settle
    from flashgen.classes.lessons import discover

    # In this order: a broken flashgen.toml is reported before a missing --known file.
    found = discover(args.paths)
    work = settle(found, overrides(args), base_config(args))
    if not quiet:
        for skipped in work.skipped:
            err.print(
                f"flashgen: skipped {skipped.path}: {skipped.reason}", markup=False, soft_wrap=True
            )
    for problem in work.problems:
        err.print(f"flashgen: error: {problem.message}", markup=False, soft_wrap=True)
    if found.loose.inputs or found.classes:
        load_data(work.loose.jobs, err, quiet)
    return work


def load_data(jobs: int, err: Console, quiet: bool) -> None:
    """Load the language data before the work starts (on a first run, building its
    caches takes a few seconds: say so, rather than sit silent)."""
    from flashgen.language.annotate import load_language_data

    def building() -> None:
        if not quiet:
            err.print(
                "flashgen: first run: building the dictionary caches (a few seconds, once)",
                markup=False,
            )

    load_language_data(jobs, building)


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.build.classes import ClassSummary
    from flashgen.build.run import build_all
    from flashgen.build.texts import BuildFailure, build_timestamp

    work = prepare(args, err, args.quiet)
    stamp = build_timestamp()
    built: list[DeckSummary] = []
    classes: list[ClassSummary] = []
    failed: list[BuildFailure] = list(work.problems)
    # A progress bar only where someone watches it: not in logs, pipes or tests.
    show_progress = err.is_terminal and not (args.quiet or args.json)
    with _progress(err, work.texts, enabled=show_progress) as advance:
        for outcome in build_all(work, stamp, per_lesson=args.per_lesson, on_text=advance):
            if isinstance(outcome, ClassSummary):
                classes.append(outcome)
                new_failures: Sequence[BuildFailure] = outcome.failures
            elif isinstance(outcome, BuildFailure):
                new_failures = (outcome,)
            else:
                built.append(outcome)
                new_failures = ()
            for failure in new_failures:
                failed.append(failure)
                err.print(f"flashgen: error: {failure.message}", markup=False, soft_wrap=True)
    if args.json:
        # Straight to the file, past rich's markup, highlighting and wrapping.
        out.file.write(
            json.dumps(_as_json(built, classes, failed), ensure_ascii=False, indent=2) + "\n"
        )
    elif not args.quiet:
        for summary in classes:
            for path in summary.paths if not args.per_lesson else summary.paths[:0]:
                out.print(Text(f"{summary.name} → {path}", style="bold"), soft_wrap=True)
            if args.per_lesson:
                out.print(
                    Text(
                        f"{summary.name} → {len(summary.paths)} lesson packages in "
                        f"{summary.report.parent}",
                        style="bold",
                    ),
                    soft_wrap=True,
                )
            out.print(Text(f"report and handouts → {summary.report.parent}"), soft_wrap=True)
            out.print(class_table(summary))
            out.print(
                "new: vocab and cloze notes · review: a cloze only (taught in an earlier "
                "lesson) · cut: over the maximum of new words",
                markup=False,
            )
        for deck in built:
            # The path on a line of its own, never wrapped or cut, so it can be copied.
            out.print(Text(f"{deck.deck} → {deck.path}", style="bold"), soft_wrap=True)
            out.print(_table(deck))
    return ExitCode.ERROR if failed else ExitCode.OK


def class_table(summary: ClassSummary) -> Table:
    """One row per lesson and the class total."""
    from rich import box

    # Compact enough for an 80-column terminal: short headers, the lesson name cut
    # rather than wrapped over several lines.
    table = Table(
        title=summary.name,
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
    )
    columns = ("lesson", "words", "new", "review", "known", "names", "idioms", "cut", "cards")
    table.add_column(columns[0], no_wrap=True, overflow="ellipsis", min_width=12)
    for name in columns[1:]:
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    totals = [0] * (len(columns) - 1)
    for s in summary.lessons:
        c = s.counts
        row = (
            c.words,
            s.new_words,
            s.review_words,
            c.known + c.known_list,
            c.names,
            c.idioms,
            s.left_out,
            s.cards,
        )
        totals = [t + v for t, v in zip(totals, row, strict=True)]
        table.add_row(Text(s.lesson.label), *map(str, row))
    table.columns[0].footer = f"total, {len(summary.lessons)} lessons"
    for column, value in zip(table.columns[1:], totals, strict=True):
        column.footer = str(value)
    return table


@contextmanager
def _progress(console: Console, total: int, enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield lambda name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}", markup=False),
    )  # file names are not markup
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
        ("known (word list) skipped", c.known_list),
        ("function words skipped", c.function_words),
        ("without a meaning", c.no_gloss),
        ("notes", s.notes),
        ("cards", s.cards),
    )
    for label, value in rows:
        table.add_row(label, str(value))
    return table


def _as_json(
    built: Sequence[DeckSummary], classes: Sequence[ClassSummary], failed: Sequence[BuildFailure]
) -> dict[str, Any]:
    return {
        "classes": [
            {
                "class": c.name,
                "packages": [str(p) for p in c.paths],
                "report": str(c.report),
                "lessons": [
                    {
                        "deck": s.lesson.deck,
                        "input": str(s.lesson.text.zh_path),
                        "sentences": s.counts.sentences,
                        "words": s.counts.words,
                        "new_words": s.new_words,
                        "review_words": s.review_words,
                        "left_out": s.left_out,
                        "notes": s.notes,
                        "cards": s.cards,
                        "handout": str(s.handout),
                    }
                    for s in c.lessons
                ],
            }
            for c in classes
        ],
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
                    "known_list": s.counts.known_list,
                    "no_gloss": s.counts.no_gloss,
                },
                "left_out": s.left_out,
                "notes": s.notes,
                "cards": s.cards,
            }
            for s in built
        ],
        "errors": [{"input": str(f.input), "message": f.message} for f in failed],
    }
