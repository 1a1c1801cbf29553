"""``review``: a page per text or lesson for a teacher to check before students see it.

The same pipeline as a build (read → annotate → corrections → select → plan → notes),
but each text's annotated sentences are kept whole, for the side-by-side text and the
flags that look at a word's neighbours; no package is written.  A class is planned
across its lessons as its build is, so a page shows what that lesson's cards will be.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from flashgen.build.classes import class_folder
from flashgen.build.run import Work
from flashgen.build.texts import BuildConfig, BuildFailure, slug
from flashgen.datatypes import AnnotatedSentence
from flashgen.errors import FlashgenError, OutputError
from flashgen.language.annotate import iter_annotated
from flashgen.output.review import ReviewPage, ReviewRow, corrections_template, render_review
from flashgen.resources.cache import atomic_write_bytes
from flashgen.teach.cards import vocab_note
from flashgen.teach.correct import fix_picks, fix_sentences
from flashgen.teach.corrections import LineId
from flashgen.teach.flags import word_flags
from flashgen.teach.plan import LessonPlan, plan_lessons
from flashgen.teach.select import Pick, Selection, select_words
from flashgen.teach.study import source_of
from flashgen.text.inputs import InputText
from flashgen.text.read import load


@dataclass(frozen=True, slots=True)
class Reviewed:
    name: str  # the text, or "class · lesson"
    page: Path
    template: Path  # NAME.corrections.tsv
    words: int
    flagged: int
    corrected: frozenset[LineId] = frozenset()


@dataclass(frozen=True, slots=True)
class _Text:
    text: InputText
    source: str
    sentences: tuple[AnnotatedSentence, ...]
    selection: Selection
    corrected: frozenset[LineId]


# Why a word was skipped, as the page says it (Selection.skipped's reasons).
_WHY = {
    "known": "known: HSK level",
    "known_list": "known: word list or Anki collection",
    "function": "grammar word",
    "name": "name",
    "part": "piece of a longer word (not a word of its own here, or unsure)",
    "number": "number",
    "latin": "Latin letters",
    "idioms_off": "idioms turned off",
    "rare": "rare: below min_zipf, not in HSK 1–6",
    "no_gloss": "no meaning found",
    "teacher_skip": "skip (corrections file)",
}


@dataclass(frozen=True, slots=True)
class PageOf:
    """One text's or lesson's review page, before it is written."""

    stem: Path  # where it goes, without suffix: out_dir/<class>/<lesson>, out_dir/<text>
    page: ReviewPage
    corrected: frozenset[LineId]


def review_all(work: Work, out_dir: Path) -> Iterator[Reviewed | BuildFailure]:
    """Write a page and a corrections template for every class lesson (in
    ``out_dir/<class>/``) and every loose text (in ``out_dir``)."""
    for made in review_pages(work, out_dir):
        yield made if isinstance(made, BuildFailure) else _write(made)


def review_pages(work: Work, out_dir: Path) -> Iterator[PageOf | BuildFailure]:
    """The review page of every class lesson, then of every loose text."""
    for spec, config in work.classes:
        texts = [_study(lesson.text, config) for lesson in spec.lessons]
        yield from (t for t in texts if isinstance(t, BuildFailure))
        pairs = [
            (lesson, t)
            for lesson, t in zip(spec.lessons, texts, strict=True)
            if isinstance(t, _Text)
        ]
        plans = plan_lessons(
            [t.selection for _, t in pairs],
            config.max_new,
            config.select.known_hsk,
            config.select.corrections.keep,
        )
        labels = [lesson.label for lesson, _ in pairs]
        folder = class_folder(out_dir, spec.name)
        for (lesson, text), plan in zip(pairs, plans, strict=True):
            assert plan is not None
            name = f"{spec.name} · {lesson.label}"
            yield _page(folder / slug(lesson.label), name, text, plan, labels)
    for item in work.found.loose.inputs:
        done = _study(item, work.loose)
        if isinstance(done, BuildFailure):
            yield done
            continue
        loose = work.loose
        (plan,) = plan_lessons(
            [done.selection], loose.max_new, loose.select.known_hsk, loose.select.corrections.keep
        )
        assert plan is not None
        yield _page(out_dir / slug(item.name), item.name, done, plan, [])


def _study(text: InputText, config: BuildConfig) -> _Text | BuildFailure:
    """A text read, annotated, corrected and selected, its sentences kept whole."""
    corrections = config.select.corrections
    used: set[LineId] = set()
    try:
        doc = load(text, config.encoding)
        sentences = tuple(fix_sentences(iter_annotated(doc), corrections, used))
        selection = fix_picks(select_words(sentences, config.select), corrections, used)
    except FlashgenError as e:
        return BuildFailure(text.zh_path, str(e))
    return _Text(text, source_of(text, doc.title), sentences, selection, frozenset(used))


def _page(stem: Path, name: str, text: _Text, plan: LessonPlan, labels: Sequence[str]) -> PageOf:
    def row(pick: Pick, status: str) -> ReviewRow:
        return ReviewRow(pick, vocab_note(pick, text.source), word_flags(pick), status)

    rows = [row(p, "new") for p in plan.new]
    rows += [
        row(p, f"review: taught in {labels[i]}")
        for p, i in zip(plan.review, plan.earlier, strict=True)
    ]
    rows.sort(key=lambda r: r.pick.first)
    skipped = [
        (w, _WHY.get(reason, reason))
        for reason, words in text.selection.skipped
        if reason != "punct"
        for w in words
    ]
    skipped += [(p.token.simplified, f"over the maximum (score {s:.1f})") for p, s in plan.left_out]
    page = ReviewPage(
        name, text.source, text.sentences, tuple(rows), tuple(skipped), len(text.corrected)
    )
    return PageOf(stem, page, text.corrected)


def _write(made: PageOf) -> Reviewed:
    html_path = made.stem.with_name(made.stem.name + ".html")
    template = made.stem.with_name(made.stem.name + ".corrections.tsv")
    rows = made.page.rows
    _save(html_path, render_review(made.page))
    _save(template, corrections_template(rows))
    flagged = sum(1 for r in rows if r.flags.flags)
    return Reviewed(made.page.title, html_path, template, len(rows), flagged, made.corrected)


def _save(path: Path, text: str) -> None:
    try:
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as e:
        raise OutputError.cannot_write(path, e) from e
