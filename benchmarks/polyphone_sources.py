"""Would a second source of evidence fix CPP dev's polyphone errors?  Each candidate source
is added as one more vote to flashgen's choice, at several weights, and scored.

    python benchmarks/polyphone_sources.py [--half all|even|odd] [--limit N]
                                           [--sources phrases,large_pinyin,...] [--g2pc]

For every CPP dev sentence whose marked character flashgen weighs (a lone polyphone, or one
inside a word whose votes do not settle it), the scores flashgen gives each reading (the
natural log of g2pM's probability plus the dictionaries' bonuses, as
``flashgen.language.pinyin.context`` computes them) are rebuilt; the source's reading of
the character gets ``+w`` more, and the best score wins.  Printed per weight: sentences the
vote makes right, sentences it makes wrong, and the net change (what the 98.0 % target of
issue 14 needs: about +48).  Sentences the dictionaries settle, and those a rule decides
(a neutral tone g2pM reads in full, a function word), are left as they are: a vote is
never asked there.

Sources (each votes only where it has a reading for a word around the character):

- ``phrases``: pypinyin's own phrase list (47k phrases, what flashgen already uses for whole
  segments), longest match of 2-4 characters around the character, across the segmenter's
  cuts (what ``_neighbour_reading`` does with CC-CEDICT);
- ``large_pinyin``, ``zdic_cibs``, ``zdic_cybs``, ``cc_cedict``, ``di``: the phrase sets
  of the ``pypinyin-dict`` package (phrase-pinyin-data: 412k, 348k, 33k, 106k and 7k
  phrases; ``pip install pypinyin-dict``, 40 MB of Python modules), the same way;
- ``--g2pc``: g2pC's CRF (``pip install --no-deps g2pc python-crfsuite``; the model is read
  from the package without its pkuseg and scikit-learn dependencies, the words and their
  part-of-speech tags from jieba's ``posseg`` without HMM in place of pkuseg).  Slow: about
  ten sentences a second.

Last, the ensemble (``--agree N``, default 2): a vote only where at least N of the sources
give the same reading.  A weight w overrules g2pM only where its margin is under w (weight
2: g2pM under about 88 % sure), so this is "independent sources agreeing against g2pM's
low-confidence answer".

For each source, also how often it contradicts a reading both dictionaries settle (which
flashgen takes whatever g2pM says), and who is right there.

Also printed: g2pM's calibration on the weighed characters, finer than
``polyphone_errors.py`` at the top (0.9-0.99, 0.99-0.999, over 0.999): most errors are made
where g2pM is surer than any dictionary vote could outweigh.

The data (../shared/eval/pinyin/, relative to the project root) is read in place.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from polyphone_errors import Case, examine
from polyphones import load, segmenter

WEIGHTS = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
PYPINYIN_DICT_SETS = ("large_pinyin", "zdic_cibs", "zdic_cybs", "cc_cedict", "di")
# the longest phrase looked for around the character (as _NEIGHBOUR_SPAN, plus one)
SPAN = 4


def weighed_scores(
    case: Case, sentence: str, spans: list[tuple[int, int]]
) -> dict[str, float] | None:
    """The scores flashgen gave each reading of the case's character (None where no
    scores were weighed: settled by the dictionaries or decided by a rule).

    Taken from flashgen's own plan of the sentence (``context._plan``, the choices
    ``context._read`` picks from), so every vote and rule of today's reader is in them."""
    from flashgen.language.pinyin import context as fp

    if not case.probs:
        return None
    plan = fp._plan(sentence, spans)
    if plan is None or case.at not in plan.unsettled:
        return None
    (rows,) = fp._probabilities([(plan.text, plan.unsettled)])
    choices = [choice for _, word in plan.open for _, _, choice in word.open]
    row = plan.unsettled.index(case.at)
    choice, probs = choices[row], rows[row]
    # a rule (the neutral tone of the word) decided, or the word's whole reading
    # (_whole_reading) overruled the pick: no scores
    if choice.margin(probs) == math.inf or choice.pick(probs) != case.got:
        return None
    return {
        reading: math.log((probs[i] if i >= 0 else 0.0) + fp._FLOOR) + lexical + phrase
        for reading, i, lexical, phrase in choice.candidates
    }


def kind(case: Case) -> str:
    if case.lone:
        return "lone"
    return "word, no vote" if case.lexical is None and case.phrase is None else "word, vote"


def phrase_source(table: Mapping[str, Any], numbered: Callable[[str], str]) -> Callable:
    """A source voting with the longest phrase of ``table`` (2 to SPAN characters) around
    the character; None where there is none or phrases of that length disagree."""

    def vote(text: str, at: int, spans: list[tuple[int, int]]) -> str | None:
        for length in range(SPAN, 1, -1):
            found = set()
            for start in range(max(0, at - length + 1), min(at, len(text) - length) + 1):
                readings = table.get(text[start : start + length])
                if readings is not None and len(readings) == length:
                    found.add(numbered(readings[at - start]))
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    return vote


