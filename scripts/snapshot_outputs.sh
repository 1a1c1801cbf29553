#!/usr/bin/env bash
# Every output a refactoring must leave byte-identical, written into one folder:
#
#   scripts/snapshot_outputs.sh OUT        (from the project root, its .venv installed)
#   git stash / checkout the other version; scripts/snapshot_outputs.sh OUT2
#   diff -r OUT OUT2
#
# annotate (JSON lines and TSV) of the sample and of all of Tatoeba as a pair of files,
# align of the six MAC-Dev chapters (presplit and not) and of Tatoeba, the sample deck
# (with and without --names), a three-lesson class (deck, handouts, report) and the
# exports, all with SOURCE_DATE_EPOCH set.  The evaluation data is read in place from
# ../shared/eval and what is made from it goes to a temporary folder, never the project.
set -euo pipefail
OUT=$(realpath -m "$1"); mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=1700000000
PY=${PYTHON:-.venv/bin/python}
EVAL=../shared/eval
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
"$PY" - "$EVAL" "$WORK" <<'PYEOF'
import sys
from pathlib import Path
evaldir, work = Path(sys.argv[1]), Path(sys.argv[2])
rows = [line.rstrip("\n").split("\t") for line in
        (evaldir / "corpus/tatoeba_cmn_eng.tsv").open(encoding="utf-8-sig") if line.strip()]
(work / "tatoeba.zh.txt").write_text("\n".join(r[1].strip() for r in rows) + "\n", encoding="utf-8")
(work / "tatoeba.en.txt").write_text("\n".join(r[0].strip() for r in rows) + "\n", encoding="utf-8")
lessons = work / "class" / "c3a"
lessons.mkdir(parents=True)
(lessons / "flashgen.toml").write_text('name = "Chinese 3A"\nmax_new_words = 15\n', encoding="utf-8")
for i, start in enumerate([5000, 12000, 20000]):
    body = "".join(f"{en}\n{zh}\n\n" for en, zh, *_ in rows[start:start + 25])
    (lessons / f"0{i + 1}-lesson.txt").write_text(f"# 第{i + 1}课\n\n{body}", encoding="utf-8")
PYEOF
FG=("$PY" -m flashgen)
"${FG[@]}" annotate seeds/000_83bce5aa88b4fec1.txt --jobs 1 > "$OUT/sample.annotate.jsonl"
"${FG[@]}" annotate seeds/000_83bce5aa88b4fec1.txt --format tsv > "$OUT/sample.annotate.tsv"
"${FG[@]}" annotate "$WORK/tatoeba.zh.txt" > "$OUT/tatoeba.annotate.jsonl"
for f in "$EVAL"/alignment/mac_dev/zh/*; do
  n=$(basename "$f")
  "${FG[@]}" align --presplit "$f" "$EVAL/alignment/mac_dev/en/$n" > "$OUT/macdev.$n.align"
  "${FG[@]}" align "$f" "$EVAL/alignment/mac_dev/en/$n" > "$OUT/macdev.$n.nopresplit.align"
done
"${FG[@]}" align --presplit "$WORK/tatoeba.zh.txt" "$WORK/tatoeba.en.txt" > "$OUT/tatoeba.align"
"${FG[@]}" build seeds/ --out "$OUT/decks" --json > "$OUT/build.json"
"${FG[@]}" build seeds/ --names --out "$OUT/decks-names" --quiet
"${FG[@]}" export seeds/ --format tsv --out "$OUT/export" --quiet
"${FG[@]}" build "$WORK/class" --out "$OUT/class" --json > "$OUT/class.json"
"${FG[@]}" export "$WORK/class" --format pleco --out "$OUT/class-export" --quiet
# Paths of the output folder inside the reports are the only expected difference.
for f in "$OUT"/build.json "$OUT"/class.json "$OUT"/class/*/report.json; do
  [ -f "$f" ] && sed -i "s#$OUT#OUT#g; s#$WORK#WORK#g" "$f"
done
echo "written: $OUT"
