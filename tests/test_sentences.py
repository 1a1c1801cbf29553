"""Sentence splitting, Chinese and English: where cuts go, and that nothing is lost."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.text.sentences import acronym_splits, split_en, split_zh

# --- Chinese -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("我们走吧。好！你呢？", ["我们走吧。", "好！", "你呢？"]),
        ("他来了；她走了", ["他来了；", "她走了"]),
        # runs of end marks stay together
        ("真的吗？！不会吧……我不信", ["真的吗？！", "不会吧……", "我不信"]),
        # a closing quote belongs to the sentence it closes
        ("他说：“完成了。”大家鼓掌。", ["他说：“完成了。”", "大家鼓掌。"]),
        ("“技术栈应该成为全球标准。”黄仁勋说。", ["“技术栈应该成为全球标准。”", "黄仁勋说。"]),
        ("（见附录。）下一段", ["（见附录。）", "下一段"]),
        # ASCII marks count between Chinese characters only
        ("真的吗?他说!好;走", ["真的吗?", "他说!", "好;", "走"]),
        ("雅虎Yahoo! 的股价", ["雅虎Yahoo! 的股价"]),
        ("版本是1.5。下一句", ["版本是1.5。", "下一句"]),
        ("没有句号", ["没有句号"]),
    ],
)
def test_split_zh(paragraph: str, sentences: list[str]) -> None:
    assert split_zh(paragraph) == sentences


def test_split_zh_sample_sentence_with_h20_and_quote() -> None:
    text = (
        "这家硅谷公司周一在博客上发帖称,美国政府已批准它向中国出口特供版的人工智能芯片H20。"
        "虽然英伟达在完成中国订单时仍需获得美国政府的许可证,但公司称,"
        "特朗普政府“已向英伟达保证将授予许可证”。"
    )
    assert len(split_zh(text)) == 2
    assert split_zh(text)[1].endswith("”。")


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_empty_input_gives_no_sentences(blank: str) -> None:
    assert split_zh(blank) == []
    assert split_en(blank) == []


# --- English -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "It rained. We stayed in! Did you? Yes.",
            ["It rained.", "We stayed in!", "Did you?", "Yes."],
        ),
        # titles and abbreviations
        (
            "Mr. Huang met Mrs. Lee and Dr. Wu. They talked.",
            ["Mr. Huang met Mrs. Lee and Dr. Wu.", "They talked."],
        ),
        (
            "Nvidia Corp. and Acme Inc. agreed. Jr. staff left St. Louis.",
            ["Nvidia Corp. and Acme Inc. agreed.", "Jr. staff left St. Louis."],
        ),
        (
            "Martin Luther King Jr. spoke. We listened.",
            ["Martin Luther King Jr. spoke.", "We listened."],
        ),
        # dotted acronyms do not end a sentence before a name or a noun …
        (
            "The U.S. government approved an A.I. chip. Nvidia said so.",
            ["The U.S. government approved an A.I. chip.", "Nvidia said so."],
        ),
        (
            "She moved to the U.S. President Trump agreed.",
            ["She moved to the U.S. President Trump agreed."],
        ),
        # … but do before a word that starts sentences
        (
            "It is made in the U.S. The parts are not.",
            ["It is made in the U.S.", "The parts are not."],
        ),
        # initials and decimals
        ("J. K. Rowling wrote it. She is rich.", ["J. K. Rowling wrote it.", "She is rich."]),
        ("Shares rose 4.5 percent. Then fell.", ["Shares rose 4.5 percent.", "Then fell."]),
        ("It hit $4.5 trillion. Wow.", ["It hit $4.5 trillion.", "Wow."]),
        # quotations
        (
            "“We are done!” the company said. Shares fell.",
            ["“We are done!” the company said.", "Shares fell."],
        ),
        (
            "“has assured Nvidia that licenses will be granted,” the company said.",
            ["“has assured Nvidia that licenses will be granted,” the company said."],
        ),
        ("He said, “It is over.” Nobody answered.", ["He said, “It is over.”", "Nobody answered."]),
        (
            "China is a “competitor and adversary, not our enemy.” He smiled.",
            ["China is a “competitor and adversary, not our enemy.”", "He smiled."],
        ),
        ("He said “No. Never.” and left.", ["He said “No. Never.” and left."]),
        (
            'She asked "Why?" and left. Then "Fine." She went.',
            ['She asked "Why?" and left.', 'Then "Fine."', "She went."],
        ),
        ("Wait... What?! Yes.", ["Wait...", "What?!", "Yes."]),
        (
            "He ranked No. 5 in the world. He sat. Then he rose.",
            ["He ranked No. 5 in the world.", "He sat.", "Then he rose."],
        ),
        ("no final stop", ["no final stop"]),
    ],
)
def test_split_en(paragraph: str, sentences: list[str]) -> None:
    assert split_en(paragraph) == sentences


class Case(NamedTuple):
    name: str
    paragraph: str
    sentences: list[str]
    xfail: str | None  # why it is a known failure


ENGLISH_CASES = Path(__file__).parent / "data" / "english_sentences.txt"


def read_cases(path: Path = ENGLISH_CASES) -> list[Case]:
    """The golden cases of ``path``: "## name [| xfail: why]", the paragraph, ".",
    the expected sentences, a blank line (the file's header says more)."""
    cases: list[Case] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln != "#" and not ln.startswith("# ")]
        if not lines:
            continue
        head, paragraph, dot, *sentences = lines
        assert head.startswith("## ") and dot == ".", f"malformed case: {block!r}"
        name, _, why = head[3:].partition(" | xfail: ")
        cases.append(Case(name.strip(), paragraph, sentences, why.strip() or None))
    return cases


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)])
        if c.xfail
        else pytest.param(c, id=c.name)
        for c in read_cases()
    ],
)
def test_split_en_golden(case: Case) -> None:
    assert split_en(case.paragraph) == case.sentences


