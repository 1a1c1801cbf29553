"""Ctrl-C at random moments: how many interrupted builds end cleanly.

    python benchmarks/interrupts.py [--runs 40] [--copies 12] [--seed 1] [--max-delay 3.0]

Writes ``--copies`` copies of the sample article into a temporary folder and a class of
as many lessons, warms the cache with one build, then starts ``python -m flashgen build
… --out TMP`` (default ``--jobs``: the cores, so workers are forked) ``--runs`` times,
alternating the loose folder and the class, and sends SIGINT to the whole process group
— what Ctrl-C in a terminal does — after a delay drawn uniformly from 0 to
``--max-delay`` seconds (seeded, so two runs of this script send the same delays).

A run is **clean** when it exits 130 and prints exactly one line,
``flashgen: interrupted``, or when it had already finished (exit 0) before the signal.
Anything else is listed: the exit code (negative: killed by the signal) and its stderr.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=3.0)
    args = parser.parse_args()
    # A shell starts a background job with Ctrl-C ignored, and an ignored signal stays
    # ignored in every child: the builds below would then never see it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="flashgen-interrupts-") as tmp:
        root = Path(tmp)
        loose, klass = root / "texts", root / "class"
        loose.mkdir()
        klass.mkdir()
        (klass / "flashgen.toml").write_text('name = "Interrupted"\n', encoding="utf-8")
        for i in range(args.copies):
            (loose / f"copy{i}.txt").write_bytes(SAMPLE.read_bytes())
            (klass / f"{i + 1:02d}-copy.txt").write_bytes(SAMPLE.read_bytes())
        subprocess.run(  # warm the cache: the runs below measure interrupts, not cache builds
            [sys.executable, "-m", "flashgen", "build", str(SAMPLE), "--out", str(root / "w")],
            check=True,
            capture_output=True,
            cwd=root,
        )
        clean = finished = 0
        bad: list[tuple[int, float, str, int | None, str]] = []
        for run in range(args.runs):
            target = loose if run % 2 == 0 else klass
            delay = rng.uniform(0.0, args.max_delay)
            out = root / f"out{run}"
            proc = subprocess.Popen(
                [sys.executable, "-m", "flashgen", "build", str(target), "--out", str(out)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
                cwd=root,  # -m puts the current folder first on sys.path: not a checkout
            )
            time.sleep(delay)
            running = proc.poll() is None
            if running:
                try:
                    os.killpg(proc.pid, signal.SIGINT)
                except ProcessLookupError:
                    running = False
            _, err_bytes = proc.communicate(timeout=120)
            err = err_bytes.decode("utf-8", "replace").strip()
            code = proc.returncode
            if code == 0 and not running:
                finished += 1
                clean += 1
            elif code == 130 and err == "flashgen: interrupted":
                clean += 1
            else:
                bad.append((run, delay, target.name, code, err))
        print(
            f"{clean}/{args.runs} clean ({finished} finished before the signal); "
            f"{len(bad)} not clean"
        )
        for run, delay, name, code, err in bad:
            shown = err.replace("\n", " | ")[:300] or "(no output)"
            print(f"  run {run} ({name}, SIGINT at {delay:.2f} s): exit {code}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
