"""Sentence alignment: anchors, the sample article, MAC-Dev, and the shape of any alignment."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.align.anchors import gloss_lemmas
from flashgen.align.search import TRUST_THRESHOLD, align_sentences
from flashgen.align.support import link_support
from flashgen.datatypes import Link
from flashgen.text.english import stem
from flashgen.text.numerals import en_numbers, zh_numbers
from flashgen.text.sentences import split_en, split_zh

ROOT = Path(__file__).parent.parent
MAC_DEV = ROOT / ".." / "shared" / "eval" / "alignment" / "mac_dev"

WellFormed = Callable[[list[Link], int, int], None]  # the assert_well_formed fixture


def shape(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.zh, link.en) for link in links]


# --- anchors -----------------------------------------------------------------------


def test_stemming_maps_inflections_together() -> None:
    assert stem("lobbying") == stem("lobby") == stem("lobbied")
    assert stem("chips") == stem("chip")
    assert stem("companies") == stem("company")
    assert stem("went") == stem("go")
    assert stem("made") == stem("making") == stem("make")
    assert stem("Nvidia’s") == stem("nvidia")


def test_gloss_lemmas_come_from_cedict_stemmed() -> None:
    assert stem("lobby") in gloss_lemmas("游说")
    assert stem("chip") in gloss_lemmas("芯片")
    assert stem("artificial") in gloss_lemmas("人工智能")
    assert not gloss_lemmas("不是一个词语吧")


def test_numbers_match_across_languages() -> None:
    zh = [v for _, _, v in zh_numbers("市值突破4万亿美元，二十八面天线，150亿美元，2006年")]
    en = en_numbers("a 4 trillion valuation twenty eight dishes 15 billion in 2006".split())
    assert zh == en == [4e12, 28.0, 1.5e10, 2006.0]


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        # lengths alone would give ((0, 1), (0,)) here
        (
            [
                "Wang Miao drove all the way to Miyun County, far away.",
                "Ye Wenjie smiled at Sha Ruishan's lab.",
            ],
            [((0,), (0,)), ((1, 2), (1,))],
        ),
        (
            [
                "Wang Miao drove to Miyun County; Ye Wenjie smiled.",
                "Sha Ruishan's laboratory was a long way off.",
            ],
            [((0, 1), (0,)), ((2,), (1,))],
        ),
    ],
)
def test_pinyin_names_decide_which_sentences_share_a_translation(
    en: list[str], expected: list[tuple[tuple[int, ...], tuple[int, ...]]]
) -> None:
    zh = ["汪淼驱车到密云县。", "叶文洁笑了。", "沙瑞山的实验室。"]
    assert shape(align_sentences(zh, en)) == expected


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        (
            [
                "The H20 chip sold very well indeed in 2006.",
                "It cost $15 billion, twenty-eight times more.",
            ],
            [((0,), (0,)), ((1, 2), (1,))],
        ),
        # lengths alone would give ((0,), (0,)) here
        (
            [
                "The H20 chip sold well in 2006 for $15 billion.",
                "That is twenty-eight times more than before.",
            ],
            [((0, 1), (0,)), ((2,), (1,))],
        ),
    ],
)
def test_numbers_and_latin_tokens_decide_too(
    en: list[str], expected: list[tuple[tuple[int, ...], tuple[int, ...]]]
) -> None:
    zh = ["H20芯片2006年卖得很好。", "花了150亿美元。", "多了二十八倍。"]
    assert shape(align_sentences(zh, en)) == expected


def test_one_chinese_sentence_translated_by_two() -> None:
    zh = ["那男孩一拳打在皮人胸口，随即双臂伸出，抱住了皮人的腰，将之按倒在地。", "他笑了。"]
    en = [
        "He struck the figure on the chest with his fist.",
        "Then he grappled it by the waist with both arms, forcing it to the ground.",
        "He laughed.",
    ]
    assert shape(align_sentences(zh, en)) == [((0,), (0, 1)), ((1,), (2,))]


def test_empty_sides() -> None:
    assert align_sentences([], []) == []
    assert shape(align_sentences(["好。"], [])) == [((0,), ())]
    assert shape(align_sentences([], ["Good.", "Fine."])) == [((), (0,)), ((), (1,))]
    assert all(link.score == 0.0 for link in align_sentences(["好。"], []))


# --- the sample article ------------------------------------------------------------------


def test_every_sample_chinese_sentence_gets_its_own_english(
    sample_pairs: list[tuple[str, str]], assert_well_formed: WellFormed
) -> None:
    assert len(sample_pairs) == 16
    for zh_para, en_para in sample_pairs:
        zh, en = split_zh(zh_para), split_en(en_para)
        links = align_sentences(zh, en)
        assert_well_formed(links, len(zh), len(en))
        for link in links:
            assert link.zh and link.en, (zh_para, shape(links))
            assert link.score >= TRUST_THRESHOLD, (zh_para, shape(links), link.score)


def test_sample_paragraph_with_three_sentences_aligns_one_to_one(
    sample_pairs: list[tuple[str, str]],
) -> None:
    zh_para, en_para = sample_pairs[2]
    links = align_sentences(split_zh(zh_para), split_en(en_para))
    assert shape(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


# --- MAC-Dev (read in place: research use only, never copied) ---------------------------


def benchmark(name: str) -> ModuleType:
    """``benchmarks/NAME.py`` (not a package), for its scoring functions."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NO_MAC_DEV = "MAC-Dev not found at ../shared/eval/alignment/mac_dev (evaluation data)"


