"""A whole ``build`` run: the classes and loose texts found under the paths given, their
settings settled before any work, then built one after another.

:func:`settle` does everything that can stop a run (a known-words file missing, an
output folder that cannot be written) before anything is built; :func:`build_all` then
yields each class and each text as it is done, for the caller to report.  Nothing here
prints.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flashgen.build.classes import ClassSummary, Overrides, build_class, resolve
from flashgen.build.texts import BuildConfig, BuildFailure, DeckSummary, build_each
from flashgen.classes.lessons import ClassSpec, Discovery
from flashgen.errors import UsageError
from flashgen.teach.corrections import CORRECTIONS_NAME, Correction, LineId
from flashgen.text.inputs import Skipped


@dataclass(frozen=True, slots=True)
class Work:
    """What a command was asked to do, checked before any of it is done."""

    found: Discovery
    loose: BuildConfig  # the settings of texts outside classes
    classes: tuple[tuple[ClassSpec, BuildConfig], ...]  # each class with its settings
    problems: tuple[BuildFailure, ...]  # paths that gave nothing

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """Files passed over (not texts), in and out of classes."""
        return (
            *self.found.loose.skipped,
            *(s for c in self.found.classes for s in c.skipped.skipped),
        )

    @property
    def texts(self) -> int:
        """The texts to build: the loose ones and every class's lessons."""
        return len(self.found.loose.inputs) + sum(len(c.lessons) for c in self.found.classes)


def settle(found: Discovery, wanted: Overrides, base: BuildConfig) -> Work:
    """Every class's settings (reading its known-words files) and the loose texts', and a
    check that ``base.out_dir`` can be written: a usage or configuration error raises
    here, with nothing half done."""
    beside = tuple(
        dict.fromkeys(
            path
            for text in found.loose.inputs
            if (path := text.zh_path.parent / CORRECTIONS_NAME).is_file()
        )
    )
    work = Work(
        found,
        resolve(wanted, base, beside=beside),
        tuple((spec, resolve(wanted, base, spec.config)) for spec in found.classes),
        tuple(
            BuildFailure(p.path, str(p))
            for p in (
                *found.loose.problems,
                *(p for c in found.classes for p in c.skipped.problems),
            )
        ),
    )
    check_writable(base.out_dir)
    return work


def unmatched_corrections(work: Work, matched: Iterable[LineId]) -> list[Correction]:
    """The correction lines of ``work``'s settings that matched no word or sentence of
    any text they were applied to (``matched``: the lines the built texts used), each
    once, in file order: a typo in a corrections file must not go unnoticed."""
    used = set(matched)
    lines = (
        *work.loose.select.corrections.lines,
        *(line for _, config in work.classes for line in config.select.corrections.lines),
    )
    return [line for line in dict.fromkeys(lines) if line.id not in used]


def check_writable(folder: Path) -> None:
    """Create ``folder`` and a file in it (removed again), before any work is done, so
    that a folder that cannot be written stops the run at once."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".flashgen-probe-"):
            pass
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise UsageError(
            f"{folder}: the output folder cannot be written ({reason}) — "
            "choose another folder with --out"
        ) from None


def build_all(
    work: Work,
    timestamp: float,
    *,
    per_lesson: bool = False,
    on_text: Callable[[str], None] = lambda name: None,
) -> Iterator[ClassSummary | DeckSummary | BuildFailure]:
    """Build every class, then every loose text, yielding each as it is done (a class's
    failed lessons are in its summary).  ``on_text`` is called with a file name after
    each text, for a progress display."""
    for spec, config in work.classes:
        yield build_class(spec, config, timestamp, per_lesson=per_lesson, on_lesson=on_text)
    for outcome in build_each(work.found.loose.inputs, work.loose, timestamp):
        yield outcome
        # After the caller has reported it, as the class lessons are counted after.
        on_text(outcome.input.name)
