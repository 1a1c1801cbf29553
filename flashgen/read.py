"""Read inputs: decode files, find paragraphs, pair each Chinese paragraph with its English.

The first pipeline stage.  It turns a file (``NAME.txt``, ``NAME.md``) or a pair of files
(``NAME.zh.txt`` + ``NAME.en.txt``) into a :class:`~flashgen.types.Document`.

Decisions a reader of the output should know about:

* Text is NFC-normalised, every line break ``str.splitlines`` knows becomes ``\\n``, and
  U+200B (zero-width space), U+2060 (word joiner) and U+FEFF (BOM) are removed wherever
  they are: they are invisible and only break word matching.  Everything else is kept
  (U+200C/U+200D carry meaning in emoji and other scripts).
* A paragraph with no Han character is never a Chinese paragraph: it has nothing to
  study.  Lines of only punctuation (``***``) and lines that are only a date
  (``2025年7月16日``, ``July 16, 2025``) are dropped everywhere.
* A text is bilingual when at least one line is English prose: no Han character, and a
  sentence (ends with . ? ! or is long) rather than a heading or a source line.  Otherwise
  it is Chinese-only and every paragraph with Han is Chinese, however many Latin letters
  or digits it has (``DeepSeek 和 H20 芯片``).
* In a bilingual text, English paragraphs with no Chinese partner are dropped, except
  an "English" paragraph that holds Han characters: it is kept as Chinese (a
  Chinese line full of product names is likelier than English we cannot pair).
* Chinese header lines (a byline, ``（第2版）``) stay paragraphs; they have no English.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from flashgen.errors import InputError
from flashgen.types import Document, Paragraph

__all__ = [
    "InputScan",
    "InputText",
    "Skipped",
    "find_inputs",
    "is_english",
    "load",
    "read_document",
    "read_pair",
    "read_text",
    "scan_inputs",
]


# --- input discovery --------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InputText:
    """One text to build a deck from: a single file, or a Chinese file with its English."""

    name: str  # stem for deck and file names: "000_83bce5aa88b4fec1", "NAME" for pairs
    zh_path: Path
    en_path: Path | None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found while searching that is not an input (the CLI warns about it)."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class InputScan:
    inputs: tuple[InputText, ...]
    skipped: tuple[Skipped, ...]


_SUFFIXES = (".txt", ".md")
_NO_PARTNER = "an English text with no NAME.zh file next to it"


def find_inputs(paths: Sequence[Path]) -> list[InputText]:
    """The texts named by ``paths`` (files, or folders searched recursively), in order.

    Use :func:`scan_inputs` to also learn which files were skipped.
    """
    return list(scan_inputs(paths).inputs)


def scan_inputs(paths: Sequence[Path]) -> InputScan:
    """Find inputs and the files skipped on the way (English files with no Chinese partner).

    Folders are searched for ``.txt`` and ``.md`` files, hidden files and folders skipped,
    in sorted order.  ``NAME.zh.txt`` is paired with ``NAME.en.txt`` in the same folder.
    A file given by name is used whatever its suffix.  Names are unique: a stem found
    twice becomes its path relative to the folder searched (``ch1/text``), then gets
    ``-2``, ``-3``.
    """
    found: list[tuple[InputText, str]] = []  # with the name relative to its root
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for root in paths:
        root = Path(root)
        if root.is_dir():
            files = _files_under(root)
            if not _collect(files, root, found, skipped, seen, explicit=False):
                if files:
                    raise InputError(root, "no Chinese text files found, only English ones "
                                     "(NAME.en.txt) with no NAME.zh.txt next to them",
                                     "add the Chinese files, or give a folder of Chinese texts")
                raise InputError(root, "no .txt or .md files found",
                                 "give a file or a folder containing Chinese texts")
        elif root.exists():
            _collect([root], root.parent, found, skipped, seen, explicit=True)
        else:
            raise InputError(root, "no such file or folder", "check the path")
    return InputScan(_unique_names(found), tuple(skipped))


def load(item: InputText) -> Document:
    """Read one input found by :func:`find_inputs`."""
    if item.en_path is None:
        return read_document(item.zh_path)
    return read_pair(item.zh_path, item.en_path)


def _files_under(root: Path) -> list[Path]:
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # prunes the walk
        out.extend(Path(folder) / f for f in files
                   if not f.startswith(".") and f.lower().endswith(_SUFFIXES))
    return sorted(out, key=lambda p: p.relative_to(root).parts)


def _split_name(path: Path) -> tuple[str, str | None, str]:
    """``x.zh.txt`` → ``("x", "zh", ".txt")``; ``x.txt`` → ``("x", None, ".txt")``."""
    name = path.name
    stem, ext = os.path.splitext(name)
    for tag in ("zh", "en"):
        if stem.lower().endswith("." + tag) and len(stem) > 3:
            return stem[:-3], tag, ext
    return stem, None, ext


def _collect(files: list[Path], root: Path, found: list[tuple[InputText, str]],
             skipped: list[Skipped], seen: set[Path], *, explicit: bool) -> int:
    """Append the inputs among ``files`` to ``found``; returns how many there were
    (counting any already found through another path)."""
    count = 0
    for path in files:
        base, tag, ext = _split_name(path)
        zh_path, en_path = path, None
        if tag is not None:
            zh_sib = path.with_name(f"{base}.zh{ext}")
            en_sib = path.with_name(f"{base}.en{ext}")
            if tag == "en":
                if not zh_sib.is_file():
                    skipped.append(Skipped(path, _NO_PARTNER))
                    continue
                if not explicit:
                    continue  # the Chinese file, found in the same folder, brings it in
                zh_path = zh_sib
            en_path = en_sib if en_sib.is_file() else None
        count += 1
        key = zh_path.resolve()
        if key in seen:
            continue
        seen.add(key)
        rel = zh_path.with_name(base).relative_to(root).as_posix()
        found.append((InputText(base, zh_path, en_path), rel))
    return count


def _unique_names(found: list[tuple[InputText, str]]) -> tuple[InputText, ...]:
    # Deck ids are derived from names, so a name must not depend on which other
    # files happen to share it more than necessary: the folder path first, a counter last.
    stems = Counter(item.name for item, _ in found)
    named = [(item.name if stems[item.name] == 1 else rel, item) for item, rel in found]
    used: Counter[str] = Counter()
    out: list[InputText] = []
    for name, item in named:
        used[name] += 1
        unique = name if used[name] == 1 else f"{name}-{used[name]}"
        out.append(InputText(unique, item.zh_path, item.en_path))
    return tuple(out)


# --- decoding ---------------------------------------------------------------
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
    good = sum(1 for c in wide if _is_han(c) or _is_cjk_punct(c))
    return any(_is_han(c) for c in wide) and good >= _CLEAN_CHINESE * len(wide)


# --- characters -------------------------------------------------------------
def _is_han(c: str) -> bool:
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3FFFF
            or 0xF900 <= o <= 0xFAFF or o == 0x3007)  # 〇, the zero of 二〇二五


def _is_cjk_punct(c: str) -> bool:
    o = ord(c)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027


def _is_latin(c: str) -> bool:
    o = ord(c)
    return c.isalpha() and (o < 0x250 or 0x1E00 <= o <= 0x1EFF  # Latin-1, Extended A/B/…
                            or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A)  # fullwidth


def _has_han(text: str) -> bool:
    return any(_is_han(c) for c in text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_LATIN_WORD = re.compile(
    r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿＡ-Ｚａ-ｚ]+(?:['’][A-Za-zÀ-ÖØ-öø-ɏ]+)*")
# An English paragraph may quote a Chinese word (``the phrase 躺平 ...``) but must have
# at least this many Latin words per Han character; ``DeepSeek 和 H20 芯片`` has 2 for 3.
# With these two limits all 29,155 Tatoeba pairs are classified right, both sides.
_WORDS_PER_HAN = 4
_LATIN_SHARE = 0.6  # of all letters; keeps Cyrillic or kana text from being "English"


def is_english(paragraph: str) -> bool:
    """True when ``paragraph`` is mostly Latin-script words with very few Han characters.

    >>> is_english("Nvidia’s H20 chip"), is_english("DeepSeek 和 H20 芯片")
    (True, False)

    Lines with no letters (``2025``, ``——``) are neither English nor Chinese.
    """
    latin = han = letters = 0
    for c in paragraph:
        if c.isalpha():
            letters += 1
            if _is_latin(c):
                latin += 1
            elif _is_han(c):
                han += 1
    if latin == 0 or latin < _LATIN_SHARE * letters:
        return False
    return han * _WORDS_PER_HAN <= len(_LATIN_WORD.findall(paragraph))


# --- line classes -----------------------------------------------------------
_DATE_WORD = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?"
    r"|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|[ap]\.?m|updated|published|gmt|utc|[ecmp][sd]t|bst|cest?|jst|hkt)\b\.?")
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_DATE_HAN = set("年月日号號星期周週礼禮拜一二三四五六七八九十〇零两兩天"
                "上下午早晚时時分秒点點整更新发發布")
_DATE_MARK = re.compile(
    r"[年月日号號]|\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}|\d{1,2}:\d{2}", re.ASCII)


def _is_date(text: str) -> bool:
    """True for a line that is only a date (and maybe a weekday and time)."""
    words = _DATE_WORD.findall(text)
    rest = _DATE_WORD.sub("", text)
    if not (_DATE_MARK.search(rest) or any(w[:3].lower() in _MONTHS for w in words)):
        return False
    if not re.search(r"[0-9一二三四五六七八九十〇零]", rest):
        return False
    return all(c.isdigit() or c in _DATE_HAN or not c.isalnum() for c in rest)


def _is_noise(text: str) -> bool:
    """Only punctuation and symbols (``***``, ``——``): nothing to read or study."""
    return not any(c.isalnum() for c in text)


# Closing quotes and brackets may follow the mark that ends a sentence.
_SENTENCE_END = re.compile(r"[。．.；;…!?！？][\"'”’」』）)\]】]*$")
_BODY_END = re.compile(r"[。．.；;…][\"'”’」』）)\]】]*$")  # "?" and "!" end headlines too
_NOT_TITLE_END = re.compile(r"[，,、:：]$")
_BYLINE = re.compile(
    r"(?i)^(?:(?:reporting |photographs? )?by\s|(?:source|photo|credit)s?\s*[:：]"
    r"|(?:作者|记者|記者|撰文|编辑|編輯|责任编辑|翻译|翻譯|译者|譯者|来源|來源|摄影|攝影|文)"
    r"\s*(?:\s|[:：/／|]))")
_BRACKETED = re.compile(r"^[（(【\[〔].*[）)】\]〕]$")  # （第2版）; 《书名》 is a fine title
_BODY_WIDTH = 100  # display columns: 100 Latin characters or 50 Han


def _is_body(text: str) -> bool:
    return bool(_BODY_END.search(text)) or _width(text) > _BODY_WIDTH


def _is_byline(text: str) -> bool:
    # Only short lines: "By Monday, the company had..." starts a sentence, not a byline.
    return not _is_body(text) and bool(_BYLINE.match(text))


def _is_title(text: str) -> bool:
    return (not _is_body(text) and not _is_date(text) and any(c.isalpha() for c in text)
            and not _NOT_TITLE_END.search(text) and not _is_byline(text)
            and not _BRACKETED.match(text))


# --- lines → paragraphs -----------------------------------------------------
# A block is hard-wrapped when all its lines but the last have about the same width
# (the wrap width, at least this wide) and not all of them end a sentence.  This keeps
# a block of one-paragraph-per-line text (each line ending in 。) and poetry apart.
_WRAP_MIN_WIDTH = 40
_WRAP_EVENNESS = 0.7


def _blocks(text: str) -> list[list[str]]:
    """Non-empty stripped lines grouped by blank lines."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _units(blocks: list[list[str]]) -> list[list[str]]:
    """Groups of lines that may form one paragraph: blocks when there are several,
    else every line by itself (a file without blank lines has a paragraph per line)."""
    if len(blocks) > 1:
        return blocks
    return [[line] for block in blocks for line in block]


