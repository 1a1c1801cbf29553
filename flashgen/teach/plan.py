"""Plan a class: which lesson introduces each word, and which words a lesson leaves out.

Lessons are studied independently (:mod:`flashgen.teach.study`); this is the one stage that
looks across them, in lesson order:

- a word gets its vocab note once, in the first lesson where it is picked; a later
  lesson picking it again only adds a cloze card for its own sentence ("review");
- when a lesson has more new words than the class's maximum, the words are ranked by
  :func:`score` and the lowest are left out (and reported).  A word left out may
  still be introduced by a later lesson that picks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.teach.select import Pick, Selection, WordKey, word_key


@dataclass(frozen=True, slots=True)
class LessonPlan:
    new: tuple[Pick, ...]  # vocab note and cloze card, in first-appearance order
    review: tuple[Pick, ...]  # introduced by an earlier lesson: a cloze card only
    earlier: tuple[int, ...]  # for each review pick, the lesson (index) that introduced it
    left_out: tuple[tuple[Pick, float], ...]  # over the maximum, with their scores


def score(pick: Pick) -> float:
    """How much a word deserves one of a lesson's limited places; higher is better.

    - idioms first (+100): they are the point of reading real texts, and a learner
      cannot guess them from their characters;
    - then difficulty: rarity on the Zipf scale (7 − Zipf, 0–7, by jieba's corpus
      counts) plus the HSK level (1–6, 7 for the 7–9 band, 7 for words outside HSK);
    - words repeated in the lesson ahead: +2 for each further occurrence, at most +6,
      because the text itself will drill them.

    Ties keep the order of first appearance.

    >>> from flashgen.datatypes import AnnotatedToken
    >>> def p(kind, zipf, hsk, count=1):  # by keyword: hsk and zipf sit next to en_match
    ...     t = AnnotatedToken("词", 0, 1, kind, ("ci2",), None, "词", hsk=hsk, zipf=zipf,
    ...                        en_match=None, simplified="词")
    ...     return Pick(t, None, count=count)  # type: ignore[arg-type]
    >>> score(p("idiom", 3.0, None)) > score(p("word", 1.0, 6)) > score(p("word", 5.0, 3))
    True
    >>> score(p("word", 5.0, 3)), score(p("word", 5.0, 9)), score(p("word", 5.0, None))
    (5.0, 9.0, 9.0)
    >>> score(p("word", 5.0, 3, count=3)) - score(p("word", 5.0, 3))
    4.0
    """
    token = pick.token
    idiom = 100.0 if token.kind == "idiom" else 0.0
    rarity = max(0.0, 7.0 - token.zipf)
    level = float(min(token.hsk, 7)) if token.hsk else 7.0
    repeated = 2.0 * min(pick.count - 1, 3)
    return idiom + rarity + level + repeated


def plan_lessons(
    selections: Sequence[Selection | None],
    max_new: int | None = None,
    keep: frozenset[str] = frozenset(),
) -> tuple[LessonPlan | None, ...]:
    """One plan per lesson, in order (None for a lesson that could not be read).  Words
    in ``keep`` (a teacher's corrections) are never left out for the maximum."""
    introduced: dict[WordKey, int] = {}
    plans: list[LessonPlan | None] = []
    for index, selection in enumerate(selections):
        if selection is None:
            plans.append(None)
            continue
        fresh = [p for p in selection.picks if word_key(p.token) not in introduced]
        review = [p for p in selection.picks if word_key(p.token) in introduced]
        left_out: list[tuple[Pick, float]] = []
        if max_new is not None and len(fresh) > max_new:
            ranked = sorted(
                enumerate(fresh),
                key=lambda ip: (ip[1].token.simplified not in keep, -score(ip[1]), ip[0]),
            )
            kept = {i for i, _ in ranked[:max_new]}
            kept.update(i for i, p in enumerate(fresh) if p.token.simplified in keep)
            left_out = [(p, score(p)) for i, p in ranked if i not in kept]
            fresh = [p for i, p in enumerate(fresh) if i in kept]
        for pick in fresh:
            introduced[word_key(pick.token)] = index
        plans.append(
            LessonPlan(
                new=tuple(fresh),
                review=tuple(review),
                earlier=tuple(introduced[word_key(p.token)] for p in review),
                left_out=tuple(left_out),
            )
        )
    return tuple(plans)


def appearances(plans: Sequence[LessonPlan | None]) -> dict[WordKey, tuple[int, ...]]:
    """For each word taught, the lessons (indexes) where it is picked, first one first."""
    seen: dict[WordKey, list[int]] = {}
    for index, plan in enumerate(plans):
        if plan is None:
            continue
        for pick in (*plan.new, *plan.review):
            seen.setdefault(word_key(pick.token), []).append(index)
    return {key: tuple(lessons) for key, lessons in seen.items()}


def plan_one(
    selection: Selection, max_new: int | None = None, keep: frozenset[str] = frozenset()
) -> LessonPlan:
    """The plan of a text on its own (a loose text, not a lesson of a class)."""
    plan = plan_lessons([selection], max_new, keep)[0]
    assert plan is not None
    return plan
