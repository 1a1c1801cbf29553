"""EnglishWords.translation: what annotating asks of every glossed word in one call
agrees with match_english (whole senses) then match_head, with the sense's rank."""

from __future__ import annotations

import pytest

from flashgen.english import english_words, match_english, match_head

HEAD = 1000

CASES = [
    # (senses, sentence)
    (("to lobby", "to campaign"), "Mr. Huang has spent months lobbying politicians."),
    (("artificial intelligence", "AI"), "the race to develop artificial intelligence"),
    (("AI", "artificial intelligence"), "the race to develop artificial intelligence"),
    (("computer chip", "circuit board"), "He sold the chips and the boards."),
    (("circuit board", "computer chip"), "He sold the chips and the boards."),
    (("to sell", "to betray"), "They betrayed and sold us."),
    (("to reverse course",), "the course"),
    (("to wipe out (an enemy, bandits etc)", "to wipe"), "They wipe the enemy out."),
    (("to wipe", "to wipe out (an enemy, bandits etc)"), "They wipe the enemy out."),
    (("clean", "to clean", "clean"), "She will clean it, then clean it again."),
    (("of", "to"), "the race to develop"),
    (("NVIDIA, computer graphics card company",), "Nvidia's graphics cards sell."),
    (("graphics card", "card"), "He bought a card and a graphics card."),
    (("old man", "man of the house"), "The man of the house is an old man."),
]


@pytest.mark.parametrize(("senses", "sentence"), CASES)
def test_translation_is_match_english_then_match_head_with_the_rank(
        senses: tuple[str, ...], sentence: str) -> None:
    en = english_words(sentence)
    whole = match_english(senses, en, heads=False)
    if whole is not None:
        expected = (senses.index(whole.sense), whole)
    else:
        head = match_head(senses, en)
        expected = None if head is None else (HEAD, head)
    assert en.translation(senses, HEAD) == expected


def test_the_longer_sense_wins_over_an_earlier_one_word_sense() -> None:
    en = english_words("They wipe the enemy out.")
    found = en.translation(("to wipe", "to wipe out (an enemy, bandits etc)"), HEAD)
    assert found is not None
    assert found[0] == 1 and found[1].text == "wipe the enemy"


def test_a_head_noun_ranks_after_every_whole_sense() -> None:
    en = english_words("He sold the chips.")
    assert en.translation(("computer chip",), HEAD) == (HEAD, match_head(("computer chip",), en))
    assert en.translation(("computer chip",), HEAD)[1].text == "chips"  # type: ignore[index]
