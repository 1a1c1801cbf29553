"""Decode a file into clean text: the first step of reading.

Text comes out NFC-normalised, with every line break ``str.splitlines`` knows turned
into ``\\n``, and U+200B (zero-width space), U+2060 (word joiner) and U+FEFF (BOM)
removed wherever they are: they are invisible and only break word matching.  Everything
else is kept (U+200C/U+200D carry meaning in emoji and other scripts).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from flashgen.errors import InputError
from flashgen.script import is_han

__all__ = ["read_text"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
# Share of non-ASCII characters that must be Han or CJK/general punctuation for a
# legacy-encoded file to count as Chinese.  Measured on the sample article: the right
# codec gives 0.998; Big5 bytes read as GB18030 (and the reverse) give 0.25–0.45.
_CLEAN_CHINESE = 0.9


def read_text(path: Path) -> str:
    """The text of a file: decoded, newlines as ``\\n``, NFC, invisible characters removed.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); without one UTF-8 is tried, then
    GB18030 and Big5, each only when the bytes decode cleanly as Chinese.  Raises
    :class:`InputError` for a binary, undecodable, missing or unreadable file.
    """
    path = Path(path)
    data = _read_bytes(path)
    text = _decode(path, data)
    lines = text.splitlines()
    normal = "\n".join(lines) + ("\n" if lines and text[-1] in "\r\n\x85\u2028\u2029" else "")
    return unicodedata.normalize("NFC", normal).translate(_INVISIBLE)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InputError(path, "is a folder, not a text file",
                         "give the path of a .txt or .md file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)",
                         "check the file's permissions") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})",
                         "check that the file is a readable text file") from None


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16-LE, whose BOM it starts with
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _decode(path: Path, data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputError(path, f"not valid {codec.upper()[:6]} text although it "
                                 "starts with a byte-order mark", "save it as UTF-8") from None
    if b"\x00" in data:
        raise InputError(path, "looks like a binary file, not text (or UTF-16 without a "
                         "byte-order mark)", "give a plain-text file saved as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for codec in ("gb18030", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text):
            return text
    raise InputError(path, "not UTF-8 text, and not Chinese in GB18030 or Big5 either",
                     "save it as UTF-8")


def _looks_chinese(text: str) -> bool:
    wide = [c for c in text if ord(c) > 0x7F]
    good = sum(1 for c in wide if is_han(c) or _is_cjk_punct(c))
    return any(is_han(c) for c in wide) and good >= _CLEAN_CHINESE * len(wide)


def _is_cjk_punct(c: str) -> bool:
    o = ord(c)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027
