"""Decoding files: encodings, newlines, invisible characters, unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen.decode import read_text
from flashgen.errors import InputError


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32",
                                      "gb18030", "big5"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "這家公司週一發文稱，美國政府已批准。\n第二段。\n"
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + text.encode(encoding)
    else:
        data = text.encode(encoding)
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_text(path) == text


def test_newlines_nfc_and_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("一\r\n二\r三\u200b四\ufeff\u2060五e\u0301\u200d\n".encode())
    assert read_text(path) == "一\n二\n三四五\u00e9\u200d\n"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    with pytest.raises(InputError, match=r"picture\.txt: .*binary"):
        read_text(path)


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
