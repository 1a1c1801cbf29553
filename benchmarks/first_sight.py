"""CPU time of a word's first sight in the gloss stage and in the JSON records.

Run from the project root:  python benchmarks/first_sight.py TEXT

TEXT is a bilingual text, e.g. all of Tatoeba as one (what ``benchmarks/run.py``'s
throughput row annotates).  After ``run.py``'s warm-up the text is split, segmented and
read outside the clock; then, timed: ``_read_word`` once for each distinct (text, kind,
reading) of its tokens (its gloss, traditional form, grade: what a new word costs), and
the JSON line of every sentence twice, first with the records' cache of word pieces
emptied (each word's pieces made once), then warm.  Run it from each tree in turn
(alternately, several times: the machine is shared) to compare them.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run.py, for its warm-up


def main(text: Path) -> None:
    import run

    from flashgen.cli import collect_less, one_blas_thread
    from flashgen.language import annotate, pinyin
    from flashgen.language.segment import segment
    from flashgen.output import records
    from flashgen.text.inputs import scan_inputs
    from flashgen.text.read import load

    one_blas_thread()
    collect_less()  # as the command does
    run.warm_up()
    (item,) = scan_inputs([text]).inputs
    doc = load(item, None)
    pairs = list(annotate.sentence_pairs(doc))
    tokens = [segment(p.zh, frozenset()) for p in pairs]
    readings = []
    for i in range(0, len(pairs), annotate._CHUNK):
        chunk = zip(pairs[i : i + annotate._CHUNK], tokens[i : i + annotate._CHUNK], strict=True)
        readings += pinyin.read_sentences(
            [(p.zh, [(t.start, t.end) for t in ts]) for p, ts in chunk]
        )
    words = list(
        dict.fromkeys(
            (t.text, t.kind, r)
            for ts, rs in zip(tokens, readings, strict=True)
            for t, r in zip(ts, rs, strict=True)
        )
    )
    gc.freeze()  # what was made so far stays out of the collector's passes
    start = time.process_time()
    for w in words:
        annotate._read_word(*w)
    first_gloss = time.process_time() - start
    sentences = list(annotate.iter_annotated(doc))
    gc.freeze()
    records._pieces.clear()
    start = time.process_time()
    for s in sentences:
        records.sentence_line(s)
    cold = time.process_time() - start
    start = time.process_time()
    for s in sentences:
        records.sentence_line(s)
    warm = time.process_time() - start
    print(
        f"_read_word first sight {first_gloss:.3f} s ({len(words)} words); "
        f"JSON lines, word pieces made {cold:.3f} s, kept {warm:.3f} s (CPU)"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/first_sight.py TEXT")
    main(Path(sys.argv[1]))
