"""``flashgen align ZH_FILE EN_FILE [--presplit]``: sentence alignment as JSON lines."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from flashgen.cli import ExitCode, add_encoding_option


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "align",
        help="print the sentence alignment of a Chinese and an English text as JSON lines",
        description='Prints one JSON object per link: {"zh": [i, ...], "en": [j, ...]} '
        "(0-based sentence indices; [] for a side with nothing).",
    )
    p.add_argument("zh_file", type=Path, metavar="ZH_FILE")
    p.add_argument("en_file", type=Path, metavar="EN_FILE")
    p.add_argument(
        "--presplit", action="store_true", help="each non-empty line is already one sentence"
    )
    add_encoding_option(p)
    p.set_defaults(handler=handle)


def _sentences(path: Path, presplit: bool, zh: bool, encoding: str | None) -> list[str]:
    from flashgen.text.decode import read_text
    from flashgen.text.sentences import split_en, split_zh

    lines = [ln.strip() for ln in read_text(path, encoding).splitlines()]
    lines = [ln for ln in lines if ln]
    if presplit:
        return lines
    split = split_zh if zh else split_en
    return [s for ln in lines for s in split(ln)]


def handle(args: argparse.Namespace, out: Console, err: Console) -> int:
    from flashgen.align.search import align_sentences

    zh = _sentences(args.zh_file, args.presplit, zh=True, encoding=args.encoding)
    en = _sentences(args.en_file, args.presplit, zh=False, encoding=args.encoding)
    for link in align_sentences(zh, en):
        # Machine-readable output goes straight to the file, past rich's markup/emoji/wrapping.
        out.file.write(json.dumps({"zh": list(link.zh), "en": list(link.en)}) + "\n")
    return ExitCode.OK
