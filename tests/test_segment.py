"""Segmentation: dictionary-aware jieba, token kinds, names, numbers, odd text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.language.segment import find_dot_names, jieba_count, name_parts, segment
from flashgen.resources.cedict import load_cedict
from flashgen.resources.idioms import load_idioms

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


def texts(sentence: str, names: frozenset[str] = frozenset()) -> list[str]:
    return [t.text for t in segment(sentence, names)]


def kinds(sentence: str) -> dict[str, str]:
    return {t.text: t.kind for t in segment(sentence)}


def sample_tokens():
    text = SAMPLE.read_text(encoding="utf-8")
    names = name_parts(find_dot_names(text))
    return [t for line in text.splitlines() for t in segment(line, names)]


def test_nvidia_is_one_token_everywhere_in_the_sample():
    toks = [t.text for t in sample_tokens()]
    assert toks.count("英伟达") >= 10
    for bad in ("伟达", "已向英", "对英", "向英", "上花", "下向"):
        assert bad not in toks


def test_every_sample_token_is_a_headword_idiom_name_number_latin_or_punct():
    cedict, idioms = load_cedict(), load_idioms()
    for t in sample_tokens():
        if t.kind == "word":
            # or a word of jieba's dictionary kept whole (大转弯, 商务部长): see test_fragments
            assert t.text in cedict or jieba_count(t.text) > 0, t.text
        elif t.kind == "idiom":
            assert t.text in idioms


def test_compounds_missing_from_cedict_are_split():
    # 美国 / 政府: jieba keeps 美国政府, CC-CEDICT does not have it.
    assert texts("美国政府已批准")[:2] == ["美国", "政府"]
    assert "这一" not in texts("这一逆转对美国意义重大")


def test_idiom_stays_whole_and_is_an_idiom():
    assert kinds("他听了大吃一惊。")["大吃一惊"] == "idiom"
    assert "至关重要" in texts("这对英伟达的未来至关重要。")


def test_names_people_places_organisations():
    k = kinds("英伟达首席执行官黄仁勋在华盛顿说")
    assert k["黄仁勋"] == "name"
    assert k["华盛顿"] == "name"
    assert k["英伟达"] == "name"
    assert k["首席执行官"] == "word"


def test_middle_dot_names_are_one_name_and_parts_are_remembered():
    sentence = "白宫的人工智能和加密货币事务负责人戴维·萨克斯。"
    k = kinds(sentence)
    assert k["戴维·萨克斯"] == "name"
    assert "萨克斯" not in k  # never the saxophone
    assert find_dot_names("今年1月,商务部长霍华德·卢特尼克在国会提名听证会上说") == [
        "霍华德·卢特尼克"
    ]
    names = name_parts(["霍华德·卢特尼克"])
    assert segment("卢特尼克上个月曾重申过这些观点。", names)[0].text == "卢特尼克"
    assert segment("卢特尼克上个月曾重申过这些观点。", names)[0].kind == "name"


@pytest.mark.parametrize(
    ("sentence", "token", "kind"),
    [
        ("现在来了个180度大转弯", "180", "number"),
        ("全球50%的研发人员", "50%", "number"),
        ("市值突破4万亿美元", "4万亿", "number"),
        ("特供版的人工智能芯片H20。", "H20", "latin"),
        ("销售A.I.芯片", "A.I.", "latin"),
        ("向DeepSeek提供了技术", "DeepSeek", "latin"),
        ("他说。", "。", "punct"),
    ],
)
def test_kinds(sentence, token, kind):
    assert kinds(sentence)[token] == kind


@pytest.mark.parametrize(
    ("sentence", "tokens"),
    [
        # A magnitude unit jieba cuts off a Chinese numeral joins it; in traditional
        # text too, where the token keeps the text's own characters.
        ("三十万亿", [("三十万亿", "number")]),
        ("有五十萬亿人", [("有", "word"), ("五十萬亿", "number"), ("人", "word")]),
        ("數十億元", [("數十億", "number"), ("元", "word")]),
        # Not across a space.
        ("4 万亿", [("4", "number"), (" ", "punct"), ("万亿", "number")]),
    ],
)
def test_magnitude_units_join_the_number_before_them(sentence, tokens):
    assert [(t.text, t.kind) for t in segment(sentence)] == tokens


def test_a_magnitude_unit_matched_as_a_known_name_joins_the_number_too():
    # The other path into the token list: a name the caller knows (_segment's pattern).
    got = [(t.text, t.kind) for t in segment("有三十万亿元", frozenset({"万亿"}))]
    assert got == [("有", "word"), ("三十万亿", "number"), ("元", "word")]


def test_traditional_text_gives_the_same_words():
    simp = texts("黄仁勋一直在游说华盛顿政界")
    trad = texts("黃仁勳一直在遊說華盛頓政界")
    assert [len(t) for t in simp] == [len(t) for t in trad]


@pytest.mark.parametrize(
    "odd",
    ["", "😀芯片🚀", "𠀀𠀁是扩展B", "１２３ＡＢＣ芯片", "芯\u200b片", "   ", "\n", "a" * 50],
)
def test_odd_text_never_crashes_and_tokens_cover_it(odd):
    toks = segment(odd)
    assert "".join(t.text for t in toks) == odd
    pos = 0
    for t in toks:
        assert t.start == pos and t.end == pos + len(t.text)
        pos = t.end


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("的了英伟达芯片人工智能黄仁勋·，。！ 12%.AIH𠀀😀\u200b中国美国政府")
        ),
        max_size=40,
    )
)
def test_tokens_rejoin_to_the_sentence(sentence):
    toks = segment(sentence)
    assert "".join(t.text for t in toks) == sentence
    assert all(sentence[t.start : t.end] == t.text for t in toks)


def test_a_quantity_loses_its_numeral_before_being_split():
    # 十 / 分钟 "ten minutes", never 十分 "very" / 钟 "clock".
    assert texts("火车今天晚了十分钟。")[4:6] == ["十", "分钟"]
    assert kinds("我等了二十分钟。")["二十"] == "number"
    assert kinds("你千万不要去。")["千万"] == "word"  # "by all means", HSK vocabulary


def _jieba_and_ours(tmp_path, entries):
    """jieba's own part-of-speech cut and flashgen's, over the dictionary ``entries``
    ((word, frequency, tag) lines), each as a function of a sentence."""
    import logging

    import jieba
    import jieba.posseg

    from flashgen.language.posseg import POSCutter
    from flashgen.resources.cache import pack, unpack
    from flashgen.resources.lexicon import Lexicon, hmm_tables, pack_lexicon

    path = tmp_path / "dict.txt"
    path.write_text("".join(f"{w} {f} {t}\n" for w, f, t in entries), encoding="utf-8")
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(dictionary=str(path))
    tokenizer.tmp_dir = str(tmp_path)
    theirs = jieba.posseg.POSTokenizer(tokenizer)
    freq = {w: f for w, f, _ in entries}
    tags = {w: t for w, _, t in entries}
    data = pack_lexicon(freq, tags, set(), sum(freq.values()), hmm_tables())
    ours = POSCutter(Lexicon.from_data(unpack(pack(data))))
    return (lambda s: [(p.word, p.flag) for p in theirs.cut(s)]), ours.cut


def test_the_cut_is_jiebas_own_over_the_same_dictionary(tmp_path):
    # flashgen.language.posseg reimplements jieba.posseg.POSTokenizer.cut over a trie: the same
    # words and tags, unknown names (黄仁勋) from the same HMM, the same odd pieces.
    import random

    entries = [
        ("英伟达", 50, "nz"),
        ("首席", 300, "n"),
        ("执行官", 200, "n"),
        ("首席执行官", 20, "n"),
        ("华盛顿", 400, "ns"),
        ("在", 900000, "p"),
        ("说", 500000, "v"),
        ("中国", 100000, "ns"),
        ("美国", 90000, "ns"),
        ("政府", 80000, "n"),
        ("美国政府", 30, "nt"),
        ("芯片", 3000, "n"),
        ("人工智能", 500, "n"),
        ("人工", 4000, "n"),
        ("智能", 3500, "n"),
        ("十分", 20000, "d"),
        ("分钟", 30000, "m"),
        ("十", 60000, "m"),
        ("T恤", 40, "n"),
        ("的", 3000000, "uj"),
        ("了", 900000, "ul"),
        ("大吃一惊", 2000, "i"),
        ("一", 2000000, "m"),
        ("吃", 50000, "v"),
    ]
    jieba_cut, our_cut = _jieba_and_ours(tmp_path, entries)
    sentences = [
        "英伟达首席执行官黄仁勋在华盛顿说",
        "美国政府的芯片",
        "火车晚了十分钟。",
        "他听了大吃一惊",
        "卢特尼克上个月曾重申过这些观点",
        "H20芯片 A.I. 4万亿",
        "T恤+#&._-",
        "a\r\nb\tc　d",
        "😀芯片🚀",
        "𠀀𠀁是扩展B",
        "１２３ＡＢＣ",
        "",
        " ",
    ]
    rng = random.Random(0)
    alphabet = (
        "英伟达首席执行官黄仁勋在华盛顿说中国美国政府芯片人工智能十分钟的了大吃一惊"
        "卢特尼克H20A.I.+ 。，\n"
    )
    sentences += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(300)
    ]
    for sentence in sentences:
        assert our_cut(sentence) == jieba_cut(sentence), sentence
    assert ("黄仁勋", "nr") in our_cut(sentences[0])  # from the HMM: no dictionary has it


def test_a_tie_between_two_paths_goes_to_the_longer_first_word_as_in_jieba(tmp_path):
    # 甲乙+丙 and 甲+乙丙 score the same two log-probabilities added in either order, so
    # exactly the same: jieba's max over (score, end) then takes the later end.
    entries = [
        ("甲", 5, "n"),
        ("甲乙", 7, "n"),
        ("乙丙", 7, "v"),
        ("丙", 5, "v"),
        ("丁", 1000, "x"),
    ]
    jieba_cut, our_cut = _jieba_and_ours(tmp_path, entries)
    assert jieba_cut("甲乙丙") == [("甲乙", "n"), ("丙", "v")]
    for sentence in ["甲乙丙", "丁甲乙丙丁", "甲乙丙甲乙丙"]:
        assert our_cut(sentence) == jieba_cut(sentence), sentence


def test_the_hmm_gives_jiebas_every_score_and_tie():
    # flashgen.language.posseg's viterbi over the states that can win gives the same states as
    # jieba's loop over all of them, on common characters, rare ones, and characters
    # the tables do not know.
    import marshal
    import random

    from jieba.posseg.viterbi import viterbi

    from flashgen.language.posseg import _HMM
    from flashgen.resources.lexicon import hmm_tables

    tables = marshal.loads(hmm_tables())
    ours = _HMM(tables)
    chars = sorted(tables[0])
    common = [c for c in chars if len(tables[0][c]) > 5]
    rng = random.Random(0)
    for i in range(1500):
        pool = common if i % 2 else chars[:3000] + list("𠀀ぁ")
        run = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        assert ours.viterbi(run) == viterbi(run, *tables)[1], run


def test_the_hmm_breaks_ties_as_jieba_on_odd_tables():
    # Small random tables whose scores often tie, with -inf scores, states that go
    # nowhere and characters whose states no state leads to: the same states as
    # jieba's loop, or the same error.
    import random

    from jieba.posseg.viterbi import viterbi

    from flashgen.language.posseg import _HMM

    rng = random.Random(1)
    values = [-1.0, -2.0, -1e100, -3.14e100, float("-inf")]
    for _ in range(300):
        names = [(p, t) for p in "BEMS" for t in "ab"]
        trans = {x: {y: rng.choice(values) for y in names if rng.random() < 0.4} for x in names}
        start = {y: rng.choice(values) for y in names}
        emit = {y: {c: rng.choice(values) for c in "xyz" if rng.random() < 0.7} for y in names}
        states = {c: tuple(rng.sample(names, rng.randint(1, 4))) for c in "xy"}
        tables = (states, start, trans, emit)
        ours = _HMM(tables)
        for _ in range(20):
            run = "".join(rng.choice("xyzw") for _ in range(rng.randint(1, 6)))
            try:
                expected = viterbi(run, *tables)[1]
            except ValueError:  # max() of nothing: a state sequence with nowhere to go
                with pytest.raises(ValueError):
                    ours.viterbi(run)
                continue
            assert ours.viterbi(run) == expected, (run, tables)


def test_simplified_text_skips_opencc_with_the_same_result():
    import random

    import opencc

    from flashgen.text.script import to_simplified, to_traditional

    t2s = opencc.OpenCC("t2s")

    text = SAMPLE.read_text(encoding="utf-8")
    rng = random.Random(0)
    lines = [ln for ln in text.splitlines() if ln]
    lines += [to_traditional(ln) for ln in lines]
    lines += ["".join(rng.sample(ln, len(ln))) for ln in lines]  # shuffled: odd pairs
    # Phrases none of whose characters OpenCC changes alone: only its phrase list does.
    lines += ["大家一目瞭然", "请回覆我", "他沈默了"]
    for line in lines:
        assert to_simplified(line) == t2s.convert(line), line


def test_text_that_needs_no_conversion_never_loads_opencc():
    # The fast path: most text is simplified already, and OpenCC's convert is slow.
    code = """
