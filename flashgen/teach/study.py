"""Study one text: read → annotate → select.  The part of a build that can run in parallel.

Everything after this (which lesson introduces a word, the notes, the package) needs
all the texts of a class at once, so it happens in the parent process; this stage
only needs its own text, and returns plain frozen data that pickles to the parent.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from flashgen.datatypes import AnnotatedSentence, AnnotatedToken
from flashgen.errors import FlashgenError
from flashgen.language.annotate import iter_annotated, warm_up
from flashgen.parallel import ordered_map
from flashgen.teach.correct import select_corrected
from flashgen.teach.corrections import LineId
from flashgen.teach.select import Pick, SelectConfig, Selection
from flashgen.text.inputs import InputText
from flashgen.text.read import load


@dataclass(frozen=True, slots=True)
class Study:
    text: InputText
    source: str  # the file name, and the title where the text has one
    selection: Selection
    title: str | None = None  # the text's own title or heading (a handout's title)
    corrected: frozenset[LineId] = frozenset()  # the correction lines that matched


@dataclass(frozen=True, slots=True)
class StudyFailure:
    text: InputText
    message: str  # one line naming the file, what went wrong and what to do


@dataclass(frozen=True, slots=True)
class StudyTask:
    """One text to study and how (picklable: it is sent to a worker process)."""

    text: InputText
    select: SelectConfig
    encoding: str | None = None
    # Keep each example sentence's tokens as their text and syllables: what the sentence
    # audio is spoken from (--audio).
    readings: bool = False


def study(task: StudyTask) -> Study | StudyFailure:
    """Read, annotate and select the words of one text; a bad text is a failure, not
    an exception, so that one bad lesson does not stop the others."""
    try:
        doc = load(task.text, task.encoding)
        # Streamed: only the example sentences of the selected words stay in memory.
        selection, corrected = select_corrected(iter_annotated(doc), task.select)
    except FlashgenError as e:
        return StudyFailure(task.text, str(e))
    picks = _slim(selection.picks, task.readings)
    return Study(
        task.text,
        source_of(task.text, doc.title),
        replace(selection, picks=picks),
        doc.title,
        corrected,
    )


def source_of(text: InputText, title: str | None) -> str:
    """A text's source line: its file name, and its title where it has one."""
    return text.zh_path.name + (f" — {title}" if title else "")


def _slim(picks: tuple[Pick, ...], readings: bool = False) -> tuple[Pick, ...]:
    """The picks with their example sentences' other tokens dropped (``readings``: kept
    bare, their text, offsets, kind and syllables only).

    Cards, handouts and exports need a pick's own token and its sentence's text and
    English, never the sentence's other tokens; a class of 200 lessons holds every
    lesson's picks in one process, and the tokens were most of their weight (50 MB of
    the results of 200 lessons of 60 pairs; they also travel back from the workers).
    The sentence audio needs each token's reading; glosses and matches stay dropped.
    """
    slim: dict[int, AnnotatedSentence] = {}
    out = []
    for pick in picks:
        sentence = slim.get(id(pick.sentence))
        if sentence is None:
            tokens = tuple(_bare(t) for t in pick.sentence.tokens) if readings else ()
            sentence = slim[id(pick.sentence)] = replace(pick.sentence, tokens=tokens)
        out.append(replace(pick, sentence=sentence))
    return tuple(out)


def _bare(token: AnnotatedToken) -> AnnotatedToken:
    return AnnotatedToken(
        token.text,
        token.start,
        token.end,
        token.kind,
        token.syllables,
        None,
        "",
        None,
        0.0,
        None,
        token.text,
    )


def study_each(
    inputs: Sequence[InputText],
    select: SelectConfig,
    encoding: str | None,
    jobs: int,
    readings: bool = False,
) -> Iterator[Study | StudyFailure]:
    """Each text studied (see :func:`study`) in ``jobs`` processes, in input order."""
    tasks = [StudyTask(text, select, encoding, readings) for text in inputs]
    return ordered_map(study, tasks, jobs, warm_up)
