"""ordered_map: results in input order, and workers only a few items ahead of the reader."""

from __future__ import annotations

import os
import time
from pathlib import Path

from flashgen.parallel import ordered_map

STARTED = Path()


def _square(x: int) -> int:
    return x * x


def _mark(x: int) -> int:
    # Each item leaves a file when a worker starts it.
    (STARTED / str(x)).touch()
    return x


def test_results_come_in_input_order():
    assert list(ordered_map(_square, range(30), 2)) == [x * x for x in range(30)]


def test_workers_run_only_a_few_items_ahead_of_a_slow_reader(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.STARTED", tmp_path)
    results = ordered_map(_mark, range(40), 2)
    assert next(results) == 0
    time.sleep(1.0)  # a reader that does not ask for more
    started = len(os.listdir(tmp_path))
    results.close()  # stops the workers
    # Four items queued at first (twice the workers), one more after the first result.
    assert 2 <= started <= 5, started
