"""Word-level English match against hand word alignments (precision and recall).

Run from the project root:  python benchmarks/wordalign.py [--split dev] [--show N]

Reads ../shared/eval/wordalign/{split}.{zh,en,align} in place (50 NIST 2002 Xinhua
sentence pairs, hand-aligned by DeNero & Macherey, MIT; never copied).  Scored as that
folder's README says: each pair goes through the real pipeline, English then Chinese
(the gold tokens joined: with spaces for English, without for Chinese), as
``annotate_sentence(SentencePair(...))``.  flashgen's tokens and the character span of
their English match are mapped back onto the gold tokens by character offsets.

A gold Chinese token is a *content word* when a flashgen token overlapping it is a
vocabulary candidate (a word, idiom or name with a gloss, not a function word: as
teach.select sees it).  For such a token, S = the English tokens linked by sure links,
P = by sure or possible links, M = the English tokens overlapping the English match of
any flashgen token overlapping it.  It is *right* when M is not empty and M ⊆ P.
Precision = right / (M not empty); recall = right / (S not empty).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "wordalign"
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]"}


@dataclass(frozen=True)
class Pair:
    zh: list[str]
    en: list[str]
    sure: set[tuple[int, int]]
    possible: set[tuple[int, int]]  # sure links included


def load(split: str) -> list[Pair]:
    zh_lines = (DATA / f"{split}.zh").read_text(encoding="utf-8").splitlines()
    en_lines = (DATA / f"{split}.en").read_text(encoding="utf-8").splitlines()
    al_lines = (DATA / f"{split}.align").read_text(encoding="utf-8").splitlines()
    pairs = []
    for zh, en, al in zip(zh_lines, en_lines, al_lines, strict=True):
        sure, possible = set(), set()
        for link in al.split():
            parts = link.split("-")
            i, j = int(parts[0]), int(parts[1])
            possible.add((i, j))
            if len(parts) == 2:
                sure.add((i, j))
        pairs.append(Pair(zh.split(), [_BRACKETS.get(w, w) for w in en.split()], sure, possible))
    return pairs


def _offsets(tokens: list[str], sep: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for t in tokens:
        out.append((at, at + len(t)))
        at += len(t) + len(sep)
    return out


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    return [k for k, (s, e) in enumerate(spans) if s < end and start < e]


@dataclass
class Scored:
    content: int = 0
    with_sure: int = 0
    marked: int = 0
    right: int = 0
    # The words marked by the second, statistical pass (source "inferred"): the
    # precision of its links alone.
    inferred: int = 0
    inferred_right: int = 0


def score(pairs: list[Pair], show: int = 0) -> Scored:
    from flashgen.datatypes import SentencePair
    from flashgen.language.annotate import annotate_sentence
    from flashgen.teach.select import has_gloss, is_function_word

    result = Scored()
    wrong, missed = [], []
    for n, pair in enumerate(pairs):
        zh, en = "".join(pair.zh), " ".join(pair.en)
        zh_spans, en_spans = _offsets(pair.zh, ""), _offsets(pair.en, " ")
        sentence = annotate_sentence(SentencePair(0, n, zh, en, "sentence", 1.0))
        for i, (start, end) in enumerate(zh_spans):
            toks = [t for t in sentence.tokens if t.start < end and start < t.end]
            if not any(
                t.kind in ("word", "idiom", "name") and has_gloss(t) and not is_function_word(t)
                for t in toks
            ):
                continue
            result.content += 1
            sure = {j for (a, j) in pair.sure if a == i}
            possible = {j for (a, j) in pair.possible if a == i}
            marked = {
                j
                for t in toks
                if t.en_match is not None
                for j in _overlapping(en_spans, t.en_match.start, t.en_match.end)
            }
            result.with_sure += bool(sure)
            inferred = any(t.en_match is not None and t.en_match.source == "inferred" for t in toks)
            if marked:
                result.marked += 1
                result.inferred += inferred
                if marked <= possible:
                    result.right += 1
                    result.inferred_right += inferred
                else:
                    word = pair.zh[i] + (" (inferred)" if inferred else "")
                    wrong.append((n, word, _words(pair, marked), _words(pair, possible)))
            elif sure:
                missed.append((n, pair.zh[i], _words(pair, sure)))
    if show:
        print(f"wrong ({len(wrong)}):")
        for n, word, got, gold in wrong[:show]:
            print(f"  {n:2} {word}: marked {got!r}, gold {gold!r}")
        print(f"missed ({len(missed)}):")
        for n, word, gold in missed[:show]:
            print(f"  {n:2} {word}: gold {gold!r}")
    return result


def _words(pair: Pair, js: set[int]) -> str:
    return " ".join(pair.en[j] for j in sorted(js))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--show", type=int, default=0, help="list this many errors of each kind")
    args = parser.parse_args()
    r = score(load(args.split), args.show)
    p = r.right / r.marked if r.marked else 0.0
    rec = r.right / r.with_sure if r.with_sure else 0.0
    print(
        f"wordalign {args.split}: {r.content} content words, {r.with_sure} with sure links; "
        f"marked {r.marked}, right {r.right}: precision {p:.3f}, recall {rec:.3f}"
    )
    if r.inferred:
        print(
            f"  of which inferred by the second pass: marked {r.inferred}, right "
            f"{r.inferred_right}: precision {r.inferred_right / r.inferred:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
