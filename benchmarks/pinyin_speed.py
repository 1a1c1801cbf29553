"""Pinyin in context, timed by part: every Tatoeba sentence (and CPP dev's) read as
``annotate`` reads them, in chunks of 256 segmented sentences.

    python benchmarks/pinyin_speed.py

For each text it prints the CPU seconds of the plan (what the dictionaries settle,
``context._plan``), of g2pM (``context._probabilities``) and of the rest (``context._read``),
how many sentences ask g2pM, and a digest of every reading: two versions that read alike
print the same digest.  The evaluation data is read in place from ../shared/eval.
Segmentation comes first and is not timed.  Each run starts cold (a fresh process), as
an ``annotate`` does; on a shared machine alternate the versions and take medians.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CHUNK = 256  # as flashgen.language.annotate reads them


def sentences() -> dict[str, list[str]]:
    rows = (EVAL / "corpus" / "tatoeba_cmn_eng.tsv").read_text(encoding="utf-8-sig")
    tatoeba = [r.split("\t")[1].strip() for r in rows.splitlines() if r.strip()]
    cpp = (EVAL / "pinyin" / "dev.sent").read_text(encoding="utf-8").splitlines()
    # CPP marks the polyphone to read with "▁" on both sides: not part of the text.
    return {"Tatoeba": tatoeba, "CPP dev": [s.replace("\u2581", "") for s in cpp]}


def main() -> None:
    from flashgen.language.pinyin import context
    from flashgen.language.segment import segment_spans

    context.read_sentence("预热", [(0, 2)])  # load the model and tables outside the timings
    for name, texts in sentences().items():
        items = [(s, segment_spans(s)) for s in texts]
        plan = g2pm = read = 0.0
        asked = 0
        digest = hashlib.sha256()
        for first in range(0, len(items), CHUNK):
            chunk = items[first : first + CHUNK]
            t0 = time.process_time()
            plans = [context._plan(s, words) for s, words in chunk]
            t1 = time.process_time()
            asks = [(p.text, p.unsettled) for p in plans if p and p.unsettled]
            probs = iter(context._probabilities(asks))
            t2 = time.process_time()
            got = [
                context._read(p, next(probs) if p.unsettled else ()) if p else [()] * len(words)
                for p, (_, words) in zip(plans, chunk, strict=True)
            ]
            t3 = time.process_time()
            plan, g2pm, read = plan + t1 - t0, g2pm + t2 - t1, read + t3 - t2
            asked += len(asks)
            digest.update(repr(got).encode())
        print(
            f"{name}: {len(items)} sentences, {asked} ask g2pM; CPU s: plan {plan:.3f}, "
            f"g2pM {g2pm:.3f}, read {read:.3f}, total {plan + g2pm + read:.3f}; "
            f"readings sha256 {digest.hexdigest()[:16]}"
        )


if __name__ == "__main__":
    main()
