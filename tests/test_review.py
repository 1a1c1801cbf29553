"""``flashgen review``: the page per text or lesson (opened in real headless Chromium),
the flags, and the corrections template (which, given back unchanged, changes nothing)."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.cli import main
from flashgen.teach.flags import FLAGS, word_flags
from flashgen.teach.select import Pick

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"
STAMP = "1752624000"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=300), err_console=Console(file=err, width=300)
    )
    return code, out.getvalue(), err.getvalue()


def make_class(folder: Path) -> None:
    """The sample article as a class of two lessons, 政府 known."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[1:]
    half = len(lines) // 4 * 2
    folder.mkdir(parents=True)
    (folder / "01-chips.txt").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (folder / "02-lobby.txt").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    (folder / "known.txt").write_text("政府\n", encoding="utf-8")
    (folder / "flashgen.toml").write_text(
        'name = "3A"\nknown_words = "known.txt"\nmax_new_words = 40\n', encoding="utf-8"
    )


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("review")
    make_class(root / "classes" / "3a")
    code, out, err = run("review", str(root / "classes"), str(SAMPLE), "--out", str(root / "r"))
    assert code == 0, err
    return root, out


def page_parts(page: str) -> dict[str, object]:
    """What a reader of the page sees: the flag counts, and each table's body rows."""
    counts = dict(
        (flag, int(n))  # (the counts table's own rows are also under "counts" below)
        for n, flag in re.findall(r'<td class="n">(\d+)</td><td><span class="flag">([\w-]+)', page)
    )
    tables = {
        name: re.findall(r"<tr[ >].*?</tr>", body, re.S)
        for name, body in re.findall(r'<table class="(\w+)".*?<tbody>(.*?)</tbody>', page, re.S)
    }
    return {**tables, "flag_counts": counts}


def test_a_page_and_a_template_per_lesson_and_text(reviewed):
    root, out = reviewed
    r = root / "r"
    assert sorted(p.relative_to(r).as_posix() for p in r.rglob("*.*")) == [
        "000_83bce5aa88b4fec1.corrections.tsv",
        "000_83bce5aa88b4fec1.html",
        "3A/01 chips.corrections.tsv".replace(" ", "-"),
        "3A/01 chips.html".replace(" ", "-"),
        "3A/02 lobby.corrections.tsv".replace(" ", "-"),
        "3A/02 lobby.html".replace(" ", "-"),
    ]
    # The summary: "3 pages → r", then a row per page (its path in r, words, flagged).
    assert out.splitlines()[0] == f"3 pages → {r}"
    table = re.findall(r"^\s*(\S+\.html)\s+(\d+)\s+(\d+)\s*$", out, re.M)
    assert sorted(name for name, _, _ in table) == sorted(
        p.relative_to(r).as_posix() for p in r.rglob("*.html")
    )
    assert re.search(r"total, 3 pages\s+(\d+)\s+(\d+)", out)[1] == str(
        sum(int(words) for _, words, _ in table)
    )
    for name, words_shown, flagged_shown in table:
        words, flagged = int(words_shown), int(flagged_shown)
        html_path = r / name
        page = html_path.read_text(encoding="utf-8")
        parts = page_parts(page)
        rows = parts["words"]
        assert len(rows) == words > 10
        assert sum('class="flagged"' in row for row in rows) == flagged
        # The counts at the top are the flags of the rows, flag by flag.
        assert set(parts["flag_counts"]) == set(FLAGS)
        for flag, n in parts["flag_counts"].items():
            assert (
                sum('class="flag" title=' in row and f">{flag}</span>" in row for row in rows) == n
            )
        template = html_path.with_suffix(".corrections.tsv")
        lines = template.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "word\tpinyin\tmeaning\taction\tflags" and len(lines) == flagged + 1


def test_the_page_shows_sentence_pairs_and_skipped_words_with_reasons(reviewed):
    root, _ = reviewed
    page = (root / "r" / "000_83bce5aa88b4fec1.html").read_text(encoding="utf-8")
    pairs = page_parts(page)["pairs"]
    assert len(pairs) == 32 and all('class="scope"' in p for p in pairs)
    assert sum(">trusted<" in p for p in pairs) == 32  # the sample: every pair trusted
    assert re.search(r"<b[^>]*>grammar word</b> \(\d+\)", page)
    assert re.search(r"<b[^>]*>known: HSK level</b> \(25\)", page)
    # deck's rare-word skip (置评 2.4 and 特设 2.9 on the Zipf scale)
    rare = re.search(r"<b[^>]*>rare: below min_zipf, not in HSK 1–6</b> \(\d+\):(.*)", page)
    assert rare and "<span>置评</span>" in rare[1] and "<span>特设</span>" in rare[1]
    lesson2 = (root / "r" / "3A" / "02-lobby.html").read_text(encoding="utf-8")
    # known-words file, names, words of lesson 1 (review), and the cap of 40 new words
    assert re.search(r"known: word list or Anki collection</b> \(1\): <span>政府</span>", lesson2)
    assert "review: taught in 01 chips" in lesson2
    assert re.search(r"<b[^>]*>name</b>", lesson2)
    assert re.search(r"over the maximum \(score [\d.]+\)", page + lesson2)


