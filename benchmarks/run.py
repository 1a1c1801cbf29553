"""The one benchmark for "Fast enough that nobody waits": start-up, throughput, scale, accuracy.

    python benchmarks/run.py [--repeat N] [--sizes 10k,100k,1m,10m] [--kinds bilingual,zh]
                             [--chars N] [--skip-startup] [--skip-throughput]
                             [--skip-scale] [--skip-accuracy] [--out benchmarks/results-run.md]

Everything it writes (texts, decks, caches) goes to a temporary folder, never into the
project; the Tatoeba corpus and the accuracy data are read in place from ../shared/eval
(research and CC-BY licences: never copied).  Run it from anywhere with the project's
venv; it prints markdown tables and, with ``--out``, writes the same report to a file.

1. Start-up, the real CLI in a subprocess (benchmarks/timing.py: wall time, peak RSS):
   ``flashgen --help``; ``flashgen build seeds/`` cold (an empty ``FLASHGEN_CACHE_DIR``
   each run, so flashgen builds its caches; the OS page cache and .pyc files stay warm)
   and warm (the same cache again).  Median of ``--repeat`` runs, after one untimed run.
2. Throughput, in one process after start-up (a child process per ``--jobs`` value, so
   that no other section has warmed the library's in-memory caches): the Tatoeba pairs
   laid out as one interleaved bilingual text (English line, Chinese line, blank line),
   up to ``--chars`` Chinese characters.  Bare ``jieba.Tokenizer().cut(text, HMM=False)``
   on the Chinese lines alone against flashgen's annotate on the whole text, done as
   ``flashgen annotate --jobs N`` does it (scan_inputs → load → records.document_lines,
   to a null sink) with N = 1 and N = the usable cores, after the same steps on the
   sample article.  Then where the time goes,
   two ways, each in a fresh child: the stage functions called one by one over the whole
   text (:func:`staged`), and the real ``build_deck`` under a small sampling profiler
   (:func:`sampled_worker`).
3. Scale: ``flashgen build FILE --out TMP --quiet`` on texts of each ``--sizes`` (bytes of
   UTF-8) made of shuffled Tatoeba pairs (repeated, reshuffled, past the corpus's size),
   warm cache; wall time, CPU time and peak RSS.  Time per character is computed with
   start-up taken out two ways: minus the median of ``--repeat`` builds of a one-pair
   text of the same kind, and relative to the smallest size (the marginal cost).
4. Accuracy: the headline lines of benchmarks/polyphones.py, segmentation.py and
   alignment.py, run as subprocesses.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import io
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from tatoeba import load_pairs  # benchmarks/tatoeba.py
from timing import GNU_TIME, timed  # benchmarks/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "000_83bce5aa88b4fec1.txt"

# The targets.
HELP_TARGET_S = 0.3
WARM_TARGET_S = 1.5
COLD_TARGET_S = 5.0
JIEBA_RATIO_TARGET = 3.0
PEAK_TARGET_MB = 400.0  # at 10 MB
# "Time per character flat": our reading is that the largest size's µs/char (start-up
# taken out) is at most this many times the smallest's (getting cheaper per character
# with size is fine).
FLAT_TARGET = 1.5
# Sizes at or above this run once whatever --repeat says: each takes minutes.
REPEAT_BELOW_BYTES = 2**20

Pair = tuple[str, str]  # (English, Chinese)


# --- output -----------------------------------------------------------------------
class Report:
    """Printed as it goes; the same text is written to ``--out`` at the end."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        self.parts.append(text)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        right: Sequence[bool] | None = None,
    ) -> None:
        """A markdown table, padded so that it also reads well in a terminal."""
        cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
        right = right or [i > 0 for i in range(len(header))]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

        def line(r: list[str]) -> str:
            return (
                "| "
                + " | ".join(
                    c.rjust(w) if ra else c.ljust(w)
                    for c, w, ra in zip(r, widths, right, strict=True)
                )
                + " |"
            )

        self(line(cells[0]))
        self(
            "|"
            + "|".join(
                ("-" * (w + 1) + ":") if ra else (":" + "-" * (w + 1))
                for w, ra in zip(widths, right, strict=True)
            )
            + "|"
        )
        for r in cells[1:]:
            self(line(r))
        self()

    def text(self) -> str:
        return "\n".join(self.parts) + "\n"


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def note(message: str) -> None:
    """Progress on stderr: not part of the report."""
    print(f"[run.py] {message}", file=sys.stderr, flush=True)


# --- machine ----------------------------------------------------------------------
def machine_facts() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    versions = []
    for dist in ("jieba", "pypinyin", "g2pM"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    return [
        ("date", datetime.datetime.now().astimezone().isoformat(timespec="seconds")),
        ("flashgen", _git_state()),
        ("CPU", f"{cpu}; {os.cpu_count()} logical cores ({usable} usable)"),
        ("RAM", ram),
        ("load average (1, 5, 15 min) at start", load),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("libraries", ", ".join(versions)),
        ("peak RSS from", "GNU time -v" if GNU_TIME.exists() else "nowhere (no /usr/bin/time)"),
    ]


def _git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "flashgen"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (" + uncommitted changes in flashgen/" if dirty else "")


# --- texts ------------------------------------------------------------------------


def shuffled(pairs: list[Pair], seed: int) -> Iterator[Pair]:
    """The pairs in an order fixed by ``seed``, reshuffled on each pass, endlessly."""
    rng = random.Random(seed)
    while True:
        order = list(range(len(pairs)))
        rng.shuffle(order)
        for i in order:
            yield pairs[i]


def layout(chunk: Sequence[Pair], kind: str) -> str:
    """``bilingual``: English line, its Chinese line, blank line (the sample article's
    order, blank lines added); ``zh``: the Chinese only, five sentences a paragraph."""
    if kind == "bilingual":
        return "".join(f"{en}\n{zh}\n\n" for en, zh in chunk)
    return "".join(
        "".join(zh for _, zh in chunk[i : i + 5]) + "\n\n" for i in range(0, len(chunk), 5)
    )


def write_sized(path: Path, pairs: list[Pair], kind: str, size: int) -> tuple[int, int]:
    """At least ``size`` bytes of UTF-8 (whole pairs); returns (characters, Chinese
    characters)."""
    chunk: list[Pair] = []
    written = 0
    for pair in shuffled(pairs, seed=7):
        chunk.append(pair)
        written += len(pair[1].encode()) + 3 + (len(pair[0].encode()) if kind == "bilingual" else 0)
        if written >= size:
            break
    text = layout(chunk, kind)
    path.write_text(text, encoding="utf-8")
    return len(text), sum(len(zh) for _, zh in chunk)


def parse_size(s: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kmKM]?)[bB]?", s.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (try 10k, 100k, 1m, 10m)")
    return int(float(m[1]) * {"": 1, "k": 2**10, "m": 2**20}[m[2].lower()])


