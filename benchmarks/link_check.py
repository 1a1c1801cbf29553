"""CPU time of the sentence link check as annotating does it: split, alignment, verdicts.

Run from the project root:  python benchmarks/link_check.py TEXT [--repeat N]

TEXT is a bilingual text, e.g. all of Tatoeba as one (what ``benchmarks/run.py``'s
throughput row annotates).  After the warm-up ``run.py`` does, every Chinese sentence is
segmented first, outside the clock (annotating segments it anyway); then the sentence
pairs with their verdicts are made as ``iter_annotated`` makes them: ``_pairs`` with its
deferred verdicts settled on those tokens, or, in a tree that has no ``_pairs`` (before
speed6), ``sentence_pairs``.  Prints the CPU seconds of each repeat and a digest of the
(English, scope) of every sentence, which two trees must share.  Run it from each tree
in turn (alternately, several times: the machine is shared) to compare them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run.py, for its warm-up


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="the first is the one with cold caches")
    args = ap.parse_args()

    import run  # type: ignore[import-not-found]

    from flashgen.cli import collect_less, one_blas_thread
    from flashgen.language import annotate
    from flashgen.language.segment import segment
    from flashgen.text.inputs import scan_inputs
    from flashgen.text.read import load
    from flashgen.text.sentences import split_zh

    one_blas_thread()
    collect_less()
    run.warm_up()
    (item,) = scan_inputs([args.text]).inputs
    doc = load(item, None)
    names = annotate.document_names(doc)
    tokens = {s: segment(s, names) for p in doc.paragraphs for s in split_zh(p.zh)}
    for _ in range(args.repeat):
        start = cpu()
        if hasattr(annotate, "_pairs"):
            got = []
            for pair, pending in annotate._pairs(doc, True):
                if pending is not None:
                    pair = annotate._settled(pair, pending, tokens[pair.zh])
                got.append((pair.en, pair.en_scope))
        else:
            got = [(p.en, p.en_scope) for p in annotate.sentence_pairs(doc)]
        took = cpu() - start
        digest = hashlib.sha256(repr(got).encode()).hexdigest()[:12]
        print(f"{took:.2f} s CPU, {len(got):,} sentences, verdicts {digest}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
