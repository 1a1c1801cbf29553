"""Batch build speed: a teacher builds decks for a whole class.

    python benchmarks/build_speed.py [--texts N] [--pairs-per-text K] [--repeat R]
                                     [--profile] [--top T]

Writes N bilingual texts (an English line, then its Chinese line, as in
seeds/000_83bce5aa88b4fec1.txt) of K consecutive Tatoeba pairs each into a temporary
folder, then times the real CLI in a subprocess, ``python -m flashgen build TMP --out
TMP/decks --json``, under ``/usr/bin/time -v`` (wall time, peak RSS):

- cold: a fresh, empty FLASHGEN_CACHE_DIR, so the run builds every cache (parsed
  CC-CEDICT, merged jieba dictionary, prefix dictionary);
- warm: the same cache folder again;
- the sample article, ``flashgen build seeds/``, warm;
- start-up: ``python -m flashgen annotate`` on a one-line file, warm.

Each is run R times (``--repeat``) and the fastest run is reported, with the range.

"Cold" means flashgen's own caches only: the OS page cache and Python's bytecode
caches stay warm, so a first run on a freshly booted machine is slower.

Text i starts at pair i * (29155 // N), so the class spans the whole corpus (Tatoeba is
roughly ordered by English length: its first pairs are "Hi.", "Run."). ``--profile``
runs one more warm build under cProfile and lists flashgen's own functions by
cumulative time.

The corpus is read in place from ../shared/eval/corpus (CC-BY 2.0 FR; never copied
into the project); the generated texts, decks and caches live in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tatoeba import load_pairs  # benchmarks/tatoeba.py
from timing import GNU_TIME, timed  # benchmarks/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "flashgen"


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds: less disturbed than wall time on a busy machine
    rss_mb: float  # peak resident set size of the CLI process
    summary: dict | None  # the --json summary of a build, None for other commands


def write_texts(folder: Path, pairs: list[tuple[str, str]], n: int, k: int) -> int:
    """N texts of K consecutive pairs, spread over the corpus; returns the pairs written."""
    if n * k > len(pairs):
        raise SystemExit(
            f"--texts {n} x --pairs-per-text {k} needs {n * k} pairs; the corpus has {len(pairs)}"
        )
    folder.mkdir(parents=True)
    stride = len(pairs) // n
    for i in range(n):
        chunk = pairs[i * stride : i * stride + k]
        lines = [line for en, zh in chunk for line in (en, zh)]
        (folder / f"class_{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n * k


def run_cli(args: list[str], cache: Path, *, parse_json: bool) -> Run:
    """Run ``python <args>`` from the project root with the given cache folder."""
    env = dict(os.environ, FLASHGEN_CACHE_DIR=str(cache), PYTHONUNBUFFERED="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    run = timed([sys.executable, *args], ROOT, env)
    # Without GNU time: the largest child so far, exact only while runs grow.
    rss_mb = run.rss_mb or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = json.loads(run.proc.stdout) if parse_json else None
    return Run(run.wall, run.cpu, rss_mb, summary)


def build(paths: list[Path], out: Path, cache: Path) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    run = run_cli(
        ["-m", "flashgen", "build", *map(str, paths), "--out", str(out), "--json"],
        cache,
        parse_json=True,
    )
    assert run.summary is not None
    if run.summary["errors"]:
        raise SystemExit(f"build errors: {run.summary['errors']}")
    return run


def best(runs: list[Run]) -> tuple[Run, str]:
    """The fastest run (as timeit does: slower runs measure the machine's other load),
    and the range of wall times."""
    walls = sorted(r.wall for r in runs)
    return min(runs, key=lambda r: r.wall), f"{walls[0]:.2f}-{walls[-1]:.2f}"


HEADER = (
    f"{'run':<24}{'wall s':>8}{'CPU s':>7}{'texts/s':>9}{'sent/s':>8}{'sents':>7}"
    f"{'notes':>7}{'RSS MB':>8}  wall range"
)


def row(label: str, runs: list[Run]) -> str:
    run, spread = best(runs)
    head = f"{label:<24}{run.wall:>8.2f}{run.cpu:>7.2f}"
    tail = f"{run.rss_mb:>8.0f}  {spread} ({len(runs)} runs)"
    s = run.summary
    if s is None:
        return f"{head}{'':>9}{'':>8}{'':>7}{'':>7}{tail}"
    n_texts = len(s["decks"])
    sents = sum(d["sentences"] for d in s["decks"])
    notes = sum(d["notes"] for d in s["decks"])
    return f"{head}{n_texts / run.wall:>9.2f}{sents / run.wall:>8.1f}{sents:>7}{notes:>7}{tail}"


def profile(texts: Path, out: Path, cache: Path, work: Path, top: int) -> None:
    stats_file = work / "build.prof"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    run_cli(
        [
            "-m",
            "cProfile",
            "-o",
            str(stats_file),
            "-m",
            "flashgen",
            "build",
            str(texts),
            "--out",
            str(out),
            "--json",
        ],
        cache,
        parse_json=False,
    )
    wall = time.perf_counter() - t
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if Path(file).resolve().is_relative_to(PACKAGE):
            rel = Path(file).resolve().relative_to(ROOT)
            rows.append((cumtime, tottime, ncalls, f"{rel}:{line} {func}"))
    rows.sort(reverse=True)
    print(
        f"\nwarm build under cProfile: {wall:.2f} s wall, {total:.2f} s profiled; "
        f"top {top} flashgen functions by cumulative time"
    )
    print(f"{'cum s':>8}{'cum %':>7}{'own s':>8}{'calls':>10}  function")
    for cumtime, tottime, ncalls, name in rows[:top]:
        print(f"{cumtime:>8.2f}{100 * cumtime / total:>6.1f}%{tottime:>8.2f}{ncalls:>10}  {name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=int, default=30, metavar="N", help="texts in the class")
    ap.add_argument(
        "--pairs-per-text",
        type=int,
        default=40,
        metavar="K",
        help="consecutive Tatoeba pairs per text",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="runs of each kind (cold ones each on a fresh cache); the fastest is reported",
    )
    ap.add_argument(
        "--profile", action="store_true", help="also profile one warm build with cProfile"
    )
    ap.add_argument("--top", type=int, default=10, help="hotspots to list with --profile")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="flashgen-bench-") as tmp:
        work = Path(tmp)
        texts, decks = work / "texts", work / "decks"
        n_pairs = write_texts(texts, load_pairs(), args.texts, args.pairs_per_text)
        one_line = work / "one_line.txt"
        one_line.write_text("他在银行工作。\n", encoding="utf-8")
        print(
            f"{args.texts} texts x {args.pairs_per_text} Tatoeba pairs ({n_pairs} pairs) "
            f"in {texts}; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
            + ("" if GNU_TIME.exists() else "; no /usr/bin/time: RSS from getrusage")
        )

        # Each cold run gets an empty cache folder of its own; the last one stays warm.
        cold = [build([texts], decks, work / f"cache{i}") for i in range(args.repeat)]
        cache = work / f"cache{args.repeat - 1}"
        cached = [f for f in cache.iterdir() if f.is_file()]
        warm = [build([texts], decks, cache) for _ in range(args.repeat)]
        seeds = [build([ROOT / "seeds"], work / "seed-decks", cache) for _ in range(args.repeat)]
        start = [
            run_cli(["-m", "flashgen", "annotate", str(one_line)], cache, parse_json=False)
            for _ in range(args.repeat)
        ]

        print(f"\n{HEADER}")
        print(row(f"class, cold ({args.texts} texts)", cold))
        print(row(f"class, warm ({args.texts} texts)", warm))
        print(row("seeds/, warm (1 text)", seeds))
        print(row("annotate 1 line, warm", start))
        cold_s, warm_s, start_s = (best(runs)[0].wall for runs in (cold, warm, start))
        print(
            f"\na cold run writes {len(cached)} cache files, "
            f"{sum(f.stat().st_size for f in cached) / 2**20:.0f} MB; cold - warm: "
            f"{cold_s - warm_s:.2f} s; warm time per text after start-up: "
            f"{(warm_s - start_s) / args.texts:.3f} s"
        )

        if args.profile:
            profile(texts, decks, cache, work, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
