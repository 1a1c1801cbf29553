"""``export``: the words a build would teach, one file per class or loose text (CSV, TSV or
a Pleco flashcard file), for classes that do not use Anki.

The same study and plan as a build (:mod:`flashgen.build.run` settles the work), then
:func:`flashgen.output.export.export_text` instead of notes and a deck.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flashgen.build.classes import class_picks
from flashgen.build.run import Work
from flashgen.build.texts import BuildFailure, output_paths, slug
from flashgen.errors import OutputError
from flashgen.output.export import ExportFormat, export_text, suffix
from flashgen.resources.cache import atomic_write_bytes
from flashgen.teach.plan import plan_one
from flashgen.teach.study import Study, study_each


@dataclass(frozen=True, slots=True)
class Exported:
    name: str  # the class, or the loose text
    path: Path
    words: int


def export_all(work: Work, fmt: ExportFormat, out_dir: Path) -> Iterator[Exported | BuildFailure]:
    """Write every class's file, then every loose text's, yielding each file written and
    each lesson or text that could not be read.  A file that cannot be written raises
    :class:`OutputError`."""
    ext = suffix(fmt)
    for spec, config in work.classes:
        lessons, failures = class_picks(spec, config)
        yield from failures
        path = out_dir / f"{slug(spec.name)}{ext}"
        _write(path, export_text([(lesson.deck, picks) for lesson, picks in lessons], fmt))
        yield Exported(spec.name, path, sum(len(p) for _, p in lessons))
    loose = work.loose
    studies = study_each(work.found.loose.inputs, loose.select, loose.encoding, loose.jobs)
    paths = output_paths(work.found.loose.inputs, out_dir)
    for outcome, path in zip(studies, paths, strict=True):
        if not isinstance(outcome, Study):
            yield BuildFailure(outcome.text.zh_path, outcome.message)
            continue
        plan = plan_one(outcome.selection, loose.max_new, loose.select.known_hsk)
        path = path.with_suffix(ext)
        _write(path, export_text([(outcome.text.name, plan.new)], fmt))
        yield Exported(outcome.text.name, path, len(plan.new))


def _write(path: Path, text: str) -> None:
    try:
        # Bytes, not text mode: CSV rows end in \r\n and must not be translated.
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as e:
        raise OutputError.cannot_write(path, e) from e