@pytest.mark.skipif(not MAC_DEV.is_dir(), reason=NO_MAC_DEV)
def test_mac_dev_slice_is_mostly_right(assert_well_formed: WellFormed) -> None:
    # The first 100 Chinese lines of The Three-Body Problem and their English lines.
    all_gold = benchmark("alignment").read_gold(MAC_DEV / "gold" / "006.align")
    gold = {g for g in all_gold if g[0] and max(g[0]) < 100}
    last_en = max(j for _, en in gold for j in en)
    zh = (MAC_DEV / "zh" / "006").read_text(encoding="utf-8").splitlines()[:100]
    en = (MAC_DEV / "en" / "006").read_text(encoding="utf-8").splitlines()[: last_en + 1]
    links = align_sentences(zh, en)
    assert_well_formed(links, len(zh), len(en))
    found = set(shape(links))
    scorable = {g for g in gold if g[1]}
    precision, recall = len(found & scorable) / len(found), len(found & scorable) / len(scorable)
    assert precision > 0.8 and recall > 0.8
    trusted = [link for link in links if link.score >= TRUST_THRESHOLD]
    assert sum((link.zh, link.en) in gold for link in trusted) / len(trusted) > 0.9


@pytest.mark.slow
@pytest.mark.skipif(not MAC_DEV.is_dir(), reason=NO_MAC_DEV)
def test_mac_dev_strict_f1_stays_above_its_floor() -> None:
    """The six chapters through the real command, scored as ``benchmarks/alignment.py``
    scores them (0.882 when the floor was set)."""
    bench = benchmark("alignment")
    chapters = bench.mac_dev_chapters()
    assert len(chapters) == 6
    totals = [0, 0, 0]
    for name in chapters:
        counts, _ = bench.score_chapter(name)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    _, _, f1 = bench.prf(*totals)
    assert f1 >= 0.88, f"MAC-Dev strict F1 {f1:.3f}"


# --- any alignment is well formed ------------------------------------------------------

