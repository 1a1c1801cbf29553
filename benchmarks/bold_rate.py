"""How many vocab notes bold their English counterpart, on real bilingual texts.

Run from the project root:  python benchmarks/bold_rate.py [PATH ...] [--show N]
[--wordalign SPLIT] [--mac-dev] [--hsk] (default: seeds/).  ``--wordalign dev`` adds the
hand-aligned news pairs of ../shared/eval/wordalign/ laid out as one bilingual text (each
pair's English paragraph, then its Chinese), built in memory and written only to a temporary folder
that is removed afterwards: the eval data is never copied into the project.
``--mac-dev`` adds MAC-Dev's six novel chapters (../shared/eval/alignment/mac_dev, real
literary translation, not news) the same way, each as ``NNN.zh.txt`` + ``NNN.en.txt``.
``--hsk`` adds the HSK teaching sentences of the PyPI package hsk-sentences-audio
(benchmarks/hsk_texts.py; a note when it is not installed) as one text per level, each
sentence's English then its Chinese, a blank line between pairs.

For each text: every candidate word (``select_words`` with the default settings, i.e. a
build with ``--max-new 0``), how many have their sentence's own English, and how many
of those have an English match — the words shown in bold on the card — and how many of
those the second pass (:mod:`flashgen.language.fill`, ``source="inferred"``) found.
Also counts the English fields that still hold a glued sentence boundary
(``region.The``), which no card should show.  Then the same share among the words a
default build cards (the ``DEFAULT_MAX_NEW`` most useful per text).  ``--show N``
lists N words without a bold, with their sentence's English, to judge by hand whether
the English has a counterpart at all.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAC_DEV = ROOT.parent / "shared" / "eval" / "alignment" / "mac_dev"
GLUED = re.compile(r"[a-z][.!?][A-Z][a-z]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="texts or folders (default: seeds/)")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--wordalign", metavar="SPLIT", help="also the wordalign pairs as a text")
    parser.add_argument("--mac-dev", action="store_true", help="also MAC-Dev's novel chapters")
    parser.add_argument("--hsk", action="store_true", help="also the HSK sentences, by level")
    args = parser.parse_args()
    if not args.wordalign and not args.mac_dev and not args.hsk:
        run(args.paths or [ROOT / "seeds"], args.show)
        return
    with tempfile.TemporaryDirectory() as tmp:
        texts = []
        if args.wordalign:
            text = Path(tmp) / f"wordalign-{args.wordalign}.txt"
            text.write_text(_wordalign_text(args.wordalign), encoding="utf-8")
            texts.append(text)
        if args.mac_dev:
            for zh in sorted((MAC_DEV / "zh").iterdir()):
                for side in ("zh", "en"):
                    chapter = (MAC_DEV / side / zh.name).read_text(encoding="utf-8")
                    (Path(tmp) / f"{zh.name}.{side}.txt").write_text(chapter, encoding="utf-8")
            texts.append(Path(tmp))
        if args.hsk:
            texts += _hsk_texts(Path(tmp))
        run([*args.paths, *texts], args.show)


def _hsk_texts(folder: Path) -> list[Path]:
    """One text per HSK level, written to ``folder`` (a temporary one)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import hsk_texts

    sentences = hsk_texts.load()
    if sentences is None:
        print(hsk_texts.MISSING)
        return []
    out = []
    for level, items in hsk_texts.by_level(sentences).items():
        path = folder / f"hsk{level}.txt"
        path.write_text("".join(f"{s.en}\n{s.zh}\n\n" for s in items), encoding="utf-8")
        out.append(path)
    return out


def _wordalign_text(split: str) -> str:
    """The wordalign pairs as one bilingual news text: English paragraph, Chinese
    paragraph (the gold tokens joined: with spaces for English, without for Chinese)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from wordalign import load

    return "".join(f"{' '.join(p.en)}\n\n{''.join(p.zh)}\n\n" for p in load(split))


def run(paths: list[Path], show: int) -> None:
    from flashgen import SelectConfig, annotate_document, find_inputs, select_words
    from flashgen.build.texts import DEFAULT_MAX_NEW
    from flashgen.teach.plan import plan_one
    from flashgen.text.read import load

    total = with_en = bold = glued = 0
    carded = carded_bold = 0
    misses = []
    for item in find_inputs(paths):
        sentences = annotate_document(load(item))
        glued += sum(1 for s in sentences if s.en and GLUED.search(s.en))
        selection = select_words(sentences, SelectConfig())
        picks = selection.picks
        # The words a default build cards: the DEFAULT_MAX_NEW most useful of them.
        new = plan_one(selection, DEFAULT_MAX_NEW).new
        text_carded = sum(1 for p in new if p.sentence.en)
        text_bold = sum(1 for p in new if p.sentence.en and p.token.en_match is not None)
        carded, carded_bold = carded + text_carded, carded_bold + text_bold
        english = [p for p in picks if p.sentence.en]
        matched = [p for p in english if p.token.en_match is not None]
        total, with_en, bold = total + len(picks), with_en + len(english), bold + len(matched)
        misses += [(p.token.text, p.sentence.en) for p in english if p.token.en_match is None]
        inferred = sum(1 for p in matched if p.token.en_match.source == "inferred")
        print(
            f"{item.name}: {len(matched)} of {len(english)} vocab notes with English in bold "
            f"({len(matched) / max(len(english), 1):.1%}; {inferred} by the second pass); "
            f"of the {DEFAULT_MAX_NEW} a default build cards: {text_bold} of {text_carded}"
        )
    share = bold / with_en if with_en else 0.0
    print(
        f"all: {total} vocab notes, {with_en} with their sentence's English, "
        f"{bold} with a bold counterpart ({share:.1%}); "
        f"English fields with a glued sentence boundary: {glued}"
    )
    if carded:
        print(
            f"carded by a default build (the {DEFAULT_MAX_NEW} most useful per text): "
            f"{carded_bold} of {carded} with a bold counterpart ({carded_bold / carded:.1%})"
        )
    for word, en in misses[:show]:
        print(f"  {word}\t{en}")


if __name__ == "__main__":
    main()
