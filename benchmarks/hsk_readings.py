"""flashgen's readings against the HSK sentences' machine-made pinyin, per polyphone.

Run from the project root:  python benchmarks/hsk_readings.py [--top N] [--sample N]
[--chars 长得] [--show-judged]

The PyPI package hsk-sentences-audio 1.0.0 (benchmarks/hsk_texts.py) gives each of its
HSK sentences a numbered pinyin, one syllable per Han character.  It is machine-made
and often wrong (这条河很长 zhǎng, 便宜 biànyí), so it is **not gold**: this script only
finds where flashgen and the package disagree, for a person to judge.  Every sentence
is annotated twice by the real pipeline, as one text: with its English (each sentence
its own paragraph with its translation, as a build of a lesson pairs them) and without.

A *polyphone* is a character CC-CEDICT gives more than one reading alone (长 cháng /
zhǎng, 得 dé / de / děi); the other characters' disagreements (neutral tones such as
地方 dìfang, 一 and 不 written with their tone changes) are counted on one line.  The
disagreements are listed by character, most frequent first, with the word flashgen cut
and both readings.  ``--sample N`` draws N disagreements (with English) at random with
a fixed seed, to judge by hand.  benchmarks/hsk_readings_judged.tsv holds the judgement
of 90 of them drawn so from main's readings (who is right: flashgen, the package, or
both acceptable); the script scores that sample as flashgen read it then and as it
reads the same characters now (``--show-judged`` lists it).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import hsk_texts  # noqa: E402

JUDGED = ROOT / "benchmarks" / "hsk_readings_judged.tsv"
SEED = 20261207


@dataclass(frozen=True, slots=True)
class Reading:
    """One Han character of a sentence: flashgen's reading and the package's."""

    id: str
    zh: str
    at: int  # the character's offset in ``zh``
    word: str  # the token flashgen cut around it
    flashgen: str
    package: str


def _syllable(s: str) -> str:
    """One spelling for both: ü as v, lower case."""
    return s.lower().replace("u:", "v").replace("ü", "v")


def readings(sentences: list[hsk_texts.HskSentence], english: bool) -> list[Reading]:
    """Every Han character of every sentence whose Han characters flashgen read one
    syllable each, with both readings."""
    from flashgen import annotate_document
    from flashgen.datatypes import Document, Paragraph
    from flashgen.text.script import is_han

    doc = Document(
        Path("hsk-sentences.txt"),
        None,
        tuple(Paragraph(i, s.zh, s.en if english else None) for i, s in enumerate(sentences)),
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for sentence in annotate_document(doc):
        out = found.setdefault(sentence.paragraph, [])
        for token in sentence.tokens:
            han = [c for c in token.text if is_han(c)]
            if len(han) != len(token.syllables):
                continue
            out += [(token.text, _syllable(s)) for s in token.syllables]
    result = []
    for i, s in enumerate(sentences):
        han_at = [k for k, c in enumerate(s.zh) if is_han(c)]
        ours = found.get(i, [])
        if len(ours) != len(han_at) or len(s.pinyin) != len(han_at):
            continue
        result += [
            Reading(s.id, s.zh, at, word, syllable, _syllable(theirs))
            for at, (word, syllable), theirs in zip(han_at, ours, s.pinyin, strict=True)
        ]
    return result


def _differs(r: Reading | None, package: str) -> bool:
    return r is not None and r.flashgen != package


def is_polyphone(char: str) -> bool:
    from flashgen.language.pinyin.dictionaries import cedict_readings

    return len(set(cedict_readings(char))) > 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=40, help="characters listed")
    parser.add_argument("--sample", type=int, default=0, help="disagreements to judge")
    parser.add_argument("--chars", default="", help="list every disagreement of these")
    parser.add_argument("--show-judged", action="store_true", help="list the judged sample")
    args = parser.parse_args()
    sentences = hsk_texts.load()
    if sentences is None:
        print(hsk_texts.MISSING)
        return
    with_en = readings(sentences, english=True)
    without = {(r.id, r.at): r for r in readings(sentences, english=False)}
    poly = [r for r in with_en if is_polyphone(r.zh[r.at])]
    differ = [r for r in poly if r.flashgen != r.package]
    others = [r for r in with_en if r.flashgen != r.package and r not in set(differ)]
    checked = len({r.id for r in with_en})
    print(
        f"{checked} of {len(sentences)} sentences read one syllable per character by both; "
        f"{len(with_en)} characters, {len(poly)} polyphones"
    )
    switched = [r for r in poly if (r.id, r.at) in without and without[r.id, r.at] != r]
    print(
        f"polyphones read differently: with the English {len(differ)} "
        f"({len(differ) / max(len(poly), 1):.1%}); without it "
        f"{sum(1 for r in poly if _differs(without.get((r.id, r.at)), r.package))}; "
        f"the English changes flashgen's reading of {len(switched)}"
    )
    print(f"other characters read differently (neutral tones, 一/不 tone changes…): {len(others)}")
    by_char = Counter(r.zh[r.at] for r in differ)
    for char, n in by_char.most_common(args.top):
        pairs = Counter((r.flashgen, r.package) for r in differ if r.zh[r.at] == char)
        shown = ", ".join(f"{f}≠{p} ×{k}" for (f, p), k in pairs.most_common(4))
        print(f"  {char} {n}: flashgen≠package {shown}")
    for r in differ:
        if r.zh[r.at] in args.chars:
            print(f"    {r.zh[r.at]}\t{r.word}\t{r.flashgen}\t{r.package}\t{r.zh}")
    for r in switched:
        if r.zh[r.at] in args.chars:
            old = without[r.id, r.at].flashgen
            print(f"    switched by the English: {r.word} {old} -> {r.flashgen}")
    sample = random.Random(SEED).sample(differ, min(args.sample, len(differ)))
    if sample:
        print(
            f"a sample of {len(sample)} to judge (id, offset, flashgen, package, word, sentence):"
        )
        for r in sample:
            print(f"  {r.id}\t{r.at}\t{r.flashgen}\t{r.package}\t{r.word}\t{r.zh}")
    _judged(with_en, args.show_judged)


def _judged(now: list[Reading], show: bool) -> None:
    """Score the hand-judged sample (JUDGED) as flashgen read it then, and as it reads
    the same characters now: a reading that changed to the package's flips the verdict
    (flashgen wrong → right, flashgen right → wrong); one that changed to a third
    reading is counted as unjudged."""
    if not JUDGED.exists():
        return
    reading = {(r.id, r.at): r for r in now}
    then: Counter[str] = Counter()
    today: Counter[str] = Counter()
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, at, verdict, flashgen, package, *_ = line.split("\t")
        then[verdict] += 1
        r = reading.get((key, int(at)))
        current = r.flashgen if r else None
        if current == flashgen:
            today[verdict] += 1
        elif current == package:
            today["flashgen" if verdict == "package" else "package"] += 1
        else:
            today["unjudged"] += 1
        if show and r is not None:
            print(f"  {verdict}\t{flashgen}→{current}\t{package}\t{r.word}\t{r.zh}")
    for label, counts in (("then (main at 6a41cba)", then), ("now", today)):
        n = sum(counts.values())
        print(
            f"hand-judged sample of {n}, flashgen's readings {label}: flashgen wrong "
            f"{counts['package']} ({counts['package'] / n:.1%}), right {counts['flashgen']}, "
            f"both acceptable {counts['both']}"
            + (
                f", changed to a reading not judged {counts['unjudged']}"
                if counts["unjudged"]
                else ""
            )
        )


if __name__ == "__main__":
    main()
