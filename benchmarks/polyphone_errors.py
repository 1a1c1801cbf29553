"""Every CPP dev error of flashgen's reading, grouped by what decided it, and g2pM's
calibration: how often its favourite reading of the marked character is right, by how sure
it is and by what the dictionaries say.

    python benchmarks/polyphone_errors.py [--half even|odd] [--show GROUP] [--limit N]

Groups (one per error, the first that fits):

- ``neutral convention``: flashgen prints a CC-CEDICT reading of the word with a neutral
  tone where CPP writes the full tone of the same syllable (衣服 yīfu / CPP yīfú: CPP
  writes tone 5 for grammatical suffixes, 什么, 随着, 牌子, not for content words);
- ``lone: neighbour word wrong`` / ``word: neighbour word wrong``: a polyphone that is a
  word of its own, or that no word of its segment votes for, read by the CC-CEDICT word
  it makes with its neighbours, which is not the word of this sentence;
- ``lone: prior wrong``: a lone everyday polyphone, g2pM's favourite overruled by the
  commonest reading;
- ``lone: g2pM wrong``: a lone polyphone, g2pM's favourite taken and wrong;
- ``word: dictionaries settled wrong``: inside a word both dictionaries read one way, and
  CPP reads it otherwise (a CC-CEDICT reading, or the segmenter's word is not the
  sentence's);
- ``word: vote beat g2pM wrongly`` / ``word: g2pM beat the vote wrongly``: a dictionary
  voted and was weighed against g2pM; the loser was right;
- ``word: no vote, g2pM wrong``: inside a word that gives no vote for the character;
- ``other: function-word rule``: a lone 地, 得, 只, 没 or 为 read by its neighbours;
- ``other``: anything else (a whole-word reading…).

Run with flashgen's code before a change (``PYTHONPATH=OLD_TREE``) to compare the tables.

The data (../shared/eval/pinyin/, relative to the project root) is read in place.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass

from polyphones import load, segmenter, syllable_at

# Bands of ln(g2pM's favourite / CPP's reading) for the errors g2pM makes too (a vote of
# weight 4 overturns the first, LEXICAL_BONUS's 6 part of the second).
_BANDS = (4.0, 8.0, math.inf)


@dataclass(frozen=True, slots=True)
class Case:
    """One CPP dev sentence as flashgen read its marked character, and why."""

    sentence: str
    at: int
    gold: str
    got: str
    word: str  # the segmenter's word around the character (simplified)
    k: int  # the character's syllable index in ``word``
    probs: dict[str, float]  # g2pM's probabilities of its readings
    lone: bool  # the character is a word of its own
    # the reading the neighbours' CC-CEDICT word gives it, else the one longer words give
    # it with a neighbour (context.PAIR_BONUS)
    neighbour: str | None
    lexical: str | None  # the word's CC-CEDICT vote for it
    phrase: str | None  # pypinyin's phrase-list vote
    settled: bool  # the dictionaries decided whatever g2pM said
    prior: str | None  # the commonest reading, for an everyday character

    @property
    def favourite(self) -> str:
        return max(self.probs, key=self.probs.__getitem__) if self.probs else ""


def examine(sentence: str, at: int, gold: str, spans: list[tuple[int, int]]) -> Case:
    from flashgen.language.pinyin import context as fp
    from flashgen.language.pinyin.dictionaries import pypinyin_chars, zipf
    from flashgen.language.pinyin.model import g2pm
    from flashgen.text.script import han_count, to_simplified

    got = syllable_at(sentence, spans, fp.read_sentence(sentence, spans), at)
    text = to_simplified(sentence)
    w, (start, end) = next((w, (s, e)) for w, (s, e) in enumerate(spans) if s <= at < e)
    word = text[start:end]
    lone = len(word) == 1
    votes = fp._NO_VOTES if lone else fp._votes(word)[at - start]
    # a lone character, or one no word of its segment votes for, asks its neighbours
    asks = lone or votes == fp._NO_VOTES
    char = text[at]
    return Case(
        sentence,
        at,
        gold,
        got,
        word,
        han_count(word[: at - start]),
        g2pm().distributions(text).get(at, {}),
        lone,
        (
            fp._neighbour_reading(text, at)
            or fp._pair_vote(text, at, (start, end), fp._alone_around(spans, w))
        )
        if asks
        else None,
        votes.lexical,
        votes.phrase,
        fp._settled(votes),
        pypinyin_chars().get(char) if lone and zipf(char) >= fp.EVERYDAY_ZIPF else None,
    )


def kind(case: Case) -> str:
    """What weighs against g2pM's favourite reading (for the calibration table)."""
    if case.neighbour is not None:
        where = "lone" if case.lone else "word"
        return f"{where}, neighbour " + (
            "agrees" if case.neighbour == case.favourite else "differs"
        )
    if case.lone:
        return "lone, no neighbour"
    if case.lexical is None:
        return "word, no vote"
    if case.settled:
        return "word, settled"
    return "word, vote " + ("agrees" if case.lexical == case.favourite else "differs")