def _paragraphs(units: list[list[str]], english: Callable[[str], bool]) -> list[str]:
    """Split units into runs of one language; join each hard-wrapped run into a paragraph."""
    out: list[str] = []
    for unit in units:
        run: list[str] = []
        run_en = False
        for line in unit:
            en = english(line)
            if run and en != run_en:
                out.extend(_join_run(run, run_en))
                run = []
            run.append(line)
            run_en = en
        out.extend(_join_run(run, run_en))
    return out


def _join_run(run: list[str], en: bool) -> list[str]:
    if len(run) < 2 or not _hard_wrapped(run):
        return run
    if en:
        return [" ".join(run)]
    joined = run[0]
    for line in run[1:]:
        # Chinese lines join without a space, except between two Latin words.
        sep = " " if joined[-1].isascii() and joined[-1].isalnum() and line[0].isascii() \
            and line[0].isalnum() else ""
        joined += sep + line
    return [joined]


def _hard_wrapped(run: list[str]) -> bool:
    widths = [_width(line) for line in run]
    wrap = max(widths[:-1])
    return (wrap >= _WRAP_MIN_WIDTH and min(widths[:-1]) >= _WRAP_EVENNESS * wrap
            and widths[-1] <= wrap
            and not all(_SENTENCE_END.search(line) for line in run[:-1]))


