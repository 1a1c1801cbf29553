"""Glosses: the entry of the chosen reading, cleaned; English matching."""

from __future__ import annotations

from flashgen.datatypes import DictEntry
from flashgen.language.english import EnglishWords, english_words, match_english
from flashgen.language.gloss import clean, gloss_for, reading_key
from flashgen.resources.cedict import load_cedict, parse_cedict


def test_parse_keeps_every_reading():
    cedict = load_cedict()
    assert {e.pinyin for e in cedict.lookup("行")} >= {"hang2", "xing2"}
    assert {e.pinyin for e in cedict.lookup("还")} >= {"hai2", "huan2"}


def test_gloss_follows_the_reading():
    hai, _ = gloss_for("还", ("hai2",), "word")
    huan, _ = gloss_for("还", ("huan2",), "word")
    assert hai is not None and huan is not None
    assert "still" in hai.text and "still" not in huan.text
    assert "to return" in huan.text or "to pay back" in huan.text


def test_classifiers_go_to_their_own_field_and_xrefs_are_cleaned():
    [entry] = parse_cedict(["問題 问题 [wen4 ti2] /question/problem/CL:個|个[ge4]/"])
    gloss = clean([entry])
    assert gloss is not None
    assert gloss.senses == ("question", "problem")
    assert gloss.classifiers == ("个[ge4]",)


def test_variant_surname_and_old_senses_go_last_or_are_dropped():
    entries = parse_cedict(["X X [x1] /surname X/(old) a thing/variant of 甲[jia3]/to run/"])
    gloss = clean(entries)
    assert gloss is not None and gloss.senses[0] == "to run"
    only = clean(parse_cedict(["Y Y [y1] /surname Y/"]))
    assert only is not None and only.senses == ("surname Y",)


def test_a_label_holds_for_every_meaning_of_its_sense():
    # CC-CEDICT labels a sense once: "(literary) but; however" is literary throughout, so
    # 第 does not show "however" as an ordinary meaning.
    entries = parse_cedict(
        ["第 第 [di4] /(prefix indicating ordinal number)/(literary) but; however/(old) a; b/"]
    )
    gloss = clean(entries)
    assert gloss is not None and gloss.senses == ("(prefix indicating ordinal number)",)
    only = clean(parse_cedict(["Z Z [z1] /(literary) but; however/"]))
    assert only is not None and only.senses == ("(literary) but", "(literary) however")
    # A meaning with its own label keeps it (and is no literary one); a bracket that is no
    # register label is not spread ("d" stays an ordinary meaning).
    kept = clean(parse_cedict(["Q Q [q1] /(literary) a; (coll.) b/(of sb) c; d/"]))
    assert kept is not None and kept.senses == ("(coll.) b", "(of sb) c", "d")


def test_a_part_of_a_compound_shows_no_literary_meaning_as_ordinary():
    # 第八课 was carded "第 (prefix ...), however + 八 + 课"; the literary senses of 第
    # are no meaning of the part.
    from flashgen.language.gloss import parts_gloss

    gloss = parts_gloss(["第", "八", "课"], ["di4", "ba1", "ke4"])
    assert gloss is not None and "however" not in gloss.senses[0]
    assert gloss.senses[0].startswith("第 (prefix indicating ordinal number")


def test_reading_key_normalises_case_and_umlaut():
    assert reading_key("Ying1 wei3 da2") == ("ying1", "wei3", "da2")
    assert reading_key("lu:4") == ("lv4",)
    assert reading_key(("Lu:4", "O", "K", "·", "r")) == ("lv4", "o5", "k5", "r5")


def test_senses_split_only_outside_brackets():
    def senses(raw: str) -> list[str]:  # of a CC-CEDICT line with that one sense
        gloss = clean([DictEntry("告诉", "告诉", "gao4 su5", (raw,))])
        return list(gloss.senses) if gloss else []

    assert senses(" to tell ") == ["to tell"]
    assert senses("to tell; to inform;") == ["to tell", "to inform"]
    assert senses("a (b; c); d") == ["a (b; c)", "d"]
    assert senses("a [b; c]; d") == ["a [b; c]", "d"]
    # A lone closing bracket leaves the depth below zero: no split after it.
    assert senses("a); b") == ["a); b"]
    assert senses("   ") == []


def test_nvidia_gloss():
    gloss, entry = gloss_for("英伟达", ("ying1", "wei3", "da2"), "name")
    assert gloss is not None and gloss.senses[0].startswith("NVIDIA")
    assert entry is not None and entry.traditional == "英偉達"


