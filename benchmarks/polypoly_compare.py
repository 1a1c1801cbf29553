"""Would polypoly 0.0.3's Bi-LSTM, as a second reading model, fix flashgen's CPP dev errors?

    python benchmarks/polypoly_compare.py DUMP.jsonl [--half all|even|odd]
    python benchmarks/polypoly_compare.py TATOEBA_DUMP.jsonl --tatoeba P W [--needed FILE]

DUMP.jsonl is what ``benchmarks/polypoly_dump.py`` wrote under a scratch interpreter with
TensorFlow (see its docstring); this script runs under the project's and reads flashgen's
own readings the way ``benchmarks/polyphone_errors.py`` does.  Printed:

- polypoly's model alone on the marked characters it covers (147 frequent polyphones),
  beside g2pM alone and flashgen on the same sentences; polypoly's whole pipeline
  (``polypoly.predict``: jieba, its dictionary, the model, tone-sandhi rules) on every
  sentence, where the dump has it;
- on flashgen's errors, how many the model gets right; on flashgen's right answers, how
  many it gets wrong; both by the model's probability of its favourite;
- the ensemble as ``benchmarks/polyphone_sources.py`` scores a source: the model's
  favourite, where it is at least P sure, as one more vote of weight w on the characters
  flashgen weighs (net sentences gained at each weight);
- with ``--tatoeba P W`` (a dump of ``polypoly_dump.py --tatoeba``): every reading such a
  vote of weight W would change in Tatoeba's sentences (read without their English), to be
  judged by hand (``benchmarks/polypoly_tatoeba_judged.tsv``), and how many characters and
  sentences the model would have to read if it ran only where the vote could matter.

Measured 2026-12-07 (main at c997cda; the figures in the README's polyphone notes): the
model alone reads 87.07 % of the 2,598 CPP dev sentences whose marked character it covers
(g2pM 94.57 %, flashgen 96.23 %); as a vote it never gains on both halves (at best net +1
of 9,893 at weight 1, -8 at weight 2 for P 0.9); on Tatoeba the same vote changes 29
(weight 1) and 60 (weight 2) readings, 21 and 45 of them to the right one.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from polyphone_errors import Case, examine
from polyphone_sources import report, weighed_scores
from polyphones import DATA, load, segmenter

BANDS = ((0.0, "<0.9"), (0.9, "0.9-0.99"), (0.99, "0.99-0.999"), (0.999, ">=0.999"))
THRESHOLDS = (0.0, 0.9, 0.99, 0.999)


def band(p: float) -> str:
    return [label for low, label in BANDS if p >= low][-1]


def count(case: Case, model: dict[str, float], tally: Counter[tuple[str, str]]) -> None:
    """Adds one sentence to ``tally``: (what, band of the model's probability) -> count."""
    fav = max(model, key=model.__getitem__) if model else None
    if fav is None:
        tally["uncovered errors", ""] += case.got != case.gold
        return
    b = band(model[fav])
    tally["covered", ""] += 1
    tally["model", ""] += fav == case.gold
    tally["g2pM", ""] += case.favourite == case.gold
    tally["flashgen", ""] += case.got == case.gold
    tally["all", b] += 1
    tally["all right", b] += fav == case.gold
    if case.got != case.gold:
        tally["errors", b] += 1
        tally["errors, model right", b] += fav == case.gold
    else:
        tally["rights", b] += 1
        tally["rights, model wrong", b] += fav != case.gold


def by_band(tally: Counter[tuple[str, str]], part: str, whole: str) -> str:
    return "  ".join(f"{lb} {tally[part, lb]}/{tally[whole, lb]}" for _, lb in BANDS)


def summary(tally: Counter[tuple[str, str]], errors: int) -> None:
    c = tally["covered", ""]
    print(f"\nmarked character one of the model's 147: {c} sentences")
    for who in ("model", "g2pM", "flashgen"):
        print(f"  {who:9} {tally[who, '']:5} right = {100 * tally[who, ''] / c:.2f} %")
    print(
        "  the model's favourite right / total, by its probability: "
        + by_band(tally, "all right", "all")
    )
    fixed = sum(tally["errors, model right", lb] for _, lb in BANDS)
    print(
        f"\nof flashgen's {errors} errors: {sum(tally['errors', lb] for _, lb in BANDS)} "
        f"covered, the model right on {fixed}; {tally['uncovered errors', '']} not covered"
    )
    print("  by the model's probability: " + by_band(tally, "errors, model right", "errors"))
    broken = sum(tally["rights, model wrong", lb] for _, lb in BANDS)
    print(
        f"of flashgen's right answers: {sum(tally['rights', lb] for _, lb in BANDS)} covered,"
        f" the model wrong on {broken}"
    )
    print("  by the model's probability: " + by_band(tally, "rights, model wrong", "rights"))


def tatoeba(dump: Path, threshold: float, weight: float, needed_out: Path | None) -> None:
    """Everyday text: every reading the model's favourite (at least ``threshold`` sure),
    as a vote of ``weight``, would change among the characters flashgen weighs in the
    Tatoeba sentences of ``dump`` (written by ``polypoly_dump.py --tatoeba``), for a
    reader to judge; ``needed_out`` gets the sentences the model would have to read (one a
    line), for timing it."""
    from flashgen.language.pinyin import context as fp
    from flashgen.language.pinyin.formatting import cedict_syllable

    _, spans_of = segmenter(False)
    path = DATA.parent / "corpus" / "tatoeba_cmn_eng.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    tally: Counter[str] = Counter()
    changed = []
    needed: set[int] = set()
    for line in dump.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        english, sentence = lines[row["line"]].split("\t")[:2]
        chars = {int(at): dist for at, dist in row["chars"].items()}
        tally["covered"] += len(chars)
        plan = fp._plan(sentence, spans_of(sentence)) if chars else None
        if plan is None or not plan.unsettled:
            continue
        (rows,) = fp._probabilities([(plan.text, plan.unsettled)])
        choices = [choice for _, word in plan.open for _, _, choice in word.open]
        for at, choice, probs in zip(plan.unsettled, choices, rows, strict=True):
            model = {cedict_syllable(r): p for r, p in chars.get(at, {}).items()}
            if not model or choice.margin(probs) == math.inf:
                continue
            tally["weighed"] += 1
            if choice.margin(probs) < weight:
                # only where the vote could change the reading would the model have to run
                tally["open"] += 1
                needed.add(row["line"])
            got = choice.pick(probs)
            fav = max(model, key=model.__getitem__)
            if fav == got or model[fav] < threshold:
                continue
            tally["against"] += 1
            scores = {
                r: math.log((probs[i] if i >= 0 else 0.0) + fp._FLOOR) + lexical + phrase
                for r, i, lexical, phrase in choice.candidates
            }
            if fav in scores:
                scores[fav] += weight
                if max(sorted(scores), key=scores.__getitem__) == fav:
                    changed.append((sentence, at, got, fav, model[fav], english))
    print(
        f"Tatoeba: {tally['covered']} characters the model covers, {tally['weighed']} of them"
        f" weighed by flashgen; the model against flashgen (at >= {threshold}) on"
        f" {tally['against']}; a vote of weight {weight} changes {len(changed)}."
        f" The model would have to run only where flashgen's margin is under {weight}:"
        f" {tally['open']} characters in {len(needed)} sentences."
    )
    if needed_out:
        needed_out.write_text(
            "".join(lines[n].split("\t")[1] + "\n" for n in sorted(needed)), encoding="utf-8"
        )
    for sentence, at, got, fav, p, english in changed:
        print(
            f"  {sentence[:at]}[{sentence[at]}]{sentence[at + 1 :]}  flashgen {got}"
            f"  model {fav} {p:.3f}  | {english}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--half", choices=["all", "even", "odd"], default="all")
    parser.add_argument(
        "--tatoeba",
        nargs=2,
        type=float,
        metavar=("P", "W"),
        help="DUMP is polypoly_dump.py --tatoeba's: list what a vote of weight W changes",
    )
    parser.add_argument(
        "--needed", type=Path, help="with --tatoeba: write the sentences the model would read"
    )
    args = parser.parse_args()
    if args.tatoeba:
        tatoeba(args.dump, *args.tatoeba, args.needed)
        return

    from flashgen.language.pinyin.formatting import cedict_syllable
    from flashgen.text.script import to_simplified

    rows = {}
    for line in args.dump.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["line"]] = row
    items = load("all")
    parity = {"all": (0, 1), "even": (0,), "odd": (1,)}[args.half]
    keep = [n for n in range(len(items)) if n in rows and n % 2 in parity]
    _, spans_of = segmenter(False)

    tally: Counter[tuple[str, str]] = Counter()
    pipeline = [0, 0]  # right, total
    weighed = []
    votes: dict[float, list[str | None]] = {p: [] for p in THRESHOLDS}
    for n in keep:
        sentence, at, gold = items[n]
        spans = spans_of(sentence)
        case = examine(sentence, at, gold, spans)
        tally["flashgen errors", ""] += case.got != gold
        if "pipeline" in rows[n]:
            pipeline[0] += cedict_syllable(rows[n]["pipeline"]) == gold
            pipeline[1] += 1
        model = {cedict_syllable(r): p for r, p in rows[n]["model"].items()}
        count(case, model, tally)
        scores = weighed_scores(case, sentence, spans)
        if scores is not None:
            weighed.append((case, to_simplified(sentence), spans, scores))
            fav = max(model, key=model.__getitem__) if model else None
            for threshold in THRESHOLDS:
                votes[threshold].append(fav if fav and model[fav] >= threshold else None)

    errors = tally["flashgen errors", ""]
    print(
        f"{len(keep)} sentences ({args.half}): flashgen "
        f"{100 * (len(keep) - errors) / len(keep):.2f} %, {errors} errors"
    )
    if pipeline[1]:
        print(
            f"polypoly.predict (whole pipeline), every sentence: "
            f"{100 * pipeline[0] / pipeline[1]:.2f} % of {pipeline[1]}"
        )
    summary(tally, errors)
    print(f"\n{len(weighed)} characters flashgen weighs (a vote could change them)")
    for threshold in THRESHOLDS:
        report(f"polypoly's favourite at >= {threshold}", weighed, votes[threshold])


if __name__ == "__main__":
    sys.exit(main())
