"""Pinyin in context: readings, formatting, and one syllable per Han character always."""

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.language.pinyin import (
    UNKNOWN_SYLLABLE,
    display_pinyin,
    numbered,
    pinyin_pieces,
    read_sentence,
    read_sentences,
    tone_marks,
    tone_marks_spaced,
    tone_of,
    word_reading,
)
from flashgen.text.script import han_count, is_han


def read(segmented: str) -> list[tuple[str, ...]]:
    """Read a sentence given as space-separated words: ``read("他 还 呼吁")``."""
    words = segmented.split(" ")
    spans, at = [], 0
    for w in words:
        spans.append((at, at + len(w)))
        at += len(w)
    return read_sentence("".join(words), spans)


def reading_of(segmented: str, word: str) -> tuple[str, ...]:
    """The reading of ``word`` (a word of ``segmented``, its first occurrence)."""
    words = segmented.split(" ")
    return read(segmented)[words.index(word)]


# --- readings in context ------------------------------------------------------------
@pytest.mark.parametrize(
    ("segmented", "word", "expected"),
    [
        ("他 重申 了 立场", "重申", ("chong2", "shen1")),
        ("他 还 呼吁 大家 参加", "还", ("hai2",)),
        ("我 去 银行 取钱", "银行", ("yin2", "hang2")),
        ("他 在 街上 行走", "行走", ("xing2", "zou3")),
        ("我 吃 了", "了", ("le5",)),
        ("这 很 重要", "重要", ("zhong4", "yao4")),
        ("请 再 说 一遍", "一遍", ("yi1", "bian4")),  # sandhi-free, as CC-CEDICT writes it
        # a segment CC-CEDICT lacks is read through the CC-CEDICT words inside it
        ("存入 国家银行", "国家银行", ("guo2", "jia1", "yin2", "hang2")),
    ],
)
def test_reading_fits_the_sentence(segmented: str, word: str, expected: tuple[str, ...]) -> None:
    assert reading_of(segmented, word) == expected


@pytest.mark.parametrize(
    ("segmented", "word", "expected"),
    [
        # Everyday words g2pM alone gets wrong (it learnt Wikipedia's majority readings).
        ("你 为什么 不 来", "为什么", ("wei4", "shen2", "me5")),
        ("我 很 高兴", "高兴", ("gao1", "xing4")),
        ("你 应该 去", "应该", ("ying1", "gai1")),
        ("我 了解 他", "了解", ("liao3", "jie3")),
        ("你 明天 有空 吗", "有空", ("you3", "kong4")),
        ("我 要 睡觉 了", "睡觉", ("shui4", "jiao4")),
        ("他 长大 了", "长大", ("zhang3", "da4")),
        # Function words standing alone are read from their neighbours.
        ("他 慢慢 地 走 了", "地", ("de5",)),
        ("这块 地 很 大", "地", ("di4",)),
        ("汤姆 跑 得 快", "得", ("de5",)),
        ("我们 得 走 了", "得", ("dei3",)),
        ("他 得 了 第一", "得", ("de2",)),
        ("你 曾经 得 过 重病 吗", "得", ("de2",)),
        ("我 有 一 只 猫", "只", ("zhi1",)),
        ("这 只 狗 很 大", "只", ("zhi1",)),
        ("我 有 3 只 狗", "只", ("zhi1",)),
        ("我 只 想 睡觉", "只", ("zhi3",)),
    ],
)
def test_everyday_readings(segmented: str, word: str, expected: tuple[str, ...]) -> None:
    assert reading_of(segmented, word) == expected


def test_neutral_tone_and_erhua_follow_cedict() -> None:
    # CPP (and g2pM) write yīfú; standard Mandarin, and CC-CEDICT, say yīfu.
    assert reading_of("这 件 衣服", "衣服") == ("yi1", "fu5")
    assert reading_of("等 一会儿", "一会儿") == ("yi1", "hui4", "r5")


def test_word_with_several_readings_takes_one_whole() -> None:
    # 便 read pián picks 便宜 [pian2 yi5] rather than mixing in the other entry's yí.
    assert reading_of("东西 很 便宜", "便宜") == ("pian2", "yi5")