def test_english_match_with_stemming():
    en = english_words("Mr. Huang has spent months lobbying politicians across Washington.")
    m = match_english(["to lobby", "to campaign"], en)
    assert m is not None and m.text == "lobbying" and m.sense == "to lobby"
    chips = english_words("restart purchases of Nvidia's chips")
    m2 = match_english(["chip", "microchip"], chips)
    assert m2 is not None and m2.text == "chips"


def test_english_match_prefers_the_longer_phrase_and_ignores_function_words():
    en = english_words("the race to develop artificial intelligence")
    m = match_english(["artificial intelligence", "AI"], en)
    assert m is not None and m.text == "artificial intelligence"
    assert match_english(["of", "to"], en) is None


def test_a_word_that_is_only_a_variant_shows_the_meaning_of_its_standard_form():
    gloss, _ = gloss_for("纪录", ("ji4", "lu4"), "word")
    assert gloss is not None
    assert gloss.senses[0].startswith("record") or "record" in gloss.senses[0]
    assert gloss.senses[-1].startswith("variant of")


def test_a_sense_that_only_spells_the_pinyin_is_dropped():
    gloss, _ = gloss_for("关系", ("guan1", "xi5"), "word")
    assert gloss is not None and "guanxi" not in gloss.senses and "relation" in gloss.senses


def test_english_match_wants_a_whole_sense_and_keeps_sense_order():
    en = english_words("He sold the chips and the boards.")
    assert match_english(["computer chip", "circuit board"], en) is None  # no whole sense
    # The earlier of two whole senses with as many words wins, wherever they stand.
    m = match_english(["to sell", "to betray"], english_words("They betrayed and sold us."))
    assert m is not None and m.sense == "to sell"


def test_english_words_made_directly_can_be_matched():
    en = english_words("Chips.")
    again = EnglishWords(en.text, en.spans, en.stems, frozenset(en.stems))
    assert again == en and again.stem_set == {"chip"}
    assert match_english(["chip"], again) == match_english(["chip"], en)


def test_an_idiom_only_the_list_has_shows_its_explanation_and_no_character_glosses():
    from flashgen.datatypes import SentencePair
    from flashgen.language.annotate import annotate_sentence

    for zh, idiom in [("他们大肆挥霍公款。", "大肆挥霍"), ("这个人野心勃勃。", "野心勃勃")]:
        s = annotate_sentence(SentencePair(0, 0, zh, None, None, None))
        token = next(t for t in s.tokens if t.text == idiom)
        assert token.gloss is not None and token.gloss.source == "idiom-list"
        assert len(token.gloss.senses) == 1 and "。" in token.gloss.senses[0]
        assert "four" not in token.gloss.text and "variant" not in token.gloss.text


def test_a_see_pointer_is_followed_to_its_entry():
    gloss, _ = gloss_for("缄口不言", ("jian1", "kou3", "bu4", "yan2"), "idiom")
    assert gloss is not None and gloss.senses[0] == "to keep silent"


def test_a_word_cedict_lacks_is_glossed_by_its_parts_as_a_compound():
    # 代工厂 "contract factory" is not in CC-CEDICT; the segmenter keeps it whole.
    gloss, entry = gloss_for("代工厂", ("dai4", "gong1", "chang3"), "word")
    assert entry is None and gloss is not None and gloss.source == "parts"
    assert gloss.senses == ("代 to substitute, to act on behalf of others + 工厂 factory",)
    # Nothing for a name, or where a part has no meaning.
    assert gloss_for("代工厂", ("dai4", "gong1", "chang3"), "name") == (None, None)


def test_a_country_character_in_a_compound_reads_as_the_country():
    # 访华 "to visit China": 华 is China (CC-CEDICT's Hua2), not "magnificent"; 俄方 "the
    # Russian side": 俄 is Russia, not "suddenly".  保 in 保值 is no abbreviation in
    # jieba's dictionary, so not Bulgaria.
    fanghua, _ = gloss_for("访华", ("fang3", "hua2"), "word")
    efang, _ = gloss_for("俄方", ("e2", "fang1"), "word")
    baozhi, _ = gloss_for("保值", ("bao3", "zhi2"), "word")
    assert fanghua is not None and fanghua.senses[0].endswith("+ 华 China")
    assert efang is not None and efang.senses[0].startswith("俄 Russia")
    assert baozhi is not None and baozhi.senses[0].startswith("保 to defend")


def test_an_idiom_only_jieba_knows_gets_no_character_by_character_gloss():
    # 以寡敌众 is kept whole (not 以 / 寡 / 敌 / 众); its characters' own meanings are no
    # gloss of the idiom, so it has none and is counted, not carded.
    assert gloss_for("以寡敌众", ("yi3", "gua3", "di2", "zhong4"), "word") == (None, None)
