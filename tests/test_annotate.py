"""The language core on the sample article (golden facts), odd input, and the CLI shape."""

from __future__ import annotations

import json
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from flashgen.cli import main
from flashgen.compiled import from_source
from flashgen.datatypes import (
    AnnotatedSentence,
    AnnotatedToken,
    Document,
    Link,
    Paragraph,
    SentencePair,
)
from flashgen.language.annotate import (
    annotate_document,
    annotate_sentence,
    sentence_pairs,
)
from flashgen.language.gloss import gloss_for
from flashgen.language.pinyin import display_pinyin
from flashgen.output.records import sentence_record
from flashgen.text.read import read_document
from flashgen.text.script import han_count, standard_traditional

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


@cache
def sample() -> tuple[AnnotatedSentence, ...]:
    return tuple(annotate_document(read_document(SAMPLE)))


def find(text: str, inside: str = "") -> tuple[AnnotatedToken, AnnotatedSentence]:
    for s in sample():
        if inside in s.zh:
            for t in s.tokens:
                if t.text == text:
                    return t, s
    raise AssertionError(f"{text} not found")


def record(text: str, inside: str = "") -> dict:
    tok, s = find(text, inside)
    [rec] = [t for t in sentence_record(s)["tokens"] if t["start"] == tok.start]
    return rec


def test_nvidia():
    r = record("英伟达")
    assert r["pinyin"] == "Yīngwěidá"
    assert r["pinyin_numbered"] == "ying1 wei3 da2"
    assert r["gloss"].startswith("NVIDIA")
    assert r["traditional"] == "英偉達"


def test_lobbying():
    r = record("游说")
    assert r["pinyin"] == "yóushuì" and r["pinyin_spaced"] == "yóu shuì"
    assert r["gloss"].startswith("to lobby")
    assert r["en_match"]["text"] == "lobbying" and r["en_match"]["sense"] == "to lobby"


def test_vital_is_one_token_with_its_gloss():
    r = record("至关重要", "未来")
    assert r["kind"] in ("word", "idiom")
    assert "vital" in r["gloss"] or "important" in r["gloss"]


def test_names():
    assert record("黄仁勋")["kind"] == "name"
    sacks = record("戴维·萨克斯")
    assert sacks["kind"] == "name"
    assert "saxophone" not in (sacks["gloss"] or "")


def test_polyphones_in_context():
    assert record("重申")["pinyin"] == "chóngshēn"
    assert record("还", "他还呼吁")["pinyin_numbered"] == "hai2"
    assert record("还", "他还呼吁")["gloss"].split("; ")[0] in ("also", "still")


def test_every_sample_sentence_has_its_own_english_sentence():
    sentences = sample()
    assert len(sentences) == 32
    assert all(s.en_scope == "sentence" for s in sentences)
    first = sentences[0]
    assert first.en is not None and first.en.startswith("Three months after")


def test_tokens_cover_each_sentence_and_pinyin_has_one_syllable_per_han():
    for s in sample():
        assert "".join(t.text for t in s.tokens) == s.zh
        for t in s.tokens:
            assert s.zh[t.start : t.end] == t.text
            assert len(t.syllables) == han_count(t.text)


def test_traditional_text_gives_the_same_readings_and_glosses():
    simp = annotate_sentence(SentencePair(0, 0, "黄仁勋一直在游说华盛顿政界。", None, None, None))
    trad = annotate_sentence(SentencePair(0, 0, "黃仁勳一直在遊說華盛頓政界。", None, None, None))
    for a, b in zip(simp.tokens, trad.tokens, strict=True):
        assert a.syllables == b.syllables
        assert (a.gloss and a.gloss.senses) == (b.gloss and b.gloss.senses)
        assert b.simplified == a.text
    lobby = next(t for t in trad.tokens if t.simplified == "游说")
    assert lobby.text == "遊說" and lobby.traditional == "遊說"