def test_traditional_text() -> None:
    assert read("他 還 在 銀行 工作") == [
        ("ta1",),
        ("hai2",),
        ("zai4",),
        ("yin2", "hang2"),
        ("gong1", "zuo4"),
    ]


def test_non_han_characters_get_no_syllable() -> None:
    sentence = "A股😀ａ１\u200b〇𠀀。"
    spans = [(i, i + 1) for i in range(len(sentence))]
    readings = read_sentence(sentence, spans)
    assert [len(r) for r in readings] == [0, 1, 0, 0, 0, 0, 1, 1, 0]
    assert readings[6] == ("ling2",)  # 〇
    assert readings[7] == ("he1",)  # 𠀀, extension B, known to pypinyin
    assert read_sentence("卡拉OK", [(0, 4)]) == [("ka3", "la1")]


def test_empty_and_odd_spans() -> None:
    assert read_sentence("", []) == []
    assert read_sentence("", [(0, 0)]) == [()]
    assert read_sentence("abc", [(0, 3)]) == [()]
    assert read_sentence("银行", [(0, 2), (1, 2), (0, 0)]) == [("yin2", "hang2"), ("hang2",), ()]
    with pytest.raises(ValueError, match="outside"):
        read_sentence("银行", [(1, 3)])


_POLYPHONES = "了得地着为还都长重行中只会的和差便处调教空"
_HAN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list(_POLYPHONES + "𠀀𪚥〇々😀ａ１\u200b\ufeff银行说话。，A1")),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x20000, max_codepoint=0x3134F),
    ),
    max_size=40,
)
_SYLLABLE = re.compile(r"[a-z]+[1-5]")


@st.composite
def sentence_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    sentence = draw(_HAN_TEXT)
    n = len(sentence)
    cuts = sorted(draw(st.sets(st.integers(0, n), max_size=n + 1)) | {0, n})
    covering = list(itertools.pairwise(cuts))
    extra = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=3))
    return sentence, covering + [(a, b) for a, b in extra]


@settings(max_examples=150, deadline=None)
@given(sentence_and_spans())
def test_one_syllable_per_han_character(case: tuple[str, list[tuple[int, int]]]) -> None:
    sentence, spans = case
    readings = read_sentence(sentence, spans)
    assert len(readings) == len(spans)
    for (start, end), reading in zip(spans, readings, strict=True):
        assert len(reading) == han_count(sentence[start:end])
        assert all(_SYLLABLE.fullmatch(s) or s == UNKNOWN_SYLLABLE for s in reading)


def test_han_characters() -> None:
    assert all(is_han(c) for c in "中〇𠀀𪚥㐀豈")
    assert not any(is_han(c) for c in "々。ａ１A😀\u200bㄅ⼀")
    assert han_count("A股，2024年") == 2


# --- many sentences at once ---------------------------------------------------------------
_BATCH = [
    "他 还 呼吁 大家 参加",
    "我 去 银行 取钱",
    "我 吃 了",
    "这 很 重要",
    "他 跑 得 很 快",
    "一 只 狗",
    "他 慢慢 地 走",
    "我 得 走 了",
    "abc",
    "",
    "他 們 還 在 銀行",
    "长大 以后 我 想 当 医生",
    "这件 衣服 太 长 了",
    "他 的 目的 是 什么",
    "了解 了 情况 以后 他 还 是 不 高兴",
]


def _spans(segmented: str) -> tuple[str, list[tuple[int, int]]]:
    words = segmented.split(" ") if segmented else []
    spans, at = [], 0
    for w in words:
        spans.append((at, at + len(w)))
        at += len(w)
    return "".join(words), spans


def test_a_batch_reads_each_sentence_as_it_reads_alone() -> None:
    items = [_spans(s) for s in _BATCH]
    alone = [read_sentence(text, spans) for text, spans in items]
    assert read_sentences(items) == alone
    assert read_sentences(items[::-1]) == alone[::-1]
    assert read_sentences([]) == []


