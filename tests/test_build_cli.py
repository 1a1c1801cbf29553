"""``flashgen build`` in-process: summaries, --json, --quiet, bad inputs, reproducibility."""

from __future__ import annotations

import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from flashgen.build.texts import build_timestamp, output_paths, slug
from flashgen.cli import main
from flashgen.errors import FlashgenError
from flashgen.text.inputs import InputText

# Customs duties / the government / approved the export of chips (zh, then en).
TEXT = """\
政府批准了芯片出口，并讨论了关税问题。
The government approved chip exports and discussed the tariff issue.
他们认为这个决定一丝不苟。
They considered the decision meticulous.
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=100), err_console=Console(file=err, width=100)
    )
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "chips.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_builds_one_deck_per_text_and_prints_a_summary(texts, tmp_path):
    code, out, err = run("build", str(texts), "--out", str(tmp_path / "decks"))
    assert (code, err) == (0, "")
    assert (tmp_path / "decks" / "chips.apkg").is_file()
    for label in (
        "chips",
        "sentences",
        "words found",
        "idioms",
        "names skipped",
        "notes",
        "cards",
        "chips.apkg",
    ):
        assert label in out


def test_progress_bar_on_a_terminal(texts, tmp_path):
    err = StringIO()
    code = main(
        ["build", str(texts), "--out", str(tmp_path / "d")],
        console=Console(file=StringIO()),
        err_console=Console(file=err, force_terminal=True, width=80),
    )
    assert code == 0 and "building decks" in err.getvalue()


def test_json_summary(texts, tmp_path):
    code, out, err = run("build", str(texts), "--out", str(tmp_path / "d"), "--json")
    assert (code, err) == (0, "")
    summary = json.loads(out)
    (deck,) = summary["decks"]
    assert deck["deck"] == "chips" and deck["path"] == str(tmp_path / "d" / "chips.apkg")
    assert deck["sentences"] == 2 and deck["notes"] > 0
    assert deck["cards"] == 3 * deck["notes"] // 2  # vocab: 2 cards, cloze: 1
    assert set(deck["skipped"]) >= {"names", "numbers", "latin", "punct", "known"}
    assert summary["errors"] == []


def test_quiet_prints_nothing_on_success(texts, tmp_path):
    assert run("build", str(texts), "--out", str(tmp_path / "d"), "--quiet") == (0, "", "")


def test_bad_file_is_named_skipped_and_fails_the_run(texts, tmp_path):
    (texts / "broken.txt").write_bytes(b"\x00\x01\x02 not a text \xff\xfe")
    code, out, err = run("build", str(texts), "--out", str(tmp_path / "d"), "--json")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and "broken.txt" in lines[0] and lines[0].startswith("flashgen: ")
    summary = json.loads(out)
    assert [d["deck"] for d in summary["decks"]] == ["chips"]  # the good one is still built
    assert summary["errors"][0]["input"].endswith("broken.txt")
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["chips.apkg"]


def test_deck_name_option(texts, tmp_path):
    code, out, _ = run(
        "build", str(texts), "--out", str(tmp_path / "d"), "--deck", "Chinese::News", "--json"
    )
    assert code == 0
    assert json.loads(out)["decks"][0]["deck"] == "Chinese::News"
    assert (tmp_path / "d" / "chips.apkg").is_file()  # the file is still named after the text


def test_known_hsk_zero_keeps_more_words(texts, tmp_path):
    def notes(*extra):
        _, out, _ = run("build", str(texts), "--out", str(tmp_path / "d"), "--json", *extra)
        return json.loads(out)["decks"][0]["notes"]

    assert notes("--known-hsk", "0") > notes() > notes("--known-hsk", "7")


def test_max_new_and_min_zipf_options(tmp_path, capsys):
    sample = Path(__file__).parent.parent / "seeds"

    def deck(*extra):
        code, out, err = run("build", str(sample), "--out", str(tmp_path / "d"), "--json", *extra)
        assert code == 0, err
        return json.loads(out)["decks"][0]

    # 218 candidates: 特供 is one compound card, not 特 and 供 (branch frag2); 举 of
    # 此举 is a piece of a set unit, not carded alone (branch frag7)
    default = deck()
    assert (default["notes"], default["left_out"], default["skipped"]["rare"]) == (80, 178, 4)
    assert deck("--max-new", "10")["notes"] == 20
    assert deck("--max-new", "0")["notes"] == 2 * 218  # every candidate, none left out
    every = deck("--max-new", "0", "--min-zipf", "0")
    assert (every["notes"], every["skipped"]["rare"]) == (2 * 222, 0)
    assert deck("--max-new", "0", "--min-zipf", "5")["notes"] < 2 * 218
    with pytest.raises(SystemExit) as usage:  # argparse's usage error
        run("build", str(sample), "--out", str(tmp_path / "d"), "--min-zipf", "9")
    assert usage.value.code == 2
    assert "expected a number from 0 to 8, not '9'" in capsys.readouterr().err


def test_source_date_epoch_gives_identical_decks(texts, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752624000")
    run("build", str(texts), "--out", str(tmp_path / "a"), "--quiet")
    run("build", str(texts), "--out", str(tmp_path / "b"), "--quiet")
    a, b = tmp_path / "a" / "chips.apkg", tmp_path / "b" / "chips.apkg"
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 7, 16, 0, 0, 0)}


def test_bad_source_date_epoch_is_one_line(texts, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = run("build", str(texts), "--out", str(tmp_path / "d"))
    assert code == 1 and "SOURCE_DATE_EPOCH" in err and len(err.splitlines()) == 1


def test_missing_path_is_one_line(tmp_path):
    code, _, err = run("build", str(tmp_path / "nope"), "--out", str(tmp_path / "d"))
    assert code == 1 and "nope" in err and len(err.splitlines()) == 1


def test_help_describes_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = capsys.readouterr().out
    for option in (
        "--out",
        "--deck",
        "--known-hsk",
        "--max-new",
        "--min-zipf",
        "--cloze-hint",
        "--audio",
        "--quiet",
        "--json",
    ):
        assert option in text


def test_build_timestamp():
    assert build_timestamp({"SOURCE_DATE_EPOCH": "1752624000"}) == 1752624000.0
    assert build_timestamp({}) > 1752624000
    with pytest.raises(FlashgenError):
        build_timestamp({"SOURCE_DATE_EPOCH": "-5"})


def test_file_names_are_safe_and_unique():
    assert slug("2025年7月 NYT: Nvidia/China?") == "2025年7月-NYT-Nvidia-China"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("") == slug("???") == "deck"
    assert slug("NUL") == "NUL-deck"
    texts = [InputText(n, Path(f"{n}.txt"), None) for n in ("a/b", "a-b", "A-B", "c")]
    assert [p.name for p in output_paths(texts, Path("out"))] == [
        "a-b.apkg",
        "a-b-2.apkg",
        "A-B-3.apkg",
        "c.apkg",
    ]


@pytest.mark.slow  # two processes, the first building every cache from scratch
def test_a_first_run_says_it_is_building_the_caches_and_a_second_does_not(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "FLASHGEN_CACHE_DIR": str(tmp_path / "cache")}
    text = tmp_path / "news.txt"
    text.write_text(TEXT, encoding="utf-8")
    cmd = [sys.executable, "-m", "flashgen", "build", str(text), "--out", str(tmp_path)]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    assert first.stderr.startswith("flashgen: first run: building the dictionary caches")
    assert "first run" not in again.stderr
    assert first.stdout == again.stdout  # the same deck summary


def test_a_class_with_audio_in_its_toml_gets_sounds(tmp_path):
    folder = tmp_path / "classes" / "3a"
    folder.mkdir(parents=True)
    (folder / "flashgen.toml").write_text('name = "3A"\naudio = true\n', encoding="utf-8")
    (folder / "01-chips.txt").write_text(TEXT, encoding="utf-8")
    code, _, err = run("build", str(tmp_path / "classes"), "--out", str(tmp_path / "decks"))
    assert (code, err) == (0, "")
    with zipfile.ZipFile(tmp_path / "decks" / "3A.apkg") as z:
        media = json.loads(z.read("media"))
    assert media and all(name.endswith(".mp3") for name in media.values())
    # --no-audio on the command line overrides the class file.
    code, _, _ = run(
        "build", str(tmp_path / "classes"), "--out", str(tmp_path / "plain"), "--no-audio"
    )
    with zipfile.ZipFile(tmp_path / "plain" / "3A.apkg") as z:
        assert code == 0 and json.loads(z.read("media")) == {}
