"""``build`` for a class: its lessons → one package with a subdeck per lesson, a report
and a printable handout per lesson.

study (each lesson, in parallel) → plan (across lessons, in order) → notes → package.
The class's ``flashgen.toml`` says what to teach; options given on the command line
override it (:class:`Overrides`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from flashgen.build.texts import (
    BuildConfig,
    BuildFailure,
    audio_library,
    description,
    slug,
    uses_idiom_list,
)
from flashgen.classes.collection import collection_words
from flashgen.classes.config import ClassConfig, read_known_words
from flashgen.classes.lessons import ClassSpec, Lesson
from flashgen.datatypes import ClozeHint
from flashgen.errors import OutputError
from flashgen.language.pinyin import display_pinyin
from flashgen.output.anki import DeckSpec, note_kinds, write_package
from flashgen.resources.cache import atomic_write_bytes
from flashgen.speech import AudioLibrary
from flashgen.teach.cards import Note, card_count, lesson_notes, source_tags
from flashgen.teach.corrections import LineId, read_corrections
from flashgen.teach.plan import LessonPlan, appearances, plan_lessons
from flashgen.teach.select import Pick, SelectConfig, SelectionCounts, word_key
from flashgen.teach.study import Study, StudyFailure, study_each


@dataclass(frozen=True, slots=True)
class Overrides:
    """Settings given on the command line; None leaves the class file's (or the default)."""

    known_hsk: int | None = None
    # Words of the --known lists (read once, before any class): added to each class's own.
    known_words: frozenset[str] = frozenset()
    max_new: int | None = None  # 0: no limit
    min_zipf: float | None = None
    cards: frozenset[str] | None = None
    cloze_hint: ClozeHint | None = None
    audio: bool | None = None
    include_names: bool | None = None
    include_idioms: bool | None = None
    # --corrections files, added to each class's own (and to those beside loose texts).
    corrections: tuple[Path, ...] = ()
    # --known-collection files (added to each class's own) and --known-field specs.
    known_collection: tuple[Path, ...] = ()
    known_fields: tuple[tuple[str, str], ...] = ()


def resolve(
    overrides: Overrides,
    base: BuildConfig,
    config: ClassConfig | None = None,
    beside: tuple[Path, ...] = (),
) -> BuildConfig:
    """The settings for one class (or for loose texts, with the default ``config``):
    command line first, then the class file, then the defaults.  ``beside``: the
    ``corrections.tsv`` files found beside loose texts.

    Reads the known-words files, Anki collections and corrections files, so a missing
    or malformed one is an error here, before any work.
    """
    config = config or ClassConfig()

    def pick(cli: Any, own: Any) -> Any:
        return own if cli is None else cli

    known = read_known_words(config.known_words) | overrides.known_words
    collections = (*config.known_collection, *overrides.known_collection)
    if collections:
        known |= collection_words(collections, overrides.known_fields)
    corrections = read_corrections((*config.corrections, *beside, *overrides.corrections))
    select = SelectConfig(
        known_hsk=pick(overrides.known_hsk, config.known_hsk),
        known_words=known,
        include_names=pick(overrides.include_names, config.include_names),
        include_idioms=pick(overrides.include_idioms, config.include_idioms),
        min_zipf=pick(overrides.min_zipf, config.min_zipf),
        corrections=corrections,
    )
    return replace(
        base,
        select=select,
        cards=frozenset(pick(overrides.cards, config.cards)),
        cloze_hint=pick(overrides.cloze_hint, config.cloze_hint),
        audio=pick(overrides.audio, config.audio),
        max_new=pick(overrides.max_new, config.max_new_words) or None,
    )


@dataclass(frozen=True, slots=True)
class LessonSummary:
    lesson: Lesson
    counts: SelectionCounts
    new_words: int
    review_words: int  # words of earlier lessons: a cloze card here, no new vocab note
    left_out: int  # new words over the maximum, not taught in this lesson
    notes: int
    cards: int
    handout: Path


@dataclass(frozen=True, slots=True)
class ClassSummary:
    name: str
    paths: tuple[Path, ...]  # the package, or one per lesson with ``per_lesson``
    report: Path
    lessons: tuple[LessonSummary, ...]
    failures: tuple[BuildFailure, ...] = field(default=())
    # Every lesson of the class in order, the failed ones too (a summary lists them).
    every_lesson: tuple[Lesson, ...] = field(default=())
    # Handouts and lesson decks in the class folder named after no lesson of today's
    # class: left by lessons since renamed or removed.  Listed, never deleted: flashgen
    # cannot tell them from the teacher's own files.
    stale: tuple[Path, ...] = field(default=())
    corrected: frozenset[LineId] = frozenset()  # correction lines that matched a lesson


def class_folder(out_dir: Path, name: str) -> Path:
    """Where a class's report and handouts go: ``decks/<class>/``."""
    return out_dir / slug(name)


@dataclass(frozen=True, slots=True)
class _Lessons:
    """What the study and plan stages made of a class's lessons, in lesson order."""

    spec: ClassSpec
    config: BuildConfig
    outcomes: tuple[Study | StudyFailure, ...]
    plans: tuple[LessonPlan | None, ...]