def human(size: int) -> str:
    return f"{size / 2**20:g} MB" if size >= 2**20 else f"{size / 2**10:g} KB"


# --- the CLI ----------------------------------------------------------------------
def flashgen_cmd() -> list[str]:
    """The installed console script (what a user types), else ``python -m flashgen``."""
    script = Path(sys.executable).parent / "flashgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "flashgen"]


def env_with(cache: Path) -> dict[str, str]:
    env = dict(os.environ, FLASHGEN_CACHE_DIR=str(cache))
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process tree: steadier on a busy machine
    rss_mb: float  # peak resident set size (GNU time), 0 without it


def cli(args: list[str], cache: Path) -> Run:
    run = timed([*flashgen_cmd(), *args], ROOT, env_with(cache), stdout=subprocess.DEVNULL)
    return Run(run.wall, run.cpu, run.rss_mb)


def build(paths: list[Path], out: Path, cache: Path) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    return cli(["build", *map(str, paths), "--out", str(out), "--quiet"], cache)


@dataclass(frozen=True, slots=True)
class Summary:
    wall: float  # median
    cpu: float  # median
    rss_mb: float  # largest
    wall_noise: float  # max - min of the wall times (0 for one run)
    cpu_noise: float
    spread: str  # range of the wall times, for the tables


def summarise(runs: list[Run]) -> Summary:
    walls = sorted(r.wall for r in runs)
    cpus = sorted(r.cpu for r in runs)
    spread = f"{walls[0]:.2f}–{walls[-1]:.2f}" if len(walls) > 1 else "1 run"
    return Summary(
        statistics.median(walls),
        statistics.median(cpus),
        max(r.rss_mb for r in runs),
        walls[-1] - walls[0],
        cpus[-1] - cpus[0],
        spread,
    )


def startup(report: Report, work: Path, repeat: int) -> Path:
    """Section 1; returns a warm cache folder."""
    report("## 1. Start-up (real CLI, subprocess)")
    report()
    cmd = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(flashgen_cmd()))
    report(
        f"`{cmd} …` from the project root; median of {repeat} runs after one untimed "
        "run. Cold: a fresh, empty FLASHGEN_CACHE_DIR for each run (flashgen builds what it "
        "keeps there: parsed dictionaries, segmenter data); the OS page cache and .pyc "
        "files are warm, so a freshly booted machine is slower. "
        "Warm: the same cache folder again. Decks go to a temporary folder."
    )
    report()
    note("start-up: flashgen --help")
    scratch = work / "cache-scratch"
    cli(["--help"], scratch)
    helps = [cli(["--help"], scratch) for _ in range(repeat)]
    note(f"start-up: {repeat} cold builds of seeds/")
    decks = work / "decks-seeds"
    colds = []
    for i in range(repeat):
        cache = work / f"cache-{i}"
        colds.append(build([SEEDS], decks, cache))
    cached = [f for f in cache.rglob("*") if f.is_file()]
    build([SEEDS], decks, cache)  # untimed: the first warm run
    note(f"start-up: {repeat} warm builds of seeds/")
    warms = [build([SEEDS], decks, cache) for _ in range(repeat)]
    rows = []
    for label, runs, target in (
        (f"{cmd} --help", helps, HELP_TARGET_S),
        (f"{cmd} build seeds/, cold cache", colds, COLD_TARGET_S),
        (f"{cmd} build seeds/, warm cache", warms, WARM_TARGET_S),
    ):
        m = summarise(runs)
        rows.append(
            (
                label,
                f"{m.wall:.2f}",
                m.spread,
                f"{m.cpu:.2f}",
                f"{m.rss_mb:.0f}",
                f"< {target:g} s",
                verdict(m.wall < target),
            )
        )
    report.table(
        ["run", "wall s (median)", "wall range", "CPU s", "peak RSS MB", "target", ""],
        rows,
        right=[False, True, True, True, True, True, False],
    )
    report(
        f"A cold run leaves {len(cached)} files, "
        f"{sum(f.stat().st_size for f in cached) / 2**20:.0f} MB, in the cache folder. "
        "The targets are on wall time; CPU s (user + system of the process tree, median) "
        "shows how much of it is flashgen's own work when the machine is shared."
    )
    report()
    return cache


def warm_cache(work: Path) -> Path:
    """A cache folder built by one untimed build (when section 1 is skipped)."""
    cache = work / "cache-0"
    note("building a warm cache (one untimed build of seeds/)")
    build([SEEDS], work / "decks-seeds", cache)
    return cache


