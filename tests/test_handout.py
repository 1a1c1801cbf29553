"""handout: the printable vocabulary page, checked as text and in a real Chromium."""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from flashgen import __version__
from flashgen.datatypes import SentencePair
from flashgen.language.annotate import annotate_sentence, iter_annotated
from flashgen.language.pinyin import tone_marks, tone_marks_spaced
from flashgen.output.handout import render_handout
from flashgen.teach.select import Pick, headword, select_words
from flashgen.text.read import read_document

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"

# government / approve / (le) / chip / export . -- and the idiom "meticulous"
BILINGUAL = """\
政府批准了芯片出口。
The government approved chip exports.

他们一丝不苟地讨论了关税和贸易。
They discussed tariffs and trade meticulously.
"""

# they / discuss / (le) / tariff . -- in traditional characters
TRADITIONAL = "他們討論了關稅。\nThey discussed tariffs.\n"

SCRIPT = "<script>alert(1)</script>"


def picks_of(text: str, tmp_path: Path, name: str = "lesson.txt") -> tuple[Pick, ...]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return select_words(iter_annotated(read_document(path))).picks


@cache
def sample_picks() -> tuple[Pick, ...]:
    return select_words(iter_annotated(read_document(SAMPLE))).picks


def hostile_picks() -> tuple[Pick, ...]:
    # The reader drops markup from files, so the sentence is given to the annotator as
    # a later stage could receive it (from a Markdown or HTML input, say).
    pair = SentencePair(
        0,
        0,
        f"政府批准了芯片出口{SCRIPT}&。",
        f"The government approved chip exports {SCRIPT} & more.",
        "sentence",
        None,
    )
    return select_words([annotate_sentence(pair, "hostile.txt")]).picks


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pick, ...]:
    return picks_of(BILINGUAL, tmp_path_factory.mktemp("lesson"))


# --- the page as text ---------------------------------------------------------------


def test_each_sentence_once_with_its_words_under_it(read_table, lesson):
    table = read_table(render_handout("Chinese 201", "Lesson 3", lesson))
    assert table.head == ["#", "Word", "Pinyin", "HSK", "Meaning"]
    assert len(table.words) == len(lesson) == 8
    # Two sentences: each printed once, above its own words.
    assert [r.cells[0] for r in table.examples] == [
        f"{s.zh} {s.en}" for s in dict.fromkeys(p.sentence for p in lesson)
    ]
    assert len(table.examples) == 2
    example_of = {r.group: r.cells[0] for r in table.examples}
    for number, (row, pick) in enumerate(zip(table.words, lesson, strict=True), 1):
        token = pick.token
        n, word, pinyin, _hsk, meaning = row.cells
        assert n == str(number)
        assert example_of[row.group] == f"{pick.sentence.zh} {pick.sentence.en}"
        traditional = token.traditional if token.traditional != headword(token) else ""
        assert word == headword(token) + traditional
        spaced = token.kind == "idiom"
        assert pinyin == (
            tone_marks_spaced(token.syllables) if spaced else tone_marks(token.syllables)
        )
        assert token.gloss is not None and meaning.startswith(token.gloss.text)
    # A sentence row comes first in its group, then only word rows.
    first = sum(1 for p in lesson if p.sentence == lesson[0].sentence)
    assert first == 4  # government / approve / chip / export
    assert [r.kind for r in table.rows] == ["example", *["word"] * 4, "example", *["word"] * 4]


def test_words_of_one_sentence_are_grouped_even_when_not_adjacent_in_the_list(read_table, lesson):
    # A capped lesson lists its words by rank, not by sentence: the page still prints each
    # sentence once, in the order of its first word, and numbers the words down the page.
    shuffled = [lesson[0], lesson[6], lesson[1], lesson[7]]  # sentences 1, 2, 1, 2
    table = read_table(render_handout("c", "l", shuffled))
    assert len(table.examples) == 2
    words = [r.markup[1].split("<")[0] for r in table.words]  # the simplified form
    assert words == [headword(p.token) for p in (lesson[0], lesson[1], lesson[6], lesson[7])]
    assert [r.cells[0] for r in table.words] == ["1", "2", "3", "4"]