def test_g2pm_figures_do_not_depend_on_the_batch() -> None:
    # Documents are annotated in parallel processes and compared byte for byte, so a
    # sentence's readings must not depend on the sentences read with it.  The figures
    # themselves may differ in their last bits: on some CPUs BLAS rounds a product
    # differently by the number of rows it has.
    from flashgen.language.pinyin.model import g2pm

    model = g2pm()
    texts = ["".join(s.split(" ")) for s in _BATCH] + ["长" * 40, "的了着", "重"]
    items = [(t, [i for i, c in enumerate(t) if c in model.classes]) for t in texts]
    together = model.batch(items)
    assert together[-1]

    def favourites(found: dict[int, dict[str, float]]) -> dict[int, str]:
        return {i: max(probs, key=probs.__getitem__) for i, probs in found.items()}

    def same(found: dict[int, dict[str, float]], expected: dict[int, dict[str, float]]) -> bool:
        flat = {(i, r): p for i, probs in found.items() for r, p in probs.items()}
        flat_expected = {(i, r): p for i, probs in expected.items() for r, p in probs.items()}
        return favourites(found) == favourites(expected) and flat == pytest.approx(
            flat_expected, rel=1e-9, abs=1e-15
        )

    for item, got in zip(items, together, strict=True):
        assert same(model.batch([item])[0], got), item[0]
    for got, expected in zip(model.batch(items[::-1]), together[::-1], strict=True):
        assert same(got, expected)
    assert same(model.distributions("重"), together[-1])


_G2PM_WEIGHTS: dict[str, object] = {}


def _g2pm_reference(text: str, at: int) -> list[float]:
    """g2pM's network as g2pM writes it (float64, PyTorch's gate order), from its own
    weights: the probabilities of ``text[at]``'s readings, as G2pM.probabilities gives."""
    import pickle
    from importlib.resources import files

    import numpy as np

    from flashgen.language.pinyin.model import g2pm

    model = g2pm()
    w = _G2PM_WEIGHTS
    if not w:
        with files("g2pM").joinpath("np_ckpt.pkl").open("rb") as f:
            w.update((k, np.asarray(v, dtype=np.float64)) for k, v in pickle.load(f).items())
    ids = [model.bos_id, *(model.char_ids.get(c, model.unknown_id) for c in text), model.eos_id]
    emb = w["embedding.weight"][ids]

    def sig(v: object) -> object:
        return 1 / (1 + np.exp(-v))  # type: ignore[operator]

    def run(xs: object, suffix: str) -> list[object]:
        h, c, out = np.zeros(32), np.zeros(32), []
        for x in xs:  # type: ignore[attr-defined]
            gates = (
                w[f"lstm.weight_ih_l0{suffix}"] @ x
                + w[f"lstm.bias_ih_l0{suffix}"]
                + w[f"lstm.weight_hh_l0{suffix}"] @ h
                + w[f"lstm.bias_hh_l0{suffix}"]
            )
            i, f_, g, o = np.split(gates, 4)
            c = sig(f_) * c + sig(i) * np.tanh(g)
            h = sig(o) * np.tanh(c)
            out.append(h)
        return out

    forward, backward = run(emb, ""), run(emb[::-1], "_reverse")[::-1]
    hidden = np.concatenate([forward[at + 1], backward[at + 1]])
    top = np.maximum(w["logit_layer.0.weight"] @ hidden + w["logit_layer.0.bias"], 0)
    logits = (w["logit_layer.2.weight"] @ top + w["logit_layer.2.bias"])[model.classes[text[at]][1]]
    p = np.exp(logits - logits.max())
    return list(p / p.sum())


