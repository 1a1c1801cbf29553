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
        "-o",
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
        help="hint shown in the cloze gap (default: none; the front has the English)",
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
    quiet.add_argument("-q", "--quiet", action="store_true", help="print only errors")
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
        "--known-collection",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="a learner's Anki collection.anki2 (read-only, from a copy): the words of "
        "its flashgen notes (and of --known-field) are known; may be repeated",
    )
    p.add_argument(
        "--known-field",
        action="append",
        default=[],
        metavar="TYPE:FIELD",
        help="with --known-collection: also the words in this field of this note type, "
        'e.g. "Chinese (basic):Hanzi"; may be repeated',
    )
    p.add_argument(
        "--corrections",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a teacher's corrections (TSV: word, pinyin, meaning, action); added to "
        "flashgen.toml's and to a corrections.tsv beside the texts; may be repeated",
    )
    p.add_argument(
        "--max-new",
        type=count,
        metavar="N",
        help="at most N new words per lesson (text), the most useful (default: 40; 0: no limit)",
    )
    p.add_argument(
        "--min-zipf",
        type=zipf,
        metavar="Z",
        help="skip words rarer than Zipf Z in general Chinese unless HSK 1-6 lists them "
        "(default: 3, about once per million words; 0 keeps all)",
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
        "-j",
        "--jobs",
        type=positive,
        metavar="N",
        help="texts to read in parallel (default: the number of cores)",
    )


def count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}")
    return int(value)