# --- throughput (parent side) -----------------------------------------------------
def throughput(report: Report, work: Path, cache: Path, pairs: list[Pair], max_chars: int) -> None:
    report("## 2. Throughput after start-up, against bare jieba")
    report()
    chunk: list[Pair] = []
    chars = 0
    for pair in _take(pairs):
        if chars >= max_chars:
            break
        chunk.append(pair)
        chars += len(pair[1])
    text = work / "tatoeba-bilingual.txt"
    text.write_text(layout(chunk, "bilingual"), encoding="utf-8")
    zh = work / "tatoeba-zh.txt"
    zh.write_text("\n".join(z for _, z in chunk) + "\n", encoding="utf-8")
    whole = "the whole corpus" if len(chunk) == len(pairs) else f"of {len(pairs):,}"
    short = (
        f"; the corpus has fewer than the {max_chars:,} asked"
        if len(chunk) == len(pairs) and chars < max_chars
        else ""
    )
    report(
        f"Text: {len(chunk):,} Tatoeba pairs ({whole}{short}) in a fixed shuffled "
        f"order, laid out as one interleaved bilingual file (English line, Chinese line, "
        f"blank line): {chars:,} Chinese characters, "
        f"{len(text.read_text(encoding='utf-8')):,} characters in all, "
        f"{text.stat().st_size / 2**20:.2f} MB."
    )
    report()
    from flashgen.output.records import PARALLEL_MIN_CHARS
    from flashgen.parallel import default_jobs

    jobs = default_jobs()
    runs = {}
    for n in sorted({1, jobs}):
        note(
            f"throughput: annotating {chars:,} Chinese characters with --jobs {n} "
            "in a child process"
        )
        runs[n] = worker("throughput", [text, zh, str(n)], cache)
        if "error" in runs[n]:
            report(f"**Not measured**: {runs[n]['error']}")
            report()
            return
    got = runs[jobs]
    report(
        f"One child process per `--jobs`: warm-up on {SAMPLE.name} (the whole annotate "
        f"path, so loading dictionaries and models is excluded: {got['warmup_s']:.2f} s), "
        "then bare jieba on the Chinese lines joined by newlines (`jieba.Tokenizer()`, "
        "initialised before timing; `cut(text, HMM=False)` fully consumed), then "
        "flashgen on the bilingual file exactly as `flashgen annotate --jobs N` does it "
        "(scan_inputs → load → records.document_lines, written to a null sink; with "
        f"N > 1 and a text of at least {PARALLEL_MIN_CHARS:,} Chinese characters, blocks "
        "of paragraphs are annotated by N forked worker processes). Each is run once: "
        "flashgen's in-memory caches fill as it goes, so a second run would flatter it. "
        "CPU = process time of the process and its workers, steadier than wall time on "
        f"a shared machine. `flashgen annotate` uses --jobs {jobs} here (the cores this "
        "process may use): that row is the verdict."
    )
    report()
    jb = got["jieba"]
    rows = [
        (
            "bare jieba, cut(HMM=False), Chinese only",
            f"{jb['wall']:.2f}",
            f"{jb['cpu']:.2f}",
            f"{chars / jb['wall']:,.0f}",
            f"{jb['tokens']:,} words",
            "",
            "",
        )
    ]
    for n, run in runs.items():
        fg, base = run["flashgen"], run["jieba"]
        ratio_wall = fg["wall"] / base["wall"]
        ratio_cpu = fg["cpu"] / base["cpu"]
        rows.append(
            (
                f"flashgen annotate --jobs {n} (JSON lines)",
                f"{fg['wall']:.2f}",
                f"{fg['cpu']:.2f}",
                f"{chars / fg['wall']:,.0f}",
                f"{fg['sentences']:,} sentences, {fg['tokens']:,} tokens",
                f"{ratio_wall:.1f}× ({ratio_cpu:.1f}× CPU)"
                + ("" if run is got else f"; its own jieba run {base['wall']:.2f} s"),
                verdict(ratio_wall <= JIEBA_RATIO_TARGET) if run is got else "",
            )
        )
    again, base = runs[1]["again"], runs[1]["jieba"]
    rows.append(
        (
            "the --jobs 1 run again, same process (all met before)",
            f"{again['wall']:.2f}",
            f"{again['cpu']:.2f}",
            f"{chars / again['wall']:,.0f}",
            "the same lines",
            f"{again['wall'] / base['wall']:.1f}× ({again['cpu'] / base['cpu']:.1f}× CPU)",
            "",
        )
    )
    fg = runs[1]["flashgen"]  # the stage table below is one process's work
    report.table(
        [
            "run",
            "wall s",
            "CPU s",
            "zh chars/s",
            "output",
            f"vs jieba (target ≤ {JIEBA_RATIO_TARGET:g}×)",
            "",
        ],
        rows,
        right=[False, True, True, True, False, True, False],
    )
    report(
        "The last row is no verdict: the text is annotated a second time in the "
        "process that has just annotated it, so every word's gloss, reading and JSON "
        "pieces and every unknown-word cut are already known (the segmenter's memory of "
        "whole sentences is emptied and switched off first: every sentence is cut "
        "again). It is the per-token work, which no per-word cache takes away. "
        f"Divided between {jobs} cores without any loss it would be "
        f"{again['cpu'] / jobs / base['cpu']:.1f}× jieba's CPU time."
    )
    report()

    note("throughput: stage by stage in a second child process")
    st = worker("stages", [text, work / "stage-decks"], cache)
    note("throughput: the real build path under a sampling profiler, in a third one")
    sp = worker("sampled", [text, work / "sampled-decks"], cache)
    if "error" in st:
        st = {"rows": None, "why": st["error"]}
    if "error" in sp:
        report(f"(The sampled method failed: {sp['error']}.)")
        report()
        sp = {"wall": 0.0, "cpu": 0.0, "counts": {}, "others": []}
    stage_table(report, st, sp, fg, chars)