def pypinyin_syllable() -> Callable[[str], str]:
    """pypinyin's tone-marked syllable (or its list of them) in flashgen's spelling."""
    from pypinyin.contrib.tone_convert import to_tone3

    from flashgen.language.pinyin.formatting import SYLLABLE

    seen: dict[str, str] = {}

    def numbered(item: Any) -> str:
        syllable = item[0] if isinstance(item, list) else item.split(" ")[0]
        if syllable not in seen:
            s = to_tone3(syllable, v_to_u=False, neutral_tone_with_five=True)
            seen[syllable] = s if SYLLABLE.fullmatch(s) else ""
        return seen[syllable]

    return numbered


def g2pc_features(words: list[tuple[str, str]], i: int) -> dict[str, Any]:
    """g2pC's word2features: the word (as code points) and its tag, three words either side."""

    def code(w: str) -> str:
        return "/".join(str(ord(c)) for c in w)

    out: dict[str, Any] = {"bias": 1.0, "word": code(words[i][0]), "postag": words[i][1]}
    if i == 0:
        out["BOS"] = True
    if i == len(words) - 1:
        out["EOS"] = True
    for d in (1, 2, 3):
        for sign, j in (("-", i - d), ("+", i + d)):
            if 0 <= j < len(words):
                out[f"{sign}{d}:word"], out[f"{sign}{d}:postag"] = code(words[j][0]), words[j][1]
    return out


def g2pc_model() -> tuple[Any, dict[str, dict[str, list[str]]]]:
    """g2pC's CRF as a pycrfsuite tagger, and its own CC-CEDICT table (word -> prons)."""
    import importlib.util

    import pycrfsuite

    spec = importlib.util.find_spec("g2pc")
    if spec is None or spec.submodule_search_locations is None:
        raise SystemExit("g2pC is not installed: pip install --no-deps g2pc python-crfsuite")
    folder = Path(next(iter(spec.submodule_search_locations)))

    class _State:  # what sklearn_crfsuite pickled: only its attributes are read
        def __setstate__(self, state: dict[str, Any]) -> None:
            self.__dict__.update(state)

    class _Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module.startswith("sklearn_crfsuite"):
                return _State
            return super().find_class(module, name)

    with (folder / "crf100.bin").open("rb") as f:
        crf = _Unpickler(f).load()
    model = Path(tempfile.gettempdir()) / "g2pc-crf100.crfsuite"
    model.write_bytes(crf.modelfile.__dict__["__FILE_RESOURCE_DATA__"])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    with (folder / "cedict.pkl").open("rb") as f:
        return tagger, pickle.load(f)


def g2pc_source() -> Callable:
    """g2pC's CRF reading of the character (see the module's docstring)."""
    import jieba.posseg

    tagger, cedict = g2pc_model()

    def vote(text: str, at: int, spans: list[tuple[int, int]]) -> str | None:
        tokens: list[tuple[str, str, list[str], int]] = []
        offset = 0
        for word, tag in jieba.posseg.lcut(text, HMM=False):
            if word in cedict:
                tokens.append((word, tag, cedict[word]["pron"], offset))
            else:  # as g2pC does: a word its table lacks is read character by character
                for i, c in enumerate(word):
                    tokens.append((c, tag, cedict[c]["pron"] if c in cedict else [c], offset + i))
            offset += len(word)
        words = [(w, t) for w, t, _, _ in tokens]
        tagger.set([g2pc_features(words, i) for i in range(len(words))])
        labels = tagger.tag()
        i = max(i for i, token in enumerate(tokens) if token[3] <= at)
        word, _, prons, start = tokens[i]
        label = labels[i].replace("-", " ")
        syllables = (label if label in prons else prons[0]).split()
        if len(syllables) != len(word):
            return None
        return syllables[at - start].lower().replace("u:", "v") or None

    return vote


