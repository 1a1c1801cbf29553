"""Traditional forms and idiom glosses of the vocab notes, on the sample article and Tatoeba.

Run from the project root:  python benchmarks/traditional.py [--pairs N] [--show K]
Tatoeba's pairs are read in place from ../shared/eval/corpus (CC-BY 2.0 FR, never
copied); each pair is one sentence with its English.  The vocab notes are what a build
would card (``select_words`` with the default settings), counted once per word.

A traditional form is counted as non-standard when one of its characters is not among
the traditional characters OpenCC's s2t dictionaries give for the simplified one
(㽞 for 留), or when it is a CC-CEDICT headword all of whose rows only point to another
word ("variant of", "used in").  Differences from OpenCC's own choice for the whole word
(爲/為, 裏/裡, whose both forms are standard) are counted apart, for information.
Idioms are counted by where their gloss comes from.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tatoeba import load_pairs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
_POINTER = re.compile(
    r"^(?:\(\w+\) )?(?:(?:old|archaic|unofficial|erroneous|Japanese) )?(?:variant of|used in) "
)


@cache
def _candidates() -> dict[str, frozenset[str]]:
    """Each simplified character's traditional characters in OpenCC's s2t dictionaries,
    with their Taiwan and Hong Kong standard forms (為 beside 爲, 裡 beside 裏)."""
    from flashgen.text.script import _dictionary_files

    out: dict[str, set[str]] = {}
    for dictionary in _dictionary_files("s2t"):
        for line in dictionary.read_text(encoding="utf-8").splitlines():
            if "\t" not in line:
                continue
            key, values = line.strip().split("\t")
            if len(key) == 1:
                out.setdefault(key, {key}).update(values.split(" "))
            else:
                for value in values.split(" "):
                    if len(value) == len(key):
                        for k, v in zip(key, value, strict=True):
                            out.setdefault(k, {k}).add(v)
    regional: dict[str, set[str]] = {}
    for dictionary in _dictionary_files("s2tw") + _dictionary_files("s2hk"):
        if "Variants" in dictionary.name:
            for line in dictionary.read_text(encoding="utf-8").splitlines():
                if "\t" in line:
                    key, values = line.strip().split("\t")
                    regional.setdefault(key, set()).update(values.split(" "))
    return {k: frozenset(v | {r for c in v for r in regional.get(c, ())}) for k, v in out.items()}


def non_standard(simplified: str, traditional: str) -> bool:
    from flashgen.resources.cedict import load_cedict
    from flashgen.text.script import _s2hk, _s2tw, to_traditional

    if traditional in (
        to_traditional(simplified),
        _s2tw().convert(simplified),
        _s2hk().convert(simplified),
    ):
        return False  # OpenCC's own choice in one of its standards
    if len(simplified) != len(traditional):
        return True
    table = _candidates()
    for s, t in zip(simplified, traditional, strict=True):
        if t != s and t not in table.get(s, frozenset({s})):
            return True
    rows = [e for e in load_cedict().lookup(traditional) if e.traditional == traditional]
    return bool(rows) and all(_POINTER.match(x) for e in rows for x in e.senses[:1])


def idiom_source(token) -> str:  # type: ignore[no-untyped-def]
    gloss = token.gloss
    if gloss is None:
        return "none"
    if gloss.source == "cedict":
        return "CC-CEDICT English"
    match = token.en_match
    if match is not None and match.source == "context":
        return "context English"  # shown first on the card (flashgen.teach.cards)
    return "Chinese explanation"


def report(name: str, sentences, show: int) -> None:  # type: ignore[no-untyped-def]
    from flashgen import SelectConfig, select_words
    from flashgen.text.script import to_traditional

    picks = select_words(sentences, SelectConfig()).picks
    bad, other, sources = [], [], Counter()
    for p in picks:
        t = p.token
        if non_standard(t.simplified, t.traditional):
            bad.append(f"{t.simplified}->{t.traditional}")
        elif t.traditional != to_traditional(t.simplified):
            other.append(f"{t.simplified}->{t.traditional}/{to_traditional(t.simplified)}")
        if t.kind == "idiom":
            sources[idiom_source(t)] += 1
    n = len(picks)
    print(
        f"{name}: {n} vocab notes; non-standard traditional {len(bad)} ({len(bad) / n:.2%}); "
        f"standard but not OpenCC's choice {len(other)} ({len(other) / n:.2%})"
    )
    print(
        f"  idioms {sum(sources.values())}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(sources.items()))
    )
    if show:
        print("  non-standard:", " ".join(bad[:show]))
        print("  not OpenCC's:", " ".join(other[:show]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=0, help="only the first N pairs (0: all)")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()

    from flashgen import annotate_document, find_inputs
    from flashgen.datatypes import SentencePair
    from flashgen.language.annotate import annotate_sentence
    from flashgen.text.read import load

    report("sample", annotate_document(load(next(iter(find_inputs([SAMPLE]))))), args.show)
    pairs = load_pairs()
    if args.pairs:
        pairs = pairs[: args.pairs]
    sentences = [
        annotate_sentence(SentencePair(0, i, zh, en, "sentence", 1.0))
        for i, (en, zh) in enumerate(pairs)
    ]
    report(f"Tatoeba ({len(pairs)} pairs)", sentences, args.show)


if __name__ == "__main__":
    main()