def stage_table(
    report: Report, st: dict[str, Any], sp: dict[str, Any], fg: dict[str, Any], chars: int
) -> None:
    report("### Where the time goes")
    report()
    n_samples = sum(sp["counts"].values())
    report("Two methods, each in a fresh child process with the same warm-up, on the same text:")
    report()
    if st["rows"] is not None:
        report(
            "- **calls**: each stage's functions called by themselves over the whole "
            "text, in pipeline order, with the arguments iter_annotated gives them "
            "(flashgen.language.annotate interleaves the stages in chunks of sentences; here each "
            "runs over all sentences before the next), timed with perf_counter and "
            "process_time. On the warm-up text the result was checked equal to "
            "iter_annotated's. Then the JSON records, and build's own steps after "
            "annotation (select_words; build.write_study or make_notes + write_deck, to "
            "a temporary .apkg). Caveat: in-memory caches fill in a different order than "
            "in the interleaved run."
        )
    else:
        report(f"- **calls**: not measured — {st['why']}; the sampled column stands alone.")
    report(
        ("- **sampled** (failed, see above): " if not n_samples else "- **sampled**: ")
        + f"the real `build_deck` of the text (what `flashgen build FILE` "
        f"runs, annotate's JSON aside), with a thread reading the main thread's stack "
        f"about every millisecond ({n_samples:,} samples in {sp['wall']:.2f} s; Python "
        "hands the sampler the interpreter lock at its switch interval, so the real rate "
        "is lower and the shares carry sampling error). A sample goes to the stage whose "
        "function is innermost on the stack (alignment and reading own all they call); "
        "seconds = share × the run's wall time."
    )
    report()
    calls = {r[0]: r for r in st["rows"] or []}
    total_samples = n_samples or 1

    def sampled(name: str) -> tuple[str, str]:
        n = sp["counts"].get(name, 0)
        if name == JSON_STAGE or not n_samples:
            return "—", "—"
        return f"{n / total_samples * sp['wall']:.2f}", f"{100 * n / total_samples:.0f} %"

    def row(name: str, how: str) -> tuple[str, ...]:
        c = calls.get(name)
        wall = f"{c[1]:.2f}" if c else "—"
        cpu = f"{c[2]:.2f}" if c else "—"
        rate = f"{chars / c[1]:,.0f}" if c and c[1] else "—"
        return (name, wall, cpu, rate, *sampled(name), how)

    funcs = {
        k: ", ".join(f.removeprefix("flashgen.").rstrip("*") for f in v)
        for k, v in STAGE_FUNCTIONS.items()
    }
    rows = [row(name, funcs[name]) for name in ANNOTATION_STAGES]
    ann = [calls[n] for n in ANNOTATION_STAGES if n in calls]
    ann_wall = sum(r[1] for r in ann)
    ann_n = sum(sp["counts"].get(n, 0) for n in ANNOTATION_STAGES)
    rows.append(
        (
            "= annotation (both commands)",
            f"{ann_wall:.2f}" if ann else "—",
            f"{sum(r[2] for r in ann):.2f}" if ann else "—",
            f"{chars / ann_wall:,.0f}" if ann else "—",
            f"{ann_n / total_samples * sp['wall']:.2f}" if n_samples else "—",
            f"{100 * ann_n / total_samples:.0f} %" if n_samples else "—",
            "",
        )
    )
    rows += [row(name, funcs[name]) for name in (JSON_STAGE, SELECT_STAGE, DECK_STAGE)]
    others = ", ".join(f"{name} {n}" for name, n in sp["others"])
    rows.append(
        row(OTHER_STAGE, f"sampled, innermost flashgen function: {others}" if others else "")
    )
    report.table(
        [
            "stage",
            "calls: wall s",
            "calls: CPU s",
            "calls: zh chars/s",
            "sampled: s",
            "sampled: share",
            "function(s)",
        ],
        rows,
        right=[False, True, True, True, True, True, False],
    )
    lines = []
    if ann:
        json_wall = calls[JSON_STAGE][1]
        build_wall = ann_wall + calls[SELECT_STAGE][1] + calls[DECK_STAGE][1]
        lines.append(
            f"calls: annotate = annotation + JSON records = "
            f"{ann_wall + json_wall:.2f} s (end to end, above: {fg['wall']:.2f} s); "
            f"build after start-up = annotation + selection + deck = "
            f"{build_wall:.2f} s."
        )
    if n_samples:
        lines.append(
            f"sampled: build after start-up, end to end under the sampler: "
            f"{sp['wall']:.2f} s wall, {sp['cpu']:.2f} s CPU."
        )
    report(" ".join(lines))
    report()


def _take(pairs: list[Pair]) -> Iterator[Pair]:
    """One pass over the corpus in a fixed shuffled order (no repeats)."""
    it = shuffled(pairs, seed=0)
    for _ in range(len(pairs)):
        yield next(it)


def worker(kind: str, args: list[Path], cache: Path) -> dict[str, Any]:
    """Run this script as a child doing one measurement; a failure (flashgen is being
    changed under us) is returned as ``{"error": …}`` rather than ending the run."""
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", kind, *map(str, args)],
        cwd=ROOT,
        env=env_with(cache),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        return {"error": f"the {kind} child failed ({proc.returncode}): {last}"}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- throughput (child side) ------------------------------------------------------
@contextlib.contextmanager
def clocked(into: dict[str, float]) -> Iterator[None]:
    w, c = time.perf_counter(), time.process_time()
    yield
    into["wall"] = time.perf_counter() - w
    into["cpu"] = time.process_time() - c


def annotate_like_cli(path: Path, sink: io.TextIOBase, jobs: int = 1) -> tuple[int, int]:
    """What ``flashgen annotate --jobs JOBS PATH`` does, writing to ``sink``;
    (sentences, tokens)."""
    from flashgen.output.records import document_lines
    from flashgen.text.inputs import scan_inputs
    from flashgen.text.read import load

    n_sent = n_tok = 0
    for text in scan_inputs([path]).inputs:
        for line in document_lines(load(text, None), jobs):
            sink.write(line + "\n")
            n_sent += 1
            # Counted without parsing the line: each token's record starts so.
            n_tok += line.count('{"text": ')
    return n_sent, n_tok


def warm_up() -> float:
    """The whole annotate path once on the sample article (dictionaries, models)."""
    t = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        annotate_like_cli(SAMPLE, sink)
    return time.perf_counter() - t


