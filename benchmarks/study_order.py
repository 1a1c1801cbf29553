"""How well the order of study keeps its rules, on random lessons.

    python benchmarks/study_order.py [--lessons 300] [--seed 3]

Each lesson: 5–20 sentences of 1–6 new words (drawn from 1,1,2,2,3,4,5,6), each word
with a Recognition, a Recall and a cloze card.  Prints, over all lessons, how often two
cards of one word are adjacent, how often three cards in a row share a sentence, and
how far a card sits on average from its word's place in the text (3 × the word's
index), for each value of ``flashgen.teach.order.SLACK`` in ``--slack``.
"""

from __future__ import annotations

import argparse
import itertools
import random

import flashgen.teach.order as order
from flashgen.teach.order import Card

KINDS = ("recognition", "recall", "cloze")


def lesson(sizes: list[int]) -> list[Card]:
    starts = itertools.accumulate([0, *sizes])
    return [
        Card(w, kind, f"s{i}")
        for i, (w0, n) in enumerate(zip(starts, sizes, strict=False))
        for w in range(w0, w0 + n)
        for kind in KINDS
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--slack", default="1,4,6")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lessons = [
        lesson([rng.choice([1, 1, 2, 2, 3, 4, 5, 6]) for _ in range(rng.randint(5, 20))])
        for _ in range(args.lessons)
    ]
    for slack in map(int, args.slack.split(",")):
        order.SLACK = slack
        adjacent = triples = 0
        distance = 0.0
        for cards in lessons:
            places = order.study_order(cards)
            ordered = [c for _, c in sorted(zip(places, cards, strict=True), key=lambda x: x[0])]
            adjacent += sum(a.word == b.word for a, b in itertools.pairwise(ordered))
            triples += sum(
                a.sentence == b.sentence == c.sentence
                for a, b, c in zip(ordered, ordered[1:], ordered[2:], strict=False)
            )
            distance += sum(abs(p - 3 * c.word) for p, c in zip(places, cards, strict=True)) / len(
                cards
            )
        print(
            f"SLACK={slack}: {adjacent} adjacent cards of one word, {triples} runs of three "
            f"on one sentence, {distance / len(lessons):.1f} places from the text on average"
        )


if __name__ == "__main__":
    main()
