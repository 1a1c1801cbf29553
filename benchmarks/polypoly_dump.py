"""polypoly 0.0.3's readings of CPP dev's marked characters, written as JSON lines.

    SCRATCH_PYTHON benchmarks/polypoly_dump.py OUT.jsonl [--half all|even|odd]
                   [--limit N] [--every K] [--pipeline] [--tatoeba]

Runs under a scratch interpreter that has TensorFlow and polypoly (never the project's:
flashgen may not depend on TensorFlow), for example

    python3 -m venv /tmp/poly7-eval/venv
    /tmp/poly7-eval/venv/bin/pip install tensorflow-cpu jieba pypinyin setuptools
    /tmp/poly7-eval/venv/bin/pip install --no-deps polypoly==0.0.3

It imports nothing from flashgen.  ``benchmarks/polypoly_compare.py`` (the project's
interpreter) reads the file and sets it beside flashgen's own readings.

polypoly is a character tagger: embedding 128, a bidirectional LSTM of 256 units each
way, two ReLU layers and a softmax over 358 tags ``char|reading`` for 147 frequent
polyphones (plus PAD and O).  Per sentence the file holds the model's probabilities of
the marked character's tags (empty where the character is not one of the 147), and with
``--pipeline`` what polypoly.predict reads there (its jieba + dictionary + model + tone
sandhi rules; one sentence per call, as the package does it: slow).  With ``--tatoeba``,
the model's probabilities for every covered character of each Tatoeba sentence
(../shared/eval/corpus/tatoeba_cmn_eng.tsv), by offset.

The signature's ``tags`` input is only the training loss's: the softmax is the same
whatever it holds, and a sentence's figures do not depend on its batch (checked: max
abs diff 0.0 on 64 sentences).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "pinyin"
MARK = "\u2581"
MAX_LEN = 300  # the SavedModel's fixed input width
BATCH = 64


def load(half: str) -> list[tuple[int, str, int, str]]:
    """(line number, sentence without markers, index of the marked character, gold)."""
    sents = (DATA / "dev.sent").read_text(encoding="utf-8").splitlines()
    golds = (DATA / "dev.lb").read_text(encoding="utf-8").splitlines()
    out = []
    for n, (marked, gold) in enumerate(zip(sents, golds, strict=True)):
        if (half == "even" and n % 2) or (half == "odd" and not n % 2):
            continue
        out.append((n, marked.replace(MARK, ""), marked.index(MARK), gold.strip()))
    return out


def model_rows(folder: Path, sentences: list[str]) -> list[dict[int, dict[str, float]]]:
    """Per sentence, the model's probabilities of each tag of each of its characters that
    is one of the 147 (by offset; none past the model's 300 characters)."""
    import numpy as np
    import tensorflow as tf

    vocab = json.loads((folder / "data" / "vocab.json").read_text(encoding="utf-8"))
    tags = (folder / "data" / "tag.txt").read_text(encoding="utf-8").splitlines()
    by_char: dict[str, list[int]] = {}
    for i, tag in enumerate(tags):
        if "|" in tag:
            by_char.setdefault(tag.split("|")[0], []).append(i)
    t = time.perf_counter()
    serve = tf.saved_model.load(str(folder / "savedModel")).signatures["serving_default"]
    print(f"SavedModel load: {time.perf_counter() - t:.1f} s", file=sys.stderr)

    def softmax(batch: list[str]) -> Any:
        ids = np.zeros((len(batch), MAX_LEN), dtype=np.int64)
        for k, sentence in enumerate(batch):
            row = [vocab.get(c, vocab["<unk>"]) for c in sentence[:MAX_LEN]]
            ids[k, : len(row)] = row
        lengths = np.array([min(len(s), MAX_LEN) for s in batch], dtype=np.int64)
        out = serve(
            input_data=tf.constant(ids),
            original_sequence_lengths=tf.constant(lengths),
            tags=tf.constant(np.ones_like(ids)),
        )
        return out["viterbi_sequence"].numpy()

    rows = []
    t = time.perf_counter()
    for b in range(0, len(sentences), BATCH):
        chunk = sentences[b : b + BATCH]
        probs = softmax(chunk)
        for k, sentence in enumerate(chunk):
            rows.append(
                {
                    at: {tags[i].split("|")[1]: float(probs[k, at, i]) for i in by_char[c]}
                    for at, c in enumerate(sentence[:MAX_LEN])
                    if c in by_char
                }
            )
    took = time.perf_counter() - t
    print(
        f"model, batches of {BATCH}: {len(sentences)} sentences in {took:.1f} s "
        f"({1000 * took / max(1, len(sentences)):.1f} ms a sentence)",
        file=sys.stderr,
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--half", choices=["all", "even", "odd"], default="all")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--every", type=int, default=1, metavar="K", help="every K-th sentence")
    parser.add_argument("--pipeline", action="store_true", help="also polypoly.predict")
    parser.add_argument(
        "--tatoeba", action="store_true", help="every covered character of Tatoeba instead"
    )
    args = parser.parse_args()

    import polypoly  # loads the package's own model and jieba dictionary

    folder = Path(polypoly.__file__).parent
    if args.tatoeba:
        path = DATA.parent / "corpus" / "tatoeba_cmn_eng.tsv"
        lines = path.read_text(encoding="utf-8").splitlines()[: args.limit or None]
        numbered = [(n, line.split("\t")[1]) for n, line in enumerate(lines) if "\t" in line]
        rows = model_rows(folder, [sentence for _, sentence in numbered])
        with args.out.open("w", encoding="utf-8") as f:
            for (n, _), chars in zip(numbered, rows, strict=True):
                f.write(json.dumps({"line": n, "chars": chars}, ensure_ascii=False) + "\n")
        return
    items = load(args.half)[:: args.every]
    if args.limit:
        items = items[: args.limit]
    rows: list[dict[str, Any]] = [
        {"line": n, "at": at, "gold": gold, "model": chars.get(at, {})}
        for (n, _, at, gold), chars in zip(
            items, model_rows(folder, [s for _, s, _, _ in items]), strict=True
        )
    ]
    if args.pipeline:
        t = time.perf_counter()
        for row, (_, sentence, at, _) in zip(rows, items, strict=True):
            phones = polypoly.predict([sentence])[0]
            row["pipeline"] = phones[at] if len(phones) == len(sentence) else ""
        took = time.perf_counter() - t
        print(
            f"polypoly.predict, one sentence a call: {1000 * took / len(items):.1f} ms a sentence",
            file=sys.stderr,
        )
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