def throughput_worker(text: Path, zh: Path, jobs: Path) -> dict[str, Any]:
    import jieba

    from flashgen.cli import collect_less, one_blas_thread

    one_blas_thread()
    collect_less()  # as the CLI does before any command (the jieba run gets it too)
    warmup = warm_up()
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    chinese = zh.read_text(encoding="utf-8")
    jb: dict[str, Any] = {}
    with clocked(jb):
        jb["tokens"] = sum(1 for w in tokenizer.cut(chinese, HMM=False) if w.strip())
    fg: dict[str, Any] = {}
    before = os.times()
    with open(os.devnull, "w", encoding="utf-8") as sink, clocked(fg):
        fg["sentences"], fg["tokens"] = annotate_like_cli(text, sink, int(jobs.name))
    after = os.times()  # the workers have been waited for: their time is counted
    fg["cpu"] += (
        after.children_user - before.children_user + after.children_system - before.children_system
    )
    got = {"warmup_s": warmup, "jieba": jb, "flashgen": fg}
    if jobs.name == "1":
        # The same text once more: every word has been met, so this is what the
        # per-token work costs without any first-time work.  The segmenter's memory of
        # whole short sentences is emptied and kept so, or it would hand back every
        # sentence's tokens: words met before, not sentences, is the question.
        from flashgen.language import segment

        segment._segmenter().sentences.clear()
        segment._SENTENCE_KEPT_MAX_CHARS = -1
        again: dict[str, Any] = {}
        with open(os.devnull, "w", encoding="utf-8") as sink, clocked(again):
            annotate_like_cli(text, sink, 1)
        got["again"] = again
    return got


# The stages, in pipeline order, and the functions that do them: called one by one by
# the "calls" method, looked for on the stack by the sampling one.  A "whole" function
# owns everything it calls (alignment calls the English stemmer; that is alignment
# time); for the others the innermost one on the stack wins, because selection pulls
# the annotation stream through itself.
Row = tuple[str, float, float, str]  # stage, wall s, CPU s, functions
READ_STAGE = "read: decode, paragraphs, pairing"
ALIGN_STAGE = "sentence split + alignment"
SEGMENT_STAGE = "segmentation (with document names)"
PINYIN_STAGE = "pinyin"
GLOSS_STAGE = "gloss, HSK, frequency, traditional (once per word)"
ENGLISH_STAGE = "English match"
FINISH_STAGE = "finish: each token put together"
JSON_STAGE = "JSON records (annotate only)"
SELECT_STAGE = "selection (build only)"
DECK_STAGE = "notes + deck writing → .apkg (build only)"
OTHER_STAGE = "other (in no stage function)"
STAGE_FUNCTIONS: dict[str, list[str]] = {
    READ_STAGE: ["flashgen.text.read.load*"],
    ALIGN_STAGE: [
        "flashgen.language.annotate.sentence_pairs*",
        # iter_annotated's own way to them: a sure link judged after segmentation.
        "flashgen.language.annotate._pairs*",
        "flashgen.language.annotate._settled*",
    ],
    SEGMENT_STAGE: [
        "flashgen.language.annotate.document_names*",
        "flashgen.language.segment.segment",
    ],
    PINYIN_STAGE: [
        "flashgen.language.pinyin.context.read_sentences",
        "flashgen.language.pinyin.context.read_sentence",
    ],
    GLOSS_STAGE: ["flashgen.language.annotate._read_word"],
    ENGLISH_STAGE: [
        "flashgen.language.english.english_words",
        "flashgen.language.annotate._match_english",
    ],
    FINISH_STAGE: ["flashgen.language.annotate._finished"],
    JSON_STAGE: ["flashgen.output.records.sentence_line*"],
    SELECT_STAGE: ["flashgen.teach.select.select_words"],
    DECK_STAGE: [
        "flashgen.build.texts.write_study*",
        "flashgen.teach.cards.make_notes*",
        "flashgen.output.anki.package.write_deck*",
    ],
}
ANNOTATION_STAGES = (
    READ_STAGE,
    ALIGN_STAGE,
    SEGMENT_STAGE,
    PINYIN_STAGE,
    GLOSS_STAGE,
    ENGLISH_STAGE,
    FINISH_STAGE,
)


def staged(path: Path, decks: Path, rows: list[Row] | None = None) -> list[Any]:
    """What ``iter_annotated`` does, one stage at a time over the whole text (the same
    functions with the same arguments), then the JSON records of ``flashgen annotate``
    and the steps ``flashgen build`` takes after annotating.  Appends a row per stage to
    ``rows``; returns the annotated sentences."""
    from flashgen.datatypes import AnnotatedSentence
    from flashgen.language import annotate as A
    from flashgen.language import pinyin
    from flashgen.language.english import english_words
    from flashgen.language.segment import segment
    from flashgen.output.records import sentence_line
    from flashgen.text.inputs import scan_inputs
    from flashgen.text.read import load
    from flashgen.text.script import to_simplified

    out: list[Row] = [] if rows is None else rows

    @contextlib.contextmanager
    def stage(name: str) -> Iterator[None]:
        got: dict[str, float] = {}
        with clocked(got):
            yield
        out.append(
            (
                name,
                got["wall"],
                got["cpu"],
                ", ".join(f.removeprefix("flashgen.").rstrip("*") for f in STAGE_FUNCTIONS[name]),
            )
        )
        # What the stages made so far is kept for the next ones (annotate streams it
        # instead): out of the garbage collector's sight, so that its passes over a
        # growing heap are not charged to the later stages.
        gc.freeze()

    (item,) = scan_inputs([path]).inputs
    with stage(READ_STAGE):
        doc = load(item, None)
    with stage(ALIGN_STAGE):
        pairs = list(A.sentence_pairs(doc))
    with stage(SEGMENT_STAGE):
        names = A.document_names(doc)
        simplified = [(n, to_simplified(n)) for n in sorted(names)]
        tokens = []
        for p in pairs:
            if simplified:
                simp = to_simplified(p.zh)
                present = frozenset(n for n, s in simplified if s in simp)
            else:
                present = names
            tokens.append(segment(p.zh, present))
    with stage(PINYIN_STAGE):
        spans = [[(t.start, t.end) for t in toks] for toks in tokens]
        readings = []
        for i in range(0, len(pairs), A._CHUNK):  # batched, as many sentences as annotate does
            readings += pinyin.read_sentences(
                [
                    (p.zh, s)
                    for p, s in zip(pairs[i : i + A._CHUNK], spans[i : i + A._CHUNK], strict=True)
                ]
            )
    with stage(GLOSS_STAGE):
        words = [
            list(map(A._read_word, [t.text for t in toks], [t.kind for t in toks], rs))
            for toks, rs in zip(tokens, readings, strict=True)
        ]
    with stage(ENGLISH_STAGE):
        matched = [
            A._match_english(toks, ws, english_words(p.en)) if p.en else (ws, [None] * len(ws))
            for p, toks, ws in zip(pairs, tokens, words, strict=True)
        ]
    with stage(FINISH_STAGE):
        sentences = [
            AnnotatedSentence(
                doc.path.name,
                p.paragraph,
                p.index,
                p.zh,
                p.en,
                p.en_scope,
                p.align_score,
                A._finished(toks, ws, ms),
            )
            for p, toks, (ws, ms) in zip(pairs, tokens, matched, strict=True)
        ]
    with open(os.devnull, "w", encoding="utf-8") as sink, stage(JSON_STAGE):
        for s in sentences:
            sink.write(sentence_line(s) + "\n")
    after_annotation(sentences, item, doc.title, decks, stage)
    return sentences


