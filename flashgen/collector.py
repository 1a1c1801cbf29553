"""When Python's cycle collector looks at what annotating keeps: a process-wide choice
that the ``flashgen`` command makes (:func:`flashgen.cli.collect_less`), never the
library by itself, since it decides for every object of the process.

Annotating keeps more and more objects alive as it goes: its word caches, the
segmenter's whole sentences and their tokens, the glosses (on all of Tatoeba about
670,000 tracked objects at the end).  Each young collection scans 50,000 of them, nearly
all still alive, and promotes them; the middle collection scans them all again, for
almost no garbage.  With :func:`freeze_between_chunks` on, everything alive after each
chunk of sentences is moved out of the collector's sight (``gc.freeze``, which also
restarts the count towards the next young collection), so the collector only ever looks
at objects younger than one chunk — most chunks see no collection at all.  Frozen
objects are still freed by reference counting as usual; only a reference cycle that was
already garbage, or became garbage after being frozen, is never collected.  Annotating
makes none (``tests/test_collector.py``; the last ones, 748 objects on all of Tatoeba,
were a recursive closure in flashgen.align.anchors).
"""

from __future__ import annotations

import gc

_freezing = [False]  # a list: a flag the functions below change without `global`


def freeze_between_chunks(on: bool = True) -> None:
    """Whether :func:`chunk_done` freezes what is alive (off unless a command says so)."""
    _freezing[0] = on


def chunk_done() -> None:
    """Called by annotating after each chunk of sentences (see the module's text)."""
    if _freezing[0]:
        gc.freeze()
