"""cards: the fields of the vocab and cloze notes, escaped, bolded, clozed."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashgen.datatypes import EnglishMatch, Gloss
from flashgen.language.pinyin import display_pinyin, pinyin_pieces
from flashgen.teach.cards import (
    CLOZE_FIELDS,
    VOCAB_FIELDS,
    Meaning,
    bold_span,
    card_count,
    classifier_text,
    cloze_note,
    cloze_text,
    hsk_text,
    lesson_notes,
    make_notes,
    meaning_parts,
    meaning_text,
    pinyin_html,
    source_tags,
    vocab_note,
)
from flashgen.teach.select import Pick, SelectConfig, select_words


@pytest.fixture
def tariffs(sentence):
    # they / discuss / (le) / tariff / .
    return sentence(
        "他们|讨论|了|关税|。", 3, en="They discussed tariffs.", matches={"关税": "tariffs"}
    )


def pick(s, word):
    return Pick(next(t for t in s.tokens if t.text == word), s)


def fields(note, names):
    return dict(zip(names, note.fields, strict=True))


def test_vocab_fields(tariffs):
    f = fields(vocab_note(pick(tariffs, "关税"), "news.txt — Tariffs"), VOCAB_FIELDS)
    assert f == {
        "Hanzi": "关税",
        "Traditional": "關稅",
        "Pinyin": '<span class="tone1">guān</span><span class="tone4">shuì</span>',
        "PinyinNumbered": "guan1 shui4",
        "Meaning": "customs duty; tariff",
        "Classifier": "",
        "Kind": "word",
        "HSK": "6",
        "Sentence": "他们讨论了<b>关税</b>。",
        "SentenceEnglish": "They discussed <b>tariffs</b>.",
        "Source": "news.txt — Tariffs",
        "Audio": "",  # without --audio
        "SentenceAudio": "",
    }


def test_vocab_identity_is_headword_and_reading_only(sentence, tariffs):
    note = vocab_note(pick(tariffs, "关税"), "a.txt")
    other = sentence("关税|。", 9, en="Duties.", file="b.txt")
    assert (
        vocab_note(pick(other, "关税"), "b.txt").identity
        == note.identity
        == ("关税", "guan1 shui4")
    )


def test_traditional_input_gets_simplified_headword_and_keeps_its_script_in_the_cloze(sentence):
    s = sentence(
        "討論|。",
        0,
        overrides={"討論": {"simplified": "讨论", "traditional": "討論", "syllables": "tao3 lun4"}},
    )
    p = pick(s, "討論")
    vocab = fields(vocab_note(p, "t.txt"), VOCAB_FIELDS)
    assert (vocab["Hanzi"], vocab["Traditional"]) == ("讨论", "討論")
    assert vocab_note(p, "t.txt").identity == ("讨论", "tao3 lun4")
    cloze = fields(cloze_note(p, "t.txt", hint="pinyin"), CLOZE_FIELDS)
    assert cloze["Text"].startswith("{{c1::討論::")
    assert cloze_note(p, "t.txt").identity == ("讨论", "討論。")


def test_traditional_field_is_empty_when_the_same(sentence):
    f = fields(vocab_note(pick(sentence("芯片|。"), "芯片"), "x"), VOCAB_FIELDS)
    assert f["Traditional"] == ""


def test_cloze_fields_and_hints(tariffs):
    p = pick(tariffs, "关税")
    f = fields(cloze_note(p, "news.txt"), CLOZE_FIELDS)
    assert f["Text"] == "他们讨论了{{c1::关税}}。"  # no hint by default: the English is the clue
    assert (
        fields(cloze_note(p, "n", hint="pinyin"), CLOZE_FIELDS)["Text"]
        == "他们讨论了{{c1::关税::guānshuì}}。"
    )
    assert f["English"] == "They discussed <b>tariffs</b>."
    assert (f["Word"], f["Meaning"], f["Source"]) == ("关税", "customs duty; tariff", "news.txt")
    assert (
        fields(cloze_note(p, "n", hint="meaning"), CLOZE_FIELDS)["Text"]
        == "他们讨论了{{c1::关税::customs duty}}。"
    )
    assert (
        fields(cloze_note(p, "n", hint="none"), CLOZE_FIELDS)["Text"] == "他们讨论了{{c1::关税}}。"
    )
    assert cloze_note(p, "n").identity == ("关税", "他们讨论了关税。")


def test_cloze_marks_exactly_that_occurrence(sentence):
    # chip / export / chip / .  -> the second 芯片
    s = sentence("芯片|出口|芯片|。")
    second = Pick(s.tokens[2], s)
    assert cloze_text(s.zh, 4, 6, "x") == "芯片出口{{c1::芯片::x}}。"
    assert (
        fields(cloze_note(second, "n", hint="pinyin"), CLOZE_FIELDS)["Text"]
        == "芯片出口{{c1::芯片::xīnpiàn}}。"
    )
    assert fields(vocab_note(second, "n"), VOCAB_FIELDS)["Sentence"] == "芯片出口<b>芯片</b>。"


def test_idioms_are_spaced(sentence):
    f = fields(vocab_note(pick(sentence("一丝不苟|。"), "一丝不苟"), "x"), VOCAB_FIELDS)
    assert html.unescape(re.sub("<[^>]+>", "", f["Pinyin"])) == "yī sī bù gǒu"
    assert (f["Kind"], f["HSK"]) == ("idiom", "7–9")


def test_names_are_capitalised_as_annotate_shows_them(sentence):
    # Trump / government / approved / (le) / .
    p = pick(sentence("特朗普|政府|批准|了|。"), "特朗普")
    vocab = fields(vocab_note(p, "x"), VOCAB_FIELDS)
    cloze = fields(cloze_note(p, "x", hint="pinyin"), CLOZE_FIELDS)
    assert re.sub("<[^>]+>", "", vocab["Pinyin"]) == display_pinyin(p.token) == "Tèlǎngpǔ"
    assert cloze["Pinyin"] == vocab["Pinyin"]
    assert cloze["Text"].startswith("{{c1::特朗普::Tèlǎngpǔ}}")
    assert vocab["PinyinNumbered"] == "te4 lang3 pu3"  # and the note's identity stays


def test_pinyin_html():
    assert (
        pinyin_html(pinyin_pieces(("xi1", "an1")))
        == '<span class="tone1">xī</span>\'<span class="tone1">ān</span>'
    )
    assert (
        pinyin_html(pinyin_pieces(("peng2", "you5")))
        == '<span class="tone2">péng</span><span class="tone5">you</span>'
    )


def test_markup_in_the_text_is_shown_as_text(sentence):
    # "<script>" and "&" are text in the input; a field must show them, not run them.
    s = sentence("<script>|芯片|&|。", 0, en="<b>chips</b> & more", matches={"芯片": "chips"})
    p = pick(s, "芯片")
    v = fields(vocab_note(p, "a<b>.txt"), VOCAB_FIELDS)
    assert v["Sentence"] == "&lt;script&gt;<b>芯片</b>&amp;。"
    assert v["SentenceEnglish"] == "&lt;b&gt;<b>chips</b>&lt;/b&gt; &amp; more"
    assert v["Source"] == "a&lt;b&gt;.txt"
    c = fields(cloze_note(p, "x", hint="pinyin"), CLOZE_FIELDS)
    assert c["Text"] == "&lt;script&gt;{{c1::芯片::xīnpiàn}}&amp;。"


def test_a_sound_tag_in_the_text_is_text_not_media(sentence):
    # "[sound:0]" written in a text is not a file to play: genanki refused the package
    # ("notes reference media that was not given"), found by tests/test_fuzz.py.
    s = sentence("佢|[sound:0]|芯片|。", 0, en="[sound:x.mp3] chips", matches={"芯片": "chips"})
    p = pick(s, "芯片")
    v = fields(vocab_note(p, "[anki:tts].txt"), VOCAB_FIELDS)
    shown = " ".join(v.values()) + fields(cloze_note(p, "x", hint="pinyin"), CLOZE_FIELDS)["Text"]
    assert "[sound:" not in shown and "[anki:" not in shown
    assert "&#91;sound:0]" in v["Sentence"] and "&#91;sound:x.mp3]" in v["SentenceEnglish"]


def test_braces_in_the_text_cannot_make_another_cloze(sentence):
    s = sentence("{{c2::|芯片|}}|。")
    text = fields(cloze_note(pick(s, "芯片"), "x", hint="pinyin"), CLOZE_FIELDS)["Text"]
    assert text.count("{{") == 1 and text.count("}}") == 1
    assert html.unescape(text.replace("{{c1::芯片::xīnpiàn}}", "芯片")) == s.zh


def test_english_without_a_match_or_with_stale_offsets_is_plain(sentence):
    assert (
        fields(vocab_note(pick(sentence("芯片|。", en="Chips & co."), "芯片"), "x"), VOCAB_FIELDS)[
            "SentenceEnglish"
        ]
        == "Chips &amp; co."
    )
    assert (
        fields(vocab_note(pick(sentence("芯片|。"), "芯片"), "x"), VOCAB_FIELDS)["SentenceEnglish"]
        == ""
    )


def test_classifiers_and_hsk(sentence):
    assert classifier_text("個|个[ge4]") == "个 gè"
    assert classifier_text("张[zhang1]") == "张 zhāng"
    assert classifier_text("odd") == "odd"
    assert [hsk_text(x) for x in (None, 1, 6, 7)] == ["", "1", "6", "7–9"]
    s = sentence("芯片|。")
    gloss = Gloss(("chip",), ("块[kuai4]", "片[pian4]"), "cedict")
    with_cl = Pick(s.tokens[0]._replace(gloss=gloss), s)
    assert fields(vocab_note(with_cl, "x"), VOCAB_FIELDS)["Classifier"] == "块 kuài, 片 piàn"


def test_make_notes_one_vocab_and_one_cloze_per_word_in_order(sentence, tariffs):
    sel = select_words([sentence("芯片|出口|。", 0), tariffs])
    notes = make_notes(sel, "x")
    assert [(n.model, n.identity[0], n.position) for n in notes] == [
        ("vocab", "芯片", 0),
        ("cloze", "芯片", 0),
        ("vocab", "出口", 1),
        ("cloze", "出口", 1),
        ("vocab", "讨论", 2),
        ("cloze", "讨论", 2),
        ("vocab", "关税", 3),
        ("cloze", "关税", 3),
    ]
    assert all(
        len(n.fields) == len(VOCAB_FIELDS if n.model == "vocab" else CLOZE_FIELDS) for n in notes
    )


def test_two_readings_in_one_sentence_keep_one_cloze(sentence, token):
    # 行 xíng and 行 háng exemplified by the same sentence would be one cloze note
    s = sentence("行|行|。", 0)
    s = replace(
        s, tokens=(s.tokens[0], token("行", 1, syllables="hang2", senses="row"), s.tokens[2])
    )
    sel = select_words([s], SelectConfig(known_hsk=0))
    notes = make_notes(sel, "x")
    assert [n.model for n in notes] == ["vocab", "cloze", "vocab"]


@given(st.text(min_size=0, max_size=30), st.data())
def test_bold_span_shows_the_text_and_bolds_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    out = bold_span(text, start, end)
    assert html.unescape(out.replace("<b>", "").replace("</b>", "")) == text
    if end > start:
        inner = re.search("<b>(.*)</b>", out, re.S)
        assert inner and html.unescape(inner.group(1)) == text[start:end]
    else:
        assert "<b>" not in out


@given(st.text(min_size=1, max_size=30), st.data(), st.text(max_size=10))
def test_cloze_text_has_exactly_one_cloze(text, data, hint):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    out = cloze_text(text, start, end, hint)
    m = re.fullmatch(r"(.*?)\{\{c1::(.*?)(?:::(.*?))?\}\}(.*)", out, re.S)
    assert m and "{{" not in m.group(1) + m.group(4) and "}}" not in m.group(1) + m.group(4)
    assert "::" not in m.group(2)
    assert html.unescape(m.group(1) + m.group(2) + m.group(4)) == text
    assert html.unescape(m.group(2)) == text[start:end]


def test_lesson_notes_tag_each_note_with_its_text_and_word(sentence, tariffs):
    idiom = sentence("一丝不苟|。", 1)
    sel = select_words([tariffs, idiom], SelectConfig(known_hsk=0))
    notes = lesson_notes(sel.picks, (), "x", tags=source_tags("text", "a news text"))
    by_word = {(n.model, n.identity[0]): n.tags for n in notes}
    assert by_word[("vocab", "关税")] == by_word[("cloze", "关税")]
    assert by_word[("vocab", "关税")] == ("flashgen", "flashgen::text::a_news_text", "HSK::6")
    assert by_word[("vocab", "一丝不苟")][-2:] == ("HSK::7-9", "idiom")
    assert all(" " not in t for tags in by_word.values() for t in tags)


def test_lesson_notes_give_each_card_its_own_place(sentence, tariffs):
    sel = select_words([sentence("芯片|出口|。", 0), tariffs])
    notes = lesson_notes(sel.picks, (), "x", first_position=10)
    places = [d for n in notes for _, d in n.due]
    assert sorted(places) == list(range(10, 10 + card_count(notes))) and len(places) == 12
    due = {(n.identity[0], kind): d for n in notes for kind, d in n.due}
    for word in ("芯片", "出口", "讨论", "关税"):
        assert due[(word, "recognition")] < min(due[(word, "recall")], due[(word, "cloze")])
    # Only the cards asked for get places.
    only_cloze = lesson_notes(sel.picks, (), "x", cards=frozenset({"cloze"}))
    assert [n.due for n in only_cloze if n.model == "vocab"] == [()] * 4
    assert sorted(d for n in only_cloze for _, d in n.due) == [0, 1, 2, 3]


def test_lesson_notes_hand_each_new_words_vocab_note_to_on_vocab(tariffs):
    new = pick(tariffs, "关税")
    seen = []
    notes = lesson_notes([new], [], "a.txt", on_vocab=lambda p, n: seen.append((p, n)))
    assert seen == [(new, notes[0])] and notes[0].model == "vocab"


# --- Meaning: the sense the sentence uses first, the rest collapsed ---------------------


def test_meaning_leads_with_the_sense_the_english_matched(dang_when):
    # 当 dāng: CC-CEDICT's first senses are "(onom.) dong; ding dong (bell)"; the
    # English says "When".
    p = dang_when
    assert p.token.en_match is not None and p.token.en_match.sense == "when"
    meaning = fields(vocab_note(p, "s"), VOCAB_FIELDS)["Meaning"]
    assert meaning.startswith(
        "when; (onom.) dong; ding dong (bell); to be<details><summary>14 more senses</summary>"
        "to act as; manage; withstand; during; ought; should;"
    )
    assert meaning.endswith("just at</details>")
    assert fields(cloze_note(p, "s"), CLOZE_FIELDS)["Meaning"] == meaning


def test_without_a_match_the_dictionary_order_stays_and_four_senses_show(annotated_pick):
    # Here 时 takes "When": 当 matches nothing, and keeps CC-CEDICT's order.
    p = annotated_pick("当他看到我时，他笑了。", "When he saw me, he smiled.", "当")
    assert p.token.en_match is None
    meaning = fields(vocab_note(p, "s"), VOCAB_FIELDS)["Meaning"]
    shown, rest = meaning.split("<details>")
    assert shown == "(onom.) dong; ding dong (bell); to be; to act as"
    assert rest.startswith("<summary>14 more senses</summary>manage; withstand; when;")


def test_a_context_match_is_shown_first_and_marked_beside_the_dictionary_entry(annotated_pick):
    # No sense of 会 is "will": the aligner's table found it, as the meaning here.
    p = annotated_pick(
        "黄仁勋敦促美国政府取消向中国出口人工智能芯片的限制,认为退出中国市场只会损害美国科技企业的利益。",
        "Mr. Huang pressed the administration to roll back its restrictions on shipments of "
        "A.I. chips to China, arguing that closing off the China market will only hurt U.S. "
        "tech companies.",
        "会",
    )
    assert p.token.en_match is not None and p.token.en_match.source == "context"
    meaning = fields(vocab_note(p, "s"), VOCAB_FIELDS)["Meaning"]
    assert meaning.startswith(
        "“will” (in this sentence)<br>can; to have the skill; to know how to; to be likely to"
        "<details><summary>"
    )
    assert meaning_text(p.token).startswith("“will” (in this sentence); can; to have the skill;")
    assert meaning_text(p.token).endswith(p.token.gloss.senses[-1])  # the whole entry


def test_a_context_match_the_dictionary_already_shows_is_not_repeated(sentence):
    s = sentence("他们|讨论|关税|。", en="They discussed tariffs.")
    t = s.tokens[2]
    t = t._replace(en_match=EnglishMatch(15, 22, "Tariff", "", "context"))
    assert meaning_parts(t) == Meaning("", ("customs duty", "tariff"), ())


@pytest.mark.parametrize(
    ("n", "shown", "more"),
    [(1, 1, 0), (4, 4, 0), (5, 5, 0), (6, 4, 2), (18, 4, 14)],
)
def test_four_senses_show_and_one_more_is_never_hidden_alone(token, n, shown, more):
    senses = "; ".join(f"sense {i}" for i in range(n))
    m = meaning_parts(token("关税", 0, senses=senses))
    assert m is not None and (len(m.shown), len(m.more)) == (shown, more)
    assert (*m.shown, *m.more) == tuple(f"sense {i}" for i in range(n))


def test_a_short_entry_gives_the_same_field_as_before(token, sentence):
    # Notes with nothing to collapse and no context match keep their bytes.
    senses = "a <b>; b & c; c; d; e"
    s = sentence(
        "他们|讨论|关税|。", en="They discussed tariffs.", overrides={"关税": {"senses": senses}}
    )
    meaning = fields(vocab_note(pick(s, "关税"), "s"), VOCAB_FIELDS)["Meaning"]
    assert meaning == html.escape(s.tokens[2].gloss.text)


def test_a_word_glossed_by_its_parts_says_it_is_a_compound(annotated_pick):
    # 代工厂, kept whole though CC-CEDICT lacks it: the card says it is a compound.
    p = annotated_pick(
        "苹果的代工厂正在把部分生产线迁往印度。",
        "Apple's contract manufacturers are moving production lines to India.",
        "代工厂",
    )
    f = fields(vocab_note(p, "x"), VOCAB_FIELDS)
    assert f["Kind"] == "compound"
    assert "代 to substitute" in f["Meaning"] and "工厂 factory" in f["Meaning"]
