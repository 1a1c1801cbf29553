"""The second, statistical pass (flashgen.language.fill): counterparts the dictionary
links left out, found between linked neighbours, tagged ``inferred``."""

from __future__ import annotations

from flashgen.datatypes import SentencePair
from flashgen.language.annotate import annotate_sentence
from flashgen.language.fill import _only_word, _window, gloss_stems
from flashgen.teach.cards import meaning_parts
from flashgen.teach.flags import word_flags
from flashgen.teach.select import SelectConfig, select_words

# 政府 / government, 面临 / faces, 经济 / economic, 挑战 / challenge are the dictionary's;
# 严峻 ("grim; severe; rigorous") has no sense in the English: it is the one word left
# between 面临 and 经济, whose English brackets one free content word, "serious".
ZH = "政府面临严峻的经济挑战。"
EN = "The government faces a serious economic challenge."


def _sentence(zh: str, en: str):  # type: ignore[no-untyped-def]
    return annotate_sentence(SentencePair(0, 0, zh, en, "sentence", 1.0))


def test_the_one_word_between_two_links_takes_the_one_free_english_word() -> None:
    found = {t.text: t.en_match for t in _sentence(ZH, EN).tokens if t.en_match}
    match = found["严峻"]
    assert (match.text, match.source, match.sense) == ("serious", "inferred", "")
    # The dictionary's own links are left as they were.
    assert {w: found[w].source for w in ("政府", "面临", "经济", "挑战")} == dict.fromkeys(
        ("政府", "面临", "经济", "挑战"), "gloss"
    )


def test_no_guess_at_a_sentence_end() -> None:
    # Before the first link there is no left neighbour: "serious" is right here, but
    # the sentence's start brackets nothing (作为 / "As foreign minister" would take
    # "foreign"), so the pass leaves it.
    tokens = _sentence("严峻的经济挑战", "a serious economic challenge").tokens
    assert next(t for t in tokens if t.text == "严峻").en_match is None


def test_an_inferred_bold_is_flagged_and_shown_as_the_meaning_in_context() -> None:
    sentence = _sentence(ZH, EN)
    pick = next(p for p in select_words([sentence], SelectConfig()).picks if p.token.text == "严峻")
    assert "inferred-english" in word_flags(pick).flags
    meaning = meaning_parts(pick.token)
    assert meaning is not None and meaning.in_context == "serious"


def test_a_window_is_only_between_neighbours_in_order_with_nothing_crossing() -> None:
    # Tokens 0 and 4 linked to English words 0 and 5: token 2 (between anchors 0 and 1)
    # may take words 1-4.
    anchors = [(0, (0, 0)), (4, (5, 5))]
    assert _window(anchors, 1) == (1, 4)
    # Reordered: the right neighbour's English comes first.
    assert _window([(0, (5, 5)), (4, (0, 0))], 1) is None
    # Token 6's English (word 3) sits between them: a phrase moved, not token 2's.
    assert _window([*anchors, (6, (3, 3))], 1) is None
    # No neighbour on one side.
    assert _window([(0, (0, 0))], 1) is None


def test_place_alone_never_gives_a_light_verb_or_a_capitalised_word() -> None:
    from flashgen.language.english import english_words

    # Word 2 is the one free word between words 1 and 3 (two links).
    for sentence, expected in (
        ("they faced serious trouble", 2),
        ("sacrifices they made then", None),  # 别人 / "made": a construction's verb
        ("elder Miss Wang was", None),  # 着实 / "Wang": a name
    ):
        english = english_words(sentence)
        free = [j == 2 for j in range(len(english.spans))]
        assert _only_word((2, 2), free, english) == expected


def test_a_light_verb_of_a_longer_sense_is_no_evidence() -> None:
    assert "come" not in gloss_stems(("to come to nothing", "to fail")).stems  # 落空
    assert "make" in gloss_stems(("to make",)).stems  # 令 "to make" / "made"


def test_each_kind_of_lexical_evidence_gives_a_pair_away_from_any_neighbour() -> None:
    # One unlinked word and no linked neighbour (so no "one word between" evidence):
    # only a lexical score gives a pair — a stem of its senses, a sense's beginning,
    # or a translation-table link — and scored_pairs' set tests must let each through.
    from flashgen.datatypes import Token
    from flashgen.language.english import english_words
    from flashgen.language.fill import scored_pairs
    from flashgen.resources.wordtable import load_wordtable
    from flashgen.text.english import stem

    # A table link whose English stem is a word as written ("like"), of a word none of
    # whose senses the test gives.
    word, e = next(
        (w, e)
        for w, links in load_wordtable().items()
        for e, score in links
        if score > 0 and e.isalpha() and len(e) >= 3 and stem(e) == e
    )
    toks = [
        Token(word, 0, len(word), "word", ""),
        Token("。", len(word), len(word) + 1, "punct", ""),
    ]
    for senses, english, expected in (
        (("to fund",), "they funded it", "funded"),  # the sense's stem (too short to begin)
        (("financial aid",), "they are financing it", "financing"),  # a sense's beginning
        (("qqqq",), f"they {e} it", None),  # the table's link
    ):
        en = english_words(english)
        free = [len(w) >= 3 and w != "they" for w in english.split()]
        lexicon = [gloss_stems(senses), None]
        pairs = scored_pairs(toks, [word, "。"], lexicon, [0], en, [None, None], free)
        assert pairs and all(p.token == 0 for p in pairs), (senses, english)
        if expected is not None:
            best = max(pairs, key=lambda p: p.score)
            assert english.split()[best.word] == expected


def test_the_word_matcher_keeps_each_gloss_s_stems_for_this_pass() -> None:
    # wordlink makes a gloss's stems for this pass from its own reading of the senses
    # (classifier senses and cross-references included, which its index leaves out or
    # follows): they must be gloss_stems' own.
    from flashgen.language import wordlink
    from flashgen.resources.cedict import load_cedict

    cedict = load_cedict()
    words = (
        "个 份 所 打 落空 令 资助 作为 外交部长 壳牌 英伟达 一遍又一遍 了 把 还是 AI 卡拉OK".split()
    )
    glosses = [e.senses for w in words for e in cedict.lookup(w)]
    assert len(glosses) > len(words)  # several readings of some
    assert any("classifier for" in s for g in glosses for s in g)
    assert any(s.startswith("see ") for g in glosses for s in g)
    for senses in glosses:
        assert wordlink._index_of(senses).lexicon == gloss_stems(senses), senses


def test_a_word_met_with_another_gloss_is_looked_up_by_that_gloss() -> None:
    # What the matcher knows of a word is kept by the word, for the gloss it was met
    # with: the same word with another reading's gloss gets that gloss's index.
    from flashgen.language import wordlink

    first = wordlink._known("行", ("to walk", "to go"))
    other = wordlink._known("行", ("row", "line", "commercial firm"))
    assert first.sense_index is not None and other.sense_index is not None
    assert "walk" in first.sense_index.keys and "walk" not in other.sense_index.keys
    assert "firm" in other.sense_index.keys
    assert wordlink._known("行", ("to walk", "to go")).sense_index == first.sense_index
    assert wordlink._known("行", None).sense_index is None
