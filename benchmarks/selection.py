"""Which words a deck teaches with the default settings, and what a lesson's cap keeps.

    python benchmarks/selection.py [TEXT_OR_FOLDER ...] [--cap 20] [--lesson 3]

For the sample article and each text given (real news articles: keep them outside the
project, they are not ours to ship), prints the new words and cards the default
settings give (target: 30–60 words for a news article) and the top 10 words by
usefulness (:func:`flashgen.teach.plan.score`), beside what the settings before
issue 15 gave (every word above HSK 2, no cap).  Cards are counted as the deck has
them: two per vocab note (Recognition, Recall), one per cloze note.

Then a class lesson with a cap of ``--cap`` new words: lesson ``--lesson`` of a class
made as ``benchmarks/class_build.py`` makes it (60 Tatoeba pairs, 200 lessons; read in
place from ../shared/eval/corpus), ranked by the old score (rarity + HSK level, idioms
first) and by today's usefulness, listing the words each keeps and cuts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tatoeba import load_pairs  # benchmarks/tatoeba.py

from flashgen.classes.config import DEFAULT_MAX_NEW
from flashgen.language.annotate import load_language_data
from flashgen.teach.cards import lesson_notes
from flashgen.teach.plan import plan_one, score
from flashgen.teach.select import Pick, SelectConfig, headword
from flashgen.teach.study import Study, StudyTask, study
from flashgen.text.inputs import scan_inputs

ROOT = Path(__file__).resolve().parent.parent
BEFORE = SelectConfig(known_hsk=2, min_zipf=0.0)  # the defaults before issue 15: no cap


def old_score(pick: Pick) -> float:
    """The cap's ranking before issue 15: idioms, then the rarest and highest-level."""
    token = pick.token
    idiom = 100.0 if token.kind == "idiom" else 0.0
    rarity = max(0.0, 7.0 - token.zipf)
    level = float(min(token.hsk, 7)) if token.hsk else 7.0
    return idiom + rarity + level + 2.0 * min(pick.count - 1, 3)


def cards(new: Sequence[Pick]) -> int:
    notes = lesson_notes(new, (), "benchmark")
    return sum(2 if n.model == "vocab" else 1 for n in notes)


def studied(path: Path, select: SelectConfig) -> Study:
    [text] = scan_inputs([path], set()).inputs
    out = study(StudyTask(text, select))
    if not isinstance(out, Study):
        raise SystemExit(out.message)
    return out


def report_text(path: Path) -> tuple[int, int]:
    before = studied(path, BEFORE).selection
    now = studied(path, SelectConfig())
    plan = plan_one(now.selection, DEFAULT_MAX_NEW)
    ranked = sorted(plan.new, key=lambda p: -score(p))
    chars = len(path.read_text(encoding="utf-8"))
    print(
        f"{path.name} ({chars} chars): before {len(before.picks)} words, "
        f"{cards(before.picks)} cards → now {len(plan.new)} words, {cards(plan.new)} cards "
        f"(of {len(now.selection.picks)} candidates, {now.selection.counts.rare} rare skipped)"
    )
    print("  top 10: " + " ".join(f"{headword(p.token)} {score(p):.2f}" for p in ranked[:10]))
    return len(plan.new), cards(plan.new)


def report_cap(lesson: int, cap: int) -> None:
    pairs = load_pairs()
    stride, per_lesson = len(pairs) // 200, 60
    chunk = pairs[lesson * stride : lesson * stride + per_lesson]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{lesson + 1:03d}-lesson.txt"
        path.write_text("\n".join(x for en, zh in chunk for x in (en, zh)) + "\n", "utf-8")
        picks = studied(path, SelectConfig()).selection.picks
    print(f"\nclass lesson {lesson + 1} (60 Tatoeba pairs): {len(picks)} new words, cap {cap}")
    for name, rank in (("old score", old_score), ("usefulness", score)):
        order = sorted(range(len(picks)), key=lambda i: (-rank(picks[i]), i))
        kept = [headword(picks[i].token) for i in order[:cap]]
        cut = [headword(picks[i].token) for i in order[cap:]]
        print(f"  {name}: kept {' '.join(kept)}")
        print(f"  {' ' * len(name)}  cut  {' '.join(cut)}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--cap", type=int, default=20)
    parser.add_argument("--lesson", type=int, default=3, help="0-based lesson of the class")
    args = parser.parse_args(argv)
    load_language_data()
    texts = [ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"]
    for path in args.paths:
        texts += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    results = [report_text(t) for t in texts]
    news = results[1:]
    if news:
        words = [w for w, _ in news]
        inside = sum(30 <= w <= 60 for w in words)
        print(
            f"\n{len(news)} texts given: new words {min(words)}–{max(words)} "
            f"(mean {sum(words) / len(words):.1f}), {inside} of {len(news)} within 30–60; "
            f"cards mean {sum(c for _, c in news) / len(news):.1f}"
        )
    report_cap(args.lesson, args.cap)


if __name__ == "__main__":
    sys.exit(main())
