"""What ``flashgen build`` prints and the files it leaves: tables that fit 80 columns,
failures in the tables, a grand total, short options, bare ``flashgen``, skipped files,
warnings, file modes, stale handouts, paths relative to the current folder."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main
from flashgen.cli.build import _CLASS_COLUMNS
from flashgen.cli.tables import Row, fitted_table
from flashgen.parallel import ordered_map

# government / approve / chip / export / discuss / tariff; trade / meticulous
TEXT = """\
政府批准了芯片出口，并讨论了关税问题。
The government approved chip exports and discussed the tariff issue.
他们一丝不苟地讨论了贸易。
They discussed trade meticulously.
"""
BROKEN = b"\xff\xfe\x00"  # a UTF-16 byte-order mark and half a character


def run(*argv: str, width: int = 80) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv),
        console=Console(file=out, width=width),
        err_console=Console(file=err, width=width),
    )
    return code, out.getvalue(), err.getvalue()


def lines_fit(text: str, width: int) -> bool:
    return all(len(line) <= width for line in text.splitlines())


@pytest.fixture
def klass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A class of two good lessons, a broken one and a Word file, in the current folder."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "3a"
    folder.mkdir()
    (folder / "flashgen.toml").write_text('name = "Chinese 3A"\n', encoding="utf-8")
    (folder / "01-trade.txt").write_text(TEXT, encoding="utf-8")
    (folder / "02-broken.txt").write_bytes(BROKEN)
    (folder / "03-again.txt").write_text(TEXT.replace("贸易", "关税"), encoding="utf-8")
    (folder / "04-homework.docx").write_bytes(b"PK\x03\x04word/document.xml")
    return folder


# --- tables ------------------------------------------------------------------------


def test_a_table_at_80_columns_keeps_every_number_whole():
    headers = ("words", "new", "review", "known", "names", "idioms", "cut", "cards")
    rows = [Row(f"{i:02d} a lesson with quite a long title", ("1234",) * 8) for i in range(3)]
    footer = Row("total, 3 lessons\n1 failed", ("123456",) * 8)
    for width in (80, 60, 40):
        table = fitted_table(
            "c", "lesson", headers, rows, footer, width=width, drop_order=headers[:-2]
        )
        console = Console(file=StringIO(), width=width)
        console.print(table)
        text = console.file.getvalue()
        assert "…" not in text and lines_fit(text, width), (width, text)
        shown = [c.header for c in table.columns[1:]]
        assert shown and text.count("123456") == len(shown), (width, text)
        assert "a lesson" in text  # the names wrap, they are never dropped
    assert len(fitted_table("c", "l", headers, rows, footer, width=200).columns) == 9


def test_class_table_lists_the_failed_lesson_and_counts_it(klass):
    code, out, err = run("build", "3a", "-o", "decks", "-j", "1")
    assert code == 1
    assert "…" not in out and lines_fit(out, 80), out
    flat = re.sub(r"\s+", " ", out)
    assert re.search(r"02 broken (– ){8}\(failed\)", flat) or "02 broken (failed) – " in flat
    assert re.search(r"total, 3 lessons\s+25\s.*\n\s*1 failed", out), out
    # Paths as typed, from the current folder: never /tmp/…/3a/02-broken.txt.
    assert "flashgen: error: 3a/02-broken.txt: " in err
    assert str(klass) not in err


def test_the_class_legend_explains_only_the_columns_shown(klass):
    # At 80 columns every column fits and the legend names new, review and cut; at 40
    # the review and cut columns are left out, and so are their explanations.
    legends = {}
    for width in (80, 40):
        _code, out, _err = run("build", "3a", "-o", "decks", "-j", "1", width=width)
        header = next(line for line in out.splitlines() if line.lstrip().startswith("lesson"))
        legends[width] = (header.split()[1:], out[out.index("new: ") :])
    assert legends[80][0] == list(_CLASS_COLUMNS)
    assert "review: a cloze only" in legends[80][1] and "cut: over" in legends[80][1]
    assert "review" not in legends[40][0] and "cut" not in legends[40][0], legends
    assert "review" not in legends[40][1] and "cut" not in legends[40][1], legends
    assert legends[40][1].startswith("new: vocab and cloze notes")


def test_export_prints_one_table_of_its_files_and_words_like_build(klass):
    (klass.parent / "loose.txt").write_text(TEXT, encoding="utf-8")
    argv = ("export", "3a", "loose.txt", "--format", "csv", "-o", "out", "-j", "1")
    code, out, err = run(*argv)
    assert code == 1 and "flashgen: error: 3a/02-broken.txt: " in err
    assert "…" not in out and lines_fit(out, 80), out
    assert out.startswith("2 files → out\n")
    rows = dict(re.findall(r"^ (\S+\.csv)\s+(\d+)\s*$", out, re.M))
    assert rows.keys() == {"Chinese-3A.csv", "loose.csv"}, out
    for name, words in rows.items():  # each count is the file's rows (and a header)
        lines = (klass.parent / "out" / name).read_text(encoding="utf-8-sig").splitlines()
        assert int(words) == len(lines) - 1
    total = re.search(r"^ total, 2 files\s+(\d+)\s*\n\s*1 failed", out, re.M)
    assert total and int(total.group(1)) == sum(map(int, rows.values())), out
    assert run(*argv, "-q")[1] == ""


def test_a_word_file_in_a_class_folder_is_named_as_skipped(klass):
    _code, _out, err = run("build", "3a", "-o", "decks", "-j", "1")
    assert "flashgen: skipped 3a/04-homework.docx: not a lesson" in err
    assert "Plain Text (.txt)" in err


def test_a_plain_folder_gets_one_table_and_a_grand_total(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("a", "b", "c"):
        (texts / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (texts / "d.txt").write_bytes(BROKEN)
    code, out, _err = run("build", "texts", "-o", "decks", "-j", "1")
    assert code == 1
    assert "…" not in out and lines_fit(out, 80), out
    assert out.startswith("3 decks → decks\n")
    for name in ("a.apkg", "b.apkg", "c.apkg", "d.txt (failed)"):
        assert name in out
    notes = re.findall(r"^ [abc]\.apkg .* (\d+)\s+(\d+)\s*$", out, re.M)
    assert len(notes) == 3
    total = re.search(r"^ total, 4 texts\s.*?(\d+)\s+(\d+)\s*\n\s*1 failed", out, re.M)
    assert total, out
    assert int(total.group(1)) == sum(int(n) for n, _ in notes)
    assert int(total.group(2)) == sum(int(c) for _, c in notes)
    assert len(out.splitlines()) < 15  # one table, not one per text


def test_one_text_still_gets_its_own_table_with_grammar_words(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, out, _ = run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d"))
    assert code == 0 and "grammar words skipped" in out and "function words" not in out


def test_one_texts_table_says_what_the_selection_left_out(tmp_path):
    sample = Path(__file__).parent.parent / "seeds"
    code, out, _ = run("build", str(sample), "-o", str(tmp_path), "--max-new", "10")
    assert code == 0
    rows = dict(
        re.findall(r"^\s+(rare words skipped|left out \(over --max-new\))\s+(\d+)", out, re.M)
    )
    # 218 candidates (举 of 此举 is a piece of a set unit: branch frag7), 10 carded
    assert rows == {"rare words skipped": "4", "left out (over --max-new)": "208"}, out


# --- options -----------------------------------------------------------------------


def test_short_options(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d"), "-q", "-j", "1") == (
        0,
        "",
        "",
    )
    assert (tmp_path / "d" / "a.apkg").is_file()


def test_bare_flashgen_prints_the_help():
    code, out, err = run()
    assert code == 0 and err == ""
    assert out.startswith("usage: flashgen") and "build" in out and "export" in out


# --- warnings and files --------------------------------------------------------------


def test_a_text_with_too_many_notes_is_warned_about(tmp_path, monkeypatch):
    import flashgen.build.texts

    monkeypatch.setattr(flashgen.build.texts, "MANY_NOTES", 5)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, _out, err = run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d"))
    assert code == 0
    assert re.search(r"flashgen: warning: .*a\.txt gave \d+ notes \(over 5 from one text\)", err)
    assert run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d"), "-q")[2] == ""


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_get_the_mode_the_umask_gives(klass, umask, mode):
    old = os.umask(umask)
    try:
        run("build", "3a", "-o", "decks", "-j", "1")
        run("export", "3a", "-o", "decks", "--format", "csv", "-j", "1")
    finally:
        os.umask(old)
    files = [
        Path("decks/Chinese-3A.apkg"),
        Path("decks/Chinese-3A/report.json"),
        Path("decks/Chinese-3A/01-trade.html"),
        Path("decks/Chinese-3A.csv"),
    ]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def test_handouts_of_lessons_that_no_longer_exist_are_listed_not_deleted(klass):
    run("build", "3a", "-o", "decks", "-j", "1")
    old = Path("decks/Chinese-3A/03-again.html")
    assert old.is_file()
    (klass / "03-again.txt").rename(klass / "03-once-more.txt")
    mine = Path("decks/Chinese-3A/notes.html")  # a teacher's own file there
    mine.write_text("<p>mine</p>", encoding="utf-8")
    _code, _out, err = run("build", "3a", "-o", "decks", "-j", "1")
    assert "flashgen: note: decks/Chinese-3A holds 2 handout or deck file(s)" in err
    assert "03-again.html" in err and "notes.html" in err
    assert old.is_file() and mine.is_file()  # listed, never deleted
    _code, out, _err = run("build", "3a", "-o", "decks", "-j", "1", "--json")
    assert json.loads(out)["classes"][0]["stale"] == [
        "decks/Chinese-3A/03-again.html",
        "decks/Chinese-3A/notes.html",
    ]
    assert Path("decks/Chinese-3A/03-once-more.html").is_file()


# --- Ctrl-C ----------------------------------------------------------------------------


def _signals_in_worker(_item: int) -> tuple[bool, bool]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN, signal.SIGINT in blocked


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_workers_ignore_ctrl_c_and_the_parent_mask_is_restored():
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    results = list(ordered_map(_signals_in_worker, range(4), jobs=2))
    # Each worker ignores Ctrl-C (the parent handles it) and no longer blocks it: a
    # worker forked while it was blocked has it unblocked by its initializer.
    assert results == [(True, False)] * 4
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


def test_a_class_handout_is_titled_by_the_lessons_own_heading(klass):
    (klass / "05-school.md").write_text("# 第三课：学校生活\n\n" + TEXT, encoding="utf-8")
    run("build", "3a", "-o", "decks", "-j", "1")
    page = Path("decks/Chinese-3A/05-school.html").read_text(encoding="utf-8")
    assert "<h1>第三课：学校生活</h1>" in page
    assert '<p class="class-name">Chinese 3A · 05 school</p>' in page
    plain = Path("decks/Chinese-3A/01-trade.html").read_text(encoding="utf-8")
    assert "<h1>01 trade</h1>" in plain  # no heading of its own: the lesson's name


def test_absolute_paths_inside_the_current_folder_are_shown_from_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "texts" / "b.txt").write_bytes(BROKEN)
    code, out, err = run("build", str(tmp_path / "texts"), "-o", str(tmp_path / "decks"))
    assert code == 1
    assert "flashgen: error: texts/b.txt: " in err
    assert out.startswith("1 deck → decks\n")
    assert str(tmp_path) not in out + err