def test_every_word_bold_in_its_sentence_and_its_translation_bold_in_the_english(
    read_table, lesson
):
    table = read_table(render_handout("c", "l", lesson))
    row = next(r for r in table.words if r.cells[1].startswith("关税"))
    _n, _word, pinyin, hsk, _meaning = row.markup
    assert pinyin == '<span class="tone1">guān</span><wbr><span class="tone4">shuì</span>'
    assert hsk == "7–9"  # HSK 3.0 prints its top band as one
    example = next(r for r in table.examples if r.group == row.group).markup[0]
    group = [p for p in lesson if p.sentence.zh.startswith("他们")]
    for pick in group:
        assert f"<b>{pick.token.text}</b>" in example
    assert "<b>tariffs</b>" in example and "<b>discussed</b>" in example
    matched = {p.token.en_match.text for p in group if p.token.en_match}
    assert example.count("<b>") == len(group) + len(matched)


def test_idiom_pinyin_is_spaced(read_table, lesson):
    row = next(
        r
        for r in read_table(render_handout("c", "l", lesson)).words
        if r.cells[1].startswith("一丝不苟")
    )
    assert row.cells[2] == "yī sī bù gǒu"


def test_tone_colours_are_defined_for_print():
    page = render_handout("c", "l", [])
    for tone in range(1, 6):
        assert re.search(rf"\.tone{tone} {{ color: #[0-9a-f]{{3,6}}; }}", page)


def test_traditional_text_shows_both_forms_and_keeps_its_script(read_table, tmp_path):
    picks = picks_of(TRADITIONAL, tmp_path)
    page = render_handout("c", "l", picks)
    table = read_table(page)
    row = next(r for r in table.words if r.cells[1].startswith("讨论"))
    assert row.cells[1] == "讨论討論"
    assert '<span class="trad" lang="zh-Hant">討論</span>' in row.markup[1]
    assert table.examples[0].markup[0].startswith('<div class="zh" lang="zh-Hant">他們<b>討論</b>')


def test_all_text_is_escaped(read_table):
    picks = hostile_picks()
    assert picks and SCRIPT in picks[0].sentence.zh
    page = render_handout(f"Class {SCRIPT}", f"Lesson {SCRIPT}", picks, source=f"{SCRIPT}.txt")
    assert "<script" not in page.lower()
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    # <title> (class and lesson), the heading's class and lesson, the source; the
    # sentence and its English, once.
    assert len({p.sentence for p in picks}) == 1
    assert page.count(escaped) == 5 + 2
    assert "&amp;" in page and " & " not in page
    table = read_table(page)
    assert table.scripts == 0
    assert SCRIPT in table.examples[0].cells[0]  # shown, as text


def test_page_is_self_contained_and_made_for_paper(lesson):
    page = render_handout("Chinese 201", "Lesson 3", lesson)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">')
    for outside in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        " src=",
        " href=",
        "@import",
        "url(",
        "http://",
        "https://",
        "@font-face",
    ):
        assert outside not in page
    for paper in ("@page { size: A4;", "break-inside: avoid", "<thead", "table-layout: fixed"):
        assert paper in page


def test_heading_counts_and_credit(lesson):
    page = render_handout("Chinese 201", "Lesson 3: Trade", lesson, source="lesson.txt")
    assert "<title>Chinese 201 — Lesson 3: Trade</title>" in page
    assert '<p class="class-name">Chinese 201</p>\n<h1>Lesson 3: Trade</h1>' in page
    assert '<p class="counts" lang="en">8 new words in 2 sentences · from lesson.txt</p>' in page
    assert (
        f"Meanings from CC-CEDICT (CC BY-SA 4.0). Made with flashgen {__version__}</footer>"
    ) in page
    one = '<p class="counts" lang="en">1 new word in 1 sentence</p>'
    assert one in render_handout("c", "l", lesson[:1])


def test_the_texts_own_heading_is_the_title(tmp_path, read_table):
    # A Markdown lesson's "# 第三课：学校生活": the page's title, the lesson's label beside
    # the class name.
    md = tmp_path / "03-school.md"
    md.write_text("# 第三课：学校生活\n\n政府批准了芯片出口。\n", encoding="utf-8")
    doc = read_document(md)
    assert doc.title == "第三课：学校生活"
    picks = select_words(iter_annotated(doc)).picks
    page = render_handout("Chinese 3A", "03 school", picks, text_title=doc.title)
    assert "<title>Chinese 3A — 第三课：学校生活</title>" in page
    assert '<p class="class-name">Chinese 3A · 03 school</p>\n<h1>第三课：学校生活</h1>' in page


