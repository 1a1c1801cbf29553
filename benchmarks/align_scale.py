"""Whole-document sentence alignment: time and peak memory of ``flashgen align`` as N grows.

    python benchmarks/align_scale.py [--sizes 2000,4000,8000,16000,30000] [--keep DIR]

For each N, takes N Tatoeba pairs (read in place from ../shared/eval/corpus, CC-BY 2.0
FR) in a shuffled order (fixed seed) and writes them as one line of Chinese and one line
of English, so that the whole text is one paragraph pair and ``align_sentences`` runs
over all N sentences at once (as for a paired book whose paragraphs do not correspond).
Then runs the real CLI, ``python -m flashgen align ZH EN``, under ``/usr/bin/time -v``
with a warm cache (``FLASHGEN_CACHE_DIR``, default: a temporary one built by a first
small run) and prints a markdown table: wall seconds, CPU seconds (user + system, less
noisy on a shared machine), peak RSS and peak RSS per 1,000 sentences.

The texts and the links printed (``align_N.jsonl``) go to a temporary folder, or to
``--keep DIR`` (to compare the links of two versions of the code byte for byte).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from tatoeba import load_pairs  # benchmarks/tatoeba.py
from timing import timed_flashgen  # benchmarks/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent


def write_texts(folder: Path, n: int, pairs: list[tuple[str, str]]) -> tuple[Path, Path]:
    """N shuffled pairs as one Chinese line and one English line (the same N pairs and
    order for a given N, whatever the code; the corpus over again beyond its size)."""
    rng = random.Random(n)
    chosen: list[tuple[str, str]] = []
    while len(chosen) < n:
        chosen += rng.sample(pairs, min(n - len(chosen), len(pairs)))
    zh, en = folder / f"align_{n}.zh.txt", folder / f"align_{n}.en.txt"
    zh.write_text("".join(z for _, z in chosen) + "\n", encoding="utf-8")
    en.write_text(" ".join(e for e, _ in chosen) + "\n", encoding="utf-8")
    return zh, en


def run(args: list[str], cache: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of ``python -m flashgen ARGS``."""
    t = timed_flashgen(args, ROOT, cache, out)
    return t.wall, t.cpu, t.rss_mb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes",
        default="2000,4000,8000,16000,30000",
        help="numbers of sentence pairs (default: 2000,4000,8000,16000,30000)",
    )
    ap.add_argument("--keep", type=Path, help="write the texts and links here")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    pairs = load_pairs()

    with tempfile.TemporaryDirectory(prefix="flashgen-align-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        cache = Path(os.environ.get("FLASHGEN_CACHE_DIR") or Path(tmp) / "cache")
        zh, en = write_texts(Path(tmp), 3, pairs)
        run(["align", str(zh), str(en)], cache, Path(os.devnull))  # builds the caches once
        print("| N | wall s | CPU s | peak MB | MB per 1,000 sentences |")
        print("|---:|---:|---:|---:|---:|")
        for n in sizes:
            zh, en = write_texts(work, n, pairs)
            wall, cpu, rss = run(["align", str(zh), str(en)], cache, work / f"align_{n}.jsonl")
            print(
                f"| {n:,} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | {rss / n * 1000:.1f} |", flush=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