def group(case: Case) -> str:
    """The error group of a misread case (see the module's docstring)."""
    from flashgen.language.pinyin.dictionaries import cedict_readings

    got, gold = case.got, case.gold
    light = got[:-1] == gold[:-1] and got.endswith("5") and not gold.endswith("5")
    cedict = case.lexical == got or got in {r[case.k] for r in cedict_readings(case.word)}
    if light and not case.lone and cedict:
        return "neutral convention"
    if case.lone and case.word in "地得只没为" and got != case.favourite:
        return "other: function-word rule"
    if case.neighbour is not None and got == case.neighbour != case.favourite:
        return ("lone" if case.lone else "word") + ": neighbour word wrong"
    if case.lone:
        if case.prior is not None and got == case.prior != case.favourite:
            return "lone: prior wrong"
        return "lone: g2pM wrong" if got == case.favourite else "other"
    if case.settled:
        return "word: dictionaries settled wrong"
    if case.lexical is not None and got == case.lexical:
        return "word: vote beat g2pM wrongly"
    if case.lexical is not None and gold == case.lexical:
        return "word: g2pM beat the vote wrongly"
    if case.lexical is None and got == case.favourite:
        return "word: no vote, g2pM wrong"
    return "other"


def describe(case: Case) -> str:
    s, at = case.sentence, case.at
    return (
        f"  {s[max(0, at - 8) : at]}[{s[at]}]{s[at + 1 : at + 8]}  word {case.word}"
        f"  gold {case.gold}  got {case.got}  g2pM {case.favourite}"
        f" {case.probs.get(case.favourite, 0.0):.3f} (gold {case.probs.get(case.gold, 0.0):.3f})"
        f"  CC-CEDICT {case.lexical}  phrase {case.phrase}  neighbours {case.neighbour}"
    )


def cut_elsewhere(
    items: list[tuple[str, int, str]], misread: list[tuple[str, int, str]]
) -> list[tuple[str, int, int]]:
    """For other cuts of the sentences (bare jieba's; CC-CEDICT's fewest words): how many
    of flashgen's errors each reads right, and how many sentences flashgen reads right it
    reads wrongly: how many errors the segmenter's cut causes, at most."""
    from flashgen.language.pinyin import read_sentences
    from flashgen.language.pinyin.dictionaries import cedict_pieces
    from flashgen.text.script import to_simplified

    wrong_now = {(s, at) for s, at, _ in misread}
    _, bare = segmenter(True)
    out = []
    for label, spans_of in (
        ("bare jieba (default dictionary)", bare),
        ("CC-CEDICT, fewest words", lambda s: cedict_pieces(to_simplified(s))),
    ):
        cut = [(s, spans_of(s)) for s, _, _ in items]
        fixed = broken = 0
        for (s, at, gold), (_, spans), reading in zip(items, cut, read_sentences(cut), strict=True):
            right = syllable_at(s, spans, reading, at) == gold
            if (s, at) in wrong_now:
                fixed += right
            else:
                broken += not right
        out.append((label, fixed, broken))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=["all", "even", "odd"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--show", default="", help="print the errors of groups containing this")
    args = parser.parse_args()

    items = load(args.half)
    if args.limit:
        items = items[: args.limit]
    _, spans_of = segmenter(False)

    groups: Counter[str] = Counter()
    # each error by who else was right: g2pM alone (flashgen overrode it) or neither
    split: Counter[str] = Counter()
    sureness: Counter[float] = Counter()  # the g2pM-wrong-too errors by ln(favourite / gold)
    misread: list[tuple[str, int, str]] = []
    shown: dict[str, list[str]] = defaultdict(list)
    # (kind, tenth of g2pM's top probability) -> [its favourite right, total]
    calibration: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for sentence, at, gold in items:
        case = examine(sentence, at, gold, spans_of(sentence))
        if case.probs:
            cell = calibration[(kind(case), min(9, int(case.probs[case.favourite] * 10)))]
            cell[0] += case.favourite == gold
            cell[1] += 1
        if case.got != gold:
            name = group(case)
            groups[name] += 1
            misread.append((sentence, at, gold))
            if name == "neutral convention":
                split["neutral convention"] += 1
            elif case.favourite == gold:
                split["g2pM alone right (flashgen overrode it)"] += 1
            else:
                split["g2pM wrong too"] += 1
                # how much surer g2pM is of its favourite than of CPP's reading: what
                # a vote of weight w (added to the log) can overturn
                ratio = (
                    math.log(
                        case.probs.get(case.favourite, 0.0) / (case.probs.get(gold, 0.0) + 1e-300)
                    )
                    if case.probs
                    else math.inf
                )
                sureness[next(b for b in _BANDS if ratio < b)] += 1
            if args.show and args.show in name:
                shown[name].append(describe(case))

    n, errors = len(items), sum(groups.values())
    print(f"{n} sentences ({args.half}): flashgen {100 * (n - errors) / n:.2f} %, {errors} errors")
    for name, count in groups.most_common():
        print(f"  {count:4}  {name}")
    print("  split:  " + ", ".join(f"{name} {count}" for name, count in split.most_common()))
    print(
        "  g2pM wrong too, by ln(g2pM's favourite / CPP's reading): "
        + ", ".join(
            f"{'<' if b < math.inf else '>='} {b if b < math.inf else _BANDS[-2]:g}: {sureness[b]}"
            for b in _BANDS
        )
    )
    print(
        "  the segmenter's cut: right when the sentence is cut otherwise (and wrong, of "
        "the sentences flashgen reads right):"
    )
    for label, right, wrong in cut_elsewhere(items, misread):
        print(f"    {label:38} {right:4} of the errors right   ({wrong} others wrong)")
    for name, lines in shown.items():
        print(f"\n{name}:\n" + "\n".join(lines))
    print("\ng2pM's favourite reading right / total, by its probability (tenths)")
    for k in sorted({k for k, _ in calibration}):
        cells = [calibration[(k, b)] for b in range(10)]
        print(
            f"  {k:24} "
            + "  ".join(f"{b / 10:.1f}:{c[0]}/{c[1]}" for b, c in enumerate(cells) if c[1])
        )


if __name__ == "__main__":
    sys.exit(main())
