"""Polyphone benchmark: the reading of one marked character per sentence (CPP dev set).

    python benchmarks/polyphones.py [--half even|odd] [--limit N] [--jieba] [--errors N]
                                    [--tatoeba N]

The data (../shared/eval/pinyin/dev.sent and dev.lb, relative to the project root) marks
one polyphonic character per sentence with U+2581 on both sides; the gold reading is
numbered, 5 = neutral, ``u:`` for ü.  Scored: pypinyin alone (fed the segmented words),
g2pM alone, and flashgen.language.pinyin.read_sentence.

flashgen's two dictionary weights were chosen on the even-numbered half (lines 0, 2, 4 …);
``--half odd`` scores the held-out half.

CPP writes full tones where CC-CEDICT (and the standard-Mandarin dictionaries learners
use) give a neutral tone: 衣服 yīfú, 知识 zhīshí.  flashgen keeps CC-CEDICT's neutral tone,
so those count as errors here; they are counted separately as "neutral-tone convention".

CPP's polyphones mostly carry their majority reading (for 410 of its 623 characters every
dev sentence has the same one), which rewards g2pM's bias; ``--tatoeba N`` shows the
other side, on everyday sentences (../shared/eval/corpus/tatoeba_cmn_eng.tsv).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "pinyin"
MARK = "\u2581"


def load(half: str) -> list[tuple[str, int, str]]:
    """(sentence without markers, index of the marked character, gold reading) per line."""
    from flashgen.language.pinyin.formatting import cedict_syllable

    sents = (DATA / "dev.sent").read_text(encoding="utf-8").splitlines()
    golds = (DATA / "dev.lb").read_text(encoding="utf-8").splitlines()
    items = []
    for n, (marked, gold) in enumerate(zip(sents, golds, strict=True)):
        if (half == "even" and n % 2) or (half == "odd" and not n % 2):
            continue
        at = marked.index(MARK)
        items.append((marked.replace(MARK, ""), at, cedict_syllable(gold.strip())))
    return items


def segmenter(use_jieba: bool) -> tuple[str, Callable[[str], list[tuple[int, int]]]]:
    """flashgen's segmenter when it exists, else jieba's default dictionary."""
    try:
        if use_jieba:
            raise ImportError
        from flashgen.language.segment import segment_spans

        return "flashgen.language.segment", segment_spans
    except ImportError:
        import jieba

        tokenizer = jieba.Tokenizer()

        def spans(sentence: str) -> list[tuple[int, int]]:
            out, at = [], 0
            for word in tokenizer.lcut(sentence):
                out.append((at, at + len(word)))
                at += len(word)
            return out

        return "jieba's default dictionary", spans


def syllable_at(
    sentence: str, spans: list[tuple[int, int]], readings: list[tuple[str, ...]], at: int
) -> str:
    from flashgen.text.script import han_count

    for (start, end), reading in zip(spans, readings, strict=True):
        if start <= at < end:
            return reading[han_count(sentence[start:at])]
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=["all", "even", "odd"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--jieba", action="store_true", help="segment with bare jieba")
    parser.add_argument(
        "--tatoeba",
        type=int,
        default=0,
        metavar="N",
        help="also compare with CC-CEDICT on N Tatoeba sentences",
    )
    parser.add_argument("--errors", type=int, default=0, help="show N of flashgen's errors")
    args = parser.parse_args()

    items = load(args.half)
    if args.limit:
        items = items[: args.limit]
    n = len(items)

    t = time.perf_counter()
    from g2pM import G2pM

    bare_g2pm = G2pM()
    print(f"g2pM import + load: {time.perf_counter() - t:.3f} s")
    t = time.perf_counter()
    from flashgen.language.pinyin import context as fp
    from flashgen.language.pinyin.model import g2pm

    g2pm()  # what read_sentence's first call pays for the model
    print(f"flashgen g2pM load (import + tables): {time.perf_counter() - t:.3f} s")
    t = time.perf_counter()
    from flashgen.resources.cedict import load_cedict

    load_cedict()
    print(f"CC-CEDICT load: {time.perf_counter() - t:.3f} s")

    name, spans_of = segmenter(args.jieba)
    spans_of("预热")  # build the segmenter's dictionary outside the timings
    t = time.perf_counter()
    all_spans = [spans_of(s) for s, _, _ in items]
    seg_time = time.perf_counter() - t
    print(f"segmenter: {name}, {n / seg_time:.0f} sentences/s\n")

    from pypinyin import Style, pinyin

    def by_pypinyin(sentence: str, spans: list[tuple[int, int]], at: int) -> str:
        words = [sentence[s:e] for s, e in spans]
        got = pinyin(
            words,
            style=Style.TONE3,
            neutral_tone_with_five=True,
            errors=lambda chunk: [""] * len(chunk),
        )
        return got[at][0] if len(got) == len(sentence) else ""

    from flashgen.language.pinyin.formatting import cedict_syllable

    def by_g2pm(sentence: str, spans: list[tuple[int, int]], at: int) -> str:
        return cedict_syllable(str(bare_g2pm(sentence, char_split=True, tone=True)[at]))

    def by_flashgen(sentence: str, spans: list[tuple[int, int]], at: int) -> str:
        return syllable_at(sentence, spans, fp.read_sentence(sentence, spans), at)

    systems = [
        ("pypinyin + segmented words", by_pypinyin),
        ("g2pM alone", by_g2pm),
        ("flashgen read_sentence", by_flashgen),
    ]
    flashgen_errors = []
    for label, system in systems:
        right = 0
        t = time.perf_counter()
        for (sentence, at, gold), spans in zip(items, all_spans, strict=True):
            got = system(sentence, spans, at)
            right += got == gold
            if system is by_flashgen and got != gold:
                flashgen_errors.append((sentence, at, gold, got))
        took = time.perf_counter() - t
        print(f"{label:28} {100 * right / n:6.2f} %   {n / took:6.0f} sentences/s")

    light = sum(
        1
        for _, _, gold, got in flashgen_errors
        if got.endswith("5") and got[:-1] == gold[:-1] and not gold.endswith("5")
    )
    print(
        f"\nof flashgen's {len(flashgen_errors)} errors, {light} are the neutral-tone "
        f"convention (CC-CEDICT light tone, CPP full tone); counting those as right: "
        f"{100 * (n - len(flashgen_errors) + light) / n:.2f} %"
    )
    print(f"{n} sentences ({args.half}), segmented by {name}")
    for sentence, at, gold, got in flashgen_errors[: args.errors]:
        print(
            f"  {sentence[max(0, at - 10) : at]}[{sentence[at]}]{sentence[at + 1 : at + 10]}"
            f"  gold {gold}  flashgen {got}"
        )
    if args.tatoeba:
        everyday(args.tatoeba, spans_of)


def everyday(limit: int, spans_of: Callable[[str], list[tuple[int, int]]]) -> None:
    """How often g2pM alone and flashgen contradict an everyday word's CC-CEDICT reading.

    Tatoeba has no gold pinyin, so this counts, in its first ``limit`` Chinese sentences,
    the polyphonic characters of words with a single, non-name CC-CEDICT reading that each
    system reads otherwise (light-tone differences aside), and how each reads the function
    words 地, 得, 只, 没 and 为 when they stand alone.  The common disagreements are printed so
    that a reader can judge who is right.
    """
    from collections import Counter

    from flashgen.language.pinyin import context as fp
    from flashgen.language.pinyin.dictionaries import cedict_word
    from flashgen.language.pinyin.model import g2pm
    from flashgen.text.script import han_count, is_han

    path = DATA.parent / "corpus" / "tatoeba_cmn_eng.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    model = g2pm()
    against: dict[str, Counter[tuple[str, str, str]]] = {"g2pM": Counter(), "flashgen": Counter()}
    function_words: dict[str, Counter[tuple[str, str]]] = {"g2pM": Counter(), "flashgen": Counter()}
    for line in lines:
        sentence = line.split("\t")[1]
        spans = spans_of(sentence)
        dists = model.distributions(sentence)
        ours = fp.read_sentence(sentence, spans)
        for (start, end), reading in zip(spans, ours, strict=True):
            word = sentence[start:end]
            if word in ("地", "得", "只", "没", "为") and start in dists:
                g2pm = max(dists[start], key=dists[start].__getitem__)
                function_words["g2pM"][(word, g2pm)] += 1
                function_words["flashgen"][(word, reading[0])] += 1
            entries, name = cedict_word(word)
            if len(word) < 2 or len(entries) != 1 or name:
                continue
            for k in range(len(word)):
                if start + k not in dists or not is_han(word[k]):
                    continue
                cedict = entries[0][han_count(word[:k])]
                g2pm = max(dists[start + k], key=dists[start + k].__getitem__)
                for system, got in (("g2pM", g2pm), ("flashgen", reading[han_count(word[:k])])):
                    if got != cedict and not fp._is_light_form(cedict, got):
                        against[system][(word, cedict, got)] += 1
    print(
        f"\nTatoeba, first {len(lines)} sentences: readings that contradict an everyday "
        f"word's only CC-CEDICT reading"
    )
    for system, counts in against.items():
        common = ", ".join(f"{w} {c}→{g} ×{n}" for (w, c, g), n in counts.most_common(8))
        print(f"  {system:9} {sum(counts.values()):5}   {common}")
    print("standalone 地 / 得 / 只 / 没 / 为 read as")
    for system, counts in function_words.items():
        print(f"  {system:9} " + ", ".join(f"{w} {r} ×{n}" for (w, r), n in sorted(counts.items())))


if __name__ == "__main__":
    sys.exit(main())