_ZH = st.sampled_from(
    [
        "我们走吧。",
        "好！",
        "他看见了H20芯片。",
        "汪淼驱车到密云县。",
        "。",
        "a",
        "二十八面天线一字排开。",
        "“呸，你不会摔交！”",
        "",
    ]
)
_EN = st.sampled_from(
    [
        "Let's go.",
        "Good!",
        "He saw the H20 chip.",
        "Wang Miao drove to Miyun.",
        "Twenty-eight antennas stood in a row.",
        "'You're hopeless!'",
        "",
        ".",
        "Mr. Huang has spent months lobbying politicians in Washington.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_ZH | st.text(max_size=20), max_size=9),
    st.lists(_EN | st.text(max_size=20), max_size=9),
)
def test_any_alignment_is_monotone_and_uses_every_sentence_once(
    assert_well_formed: WellFormed, zh: list[str], en: list[str]
) -> None:
    links = align_sentences(zh, en)
    assert_well_formed(links, len(zh), len(en))
    assert links == align_sentences(zh, en)  # deterministic


@settings(max_examples=5, deadline=None)
@given(st.integers(1, 120), st.integers(1, 120))
def test_long_and_lopsided_texts_are_well_formed(
    assert_well_formed: WellFormed, n: int, m: int
) -> None:
    zh = [f"第{i}句话说了一些事情。" for i in range(n)]
    en = [f"Sentence {j} says something." for j in range(m)]
    assert_well_formed(align_sentences(zh, en), n, m)


# --- one sentence against one: the shortcut ----------------------------------------------


@settings(max_examples=80, deadline=None)
@given(_ZH | st.text(min_size=1, max_size=60), _EN | st.text(min_size=1, max_size=200))
def test_one_sentence_pair_shortcut_agrees_with_the_full_model(zh: str, en: str) -> None:
    from flashgen.align.search import DEFAULT_PARAMS, _align

    assert align_sentences([zh], [en]) == _align([zh], [en], DEFAULT_PARAMS)


def test_one_sentence_pair_shortcut_on_real_pairs(sample_pairs: list[tuple[str, str]]) -> None:
    from flashgen.align.search import DEFAULT_PARAMS, _align, _sure_one_to_one

    for zh_para, en_para in sample_pairs:
        for zh in split_zh(zh_para):
            for en in split_en(en_para):  # true and false translations alike
                assert _sure_one_to_one(zh, en, DEFAULT_PARAMS)
                assert _align([zh], [en], DEFAULT_PARAMS) == [Link((0,), (0,), 1.0)]


def test_common_english_words_are_no_pinyin_names() -> None:
    from wordfreq import zipf_frequency

    from flashgen.align.anchors import _NAME_MAX_ZIPF, common_english, english_keys

    def names(word: str) -> set[str]:
        return {k for k in english_keys(word) if k.startswith("py:")}

    common = common_english()
    for word in [
        "wang",
        "li",
        "long",
        "china",
        "ran",
        "you",
        "he",
        "xi",
        "zhang",
        "men",
        "a",
        "bao",
        "miao",
        "change",
        "ma",
        "pin",
        "tao",
    ]:
        assert (word in common) == (zipf_frequency(word, "en") >= _NAME_MAX_ZIPF), word
    assert names("Wang") == {"py:wang"}
    assert names("Long") == names("China") == set()
    assert names("Bao-yu") == {"py:baoyu"} and names("You're") == set()


def test_link_support_is_the_share_of_the_least_covered_chinese_sentence():
    zh = ["天气很好。", "他买了3本书。"]
    en = ["The weather is fine.", "He bought 3 books.", "Trump said tariffs would rise."]
    one = Link((0,), (0,), 1.0)
    # 天气 / weather: two of the four Han characters (punctuation does not count).
    assert link_support(zh, en, [one]) == [0.5]
    # 买 / bought, 3 / 3, 本 (volume) and 书 / book: all but 他 and 了.
    assert link_support(zh, en, [Link((1,), (1,), 1.0)]) == [4 / 6]
    # A 2-1 link is as supported as its least supported sentence.
    assert link_support(zh, en, [Link((0, 1), (1,), 1.0)]) == [0.0]
    assert link_support(zh, en, [Link((0,), (2,), 1.0), Link((0,), (), 0.0)]) == [0.0, 0.0]


def test_link_supported_answers_as_link_support(sample_pairs: list[tuple[str, str]]) -> None:
    # link_supported is what annotate asks instead of link_support (it stops early):
    # whether the support is above 0, or reaches a share, must be the same answer.
    from flashgen.align.search import align_sentences
    from flashgen.align.support import link_supported
    from flashgen.text.sentences import split_en, split_zh

    cases = [
        # 机 "machine" counts alone, not inside 手机 (a longer headword covers it).
        (["手机。"], ["Machine."], [Link((0,), (0,), 1.0)]),
        (["机。"], ["Machine."], [Link((0,), (0,), 1.0)]),
        # Only a number, only a Latin token, only a pinyin name.
        (["他3岁。"], ["3."], [Link((0,), (0,), 1.0)]),
        (["用H20。"], ["H20 it is."], [Link((0,), (0,), 1.0)]),
        (["棠源来了。"], ["Tangyuan."], [Link((0,), (0,), 1.0)]),
        # A capitalised word read as pinyin that no character here reads (w-ha-t-re):
        # left out without asking whether it is a name (see english_keys' readable).
        (["你们在做什么？"], ["What're you doing?"], [Link((0,), (0,), 1.0)]),
        # A sentence without content, one without any anchor.
        (
            ["……", "天气很好。"],
            ["The weather.", "No."],
            [Link((0,), (0,), 1.0), Link((1,), (1,), 1.0)],
        ),
        (["天气很好。", "他走了。"], ["The weather is fine."], [Link((0, 1), (0,), 1.0)]),
        # One sentence anchored by a headword only, the other by a number only.
        (
            ["天气很好。", "他3岁。"],
            ["The weather is fine and he is 3."],
            [Link((0, 1), (0,), 1.0)],
        ),
    ]
    for zh_para, en_para in sample_pairs:
        zh, en = split_zh(zh_para), split_en(en_para)
        cases.append((zh, en, align_sentences(zh, en)))
    for zh, en, links in cases:
        for link, share in zip(links, link_support(zh, en, links), strict=True):
            assert link_supported(zh, en, link) == (share > 0), (zh, en, link)
            for at_least in (0.1, 0.15, 0.5, 1.0):
                assert link_supported(zh, en, link, at_least) == (share >= at_least), link
    assert [link_support(*c) for c in cases[:5]] == [[0.0], [1.0], [1 / 3], [0.75], [0.5]]


def test_a_word_anchoring_the_english_makes_its_link_supported(
    sample_pairs: list[tuple[str, str]],
) -> None:
    # words_anchor is what annotate asks of a sure link's sentence before link_supported
    # (see annotate._pairs): whenever it says yes, link_supported must say yes too.
    # Asked of every span of every sentence, not only of a segmenter's words.
    from flashgen.align.anchors import english_stems
    from flashgen.align.support import link_supported, words_anchor
    from flashgen.datatypes import Token

    def spans(s: str, *at: tuple[int, int]) -> list[Token]:
        return [Token(s[i:j], i, j, "word", "") for i, j in at]

    cases = [
        (["手机。"], ["Machine."]),  # 机 inside 手机 does not count, nor would its span
        (["手机坏了。"], ["My mobile phone broke."]),
        (["他3岁。"], ["3."]),
        (["天气很好。"], ["Trump said tariffs would rise."]),
    ]
    cases += [
        ([zh], [en])
        for zh_para, en_para in sample_pairs[:12]
        for zh in split_zh(zh_para)
        for en in split_en(en_para)[:2]
    ]
    said = 0
    for zh, en in cases:
        link = Link((0,), (0,), 1.0)
        stems = english_stems(en[0])
        n = len(zh[0])
        every = spans(zh[0], *((i, j) for i in range(n) for j in range(i + 1, min(i + 9, n + 1))))
        anchoring = [t for t in every if words_anchor(zh[0], [t], stems)]
        if anchoring:
            said += 1
            assert link_supported(zh, en, link), (zh, en, anchoring)
        assert words_anchor(zh[0], every, stems) == bool(anchoring)
    assert not words_anchor("手机。", spans("手机。", (1, 2)), english_stems("Machine."))
    phone = "手机坏了。"
    assert words_anchor(phone, spans(phone, (0, 2)), english_stems("My mobile phone broke."))
    assert said > 20  # the sample's sentences against their own English and the next one's


def test_keys_made_for_an_english_are_the_full_keys_filtered(
    sample_pairs: list[tuple[str, str]],
) -> None:
    # chinese_keys(..., wanted) is how support and the aligner skip the glosses no
    # English word has: the same keys, masks and order as making all and filtering.
    from flashgen.align.anchors import chinese_keys, english_keys, name_index

    for zh_para, en_para in sample_pairs:
        wanted = english_keys(en_para)
        names = name_index([wanted])
        for zh in split_zh(zh_para):
            full = chinese_keys(zh, names)
            assert list(chinese_keys(zh, names, wanted).items()) == [
                (k, v) for k, v in full.items() if k in wanted
            ]
            assert chinese_keys(zh, names, set()) == {}


def test_cedict_prefixes_are_the_headwords_a_text_starts_with(
    sample_pairs: list[tuple[str, str]],
) -> None:
    from flashgen.resources.cedict import load_cedict

    cedict = load_cedict()
    for zh_para, _ in sample_pairs[:5]:
        for p in range(len(zh_para)):
            text = zh_para[p : p + 8]
            expected = [text[:n] for n in range(1, len(text) + 1) if text[:n] in cedict]
            assert cedict.prefixes(text) == expected
    assert cedict.prefixes("\ud800人工") == []  # a lone surrogate: no headword has one