def after_annotation(
    sentences: list[Any], item: Any, title: str | None, decks: Path, stage: Callable[[str], Any]
) -> None:
    """What ``flashgen build`` does with a text's annotated sentences."""
    from flashgen.build import texts as build
    from flashgen.teach.select import select_words

    config = build.BuildConfig(out_dir=decks)
    path = decks / "bench.apkg"
    source = item.zh_path.name + (f" — {title}" if title else "")
    with stage(SELECT_STAGE):
        selection = select_words(iter(sentences), config.select)
    with stage(DECK_STAGE):
        from flashgen.teach.study import Study

        build.write_study(Study(item, source, selection), path, config, build.build_timestamp())


def stages_worker(text: Path, decks: Path) -> dict[str, Any]:
    """The "calls" method, after checking on the warm-up text that it still does what
    iter_annotated does."""
    from flashgen.cli import collect_less, one_blas_thread
    from flashgen.language.annotate import iter_annotated
    from flashgen.text.inputs import scan_inputs
    from flashgen.text.read import load

    one_blas_thread()
    collect_less()
    decks.mkdir(parents=True, exist_ok=True)
    warm_up()
    try:
        check = staged(SAMPLE, decks)
        (item,) = scan_inputs([SAMPLE]).inputs
        if check != list(iter_annotated(load(item, None))):
            return {
                "rows": None,
                "why": "on the warm-up text its result is no longer "
                "iter_annotated's (flashgen.language.annotate changed)",
            }
    except (ImportError, AttributeError, TypeError, ValueError) as e:
        return {"rows": None, "why": f"{type(e).__name__}: {e} (flashgen changed)"}
    rows: list[Row] = []
    staged(text, decks, rows)
    return {"rows": rows, "why": ""}


def stage_of(frame: Any, entries: dict[str, tuple[str, bool]]) -> tuple[str | None, str]:
    """The stage a stack sample belongs to, and its innermost flashgen function."""
    stack = []
    while frame is not None:
        stack.append(frame)
        frame = frame.f_back
    found = None
    inner = ""
    for f in reversed(stack):  # outermost first
        name = f"{f.f_globals.get('__name__', '')}.{f.f_code.co_name}"
        if name.startswith("flashgen."):
            inner = name
        hit = entries.get(name)
        if hit is not None:
            found = hit[0]
            if hit[1]:  # a "whole" stage owns what it calls
                return found, inner
    return found, inner


def sampled_worker(text: Path, decks: Path) -> dict[str, Any]:
    """``build_deck`` (what ``flashgen build FILE`` runs for one text) with a thread
    reading the main thread's stack every millisecond or so."""
    import threading
    from collections import Counter

    from flashgen.build.texts import BuildConfig, build_deck, build_timestamp
    from flashgen.cli import collect_less, one_blas_thread
    from flashgen.text.inputs import scan_inputs

    one_blas_thread()
    collect_less()
    entries = {
        f.rstrip("*"): (stage, f.endswith("*"))
        for stage, funcs in STAGE_FUNCTIONS.items()
        for f in funcs
    }
    decks.mkdir(parents=True, exist_ok=True)
    warm_up()
    (item,) = scan_inputs([text]).inputs
    main_id = threading.get_ident()
    counts: Counter[str] = Counter()
    others: Counter[str] = Counter()
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.001):
            frame = sys._current_frames().get(main_id)
            stage, inner = stage_of(frame, entries)
            counts[stage or OTHER_STAGE] += 1
            if stage is None:
                others[inner or "outside flashgen"] += 1

    sampler = threading.Thread(target=sample, daemon=True)
    got: dict[str, float] = {}
    sampler.start()
    with clocked(got):
        build_deck(item, decks / "sampled.apkg", BuildConfig(out_dir=decks), build_timestamp())
    stop.set()
    sampler.join()
    return {
        "wall": got["wall"],
        "cpu": got["cpu"],
        "counts": dict(counts),
        "others": others.most_common(3),
    }


# --- scale --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Point:
    kind: str
    size: int  # asked, bytes
    chars: int
    run: Summary
    net_wall: float | None  # start-up subtracted; None when within the start-up's noise
    net_cpu: float | None


def net(total: float, start: float, noise: float) -> float | None:
    """``total - start``, or None when that is no larger than the start-up's spread (a
    time per character computed from it would be noise)."""
    left = total - start
    return left if left > max(noise, 0.01) else None


