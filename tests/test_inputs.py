"""Finding inputs: folder trees, NAME.zh/NAME.en pairs, unique names, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.errors import InputError
from flashgen.text.inputs import InputText, find_inputs, scan_inputs

ZH = "美国政府已批准其H20芯片的销售。"  # contents do not matter: finding reads no file
EN = "The U.S. government had approved sales of its H20 chip."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_inputs_in_a_folder_tree(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ZH)
    write(tmp_path / "a" / "story.zh.txt", ZH)
    write(tmp_path / "a" / "story.en.txt", EN)
    write(tmp_path / "a" / "notes.md", ZH)
    write(tmp_path / "a" / "orphan.en.txt", EN)
    write(tmp_path / "a" / "lonely.zh.txt", ZH)
    write(tmp_path / "a" / "readme.pdf", "not an input")
    write(tmp_path / ".git" / "x.txt", ZH)
    write(tmp_path / ".hidden.txt", ZH)
    scan = scan_inputs([tmp_path])
    a = tmp_path / "a"
    assert list(scan.inputs) == [
        InputText("lonely", a / "lonely.zh.txt", None),
        InputText("notes", a / "notes.md", None),
        InputText("story", a / "story.zh.txt", a / "story.en.txt"),
        InputText("b", tmp_path / "b.txt", None),
    ]
    assert [s.path for s in scan.skipped] == [a / "orphan.en.txt"]
    assert find_inputs([tmp_path]) == list(scan.inputs)


def test_find_inputs_given_files(tmp_path: Path) -> None:
    zh = write(tmp_path / "x.zh.txt", ZH)
    en = write(tmp_path / "x.en.txt", EN)
    assert find_inputs([en, zh]) == [InputText("x", zh, en)]


def test_same_stem_in_two_folders_gets_folder_names(tmp_path: Path) -> None:
    write(tmp_path / "ch1" / "text.txt", ZH)
    write(tmp_path / "ch2" / "text.txt", ZH)
    assert [i.name for i in find_inputs([tmp_path])] == ["ch1/text", "ch2/text"]


def test_find_inputs_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        find_inputs([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"empty: no \.txt or \.md files found"):
        find_inputs([tmp_path / "empty"])
    write(tmp_path / "only_en" / "x.en.txt", EN)
    with pytest.raises(InputError, match="only English"):
        find_inputs([tmp_path / "only_en"])