def test_g2pm_in_single_precision_agrees_with_g2pms_own_network() -> None:
    # Our recurrence runs in float32 for speed (see g2pm): the same favourites as g2pM's
    # float64 network, and log-probabilities (what the choice weighs) within 1e-4 (on
    # 3,000 Tatoeba sentences float32 is off by 7e-6 at most; float16 by 3e-3 here).
    import math
    from pathlib import Path

    from flashgen.language.pinyin.model import g2pm

    model = g2pm()
    everyday = (Path(__file__).parent / "data" / "polyphones.txt").read_text(encoding="utf-8")
    texts = ["".join(s.split(" ")) for s in _BATCH] + [
        line.split("\t")[0].replace("【", "").replace("】", "")
        for line in everyday.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    items = [(t, [i for i, c in enumerate(t) if c in model.classes]) for t in texts]
    assert sum(len(targets) for _, targets in items) > 100
    for (text, targets), rows in zip(items, model.probabilities(items), strict=True):
        for at, got in zip(targets, rows, strict=True):
            expected = _g2pm_reference(text, at)
            assert got.index(max(got)) == expected.index(max(expected)), (text, at)
            for p, q in zip(got, expected, strict=True):
                assert math.log(p + 1e-300) == pytest.approx(math.log(q + 1e-300), abs=1e-4)


def test_phrase_list_readings_are_pypinyins() -> None:
    from pypinyin.constants import PHRASES_DICT

    from flashgen.language.pinyin.dictionaries import phrases, pypinyin_reading

    assert len(phrases()) == len(PHRASES_DICT)
    for word in list(PHRASES_DICT)[::97]:
        assert tuple(phrases()[word].split(" ")) == pypinyin_reading(word), word


def test_single_character_readings_are_pypinyins() -> None:
    """The table a lone character is read from (every Han character agreed when it was
    written; a sample here, and the fallback reads a lone character through it)."""
    from flashgen.language.pinyin.dictionaries import fallback, pypinyin_chars, pypinyin_reading

    chars = pypinyin_chars()
    for code in [
        *range(0x4E00, 0xA000, 37),
        *range(0x3400, 0x4DC0, 53),
        *range(0x20000, 0x2A6E0, 211),
        0x3007,
        0xF900,
    ]:
        char = chr(code)
        assert chars.get(char, "") == pypinyin_reading.__wrapped__(char)[0], hex(code)
    assert fallback("中", "中", 0) == "zhong1"


# --- formatting ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("syllables", "marked"),
    [
        (("you2", "shui4"), "yóushuì"),
        (("xi1", "an1"), "xī'ān"),
        (("nv3", "er2"), "nǚ'ér"),
        (("tian1", "an1", "men2"), "tiān'ānmén"),
        (("lv4",), "lǜ"),
        (("nv3",), "nǚ"),
        (("lve4",), "lüè"),
        (("liu4", "gui4", "zhou1", "shou3", "hao3", "xue2"), "liùguìzhōushǒuhǎoxué"),
        (("yi1", "dian3", "r5"), "yīdiǎnr"),
        (("ma5",), "ma"),
        (("ng2", "m2", "hng5"), "ńgḿhng"),
        (("ai4",), "ài"),
        (("ou1",), "ōu"),
        (("Xi1", "an1"), "Xī'ān"),
        ((UNKNOWN_SYLLABLE, "shui4"), "?shuì"),
    ],
)
def test_tone_marks(syllables: tuple[str, ...], marked: str) -> None:
    assert tone_marks(syllables) == marked


def test_spaced_and_numbered() -> None:
    assert tone_marks_spaced(("you2", "shui4")) == "yóu shuì"
    assert tone_marks_spaced(("xi1", "an1")) == "xī ān"
    assert numbered(("you2", "shui4")) == "you2 shui4"


def test_tone_marks_agree_with_pypinyin_on_every_syllable_in_use() -> None:
    """Every syllable CC-CEDICT, g2pM and pypinyin's tables read a character with (ü as
    v, r5, m2 included) is marked as pypinyin.contrib.tone_convert marks it; the
    only exceptions are letters that spell no Mandarin syllable (see _with_mark)."""
    from pypinyin.contrib.tone_convert import to_tone

    from flashgen.language.pinyin.dictionaries import phrases, pypinyin_chars
    from flashgen.language.pinyin.model import g2pm
    from flashgen.resources.cedict import load_cedict
    from flashgen.resources.idioms import load_idiom_syllables

    cedict = load_cedict()
    in_cedict = {
        s
        for word in cedict.headwords()
        for e in cedict.lookup(word)
        for s in word_reading(word, e.pinyin) or ()
    }
    assert {"lv4", "nve4", "r5", "m2"} <= in_cedict and len(in_cedict) > 1500
    others = {s for rs in g2pm().readings.values() for s in rs}
    others |= {s for p in phrases().values() for s in p.split(" ") if s}
    others |= set(pypinyin_chars().values()) | set(load_idiom_syllables().values())
    differ = {s for s in in_cedict | others if tone_marks((s,)) != to_tone(s)}
    assert not differ & in_cedict
    assert {s for s in differ if " " not in s} == {"guen1", "boi3", "jiui3", "duu2", "boo4"}
    assert len(differ) == 5 + 13  # and g2pM's two-syllable readings (瓩 qian1 wa3)