def scale(
    report: Report,
    work: Path,
    cache: Path,
    pairs: list[Pair],
    sizes: list[int],
    kinds: list[str],
    repeat: int,
    plot_to: Path | None,
) -> None:
    report("## 3. Scale (real CLI, subprocess)")
    report()
    cmd = Path(flashgen_cmd()[0]).name if len(flashgen_cmd()) == 1 else "python -m flashgen"
    report(
        f"`{cmd} build FILE --out TMP --quiet`, warm cache, under benchmarks/timing.py "
        "(wall time; peak RSS from GNU time; CPU = user + system of the process tree from "
        "getrusage). Texts: Tatoeba pairs in a fixed shuffled order, reshuffled on each "
        "pass past the corpus's ~1.6 MB (so the larger texts repeat sentences). "
        "bilingual = English line, Chinese line, blank line; zh = Chinese only, five "
        f"sentences a paragraph. Start-up = median of {repeat} builds of a one-pair text of "
        "the same kind (after one untimed build); net = time − start-up, left out (—) when "
        "not larger than the start-up's own spread; µs/char = net / characters of the "
        f"file. Sizes under {human(REPEAT_BELOW_BYTES)}: median of {repeat} runs; larger "
        "sizes: one run."
    )
    report()
    decks = work / "decks-scale"
    points: list[Point] = []
    for kind in kinds:
        tiny = work / f"tiny-{kind}.txt"
        write_sized(tiny, pairs[1000:], kind, 1)
        note(f"scale: {kind} start-up (one pair) × {repeat}")
        build([tiny], decks, cache)
        start = summarise([build([tiny], decks, cache) for _ in range(repeat)])
        rows: list[tuple[str, ...]] = [
            (
                kind,
                "one pair (start-up)",
                f"{tiny.stat().st_size:,}",
                "",
                f"{start.wall:.2f} ({start.spread})",
                f"{start.cpu:.2f}",
                "",
                "",
                "",
                "",
                f"{start.rss_mb:.0f}",
            )
        ]
        mine = []
        for size in sizes:
            path = work / f"{kind}-{size}.txt"
            chars, _zh = write_sized(path, pairs, kind, size)
            n = repeat if size < REPEAT_BELOW_BYTES else 1
            note(f"scale: {kind} {human(size)} ({chars:,} chars) × {n}")
            try:
                m = summarise([build([path], decks, cache) for _ in range(n)])
            except SystemExit as e:  # flashgen failed: say so, go on with the next size
                print(e, file=sys.stderr)
                rows.append(
                    (
                        kind,
                        human(size),
                        f"{path.stat().st_size:,}",
                        f"{chars:,}",
                        "failed",
                        *[""] * 6,
                    )
                )
                continue
            p = Point(
                kind,
                size,
                chars,
                m,
                net(m.wall, start.wall, start.wall_noise),
                net(m.cpu, start.cpu, start.cpu_noise),
            )
            mine.append(p)

            def per(x: float | None, chars: int = chars) -> str:
                return "—" if x is None else f"{x / chars * 1e6:.1f}"

            rows.append(
                (
                    kind,
                    human(size),
                    f"{path.stat().st_size:,}",
                    f"{chars:,}",
                    f"{m.wall:.2f}" + ("" if n == 1 else f" ({m.spread})"),
                    f"{m.cpu:.2f}",
                    "—" if p.net_wall is None else f"{p.net_wall:.2f}",
                    "—" if p.net_wall is None else f"{chars / p.net_wall:,.0f}",
                    per(p.net_wall),
                    per(p.net_cpu),
                    f"{m.rss_mb:.0f}",
                )
            )
            path.unlink()
        points += mine
        report.table(
            [
                "kind",
                "size",
                "bytes",
                "chars",
                "wall s",
                "CPU s",
                "net wall s",
                "chars/s (net)",
                "µs/char (net wall)",
                "µs/char (net CPU)",
                "peak MB",
            ],
            rows,
            right=[False, False] + [True] * 9,
        )
        flatness(report, kind, mine)
        big = [p for p in mine if p.size >= 10 * 2**20]
        if big:
            rss = max(p.run.rss_mb for p in big)
            report(
                f"{kind}: peak RSS at 10 MB: {rss:.0f} MB; target < {PEAK_TARGET_MB:g} MB: "
                f"{verdict(rss < PEAK_TARGET_MB)}"
            )
        elif mine:
            largest = max(mine, key=lambda p: p.size)
            report(
                f"{kind}: 10 MB not run (--sizes); peak RSS at {human(largest.size)}: "
                f"{largest.run.rss_mb:.0f} MB (target < {PEAK_TARGET_MB:g} MB at 10 MB)"
            )
        report()
    plot(report, points, plot_to)


def flatness(report: Report, kind: str, points: list[Point]) -> None:
    """µs per character of the largest size over the smallest measurable one (growth: the
    target), and of the slowest over the fastest (spread), start-up taken out two ways."""

    def ratios(per_char: list[tuple[int, float]]) -> tuple[float | None, str, str]:
        if len(per_char) < 2:
            return None, "fewer than two sizes measurable", "—"
        (small, first), (large, last) = per_char[0], per_char[-1]
        values = [x for _, x in per_char]
        return (
            last / first,
            f"{last / first:.2f}× ({human(large)} {last:.1f} µs / {human(small)} {first:.1f} µs)",
            f"{max(values) / min(values):.2f}×",
        )

    rows = []
    base = points[0] if points else None
    for label, marginal in (
        ("minus one-pair start-up (the table's net)", False),
        (
            f"marginal: (t − t_smallest) / (chars − chars_smallest), "
            f"smallest = {human(base.size) if base else '—'}",
            True,
        ),
    ):
        cells: list[str] = [label]
        growth = None
        for attr in ("wall", "cpu"):
            if marginal and base is not None:
                per = [
                    (
                        p.size,
                        (getattr(p.run, attr) - getattr(base.run, attr))
                        / (p.chars - base.chars)
                        * 1e6,
                    )
                    for p in points[1:]
                ]
                per = [x for x in per if x[1] > 0]
            else:
                per = [
                    (p.size, getattr(p, f"net_{attr}") / p.chars * 1e6)
                    for p in points
                    if getattr(p, f"net_{attr}") is not None
                ]
            g, detail, spread = ratios(per)
            cells += [detail, spread]
            if attr == "wall":
                growth = g
        cells.append("—" if growth is None else verdict(growth <= FLAT_TARGET))
        rows.append(cells)
    report(
        f"{kind}: µs per character, largest size ÷ smallest (growth; the target is flat, "
        f"read as ≤ {FLAT_TARGET:g}× on wall time: a text that is 10× longer may take at "
        "most 15× as long after start-up) and slowest ÷ fastest size (spread):"
    )
    report()
    report.table(
        [
            "start-up taken out as",
            "wall: largest ÷ smallest",
            "wall: spread",
            "CPU: largest ÷ smallest",
            "CPU: spread",
            "",
        ],
        rows,
        right=[False, True, True, True, True, False],
    )


