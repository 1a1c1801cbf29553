"""Large inputs: time and peak memory of the real CLI as a text grows.

    python benchmarks/large_input.py [--mb 20] [--line-mb 2] [--fractions 0.25,0.5,1]
                                     [--kinds zh,bilingual,line,line-nopunct]
                                     [--commands build,annotate]

Writes, into a temporary folder (never the repository), texts built from the Tatoeba
sentences (read in place from ../shared/eval/corpus, CC-BY 2.0 FR) and the sample
article, shuffled with a fixed seed:

- ``zh``: Chinese only, one paragraph per line, 3-12 sentences a paragraph, ``--mb``
  megabytes (UTF-8), the sample article's Chinese paragraphs among them;
- ``bilingual``: English paragraph, then its Chinese, ``--mb`` megabytes, the whole
  sample article at the start;
- ``line``: Chinese sentences concatenated on one single line, ``--line-mb`` megabytes;
- ``line-nopunct``: the same with every punctuation mark removed (no sentence end, no
  comma: the splitter must cut hard).

Each kind is written at each fraction of its size, and ``python -m flashgen build FILE
--out TMP --json`` and ``python -m flashgen annotate FILE > /dev/null`` run on it under
``/usr/bin/time -v`` (wall time, peak RSS) with a warm cache (``FLASHGEN_CACHE_DIR``,
default: a temporary one built by a first small run).  Growth is linear when the time
per MB stays flat from row to row and the peak RSS does not grow with the size.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from pathlib import Path

from tatoeba import load_pairs  # benchmarks/tatoeba.py
from timing import timed_flashgen  # benchmarks/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
MB = 2**20
_PUNCT = re.compile(r"[^\w]", re.UNICODE)  # everything but letters, digits and Han


def sample_lines() -> tuple[list[str], list[str]]:
    """The sample article's lines, and its Chinese lines alone."""
    lines = [x.strip() for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines, [x for x in lines if re.search(r"[\u4e00-\u9fff]", x)]


def _paragraphs(pairs: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """(English, Chinese) paragraphs of 3-12 shuffled sentence pairs."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    out, i = [], 0
    while i < len(order):
        k = rng.randint(3, 12)
        chunk = [pairs[j] for j in order[i : i + k]]
        out.append((" ".join(en for en, _ in chunk), "".join(zh for _, zh in chunk)))
        i += k
    return out


def write_text(path: Path, kind: str, size: int, pairs: list[tuple[str, str]]) -> None:
    """``size`` bytes (UTF-8, roughly: whole sentences) of the given kind."""
    rng = random.Random(5)
    article, article_zh = sample_lines()
    written = 0
    with path.open("w", encoding="utf-8") as f:

        def put(s: str) -> None:
            nonlocal written
            f.write(s)
            written += len(s.encode("utf-8"))

        if kind in ("zh", "bilingual"):
            put("\n".join(article if kind == "bilingual" else article_zh) + "\n")
        while written < size:
            if kind in ("zh", "bilingual"):
                for en, zh in _paragraphs(pairs, rng):
                    put(f"{en}\n{zh}\n" if kind == "bilingual" else zh + "\n")
                    if written >= size:
                        break
            else:
                order = list(range(len(pairs)))
                rng.shuffle(order)
                for j in order:
                    zh = pairs[j][1]
                    put(_PUNCT.sub("", zh) if kind == "line-nopunct" else zh)
                    if written >= size:
                        break
        if kind.startswith("line"):
            f.write("\n")


def measure(args: list[str], cache: Path, stdout_to: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``python -m flashgen ARGS``."""
    run = timed_flashgen(args, ROOT, cache, stdout_to)
    return run.wall, run.rss_mb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the multi-paragraph texts")
    ap.add_argument("--line-mb", type=float, default=2.0, help="size of the one-line texts")
    ap.add_argument(
        "--fractions",
        default="0.25,0.5,1",
        help="fractions of each size to run (default: 0.25,0.5,1)",
    )
    ap.add_argument("--kinds", default="zh,bilingual,line,line-nopunct")
    ap.add_argument("--commands", default="build,annotate")
    args = ap.parse_args()
    fractions = [float(x) for x in args.fractions.split(",")]
    kinds = args.kinds.split(",")
    commands = args.commands.split(",")
    pairs = load_pairs()

    with tempfile.TemporaryDirectory(prefix="flashgen-large-") as tmp:
        work = Path(tmp)
        cache = Path(os.environ.get("FLASHGEN_CACHE_DIR") or work / "cache")
        warmup = work / "warmup.txt"
        warmup.write_text("他在银行工作。\n", encoding="utf-8")
        measure(["annotate", str(warmup)], cache)  # builds the caches once
        start_wall, start_rss = measure(["annotate", str(warmup)], cache)
        print(
            f"Python {sys.version.split()[0]}; start-up (annotate one line): "
            f"{start_wall:.1f} s, {start_rss:.0f} MB"
        )
        print(
            f"{'kind':<14}{'command':<10}{'MB':>7}{'wall s':>9}{'s/MB':>8}{'RSS MB':>8}{'sents':>9}"
        )
        for kind in kinds:
            full = args.line_mb if kind.startswith("line") else args.mb
            for frac in fractions:
                text = work / f"{kind}_{frac}.txt"
                write_text(text, kind, int(full * frac * MB), pairs)
                mb = text.stat().st_size / MB
                for command in commands:
                    sents = ""
                    if command == "build":
                        summary = work / "summary.json"
                        wall, rss = measure(
                            ["build", str(text), "--out", str(work / "decks"), "--json"],
                            cache,
                            summary,
                        )
                        sents = summary.read_text().split('"sentences": ', 1)[1].split(",")[0]
                    else:
                        wall, rss = measure(["annotate", str(text)], cache)
                    per_mb = (wall - start_wall) / mb
                    print(
                        f"{kind:<14}{command:<10}{mb:>7.2f}{wall:>9.1f}{per_mb:>8.1f}"
                        f"{rss:>8.0f}{sents:>9}",
                        flush=True,
                    )
                text.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