def study_class(
    spec: ClassSpec, config: BuildConfig, on_lesson: Callable[[str], None] | None = None
) -> _Lessons:
    """Read, annotate and select every lesson (in parallel), then plan them in order."""
    outcomes = []
    texts = [lesson.text for lesson in spec.lessons]
    for outcome in study_each(texts, config.select, config.encoding, config.jobs, config.audio):
        outcomes.append(outcome)
        if on_lesson:
            on_lesson(outcome.text.zh_path.name)
    selections = [o.selection if isinstance(o, Study) else None for o in outcomes]
    return _Lessons(
        spec,
        config,
        tuple(outcomes),
        plan_lessons(
            selections,
            config.max_new,
            config.select.known_hsk,
            config.select.corrections.keep,
        ),
    )


def class_picks(
    spec: ClassSpec, config: BuildConfig, on_lesson: Callable[[str], None] | None = None
) -> tuple[list[tuple[Lesson, tuple[Pick, ...]]], list[BuildFailure], frozenset[LineId]]:
    """Each lesson's new words (what an export lists), the lessons that failed, and the
    correction lines that matched a lesson."""
    done = study_class(spec, config, on_lesson)
    lessons = [
        (lesson, plan.new)
        for lesson, plan in zip(spec.lessons, done.plans, strict=True)
        if plan is not None
    ]
    return lessons, _failures(done), _corrected(done)


def _corrected(done: _Lessons) -> frozenset[LineId]:
    return frozenset(line for o in done.outcomes if isinstance(o, Study) for line in o.corrected)


def build_class(
    spec: ClassSpec,
    config: BuildConfig,
    timestamp: float,
    *,
    per_lesson: bool = False,
    on_lesson: Callable[[str], None] | None = None,
) -> ClassSummary:
    """Build a class: its package(s), ``report.json`` and one handout per lesson."""
    from flashgen.output.handout import render_handout  # only builds of classes need it

    done = study_class(spec, config, on_lesson)
    folder = class_folder(config.out_dir, spec.name)
    audio = audio_library(config)
    notes, vocab = _class_notes(done, audio)
    media = audio.files if audio else None
    decks: list[tuple[Lesson, DeckSpec]] = []
    for lesson, outcome, plan, lesson_notes_ in zip(
        spec.lessons, done.outcomes, done.plans, notes, strict=True
    ):
        if isinstance(outcome, Study) and plan is not None:
            source_line = description(
                f"{spec.name} · {lesson.label} ({outcome.source})", uses_idiom_list(plan.new)
            )
            decks.append((lesson, DeckSpec(lesson.deck, source_line, lesson_notes_)))
    paths: list[Path] = []
    cards: dict[str, int] = {}
    if per_lesson:
        for lesson, deck in decks:
            path = folder / f"{slug(lesson.label)}.apkg"
            cards[lesson.deck] = write_package(path, [deck], timestamp, config.cards, media)[0]
            paths.append(path)
    elif decks:
        path = config.out_dir / f"{slug(spec.name)}.apkg"
        counts = write_package(path, [d for _, d in decks], timestamp, config.cards, media)
        cards = {deck.name: n for (_, deck), n in zip(decks, counts, strict=True)}
        paths.append(path)
    summaries = []
    kept_models = note_kinds(config.cards)
    for lesson, outcome, plan, lesson_notes_, new_notes in zip(
        spec.lessons, done.outcomes, done.plans, notes, vocab, strict=True
    ):
        if not isinstance(outcome, Study) or plan is None:
            continue
        handout = folder / f"{slug(lesson.label)}.html"
        page = render_handout(
            spec.name,
            lesson.label,
            plan.new,
            source=outcome.text.zh_path.name if outcome.title else outcome.source,
            notes=new_notes,
            text_title=outcome.title or "",
        )
        _write(handout, page.encode("utf-8"))
        summaries.append(
            LessonSummary(
                lesson,
                outcome.selection.counts,
                len(plan.new),
                len(plan.review),
                len(plan.left_out),
                sum(1 for n in lesson_notes_ if n.model in kept_models),
                cards.get(lesson.deck, 0),
                handout,
            )
        )
    report = folder / "report.json"
    summary = ClassSummary(
        spec.name,
        tuple(paths),
        report,
        tuple(summaries),
        tuple(_failures(done)),
        spec.lessons,
        stale_outputs(folder, {slug(lesson.label) for lesson in spec.lessons}),
        _corrected(done),
    )
    text = json.dumps(report_json(summary, done), ensure_ascii=False, indent=2) + "\n"
    _write(report, text.encode("utf-8"))
    return summary


def stale_outputs(folder: Path, lessons: set[str]) -> tuple[Path, ...]:
    """The handouts (``.html``) and lesson decks (``.apkg``) directly in a class's output
    folder whose names are none of ``lessons`` (the file names of today's lessons)."""
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            p
            for p in folder.iterdir()
            if p.suffix in (".html", ".apkg")
            and not p.name.startswith(".")
            and p.stem not in lessons
            and p.is_file()
        )
    )