# --- markdown ---------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: alt text is rarely the text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(?:https?://|mailto:)[^>]+>"), ""),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # HTML tags
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # not snake_case
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),
)


def _strip_inline(line: str) -> str:
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    return line.strip()


def _markdown_units(text: str) -> tuple[list[list[str]], str | None]:
    """Markdown as plain-text units (see :func:`_units`) and its first ``#`` heading."""
    text = _HTML_COMMENT.sub("", _FRONT_MATTER.sub("", text))
    blocks: list[list[str]] = [[]]
    single: set[int] = set()  # blocks that must stay one line each: headings, list items
    title: str | None = None
    fence: str | None = None

    def close() -> None:
        if blocks[-1]:
            blocks.append([])

    def alone(line: str) -> None:
        close()
        single.add(len(blocks) - 1)
        blocks[-1].append(line)
        close()

    had_blank = len(_blocks(text)) > 1
    for raw in text.split("\n"):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(raw):
            fence = m.group(1)[:3]
            close()
            continue
        if not raw.strip():
            close()
            continue
        if (m := _SETEXT.match(raw)) and blocks[-1] and len(blocks) - 1 not in single:
            heading = blocks[-1].pop()
            if m.group(1)[0] == "=" and title is None:
                title = heading
            alone(heading)
            continue
        if _RULE.match(raw) or _REF_DEF.match(raw) or _TABLE_RULE.match(raw):
            close()
            continue
        if _TABLE_ROW.match(raw):  # a table row: its cells, as one line
            cells = (_strip_inline(c) for c in raw.strip().strip("|").split("|"))
            alone(" ".join(c for c in cells if c))
            continue
        if m := _ATX.match(raw):
            heading = _strip_inline(m.group(2) or "")
            if heading:
                if len(m.group(1)) == 1 and title is None:
                    title = heading
                alone(heading)
            continue
        line = _QUOTE.sub("", raw)
        item = _LIST_ITEM.match(line)
        line = _strip_inline(_LIST_ITEM.sub("", line, count=1))
        if not line:
            continue
        if item:
            alone(line)
        else:
            blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    units = blocks if had_blank else [[line] for b in blocks for line in b]
    return units, title


