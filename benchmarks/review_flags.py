"""Are the review page's flags worth a teacher's look?  Share of words flagged, and how
often a flagged word is really wrong against an unflagged one (judged by hand).

Run from the project root:

    python benchmarks/review_flags.py                 # shares, and the judged rates
    python benchmarks/review_flags.py --draw          # (re)write the sample to judge

Two texts, reviewed as ``flashgen review`` does (:func:`flashgen.build.review.review_pages`,
default settings): the sample article (``seeds/``), and lesson 05 of a class of 10
lessons of 60 Tatoeba pairs each, laid out like the sample (written to a temporary
folder from ``../shared/eval/corpus``, in place, as ``benchmarks/class_build.py`` does).
The default settings include the cap of 40 new words per text (issue 15), so a page
lists the 40 most useful words of a text (and, in a class, its review words).

``--draw`` picks 15 flagged and 15 unflagged words of each text (seeded, so the same
words every time) and writes them, with what their card shows, to
``benchmarks/review_flags_judged.tsv`` with an empty ``verdict`` column.  The verdicts
in the committed file were written by hand: ``ok``, or ``wrong: …`` saying what is
wrong on the card (reading, meaning, or the English in bold: a wrong bold, or a
counterpart present in the English but not bolded).  Without ``--draw`` the script
reads that file and reports, per group, how many were wrong.
"""

from __future__ import annotations

import argparse
import csv
import html
import random
import re
import tempfile
from pathlib import Path
from typing import Any

from class_build import write_class  # benchmarks/class_build.py

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "benchmarks" / "review_flags_judged.tsv"
COLUMNS = ("text", "group", "word", "pinyin", "meaning", "sentence", "english", "flags", "verdict")
PER_GROUP = 15  # flagged and unflagged words drawn from each text


def reviewed() -> dict[str, list[Any]]:
    """Each text's review rows: {"sample": rows, "lesson 05": rows}."""
    from flashgen.build.classes import Overrides
    from flashgen.build.review import PageOf, review_pages
    from flashgen.build.run import settle
    from flashgen.build.texts import BuildConfig
    from flashgen.classes.lessons import discover

    out: dict[str, list[Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        write_class(folder, 10, 60)
        found = discover([ROOT / "seeds", folder])
        work = settle(found, Overrides(), BuildConfig(out_dir=Path(tmp) / "out"))
        for made in review_pages(work, Path(tmp) / "out"):
            assert isinstance(made, PageOf), made
            if made.stem.name == "05-lesson" or made.stem.parent.name == "out":
                key = "lesson 05" if made.stem.name == "05-lesson" else "sample"
                out[key] = list(made.page.rows)
    return out


def shares(rows_by_text: dict[str, list[Any]]) -> None:
    from flashgen.teach.flags import FLAGS

    for text, rows in rows_by_text.items():
        flagged = [r for r in rows if r.flags.flags]
        per = ", ".join(f"{f} {sum(1 for r in rows if f in r.flags.flags)}" for f in FLAGS)
        print(
            f"{text}: {len(flagged)} of {len(rows)} words flagged "
            f"({100 * len(flagged) / len(rows):.1f} %): {per}"
        )


def _plain(markup: str) -> str:
    text = re.sub(r"<[^>]+>", "", markup.replace("<b>", "**").replace("</b>", "**"))
    return html.unescape(text)


def draw(rows_by_text: dict[str, list[Any]]) -> None:
    from flashgen.language.pinyin import display_pinyin
    from flashgen.teach.cards import english_html, meaning_text

    lines = []
    for text, rows in rows_by_text.items():
        rng = random.Random(f"review-flags {text}")
        for group in ("flagged", "unflagged"):
            pool = [r for r in rows if bool(r.flags.flags) == (group == "flagged")]
            for r in sorted(
                rng.sample(pool, min(PER_GROUP, len(pool))), key=lambda r: r.pick.first
            ):
                p = r.pick
                zh = p.sentence.zh
                bold = zh[: p.token.start] + "**" + p.token.text + "**" + zh[p.token.end :]
                lines.append(
                    (
                        text,
                        group,
                        p.token.simplified,
                        display_pinyin(p.token),
                        meaning_text(p.token),
                        bold,
                        _plain(english_html(p)),
                        " ".join(r.flags.flags),
                        "",
                    )
                )
    with JUDGED.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(lines)
    print(f"wrote {len(lines)} words to judge to {JUDGED.relative_to(ROOT)}")


def rates() -> None:
    with JUDGED.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if not all(r["verdict"].strip() for r in rows):
        print(f"{JUDGED.name}: not every word is judged yet")
        return
    for group in ("flagged", "unflagged"):
        for text in ("sample", "lesson 05", None):
            chosen = [
                r for r in rows if r["group"] == group and (text is None or r["text"] == text)
            ]
            wrong = [r for r in chosen if r["verdict"].startswith("wrong")]
            label = text or "both"
            print(
                f"{group:9} {label:9}: {len(wrong):2} of {len(chosen):2} really wrong "
                f"({100 * len(wrong) / max(1, len(chosen)):.0f} %)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draw", action="store_true", help="write the words to judge")
    args = parser.parse_args()
    rows = reviewed()
    shares(rows)
    if args.draw:
        draw(rows)
    else:
        rates()


if __name__ == "__main__":
    main()
