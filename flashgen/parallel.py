"""Run one function over many items in worker processes, results in input order.

Workers are forked from a parent that has already loaded the language data (jieba's
dictionary, CC-CEDICT, the pinyin model), so they start at once and share those
pages with the parent instead of each loading its own copy.  ``gc.freeze()`` before
forking keeps the garbage collector from touching — and so copying — every object
the parent loaded.  Results come back in the order of the inputs whatever order the
workers finish in, which is what makes ``--jobs N`` build the same bytes as
``--jobs 1``.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(
    fn: Callable[[T], R], items: Iterable[T], jobs: int, warm_up: Callable[[], object] | None = None
) -> Iterator[R]:
    """``map(fn, items)`` over ``jobs`` processes (in this process when ``jobs`` is 1).

    ``warm_up`` runs here first when there are workers, so that what it loads is
    inherited by them.
    Results are yielded as soon as they are available in input order.
    """
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    if warm_up is not None:
        warm_up()
    gc.freeze()
    _return_free_heap()
    context = multiprocessing.get_context("fork")
    pool = None
    try:
        # Ctrl-C and SIGTERM wait while the workers are forked: one landing in a child
        # before its initializer ignores it interrupts the fork's own clean-up hooks
        # ("Exception ignored in: <function _releaseLock …> KeyboardInterrupt", reported
        # in issue 15), and one landing here could leave the pool half made.  Children
        # inherit the mask; :func:`_worker_signals` lifts it once their handlers are set.
        with _signals_blocked():
            pool = context.Pool(min(jobs, len(items)), initializer=_worker_signals)
        # One item per task (lessons differ in length), at most a few tasks ahead of the
        # one the caller waits for: Pool.imap would run through all of them and keep
        # every result until asked for it, so a slow reader (a pipe to a pager) would
        # hold a long text's whole output in memory.
        queue = iter(items)
        pending: deque[AsyncResult[R]] = deque(
            pool.apply_async(_call_and_trim, (fn, item)) for item in islice(queue, 2 * jobs)
        )
        while pending:
            result = pending.popleft().get()
            for item in islice(queue, 1):
                pending.append(pool.apply_async(_call_and_trim, (fn, item)))
            yield result
    except BaseException:
        # Ctrl-C, SIGTERM or an error: stop the workers now rather than wait for the
        # queued items (the pool's normal shutdown would finish them all first).
        if pool is not None:
            pool.terminate()
        raise
    else:
        pool.close()
    finally:
        if pool is not None:
            pool.join()
        gc.unfreeze()


def _call_and_trim(fn: Callable[[T], R], item: T) -> R:
    """``fn(item)`` in a worker, then the heap's free pages back to the system: a worker
    runs many items, and what one item freed inside the heap stayed resident."""
    try:
        return fn(item)
    finally:
        _return_free_heap()


def _return_free_heap() -> None:
    """Give the C heap's free pages back to the system before forking (glibc only).

    Freed memory inside malloc's heap stays resident until reused, and every forked
    worker counts those pages in its own RSS.  After the first block of a 10 MB text the
    compiled build's parent held 52 MB of such free heap (mallinfo2: 109 MB heap, 56 MB
    in use; the pure build 62 / 57 MB): which allocations left the hole differs with the
    build, the pages are waste either way."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        return
    trim(0)


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Ctrl-C and SIGTERM are held back during the block, then delivered."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _worker_signals() -> None:
    # Ctrl-C reaches every process of the terminal's process group; the parent alone
    # decides what it means (it stops the workers), so a worker must not print a
    # traceback of its own.  SIGTERM goes back to its default: die quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Forked with both blocked (see ordered_map): a Ctrl-C held back is now ignored, a
    # SIGTERM ends the worker.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    _die_with_parent()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent() -> None:
    # A parent killed outright (SIGKILL, the OOM killer) cannot stop its workers: they
    # would go on with the text in hand and exit only when they next find the task queue
    # closed.  Ask Linux to send SIGTERM when the parent dies, so they stop at once.
    # Elsewhere there is no such call, and the queue closing is what ends them.
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the call above took effect
        os._exit(1)