def test_a_lesson_without_new_words_says_so():
    page = render_handout("Chinese 201", "Lesson 4", [])
    assert "There are no new words in this lesson." in page
    assert "0 new words<" in page
    assert "<table" not in page
    assert "CC-CEDICT" in page


def test_same_input_gives_the_same_bytes(lesson, tmp_path):
    again = picks_of(BILINGUAL, tmp_path)
    assert again == lesson
    first = render_handout("Chinese 201", "Lesson 3", lesson, source="x.txt")
    assert render_handout("Chinese 201", "Lesson 3", again, source="x.txt") == first


def test_the_vocab_notes_a_class_build_made_give_the_same_page(lesson):
    # A class build passes the notes it made for the deck; their Source is not shown.
    from flashgen.teach.cards import vocab_note

    made = [
        vocab_note(p, "01 lesson · lesson.txt · also in 02 two", i) for i, p in enumerate(lesson)
    ]
    assert render_handout("c", "l", lesson, source="x", notes=made) == render_handout(
        "c", "l", lesson, source="x"
    )


def test_the_sample_article_every_word_appears(read_table):
    picks = sample_picks()
    table = read_table(render_handout("c", "l", picks))
    assert sorted(r.cells[1] for r in table.words) == sorted(
        headword(p.token)
        + (p.token.traditional if p.token.traditional != headword(p.token) else "")
        for p in picks
    )
    # Each of the article's sentences once: 32 sentences, not one per word.
    assert len(table.examples) == len({p.sentence for p in picks}) == 32


# --- the page in a real browser ----------------------------------------------------
# Chromium as a teacher would use it: open the file, look at it, print it to PDF.


@pytest.fixture(scope="module")
def handout_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    # The whole sample article (a 30-page handout, so headers repeat and rows meet page
    # ends), with the hostile sentence last: the browser must show it as text.
    picks = sample_picks() + hostile_picks()
    path = tmp_path_factory.mktemp("handout") / "handout.html"
    page = render_handout(
        "Chinese 301", "Lesson 7: Nvidia and the H20 chip", picks, source=SAMPLE.name
    )
    path.write_text(page, encoding="utf-8")
    return path, len(picks)


def test_chromium_builds_the_table(chromium, read_table, handout_file, tmp_path):
    path, n_words = handout_file
    dom = chromium(path, "--dump-dom")
    table = read_table(dom)
    assert table.head == ["#", "Word", "Pinyin", "HSK", "Meaning"]
    assert len(table.words) == n_words
    assert [r.cells[0] for r in table.words] == [str(i) for i in range(1, n_words + 1)]
    assert table.scripts == 0 and SCRIPT in table.examples[-1].cells[0]


def test_chromium_screenshot(chromium, handout_file, tmp_path):
    path, _ = handout_file
    png = tmp_path / "handout.png"
    chromium(path, f"--screenshot={png}", "--window-size=1240,1754")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 50_000  # a blank or error page of this size is a few KB


def test_chromium_prints_to_pdf(chromium, handout_file, tmp_path):
    path, n_words = handout_file
    pdf = tmp_path / "handout.pdf"
    chromium(path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    # Each page is a /Type /Page object.  Grouped by sentence, the sample's 225 words in
    # 33 sentences print on 12 pages (30 with a sentence per word): about 19 a page.
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert n_words // 25 <= pages <= n_words // 15


def test_a_long_entry_leads_with_the_matched_sense_and_keeps_the_rest_off_paper(
    read_table, dang_when
):
    # 当 dāng "when": the 7th sense of 18 in CC-CEDICT, the one the English uses.
    page = render_handout("c", "l", [dang_when])
    meaning = read_table(page).words[0].markup[4]
    assert meaning.startswith(
        "when; (onom.) dong; ding dong (bell); to be<details><summary>14 more senses</summary>"
    )
    assert "@media print { td.meaning details { display: none; } }" in page
