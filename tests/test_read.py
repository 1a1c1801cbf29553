"""Reading documents: paragraphs, EN/ZH pairing, titles, Markdown, paired files."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.errors import InputError
from flashgen.text.inputs import InputText
from flashgen.text.read import load, read_document, read_pair

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"

EN1 = "Nvidia said on Monday that the U.S. government had approved sales of its H20 chip."
ZH1 = "英伟达周一表示，美国政府已批准其H20芯片的销售。"
EN2 = "The decision came after Jensen Huang met President Trump last Thursday."
ZH2 = "这个决定是在黄仁勋上周四会见特朗普总统之后做出的。"
EN3 = "China could deliver billions of dollars in sales for the company."
ZH3 = "中国可能为这家公司带来数十亿美元的销售额。"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def pairs(path: Path) -> list[tuple[str, str | None]]:
    return [(p.zh, p.en) for p in read_document(path).paragraphs]


# --- the sample article ---------------------------------------------------------
def test_sample_article_pairs_every_chinese_paragraph_with_its_english() -> None:
    doc = read_document(SAMPLE)
    assert doc.title is None  # the first line is a date, never a title
    assert len(doc.paragraphs) == 16
    assert all(p.en is not None for p in doc.paragraphs)
    assert [p.index for p in doc.paragraphs] == list(range(16))
    first = doc.paragraphs[0]
    assert first.zh.startswith("特朗普政府曾在三个月前禁止英伟达")
    assert first.en is not None and first.en.startswith("Three months after shutting down")
    assert not doc.whole_document_alignment


def test_chinese_first_order(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    swapped = [lines[0]]
    for en, zh in zip(lines[1::2], lines[2::2], strict=True):
        swapped += [zh, en]
    doc = read_document(write(tmp_path / "zh_first.txt", "\n".join(swapped)))
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        (p.zh, p.en) for p in read_document(SAMPLE).paragraphs
    ]


def test_chinese_first_with_an_english_header_line(tmp_path: Path) -> None:
    # The English headline makes "English first" pair the wrong neighbours; the
    # length ratios show that "Chinese first" is the order of this text.
    text = "\n".join(["Nvidia Chips Head Back to China", ZH1, EN1, ZH2, EN2, ZH3, EN3])
    assert pairs(write(tmp_path / "a.txt", text)) == [(ZH1, EN1), (ZH2, EN2), (ZH3, EN3)]


def test_paragraph_without_partner_and_header_lines(tmp_path: Path) -> None:
    lonely = "另外，商务部没有立即回应置评请求。"
    text = "\n".join(
        [
            "2025年7月16日",
            "By Ana Swanson",
            "（第2版）",
            EN1,
            ZH1,
            EN2,
            ZH2,
            lonely,
            EN3,
            ZH3,
            "Follow us on social media.",
        ]
    )
    doc = read_document(write(tmp_path / "a.txt", text))
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        ("（第2版）", None),
        (ZH1, EN1),
        (ZH2, EN2),
        (lonely, None),
        (ZH3, EN3),
    ]
    assert doc.title is None  # a byline and an edition mark are not titles


def test_a_sentence_starting_with_by_is_not_a_byline(tmp_path: Path) -> None:
    en = "By Monday, the company said, the government had approved the sales."
    zh = "公司表示，到周一，政府已经批准了这些销售。"
    assert pairs(write(tmp_path / "a.txt", f"{en}\n{zh}\n")) == [(zh, en)]


def test_headline_is_the_title(tmp_path: Path) -> None:
    text = "\n".join(
        ["2025年7月16日", "Trump Reverses Course on Nvidia Chip Sales", EN1, ZH1, EN2, ZH2]
    )
    doc = read_document(write(tmp_path / "a.txt", text))
    assert doc.title == "Trump Reverses Course on Nvidia Chip Sales"
    assert [p.zh for p in doc.paragraphs] == [ZH1, ZH2]


def test_chinese_headline_is_preferred_and_kept_as_a_paragraph(tmp_path: Path) -> None:
    text = "\n".join(["特朗普政府允许英伟达对华出售芯片", EN1, ZH1, EN2, ZH2])
    doc = read_document(write(tmp_path / "a.txt", text))
    assert doc.title == "特朗普政府允许英伟达对华出售芯片"
    assert doc.paragraphs[0].zh == "特朗普政府允许英伟达对华出售芯片"
    assert doc.paragraphs[0].en is None


# --- Chinese-only texts ------------------------------------------------------------
def test_chinese_only_text_with_latin_and_digits_stays_chinese(tmp_path: Path) -> None:
    text = (
        "DeepSeek 和 H20 芯片\n2025年7月16日\n"
        "OpenAI、Anthropic 与 Google DeepMind 都在竞争。\n"
        "英伟达的 H20 芯片在 2025 年重新获准出口。\n***\n"
    )
    doc = read_document(write(tmp_path / "a.txt", text))
    assert [p.zh for p in doc.paragraphs] == [
        "DeepSeek 和 H20 芯片",
        "OpenAI、Anthropic 与 Google DeepMind 都在竞争。",
        "英伟达的 H20 芯片在 2025 年重新获准出口。",
    ]
    assert all(p.en is None for p in doc.paragraphs)
    assert doc.title == "DeepSeek 和 H20 芯片"


def test_traditional_characters_are_chinese(tmp_path: Path) -> None:
    text = (
        "這家矽谷公司週一在部落格上發文稱，美國政府已批准它出口晶片。\n"
        "黃仁勳一直在遊說華盛頓政界。\n"
    )
    doc = read_document(write(tmp_path / "a.txt", text))
    assert [p.zh for p in doc.paragraphs] == text.split()


def test_chinese_only_without_a_header_has_no_title(tmp_path: Path) -> None:
    assert read_document(write(tmp_path / "a.txt", f"{ZH1}\n{ZH2}\n")).title is None


# --- blank-line-separated blocks --------------------------------------------------
def test_hard_wrapped_blocks_are_joined(tmp_path: Path) -> None:
    en = (
        "On Monday, the Silicon Valley company said in a blog post that the\n"
        "U.S. government had approved sales of a China-specific A.I. chip\n"
        "known as the H20."
    )
    zh = "这家硅谷公司周一在博客上发帖称，美国政府已批准它向中国\n出口特供版的人工智能芯片H20。"
    doc = read_document(write(tmp_path / "a.txt", f"2025年7月16日\n\n{en}\n\n{zh}\n"))
    assert [(p.zh, p.en) for p in doc.paragraphs] == [(zh.replace("\n", ""), en.replace("\n", " "))]


def test_blocks_of_one_paragraph_per_line_are_not_joined(tmp_path: Path) -> None:
    text = f"标题\n\n{ZH1}\n{ZH2}\n{ZH3}\n\n{EN1}\n{ZH1}\n"
    paragraphs = read_document(write(tmp_path / "a.txt", text)).paragraphs
    assert [p.zh for p in paragraphs] == ["标题", ZH1, ZH2, ZH3, ZH1]


def test_blocks_holding_a_pair_each(tmp_path: Path) -> None:
    text = f"{EN1}\n{ZH1}\n\n{EN2}\n{ZH2}\n\n{EN3}\n{ZH3}\n"
    assert pairs(write(tmp_path / "a.txt", text)) == [(ZH1, EN1), (ZH2, EN2), (ZH3, EN3)]


# --- markdown -------------------------------------------------------------------------
def test_markdown_is_stripped(tmp_path: Path) -> None:
    md = """---
