"""Single-character vocab notes cut out of a longer word ("fragments"), on real texts.

Run from the project root:  python benchmarks/fragments.py [PATH ...] [--tatoeba N] [--show N]
(default: seeds/ and benchmarks/data/news_fragments.txt).  For each text: the words a
build would card (``select_words`` with the default settings), how many are single
characters, and how many of those sit inside a longer word of their example sentence
as a second opinion cuts it: bare jieba with its HMM (``jieba.Tokenizer().cut(s,
HMM=True)``, jieba's own dictionary), or CC-CEDICT's forward longest match.  Target:
fragments at most 2 % of vocab notes.  ``--tatoeba N`` adds every Nth pair of Tatoeba's
Chinese (read in place from ../shared/eval/corpus, never copied) as one text.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "benchmarks" / "data" / "news_fragments.txt"
TATOEBA = ROOT.parent / "shared" / "eval" / "corpus" / "tatoeba_cmn_eng.tsv"


def jieba_spans(tokenizer: Any, sentence: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for w in tokenizer.cut(sentence, HMM=True):
        out.append((at, at + len(w)))
        at += len(w)
    return out


def longest_match_spans(cedict: Any, sentence: str) -> list[tuple[int, int]]:
    """CC-CEDICT's forward longest match: at each place the longest headword (or one
    character)."""
    out, at = [], 0
    while at < len(sentence):
        end = next(
            (e for e in range(min(len(sentence), at + 8), at + 1, -1) if sentence[at:e] in cedict),
            at + 1,
        )
        out.append((at, end))
        at = end
    return out


def inside_longer(spans: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e and e - s > 1 for s, e in spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "seeds", NEWS])
    parser.add_argument("--tatoeba", type=int, default=0, metavar="N")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()

    import jieba

    from flashgen import SelectConfig, annotate_document, find_inputs, select_words
    from flashgen.datatypes import Document, Paragraph
    from flashgen.resources.cedict import load_cedict
    from flashgen.text.read import load

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    cedict = load_cedict()
    docs = [(item.name, load(item)) for item in find_inputs(args.paths)]
    if args.tatoeba:
        rows = TATOEBA.read_text(encoding="utf-8-sig").splitlines()[:: args.tatoeba]
        pairs = [r.split("\t") for r in rows]
        paras = tuple(Paragraph(i, p[1], p[0]) for i, p in enumerate(pairs) if len(p) > 1)
        docs.append((f"tatoeba (every {args.tatoeba}th pair)", Document(TATOEBA, None, paras)))
    totals = [0, 0, 0, 0, 0]
    shown = []
    for name, doc in docs:
        picks = select_words(annotate_document(doc), SelectConfig()).picks
        single = [p for p in picks if len(p.token.simplified) == 1]
        by_jieba = by_cedict = either = 0
        for p in single:
            zh = p.sentence.zh
            j = inside_longer(jieba_spans(tokenizer, zh), p.token.start)
            c = inside_longer(longest_match_spans(cedict, zh), p.token.start)
            by_jieba, by_cedict, either = by_jieba + j, by_cedict + c, either + (j or c)
            if j or c:
                shown.append(f"  {p.token.text}\t{zh}")
        counts = [len(picks), len(single), by_jieba, by_cedict, either]
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        print(_line(name, counts))
    print(_line("all", totals))
    print("\n".join(shown[: args.show]))


def _line(name: str, counts: list[int]) -> str:
    notes, single, by_jieba, by_cedict, either = counts
    share = either / notes if notes else 0.0
    return (
        f"{name}: {notes} vocab notes, {single} single characters; inside a longer word: "
        f"{by_jieba} by jieba, {by_cedict} by CC-CEDICT's longest match, "
        f"{either} by either ({share:.1%} of vocab notes)"
    )


if __name__ == "__main__":
    main()