@pytest.mark.parametrize(
    "odd",
    [
        "😀芯片很重要🚀。",
        "𠀀𠀁是扩展B。",
        "１２３ＡＢＣ芯片。",
        "芯\u200b片。",
        "H20和DeepSeek。",
        "。。。",
    ],
)
def test_odd_sentences_never_crash(odd):
    s = annotate_sentence(SentencePair(0, 0, odd, None, None, None))
    assert "".join(t.text for t in s.tokens) == odd
    assert all(len(t.syllables) == han_count(t.text) for t in s.tokens)


ODD_ALPHABET = st.sampled_from(list("的了还行重长着地得英伟达芯片·，。 1A😀𠀀"))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=ODD_ALPHABET, max_size=30))
def test_one_syllable_per_han_character(sentence):
    s = annotate_sentence(SentencePair(0, 0, sentence, "It is the chip.", "sentence", 1.0))
    assert all(len(t.syllables) == han_count(t.text) for t in s.tokens)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=100), err_console=Console(file=err, width=100)
    )
    return code, out.getvalue(), err.getvalue()


def test_annotate_jsonl_shape(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(
        "他还呼吁政府取消限制。\nHe also urged the government to lift the limits.\n"
        "这段没有英文。\n",
        encoding="utf-8",
    )
    code, out, err = run("annotate", str(f))
    assert code == 0, err
    lines = [json.loads(x) for x in out.splitlines()]
    assert set(lines[0]) == {
        "file",
        "paragraph",
        "sentence",
        "zh",
        "en",
        "en_scope",
        "align_score",
        "tokens",
    }
    assert lines[0]["en"].startswith("He also urged")
    assert lines[-1]["en"] is None and lines[-1]["en_scope"] is None  # no partner
    tok = lines[0]["tokens"][0]
    assert {
        "text",
        "start",
        "end",
        "kind",
        "pinyin",
        "pinyin_numbered",
        "gloss",
        "hsk",
        "traditional",
        "en_match",
    } <= set(tok)


def test_annotate_tsv_has_one_row_per_word(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("芯片很重要。芯片很贵。\n", encoding="utf-8")
    code, out, _ = run("annotate", "--format", "tsv", str(f))
    assert code == 0
    rows = out.splitlines()
    assert rows[0].startswith("word\ttraditional\tpinyin")
    chip = [r for r in rows if r.startswith("芯片\t")]
    assert len(chip) == 1 and "\t2\t" in chip[0]


def test_empty_and_binary_files_give_one_line_naming_the_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run("annotate", str(empty))
    assert code == 1 and out == ""
    assert "empty.txt" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_idioms_keep_cedict_glosses_or_fall_back_to_the_list():
    pair = SentencePair(0, 0, "他做事一丝不苟，这无异于阿党比周。", None, None, None)
    s = annotate_sentence(pair)
    by_text = {t.text: t for t in s.tokens}
    careful = by_text["一丝不苟"]
    assert careful.kind == "idiom" and careful.gloss is not None
    assert careful.gloss.source == "cedict" and "meticulous" in careful.gloss.text
    assert "(idiom)" not in careful.gloss.text
    listed = by_text["阿党比周"]
    assert listed.kind == "idiom" and listed.gloss is not None
    assert listed.gloss.source == "idiom-list"
    assert listed.syllables == ("e1", "dang3", "bi3", "zhou1")  # the list's reading
    assert listed.gloss.senses[0].startswith("指相互勾结")  # the list's explanation
    assert len(listed.gloss.senses) == 1  # no character-by-character gloss


def test_idiom_readings_come_from_the_table_as_pypinyin_converts_them():
    """Every idiom agreed when the table was written; a sample here."""
    from pypinyin.contrib.tone_convert import to_tone3

    from flashgen.datatypes import Idiom
    from flashgen.resources.idioms import idiom_syllables, load_idioms

    def by_pypinyin(pinyin: str) -> tuple[str, ...]:
        # dǎng -> dang3, neutral tone 5, ü kept as v (CC-CEDICT's numbered form)
        return tuple(
            to_tone3(s, neutral_tone_with_five=True, v_to_u=False).lower() for s in pinyin.split()
        )

    listed = load_idioms().listed
    for word in list(listed)[::301]:
        assert idiom_syllables(listed[word]) == by_pypinyin(listed[word].pinyin), word
    # A syllable the list does not have is converted by pypinyin all the same.
    odd = Idiom("阿呣", "ē ḿ", "")
    assert idiom_syllables(odd) == by_pypinyin(odd.pinyin) == ("e1", "m2")
    assert idiom_syllables(Idiom("阿党比", "ē dǎng", "")) is None


@pytest.mark.parametrize("idiom", ["半途而废", "大吃一惊", "一丝不苟", "画蛇添足", "守株待兔"])
@pytest.mark.parametrize(("before", "after"), [("他", "了。"), ("这是", "的事"), ("说", "")])
def test_an_idiom_is_never_split(idiom, before, after):
    s = annotate_sentence(SentencePair(0, 0, before + idiom + after, None, None, None))
    assert idiom in [t.text for t in s.tokens if t.kind == "idiom"]


def test_the_english_translation_decides_between_a_words_readings():
    # 告诉 gàosu "to tell" vs gàosù "to press charges": the English says "tell".
    pair = SentencePair(
        0,
        0,
        "你可以告诉我如何到火车站吗？",
        "Can you tell me how to get to the train station?",
        "sentence",
        1.0,
    )
    tell = next(t for t in annotate_sentence(pair).tokens if t.text == "告诉")
    assert tell.syllables == ("gao4", "su5")
    assert tell.gloss is not None and tell.gloss.senses[0] == "to tell"
    assert tell.en_match is not None and tell.en_match.text == "tell"


@pytest.mark.parametrize(
    ("zh", "en", "word", "reading"),
    [
        # 吗 má "what?" and 那 nǎ "how" are senses of other readings, but a particle or
        # a pronoun is not what the English translates
        ("这是你要的吗？", "Is this what you want?", "吗", ("ma5",)),
        ("那你呢？", "How about you?", "那", ("na4",)),
        # a content word still takes the reading its English names
        ("我在家里待着。", "I'm staying home.", "待", ("dai1",)),
    ],
)
def test_the_english_does_not_switch_a_particle_or_a_function_word(zh, en, word, reading):
    pair = SentencePair(0, 0, zh, en, "sentence", 1.0)
    token = next(t for t in annotate_sentence(pair).tokens if t.text == word)
    assert token.syllables == reading


@pytest.mark.parametrize(
    ("zh", "en", "word", "reading"),
    [
        # A grammar word (还, 中: Zipf >= 6) whose other reading's content sense the
        # English holds takes that reading: g2pM reads hái and zhōng here.
        ("我要还书。", "I want to return the book.", "还", ("huan2",)),
        ("明天我还你钱。", "I will pay you back tomorrow.", "还", ("huan2",)),
        ("他中了大奖。", "He won the big prize.", "中", ("zhong4",)),
        # Not where its own reading's sense is there, nor without that content sense.
        ("他还在这儿。", "He is still here.", "还", ("hai2",)),
        ("我还要一杯咖啡。", "I want another cup of coffee.", "还", ("hai2",)),
        ("你累吗？", "Are you tired?", "吗", ("ma5",)),
        # "used in 自个儿" (个 gě) points to a word: "used to" is no translation of it.
        ("他曾经是一个好学生。", "He used to be a good student.", "个", ("ge4",)),
    ],
)
def test_the_english_switches_a_grammar_word_only_through_a_content_sense(zh, en, word, reading):
    token = next(
        t
        for t in annotate_sentence(SentencePair(0, 0, zh, en, "sentence", 1.0)).tokens
        if t.text == word
    )
    assert token.syllables == reading


def test_without_its_english_a_grammar_word_keeps_the_reading_read_from_the_chinese():
    # The counterpart of the case above: the English is the only evidence for huán.
    token = next(
        t
        for t in annotate_sentence(SentencePair(0, 0, "我要还书。", None, None, None)).tokens
        if t.text == "还"
    )
    assert token.syllables == ("hai2",)


def test_a_grammar_word_switches_through_a_content_word_of_english_only():
    from flashgen.datatypes import EnglishMatch
    from flashgen.language.annotate import _content_match

    assert _content_match(EnglishMatch(0, 6, "return", "to return"))
    assert _content_match(EnglishMatch(0, 12, "pay you back", "to pay back"))
    # Function words of English alone are no evidence ("have to" for 得 děi)...
    assert not _content_match(EnglishMatch(0, 7, "have to", "to have to"))
    # ...nor a sense that only points to a word.
    assert not _content_match(EnglishMatch(0, 4, "used", "used in 自个儿"))


def test_one_english_span_goes_to_the_word_whose_primary_sense_it_is():
    pair = SentencePair(
        0,
        0,
        "汤姆还是喝，但不像以前那么多了。",
        "Tom still drinks, but not as much as he used to.",
        "sentence",
        1.0,
    )
    by_text = {t.text: t for t in annotate_sentence(pair).tokens}
    assert by_text["还是"].en_match is not None and by_text["还是"].en_match.text == "still"
    assert by_text["但"].en_match is None  # "still" is only its fifth sense


def test_senses_packed_into_one_cedict_sense_are_split():
    gloss, _ = gloss_for("告诉", ("gao4", "su5"), "word")
    assert gloss is not None and gloss.senses[:2] == ("to tell", "to inform")


def test_name_pinyin_follows_the_orthography_rules():
    s = annotate_sentence(SentencePair(0, 0, "黄仁勋和特朗普见了戴维·萨克斯。", None, None, None))
    shown = {t.text: display_pinyin(t) for t in s.tokens if t.kind == "name"}
    assert shown == {"黄仁勋": "Huáng Rénxūn", "特朗普": "Tèlǎngpǔ", "戴维·萨克斯": "Dàiwéi·Sàkèsī"}


def test_the_sample_in_traditional_characters_gives_the_same_annotation(tmp_path):
    import re

    from flashgen.text.script import to_traditional

    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    trad = tmp_path / "trad.txt"
    trad.write_text(
        "\n".join(to_traditional(ln) if re.search("[\u4e00-\u9fff]", ln) else ln for ln in lines),
        encoding="utf-8",
    )
    annotated = annotate_document(read_document(trad))
    assert len(annotated) == len(sample())
    for simp, tr in zip(sample(), annotated, strict=True):
        assert [
            (t.start, t.end, t.kind, t.syllables, t.gloss, t.en_match) for t in simp.tokens
        ] == [(t.start, t.end, t.kind, t.syllables, t.gloss, t.en_match) for t in tr.tokens]
        assert [t.text for t in simp.tokens] == [t.simplified for t in tr.tokens]
    nvidia = next(t for s in annotated for t in s.tokens if t.simplified == "英伟达")
    assert nvidia.text == "英偉達" and nvidia.traditional == "英偉達"


# --- no English rather than wrong English ---------------------------------------
def with_links(links: list[Link]) -> Any:
    """The annotate module with the aligner's verdict fixed: a copy run from its source
    (the module itself may be compiled, and compiled code calls align_sentences directly,
    not through the module's namespace)."""
    annotate = from_source("flashgen.language.annotate")
    annotate.align_sentences = lambda zh, en: links
    return annotate


def test_a_doubtful_link_gives_no_english_and_says_why():
    # The aligner's verdict, fixed: the first sentence's link is trusted, the other two
    # share a doubtful one.  Neither gets the paragraph's English (nor its neighbour's).
    annotate = with_links([Link((0,), (0,), 0.93), Link((1, 2), (1,), 0.41)])
    para = Paragraph(
        0, "我们走吧。天气很好。他很高兴。", "Let's go. The weather is fine and he is happy."
    )
    got = list(annotate.sentence_pairs(Document(Path("t.txt"), None, (para,))))
    assert [(p.zh, p.en, p.en_scope, p.align_score) for p in got] == [
        ("我们走吧。", "Let's go.", "sentence", 0.93),
        ("天气很好。", None, "doubtful", 0.41),
        ("他很高兴。", None, "doubtful", 0.41),
    ]


def test_a_chinese_sentence_the_aligner_leaves_unlinked_gets_no_english():
    annotate = with_links([Link((0,), (0,), 0.99), Link((1,), (), 0.0)])
    para = Paragraph(0, "我们走吧。（记者 张明）", "Let's go.")
    got = list(annotate.sentence_pairs(Document(Path("t.txt"), None, (para,))))
    assert [(p.en, p.en_scope) for p in got] == [("Let's go.", "sentence"), (None, "doubtful")]


def pairs_of(*paragraphs: tuple[str, str]) -> list[tuple[str, str | None, str | None]]:
    """(Chinese, English, scope) of each sentence of a text made of these paragraph pairs."""
    doc = Document(
        Path("t.txt"), None, tuple(Paragraph(i, zh, en) for i, (zh, en) in enumerate(paragraphs))
    )
    return [(p.zh, p.en, p.en_scope) for p in sentence_pairs(doc)]


WEATHER = "天气很好。他很高兴。我们走吧。"
TRUMP = "President Trump said on Tuesday that tariffs on imported steel would rise next year."


def test_a_paragraph_whose_english_is_about_something_else_gets_none():
    # The aligner is sure of the 3-1 link (there is no other way to align one English
    # sentence), but nothing in it is a translation of the Chinese.
    got = sentence_pairs(Document(Path("t.txt"), None, (Paragraph(0, WEATHER, TRUMP),)))
    assert [(p.en, p.en_scope) for p in got] == [(None, "unsupported")] * 3
    # ... and the reason is visible: the aligner's own score was high.
    assert all(p.align_score >= 0.9 for p in got)


def test_a_mismatched_paragraph_between_good_ones_still_gets_none():
    # Good neighbours excuse only a short 1-1 pair, not a 3-1 link without anchors (even
    # one whose English is short enough to pass for a translation of a short sentence).
    got = pairs_of(
        ("你在私立学校读书吗？", "Do you study at a private school?"),
        (WEATHER, "Trump said tariffs will rise."),
        ("经验是最好的老师。", "Experience is the best teacher."),
    )
    assert [en for _, en, _ in got] == [
        "Do you study at a private school?",
        None,
        None,
        None,
        "Experience is the best teacher.",
    ]


def test_a_genuine_two_to_one_keeps_its_english():
    # got up / eight, ate / breakfast: both Chinese sentences are covered by the English.
    got = pairs_of(
        (
            "他八点起床。然后他吃了早饭。我们一起去学校。",
            "He got up at eight and then ate breakfast. We went to school together.",
        )
    )
    both = "He got up at eight and then ate breakfast."
    assert got == [
        ("他八点起床。", both, "sentence"),
        ("然后他吃了早饭。", both, "sentence"),
        ("我们一起去学校。", "We went to school together.", "sentence"),
    ]


LUCKY = ("我运气很好。", "I'm lucky.")  # no dictionary word of one is in the other


def test_a_short_lesson_line_without_anchors_is_trusted_beside_supported_lines():
    got = pairs_of(
        ("你在私立学校读书吗？", "Do you study at a private school?"),
        LUCKY,
        ("经验是最好的老师。", "Experience is the best teacher."),
    )
    assert got[1] == ("我运气很好。", "I'm lucky.", "sentence")


def test_a_short_line_without_anchors_and_no_supported_neighbour_gets_none():
    assert pairs_of(LUCKY) == [("我运气很好。", None, "unsupported")]
    # Nor when the lengths are implausible for a translation of it.
    got = pairs_of(
        ("你在私立学校读书吗？", "Do you study at a private school?"),
        ("我运气很好。", "I'm lucky, and everyone who has ever met me will tell you so."),
    )
    assert got[1][1:] == (None, "unsupported")


def test_annotating_judges_each_link_as_sentence_pairs_does(tmp_path):
    # iter_annotated decides a sure one-sentence link after segmenting it (a word of it
    # anchoring the English is enough, see annotate._pairs), sentence_pairs before: the
    # verdicts must be the same, for links a word anchors, links only a single character,
    # a number or a name anchors, unsupported links and the short ones good neighbours
    # excuse.
    paragraphs = [
        ("你在私立学校读书吗？", "Do you study at a private school?"),  # 学校 / school
        ("他买了3本书。", "He bought 3 books."),  # 书 / book: a single character
        ("我三岁。", "3."),  # only the number
        ("棠源来了。", "Tangyuan."),  # only the pinyin name
        ("天气很好。", TRUMP),  # sure, nothing shared: unsupported
        LUCKY,  # nothing shared, excused by its neighbours
        ("经验是最好的老师。", "Experience is the best teacher."),
        ("天气很好。", TRUMP),
        LUCKY,  # nothing shared, neither neighbour supported
        ("天气很好。", TRUMP),
        (WEATHER, "The weather is fine and he is happy. Let's go."),
    ]
    doc = Document(
        Path("t.txt"), None, tuple(Paragraph(i, zh, en) for i, (zh, en) in enumerate(paragraphs))
    )
    annotated = [(s.zh, s.en, s.en_scope, s.align_score) for s in annotate_document(doc)]
    paired = [(p.zh, p.en, p.en_scope, p.align_score) for p in sentence_pairs(doc)]
    assert annotated == paired
    scopes = [scope for _, _, scope, _ in paired]
    assert (
        scopes[:10]
        == ["sentence"] * 4 + ["unsupported", "sentence", "sentence"] + ["unsupported"] * 3
    )
    # And on the sample article and a lesson with a bilingual heading.
    lesson = tmp_path / "lesson.md"
    lesson.write_text(
        "## 对话 Dialogue\n\n" + "".join(f"{en}\n{zh}\n\n" for zh, en in paragraphs[:10]),
        encoding="utf-8",
    )
    for d in (read_document(SAMPLE), read_document(lesson)):
        assert [(s.en, s.en_scope) for s in annotate_document(d)] == [
            (p.en, p.en_scope) for p in sentence_pairs(d)
        ]


def test_class_lesson_with_a_bilingual_heading_gives_each_sentence_its_own_english(tmp_path):
    # The layout that gave every sentence its neighbour's English.
    f = tmp_path / "lesson.md"
    f.write_text(
        "## 对话 Dialogue\n"
        "Do you study at a private school?\n"
        "你在私立学校读书吗？\n"
        "Experience is the best teacher.\n"
        "经验是最好的老师。\n",
        encoding="utf-8",
    )
    got = [(p.zh, p.en, p.en_scope) for p in sentence_pairs(read_document(f))]
    assert got == [
        ("对话", "Dialogue", "sentence"),
        ("你在私立学校读书吗？", "Do you study at a private school?", "sentence"),
        ("经验是最好的老师。", "Experience is the best teacher.", "sentence"),
    ]


SAMPLE_PAIRS = Path(__file__).parent / "golden" / "sample_pairs.txt"


def test_the_sample_pairs_every_sentence_with_its_own_english_as_checked_by_hand():
    blocks = SAMPLE_PAIRS.read_text(encoding="utf-8").split("\n\n")
    gold = [tuple(b.splitlines()) for b in blocks if not b.startswith("#")]
    got = [(p.zh, p.en) for p in sentence_pairs(read_document(SAMPLE))]
    assert [zh for zh, _ in got] == [zh for zh, _ in gold]
    wrong = [i for i, (g, w) in enumerate(zip(got, gold, strict=True)) if g != w]
    # 9 and 10 ("…that power A.I. Nvidia was slated…") are right only because the
    # translation decides that "A.I." ends a sentence there.
    assert wrong == []


def test_the_translation_decides_whether_a_dotted_acronym_ends_a_sentence():
    # Two Chinese sentences for "…A.I. Nvidia…": the split after A.I. fits them.
    para = Paragraph(
        0,
        "这些芯片运行人工智能。英伟达预计明年会卖出更多。",
        "The chips run A.I. Nvidia expects to sell more of them next year.",
    )
    doc = Document(Path("t.txt"), None, (para,))
    assert [p.en for p in sentence_pairs(doc)] == [
        "The chips run A.I.",
        "Nvidia expects to sell more of them next year.",
    ]
    # One Chinese sentence for "…the U.S. Senate…": no split.
    para = Paragraph(
        0, "美国参议院周一通过了该法案。", "The bill was passed by the U.S. Senate on Monday."
    )
    doc = Document(Path("t.txt"), None, (para,))
    assert [p.en for p in sentence_pairs(doc)] == [
        "The bill was passed by the U.S. Senate on Monday."
    ]


# Each of these characters has a CC-CEDICT row that only says "(old) variant of" it, which
# came first and was shown as the word's traditional form (留 -> 㽞).  Sentences written
# for the test; the character is a word of its own in each.
@pytest.mark.parametrize(
    ("zh", "word", "traditional"),
    [
        ("他把书留在家里。", "留", "留"),
        ("我们坐船去岛上。", "岛", "島"),
        ("他想去，却没有时间。", "却", "卻"),
        ("这个词很难。", "词", "詞"),
        ("他以我为榜样。", "以", "以"),
        ("他跑得最快。", "最", "最"),
        ("他的胸很疼。", "胸", "胸"),
        ("草里有一条蛇。", "蛇", "蛇"),
        ("据他说，明天下雨。", "据", "據"),
        ("这是法的精神。", "法", "法"),
        ("尔等速来。", "尔", "爾"),
        ("她的裙很短。", "裙", "裙"),  # 红裙 is a word of jieba's, kept whole
        ("他视我为朋友。", "视", "視"),
        ("他家很大。", "家", "家"),
    ],
)
def test_the_traditional_form_is_never_a_variant_only_row(zh, word, traditional):
    s = annotate_sentence(SentencePair(0, 0, zh, None, None, None))
    found = [t.traditional for t in s.tokens if t.simplified == word]
    assert found, [t.text for t in s.tokens]
    assert set(found) == {traditional}


def test_the_traditional_form_of_a_word_follows_opencc_where_cedict_picks_a_rare_one():
    # CC-CEDICT writes 冲向 as 衝嚮; 嚮 is 向 only in 嚮往, 嚮導 (OpenCC: 衝向).
    s = annotate_sentence(SentencePair(0, 0, "他冲向门口。", None, None, None))
    assert next(t.traditional for t in s.tokens if t.text == "冲向") == "衝向"


def test_the_reading_still_picks_the_traditional_character():
    # 头发 "hair": 髮, not the 發 of 发现; 台 a platform, 系 a department.
    s = annotate_sentence(SentencePair(0, 0, "她的头发很长。", None, None, None))
    assert next(t.traditional for t in s.tokens if t.text == "头发") == "頭髮"
    assert standard_traditional("发", "髮") == "髮"  # fà, a row chosen by its reading
    assert standard_traditional("留", "㽞") == "留"  # not a character OpenCC knows for 留
    assert standard_traditional("认为", "認為") == "認為"  # Taiwan's standard, kept
    assert standard_traditional("香几", "香几") == "香几"  # the simplified character itself


def test_fanghua_is_one_word_meaning_visit_china():
    # Once a known failure: 访华 was cut into 访 / 华, and 华 glossed "magnificent".
    s = annotate_sentence(
        SentencePair(
            0,
            0,
            "法国总统明年将访华。",
            "The French president will visit China next year.",
            "sentence",
            1.0,
        )
    )
    token = next(t for t in s.tokens if t.text == "访华")
    assert token.gloss is not None and token.gloss.source == "parts"
    assert "华 China" in token.gloss.senses[0]


@pytest.mark.parametrize(
    ("zh", "en", "word", "reading"),
    [
        # the translation table links 难 to "hard" whatever its reading; "hard" is a
        # synonym of nán "difficult", not of nàn "disaster"
        ("这道数学题有点儿难。", "This math problem is a bit hard.", "难", ("nan2",)),
        ("她把钥匙藏起来了。", "She hid the keys.", "藏", ("cang2",)),
        # the word's own reading names the span: 削 xiāo "to peel with a knife" stays,
        # though "peel" is also a synonym of xuē "to pare"
        ("你帮我削一下这个土豆。", "Please peel this potato for me.", "削", ("xiao1",)),
    ],
)
def test_a_span_the_table_linked_chooses_the_reading_it_is_a_synonym_of(zh, en, word, reading):
    pair = SentencePair(0, 0, zh, en, "sentence", 1.0)
    token = next(t for t in annotate_sentence(pair).tokens if t.text == word)
    assert token.syllables == reading
    assert token.en_match is not None
