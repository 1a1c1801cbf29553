"""Sentence alignment: anchors, the sample article, MAC-Dev, and the shape of any alignment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.align.anchors import gloss_lemmas
from flashgen.align.search import TRUST_THRESHOLD, align_sentences
from flashgen.datatypes import Link
from flashgen.text.english import stem
from flashgen.text.numerals import en_numbers, zh_numbers
from flashgen.text.sentences import split_en, split_zh

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
MAC_DEV = ROOT / ".." / "shared" / "eval" / "alignment" / "mac_dev"


def shape(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.zh, link.en) for link in links]


def assert_well_formed(links: list[Link], n: int, m: int) -> None:
    """Every sentence in exactly one link, links in order, no link empty on both sides."""
    assert [i for link in links for i in link.zh] == list(range(n))
    assert [j for link in links for j in link.en] == list(range(m))
    for link in links:
        assert link.zh or link.en
        assert (
            list(link.zh) == list(range(link.zh[0], link.zh[0] + len(link.zh))) if link.zh else True
        )
        assert 0.0 <= link.score <= 1.0
    # monotone: the sentences of each side only move forward
    last_zh = last_en = -1
    for link in links:
        if link.zh:
            assert link.zh[0] > last_zh
            last_zh = link.zh[-1]
        if link.en:
            assert link.en[0] > last_en
            last_en = link.en[-1]


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


def sample_pairs() -> list[tuple[str, str]]:
    """(Chinese paragraph, English paragraph): the sample alternates English and Chinese."""
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]

    def han(s: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in s)

    return [(zh, en) for en, zh in zip(lines, lines[1:], strict=False) if han(zh) and not han(en)]


def test_every_sample_chinese_sentence_gets_its_own_english() -> None:
    pairs = sample_pairs()
    assert len(pairs) == 16
    for zh_para, en_para in pairs:
        zh, en = split_zh(zh_para), split_en(en_para)
        links = align_sentences(zh, en)
        assert_well_formed(links, len(zh), len(en))
        for link in links:
            assert link.zh and link.en, (zh_para, shape(links))
            assert link.score >= TRUST_THRESHOLD, (zh_para, shape(links), link.score)


def test_sample_paragraph_with_three_sentences_aligns_one_to_one() -> None:
    zh_para, en_para = sample_pairs()[2]
    links = align_sentences(split_zh(zh_para), split_en(en_para))
    assert shape(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


# --- MAC-Dev (a small slice, as a regression guard; the benchmark runs it all) ------------


def _gold(name: str) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = set()
    for line in (MAC_DEV / "gold" / f"{name}.align").read_text(encoding="utf-8").splitlines():
        zh, en = line.split(":")
        out.add((tuple(json.loads(zh)), tuple(json.loads(en))))
    return out


@pytest.mark.skipif(not MAC_DEV.is_dir(), reason="evaluation data not available")
def test_mac_dev_slice_is_mostly_right() -> None:
    # The first 100 Chinese lines of The Three-Body Problem and their English lines.
    gold = {g for g in _gold("006") if g[0] and max(g[0]) < 100}
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
    zh: list[str], en: list[str]
) -> None:
    links = align_sentences(zh, en)
    assert_well_formed(links, len(zh), len(en))
    assert links == align_sentences(zh, en)  # deterministic


@settings(max_examples=5, deadline=None)
@given(st.integers(1, 120), st.integers(1, 120))
def test_long_and_lopsided_texts_are_well_formed(n: int, m: int) -> None:
    zh = [f"第{i}句话说了一些事情。" for i in range(n)]
    en = [f"Sentence {j} says something." for j in range(m)]
    assert_well_formed(align_sentences(zh, en), n, m)


# --- one sentence against one: the shortcut ----------------------------------------------


@settings(max_examples=80, deadline=None)
@given(_ZH | st.text(min_size=1, max_size=60), _EN | st.text(min_size=1, max_size=200))
def test_one_sentence_pair_shortcut_agrees_with_the_full_model(zh: str, en: str) -> None:
    from flashgen.align.search import DEFAULT_PARAMS, _align

    assert align_sentences([zh], [en]) == _align([zh], [en], DEFAULT_PARAMS)


def test_one_sentence_pair_shortcut_on_real_pairs() -> None:
    from flashgen.align.search import DEFAULT_PARAMS, _align, _sure_one_to_one

    pairs = sample_pairs()
    for zh_para, en_para in pairs:
        for zh in split_zh(zh_para):
            for en in split_en(en_para):  # true and false translations alike
                assert _sure_one_to_one(zh, en, DEFAULT_PARAMS)
                assert _align([zh], [en], DEFAULT_PARAMS) == [Link((0,), (0,), 1.0)]


def test_common_english_words_are_no_pinyin_names() -> None:
    from wordfreq import zipf_frequency

    from flashgen.align.anchors import _NAME_MAX_ZIPF, _pinyin_name, common_english

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
    assert ("wang",) in _pinyin_name("Wang")
    assert _pinyin_name("Long") == () and _pinyin_name("China") == ()
    assert _pinyin_name("Bao-yu") and _pinyin_name("You're") == ()