def test_golden_cases_are_many_and_named_once() -> None:
    names = [c.name for c in read_cases()]
    assert len(names) >= 80
    assert len(set(names)) == len(names)


def test_split_en_sample_paragraph() -> None:
    para = (
        "On Monday, the Silicon Valley company said in a blog post that the U.S. government "
        "had approved sales of a China-specific A.I. chip known as the H20. Nvidia will still "
        "need licensing approval from the U.S. government to fulfill those orders, but the "
        "Trump administration “has assured Nvidia that licenses will be granted,” the "
        "company said."
    )
    out = split_en(para)
    assert len(out) == 2
    assert out[0].endswith("the H20.")


# --- invariants ------------------------------------------------------------------

_PIECES = [
    "我们",
    "走",
    "。",
    "！",
    "？",
    "；",
    "…",
    "”",
    "“",
    "（",
    "）",
    '"',
    "'",
    " ",
    "\n",
    "Mr.",
    "U.S.",
    "A.I.",
    "Dr.",
    "J.",
    "4.5",
    "He",
    "said",
    "!",
    "?",
    ";",
    ".",
    "the",
    "Inc.",
    "H20",
    "The",
    "“Go.”",
    "x",
    "1",
]


def assert_tiles(text: str, sentences: list[str]) -> None:
    """The sentences are non-empty, stripped pieces of ``text``, in order, with only
    whitespace between and around them."""
    pos = 0
    for s in sentences:
        assert s and s == s.strip()
        found = text.index(s, pos)
        assert text[pos:found].strip() == ""
        pos = found + len(s)
    assert text[pos:].strip() == ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_splitting_loses_only_whitespace(text: str) -> None:
    assert_tiles(text, split_zh(text))
    assert_tiles(text, split_en(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_splitting_any_text_loses_only_whitespace(text: str) -> None:
    assert_tiles(text, split_zh(text))
    assert_tiles(text, split_en(text))


def test_english_periods_are_decided_the_same_far_into_a_long_paragraph():
    # split_en looks at a window of text around each period (so that a paragraph of
    # thousands of sentences is not quadratic); what lies at the window's edge must
    # still be decided on the whole word or run of initials.
    long_word = "x" * 250
    assert split_en(f"{long_word}. Then it ended.") == [f"{long_word}.", "Then it ended."]
    initials = "A." * 150
    assert split_en(f"{initials} Then more.") == [f"{initials}", "Then more."]
    names = "He met " + "J. " * 120 + "Rowling."
    assert split_en(names + " No. 5 is here.") == [names, "No. 5 is here."]
    spaced = "Mr." + " " * 300 + "Huang said."
    assert split_en(spaced + " Apple Inc. The deal.") == [spaced, "Apple Inc.", "The deal."]
    many = " ".join(f"Sentence {i} ends here." for i in range(3000))
    assert len(split_en(many)) == 3000
    # Each quotation is looked up among the paragraph's others, not checked against all.
    quoted = " ".join(f'He said "No. Never {i}." Then "it" ended.' for i in range(3000))
    assert split_en(quoted)[:2] == ['He said "No. Never 0."', 'Then "it" ended.']
    assert len(split_en(quoted)) == 6000


# Words, initials, dotted acronyms and boundaries that split_en weighs differently
# after an acronym: what acronym_splits must not miss.
_ACRONYM_PIECES = [
    "A.I.",
    "U.S.",
    "Ph.D.",
    "J.",
    "K.",
    "Nvidia",
    "said",
    "so",
    "the",
    " ",
    ". ",
    ".",
]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Chips that power A.I. Nvidia sold them.",
        "He has a Ph.D. He teaches.",
        "It was U.S. Steel that said so.",
    ],
)
def test_a_paragraph_with_a_dotted_acronym_is_split_both_ways(paragraph: str) -> None:
    assert acronym_splits(paragraph)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ACRONYM_PIECES), max_size=12).map("".join))
def test_without_a_dotted_acronym_both_splits_are_one(paragraph: str) -> None:
    # annotate splits a paragraph a second way only where acronym_splits says it may
    # differ; where it says not, the two splits must be the same.
    if not acronym_splits(paragraph):
        assert split_en(paragraph, after_acronyms=True) == split_en(paragraph)
