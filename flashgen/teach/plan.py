"""Plan a class: which lesson introduces each word, and which words a lesson leaves out.

Lessons are studied independently (:mod:`flashgen.teach.study`); this is the one stage that
looks across them, in lesson order:

- a word gets its vocab note once, in the first lesson where it is picked; a later
  lesson picking it again only adds a cloze card for its own sentence ("review");
- when a lesson has more new words than the class's maximum, the words are ranked by
  :func:`score` (how useful a word is to learn next) and the least useful are left
  out (and reported).  A word left out may
  still be introduced by a later lesson that picks it.  A word a teacher's
  corrections file says ``keep`` takes a place first, whatever its score, and is never
  left out.
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


# Weights of :func:`score`, in Zipf units (1.0 = a word ten times as common).
# An idiom (Zipf 2.5-4) is worth a card over a common word of Zipf 4-5.5: learners
# cannot guess one from its characters, and it is what reading real texts is for.
IDIOM_BONUS = 1.5
# The HSK level just above what the learner knows is the one they study next.
NEXT_LEVEL_BONUS = (0.5, 0.25)  # for levels known + 1 and known + 2
# Each further occurrence in the text (at most three count): the text drills it.
REPEAT_BONUS = 0.25
# A word whose example sentence's own English shows its counterpart (in bold on the
# card) makes a better card than one the translation says freely: the learner sees
# what the word means in this sentence.  Half a Zipf unit, as much as the next HSK
# level: a tie-breaker between words of like use, never more than a common word's lead.
ENGLISH_BONUS = 0.5


def score(pick: Pick, known_hsk: int = 2) -> float:
    """How useful a word is to learn next; higher is better.

    The general frequency of the word (:attr:`Pick.zipf`: a word met on every page is
    worth more than one met once a year), plus ``IDIOM_BONUS`` for an idiom, plus
    ``NEXT_LEVEL_BONUS`` for a word of the HSK level just above ``known_hsk`` (or the
    one after), plus ``REPEAT_BONUS`` for each further occurrence in the text (at most
    three), plus ``ENGLISH_BONUS`` when its example's English shows it.  Ties keep the
    order of first appearance.

    >>> from flashgen.datatypes import AnnotatedToken
    >>> def p(kind, zipf, hsk, count=1):  # by keyword: hsk and zipf sit next to en_match
    ...     t = AnnotatedToken("词", 0, 1, kind, ("ci2",), None, "词", hsk=hsk, zipf=0.0,
    ...                        en_match=None, simplified="词")
    ...     return Pick(t, None, count=count, zipf=zipf)  # type: ignore[arg-type]
    >>> score(p("word", 5.0, 3)) > score(p("word", 4.0, 3)) > score(p("word", 3.0, None))
    True
    >>> score(p("word", 5.0, 3)), score(p("word", 5.0, 5)), score(p("word", 5.0, None))
    (5.5, 5.0, 5.0)
    >>> score(p("idiom", 3.0, None)), score(p("word", 5.0, 5, count=3))
    (4.5, 5.5)
    >>> from flashgen.datatypes import EnglishMatch
    >>> shown = p("word", 5.0, None)
    >>> shown = Pick(shown.token._replace(en_match=EnglishMatch(0, 3, "say", "say")), None,
    ...              count=1, zipf=5.0)  # type: ignore[arg-type]
    >>> score(shown)
    5.5
    """
    token = pick.token
    bonus = IDIOM_BONUS if token.kind == "idiom" else 0.0
    if token.hsk is not None:
        above = token.hsk - known_hsk
        if 1 <= above <= len(NEXT_LEVEL_BONUS):
            bonus += NEXT_LEVEL_BONUS[above - 1]
    bonus += REPEAT_BONUS * min(pick.count - 1, 3)
    if token.en_match is not None:
        bonus += ENGLISH_BONUS
    return round(pick.zipf + bonus, 2)


def plan_lessons(
    selections: Sequence[Selection | None],
    max_new: int | None = None,
    known_hsk: int = 2,
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
            scores = [score(p, known_hsk) for p in fresh]
            pinned = [p.token.simplified in keep for p in fresh]
            ranked = sorted(range(len(fresh)), key=lambda i: (not pinned[i], -scores[i], i))
            kept = set(ranked[:max_new])
            kept.update(i for i in range(len(fresh)) if pinned[i])
            left_out = [(fresh[i], scores[i]) for i in ranked if i not in kept]
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
    selection: Selection,
    max_new: int | None = None,
    known_hsk: int = 2,
    keep: frozenset[str] = frozenset(),
) -> LessonPlan:
    """The plan of a text on its own (a loose text, not a lesson of a class)."""
    plan = plan_lessons([selection], max_new, known_hsk, keep)[0]
    assert plan is not None
    return plan