def sources(names: list[str], with_g2pc: bool) -> Iterator[tuple[str, Callable]]:
    numbered = pypinyin_syllable()
    for name in names:
        if name == "phrases":
            from pypinyin.constants import PHRASES_DICT

            yield name, phrase_source(PHRASES_DICT, numbered)
        elif name in PYPINYIN_DICT_SETS:
            import importlib

            try:
                module = importlib.import_module(f"pypinyin_dict.phrase_pinyin_data.{name}")
            except ImportError:
                print(
                    f"{name}: skipped, pypinyin-dict is not installed (pip install pypinyin-dict)"
                )
                continue
            yield name, phrase_source(module.phrases_dict, numbered)
        else:
            raise SystemExit(f"unknown source {name!r}: phrases or one of {PYPINYIN_DICT_SETS}")
    if with_g2pc:
        yield "g2pC", g2pc_source()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=["all", "even", "odd"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument(
        "--sources",
        default="phrases," + ",".join(PYPINYIN_DICT_SETS[:2]),
        help="comma-separated: phrases, " + ", ".join(PYPINYIN_DICT_SETS),
    )
    parser.add_argument("--g2pc", action="store_true", help="also g2pC's CRF (slow)")
    parser.add_argument(
        "--agree",
        type=int,
        default=2,
        metavar="N",
        help="also the ensemble: a reading at least N of the sources give (0: none)",
    )
    args = parser.parse_args()

    from flashgen.text.script import to_simplified

    items = load(args.half)
    if args.limit:
        items = items[: args.limit]
    _, spans_of = segmenter(False)

    weighed: list[tuple[Case, str, list[tuple[int, int]], dict[str, float]]] = []
    # the characters both dictionaries settle (a source could only overrule them)
    settled: list[tuple[Case, str, list[tuple[int, int]]]] = []
    errors = 0
    # g2pM's calibration on the weighed characters: (kind, band) -> [favourite right, total]
    bands = ((0.0, "<0.9"), (0.9, "0.9-0.99"), (0.99, "0.99-0.999"), (0.999, ">0.999"))
    calibration: dict[tuple[str, str], list[int]] = {}
    for sentence, at, gold in items:
        spans = spans_of(sentence)
        case = examine(sentence, at, gold, spans)
        errors += case.got != gold
        text = to_simplified(sentence)
        scores = weighed_scores(case, sentence, spans)
        if scores is None:
            if case.settled and not case.lone:
                settled.append((case, text, spans))
            continue
        weighed.append((case, text, spans, scores))
        top = case.probs[case.favourite]
        band = [label for low, label in bands if top >= low][-1]
        cell = calibration.setdefault((kind(case), band), [0, 0])
        cell[0] += case.favourite == gold
        cell[1] += 1

    n = len(items)
    print(
        f"{n} sentences ({args.half}): flashgen {100 * (n - errors) / n:.2f} %, {errors} errors;"
        f" {len(weighed)} weighed (a vote could change them), "
        f"{sum(c.got != c.gold for c, _, _, _ in weighed)} of the errors among them"
    )
    print("\ng2pM's favourite right / total on the weighed characters, by its probability")
    for k in ("lone", "word, no vote", "word, vote"):
        print(
            f"  {k:14} "
            + "  ".join(
                f"{label}: {calibration[(k, label)][0]}/{calibration[(k, label)][1]}"
                for _, label in bands
                if (k, label) in calibration
            )
        )

    all_votes: list[list[str | None]] = []
    for name, vote in sources(args.sources.split(","), args.g2pc):
        votes = [vote(text, case.at, spans) for case, text, spans, _ in weighed]
        all_votes.append(votes)
        report(name, weighed, votes)
        against = [
            (case, v)
            for case, text, spans in settled
            if (v := vote(text, case.at, spans)) and v != case.got
        ]
        print(
            f"  on the {len(settled)} characters both dictionaries settle: against them"
            f" {len(against)} times, right on {sum(v == c.gold for c, v in against)}"
            f" (flashgen {sum(c.got == c.gold for c, _ in against)})"
        )
    if args.agree and len(all_votes) >= args.agree:
        # the ensemble: a reading that at least N of the sources give
        agreed: list[str | None] = []
        for each in zip(*all_votes, strict=True):
            counts = Counter(v for v in each if v)
            top = counts.most_common(1)
            agreed.append(top[0][0] if top and top[0][1] >= args.agree else None)
        report(f"at least {args.agree} of these sources agreeing", weighed, agreed)


def report(
    name: str,
    weighed: list[tuple[Case, str, list[tuple[int, int]], dict[str, float]]],
    votes: list[str | None],
) -> None:
    """How often a source's ``votes`` are right, and what they change at each weight."""
    voted = [(c, v) for (c, _, _, _), v in zip(weighed, votes, strict=True) if v]
    differs = [(c, v) for c, v in voted if v != c.got]
    print(
        f"\n{name}: votes on {len(voted)} of {len(weighed)}"
        f" (right on {sum(v == c.gold for c, v in voted)}, flashgen on"
        f" {sum(c.got == c.gold for c, _ in voted)});"
        f" against flashgen's reading on {len(differs)}, of which the vote is right"
        f" {sum(v == c.gold for c, v in differs)},"
        f" flashgen {sum(c.got == c.gold for c, _ in differs)}"
    )
    for w in WEIGHTS:
        gained: Counter[str] = Counter()
        lost: Counter[str] = Counter()
        for (case, _, _, scores), v in zip(weighed, votes, strict=True):
            if not v or v not in scores:
                continue
            new = dict(scores)
            new[v] += w
            chosen = max(sorted(new), key=new.__getitem__)
            if chosen != case.got:
                if chosen == case.gold:
                    gained[kind(case)] += 1
                elif case.got == case.gold:
                    lost[kind(case)] += 1
        net = sum(gained.values()) - sum(lost.values())
        detail = ", ".join(
            f"{k} +{gained[k]}/-{lost[k]}" for k in ("lone", "word, no vote", "word, vote")
        )
        print(f"  weight {w:3.0f}: net {net:+4d}   ({detail})")


if __name__ == "__main__":
    sys.exit(main())
