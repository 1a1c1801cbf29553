"""Every reading flashgen gives the Tatoeba pairs annotated with their English, and what
changed between two such runs, for a person to judge each change against its English.

Run from the project root:
  python benchmarks/tatoeba_readings.py dump OUT.tsv   (this checkout's readings)
  python benchmarks/tatoeba_readings.py diff BEFORE.tsv AFTER.tsv
Run ``dump`` once on each checkout (main, then a branch); ``diff`` counts the changed
readings by (word, before, after) and lists each with the English span it matched and
its sentence pair.

All 29,155 pairs of ../shared/eval/corpus/tatoeba_cmn_eng.tsv are read as one text,
each pair its own paragraph with its English (as benchmarks/hsk_readings.py reads the
HSK sentences), by the real pipeline (``annotate_document``).  Tatoeba has no gold
pinyin: the changes are judged by hand.  The output files hold only flashgen's
readings, one line per token: paragraph, sentence, token index, text, reading, the
English span matched and its sense.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TATOEBA = ROOT.parent / "shared" / "eval" / "corpus" / "tatoeba_cmn_eng.tsv"


def dump(out: Path) -> None:
    from flashgen import annotate_document
    from flashgen.datatypes import Document, Paragraph

    pairs = []
    for line in TATOEBA.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            pairs.append((parts[1], parts[0]))
    doc = Document(
        Path("tatoeba.txt"), None, tuple(Paragraph(i, zh, en) for i, (zh, en) in enumerate(pairs))
    )
    with out.open("w", encoding="utf-8") as f:
        for s in annotate_document(doc):
            for k, t in enumerate(s.tokens):
                m = t.en_match
                fields = [str(s.paragraph), s.zh, str(k), t.text, " ".join(t.syllables)]
                fields += [m.text, m.sense] if m else ["", ""]
                f.write("\t".join(fields) + "\t" + (s.en or "").replace("\t", " ") + "\n")
    print(f"{len(pairs)} pairs written to {out}")


def diff(before: Path, after: Path) -> None:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        sys.exit("the two runs cut the text differently: compare token by token is not possible")
    counts: Counter[tuple[str, str, str]] = Counter()
    changes = []
    for a, b in zip(old, new, strict=True):
        fa, fb = a.split("\t"), b.split("\t")
        if fa[4] != fb[4]:
            counts[(fa[3], fa[4], fb[4])] += 1
            changes.append(f"{fa[3]}\t{fa[4]} -> {fb[4]}\t[{fb[5]} | {fb[6]}]\t{fb[1]}\t{fb[7]}")
    for (word, was, now), n in counts.most_common():
        print(f"{n:4d}  {word}  {was} -> {now}")
    print(f"{len(changes)} readings changed")
    for line in sorted(changes):
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out)
    else:
        diff(args.before, args.after)


if __name__ == "__main__":
    main()
