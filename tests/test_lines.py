"""What a line is: English or not."""

from __future__ import annotations

import pytest

from flashgen.text.lines import is_english


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
