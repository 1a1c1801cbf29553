"""plan: which new words a lesson's cap keeps (the most useful), and the order of study."""

from __future__ import annotations

import itertools

from hypothesis import assume, given
from hypothesis import strategies as st

from flashgen.teach.order import Card, study_order
from flashgen.teach.plan import plan_lessons, plan_one, score
from flashgen.teach.select import SelectConfig, select_words


def test_a_cap_keeps_the_most_useful_words_not_the_rarest(sentence, token):
    # The words the issue found a 20-word cap keeping (文胸, 嗨, 小时工) and those it cut
    # (足够, 幸福, 努力): general frequency now decides (wordfreq's Chinese Zipf).
    s = sentence("文胸|足够|嗨|幸福|小时工|努力|。", 0)
    selection = select_words([s], SelectConfig(min_zipf=0))
    assert len(selection.picks) == 6
    plan = plan_one(selection, max_new=3)
    assert [p.token.text for p in plan.new] == ["足够", "幸福", "努力"]  # in text order
    assert [p.token.text for p, _ in plan.left_out] == ["嗨", "文胸", "小时工"]  # best first
    scores = [s for _, s in plan.left_out]
    assert scores == sorted(scores, reverse=True)


def test_the_next_hsk_level_idioms_and_repetition_add_to_frequency(sentence):
    (guanshui,) = select_words([sentence("关税|。", 0)], SelectConfig(known_hsk=0)).picks
    base = guanshui.zipf
    assert score(guanshui, known_hsk=5) == round(base + 0.5, 2)  # HSK 6: the next level
    assert score(guanshui, known_hsk=4) == round(base + 0.25, 2)
    assert score(guanshui, known_hsk=2) == base
    repeated = select_words([sentence("关税|关税|关税|关税|关税|。", 0)]).picks[0]
    assert repeated.count == 5 and score(repeated) == round(base + 0.75, 2)  # three at most
    (idiom,) = select_words([sentence("一丝不苟|。", 0)]).picks
    assert score(idiom) == round(idiom.zipf + 1.5, 2)


def test_a_lesson_without_a_cap_keeps_every_word(sentence):
    sel = select_words([sentence("文胸|足够|幸福|。", 0)])
    (plan,) = plan_lessons([sel])
    assert plan is not None and len(plan.new) == 3 and not plan.left_out


# --- order of study ---------------------------------------------------------------

KINDS = ("recognition", "recall", "cloze")


@given(
    st.lists(st.integers(1, 6), min_size=1, max_size=25),
    st.sets(st.sampled_from(KINDS), min_size=1),
)
def test_study_order_places_every_card_once_recognition_first(sizes, kinds):
    # ``sizes``: how many new words each sentence of the lesson has.
    cards = [
        Card(w, kind, f"s{i}")
        for i, (w0, n) in enumerate(zip(itertools.accumulate([0, *sizes]), sizes, strict=False))
        for w in range(w0, w0 + n)
        for kind in KINDS
        if kind in kinds
    ]
    places = study_order(cards)
    assert sorted(places) == list(range(len(cards)))
    at = {(c.word, c.kind): p for c, p in zip(cards, places, strict=True)}
    for (word, kind), place in at.items():
        if kind != "recognition" and (word, "recognition") in at:
            assert at[(word, "recognition")] < place


@given(st.lists(st.integers(1, 6), min_size=3, max_size=30))
def test_study_order_keeps_its_rules_where_the_text_allows(sizes):
    # Sentences of one to six new words, at least three sentences, none with so many
    # that its cards could not be kept apart at all (more than two per other card + 1).
    cards_in = [3 * n for n in sizes]
    assume(all(c <= 2 * (sum(cards_in) - c + 1) for c in cards_in))
    cards = [
        Card(w, kind, f"s{i}")
        for i, (w0, n) in enumerate(zip(itertools.accumulate([0, *sizes]), sizes, strict=False))
        for w in range(w0, w0 + n)
        for kind in KINDS
    ]
    places = study_order(cards)
    ordered = [c for _, c in sorted(zip(places, cards, strict=True), key=lambda pc: pc[0])]
    assert all(a.word != b.word for a, b in itertools.pairwise(ordered))
    runs = zip(ordered, ordered[1:], ordered[2:], strict=False)
    assert not [(a, b, c) for a, b, c in runs if a.sentence == b.sentence == c.sentence]


def test_siblings_are_kept_apart_around_a_review_word():
    # A class lesson: words 0 and 1 were taught in an earlier lesson, so only their
    # clozes come back; word 2 is new.  In the staggered order word 2's Recall card
    # (2 + RECALL_LAG) comes right after its Recognition card, ahead of the review
    # clozes: only rule (2) puts a review cloze between them.  (With all three cards
    # for every word the lags alone keep siblings apart.)
    cards = [
        Card(0, "cloze", "s0"),
        Card(1, "cloze", "s1"),
        *(Card(2, kind, "s2") for kind in KINDS),
    ]
    places = study_order(cards)
    ordered = [(c.word, c.kind) for _, c in sorted(zip(places, cards, strict=True))]
    assert ordered == [
        (2, "recognition"),
        (0, "cloze"),
        (2, "recall"),
        (1, "cloze"),
        (2, "cloze"),
    ]


@given(st.lists(st.tuples(st.integers(1, 6), st.lists(st.booleans(), min_size=6)), min_size=3))
def test_study_order_keeps_its_rules_with_review_words(sentences):
    # Each sentence: its number of words and, for each, whether it is a review word
    # (one an earlier lesson taught: a cloze card only).  Where every sentence's cards
    # could be kept apart (as above), no two cards of one word are adjacent and no
    # three in a row share a sentence.
    cards: list[Card] = []
    words = itertools.count()
    for i, (n, review) in enumerate(sentences):
        for is_review in review[:n]:
            w = next(words)
            cards += [Card(w, k, f"s{i}") for k in KINDS if k == "cloze" or not is_review]
    per_sentence = [sum(c.sentence == f"s{i}" for c in cards) for i in range(len(sentences))]
    assume(all(c <= 2 * (len(cards) - c + 1) for c in per_sentence))
    places = study_order(cards)
    ordered = [c for _, c in sorted(zip(places, cards, strict=True), key=lambda pc: pc[0])]
    assert all(a.word != b.word for a, b in itertools.pairwise(ordered))
    runs = zip(ordered, ordered[1:], ordered[2:], strict=False)
    assert not [(a, b, c) for a, b, c in runs if a.sentence == b.sentence == c.sentence]