author: someone
---
# 英伟达的芯片

这是**重要**的消息，见[原文](https://example.com)和*评论*。

- 第一点：`H20` 芯片
- 第二点：出口许可

```python
print("代码不是课文")
```

> 引用的一句话。
"""
    doc = read_document(write(tmp_path / "a.md", md))
    assert doc.title == "英伟达的芯片"
    assert [p.zh for p in doc.paragraphs] == [
        "英伟达的芯片",
        "这是重要的消息，见原文和评论。",
        "第一点：H20 芯片",
        "第二点：出口许可",
        "引用的一句话。",
    ]


def test_markdown_english_heading_is_a_title_not_a_paragraph(tmp_path: Path) -> None:
    md = f"# Nvidia Chips\n\n{EN1}\n\n{ZH1}\n"
    doc = read_document(write(tmp_path / "a.md", md))
    assert doc.title == "Nvidia Chips"
    assert [(p.zh, p.en) for p in doc.paragraphs] == [(ZH1, EN1)]


def test_an_english_heading_alone_does_not_make_a_text_bilingual(tmp_path: Path) -> None:
    md = (
        "Big Title\n=========\n\n1. 第一条。\n2. 第二条。\n\n"
        "| 表头 | 列 |\n|---|---|\n| 单元 | 格 |\n"
    )
    doc = read_document(write(tmp_path / "a.md", md))
    assert doc.title == "Big Title"
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        ("第一条。", None),
        ("第二条。", None),
        ("表头 列", None),
        ("单元 格", None),
    ]


def test_short_dialogue_lines_pair(tmp_path: Path) -> None:
    text = "Hi!\n你好！\nHow are you?\n你好吗？\n"
    assert pairs(write(tmp_path / "a.txt", text)) == [
        ("你好！", "Hi!"),
        ("你好吗？", "How are you?"),
    ]


# --- paired files -----------------------------------------------------------------------
def test_pair_with_equal_paragraph_counts(tmp_path: Path) -> None:
    zh = write(tmp_path / "x.zh.txt", f"{ZH1}\n{ZH2}\n{ZH3}\n")
    en = write(tmp_path / "x.en.txt", f"{EN1}\n\n{EN2}\n\n{EN3}\n")
    doc = read_pair(zh, en)
    assert [(p.zh, p.en) for p in doc.paragraphs] == [(ZH1, EN1), (ZH2, EN2), (ZH3, EN3)]
    assert not doc.whole_document_alignment
    assert doc.path == zh


def test_pair_with_unequal_paragraph_counts_aligns_whole_documents(tmp_path: Path) -> None:
    zh = write(tmp_path / "x.zh.txt", f"{ZH1}{ZH2}\n{ZH3}\n")
    en = write(tmp_path / "x.en.txt", f"{EN1}\n{EN2}\n{EN3}\n")
    doc = read_pair(zh, en)
    assert doc.whole_document_alignment
    assert [(p.index, p.zh, p.en) for p in doc.paragraphs] == [
        (0, f"{ZH1}{ZH2}\n{ZH3}", f"{EN1}\n{EN2}\n{EN3}")
    ]


def test_pair_with_empty_english_file(tmp_path: Path) -> None:
    zh = write(tmp_path / "x.zh.txt", ZH1)
    en = write(tmp_path / "x.en.txt", "\n")
    with pytest.raises(InputError, match=r"x\.en\.txt"):
        read_pair(zh, en)


# --- files with no Chinese ------------------------------------------------------------
def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", " \n\n")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        read_document(path)


def test_file_without_chinese(tmp_path: Path) -> None:
    path = write(tmp_path / "english.txt", f"2025年7月16日\n{EN1}\n{EN2}\n")
    with pytest.raises(InputError, match=r"english\.txt: no Chinese text found"):
        read_document(path)


# --- loading a found input ----------------------------------------------------------------
def test_load_reads_a_pair_or_a_single_file(tmp_path: Path) -> None:
    zh = write(tmp_path / "x.zh.txt", ZH1)
    en = write(tmp_path / "x.en.txt", EN1)
    assert load(InputText("x", zh, en)) == read_pair(zh, en)
    assert load(InputText("x", zh, None)) == read_document(zh)
    assert load(InputText("x", zh, en)).paragraphs[0].en == EN1


# --- real layouts: headings, one-line pairs, lines with no counterpart -----------
def test_a_bilingual_heading_is_a_title_never_the_pair_of_the_next_line(tmp_path: Path) -> None:
    f = write(
        tmp_path / "lesson.txt",
        "第一课 Lesson 1\n\n"
        "Do you study at a private school?\n你在私立学校读书吗？\n\n"
        "Experience is the best teacher.\n经验是最好的老师。\n",
    )
    assert pairs(f) == [
        ("第一课", "Lesson 1"),
        ("你在私立学校读书吗？", "Do you study at a private school?"),
        ("经验是最好的老师。", "Experience is the best teacher."),
    ]


def test_a_markdown_heading_with_english_lines_and_no_blank_lines(tmp_path: Path) -> None:
    f = write(
        tmp_path / "lesson.md",
        "## 对话 Dialogue\n"
        "Do you study at a private school?\n你在私立学校读书吗？\n"
        "Experience is the best teacher.\n经验是最好的老师。\n",
    )
    doc = read_document(f)
    assert doc.title == "对话"  # the headline before the body
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        ("对话", "Dialogue"),
        ("你在私立学校读书吗？", "Do you study at a private school?"),
        ("经验是最好的老师。", "Experience is the best teacher."),
    ]


def test_markdown_headings_are_marked_as_headings_and_nothing_else(tmp_path: Path) -> None:
    # A Chinese heading, a bilingual one (its Chinese half), and body lines.
    md = write(
        tmp_path / "lesson.md",
        "# 第一课：学校生活\n\n我每天去学校。\n\n## 对话 Dialogue\n"
        "Do you study at a private school?\n你在私立学校读书吗？\n",
    )
    assert [(p.zh, p.heading) for p in read_document(md).paragraphs] == [
        ("第一课：学校生活", True),
        ("我每天去学校。", False),
        ("对话", True),
        ("你在私立学校读书吗？", False),
    ]
    # A plain-text file with no Markdown in it has no headings: a hashtag is no heading.
    txt = write(tmp_path / "post.txt", "#第一课#学校生活\n\n我每天去学校。\n")
    assert [(p.zh, p.heading) for p in read_document(txt).paragraphs] == [
        ("#第一课#学校生活", False),
        ("我每天去学校。", False),
    ]


def test_a_txt_lesson_written_in_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    # Teachers save Markdown lessons as .txt too: read as plain text, "# " and "**" ended
    # up in the sentences and titles of the cards.
    txt = write(
        tmp_path / "lesson.txt",
        "# 第一课：学校生活\n\nI go to school every day.\n我每天去学校。\n\n- **学校** — school\n",
    )
    doc = read_document(txt)
    assert doc.title == "第一课：学校生活"
    assert [(p.zh, p.en, p.heading) for p in doc.paragraphs] == [
        ("第一课：学校生活", None, True),
        ("我每天去学校。", "I go to school every day.", False),
        ("学校", "school", False),
    ]


def test_a_chinese_markdown_heading_pairs_with_nothing(tmp_path: Path) -> None:
    f = write(
        tmp_path / "lesson.md",
        "## 对话\nHe is my father.\n他是我父亲。\nIt's pitch black outside.\n外面一片漆黑。\n",
    )
    assert pairs(f) == [
        ("对话", None),
        ("他是我父亲。", "He is my father."),
        ("外面一片漆黑。", "It's pitch black outside."),
    ]


def test_markdown_vocabulary_bullets_are_pairs(tmp_path: Path) -> None:
    f = write(
        tmp_path / "words.md",
        "# 生词 New words\n\n"
        "- **学校** — school\n"
        "- **经验是最好的老师。** — Experience is the best teacher.\n",
    )
    doc = read_document(f)
    assert doc.title == "生词 New words"
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        ("生词", "New words"),
        ("学校", "school"),
        ("经验是最好的老师。", "Experience is the best teacher."),
    ]


@pytest.mark.parametrize("sep", [" — ", " | ", "\t", " - "])
def test_one_line_pairs_with_a_separator(tmp_path: Path, sep: str) -> None:
    f = write(
        tmp_path / "t.txt", f"他是我父亲。{sep}He is my father.\n外面一片漆黑。{sep}It's dark.\n"
    )
    assert pairs(f) == [("他是我父亲。", "He is my father."), ("外面一片漆黑。", "It's dark.")]


def test_one_line_pairs_with_the_english_in_brackets(tmp_path: Path) -> None:
    f = write(tmp_path / "t.txt", "他是我父亲。(He is my father.)\n外面一片漆黑。（It's dark.）\n")
    assert pairs(f) == [("他是我父亲。", "He is my father."), ("外面一片漆黑。", "It's dark.")]


def test_a_byline_and_a_photo_credit_have_no_counterpart(tmp_path: Path) -> None:
    f = write(
        tmp_path / "news.txt",
        f"芯片出口 Chip Exports\n（记者 张明 报道）\n{EN1}\n{ZH1}\nPhoto: Reuters\n{EN2}\n{ZH2}\n"
        f"图片来源：新华社\n{EN3}\n{ZH3}\n",
    )
    doc = read_document(f)
    assert doc.title == "芯片出口"
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        ("芯片出口", "Chip Exports"),
        ("（记者 张明 报道）", None),
        (ZH1, EN1),
        (ZH2, EN2),
        ("图片来源：新华社", None),
        (ZH3, EN3),
    ]


def test_a_chinese_line_with_a_latin_name_stays_chinese(tmp_path: Path) -> None:
    f = write(tmp_path / "t.txt", f"{EN1}\n{ZH1}\n我们用 Python 写程序。\n")
    assert pairs(f) == [(ZH1, EN1), ("我们用 Python 写程序。", None)]


# A lesson whose lengths fit better shifted by one: "你想走的时候就走吧。" is long for
# "Go when you like.", "你就依我一次吧。" about right for "I hope I'm not bothering you."
SHIFTY = [
    ("Go when you like.", "你想走的时候就走吧。"),
    ("Indulge me.", "你就依我一次吧。"),
    ("I hope I'm not bothering you.", "我希望没有打扰你吧？"),
]


def test_a_lesson_is_paired_whole_even_when_a_shifted_pairing_fits_its_lengths_better(
    tmp_path: Path,
) -> None:
    body = "\n\n".join(f"{en}\n{zh}" for en, zh in SHIFTY)
    f = write(tmp_path / "lesson.txt", f"第一课 Lesson 1\n\n{body}\n")
    assert pairs(f)[1:] == [(zh, en) for en, zh in SHIFTY]


def test_a_chinese_markdown_heading_is_never_the_pair_of_the_next_line(tmp_path: Path) -> None:
    # 课文 / Hi, Tom. and 你好，汤姆。 / Tom is a doctor… fit their lengths well.
    f = write(
        tmp_path / "lesson.md",
        "## 课文\nHi, Tom.\n你好，汤姆。\n"
        "Tom is a doctor in a big hospital.\n汤姆是一家大医院的医生。\n",
    )
    assert pairs(f) == [
        ("课文", None),
        ("你好，汤姆。", "Hi, Tom."),
        ("汤姆是一家大医院的医生。", "Tom is a doctor in a big hospital."),
    ]
