"""The order of study: where each new card comes among a lesson's new cards.

Anki shows new cards by their ``due`` number.  Giving a word's three cards one number
put them side by side, and a sentence teaching six words gave eighteen cards in a row
on that one sentence.  Here each card gets a place of its own:

- a word's cards are staggered: its Recognition card at the word's place in the text,
  its Recall card ``RECALL_LAG`` words later, its cloze ``CLOZE_LAG`` words later, so
  the learner meets the word, then is asked for it, then uses it in its sentence;
- then, greedily, the next card is taken among the first cards in that order that
  (1) come after the word's Recognition card (a word is recognised before it is
  recalled or clozed), (2) are not of the same word as the card before (siblings never
  adjacent), and (3) do not make three cards in a row on one sentence: of the first
  ``SLACK`` such cards, the one whose sentence has the most cards left.  When no card
  within ``WINDOW`` places satisfies (3), then (2), the rule is relaxed in that order:
  a text of one long sentence cannot satisfy it, and the deck must still be written.

Rule (2) never decides when every word has all three cards (the lags keep siblings
apart: without it, 0 adjacent on ``benchmarks/study_order.py``'s lessons), but a class
lesson's review words have a cloze only, and ``--cards`` may drop a kind: then a new
word's Recall card can follow its Recognition card directly (tests/test_plan.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flashgen.datatypes import CardKind

# In words of the text: with these, a word's Recall card comes two words after its
# Recognition card and its cloze two more after that, so in a steady stretch of the
# deck the cards run Recognition(n), Recall(n−2), Cloze(n−4), Recognition(n+1)…
RECALL_LAG = 2
CLOZE_LAG = 4
# How far ahead a card may be taken to keep the rules: far enough for the sentences of
# a news article (up to a dozen new words in one), near enough that the order of the
# text still shows, and the search stays linear in the number of cards.
WINDOW = 48
# The next card is chosen among the first SLACK cards the rules allow: the one whose
# sentence has the most cards left.  Taking them strictly in order piles the cards of a
# sentence with many new words up at the end of the deck, where nothing is left to put
# between them: on 300 random lessons of 5–20 sentences of 1–6 new words, 1,065 cases
# of three cards in a row on one sentence with 1, 251 with 4, none with 6 (cards then
# sit 10.4 places from their word's place in the text on average, against 5.3):
# python benchmarks/study_order.py.
SLACK = 6

_LAG: dict[CardKind, int] = {"recognition": 0, "recall": RECALL_LAG, "cloze": CLOZE_LAG}
_KIND_ORDER: dict[CardKind, int] = {"recognition": 0, "recall": 1, "cloze": 2}


@dataclass(frozen=True, slots=True)
class Card:
    """A card to place: of the ``word``-th word of the lesson (in order of first
    appearance), of ``kind``, asking about ``sentence`` (its example sentence)."""

    word: int
    kind: CardKind
    sentence: str


def study_order(cards: Sequence[Card]) -> list[int]:
    """Each card's place (0, 1, …) among ``cards`` in the order of study.

    >>> words = ((0, "A"), (1, "A"), (2, "A"), (3, "B"), (4, "C"))
    >>> cs = [Card(w, k, s) for w, s in words for k in ("recognition", "recall", "cloze")]
    >>> places = study_order(cs)
    >>> order = [f"{cs[i].kind[:4]}{cs[i].word}{cs[i].sentence}"
    ...          for i in sorted(range(len(cs)), key=places.__getitem__)]
    >>> " ".join(order[:8])
    'reco0A reco1A reco3B reco2A reca0A reco4C reca1A reca2A'
    >>> " ".join(order[8:])
    'reca3B cloz0A cloz1A reca4C cloz2A cloz3B cloz4C'
    """
    queue = sorted(
        range(len(cards)),
        key=lambda i: (cards[i].word + _LAG[cards[i].kind], _KIND_ORDER[cards[i].kind], i),
    )
    recognition = {c.word for c in cards if c.kind == "recognition"}
    recognised: set[int] = set()
    taken = [False] * len(queue)
    head = 0
    places = [0] * len(cards)
    last: list[Card] = []  # the cards placed last, most recent last (two at most)
    left: dict[str, int] = {}  # cards not yet placed, by sentence
    for card in cards:
        left[card.sentence] = left.get(card.sentence, 0) + 1
    for place in range(len(cards)):
        while taken[head]:
            head += 1
        candidates: list[int] = []  # positions in queue, in order, of cards allowed by (1)
        at = head
        while at < len(queue) and len(candidates) < WINDOW:
            if not taken[at]:
                card = cards[queue[at]]
                if (
                    card.kind == "recognition"
                    or card.word in recognised
                    or (card.word not in recognition)
                ):
                    candidates.append(at)
            at += 1
        chosen = _first(candidates, queue, cards, last, strict=True, left=left)
        if chosen is None:
            chosen = _first(candidates, queue, cards, last, strict=False)
        if chosen is None:
            chosen = candidates[0] if candidates else head
        taken[chosen] = True
        card = cards[queue[chosen]]
        places[queue[chosen]] = place
        if card.kind == "recognition":
            recognised.add(card.word)
        left[card.sentence] -= 1
        last = [*last[-1:], card]
    return places


def _first(
    candidates: list[int],
    queue: list[int],
    cards: Sequence[Card],
    last: list[Card],
    strict: bool,
    left: dict[str, int] | None = None,
) -> int | None:
    allowed = [at for at in candidates if _allowed(cards[queue[at]], last, strict)]
    if not allowed:
        return None
    if left is None:
        return allowed[0]
    # sorted() is stable: among sentences with as many cards left, the order stands.
    return sorted(allowed[:SLACK], key=lambda at: -left[cards[queue[at]].sentence])[0]


def _allowed(card: Card, last: list[Card], strict: bool) -> bool:
    if last and last[-1].word == card.word:
        return False  # (2): never two cards of one word in a row
    # (3): never three cards on one sentence in a row
    return not (strict and len(last) == 2 and all(c.sentence == card.sentence for c in last))