def _file_units(path: Path, text: str) -> tuple[list[list[str]], str | None]:
    if path.suffix.lower() == ".md":
        return _markdown_units(text)
    return _units(_blocks(text)), None


# --- pairing ----------------------------------------------------------------
# English characters per Chinese (non-space) character in a translation: the median
# is 3.4 over the sample article's 16 paragraph pairs (range 2.7–4.4) and 3.1 over the
# 29,155 Tatoeba sentence pairs (5–95 %: 2.1–4.6; one pair falls outside the gate).
_RATIO = 3.4
_RATIO_GATE = math.log(4.0)  # a pair whose ratio is off by more than 4x is no translation
_RATIO_SPREAD = 0.5  # in log space: about the spread measured on the sample


def _fit(zh: str, en: str) -> float:
    """How plausible it is that ``en`` translates ``zh``: 0 (not at all) to 1."""
    # Header lines are short, so their length ratio says little: a byline is no one's
    # translation, and a bracketed note only translates another.
    if _is_byline(zh) or _is_byline(en) or \
            bool(_BRACKETED.match(zh)) != bool(_BRACKETED.match(en)):
        return 0.0
    zh_len = max(1, sum(1 for c in zh if not c.isspace()))
    d = math.log(max(1, len(en)) / zh_len / _RATIO)
    if abs(d) > _RATIO_GATE:
        return 0.0
    return math.exp(-d * d / (2 * _RATIO_SPREAD**2))


