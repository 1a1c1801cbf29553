"""Decode a file into clean text: the first step of reading.

Text comes out NFC-normalised, with every line break ``str.splitlines`` knows turned
into ``\\n``, and U+200B (zero-width space), U+2060 (word joiner) and U+FEFF (BOM)
removed wherever they are: they are invisible and only break word matching.  Other
control characters (all of C0 but tab and newline, and DEL) are removed too.  No-break
spaces (U+00A0, U+202F) become plain spaces.  Everything else is kept (U+200C/U+200D
carry meaning in emoji and other scripts).

Files that are not text at all (Word, PDF, images, archives) are recognised by their
first bytes and refused with a message saying what they are and how to get the text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from flashgen.errors import InputError, UsageError
from flashgen.text.script import is_han

__all__ = ["read_text"]

_CLEAN: dict[int, str | None] = {
    **dict.fromkeys(map(ord, "\u200b\u2060\ufeff")),  # invisible: removed
    # Control characters left after line breaks are normalised: never text, and
    # \x1f is Anki's field separator (a note would get an extra field).
    **dict.fromkeys(c for c in [*range(0x20), 0x7F] if chr(c) not in "\t\n"),
    **dict.fromkeys(map(ord, "\u00a0\u202f"), " "),  # no-break spaces: plain spaces
}
# The characters _CLEAN changes, found by a regular expression: str.translate with a
# dict looks up every character of the text (0.07 s for a 1.3 MB text), and most texts
# have none or a few of them.
_UNCLEAN = re.compile("[" + re.escape("".join(map(chr, _CLEAN))) + "]")


def _clean(match: re.Match[str]) -> str:
    return _CLEAN[ord(match.group())] or ""


# Share of non-ASCII characters that must be Han or CJK/general punctuation for a
# legacy-encoded file to count as Chinese.  Measured on the sample article: the right
# codec gives 0.998; Big5 bytes read as GB18030 (and the reverse) give 0.25–0.45.
_CLEAN_CHINESE = 0.9


def read_text(path: Path, encoding: str | None = None) -> str:
    """The text of a file: decoded, newlines as ``\\n``, NFC, invisible characters removed.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); without one UTF-8 is tried, then
    GB18030 and Big5, each only when the bytes decode cleanly as Chinese.  ``encoding``
    (a Python codec name) forces one codec instead.  Raises :class:`InputError` for a
    binary, undecodable, missing or unreadable file, :class:`UsageError` for an unknown
    ``encoding``.
    """
    path = Path(path)
    data = _read_bytes(path)
    _refuse_binary(path, data)
    text = _decode(path, data) if encoding is None else _decode_as(path, data, encoding)
    lines = text.splitlines()
    normal = "\n".join(lines) + ("\n" if lines and text[-1] in "\r\n\x85\u2028\u2029" else "")
    text = unicodedata.normalize("NFC", normal)
    return _UNCLEAN.sub(_clean, text)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InputError(
            path, "is a folder, not a text file", "give the path of a .txt or .md file"
        )
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except PermissionError:
        raise InputError(
            path, "cannot be read (permission denied)", "check the file's permissions"
        ) from None
    except OSError as e:
        raise InputError(
            path,
            f"cannot be read ({e.strerror or e})",
            "check that the file is a readable text file",
        ) from None


_WORD_HINT = "in Word, File → Save As → Plain Text (.txt), encoding UTF-8"
_IMAGE = ("is an image, not text", "give the text itself in a .txt file")
# First bytes of files people mistake for texts, and what to say about each.
_MAGIC: tuple[tuple[bytes, tuple[str, str]], ...] = (
    (
        b"%PDF",
        (
            "is a PDF, not a text file",
            "copy the text out of the PDF into a .txt file saved as UTF-8",
        ),
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        ("is an old Word (.doc) or other Office file, not a text file", _WORD_HINT),
    ),
    (b"\x89PNG\r\n\x1a\n", _IMAGE),
    (b"\xff\xd8\xff", _IMAGE),  # JPEG
    (b"GIF87a", _IMAGE),
    (b"GIF89a", _IMAGE),
)
# Zip archives: Office files hold a folder named for the program; names in a zip's
# local headers are stored uncompressed, so finding them in the bytes is enough.
_ZIP = b"PK\x03\x04"
_ZIPPED: tuple[tuple[bytes, tuple[str, str]], ...] = (
    (b"word/", ("is a Word document, not a text file", _WORD_HINT)),
    (
        b"xl/",
        ("is an Excel workbook, not a text file", "copy the text into a .txt file saved as UTF-8"),
    ),
    (
        b"ppt/",
        ("is a PowerPoint file, not a text file", "copy the text into a .txt file saved as UTF-8"),
    ),
    (
        b"opendocument.text",
        (
            "is an OpenDocument text, not a plain-text file",
            "File → Save As → Text (.txt), encoding UTF-8",
        ),
    ),
)


def _refuse_binary(path: Path, data: bytes) -> None:
    if data.startswith(_ZIP):
        for marker, (problem, hint) in _ZIPPED:
            if marker in data:
                raise InputError(path, problem, hint)
        raise InputError(
            path, "is a zip archive, not a text file", "unzip it and give the .txt files inside"
        )
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise InputError(path, *_IMAGE)
    for magic, (problem, hint) in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, problem, hint)


def _decode_as(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise UsageError(
            f"unknown encoding {encoding!r} — give a codec name such as utf-8, gb18030 or big5"
        ) from None
    except UnicodeDecodeError:
        name = codecs.lookup(encoding).name
        raise InputError(
            path,
            f"not valid {name} text",
            "check --encoding, or leave it out to detect the encoding",
        ) from None


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
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    path,
                    f"not valid {codec.upper()[:6]} text although it starts with a byte-order mark",
                    "save it as UTF-8",
                ) from None
    if b"\x00" in data:
        raise InputError(
            path,
            "looks like a binary file, not text (or UTF-16 without a byte-order mark)",
            "give a plain-text file saved as UTF-8",
        )
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
    raise InputError(
        path, "not UTF-8 text, and not Chinese in GB18030 or Big5 either", "save it as UTF-8"
    )


def _looks_chinese(text: str) -> bool:
    wide = [c for c in text if ord(c) > 0x7F]
    good = sum(1 for c in wide if is_han(c) or _is_cjk_punct(c))
    return any(is_han(c) for c in wide) and good >= _CLEAN_CHINESE * len(wide)


def _is_cjk_punct(c: str) -> bool:
    o = ord(c)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027
