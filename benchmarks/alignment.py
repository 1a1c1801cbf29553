"""Sentence-alignment quality: MAC-Dev strict F1, and the sample article's paragraph pairs.

Run from the project root:  python benchmarks/alignment.py
MAC-Dev is read in place from ../shared/eval/alignment/mac_dev (research use only; never
copied) through the real command, ``python -m flashgen align --presplit ZH EN``.

Strict F1 is scored as the published figures were (Gale–Church 0.485, Hunalign 0.610,
Bleualign 0.641, Vecalign 0.863, Bertalign 0.911): a link counts only if both its
sides equal a gold link's; precision is over all the system's links (those with an
empty side included), recall over the gold links whose two sides are both non-empty.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAC_DEV = Path("..") / "shared" / "eval" / "alignment" / "mac_dev"  # relative to ROOT
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"

LinkSet = set[tuple[tuple[int, ...], tuple[int, ...]]]


def read_gold(path: Path) -> LinkSet:
    """``[0,1]:[0]`` lines → {((0, 1), (0,))}."""
    links = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            zh, en = line.split(":")
            links.add((tuple(json.loads(zh)), tuple(json.loads(en))))
    return links


def run_align(zh: Path, en: Path) -> tuple[LinkSet, float]:
    """The links printed by the real command, and its wall time (start-up included)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "flashgen", "align", "--presplit", str(zh), str(en)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    links = set()
    for line in done.stdout.splitlines():
        obj = json.loads(line)
        links.add((tuple(obj["zh"]), tuple(obj["en"])))
    return links, elapsed


def strict_counts(system: LinkSet, gold: LinkSet) -> tuple[int, int, int]:
    """(correct, system links, scorable gold links)."""
    scorable = {g for g in gold if g[0] and g[1]}
    return len(system & scorable), len(system), len(scorable)


def prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mac_dev_chapters() -> list[str]:
    """The names of MAC-Dev's chapters ("001" to "006")."""
    return sorted(p.name for p in (ROOT / MAC_DEV / "zh").iterdir())


def score_chapter(name: str) -> tuple[tuple[int, int, int], float]:
    """Strict counts (see :func:`strict_counts`) of one MAC-Dev chapter, and the wall
    time of the command that aligned it."""
    system, elapsed = run_align(MAC_DEV / "zh" / name, MAC_DEV / "en" / name)
    gold = read_gold(ROOT / MAC_DEV / "gold" / f"{name}.align")
    return strict_counts(system, gold), elapsed


def mac_dev() -> None:
    names = mac_dev_chapters()
    totals = [0, 0, 0]
    wall = 0.0
    print(f"MAC-Dev strict alignment ({MAC_DEV}, via `python -m flashgen align --presplit`)")
    for name in names:
        counts, elapsed = score_chapter(name)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        wall += elapsed
        n_zh = len((ROOT / MAC_DEV / "zh" / name).read_text(encoding="utf-8").splitlines())
        n_en = len((ROOT / MAC_DEV / "en" / name).read_text(encoding="utf-8").splitlines())
        p, r, f = prf(*counts)
        print(
            f"  {name}  {n_zh:3d}×{n_en:3d} sentences  P={p:.3f} R={r:.3f} F1={f:.3f}"
            f"  {elapsed:.1f} s"
        )
    p, r, f = prf(*totals)
    print(
        f"  all      P={p:.3f} R={r:.3f} F1={f:.3f}  {wall:.1f} s wall "
        f"({wall / len(names):.1f} s per chapter, process start-up included)"
    )


def sample_article() -> None:
    """Does every Chinese sentence of each paragraph pair get its own English sentence?"""
    from flashgen.align.search import TRUST_THRESHOLD, align_sentences
    from flashgen.text.sentences import split_en, split_zh

    # The sample alternates an English paragraph and its Chinese translation after a
    # header (the date); a Chinese line not preceded by an English one is a header.
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    pairs = []
    for prev, line in itertools.pairwise(lines):
        if _has_han(line) and not _has_han(prev):
            pairs.append((line, prev))
    own = fallback = 0
    shapes: dict[str, int] = {}
    for zh_para, en_para in pairs:
        zh, en = split_zh(zh_para), split_en(en_para)
        for link in align_sentences(zh, en):
            shape = f"{len(link.zh)}-{len(link.en)}"
            shapes[shape] = shapes.get(shape, 0) + len(link.zh)
            if link.en and link.score >= TRUST_THRESHOLD:
                own += len(link.zh)
            else:
                fallback += len(link.zh)
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(shapes.items()))
    verdict = "yes" if fallback == 0 else "no"
    print(
        f"Sample article {SAMPLE.name}: {len(pairs)} paragraph pairs, "
        f"{own + fallback} Chinese sentences"
    )
    print(
        f"  with their own English sentence(s) (trusted link): {own}; "
        f"no English (doubtful link): {fallback}  → every sentence aligned: {verdict}"
    )
    print(f"  Chinese sentences by link shape (zh-en): {detail}")


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def main() -> int:
    mac_dev()
    sample_article()
    return 0


if __name__ == "__main__":
    sys.exit(main())
