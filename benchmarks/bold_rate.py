"""How many vocab notes bold their English counterpart, on real bilingual texts.

Run from the project root:  python benchmarks/bold_rate.py [PATH ...] [--show N]
(default: seeds/).  For each text: every candidate word (``select_words`` with the
default settings, i.e. a build with ``--max-new 0``), how many have their sentence's
own English, and how many of those have an English match — the words shown in bold on
the card.  Also counts the English fields that still hold a glued sentence boundary
(``region.The``), which no card should show.  Then the same share among the words a
default build cards (the ``DEFAULT_MAX_NEW`` most useful per text).  ``--show N``
lists N words without a bold, with their sentence's English, to judge by hand whether
the English has a counterpart at all.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLUED = re.compile(r"[a-z][.!?][A-Z][a-z]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()

    from flashgen import SelectConfig, annotate_document, find_inputs, select_words
    from flashgen.build.texts import DEFAULT_MAX_NEW
    from flashgen.teach.plan import plan_one
    from flashgen.text.read import load

    total = with_en = bold = glued = 0
    carded = carded_bold = 0
    misses = []
    for item in find_inputs(args.paths):
        sentences = annotate_document(load(item))
        glued += sum(1 for s in sentences if s.en and GLUED.search(s.en))
        selection = select_words(sentences, SelectConfig())
        picks = selection.picks
        # The words a default build cards: the DEFAULT_MAX_NEW most useful of them.
        new = plan_one(selection, DEFAULT_MAX_NEW).new
        carded += sum(1 for p in new if p.sentence.en)
        carded_bold += sum(1 for p in new if p.sentence.en and p.token.en_match is not None)
        english = [p for p in picks if p.sentence.en]
        matched = [p for p in english if p.token.en_match is not None]
        total, with_en, bold = total + len(picks), with_en + len(english), bold + len(matched)
        misses += [(p.token.text, p.sentence.en) for p in english if p.token.en_match is None]
        print(f"{item.name}: {len(matched)} of {len(english)} vocab notes with English in bold")
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
    for word, en in misses[: args.show]:
        print(f"  {word}\t{en}")


if __name__ == "__main__":
    main()
