"""Screenshot cards as Anki shows them, on a phone and a desktop, by day and by night.

Usage: python scripts/render_cards.py [--apkg DECK.apkg] [--out DIR] [WORD ...]

Without ``--apkg`` it builds the sample deck with every word
(``python -m flashgen build seeds/ --max-new 0``) into a temporary folder.  The deck
is imported into a throwaway Anki collection (the official ``anki`` package, a test
dependency) and, for each chosen word (default: 游说 至关重要
关系 几个 管制 小组委员会: all five tones, a measure word, a long gloss, a long word),
every card of its vocab and cloze notes is rendered by Anki
(``card.question()`` / ``card.answer()``, note type CSS included) and wrapped in a page
the way Anki's reviewers wrap it:

* desktop and AnkiDroid put the card classes on ``<body>``: ``card card1``, plus
  ``nightMode night_mode`` in night mode (aqt/theme.py ``body_classes_for_card_ord``,
  AnkiDroid ``getCssClasses``);
* the reviewer's own stylesheet (ts/reviewer/reviewer.scss) sets ``body`` margins and,
  in night mode, ``body.nightMode`` colours, which the note type CSS must override.

Each page is screenshot with headless Chromium at 390×844 (a phone) and 1000×700, into
``DIR/<word>-<note type>-<card>-<q|a>-<day|night>-<phone|desktop>.png`` (default
/tmp/cards), next to the HTML.  The pages also report whether they scroll sideways at
phone width (measured in a 390px frame); those are listed at the end, and the exit
status is 1 if there are any.
Needs Chromium (Debian: ``apt-get install chromium``) and CJK fonts (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from anki.collection import Collection
from anki.import_export_pb2 import (
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
)

IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
ROOT = Path(__file__).resolve().parent.parent
WORDS = ["游说", "至关重要", "关系", "几个", "管制", "小组委员会"]
SIZES = {"phone": (390, 844), "desktop": (1000, 700)}

# What Anki's reviewer adds around a card (ts/reviewer/reviewer.scss, Anki 2.1.50+;
# --canvas and --fg are its dark-theme colours).  The note type CSS comes after it, as
# in Anki, and has to win where it sets something.
REVIEWER_CSS = """\
body { margin: 20px; overflow-wrap: break-word; }
body.nightMode { background-color: #2c2c2c; color: #fcfcfc; }
img { max-width: 100%; max-height: 95vh; }
"""

# Whether a page scrolls sideways at phone width, read back through --dump-dom.  The
# page is measured in an iframe of that width: headless Chromium lays a --dump-dom page
# out at 500px at the least, whatever --window-size says (it resizes only to take a
# screenshot).  A srcdoc frame shares the outer page's origin, so its script can look in.
PROBE = """<!DOCTYPE html>
<html><body style="margin:0"><iframe id="f" width="{w}" height="{h}" style="border:0"
srcdoc="{page}"></iframe>
<script>addEventListener("load", () => {{
  const d = document.getElementById("f").contentDocument.documentElement;
  const w = d.scrollWidth, v = d.clientWidth;
  document.body.setAttribute("data-overflow", w > v ? `${{w}}>${{v}}` : "no");
}});</script></body></html>
"""

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def page(card_html: str, ordinal: int, night: bool) -> str:
    """A reviewer-like page around one side of a card, rendered by Anki."""
    classes = f"card card{ordinal + 1}" + (" nightMode night_mode" if night else "")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{REVIEWER_CSS}</style>
</head><body class="{classes}"><div id="qa">
{card_html}
</div></body></html>
"""


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        sys.exit("chromium not found: apt-get install chromium")
    return subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def screenshot(html_path: Path, tmp: Path) -> str:
    """Screenshot one page at each size; return its overflow report at phone width."""
    for size, (w, h) in SIZES.items():
        png = html_path.with_name(f"{html_path.stem}-{size}.png")
        with tempfile.TemporaryDirectory(dir=tmp) as profile:
            chromium(
                [f"--screenshot={png}", f"--window-size={w},{h}", html_path.as_uri()], Path(profile)
            )
        if not png.exists():
            sys.exit(f"{png}: chromium wrote no screenshot")
    w, h = SIZES["phone"]
    probe = tmp / f"probe-{html_path.stem}.html"
    probe.write_text(
        PROBE.format(w=w, h=h, page=html.escape(html_path.read_text("utf-8"))), encoding="utf-8"
    )
    with tempfile.TemporaryDirectory(dir=tmp) as profile:
        dom = chromium(["--dump-dom", probe.as_uri()], Path(profile)).stdout
    m = re.search(r'data-overflow="([^"]*)"', dom)
    return html.unescape(m.group(1)) if m else "unknown"


def import_deck(col: Collection, apkg: Path) -> None:
    options = ImportAnkiPackageOptions(update_notes=IF_NEWER, update_notetypes=IF_NEWER)
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(apkg.resolve()), options=options)
    )


def write_pages(col: Collection, words: list[str], out: Path) -> list[Path]:
    pages = []
    for word in words:
        nids = col.find_notes(f'"Hanzi:{word}" or "Word:{word}"')
        if not nids:
            print(f"{word}: no note in the deck, skipped", file=sys.stderr)
        for nid in nids:
            note = col.get_note(nid)
            kind = "cloze" if note.note_type()["name"].endswith("Cloze") else "vocab"
            for card in note.cards():
                for side, rendered in (("q", card.question()), ("a", card.answer())):
                    for mode in ("day", "night"):
                        name = f"{word}-{kind}-{card.template()['name']}-{side}-{mode}"
                        path = out / f"{name}.html"
                        path.write_text(page(rendered, card.ord, mode == "night"), encoding="utf-8")
                        pages.append(path)
    return pages


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="*", default=WORDS)
    parser.add_argument("--apkg", type=Path, help="a built deck (default: build seeds/)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/cards"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        apkg = args.apkg
        if apkg is None:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "flashgen",
                    "build",
                    str(ROOT / "seeds"),
                    "--out",
                    str(tmp / "decks"),
                    "--max-new",  # every word, so that the default words are there
                    "0",
                ],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            apkg = next((tmp / "decks").glob("*.apkg"))
        col = Collection(str(tmp / "c.anki2"))
        try:
            import_deck(col, apkg)
            pages = write_pages(col, args.words, args.out)
        finally:
            col.close()
        with ThreadPoolExecutor(max_workers=4) as pool:
            overflow = list(pool.map(lambda p: screenshot(p, tmp), pages))
    print(f"{len(pages) * len(SIZES)} screenshots in {args.out}")
    wide = [(p.name, o) for p, o in zip(pages, overflow, strict=True) if o != "no"]
    for name, o in wide:
        print(f"scrolls sideways at phone width ({o}): {name}")
    return 1 if wide else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
