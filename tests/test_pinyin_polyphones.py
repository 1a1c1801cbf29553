"""Polyphones and neutral-tone words in everyday sentences (tests/data/polyphones.txt),
read as a card shows them: single characters that are words of their own (更像, 没那么,
一处, 本应, 高挑, 哄) and words CC-CEDICT reads two ways (地方 "place" dìfang)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from flashgen.datatypes import SentencePair
from flashgen.language.annotate import annotate_sentence
from flashgen.text.script import is_han

DATA = Path(__file__).parent / "data" / "polyphones.txt"


class Case(NamedTuple):
    sentence: str  # without the marks
    start: int  # the marked span of ``sentence``
    end: int
    gold: tuple[str, ...]
    known: str | None  # why it is a known failure, if it is one


def cases() -> list[Case]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, _, rest = line.partition("\t")
        gold, _, known = rest.partition("# known:")
        start = marked.index("【")
        end = marked.index("】") - 1
        sentence = marked.replace("【", "").replace("】", "")
        out.append(Case(sentence, start, end, tuple(gold.split()), known.strip() or None))
    return out


def card_reading(case: Case) -> tuple[str, ...]:
    """The syllables the card shows for the marked span (no English to choose from)."""
    pair = SentencePair(0, 0, case.sentence, None, None, None)
    by_position: dict[int, str] = {}
    for token in annotate_sentence(pair).tokens:
        han = [i for i in range(token.start, token.end) if is_han(case.sentence[i])]
        by_position.update(zip(han, token.syllables, strict=False))
    return tuple(by_position.get(i, "") for i in range(case.start, case.end))


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.known)] if case.known else []
    label = f"{case.sentence[: case.start]}[{case.sentence[case.start : case.end]}]"
    return pytest.param(case, id=label, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in cases()])
def test_reading(case: Case) -> None:
    assert card_reading(case) == case.gold


def test_the_set_is_big_enough() -> None:
    assert len(cases()) >= 30


if __name__ == "__main__":  # accuracy and misreadings, for reports
    all_cases = cases()
    wrong = [(c, got) for c in all_cases if (got := card_reading(c)) != c.gold]
    for c, got in wrong:
        print(f"{c.sentence}  [{c.sentence[c.start : c.end]}]  gold {c.gold}  got {got}")
    right = len(all_cases) - len(wrong)
    print(f"{right}/{len(all_cases)} = {100 * right / len(all_cases):.1f} %")


def test_a_name_across_the_cut_does_not_vote_for_a_lone_polyphone() -> None:
    # 孩子|长|得: 长 stands alone and its neighbours vote (NEIGHBOUR_BONUS).  长得 reads it
    # zhǎng, but 子长 is also in CC-CEDICT, only as a county's name (Zǐcháng): were a
    # name's reading a vote, the two would disagree, neither would count, and g2pM alone
    # would read cháng.  (On Tatoeba a name would change 38 neighbour votes, and no card:
    # g2pM is sure enough there.)
    sentence = "那个孩子长得像他爸爸。"
    at = sentence.index("长")
    assert card_reading(Case(sentence, at, at + 1, ("zhang3",), None)) == ("zhang3",)


def test_the_graded_reading_is_the_adjective_one_and_only_where_one_reading_is() -> None:
    from flashgen.language.pinyin.dictionaries import graded_reading

    # 长 cháng "long" / zhǎng "chief; to grow"; 脏 zāng "dirty" / zàng "viscera"
    assert graded_reading("长") == "chang2"
    assert graded_reading("脏") == "zang1"
    assert graded_reading("重") == "zhong4"
    # 薄 báo "thin" and bó "weak; slight" are both adjectives: no vote
    assert graded_reading("薄") is None
    # one reading only: nothing to choose
    assert graded_reading("高") is None
    # "tired" has no -er form but a quality noun, "tiredness": 累 lèi, not lěi "to
    # accumulate; repeated" (no "repeatedness")
    assert graded_reading("累") == "lei4"


def test_a_comparison_or_de_grades_a_lone_polyphone_but_not_a_verb_or_particle() -> None:
    from flashgen.language.pinyin import context

    # after 比 in its clause (你比你哥哥重吗), before 得 (重得多), after 得 (剪得长)
    assert context._graded_place("重", "哥哥", "吗", True)
    assert context._graded_place("重", "牛", "得", False)
    assert context._graded_place("长", "得", "一些", False)
    assert not context._graded_place("重", "哥哥", "吗", False)
    # 干 has a verb reading (gàn "to do"): before 得 it is the verb, 干得好
    assert not context._graded_place("干", "你", "得", False)
    # 了 has a neutral tone: the particle after a comparison (高多了), not liǎo "clear"
    assert not context._graded_place("了", "多", "。", True)


def test_a_pair_reading_comes_from_longer_words_that_are_not_names() -> None:
    from flashgen.language.pinyin.dictionaries import pair_reading

    # 挨肩儿, 挨肩擦背: āi, not ái "to suffer"
    assert pair_reading("挨肩", 0) == "ai1"
    # 累死累活: lèi "tired"
    assert pair_reading("累死", 0) == "lei4"
    # only in 撒都该人 "Sadducees", a name CC-CEDICT writes in lower case: no vote
    assert pair_reading("都该", 0) is None


def test_a_pair_across_the_segmenters_cut_does_not_vote() -> None:
    from flashgen.language.pinyin import read_sentence

    # 好|学校: 好学 (hàoxué "studious") would read 好 hào, but 学 belongs to 学校
    words = [(0, 2), (2, 3), (3, 4), (4, 6), (6, 7)]
    assert read_sentence("真是个好学校。", words)[2] == ("hao3",)
    # 累 and 死 as one word the dictionaries lack: the pair inside it votes
    words = [(0, 1), (1, 3), (3, 5), (5, 7), (7, 8), (8, 9)]
    assert read_sentence("我今天真是累死了。", words)[3] == ("lei4", "si3")


def test_the_verb_reading_is_the_only_one_with_a_verb_sense() -> None:
    from flashgen.language.pinyin.dictionaries import verb_reading

    # 弹 tán "to play (a string instrument)" / dàn "bullet"; 藏 cáng "to hide" / zàng
    assert verb_reading("弹") == "tan2"
    assert verb_reading("藏") == "cang2"
    # 累 lèi "to wear out" and lěi "to accumulate" are both verbs: no vote
    assert verb_reading("累") is None
    # one reading only: nothing to choose
    assert verb_reading("走") is None


def test_a_lone_piece_of_an_unknown_segment_is_voted_as_a_lone_polyphone() -> None:
    from flashgen.language.pinyin import context
    from flashgen.language.segment import segment_spans

    def votes(sentence: str, segment: str) -> tuple[tuple[int, str, float], ...]:
        spans = segment_spans(sentence)
        w = [sentence[s:e] for s, e in spans].index(segment)
        return context._inside_votes(sentence, spans, w, context._word(segment))

    # 弹钢琴 is no CC-CEDICT word: 弹 is a piece of its own before a noun, a verb (jieba's
    # tag) with its object: the verb's reading, at the verb's weight
    assert votes("她每天弹钢琴。", "弹钢琴") == ((0, "tan2", context.VERB_BONUS),)
    # 太重: after a degree adverb in its segment, the graded reading.  The segmenter now
    # splits 太 / 重 (grammar and a word), where 重 after 太 is read the same.
    heavy = "这本书太重了。"
    assert context.read_sentence(heavy, segment_spans(heavy))[4] == ("zhong4",)
    # 空 is a noun in jieba's tags (空瓶 kōng "empty bottle"): no verb vote for kòng
    assert votes("桌上有一个空瓶。", "空瓶") == ()
    # 铺 ends 包子铺 after a noun: the compound's head, no verb (pū) before 新
    assert votes("这家包子铺新开的。", "包子铺") == ()
    # 凉山 is a place's name in jieba's tags (Liángshān): no verb vote for liàng
    assert votes("我去过凉山。", "凉山") == ()
