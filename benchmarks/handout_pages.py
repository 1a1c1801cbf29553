"""Printed pages of a lesson handout: the page printed to PDF in headless Chromium.

    python benchmarks/handout_pages.py [--keep DIR]

Makes the handout (:func:`flashgen.output.handout.render_handout`) of the sample article
three ways — every selected word, and the words a lesson keeps with a cap of 132 and of
20 new words (``plan_one``, the ranking a class uses) — prints each to PDF with
``chromium --headless --print-to-pdf`` (A4, the page's own print CSS) and counts the
PDF's pages, next to the number of words and of distinct example sentences (a handout
grouped by sentence prints each sentence once).

Needs Debian's ``chromium`` and ``fonts-noto-cjk``.  ``--keep DIR`` keeps the HTML and
PDF files for a look.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from flashgen.language.annotate import iter_annotated
from flashgen.output.handout import render_handout
from flashgen.teach.plan import plan_one
from flashgen.teach.select import select_words
from flashgen.text.read import read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def pdf_pages(html_path: Path, pdf: Path, profile: Path) -> int:
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            html_path.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return len(_PAGE.findall(pdf.read_bytes()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the HTML and PDF files in this folder")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        print("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
        return 1
    selection = select_words(iter_annotated(read_document(SAMPLE)))
    cases = [
        ("sample, every selected word", plan_one(selection).new),
        ("sample, lesson cap 132", plan_one(selection, 132).new),
        ("sample, lesson cap 20", plan_one(selection, 20).new),
    ]
    with tempfile.TemporaryDirectory(prefix="flashgen-handout-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print("| handout | words | sentences | A4 pages |")
        print("|---|---:|---:|---:|")
        for i, (label, picks) in enumerate(cases):
            page = folder / f"handout{i}.html"
            page.write_text(render_handout("Sample", label, picks), encoding="utf-8")
            sentences = len({(p.sentence.paragraph, p.sentence.sentence) for p in picks})
            pages = pdf_pages(page, folder / f"handout{i}.pdf", Path(tmp) / "profile")
            print(f"| {label} | {len(picks)} | {sentences} | {pages} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
