"""export: the selection as CSV, TSV and Pleco flashcard text, read back and checked."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import replace

import pytest

from flashgen.datatypes import Gloss
from flashgen.language.annotate import iter_annotated
from flashgen.output.export import (
    BOM,
    COLUMNS,
    FORMATS,
    ExportFormat,
    export_text,
    pleco_category,
    suffix,
)
from flashgen.teach.select import Pick, select_words
from flashgen.text.read import read_document

# they / discussed / tariffs  ·  she / works / meticulously, / the lawyers / all / admire (her)
TEXT = """\
他们讨论了关税。
They discussed tariffs.
她做事一丝不苟，律师都很佩服。
She is meticulous in her work, and the lawyers admire her.
"""
MARKET = "Chinese 3A::01 At the market"
NEWS = "Chinese 3A::02 The news"

# A headword, then a tab-free pinyin of numbered syllables (or nothing), then the rest.
PLECO_CARD = re.compile(r"^[^\t/\[\]]+(?:\[[^\t\[\]]+\])?\t(?:[a-zü]+[1-5])*\t[^\t]*$")


@pytest.fixture(scope="module")
def picks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pick]:
    path = tmp_path_factory.mktemp("export") / "lesson.txt"
    path.write_text(TEXT, encoding="utf-8")
    selection = select_words(iter_annotated(read_document(path)))
    return {p.token.simplified: p for p in selection.picks}


@pytest.fixture(scope="module")
def lessons(picks: dict[str, Pick]) -> list[tuple[str, list[Pick]]]:
    first = [p for w, p in picks.items() if w in ("讨论", "关税")]
    return [(MARKET, first), (NEWS, [p for p in picks.values() if p not in first])]


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def with_awkward_text(pick: Pick) -> Pick:
    # Every character a spreadsheet format has to escape, in the gloss and the sentence.
    gloss = Gloss(('to say "yes", then\nto\tleave',), (), "cedict")
    sentence = replace(pick.sentence, en='He said "no, never"\r\nand left.\tThe end.')
    return replace(pick, token=pick.token._replace(gloss=gloss), sentence=sentence)


# --- the real pipeline's words --------------------------------------------------
def test_the_sample_has_the_words_the_tests_rely_on(picks: dict[str, Pick]) -> None:
    assert {"讨论", "关税", "做事", "一丝不苟", "律师"} <= picks.keys()
    assert picks["做事"].token.traditional == "做事"  # same in both scripts
    assert picks["一丝不苟"].token.kind == "idiom"


# --- csv ------------------------------------------------------------------------
def test_csv_header_rows_and_values(lessons: Sequence[tuple[str, Sequence[Pick]]]) -> None:
    rows = read_csv(export_text(lessons, "csv"))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + sum(len(p) for _, p in lessons)
    assert all(len(r) == len(COLUMNS) for r in rows)
    by_word = {r[1]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_word["关税"] == {
        "lesson": MARKET,
        "hanzi": "关税",
        "traditional": "關稅",
        "pinyin": "guānshuì",
        "pinyin_numbered": "guan1 shui4",
        "meaning": "tariff; customs duty",
        "hsk": "7–9",
        "kind": "word",
        "sentence": "他们讨论了关税。",
        "sentence_english": "They discussed tariffs.",
    }
    assert by_word["做事"]["traditional"] == ""
    assert by_word["一丝不苟"]["pinyin"] == "yī sī bù gǒu"  # idioms spaced, as on the cards
    assert by_word["律师"]["pinyin"] == "lǜshī"
    assert [r[0] for r in rows[1:3]] == [MARKET, MARKET]
    assert {r[0] for r in rows[3:]} == {NEWS}


def test_csv_keeps_study_order(lessons: Sequence[tuple[str, Sequence[Pick]]]) -> None:
    rows = read_csv(export_text(lessons, "csv"))[1:]
    assert [r[1] for r in rows] == [p.token.simplified for _, ps in lessons for p in ps]


def test_csv_round_trips_commas_quotes_tabs_and_newlines(picks: dict[str, Pick]) -> None:
    awkward = with_awkward_text(picks["讨论"])
    text = export_text([('Unit 1, "Shopping"', [awkward])], "csv")
    row = dict(zip(COLUMNS, read_csv(text)[1], strict=True))
    assert row["lesson"] == 'Unit 1, "Shopping"'
    assert row["meaning"] == 'to say "yes", then\nto\tleave'
    assert row["sentence_english"] == 'He said "no, never"\r\nand left.\tThe end.'


def test_csv_is_rfc4180_with_a_bom(picks: dict[str, Pick]) -> None:
    text = export_text([(MARKET, [with_awkward_text(picks["讨论"])])], "csv")
    assert text.startswith(BOM + "lesson,hanzi,")
    assert text.count(BOM) == 1
    assert text.endswith("\r\n")
    # Header and record end in \r\n; the quoted fields keep their own \n and \r\n.
    assert text.count("\r\n") == 3 and text.count("\n") == 4
    assert '"to say ""yes"", then\nto\tleave"' in text
    # As the caller writes it: UTF-8 bytes, which Excel and utf-8-sig read back.
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert read_csv(BOM + raw.decode("utf-8-sig")) == read_csv(text)


# --- tsv ------------------------------------------------------------------------
def test_tsv_has_a_header_and_exactly_one_field_per_column(
    lessons: Sequence[tuple[str, Sequence[Pick]]], picks: dict[str, Pick]
) -> None:
    awkward = (NEWS, [with_awkward_text(picks["关税"])])
    text = export_text([*lessons, awkward], "tsv")
    assert not text.startswith(BOM) and "\r" not in text and text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert lines[0].split("\t") == list(COLUMNS)
    assert len(lines) == 2 + sum(len(p) for _, p in lessons)
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)
    assert lines == text.splitlines()  # no other line break hides in a field
    last = dict(zip(COLUMNS, lines[-1].split("\t"), strict=True))
    assert last["meaning"] == 'to say "yes", then to leave'  # no quoting in TSV
    assert last["sentence_english"] == 'He said "no, never" and left. The end.'


def test_tsv_and_csv_carry_the_same_values(lessons: Sequence[tuple[str, Sequence[Pick]]]) -> None:
    tsv = [line.split("\t") for line in export_text(lessons, "tsv").splitlines()]
    assert tsv == read_csv(export_text(lessons, "csv"))


# --- pleco ----------------------------------------------------------------------
def test_pleco_categories_and_cards(lessons: Sequence[tuple[str, Sequence[Pick]]]) -> None:
    text = export_text(lessons, "pleco")
    assert not text.startswith(BOM) and "\r" not in text and text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert lines[:3] == [
        "//Chinese 3A/01 At the market",
        "讨论[討論]\ttao3lun4\tto discuss; to talk over",
        "关税[關稅]\tguan1shui4\ttariff; customs duty",
    ]
    assert lines[3] == "//Chinese 3A/02 The news"
    assert [line for line in lines if line.startswith("//")] == [lines[0], lines[3]]
    cards = [line for line in lines if not line.startswith("//")]
    assert len(cards) == sum(len(p) for _, p in lessons)
    assert all(PLECO_CARD.match(card) for card in cards), cards


def test_pleco_headword_has_traditional_only_when_it_differs(
    lessons: Sequence[tuple[str, Sequence[Pick]]],
) -> None:
    cards = [
        line.split("\t")
        for line in export_text(lessons, "pleco").splitlines()
        if not line.startswith("//")
    ]
    heads = [c[0] for c in cards]
    for _, ps in lessons:
        for p in ps:
            simp, trad = p.token.simplified, p.token.traditional
            assert (f"{simp}[{trad}]" if trad != simp else simp) in heads
    assert "做事" in heads and not any(h.startswith("做事[") for h in heads)
    assert "一丝不苟[一絲不苟]" in heads


def test_pleco_pinyin_is_numbered_joined_with_u_umlaut(picks: dict[str, Pick]) -> None:
    lines = export_text([(NEWS, [picks["律师"], picks["一丝不苟"]])], "pleco").splitlines()
    assert lines[1].split("\t")[:2] == ["律师[律師]", "lü4shi1"]
    assert lines[2].split("\t")[1] == "yi1si1bu4gou3"


def test_pleco_leaves_an_unknown_reading_for_pleco_to_fill(picks: dict[str, Pick]) -> None:
    pick = picks["佩服"]
    unknown = replace(pick, token=pick.token._replace(syllables=("pei4", "?")))
    assert export_text([(NEWS, [unknown])], "pleco").splitlines()[1] == "佩服\t\tto admire"


def test_pleco_fields_never_hold_a_tab_or_line_break(picks: dict[str, Pick]) -> None:
    text = export_text([(MARKET, [with_awkward_text(picks["讨论"])])], "pleco")
    assert text.splitlines() == [
        "//Chinese 3A/01 At the market",
        '讨论[討論]\ttao3lun4\tto say "yes", then to leave',
    ]


def test_pleco_category_names() -> None:
    assert pleco_category("Chinese 3A::01 At the market") == "//Chinese 3A/01 At the market"
    assert pleco_category("  HSK 4 :: Lesson 1/2 ::") == "//HSK 4/Lesson 1／2"
    assert pleco_category("Tab\there") == "//Tab here"
    with pytest.raises(ValueError, match="name"):
        pleco_category(" :: ")


# --- all formats ----------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic_and_keeps_the_callers_duplicates(
    fmt: ExportFormat, lessons: Sequence[tuple[str, Sequence[Pick]]], picks: dict[str, Pick]
) -> None:
    repeated = [*lessons, ("Review", [picks["关税"]])]
    text = export_text(repeated, fmt)
    assert text == export_text(repeated, fmt)
    assert text.count("关税") - text.count("他们讨论了关税") == 2  # as headword, twice


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lesson_without_words_writes_nothing(
    fmt: ExportFormat, lessons: Sequence[tuple[str, Sequence[Pick]]]
) -> None:
    with_empty = [(MARKET, lessons[0][1]), ("Chinese 3A::Empty", []), (NEWS, lessons[1][1])]
    text = export_text(with_empty, fmt)
    assert text == export_text(lessons, fmt)
    assert "Empty" not in text


def test_suffixes_and_unknown_formats() -> None:
    assert {f: suffix(f) for f in FORMATS} == {"csv": ".csv", "tsv": ".tsv", "pleco": ".txt"}
    with pytest.raises(ValueError, match="xlsx"):
        suffix("xlsx")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="xlsx"):
        export_text([], "xlsx")  # type: ignore[arg-type]


def test_empty_selection() -> None:
    assert read_csv(export_text([], "csv")) == [list(COLUMNS)]
    assert export_text([], "tsv") == "\t".join(COLUMNS) + "\n"
    assert export_text([], "pleco") == ""


def test_the_command_offers_every_format():
    from flashgen.cli.export import FORMATS as CLI_FORMATS

    assert CLI_FORMATS == FORMATS


def test_a_loose_text_exports_its_best_ranked_new_words(tmp_path):
    from io import StringIO

    from rich.console import Console

    from flashgen.cli import main
    from flashgen.teach.plan import plan_one

    text = tmp_path / "lesson.txt"
    text.write_text(TEXT, encoding="utf-8")
    out, err = StringIO(), StringIO()
    argv = ["export", str(text), "--format", "tsv", "--out", str(tmp_path / "x"), "--max-new", "2"]
    code = main(argv, console=Console(file=out, width=200), err_console=Console(file=err))
    assert (code, err.getvalue()) == (0, "")
    exported = tmp_path / "x" / "lesson.tsv"
    # As build's table of decks: the folder on its own line, then each file's words.
    lines = [line.strip() for line in out.getvalue().splitlines() if line.strip()]
    assert lines[0] == f"1 file → {exported.parent}"
    assert re.split(r"\s+", lines[3]) == ["lesson.tsv", "2"]
    assert re.split(r"\s+", lines[4]) == ["total,", "1", "file", "2"]
    rows = [line.split("\t") for line in exported.read_text(encoding="utf-8").splitlines()[1:]]
    best = plan_one(select_words(iter_annotated(read_document(text))), 2)
    assert [r[1] for r in rows] == [p.token.simplified for p in best.new]
    assert len(best.new) == 2 and best.left_out  # the maximum did cut something


def test_the_meaning_has_the_cards_order_and_the_whole_entry(dang_when: Pick) -> None:
    # 当 dāng "when" (its 7th sense) first, as on the card; nothing collapsed or cut.
    from flashgen.datatypes import EnglishMatch
    from flashgen.output.export import pleco_card, row

    pick = dang_when
    gloss = pick.token.gloss
    assert gloss is not None and len(gloss.senses) == 18
    meaning = row("L", pick)[COLUMNS.index("meaning")]
    assert meaning == "; ".join(gloss.senses) and meaning.startswith("when; (onom.) dong;")
    assert pleco_card(pick).split("\t")[2] == meaning
    # A context match (one made up here) comes first, marked, before the senses.
    context = replace(
        pick, token=pick.token._replace(en_match=EnglishMatch(0, 4, "Once", "", "context"))
    )
    assert row("L", context)[COLUMNS.index("meaning")] == "“Once” (in this sentence); " + meaning
