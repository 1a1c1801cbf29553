"""What a line is: English or not."""

from __future__ import annotations

import pytest

from flashgen.text.lines import is_byline, is_english, split_heading, split_pair


@pytest.mark.parametrize(
    "text",
    [
        "Three months after shutting down Nvidia’s chip sales, the administration reversed.",
        "The phrase 躺平 (tang ping), meaning “lying flat,” spread quickly online last year.",
        "By Ana Swanson",
    ],
)
def test_english(text: str) -> None:
    assert is_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "（第2版）",
        "DeepSeek 和 H20 芯片",
        "2025年7月16日",
        "2025-07-16",
        "12 345",
        "——",
        "",
        "他说：“We are excited about it.”",
        "Привет, мир",
    ],
)
def test_not_english(text: str) -> None:
    assert not is_english(text)


# --- lines holding a pair ---------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("学校 — school", ("学校", "school")),  # what - **学校** — school leaves
        ("学校—school", ("学校", "school")),
        ("老师 | teacher", ("老师", "teacher")),
        ("Teacher ｜ 老师", ("老师", "Teacher")),  # either order
        ("学校\tschool", ("学校", "school")),
        ("你好（Hello）", ("你好", "Hello")),
        (
            "经验是最好的老师。(Experience is the best teacher.)",
            ("经验是最好的老师。", "Experience is the best teacher."),
        ),
    ],
)
def test_split_pair(line: str, pair: tuple[str, str] | None) -> None:
    assert split_pair(line) == pair


@pytest.mark.parametrize(
    "line",
    [
        "他来自美国 (USA)",  # a note in brackets, far too short for a translation
        "DeepSeek 和 H20 芯片",  # Chinese with Latin names
        "他说——我们走吧。",  # a Chinese dash, no English
        "我们用 Python 写程序。",
        "Experience is the best teacher.",
        "经验是最好的老师。",
        "A — B",
    ],
)
def test_not_a_pair(line: str) -> None:
    assert split_pair(line) is None


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("对话 Dialogue", ("对话", "Dialogue")),
        ("第一课 Lesson 1", ("第一课", "Lesson 1")),
        ("第3章 Chapter 3", ("第3章", "Chapter 3")),
        ("芯片出口 Chip Exports", ("芯片出口", "Chip Exports")),
    ],
)
def test_split_heading(line: str, pair: tuple[str, str]) -> None:
    assert split_heading(line) == pair


@pytest.mark.parametrize(
    "line",
    ["我喜欢 iPhone", "DeepSeek 和 H20 芯片", "对话", "Dialogue", "我们用 Python 写程序"],
)
def test_not_a_heading_pair(line: str) -> None:
    assert split_heading(line) is None


@pytest.mark.parametrize(
    "line",
    ["Photo: Reuters", "Photo credit: AP", "图片来源：新华社", "图：新华社", "By Zhang Ming"],
)
def test_credits_are_bylines(line: str) -> None:
    assert is_byline(line)


def test_a_sentence_starting_with_tu_is_no_byline() -> None:
    assert not is_byline("图书馆很大")