def _failures(done: _Lessons) -> list[BuildFailure]:
    return [
        BuildFailure(o.text.zh_path, o.message)
        for o in done.outcomes
        if isinstance(o, StudyFailure)
    ]


def _class_notes(
    done: _Lessons, audio: AudioLibrary | None = None
) -> tuple[list[tuple[Note, ...]], list[list[Note]]]:
    """The notes of each lesson: study order runs on across lessons, each note once;
    and each lesson's vocab notes of its new words, in ``plan.new`` order (a handout
    shows them)."""
    labels = [lesson.label for lesson in done.spec.lessons]
    where = appearances(done.plans)
    position = 0
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: list[tuple[Note, ...]] = []
    vocab: list[list[Note]] = []
    for index, (outcome, plan) in enumerate(zip(done.outcomes, done.plans, strict=True)):
        if not isinstance(outcome, Study) or plan is None:
            out.append(())
            vocab.append([])
            continue
        source = f"{labels[index]} · {outcome.source}"

        def vocab_source(pick: Pick, index: int = index, source: str = source) -> str:
            others = [labels[i] for i in where.get(word_key(pick.token), ()) if i != index]
            return f"{source} · also in {', '.join(others)}" if others else source

        made: dict[int, Note] = {}

        def keep(pick: Pick, note: Note, made: dict[int, Note] = made) -> None:
            made[id(pick)] = note

        notes = lesson_notes(
            plan.new,
            plan.review,
            source,
            done.config.cloze_hint,
            first_position=position,
            vocab_source=vocab_source,
            on_vocab=keep,
            tags=source_tags("class", done.spec.name, labels[index]),
            cards=done.config.cards,
            audio=audio,
        )
        vocab.append([made[id(pick)] for pick in plan.new])
        position += card_count(notes)
        # One sentence can occur in two lessons: its cloze note is made once.
        fresh = tuple(n for n in notes if (n.model, n.identity) not in seen)
        seen.update((n.model, n.identity) for n in fresh)
        out.append(fresh)
    return out, vocab


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as e:
        raise OutputError.cannot_write(path, e) from e


def _word(pick: Pick) -> dict[str, Any]:
    token = pick.token
    return {
        "word": token.simplified,
        "pinyin": display_pinyin(token, spaced=False),
        "meaning": token.gloss.text if token.gloss else "",
    }


_REASONS = {
    "known": "HSK level",
    "known_list": "known-words file",
    "function": "grammar word",
    "idioms_off": "idioms turned off",
    "teacher_skip": "skip (corrections file)",
    "rare": "rare word",
}


def report_json(summary: ClassSummary, done: _Lessons) -> dict[str, Any]:
    """The class report: per lesson, what was found, taught, skipped and left out."""
    labels = [lesson.label for lesson in done.spec.lessons]
    by_lesson = {s.lesson.deck: s for s in summary.lessons}
    lessons = []
    for lesson, outcome, plan in zip(done.spec.lessons, done.outcomes, done.plans, strict=True):
        entry: dict[str, Any] = {
            "number": lesson.number,
            "title": lesson.title,
            "deck": lesson.deck,
            "file": str(lesson.text.zh_path),
        }
        if isinstance(outcome, StudyFailure) or plan is None:
            entry["error"] = outcome.message if isinstance(outcome, StudyFailure) else ""
            lessons.append(entry)
            continue
        s = by_lesson[lesson.deck]
        c = outcome.selection.counts
        skipped = dict(outcome.selection.skipped)
        known = [
            {"word": w, "reason": _REASONS[r]}
            for r in ("known_list", "known", "function", "idioms_off", "rare", "teacher_skip")
            for w in skipped.get(r, ())
        ]
        known += [
            {"word": p.token.simplified, "reason": f"taught in {labels[i]}"}
            for p, i in zip(plan.review, plan.earlier, strict=True)
        ]
        entry.update(
            {
                "sentences": c.sentences,
                "words_found": c.words,
                "new_words": [_word(p) for p in plan.new],
                "review_words": [p.token.simplified for p in plan.review],
                "known_skipped": known,
                "names_skipped": list(skipped.get("name", ())),
                "numbers_skipped": list(skipped.get("number", ())),
                "parts_skipped": list(skipped.get("part", ())),
                "no_meaning": list(skipped.get("no_gloss", ())),
                "idioms": [
                    p.token.simplified for p in (*plan.new, *plan.review) if p.token.kind == "idiom"
                ],
                "left_out": [{**_word(p), "score": round(score, 2)} for p, score in plan.left_out],
                "notes": s.notes,
                "cards": s.cards,
                "handout": str(s.handout),
            }
        )
        lessons.append(entry)
    return {
        "class": summary.name,
        "packages": [str(p) for p in summary.paths],
        "lessons": lessons,
        "total": {
            "lessons": len(summary.lessons),
            "failed": len(summary.failures),
            "new_words": sum(s.new_words for s in summary.lessons),
            "notes": sum(s.notes for s in summary.lessons),
            "cards": sum(s.cards for s in summary.lessons),
        },
        "errors": [{"input": str(f.input), "message": f.message} for f in summary.failures],
    }