import opencc
from flashgen.text.script import to_simplified
def refuse(*args):
    raise RuntimeError("OpenCC loaded")
opencc.OpenCC = refuse
assert to_simplified("英伟达首席执行官黄仁勋说，芯片。") == "英伟达首席执行官黄仁勋说，芯片。"
try:
    to_simplified("黃仁勳說")
except RuntimeError:
    pass
else:
    raise AssertionError("traditional text should have needed OpenCC")
"""
    subprocess.run([sys.executable, "-c", code], check=True)


# Unknown words stay whole (sentences written for the examples): a word of jieba's
# dictionary that CC-CEDICT lacks is one token, never its characters.
@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("苹果的代工厂正在把部分生产线迁往印度。", "代工厂"),  # not 代 / 工厂
        ("这是他第三次访华。", "访华"),  # not 访 / 华
        ("一架无人机闯入了邻国空域。", "空域"),  # not 空 / 域
        ("俄方表示愿意继续谈判。", "俄方"),  # not 俄 "suddenly" / 方
        ("守军以寡敌众，坚持了三天。", "以寡敌众"),  # not 以 / 寡 / 敌 / 众
        ("这位歌手凭借一首情歌声名鹊起。", "声名鹊起"),  # not 声名 / 鹊 / 起
    ],
)
def test_unknown_words_stay_whole(sentence, word):
    assert word in [t.text for t in segment(sentence)]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("这家餐厅的菜太贵了。", ["太", "贵"]),  # too / expensive, not the name 太贵
        ("他把钱藏在床底下。", ["钱", "藏"]),  # hide the money, not the place 钱藏
    ],
)
def test_ordinary_words_are_not_names(sentence, words):
    toks = {t.text: t.kind for t in segment(sentence)}
    assert all(toks.get(w) == "word" for w in words), toks


def test_a_currency_is_a_word_a_brand_a_name():
    # CC-CEDICT capitalises both; "US dollar" is no name, "Airbus" is.
    assert {t.text: t.kind for t in segment("这笔贷款以美圆计价。")}["美圆"] == "word"
    assert {t.text: t.kind for t in segment("龙村的村民开始清理道路。")}["龙村"] == "name"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # A name that splits into a dictionary word and characters that are no words
        # there is a name (MSR test text): not 沂 / 蒙 / 山区, 长 / 庆 / 油田.
        ("本报讯地处沂蒙山区的山东省", "沂蒙山区"),
        ("随着长庆油田陕北天然气", "长庆油田"),
    ],
)
def test_a_name_with_a_dictionary_word_inside_stays_whole(sentence, name):
    assert (name, "name") in [(t.text, t.kind) for t in segment(sentence)]


def test_characters_of_a_unit_jieba_made_up_are_parts_not_words():
    # (reporter Mai Tangyuan): jieba's HMM makes 麦棠源 one unit without calling it a
    # name; its characters are no words of their own (麦 "wheat").
    toks = {t.text: t.kind for t in segment("新华社雅加达电(记者麦棠源)印度尼西亚外交部")}
    assert [toks[c] for c in "麦棠源"] == ["part"] * 3


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("这个岛很美。", "美"),  # 很美 is a unit of jieba's: very / beautiful
        ("此举可能违反了美国的法规。", "举"),  # this / act
        ("数十亿元", "元"),  # a quantity's unit
        ("这家餐厅的菜太贵了。", "贵"),  # too / expensive
    ],
)
def test_a_character_beside_a_grammar_word_is_a_word_of_its_own(sentence, word):
    assert {t.text: t.kind for t in segment(sentence)}[word] == "word"


# Units of jieba's dictionary that CC-CEDICT lacks and that are grammar and a word, not
# compounds (Tatoeba, the HSK sentences and a class text, as a teacher found them): split,
# the word in them is a word of its own, not glossed "太 highest, greatest + 重 heavy".
@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("这个箱子太重了。", ["太", "重"]),  # adverb + adjective
        ("这件事真难处理。", ["真", "难"]),
        ("别动！", ["别", "动"]),  # 别 "don't" (jieba: a pronoun) + verb
        ("我该帮你吗？", ["该", "帮"]),
        ("一个星期有七天。", ["七", "天"]),  # a count and its measure word
        ("第八课", ["第", "八", "课"]),  # an ordinal: 课 "lesson" is the word
        ("你们懂吗？", ["懂", "吗"]),  # a verb and its modal particle
    ],
)
def test_grammar_and_a_word_are_split(sentence, words):
    toks = {t.text: t.kind for t in segment(sentence)}
    assert all(toks.get(w) == "word" for w in words), toks


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("正副主任都来了。", "正副"),  # 正 "principal" before a noun is no adverb
        ("为人们说真话。", "真话"),  # 真 "true" before a noun: "the truth"
        ("冷暖不自知的鸣禽。", "自知"),  # an adverb before a verb: often a bound prefix
        ("供应特困企业。", "特困"),  # 特 (Zipf 4.8) is bound in modern words
        ("今年收获颇丰。", "颇丰"),  # 颇 (Zipf 4.6), literary
        ("要牢记八项注意。", "八项注意"),  # a set phrase of four characters
    ],
)
def test_compounds_with_a_function_character_stay_whole(sentence, word):
    assert word in [t.text for t in segment(sentence)]


# Units of jieba's dictionary that CC-CEDICT lacks and that are phrases of content words
# (sentences written for these tests): split, each word in them is a word of its own,
# not one unit glossed "讲 to speak + 故事 old practice".
@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("你可以试试这件衣服。", ["试"]),  # a reduplicated verb
        ("他摇摇头。", ["摇", "摇头"]),
        ("他已经读完了那本书。", ["读", "完"]),  # a verb and its result complement
        ("我们把桌子搬进了教室。", ["搬", "进"]),  # ... its direction complement
        ("对不起，我帮不了你。", ["帮", "不了"]),  # a potential complement
        ("这件事你办得到吗？", ["办", "得到"]),
        ("奶奶每天给我讲故事。", ["讲", "故事"]),  # a verb and its object
    ],
)
def test_a_phrase_of_content_words_is_split(sentence, words):
    toks = {t.text: t.kind for t in segment(sentence)}
    assert all(toks.get(w) == "word" for w in words), toks


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("我们公司购进了一批新设备。", "购进"),  # 购 (no HSK level): bound, literary
        ("我国迈入了新时代。", "迈入"),  # 迈 (HSK 6)
        ("省政府发布了通知。", "省政府"),  # 省 "province", a noun, not "to save"
        ("村里正在治水。", "治水"),  # a one-character verb and noun: often a compound
        ("美国总统明年访华。", "访华"),
        ("医生给他开了止泻药。", "止泻药"),  # 泻药 is no everyday noun: a term
        ("这是一种聚烯烃材料。", "聚烯烃"),
        ("国光苹果很甜。", "国光"),  # 光 "light" after a noun is no complement
        # A verb of several readings keeps its object, whose word reads it (弹 tán, not
        # the lone 弹's dàn "bullet"); 打 dǎ / dá.
        ("她每天弹钢琴。", "弹钢琴"),
        ("我弟弟喜欢打篮球。", "打篮球"),
    ],
)
def test_compounds_of_a_verb_stay_whole(sentence, word):
    assert word in [t.text for t in segment(sentence)]


def test_a_three_character_idiom_of_jiebas_is_split_like_a_phrase():
    # jieba tags 坐船去 (by boat / go) "i"; only its four-character idioms stay whole.
    toks = {t.text: t.kind for t in segment("我们坐船去岛上。")}
    assert "坐船去" not in toks and toks["去"] == toks["船"] == "word"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # jieba tags these names; one character beside a dictionary word reads as
        # words (Tatoeba), unlike the two unknown characters of 沂蒙山区.
        ("我太高兴了。", "太高兴"),
        ("我想喝咖啡。", "喝咖啡"),
        ("谢谢您的帮助。", "谢谢您"),
    ],
)
def test_one_character_beside_a_word_makes_no_name(sentence, word):
    toks = segment(sentence)
    assert all(t.kind != "name" for t in toks), [(t.text, t.kind) for t in toks]


def test_a_brand_whose_first_cedict_row_is_a_variant_is_a_name():
    # 谷歌's first CC-CEDICT row is "variant of 谷歌"; its meaning is "Google, ...".
    assert {t.text: t.kind for t in segment("我用谷歌搜索。")}["谷歌"] == "name"


def test_the_second_opinion_is_bare_jiebas_cut_without_its_hmm():
    # jieba_dictionary_words: bare jieba's own dictionary, no HMM, over the same trie.
    import jieba

    from flashgen.language.segment import jieba_dictionary_words

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    text = (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")
    lines = [ln for f in sorted(text) for ln in f.read_text(encoding="utf-8").splitlines()]
    lines += ["中国的能源需求量预计会翻一番", "总统布特弗利卡提出的草案", "你们能猜出我是谁吗"]
    checked = 0
    for line in lines:
        theirs, at = [], 0
        for w in tokenizer.cut(line, HMM=False):
            if len(w) > 1 and all("\u4e00" <= c <= "\u9fff" for c in w):
                theirs.append((at, at + len(w)))
            at += len(w)
        assert jieba_dictionary_words(line) == theirs, line
        checked += bool(theirs)
    assert checked > 15


@pytest.mark.parametrize(
    ("sentence", "char", "longer"),
    [
        ("中国的能源需求量预计会翻一番", "翻", "翻一番"),
        ("中国的能源需求量预计会翻一番", "番", "翻一番"),
        ("审议了总统布特弗利卡提出的草案", "弗", "弗利"),
        ("小浪底工程截流", "浪", "小浪底"),
        # beside grammar characters, a quantity or itself: a word of its own
        ("把节能放在重要位置", "放", None),
        ("否认这项报道", "项", None),
        ("我国第一枚商品化的标志", "枚", None),
        ("一栋栋摩天大厦", "栋", None),
        ("价格翻了一倍", "翻", None),
        # in a unit the segmenter reads as grammar and a word: a word of its own
        ("这个箱子太重了", "重", None),
        # but not where the rest is no adverb before an adjective (太行, the mountains)
        ("位于太行东麓", "行", "太行"),
        # in a phrase of content words the segmenter splits: a word of its own
        ("他已经读完了那本书", "读", None),
    ],
)
def test_a_character_inside_a_longer_word_of_jiebas(sentence, char, longer):
    from flashgen.language.segment import inside_a_longer_word

    assert inside_a_longer_word(sentence, sentence.index(char)) == longer


def test_the_plural_suffix_goes_onto_the_whole_noun():
    # jieba's path: 老 / 人们 ("old" + "people"); 们 makes a plural of 老人 "old people".
    assert [t.text for t in segment("老人们活在世上")][:2] == ["老人", "们"]
    assert [t.text for t in segment("年轻人们")] == ["年轻人", "们"]
    # After a verb or preposition 人们 is the object: 令 / 人们, 为 / 人们 (令人 and 为人
    # are words, but not here).
    assert [t.text for t in segment("令人们")] == ["令", "人们"]
    assert [t.text for t in segment("为人们服务")][:2] == ["为", "人们"]


def test_short_words_traditional_form_is_opencc_s_once_kept():
    # Words of up to 8 characters are converted once and kept: the kept answer must be
    # OpenCC's, for a word asked again as for a long text.
    import opencc

    from flashgen.text.script import to_traditional

    s2t = opencc.OpenCC("s2t")
    words = ["发", "头发", "理发店", "里面", "干部", "后来", "一目了然", "为了"]
    words += [ln[:n] for ln in SAMPLE.read_text(encoding="utf-8").splitlines() for n in (9, 40)]
    for word in words * 2:
        assert to_traditional(word) == s2t.convert(word), word


def test_a_han_word_is_converted_as_opencc_s2t_does():
    # Words of Han characters are converted by flashgen's own reading of OpenCC's s2t
    # dictionaries (its Python parse tree was slow): the same as OpenCC on one CC-CEDICT
    # headword in five, and on words made to hold several of its phrases, overlapping
    # (the longest, then the leftmost, wins) or side by side.
    import opencc

    from flashgen.resources.cedict import load_cedict
    from flashgen.text import script

    s2t = opencc.OpenCC("s2t")
    phrases, _ = script._s2t_tables()
    words = [w for w in load_cedict().headwords() if len(w) <= 8][::5]
    with_phrase = [
        w
        for w in words
        if any(w[i:j] in phrases for i in range(len(w)) for j in range(i + 2, len(w) + 1))
    ]
    assert len(with_phrase) > 2_000 and len(words) - len(with_phrase) > 10_000
    made = [a + b for a, b in zip(with_phrase[::7], with_phrase[3::7], strict=False)]
    made += ["干面包发", "里面干", "头发干了", "一目了然后面", "后面包"]
    for word in words + made:
        assert script._word_traditional.__wrapped__(word) == s2t.convert(word), word


def test_the_unit_jiebas_hmm_makes_up_is_bare_jiebas_own():
    # Every unit of two or more characters that bare jieba's default cut (HMM on)
    # makes and its dictionary lacks is found, and nothing else, in each run of Han
    # characters of the sample article.
    import re

    import jieba

    from flashgen.language.segment import jieba_dictionary_words, jieba_guessed_unit

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    sample = (Path(__file__).parent.parent / "seeds").glob("*.txt")
    runs = [r for path in sample for r in re.findall("[\u4e00-\u9fff]{4,}", path.read_text())]
    assert len(runs) > 50
    found = 0
    for run in runs:
        made = {}
        at = 0
        dictionary = set(jieba_dictionary_words(run))
        for word in tokenizer.cut(run, HMM=True):
            if len(word) > 1 and (at, at + len(word)) not in dictionary:
                made.update(dict.fromkeys(range(at, at + len(word)), word))
            at += len(word)
        for i in range(len(run)):
            assert jieba_guessed_unit(run, i) == made.get(i), (run, i)
        found += len(made)
    assert found > 5


def test_the_word_hmm_cuts_as_jiebas_own():
    # flashgen.language.wordhmm is jieba.finalseg's cut over its cached tables: the
    # same words on every Han run of the sample article, and on made-up runs.
    import re

    from jieba import finalseg

    from flashgen.language.wordhmm import hmm_words

    sample = (Path(__file__).parent.parent / "seeds").glob("*.txt")
    runs = [r for path in sample for r in re.findall("[\u4e00-\u9fff]+", path.read_text())]
    runs += ["挥锨装煤", "基本已满", "㐀龙", "盐川正十郎近日"]
    for run in runs:
        assert hmm_words(run) == tuple(finalseg.cut(run)), run
