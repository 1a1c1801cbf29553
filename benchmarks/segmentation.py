"""Segmentation quality: SIGHAN 2005 MSR word F1, and the sample article's vocabulary check.

Run from the project root:  python benchmarks/segmentation.py
Data is read in place from ../shared/eval/segmentation (research use only; never copied).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "segmentation"
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def prf(gold: list[list[str]], system: list[list[str]]) -> tuple[float, float, float]:
    correct = n_gold = n_sys = 0
    for g, s in zip(gold, system, strict=True):
        gs, ss = spans(g), spans(s)
        correct += len(gs & ss)
        n_gold += len(gs)
        n_sys += len(ss)
    p, r = correct / n_sys, correct / n_gold
    return p, r, 2 * p * r / (p + r)


def main() -> int:
    import jieba

    from flashgen.language.segment import find_dot_names, name_parts, segment
    from flashgen.resources.cedict import load_cedict
    from flashgen.resources.idioms import load_idioms

    raw = (EVAL / "msr_test.utf8").read_text(encoding="utf-8").splitlines()
    gold = [
        ln.split() for ln in (EVAL / "msr_test_gold.utf8").read_text(encoding="utf-8").splitlines()
    ]
    raw = [ln.strip() for ln in raw]
    segment("预热")  # load dictionaries before timing
    t = time.perf_counter()
    ours = [[t.text for t in segment(ln) if not t.text.isspace()] for ln in raw]
    elapsed = time.perf_counter() - t
    chars = sum(len(ln) for ln in raw)
    p, r, f = prf(gold, ours)
    print(
        f"MSR test ({len(raw)} lines): flashgen segment  P={p:.3f} R={r:.3f} F1={f:.3f} "
        f"({chars / elapsed:,.0f} chars/s)"
    )
    plain = jieba.Tokenizer()
    jieba.setLogLevel(60)
    for hmm in (False, True):
        base = [[w for w in plain.lcut(ln, HMM=hmm) if not w.isspace()] for ln in raw]
        p, r, f = prf(gold, base)
        print(f"MSR test: bare jieba HMM={hmm}  P={p:.3f} R={r:.3f} F1={f:.3f}")

    # The sample: every token is a CC-CEDICT headword, an idiom, a name, a number,
    # Latin or punctuation.
    cedict, idioms = load_cedict(), load_idioms()
    text = SAMPLE.read_text(encoding="utf-8")
    names = name_parts(find_dot_names(text))
    bad = []
    total = 0
    for line in text.splitlines():
        if not re.search("[\u4e00-\u9fff]", line):
            continue
        for tok in segment(line, names):
            total += 1
            if tok.kind == "word" and len(tok.text) > 1 and tok.text not in cedict:
                bad.append(tok.text)
            if tok.kind == "word" and len(tok.text) == 1 and tok.text not in cedict:
                bad.append(tok.text)
            if tok.kind == "idiom" and tok.text not in idioms:
                bad.append(tok.text)
    print(
        f"sample article: {total} tokens, {len(bad)} not a headword/idiom/name/number/"
        f"latin/punct: {bad}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
