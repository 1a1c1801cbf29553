"""EnglishWords.translation: what annotating asks of every glossed word — the span of
the sentence's English that translates one of its senses, with that sense's rank."""

from __future__ import annotations

import pytest

from flashgen.language.english import english_words

HEAD = 1000

# (senses, sentence, expected (rank, matched text, matched sense) or None), each
# expectation written by hand: the best whole sense (the most content words, then the
# earlier sense), else the head noun of a noun-phrase sense, ranked after every sense.
CASES = [
    (
        ("to lobby", "to campaign"),
        "Mr. Huang has spent months lobbying politicians.",
        (0, "lobbying", "to lobby"),
    ),
    (
        ("artificial intelligence", "AI"),
        "the race to develop artificial intelligence",
        (0, "artificial intelligence", "artificial intelligence"),
    ),
    (
        ("AI", "artificial intelligence"),
        "the race to develop artificial intelligence",
        (1, "artificial intelligence", "artificial intelligence"),
    ),
    (
        ("computer chip", "circuit board"),
        "He sold the chips and the boards.",
        (HEAD, "chips", "computer chip"),
    ),
    (
        ("circuit board", "computer chip"),
        "He sold the chips and the boards.",
        (HEAD, "boards", "circuit board"),
    ),
    (("to sell", "to betray"), "They betrayed and sold us.", (0, "sold", "to sell")),
    (("to reverse course",), "the course", None),  # a verb sense has no head noun
    (
        ("to wipe out (an enemy, bandits etc)", "to wipe"),
        "They wipe the enemy out.",
        (0, "wipe the enemy", "to wipe out (an enemy, bandits etc)"),
    ),
    (
        ("to wipe", "to wipe out (an enemy, bandits etc)"),
        "They wipe the enemy out.",
        (1, "wipe the enemy", "to wipe out (an enemy, bandits etc)"),
    ),
    (
        ("clean", "to clean", "clean"),
        "She will clean it, then clean it again.",
        (0, "clean", "clean"),
    ),
    (("of", "to"), "the race to develop", None),  # function words only
    (
        ("NVIDIA, computer graphics card company",),
        "Nvidia's graphics cards sell.",
        (0, "Nvidia's", "NVIDIA, computer graphics card company"),
    ),
    (
        ("graphics card", "card"),
        "He bought a card and a graphics card.",
        (0, "graphics card", "graphics card"),
    ),
    (
        ("old man", "man of the house"),
        "The man of the house is an old man.",
        (0, "old man", "old man"),
    ),
]


@pytest.mark.parametrize(("senses", "sentence", "expected"), CASES)
def test_translation(
    senses: tuple[str, ...], sentence: str, expected: tuple[int, str, str] | None
) -> None:
    found = english_words(sentence).translation(senses, HEAD)
    assert (None if found is None else (found[0], found[1].text, found[1].sense)) == expected
    if found is not None:  # the match's offsets point at its text
        match = found[1]
        assert sentence[match.start : match.end] == match.text
