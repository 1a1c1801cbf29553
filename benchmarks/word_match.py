"""CPU time of the word matcher (``link_english``) as annotating calls it, replayed.

Run from the project root:

    python benchmarks/word_match.py TEXT [--against TREE] [--passes N]

TEXT is annotated once (no clock) while every ``link_english`` call's arguments are
kept; the calls are then replayed: a first pass, where each gloss is met for the first
time, and N more, where none is.  With ``--against TREE`` (another checkout of
flashgen), that tree's ``language/wordlink.py`` and ``language/fill.py`` are loaded
beside this tree's (the rest of the package is this tree's) and both are replayed in
the same process, a few hundred calls of one, then of the other, in alternating order:
the machine's drift then falls on both alike, which alternating whole processes cannot
promise on a shared machine (a 2 % change is lost in the throughput row's noise).
Prints each one's CPU seconds per pass, their ratio, and a digest of the results, which
two versions that only save work must share.  Run it with TREE being this very tree to
see the method's own bias (an A/A run).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))  # run.py, for annotate_like_cli

CHUNK = 300  # calls replayed by one version before the other takes its turn


def captured(text: Path) -> list[tuple[Any, ...]]:
    """The arguments of every link_english call of annotating ``text``."""
    import run  # type: ignore[import-not-found]

    from flashgen.language import annotate

    calls: list[tuple[Any, ...]] = []
    real = annotate.link_english

    def keep(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    annotate.link_english = keep  # type: ignore[assignment]
    try:
        run.annotate_like_cli(text, io.StringIO(), 1)
    finally:
        annotate.link_english = real
    return calls


def load_against(tree: Path) -> ModuleType:
    """``tree``'s wordlink module, with its own fill module (see the docstring)."""

    def load(name: str, path: Path) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    folder = tree / "flashgen" / "language"
    fill = load("_against_fill", folder / "fill.py")
    ours = sys.modules["flashgen.language.fill"]
    sys.modules["flashgen.language.fill"] = fill  # what its wordlink imports
    try:
        return load("_against_wordlink", folder / "wordlink.py")
    finally:
        sys.modules["flashgen.language.fill"] = ours


def emptied(module: ModuleType) -> None:
    """Empty a module's bounded caches (lru_cache with a maxsize, and a wordlink's
    gloss index and words): what a run fills as it meets words.  Unbounded ones (@cache: tables
    filtered once per process) are kept."""
    for value in vars(module).values():
        parameters = getattr(value, "cache_parameters", None)
        if parameters is not None and parameters()["maxsize"] is not None:
            value.cache_clear()
    for name in ("_indexes", "_KNOWN"):  # a wordlink's gloss index and words
        memo = getattr(module, name, None)
        if isinstance(memo, dict):
            memo.clear()


def replay(link: Callable[..., Any], calls: list[tuple[Any, ...]]) -> tuple[float, list[Any]]:
    out = []
    t = time.process_time()
    for args in calls:
        out.append(link(*args))
    return time.process_time() - t, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", type=Path)
    ap.add_argument("--against", type=Path, help="another flashgen tree to compare with")
    ap.add_argument("--passes", type=int, default=3, help="steady passes after the first")
    args = ap.parse_args()

    from flashgen.cli import collect_less, one_blas_thread
    from flashgen.language import wordlink

    one_blas_thread()
    collect_less()  # as the CLI does
    calls = captured(args.text)
    versions = {"this tree": wordlink}
    if args.against is not None:
        versions["against"] = load_against(args.against)
    # The first pass meets every gloss for the first time, as annotating does: each
    # version's bounded caches (and the stems both share) start empty again.
    from flashgen.language import english
    from flashgen.text import english as text_english

    for module in (*versions.values(), english, text_english):
        emptied(module)
    print(f"{len(calls)} link_english calls")
    names = list(versions)
    results: dict[str, list[Any]] = {k: [] for k in names}
    for p in range(args.passes + 1):
        spent = dict.fromkeys(names, 0.0)
        for c, start in enumerate(range(0, len(calls), CHUNK)):
            chunk = calls[start : start + CHUNK]
            for k in names if (c + p) % 2 == 0 else names[::-1]:
                dt, out = replay(versions[k].link_english, chunk)
                spent[k] += dt
                if p == 0:
                    results[k] += out
        label = "first pass" if p == 0 else f"pass {p}"
        line = "  ".join(f"{k} {spent[k]:.3f} s" for k in names)
        if len(names) == 2:
            line += f"  ratio {spent[names[0]] / spent[names[1]]:.3f}"
        print(f"{label}: {line}")
    for k in names:
        digest = hashlib.sha256(repr(results[k]).encode()).hexdigest()[:16]
        print(f"results digest, {k}: {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