def _pair(texts: list[str], english: list[bool], en_first: bool) -> tuple[dict[int, int], float]:
    """Pair each Chinese paragraph with its English neighbour on one side.

    Returns ``{zh index: en index}`` and the summed fit, which picks the order.
    """
    pairs: dict[int, int] = {}
    score = 0.0
    i = 0
    while i + 1 < len(texts):
        first, second = english[i], english[i + 1]
        if first == en_first and second != en_first:
            zh, en = (i + 1, i) if en_first else (i, i + 1)
            fit = _fit(texts[zh], texts[en])
            if fit > 0:
                pairs[zh] = en
                score += fit
                i += 2
                continue
        i += 1
    return pairs, score


@dataclass(frozen=True, slots=True)
class _Entry:
    """A paragraph of the document before numbering: Chinese, English or both."""

    zh: str | None
    en: str | None


def _is_english_prose(line: str) -> bool:
    """English with no Han that reads as a sentence: what makes a text bilingual.

    An English heading or name alone (``# Big Title``, ``Source: Reuters``) does not.
    """
    return (is_english(line) and not _has_han(line)
            and bool(_SENTENCE_END.search(line) or _width(line) > _BODY_WIDTH))


def _entries(paragraphs: list[str], bilingual: bool) -> list[_Entry]:
    """Decide languages and pair; unpaired English is kept (for the title) as ``zh=None``."""
    paragraphs = [p for p in paragraphs if not _is_noise(p) and not _is_date(p)]
    if not bilingual:
        return [_Entry(p, None) for p in paragraphs if _has_han(p)]
    # Neutral paragraphs (no English, no Han: "2025", "Ⅲ") have nothing to pair or study.
    english_all = [is_english(p) for p in paragraphs]
    texts = [p for p, en in zip(paragraphs, english_all, strict=True) if en or _has_han(p)]
    english = [is_english(p) for p in texts]
    en_first, score_en_first = _pair(texts, english, en_first=True)
    zh_first, score_zh_first = _pair(texts, english, en_first=False)
    # Ties go to English first, the order of bilingual news sites.
    pairs = en_first if score_en_first >= score_zh_first else zh_first
    partner_of = {en: zh for zh, en in pairs.items()}
    out: list[_Entry] = []
    for i, text in enumerate(texts):
        if i in pairs:
            out.append(_Entry(text, texts[pairs[i]]))
        elif not english[i]:
            out.append(_Entry(text, None))
        elif i not in partner_of:
            out.append(_Entry(text, None) if _has_han(text) else _Entry(None, text))
    return out


def _title(entries: list[_Entry]) -> str | None:
    """A headline among the header lines before the body, Chinese preferred."""
    header: list[_Entry] = []
    for entry in entries:
        if any(t is not None and _is_body(t) for t in (entry.zh, entry.en)):
            break
        header.append(entry)
    else:
        return None  # no body: a list of short lines has no title line
    for side in ("zh", "en"):
        for entry in header:
            text = getattr(entry, side)
            if text is not None and _is_title(text):
                return str(text)
    return None


