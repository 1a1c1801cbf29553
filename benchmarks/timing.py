"""Run a command and measure it: wall time, CPU time and peak memory (shared by the
benchmarks).

Peak RSS comes from GNU time (``/usr/bin/time -v``) when it is installed; without it
the caller gets 0 (or falls back on ``resource`` as it sees fit).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True, slots=True)
class Timed:
    proc: subprocess.CompletedProcess[Any]
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and its children: steadier than
    # wall time on a busy machine
    rss_mb: float  # peak resident set size; 0 without GNU time


def timed(
    cmd: list[str],
    cwd: Path,
    env: Mapping[str, str],
    stdout: int | IO[Any] | None = subprocess.PIPE,
) -> Timed:
    """Run ``cmd``; raise SystemExit with its stderr if it fails."""
    with tempfile.NamedTemporaryFile(suffix=".time") as timing:
        if GNU_TIME.exists():
            cmd = [str(GNU_TIME), "-v", "-o", timing.name, *cmd]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run(
            cmd, cwd=cwd, env=dict(env), stdout=stdout, stderr=subprocess.PIPE, text=True
        )
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
        rss = 0.0
        if GNU_TIME.exists():
            for line in Path(timing.name).read_text().splitlines():
                if "Maximum resident set size" in line:
                    rss = float(line.rsplit(":", 1)[1]) / 1024
    return Timed(proc, wall, cpu, rss)


def timed_flashgen(args: list[str], cwd: Path, cache: Path, stdout_to: Path | None = None) -> Timed:
    """:func:`timed` of ``python -m flashgen ARGS`` with ``cache`` as its cache folder,
    its output written to ``stdout_to`` (else discarded)."""
    env = dict(os.environ, FLASHGEN_CACHE_DIR=str(cache))
    with open(stdout_to or os.devnull, "w") as out:
        return timed([sys.executable, "-m", "flashgen", *args], cwd, env, stdout=out)