def test_pieces_separate_and_capitalise() -> None:
    def shown(*args: object) -> list[tuple[str, str, int]]:
        return [tuple(p) for p in pinyin_pieces(*args)]  # type: ignore[arg-type]

    assert shown(("xi1", "an1")) == [("", "xī", 1), ("'", "ān", 1)]
    assert shown(("yi1", "dian3", "r5"), True) == [("", "yī", 1), (" ", "diǎn", 3), (" ", "r", 5)]
    assert shown(("te4", "lang3", "pu3"), False, ("特朗普", "特朗普")) == [
        ("", "Tè", 4),
        ("", "lǎng", 3),
        ("", "pǔ", 3),
    ]
    assert (
        "".join(
            b + m
            for b, m, _ in shown(
                ("dai4", "wei2", "sa4", "ke4", "si1"), True, ("戴维·萨克斯", "戴维·萨克斯")
            )
        )
        == "Dài wéi·Sà kè sī"
    )
    assert (
        "".join(b + m for b, m, _ in shown(("huang2", "an1"), False, ("黄安", "黄安")))
        == "Huáng Ān"
    )


def test_idioms_are_shown_spaced_words_and_names_joined() -> None:
    from flashgen.datatypes import AnnotatedToken

    def tok(text: str, kind: str, syllables: str) -> AnnotatedToken:
        s = tuple(syllables.split())
        return AnnotatedToken(text, 0, len(text), kind, s, None, text, None, 0.0, None, text)  # type: ignore[arg-type]

    assert display_pinyin(tok("一丝不苟", "idiom", "yi1 si1 bu4 gou3")) == "yī sī bù gǒu"
    assert display_pinyin(tok("一丝不苟", "idiom", "yi1 si1 bu4 gou3"), spaced=False) == "yīsībùgǒu"
    assert display_pinyin(tok("西安", "word", "xi1 an1")) == "xī'ān"
    assert display_pinyin(tok("西安", "name", "xi1 an1")) == "Xī'ān"
    assert display_pinyin(tok("西安", "name", "xi1 an1"), spaced=True) == "Xī ān"


def test_word_reading_spells_cedict_our_way() -> None:
    assert word_reading("游说", "you2 shui4") == ("you2", "shui4")
    assert word_reading("庐山", "Lu:4 shan1") == ("lv4", "shan1")
    assert word_reading("女儿", "nu:3 er2") == ("nv3", "er2")
    assert word_reading("一点儿", "yi1 dian3 r5") == ("yi1", "dian3", "r5")
    # Proper nouns come out lower case; whether cards capitalise them is the renderer's call.
    assert tone_marks(word_reading("英伟达", "Ying1 wei3 da2") or ()) == "yīngwěidá"
    assert tone_marks(word_reading("西安", "Xi1 an1") or ()) == "xī'ān"


def test_word_reading() -> None:
    assert word_reading("卡拉OK", "ka3 la1 O K") == ("ka3", "la1")
    assert word_reading("AA制", "A A zhi4") == ("zhi4",)
    assert word_reading("银行", "yin2") is None  # does not line up
    assert word_reading("々", "xx5") == ()  # no Han character, so no syllable
    assert word_reading("丆", "xx5") is None  # CC-CEDICT's "reading unknown"


def test_tone_of() -> None:
    assert [tone_of(s) for s in ("ma1", "ma2", "ma3", "ma4", "ma5", "r5")] == [1, 2, 3, 4, 5, 5]
    assert tone_of(UNKNOWN_SYLLABLE) == 5


def test_cedict_pinyins_are_the_entries_readings() -> None:
    # The pair table's scan reads pinyin straight from the stored rows; it must be what
    # lookup decodes (several entries, a traditional key, one entry, none).
    from flashgen.language.pinyin.dictionaries import load_cedict

    cedict = load_cedict()
    for word in ("行", "還", "长", "挨肩", "卡拉OK", "没有这个词"):
        assert cedict.pinyins(word) == tuple(e.pinyin for e in cedict.lookup(word))
    assert len(cedict.pinyins("行")) > 1