def test_the_template_given_back_unchanged_changes_no_byte(reviewed, tmp_path, monkeypatch):
    root, _ = reviewed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", STAMP)
    template = root / "r" / "000_83bce5aa88b4fec1.corrections.tsv"
    # The flagged words of the 40 (11 on the sample): enough rows that "unchanged" means
    # something.
    assert len(template.read_text(encoding="utf-8").splitlines()) > 8
    for out, extra in (("a", ()), ("b", ("--corrections", str(template)))):
        code, _, err = run("build", str(SAMPLE), "--out", str(tmp_path / out), *extra)
        assert code == 0 and "warning" not in err, err
    name = "000_83bce5aa88b4fec1.apkg"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# --- flags ------------------------------------------------------------------------------


def test_flags_of_hand_made_words(sentence):
    s = sentence(
        "他们|讨论|了|关税|。",
        en="They discussed tariffs.",
        matches={"关税": "tariffs"},
        overrides={"讨论": {"syllables": "tao3 lun2"}},
    )
    by_word = {t.text: t for t in s.tokens}
    assert word_flags(Pick(by_word["关税"], s)).flags == ()
    # 讨论 read against CC-CEDICT's only reading (tǎolùn), and not found in the English
    assert word_flags(Pick(by_word["讨论"], s)).flags == ("reading", "no-english")
    doubtful = sentence("他们|讨论|关税|。", en="Something else.", scope="doubtful")
    flags = word_flags(Pick(doubtful.tokens[2], doubtful)).flags
    assert "doubtful-pair" in flags and "no-english" not in flags
    one = sentence("行|。", en="OK.")
    assert "single-char" in word_flags(Pick(one.tokens[0], one)).flags


def test_a_narrow_reading_is_flagged_with_its_margin():
    from build_fixtures import annotated_pick

    # 哄 in 别哄我了 comes out hòng (g2pM, wrongly) against hǒng by a narrow margin: the
    # flag is what a teacher needs to see.  (长 in 长得 was this example until the
    # neighbour vote made it a sure zhǎng, then 没 in 他没来 until the function-word rule
    # made it méi.)
    pick = annotated_pick("别哄我了。", "Don't fool me.", "哄")
    flags = word_flags(pick)
    assert flags.margin is not None and flags.margin < 2.3 and "reading" in flags.flags
    sure = annotated_pick("他在银行工作。", "He works at a bank.", "银行")
    assert word_flags(sure).flags == ()


# --- the page in a real browser ----------------------------------------------------------


@pytest.fixture
def page(reviewed) -> Path:
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return reviewed[0] / "r" / "000_83bce5aa88b4fec1.html"


def test_chromium_renders_every_row_without_scripts(chromium, page):
    dom = chromium(page, "--dump-dom")
    parts = page_parts(dom)
    assert len(parts["words"]) == 40 and len(parts["pairs"]) == 32  # the default cap
    assert (
        "<script" not in dom and "http" not in page.read_text(encoding="utf-8").split("<body>")[0]
    )


def test_chromium_screenshot_and_pdf(chromium, page, tmp_path):
    png = tmp_path / "review.png"
    chromium(page, f"--screenshot={png}", "--window-size=1240,1754")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 50_000
    pdf = tmp_path / "review.pdf"
    chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page\b", data)) > 5


def test_a_compound_kept_whole_is_flagged_as_a_segmentation_and_fallback_decision():
    from build_fixtures import annotated_pick

    # 访华 is not in CC-CEDICT: kept whole and glossed by its parts, which a teacher checks.
    pick = annotated_pick(
        "法国总统明年将访华。", "The French president will visit China next year.", "访华"
    )
    assert pick.token.gloss is not None and pick.token.gloss.source == "parts"
    flags = word_flags(pick).flags
    assert "segmentation" in flags and "fallback" in flags


def test_every_reason_a_word_is_skipped_for_has_words_on_the_page():
    # A reason without its own words on the page would show its key ("part").
    from flashgen.build.review import _WHY
    from flashgen.teach.select import SKIP_REASONS

    assert set(SKIP_REASONS) - {"punct"} <= set(_WHY)


def test_nothing_runs_off_the_side_of_an_a4_wide_window(chromium, page, tmp_path):
    # A4 is 794 CSS pixels wide: the page must not scroll sideways there (the flag
    # legend's longest explanation once did, and was cut off when printed).
    probe = tmp_path / "probe.html"
    script = (
        "<script>addEventListener('load', () => { document.title = "
        "document.documentElement.scrollWidth + ' ' + innerWidth; });</script>"
    )
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</head>", script + "</head>"), encoding="utf-8"
    )
    dom = chromium(probe, "--dump-dom", "--window-size=794,1123")
    scroll, width = map(int, re.search(r"<title>(\d+) (\d+)</title>", dom).groups())
    assert scroll <= width, (scroll, width)
