"""Train the word translation table flashgen ships (flashgen/resources/data/wordtable.tsv.gz).

    python scripts/train_wordtable.py [--out flashgen/resources/data/wordtable.tsv.gz]

Offline, once: IBM Model 1 (EM, in numpy) in both directions over
  * the Tatoeba English/Chinese pairs, read in place from
    ../shared/eval/corpus/tatoeba_cmn_eng.tsv (CC-BY 2.0 FR, tatoeba.org), the Chinese
    segmented by flashgen's own segmenter, the English as flashgen's stems; and
  * the CC-CEDICT entries of the words met there (CC BY-SA 4.0), each sense as one more
    sentence pair, so that EM starts from what the dictionary says.
A Chinese word f and an English stem e are kept when both directions agree,
sqrt(t(e|f) · t(f|e)) >= --min-score, at most --top per word; function-word stems are
left out.  The hand word alignments in ../shared/eval/wordalign are never read here.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "tatoeba_cmn_eng.tsv"
OUT = ROOT / "flashgen" / "resources" / "data" / "wordtable.tsv.gz"


def tatoeba() -> list[tuple[str, str]]:
    pairs = []
    with CORPUS.open(encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                en, zh, *_ = line.rstrip("\n").split("\t")
                pairs.append((en.strip(), zh.strip()))
    return pairs


def corpus() -> tuple[list[list[str]], list[list[str]]]:
    """Chinese words and English stems of each training pair (Tatoeba, then CC-CEDICT)."""
    from flashgen.language.english import content_stems, english_words
    from flashgen.language.segment import segment
    from flashgen.resources.cedict import load_cedict
    from flashgen.text.script import to_simplified

    zh_side, en_side = [], []
    for en, zh in tatoeba():
        words = [to_simplified(t.text) for t in segment(zh) if t.kind in ("word", "idiom", "name")]
        stems = list(english_words(en).stems)
        if words and stems:
            zh_side.append(words)
            en_side.append(stems)
    vocab = Counter(w for ws in zh_side for w in ws)
    cedict = load_cedict()
    for word in vocab:
        for entry in cedict.lookup(word):
            if entry.simplified != word:
                continue
            for sense in entry.senses:
                stems = list(content_stems(sense))
                if stems and len(stems) <= 4:
                    zh_side.append([word])
                    en_side.append(stems)
    return zh_side, en_side


def ibm1(src: list[list[int]], tgt: list[list[int]], n_src: int, iterations: int) -> dict:
    """t(target | source) by EM; source id 0 is NULL, added to every sentence."""
    rows_s, rows_t, rows_pos = [], [], []
    pos = 0
    for s, t in zip(src, tgt, strict=True):
        ss = np.array([0, *s], dtype=np.int64)
        tt = np.array(t, dtype=np.int64)
        rows_s.append(np.repeat(ss, len(tt)))
        rows_t.append(np.tile(tt, len(ss)))
        rows_pos.append(np.tile(np.arange(pos, pos + len(tt)), len(ss)))
        pos += len(tt)
    s_arr, t_arr, p_arr = map(np.concatenate, (rows_s, rows_t, rows_pos))
    n_tgt = int(t_arr.max()) + 1
    key = s_arr * n_tgt + t_arr
    uniq, pair = np.unique(key, return_inverse=True)
    pair_src = uniq // n_tgt
    prob = np.ones(len(uniq))
    for _ in range(iterations):
        w = prob[pair]
        denom = np.bincount(p_arr, weights=w, minlength=pos)
        counts = np.bincount(pair, weights=w / denom[p_arr], minlength=len(uniq))
        totals = np.bincount(pair_src, weights=counts, minlength=n_src)
        prob = counts / totals[pair_src]
    return {(int(k // n_tgt), int(k % n_tgt)): float(p) for k, p in zip(uniq, prob, strict=True)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--iterations", type=int, default=8)
    parser.add_argument("--min-score", type=float, default=0.15)
    parser.add_argument("--top", type=int, default=4)
    args = parser.parse_args()
    from flashgen.text.english import STOPWORDS, stem

    started = time.perf_counter()
    zh_side, en_side = corpus()
    zh_ids = {w: i + 1 for i, w in enumerate(sorted({w for ws in zh_side for w in ws}))}
    en_ids = {w: i + 1 for i, w in enumerate(sorted({w for ws in en_side for w in ws}))}
    zh_n = [[zh_ids[w] for w in ws] for ws in zh_side]
    en_n = [[en_ids[w] for w in ws] for ws in en_side]
    print(f"{len(zh_side)} pairs, {len(zh_ids)} Chinese words, {len(en_ids)} English stems")
    e_given_f = ibm1(zh_n, en_n, len(zh_ids) + 1, args.iterations)
    f_given_e = ibm1(en_n, zh_n, len(en_ids) + 1, args.iterations)
    zh_of = {i: w for w, i in zh_ids.items()}
    en_of = {i: w for w, i in en_ids.items()}
    stop = {stem(w) for w in STOPWORDS}
    kept: dict[str, list[tuple[float, str]]] = {}
    for (f, e), p in e_given_f.items():
        if f == 0:
            continue
        q = f_given_e.get((e, f), 0.0)
        score = (p * q) ** 0.5
        if score >= args.min_score and en_of[e] not in stop:
            kept.setdefault(zh_of[f], []).append((score, en_of[e]))
    lines = []
    for word in sorted(kept):
        best = sorted(kept[word], reverse=True)[: args.top]
        lines.append(word + "\t" + " ".join(f"{e}:{round(s * 100)}" for s, e in best))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    args.out.write_bytes(gzip.compress(data, 9, mtime=0))
    print(
        f"{len(lines)} words, {sum(len(kept[w][: args.top]) for w in kept)} links -> {args.out} "
        f"({args.out.stat().st_size / 1e3:.0f} kB) in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
