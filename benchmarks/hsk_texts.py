"""HSK graded teaching sentences, read in place from an installed PyPI package.

The package hsk-sentences-audio 1.0.0 (code MIT, data CC-BY-SA-4.0,
https://github.com/no7z/hsk-sentences-audio; ``pip install -e '.[bench]'``) ships
``hsk_sentences_audio/data/sentences.json``: 4,354 sentences graded by HSK 3.0 level
(1–6) and topic, each with its English translation and a machine-made pinyin.  They are
real everyday teaching sentences that no rule of flashgen was chosen by, the closest
thing to a class's own texts among the data here.  The benchmarks read them from the
installed package, never copy them into the project, and never train on them; the
package's pinyin is not gold (这条河很长 zhǎng, 便宜 biànyí): benchmarks/hsk_readings.py
compares flashgen with it and a sample of the disagreements is judged by hand.

Used by benchmarks/pairing.py, bold_rate.py, fragments.py and hsk_readings.py; each
leaves the package out with a note when it is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from flashgen.text.script import HAN

MISSING = "HSK sentences left out: pip install hsk-sentences-audio==1.0.0 (or -e '.[bench]')"
# A teacher's lesson of short sentences: about 15, between 10 and 20 (issue 13).
LESSON_SIZE = 15
LESSON_MAX = 20
PLACEHOLDER = re.compile(r"\s*(placeholder\S*|PH)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HskSentence:
    id: str
    level: int
    topic: str
    zh: str
    en: str
    pinyin: tuple[str, ...]  # the package's numbered syllables (machine-made, not gold)


@dataclass(frozen=True, slots=True)
class Lesson:
    level: int
    topic: str
    sentences: tuple[HskSentence, ...]


def data_path() -> Path | None:
    """Where the installed package keeps its sentences, or None."""
    spec = importlib.util.find_spec("hsk_sentences_audio")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "sentences.json"
    return path if path.exists() else None


def load() -> list[HskSentence] | None:
    """The package's sentences in its own order (by level, then id), or None when it is
    not installed.  Left out: the 82 sentences of 1.0.0 with no translation (the English
    says ``placeholder``, ``placeholder-p3``, ``PH``) and the two whose English holds a
    Chinese character (``The exam is近; prepare well.``, ``there's a 福 on the door``),
    which no layout can tell from the Chinese: 4,270 kept."""
    path = data_path()
    if path is None:
        return None
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        HskSentence(
            r["id"],
            r["hsk_level"],
            r["topic"],
            r["chinese"].strip(),
            r["translation"]["en"].strip(),
            tuple(r["pinyin_numbered"].split()),
        )
        for r in rows
        if not HAN.search(r["translation"]["en"]) and not PLACEHOLDER.match(r["translation"]["en"])
    ]


def lessons(
    sentences: Iterable[HskSentence], size: int = LESSON_SIZE, most: int = LESSON_MAX
) -> list[Lesson]:
    """The sentences grouped as a teacher groups them: one level and one topic a lesson,
    in the package's order, a topic of n sentences cut into round(n / size) lessons of
    near-equal length, more if one would exceed ``most`` (so 10–20 sentences each for
    the defaults; a topic with fewer than 10 sentences at its level is one short lesson).

    >>> s = [HskSentence(str(i), 1, "food", "", "", ()) for i in range(26)]
    >>> [len(lesson.sentences) for lesson in lessons(s)]
    [13, 13]
    """
    out = []
    ordered = sorted(sentences, key=lambda s: (s.level, s.topic))  # stable: keeps id order
    for (level, topic), group in groupby(ordered, key=lambda s: (s.level, s.topic)):
        items = list(group)
        parts = max(1, round(len(items) / size), -(-len(items) // most))
        for k in range(parts):
            chunk = items[k * len(items) // parts : (k + 1) * len(items) // parts]
            out.append(Lesson(level, topic, tuple(chunk)))
    return out


def by_level(sentences: Iterable[HskSentence]) -> dict[int, list[HskSentence]]:
    """The sentences of each HSK level, in order: one text per level."""
    out: dict[int, list[HskSentence]] = {}
    for s in sentences:
        out.setdefault(s.level, []).append(s)
    return dict(sorted(out.items()))


ZH_END = re.compile(r"(?<=[。！？])")
EN_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def beads(sentence: HskSentence) -> list[tuple[str, str]]:
    """The sentence's Chinese and English as gold pairs: one, or one per sentence when
    both sides hold the same number of sentences (4 in 1.0.0, all short dialogues:
    ``谢谢你！不客气。`` / ``Thank you! You're welcome.``), which a reader pairs one by one.

    >>> beads(HskSentence("", 1, "", "对不起。没关系。", "Sorry. It's okay.", ()))
    [('对不起。', 'Sorry.'), ('没关系。', "It's okay.")]
    """
    zh = [z for z in ZH_END.split(sentence.zh) if z]
    en = EN_END.split(sentence.en)
    if len(zh) > 1 and len(zh) == len(en):
        return list(zip(zh, en, strict=True))
    return [(sentence.zh, sentence.en)]