def zipf(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 8:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 8, not {value!r}")
    return number


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
    from flashgen.classes.collection import parse_field
    from flashgen.classes.config import read_known_words

    return Overrides(
        known_hsk=args.known_hsk,
        known_words=read_known_words(args.known),
        max_new=args.max_new,
        min_zipf=args.min_zipf,
        cards=getattr(args, "cards", None),
        cloze_hint=getattr(args, "cloze_hint", None),
        audio=getattr(args, "audio", None),
        include_names=args.names,
        include_idioms=args.idioms,
        corrections=tuple(args.corrections),
        known_collection=tuple(args.known_collection),
        known_fields=tuple(map(parse_field, args.known_field)),
    )


def base_config(args: argparse.Namespace) -> BuildConfig:
    from flashgen.build.texts import BuildConfig
    from flashgen.classes.lessons import shown_path
    from flashgen.parallel import default_jobs

    return BuildConfig(
        out_dir=shown_path(args.out),  # every path printed is from the current folder
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
    loose_failed: list[BuildFailure] = []  # texts outside classes that could not be built
    # A progress bar only where someone watches it: not in logs, pipes or tests.
    show_progress = err.is_terminal and not (args.quiet or args.json)
    with _progress(err, work.texts, enabled=show_progress) as advance:
        for outcome in build_all(work, stamp, per_lesson=args.per_lesson, on_text=advance):
            if isinstance(outcome, ClassSummary):
                classes.append(outcome)
                new_failures: Sequence[BuildFailure] = outcome.failures
            elif isinstance(outcome, BuildFailure):
                new_failures = (outcome,)
                loose_failed.append(outcome)
            else:
                built.append(outcome)
                new_failures = ()
            for failure in new_failures:
                failed.append(failure)
                err.print(f"flashgen: error: {failure.message}", markup=False, soft_wrap=True)
    matched = [
        *(line for c in classes for line in c.corrected),
        *(line for d in built for line in d.corrected),
    ]
    unmatched = warn_unmatched(work, matched, err, args.quiet)
    if not args.quiet:
        _warn(err, built, classes)
    if args.json:
        # Straight to the file, past rich's markup, highlighting and wrapping.
        out.file.write(
            json.dumps(
                {**_as_json(built, classes, failed), "unmatched_corrections": unmatched},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    elif not args.quiet:
        _render(out, args, built, classes, loose_failed)
    return ExitCode.ERROR if failed else ExitCode.OK


def warn_unmatched(work: Work, matched: Sequence[Any], err: Console, quiet: bool) -> list[str]:
    """Warn (on ``err``) of each correction line that matched nothing; the warnings."""
    from flashgen.build.run import unmatched_corrections

    lines = [
        f"{c.file}:{c.line}: {c.word or c.sentence} matched no word or sentence of the texts"
        for c in unmatched_corrections(work, matched)
    ]
    if not quiet:
        for line in lines:
            err.print(f"flashgen: warning: {line}", markup=False, soft_wrap=True)
    return lines


def _render(
    out: Console,
    args: argparse.Namespace,
    built: Sequence[DeckSummary],
    classes: Sequence[ClassSummary],
    loose_failed: Sequence[BuildFailure],
) -> None:
    """The summary tables: each class's, then the texts outside classes."""
    from flashgen.classes.lessons import shown_path

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
        table = class_table(summary, out.width)
        out.print(table)
        legend = class_legend([str(c.header) for c in table.columns])
        if legend:
            out.print(legend, markup=False)
    if len(built) == 1 and not loose_failed:
        (deck,) = built
        # The path on a line of its own, never wrapped or cut, so it can be copied.
        out.print(Text(f"{deck.deck} → {deck.path}", style="bold"), soft_wrap=True)
        out.print(_table(deck))
    elif built or len(loose_failed) > 1:
        where = built[0].path.parent if built else shown_path(args.out)
        decks = "1 deck" if len(built) == 1 else f"{len(built)} decks"
        out.print(Text(f"{decks} → {where}", style="bold"), soft_wrap=True)
        out.print(texts_table(built, loose_failed, out.width))


def _warn(err: Console, built: Sequence[DeckSummary], classes: Sequence[ClassSummary]) -> None:
    """A warning for each text that gave more notes than one text should."""
    from flashgen.build.texts import MANY_NOTES

    big = [(str(d.input), d.notes) for d in built if d.notes > MANY_NOTES]
    big += [
        (str(s.lesson.text.zh_path), s.notes)
        for c in classes
        for s in c.lessons
        if s.notes > MANY_NOTES
    ]
    for name, notes in big:
        err.print(
            f"flashgen: warning: {name} gave {notes:,} notes (over {MANY_NOTES:,} from one "
            "text) — is it several texts in one file? Split it, or keep the most useful "
            "words with --max-new N",
            markup=False,
            soft_wrap=True,
        )
    for c in classes:
        if c.stale:
            names = ", ".join(p.name for p in c.stale)
            err.print(
                f"flashgen: note: {c.report.parent} holds {len(c.stale)} handout or deck "
                f"file(s) of no lesson of {c.name} (renamed or removed?): {names} — "
                "delete them if they are not wanted",
                markup=False,
                soft_wrap=True,
            )


# Columns left out first when a table does not fit the terminal: the least used ones.
_CLASS_COLUMNS = ("words", "new", "review", "known", "names", "idioms", "cut", "cards")
_CLASS_DROP = ("idioms", "names", "review", "known", "cut", "words")  # then: new, cards
_TEXT_COLUMNS = ("sentences", "words", "known", "grammar", "names", "cut", "notes", "cards")
_TEXT_DROP = ("sentences", "names", "grammar", "known", "cut", "words")  # then: notes, cards


# What the class table's less obvious columns count, for those it shows.
_CLASS_LEGEND = {
    "new": "new: vocab and cloze notes",
    "review": "review: a cloze only (taught in an earlier lesson)",
    "cut": "cut: over the maximum of new words",
}


def class_legend(shown: Sequence[str]) -> str:
    """The line under a class table explaining its ``shown`` columns (a narrow terminal
    leaves some out: a legend of a column not shown would puzzle), or ""."""
    return " · ".join(_CLASS_LEGEND[h] for h in _CLASS_COLUMNS if h in _CLASS_LEGEND and h in shown)


def class_table(summary: ClassSummary, width: int = 80) -> Table:
    """One row per lesson (a failed one says so) and the class total, ``width`` wide at
    most (columns are left out rather than numbers cut)."""
    from flashgen.cli.tables import Row, fitted_table, total_label

    done = {s.lesson.deck: s for s in summary.lessons}
    rows: list[Row] = []
    totals = [0] * len(_CLASS_COLUMNS)
    for lesson in summary.every_lesson or tuple(s.lesson for s in summary.lessons):
        s = done.get(lesson.deck)
        if s is None:
            rows.append(Row(f"{lesson.label} (failed)", (), "red"))
            continue
        c = s.counts
        values = (
            c.words,
            s.new_words,
            s.review_words,
            c.known + c.known_list,
            c.names,
            c.idioms,
            s.left_out,
            s.cards,
        )
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        rows.append(Row(lesson.label, tuple(map(str, values))))
    label = total_label(len(summary.lessons) + len(summary.failures), "lesson")
    if summary.failures:  # on a line of its own: the name column is narrow at 80 columns
        label += f"\n{len(summary.failures)} failed"
    return fitted_table(
        summary.name,
        "lesson",
        _CLASS_COLUMNS,
        rows,
        Row(label, tuple(map(str, totals))),
        width=width,
        drop_order=_CLASS_DROP,
    )


def texts_table(
    built: Sequence[DeckSummary], failed: Sequence[BuildFailure], width: int = 80
) -> Table:
    """One row per text outside classes (a failed one says so) and the grand total."""
    from flashgen.cli.tables import Row, fitted_table, total_label

    rows: list[Row] = []
    totals = [0] * len(_TEXT_COLUMNS)
    for d in built:
        c = d.counts
        values = (
            c.sentences,
            c.words,
            c.known + c.known_list,
            c.function_words,
            c.names,
            d.left_out,
            d.notes,
            d.cards,
        )
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        rows.append(Row(d.path.name, tuple(map(str, values))))
    rows += [Row(f"{f.input.name} (failed)", (), "red") for f in failed]
    label = total_label(len(built) + len(failed), "text")
    if failed:
        label += f"\n{len(failed)} failed"
    return fitted_table(
        "",
        "deck",
        _TEXT_COLUMNS,
        rows,
        Row(label, tuple(map(str, totals))),
        width=width,
        drop_order=_TEXT_DROP,
    )


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
        ("characters of longer words skipped", c.parts),
        ("known (HSK) skipped", c.known),
        ("known (word list) skipped", c.known_list),
        ("grammar words skipped", c.function_words),
        ("without a meaning", c.no_gloss),
        ("rare words skipped", c.rare),
        ("skipped by corrections", c.teacher_skip),
        ("left out (over --max-new)", s.left_out),
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
                # Handouts and lesson decks of no lesson of today's class: listed, kept.
                "stale": [str(path) for path in c.stale],
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
                    "parts": s.counts.parts,
                    "numbers": s.counts.numbers,
                    "latin": s.counts.latin,
                    "punct": s.counts.punct,
                    "function_words": s.counts.function_words,
                    "known": s.counts.known,
                    "known_list": s.counts.known_list,
                    "rare": s.counts.rare,
                    "no_gloss": s.counts.no_gloss,
                    "teacher_skip": s.counts.teacher_skip,
                },
                "left_out": s.left_out,
                "notes": s.notes,
                "cards": s.cards,
            }
            for s in built
        ],
        "errors": [{"input": str(f.input), "message": f.message} for f in failed],
    }