def plot(report: Report, points: list[Point], to: Path | None) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        report(
            "(matplotlib is not installed in this environment: no plot, the table above "
            "is the result.)"
        )
        report()
        return
    if to is None or not points:
        return
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for kind in sorted({p.kind for p in points}):
        ps = [p for p in points if p.kind == kind]
        timed_ps = [p for p in ps if p.net_wall is not None]
        ax1.plot(
            [p.size / 2**20 for p in timed_ps],
            [(p.net_wall or 0.0) / p.chars * 1e6 for p in timed_ps],
            marker="o",
            label=kind,
        )
        ax2.plot([p.size / 2**20 for p in ps], [p.run.rss_mb for p in ps], marker="o", label=kind)
    ax1.set(
        xscale="log", xlabel="input MB", ylabel="µs per character (net)", title="time per character"
    )
    ax2.axhline(PEAK_TARGET_MB, color="grey", linestyle="--", label="target")
    ax2.set(xscale="log", xlabel="input MB", ylabel="peak RSS MB", title="memory")
    ax1.legend()
    ax2.legend()
    fig.tight_layout()
    fig.savefig(to)
    report(f"Plot: {to.name}")
    report()


# --- accuracy -------------------------------------------------------------------------
ACCURACY = [
    (
        "polyphones.py",
        "CPP dev polyphones, reading of the marked character",
        r"^(pypinyin|g2pM alone|flashgen read_sentence|of flashgen's|\d+ sentences)",
    ),
    (
        "segmentation.py",
        "SIGHAN 2005 MSR segmentation F1, sample article vocabulary",
        r"^(MSR test|sample article)",
    ),
    (
        "alignment.py",
        "MAC-Dev strict sentence alignment, sample article",
        r"^(  all |Sample article|  with their own)",
    ),
]


def accuracy(report: Report, cache: Path) -> None:
    report("## 4. Accuracy (unchanged?)")
    report()
    report(
        "The project's accuracy benchmarks, run as subprocesses with the warm cache; "
        "their headline lines:"
    )
    report()
    for script, what, pattern in ACCURACY:
        note(f"accuracy: {script}")
        t = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(BENCH / script)],
            cwd=ROOT,
            env=env_with(cache),
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - t
        lines = proc.stdout.splitlines()
        head = [ln for ln in lines if re.match(pattern, ln)] or lines[-5:]
        report(
            f"**{script}** — {what} ({took:.0f} s"
            + (f", FAILED with exit code {proc.returncode}" if proc.returncode else "")
            + ")"
        )
        report()
        report("```")
        for ln in head:
            report(ln)
        if proc.returncode:
            for ln in proc.stderr.splitlines()[-5:]:
                report(ln)
        report("```")
        report()


# --- main -----------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--repeat",
        type=int,
        default=5,
        metavar="N",
        help="runs of each start-up measure and of each scale size under 1 MB "
        "(the median is reported; default 5)",
    )
    ap.add_argument(
        "--sizes",
        default="10k,100k,1m,10m",
        help="scale input sizes in bytes of UTF-8, k = 1024 (default: "
        "10k,100k,1m,10m; 10m takes 10+ minutes)",
    )
    ap.add_argument(
        "--kinds",
        default="bilingual",
        help="scale texts: bilingual, zh or both (default: bilingual)",
    )
    ap.add_argument(
        "--chars",
        type=int,
        default=400_000,
        help="Chinese characters of the throughput text, at most the corpus's (default: 400000)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        metavar="FILE.md",
        help="also write the report (markdown) here, and a PNG plot next to it "
        "if matplotlib is installed",
    )
    for section in ("startup", "throughput", "scale", "accuracy"):
        ap.add_argument(f"--skip-{section}", action="store_true", help=f"skip the {section}")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:  # a child process of this script (section 2)
        kind, *paths = args.worker
        fn = {"throughput": throughput_worker, "stages": stages_worker, "sampled": sampled_worker}[
            kind
        ]
        print(json.dumps(fn(*map(Path, paths))))
        return 0

    sizes = sorted({parse_size(s) for s in args.sizes.split(",") if s.strip()})
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if bad := [k for k in kinds if k not in ("bilingual", "zh")]:
        ap.error(f"unknown --kinds {bad} (choose from bilingual, zh)")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    report = Report()
    report("# flashgen speed: “Fast enough that nobody waits”")
    report()
    report.table(["machine", ""], machine_facts(), right=[False, False])
    report("Command: `" + " ".join(["python", "benchmarks/run.py", *sys.argv[1:]]) + "`")
    report()
    pairs = load_pairs()
    with tempfile.TemporaryDirectory(prefix="flashgen-run-") as tmp:
        work = Path(tmp)
        cache = warm_cache(work) if args.skip_startup else startup(report, work, args.repeat)
        if not args.skip_throughput:
            throughput(report, work, cache, pairs, args.chars)
        if not args.skip_scale:
            plot_to = args.out.with_suffix(".png") if args.out else None
            scale(report, work, cache, pairs, sizes, kinds, args.repeat, plot_to)
        if not args.skip_accuracy:
            accuracy(report, cache)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report.text(), encoding="utf-8")
        note(f"report written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
