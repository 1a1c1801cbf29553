"""A class of 200 lessons: `flashgen build CLASS --jobs 2` against `--jobs 1`.

    python benchmarks/class_build.py [--lessons 200] [--pairs 60] [--jobs 2,1] [--repeat 1]

Writes a class folder (``flashgen.toml`` + N lessons ``001-lesson.txt``…) into a
temporary folder: each lesson is K Tatoeba pairs interleaved like the sample article
(an English line, then its Chinese line).  Lesson i takes K consecutive pairs starting
at i * (29155 // N), so the class spans the corpus (Tatoeba is ordered by English
length).  Then runs the real CLI, ``python -m flashgen build CLASS --out TMP --jobs J
--quiet``, warm cache, once per J, and prints for each:

- wall time (target with --jobs 2 on 2 cores: under 60 s) and the speed-up over
  --jobs 1;
- peak memory of the whole run, sampled every 50 ms over the CLI process and all its
  worker processes: the sum of their PSS (proportional set size: a page shared by the
  parent and its forked workers is counted once, split between them) — the memory
  the run really takes (target: under 500 MB); also the largest single process RSS,
  and the sum of RSS (which counts shared pages once per process, so overstates);
- that --jobs 2 and --jobs 1 wrote identical bytes (SOURCE_DATE_EPOCH is set).

The corpus is read in place from ../shared/eval/corpus (CC-BY 2.0 FR; never copied
into the project).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tatoeba import load_pairs  # benchmarks/tatoeba.py

ROOT = Path(__file__).resolve().parent.parent


def write_class(folder: Path, lessons: int, per_lesson: int) -> None:
    pairs = load_pairs()
    if lessons * per_lesson > len(pairs):
        raise SystemExit(f"{lessons} x {per_lesson} pairs is more than the corpus has")
    folder.mkdir(parents=True)
    (folder / "flashgen.toml").write_text('name = "Benchmark class"\n', encoding="utf-8")
    stride = len(pairs) // lessons
    width = len(str(lessons))
    for i in range(lessons):
        chunk = pairs[i * stride : i * stride + per_lesson]
        lines = [line for en, zh in chunk for line in (en, zh)]
        (folder / f"{i + 1:0{width}d}-lesson.txt").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return out


def _memory(pid: int) -> tuple[float, float, float]:
    """(sum of PSS, sum of RSS, largest RSS) over the tree, in MB."""
    pss = rss = largest = 0.0
    for p in _tree(pid):
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = {ln.split(":")[0]: float(ln.split()[1]) / 1024 for ln in text.splitlines()[1:]}
        pss += fields.get("Pss", 0.0)
        rss += fields.get("Rss", 0.0)
        largest = max(largest, fields.get("Rss", 0.0))
    return pss, rss, largest


@dataclass(frozen=True, slots=True)
class Result:
    jobs: int
    wall: float
    pss_mb: float
    rss_sum_mb: float
    rss_max_mb: float


def run(jobs: int, class_dir: Path, out: Path, cache: Path) -> Result:
    env = dict(os.environ, FLASHGEN_CACHE_DIR=str(cache), SOURCE_DATE_EPOCH="1752624000")
    cmd = [
        sys.executable,
        "-m",
        "flashgen",
        "build",
        str(class_dir),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    peak = [0.0, 0.0, 0.0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            now = _memory(proc.pid)
            for i in range(3):
                peak[i] = max(peak[i], now[i])
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return Result(jobs, wall, *peak)


def same_files(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.suffix != ".json")
    return files == sorted(
        p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.suffix != ".json"
    ) and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=60)
    parser.add_argument("--jobs", default="2,1", help="comma-separated job counts to run")
    parser.add_argument("--repeat", type=int, default=1, help="runs per job count (best kept)")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    with tempfile.TemporaryDirectory(prefix="flashgen-class-") as tmp:
        tmp_path = Path(tmp)
        class_dir = tmp_path / "class"
        write_class(class_dir, args.lessons, args.pairs)
        cache = Path(os.environ.get("FLASHGEN_CACHE_DIR") or tmp_path / "cache")
        # Warm the caches (CC-CEDICT index, dictionaries) so every timed run is warm.
        warm = tmp_path / "warm"
        (warm / "a").mkdir(parents=True)
        (warm / "a" / "t.txt").write_text("我们学习中文。\n", encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "flashgen",
                "build",
                str(warm / "a"),
                "--out",
                str(warm / "out"),
                "--quiet",
            ],
            cwd=ROOT,
            check=True,
            env=dict(os.environ, FLASHGEN_CACHE_DIR=str(cache)),
        )
        results: dict[int, Result] = {}
        for j in jobs:
            best = None
            for r in range(args.repeat):
                res = run(j, class_dir, tmp_path / f"out-{j}-{r}", cache)
                if best is None or res.wall < best.wall:
                    best = res
            assert best is not None
            results[j] = best
        print(
            f"\nclass of {args.lessons} lessons x {args.pairs} Tatoeba pairs "
            f"({args.lessons * args.pairs} pairs), warm cache\n"
        )
        print(
            "| --jobs | wall s | peak PSS, all processes (MB) | largest process RSS (MB) "
            "| sum of RSS (MB) |"
        )
        print("|---:|---:|---:|---:|---:|")
        for j, res in results.items():
            print(
                f"| {j} | {res.wall:.1f} | {res.pss_mb:.0f} | {res.rss_max_mb:.0f} "
                f"| {res.rss_sum_mb:.0f} |"
            )
        if 1 in results and len(results) > 1:
            for j, res in results.items():
                if j != 1:
                    print(
                        f"\nspeed-up of --jobs {j} over --jobs 1: {results[1].wall / res.wall:.2f}x"
                    )
                    print(
                        f"identical decks and handouts: "
                        f"{same_files(tmp_path / f'out-{j}-0', tmp_path / 'out-1-0')}"
                    )
        if 2 in results:
            r2 = results[2]
            print(
                f"\ntargets (--jobs 2): wall < 60 s: {'met' if r2.wall < 60 else 'NOT met'} "
                f"({r2.wall:.1f} s); peak < 500 MB (PSS): "
                f"{'met' if r2.pss_mb < 500 else 'NOT met'} ({r2.pss_mb:.0f} MB)"
            )


if __name__ == "__main__":
    main()
