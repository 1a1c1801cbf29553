"""How often a content word is tied to the words of its English translation.

Run from the project root:  python benchmarks/english_match.py [--pairs N] [--show K]
Reads Tatoeba English/Chinese pairs in place from ../shared/eval/corpus (CC-BY 2.0 FR,
never copied).  Each pair is one aligned sentence; coverage is the share of content
words (kind word or idiom, with a gloss, not a grammar word) that get an English span.
A random sample of matches is printed for a person to judge precision: there is no
gold standard for this.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "tatoeba_cmn_eng.tsv"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from flashgen.datatypes import SentencePair
    from flashgen.language.annotate import annotate_sentence
    from flashgen.teach.select import is_function_word

    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if len(r) >= 2]
    rng = random.Random(args.seed)
    pairs = rng.sample(rows, min(args.pairs, len(rows)))
    annotate_sentence(SentencePair(0, 0, "预热。", "Warm up.", "sentence", 1.0))
    content = matched = 0
    shown = []
    t = time.perf_counter()
    for i, (en, zh, *_) in enumerate(pairs):
        s = annotate_sentence(SentencePair(0, i, zh, en, "sentence", 1.0))
        for tok in s.tokens:
            if tok.kind not in ("word", "idiom") or tok.gloss is None or is_function_word(tok):
                continue
            content += 1
            if tok.en_match is not None:
                matched += 1
                shown.append((tok.text, tok.en_match.sense, tok.en_match.text, zh, en))
    elapsed = time.perf_counter() - t
    print(
        f"{len(pairs)} Tatoeba pairs, {content} content words: {matched} matched to English "
        f"({matched / content:.1%}); {len(pairs) / elapsed:.0f} pairs/s"
    )
    for word, sense, text, zh, en in rng.sample(shown, min(args.show, len(shown))):
        print(f"  {word} [{sense}] -> {text!r}   | {zh} | {en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