def _document(path: Path, entries: list[_Entry], title: str | None,
              whole: bool = False) -> Document:
    chinese = [(e.zh, e.en) for e in entries if e.zh is not None]
    paragraphs = tuple(Paragraph(i, zh, en) for i, (zh, en) in enumerate(chinese))
    return Document(path, title, paragraphs, whole_document_alignment=whole)


def _require_chinese(path: Path, text: str, entries: list[_Entry]) -> None:
    if not text.strip():
        raise InputError(path, "the file is empty",
                         "give a file with Chinese text, or leave it out of the inputs")
    if not any(e.zh is not None for e in entries):
        raise InputError(path, "no Chinese text found",
                         "check that this is the right file (saved as UTF-8), "
                         "or leave it out of the inputs")


# --- documents --------------------------------------------------------------
def read_document(path: Path) -> Document:
    """Read one text, bilingual (paragraph by paragraph, either order) or Chinese only.

    Paragraphs are lines, or blank-line-separated blocks whose lines are joined when
    they are hard-wrapped.  ``.md`` files lose their markup; their first ``#`` heading
    is the title.  Raises :class:`InputError` when the file holds no Chinese.
    """
    path = Path(path)
    text = read_text(path)
    units, md_title = _file_units(path, text)
    lines = [line for unit in units for line in unit]
    bilingual = any(_is_english_prose(line) for line in lines)
    english: Callable[[str], bool] = is_english if bilingual else (lambda _: False)
    entries = _entries(_paragraphs(units, english), bilingual)
    _require_chinese(path, text, entries)
    if md_title is not None and not _is_date(md_title):
        title: str | None = md_title
    else:
        title = _title(entries)
    return _document(path, entries, title)


def read_pair(zh_path: Path, en_path: Path) -> Document:
    """Read ``NAME.zh.txt`` and its translation ``NAME.en.txt``.

    With the same number of paragraphs on both sides, paragraphs pair one to one.
    Otherwise the result is one paragraph holding each whole text (paragraphs joined by
    ``\\n``) with ``whole_document_alignment=True``.
    """
    zh_path, en_path = Path(zh_path), Path(en_path)
    zh_text, en_text = read_text(zh_path), read_text(en_path)
    zh_units, md_title = _file_units(zh_path, zh_text)
    en_units, _ = _file_units(en_path, en_text)
    zh = [p for p in _paragraphs(zh_units, lambda _: False) if not _is_noise(p)]
    en = [p for p in _paragraphs(en_units, lambda _: True) if not _is_noise(p)]
    _require_chinese(zh_path, zh_text,
                     [_Entry(p, None) for p in zh if _has_han(p) and not _is_date(p)])
    if not en:
        raise InputError(en_path, "no English text in the translation file",
                         f"add the translation, or rename {zh_path.name} to study it alone")
    if len(zh) == len(en) and _one_to_one(zh, en):
        entries = [_Entry(z, e) for z, e in zip(zh, en, strict=True)
                   if _has_han(z) and not _is_date(z)]
        whole = False
    else:
        zh_whole = "\n".join(p for p in zh if _has_han(p) and not _is_date(p))
        en_whole = "\n".join(p for p in en if not _is_date(p))
        entries = [_Entry(zh_whole, en_whole)]
        whole = True
    if md_title is not None and not _is_date(md_title):
        title: str | None = md_title
    else:
        title = _title([_Entry(p, None) for p in zh if not _is_date(p)])
    return _document(zh_path, entries, title, whole)


_SHORT_PAIR = 20  # characters, both sides together: too short for the length ratio to mean much


def _one_to_one(zh: list[str], en: list[str]) -> bool:
    """Equal counts can be a coincidence; trust them only when every long pair fits."""
    return all(_fit(z, e) > 0 for z, e in zip(zh, en, strict=True)
               if len(z) + len(e) >= _SHORT_PAIR)
