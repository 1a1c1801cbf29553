"""English sentence splitters compared: flashgen's split_en against maintained libraries.

    python benchmarks/english_split.py [--baseline REV] [--tools flashgen,pysbd,...]

For each tool: exact-split accuracy on the golden cases (tests/data/english_sentences.txt),
the share of MAC-Dev English lines given back when each chapter's lines are joined with
spaces and split again, and seconds to split every English sentence of Tatoeba (one call
per sentence, read in place from ../shared/eval, never copied) and the sample's English.
``--baseline REV`` adds split_en as it was at git revision REV ("flashgen@REV").
The libraries are not dependencies: ``pip install pysbd syntok sentencex nupunkt`` first;
a missing one is reported and skipped.  Prints a markdown table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tatoeba import load_pairs  # noqa: E402
from test_sentences import read_cases  # noqa: E402

MAC_DEV = ROOT.parent / "shared" / "eval" / "alignment" / "mac_dev" / "en"
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
Splitter = Callable[[str], list[str]]


def _clean(pieces: list[str]) -> list[str]:
    return [p.strip() for p in pieces if p.strip()]


def _flashgen_at(rev: str) -> Splitter:
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:flashgen/text/sentences.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"sentences_{rev}")
    exec(compile(source, f"sentences@{rev}", "exec"), module.__dict__)
    return module.split_en


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: _clean(seg.segment(text))


def _syntok() -> Splitter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append(text[start:end])
        return _clean(out)

    return split


def _sentencex() -> Splitter:
    from sentencex import segment

    return lambda text: _clean(list(segment("en", text)))


def _nupunkt() -> Splitter:
    import nupunkt

    return lambda text: _clean(nupunkt.sent_tokenize(text))


def _split_en_then_nupunkt() -> Splitter:
    """nupunkt with split_en as its pre-pass for glued boundaries (each piece split again)."""
    from flashgen.text.sentences import split_en

    split = _nupunkt()
    return lambda text: [s for piece in split_en(text) for s in split(piece)]


LIBRARIES: dict[str, Callable[[], Splitter]] = {
    "pysbd": _pysbd,
    "syntok": _syntok,
    "sentencex": _sentencex,
    "nupunkt": _nupunkt,
    "split_en+nupunkt": _split_en_then_nupunkt,
}


def _sample_english() -> list[str]:
    """The sample's English paragraphs: its lines without a Chinese character."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not any("一" <= ch <= "鿿" for ch in ln)]


def measure(name: str, split: Splitter) -> dict[str, str]:
    cases = read_cases()
    right = [c.name for c in cases if split(c.paragraph) == c.sentences]
    chapters = [p.read_text(encoding="utf-8").splitlines() for p in sorted(MAC_DEV.iterdir())]
    given_back = total = 0
    for lines in chapters:
        lines = [ln.strip() for ln in lines if ln.strip()]
        got = set(split(" ".join(lines)))
        given_back += sum(ln in got for ln in lines)
        total += len(lines)
    english = [en for en, _ in load_pairs()]
    start = time.perf_counter()
    for sentence in english:
        split(sentence)
    tatoeba = time.perf_counter() - start
    sample = _sample_english()
    start = time.perf_counter()
    for _ in range(20):
        for paragraph in sample:
            split(paragraph)
    sample_s = (time.perf_counter() - start) / 20
    return {
        "tool": name,
        "golden exact": f"{len(right)}/{len(cases)} ({len(right) / len(cases):.0%})",
        "MAC-Dev lines back": f"{given_back}/{total} ({given_back / total:.1%})",
        "Tatoeba s": f"{tatoeba:.2f}",
        "sample ms": f"{sample_s * 1000:.1f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", help="also measure split_en at this git revision")
    parser.add_argument("--tools", default="flashgen," + ",".join(LIBRARIES))
    parser.add_argument("--failures", help="list the golden cases this tool gets wrong")
    args = parser.parse_args()
    from flashgen.text.sentences import split_en

    tools: dict[str, Callable[[], Splitter]] = {"flashgen": lambda: split_en, **LIBRARIES}
    if args.baseline:
        tools[f"flashgen@{args.baseline}"] = lambda: _flashgen_at(args.baseline)
    names = args.tools.split(",") + ([f"flashgen@{args.baseline}"] if args.baseline else [])
    if args.failures:
        split = tools[args.failures]()
        for case in read_cases():
            got = split(case.paragraph)
            if got != case.sentences:
                print(f"## {case.name}\n  want {case.sentences}\n  got  {got}")
        return
    rows = []
    for name in names:
        try:
            split = tools[name]()
        except ImportError as e:
            print(f"{name}: not installed ({e})", file=sys.stderr)
            continue
        rows.append(measure(name, split))
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row[h] for h in header) + " |")


if __name__ == "__main__":
    main()
