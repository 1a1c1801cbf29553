"""Decoding files: encodings, newlines, invisible characters, unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.errors import InputError, UsageError
from flashgen.text.decode import read_text


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "gb18030", "big5"]
)
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "這家公司週一發文稱，美國政府已批准。\n第二段。\n"
    data = b"\xfe\xff" + text.encode(encoding) if encoding == "utf-16-be" else text.encode(encoding)
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_text(path) == text


def test_newlines_nfc_and_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("一\r\n二\r三\u200b四\ufeff\u2060五e\u0301\u200d\n".encode())
    assert read_text(path) == "一\n二\n三四五\u00e9\u200d\n"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x01\x02\x00\x00\x00\rIHDR\xff\xd8")
    with pytest.raises(InputError, match=r"data\.txt: .*binary"):
        read_text(path)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "an image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "an image"),
        (b"GIF89a\x01\x00", "an image"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "an image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF.*copy the text out of the PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", r"old Word.*Save As → Plain Text"),
        (b"PK\x03\x04\x14\x00word/document.xml", r"Word document.*Save As → Plain Text"),
        (b"PK\x03\x04\x14\x00xl/workbook.xml", "Excel"),
        (b"PK\x03\x04\x14\x00other.txt", "zip archive"),
    ],
)
def test_binary_files_are_named_for_what_they_are(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "lesson.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"lesson\.txt: .*" + says):
        read_text(path)


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("中文课文。".encode("gb18030"))
    assert read_text(path, encoding="gb18030") == "中文课文。"
    with pytest.raises(InputError, match=r"a\.txt: not valid utf-8 text .*--encoding"):
        read_text(path, encoding="utf-8")
    with pytest.raises(UsageError, match="unknown encoding"):
        read_text(path, encoding="klingon")


def test_no_break_spaces_become_spaces(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("一\u00a0二\u202f三\n", encoding="utf-8")
    assert read_text(path) == "一 二 三\n"


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Ça coûte très cher, à Paris même.".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt: not UTF-8 .* save it as UTF-8"):
        read_text(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
