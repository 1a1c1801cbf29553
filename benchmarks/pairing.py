"""Pairing quality: does each Chinese sentence get exactly its own English?

Run from the project root:  python benchmarks/pairing.py [--show N]

Texts are generated at run time into a temporary folder from real data read in place
(never copied): MAC-Dev's gold-aligned novel chapters (../shared/eval/alignment/mac_dev)
and Tatoeba pairs (../shared/eval/corpus/tatoeba_cmn_eng.tsv), plus the sample article
with its hand-checked pairs (tests/golden/sample_pairs.txt).  Each text is read and
paired by the real pipeline (``flashgen.text.read.load`` + ``sentence_pairs``).

Sets:

* news-like — articles laid out like the sample: an English paragraph, then its Chinese,
  one line each.  Paragraphs hold 2–6 gold beads (MAC-Dev) or 2–6 Tatoeba pairs.
* messy — the same articles pasted messily: a bilingual heading (``第3章 Chapter 3``), a
  Chinese byline, a photo credit (English or Chinese) after some paragraph, and one glued
  sentence boundary (``x.Y``, no space) in every other English paragraph.
* lesson (i)/(ii)/(iii) — class lessons of short Tatoeba pairs: (i) a bilingual heading,
  then EN/ZH pairs separated by blank lines (.txt); (ii) a Markdown lesson heading, then
  EN/ZH lines with no blank lines (.md); (iii) Markdown bullets ``- **中文** — English``.

A second source, when the PyPI package hsk-sentences-audio is installed (see
benchmarks/hsk_texts.py; left out with a note otherwise): its HSK teaching sentences
(4,270 with a translation) grouped as a teacher would, one level and topic a lesson of
10–20 sentences (299 lessons), every lesson written in each of the three lesson layouts
(rows ``hsk``); and 30 of those lessons, drawn with a fixed seed, as news-like and messy
articles (paragraphs of 2–6 sentences).  They are drawn with their own random
generator, so the other rows are the same with or without the package.  The gold pairs
are the package's sentences, except the 4 whose two sides hold the same number of
sentences (``谢谢你！不客气。`` / ``Thank you! You're welcome.``): one pair per sentence.

Scoring: the gold English of a Chinese sentence is the English of the gold bead(s) its
Han characters fall in (None for a byline, a credit, a Chinese sentence with no English
in the gold).  flashgen's sentences are mapped to the gold by Han-character offsets
(flashgen may split Chinese differently).  A sentence is *right* when its English equals
the gold's (whitespace-normalised; no English where the gold has none is right), *wrong*
when it has English that differs, *none* when it has no English but the gold has.  The
score is the share of Han characters in right sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashgen.language.annotate import sentence_pairs  # noqa: E402
from flashgen.text.inputs import find_inputs  # noqa: E402
from flashgen.text.read import load  # noqa: E402
from flashgen.text.script import HAN  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import hsk_texts  # noqa: E402

EVAL = ROOT / ".." / "shared" / "eval"
MAC_DEV = EVAL / "alignment" / "mac_dev"
TATOEBA = EVAL / "corpus" / "tatoeba_cmn_eng.tsv"
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
SAMPLE_PAIRS = ROOT / "tests" / "golden" / "sample_pairs.txt"

SEED = 20250716
ARTICLE_PARAGRAPHS = 8  # paragraphs per generated article
LESSON_PAIRS = 10
LESSONS = 30  # per layout
TATOEBA_ARTICLES = 20
HSK_ARTICLES = 30  # HSK lessons also laid out as news-like and messy articles

# A piece of Chinese text in a generated document and its gold English (None: none).
Segment = tuple[str, str | None]


@dataclass
class Paragraph:
    en: str  # may be "" (a paragraph of Chinese with no English in the gold)
    zh: str
    segments: list[Segment]  # the gold beads with Chinese, in order
    en_parts: list[str] = field(default_factory=list)  # the English of each bead


@dataclass
class Text:
    name: str
    suffix: str
    body: str
    gold: list[Segment]  # every piece of Chinese in the document, in order


# --- sources ------------------------------------------------------------------
def mac_dev_paragraphs(rng: random.Random) -> Iterator[list[Paragraph]]:
    """Each MAC-Dev chapter as articles of paragraphs of 2–6 gold beads."""
    for zh_file in sorted((MAC_DEV / "zh").iterdir()):
        name = zh_file.name
        zh = zh_file.read_text(encoding="utf-8").splitlines()
        en = (MAC_DEV / "en" / name).read_text(encoding="utf-8").splitlines()
        beads = []
        for line in (MAC_DEV / "gold" / f"{name}.align").read_text(encoding="utf-8").splitlines():
            if line.strip():
                z, e = (json.loads(side) for side in line.split(":"))
                beads.append((z, e))
        paragraphs = []
        i = 0
        while i < len(beads):
            group = beads[i : i + rng.randint(2, 6)]
            i += len(group)
            paragraphs.append(
                _paragraph(
                    ["".join(zh[k].strip() for k in z) for z, _ in group],
                    [" ".join(en[k].strip() for k in e) for _, e in group],
                )
            )
        for start in range(0, len(paragraphs), ARTICLE_PARAGRAPHS):
            yield paragraphs[start : start + ARTICLE_PARAGRAPHS]


def _paragraph(zh_parts: list[str], en_parts: list[str]) -> Paragraph:
    segments = [(z, e or None) for z, e in zip(zh_parts, en_parts, strict=True) if z]
    return Paragraph(
        " ".join(e for e in en_parts if e),
        "".join(zh_parts),
        segments,
        [e for e in en_parts if e],
    )


def tatoeba_pairs() -> list[tuple[str, str]]:
    """Tatoeba pairs that end a sentence on both sides, each English and Chinese once."""
    seen: set[str] = set()
    out = []
    for line in TATOEBA.read_text(encoding="utf-8-sig").splitlines():
        if line.count("\t") < 1:
            continue
        en, zh, *_ = line.split("\t")
        en, zh = en.strip(), zh.strip()
        if en in seen or zh in seen or not re.search(r"[.?!]$", en):
            continue
        if not re.search(r"[。？！]$", zh):
            continue
        seen.update((en, zh))
        out.append((zh, en))
    return out


def tatoeba_articles(rng: random.Random, pairs: list[tuple[str, str]]) -> list[list[Paragraph]]:
    chosen = rng.sample(pairs, TATOEBA_ARTICLES * ARTICLE_PARAGRAPHS * 4)
    articles, at = [], 0
    for _ in range(TATOEBA_ARTICLES):
        article = []
        for _ in range(ARTICLE_PARAGRAPHS):
            group = chosen[at : at + rng.randint(2, 6)]
            at += len(group)
            article.append(_paragraph([z for z, _ in group], [e for _, e in group]))
        articles.append(article)
    return articles


def hsk_articles(rng: random.Random, lessons: list[hsk_texts.Lesson]) -> list[list[Paragraph]]:
    """HSK_ARTICLES lessons as articles: paragraphs of 2–6 of their sentences in order."""
    articles = []
    for chosen in rng.sample(lessons, HSK_ARTICLES):
        article, at = [], 0
        while at < len(chosen.sentences):
            sentences = chosen.sentences[at : at + rng.randint(2, 6)]
            at += len(sentences)
            group = [bead for s in sentences for bead in hsk_texts.beads(s)]
            article.append(_paragraph([z for z, _ in group], [e for _, e in group]))
        articles.append(article)
    return articles


def sample_gold() -> list[Segment]:
    blocks = [
        [line for line in block.splitlines() if not line.startswith("#")]
        for block in SAMPLE_PAIRS.read_text(encoding="utf-8").split("\n\n")
    ]
    return [(b[0], b[1]) for b in blocks if len(b) == 2]


GLUED = re.compile(r"[a-z][.!?][A-Z][a-z]")

# --- layouts ------------------------------------------------------------------
HEADINGS = [
    ("第{n}章", "Chapter {n}"),
    ("新闻", "News"),
    ("第{n}部分", "Part {n}"),
    ("阅读", "Reading"),
]
BYLINES = ["（记者 张明 报道）", "（本报记者 李华）", "记者 王芳 北京报道"]
CREDITS = [("Photo: Reuters", None), ("图片来源：新华社", None), ("Photo credit: AP", None)]
LESSON_HEADINGS = [
    ("对话", "Dialogue"),
    ("第{n}课", "Lesson {n}"),
    ("生词", "New words"),
    ("课文", "Text"),
]


def news_like(name: str, article: list[Paragraph]) -> Text:
    lines, gold = [], []
    for p in article:
        if p.en:
            lines.append(p.en)
        if p.zh:
            lines.append(p.zh)
        gold += p.segments
    return Text(name, ".txt", "\n".join(lines) + "\n", gold)


def messy(name: str, article: list[Paragraph], rng: random.Random, n: int) -> Text:
    zh_head, en_head = (s.format(n=n) for s in rng.choice(HEADINGS))
    byline = rng.choice(BYLINES)
    lines = [f"{zh_head} {en_head}", byline]
    gold: list[Segment] = [(zh_head, en_head), (byline, None)]
    credit_after = rng.randrange(len(article))
    for k, p in enumerate(article):
        if p.en:
            en = _glued(p.en_parts, rng) if k % 2 == 1 else p.en
            lines.append(en)
        if p.zh:
            lines.append(p.zh)
        gold += p.segments
        if k == credit_after:
            credit, _ = rng.choice(CREDITS)
            lines.append(credit)
            if HAN.search(credit):
                gold.append((credit, None))
    return Text(name, ".txt", "\n".join(lines) + "\n", gold)


def _glued(parts: list[str], rng: random.Random) -> str:
    """The English parts joined, one boundary ``x. Y`` written ``x.Y`` where there is one."""
    joints = [
        k
        for k in range(1, len(parts))
        if re.search(r"[.?!]$", parts[k - 1]) and re.match(r"[A-Z]", parts[k])
    ]
    if not joints:
        return " ".join(parts)
    k = rng.choice(joints)
    return " ".join(parts[:k]) + " ".join(parts[k:])


def lesson(
    name: str,
    layout: str,
    pairs: list[tuple[str, str]],
    rng: random.Random,
    n: int,
    beads: list[tuple[str, str]] | None = None,
) -> Text:
    """A lesson of ``pairs`` in one layout; ``beads``: the gold pairs when finer than
    ``pairs`` (an HSK entry of two sentences, see hsk_texts.beads)."""
    zh_head, en_head = (s.format(n=n) for s in rng.choice(LESSON_HEADINGS))
    gold: list[Segment] = [(zh_head, en_head)] + [(z, e) for z, e in beads or pairs]
    if layout == "i":
        blocks = [f"{zh_head} {en_head}"] + [f"{e}\n{z}" for z, e in pairs]
        return Text(name, ".txt", "\n\n".join(blocks) + "\n", gold)
    if layout == "ii":
        lines = [f"## {zh_head} {en_head}"] + [f"{e}\n{z}" for z, e in pairs]
        return Text(name, ".md", "\n".join(lines) + "\n", gold)
    lines = [f"# {zh_head} {en_head}", ""] + [f"- **{z}** — {e}" for z, e in pairs]
    return Text(name, ".md", "\n".join(lines) + "\n", gold)


# --- scoring ------------------------------------------------------------------
@dataclass
class Score:
    sentences: int = 0
    chars: int = 0
    right_chars: int = 0
    wrong: int = 0
    none: int = 0
    glued: int = 0  # English fields holding a glued sentence boundary (region.The)
    examples: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.sentences += other.sentences
        self.chars += other.chars
        self.right_chars += other.right_chars
        self.wrong += other.wrong
        self.none += other.none
        self.glued += other.glued
        self.examples += other.examples


def _han(text: str) -> str:
    return "".join(HAN.findall(text))


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def score_text(path: Path, gold: list[Segment]) -> Score:
    (item,) = find_inputs([path])
    doc = load(item)
    stream, owner = "", []
    for k, (zh, _) in enumerate(gold):
        han = _han(zh)
        stream += han
        owner += [k] * len(han)
    score = Score()
    at = 0
    for pair in sentence_pairs(doc):
        han = _han(pair.zh)
        if not han:
            continue
        found = stream.find(han, at)
        if found < 0:
            raise SystemExit(f"{path.name}: sentence not found in the gold: {pair.zh!r}")
        at = found + len(han)
        beads = sorted(set(owner[found:at]))
        english = [e for e in (gold[k][1] for k in beads) if e]
        expected = _norm(" ".join(english)) if english else None
        got = _norm(pair.en)
        score.sentences += 1
        score.glued += bool(pair.en and GLUED.search(pair.en))
        score.chars += len(han)
        if got == expected:
            score.right_chars += len(han)
            continue
        if got is None:
            score.none += 1
        else:
            score.wrong += 1
        score.examples.append((pair.zh, got, expected))
    return score


def sets(rng: random.Random) -> dict[str, list[Text]]:
    mac = list(mac_dev_paragraphs(rng))
    pairs = tatoeba_pairs()
    tatoeba = tatoeba_articles(rng, pairs)
    sample_text = SAMPLE.read_text(encoding="utf-8")
    sample = [Text("sample", ".txt", sample_text, sample_gold())]
    news = [news_like(f"mac{k:02d}", a) for k, a in enumerate(mac)]
    news += [news_like(f"tatoeba{k:02d}", a) for k, a in enumerate(tatoeba)]
    messy_texts = [messy(f"mac{k:02d}", a, rng, k + 1) for k, a in enumerate(mac)]
    messy_texts += [messy(f"tatoeba{k:02d}", a, rng, k + 1) for k, a in enumerate(tatoeba)]
    messy_texts.append(_messy_sample(sample_text, sample[0].gold))
    short = [(z, e) for z, e in pairs if len(z) <= 14 and len(e) <= 50]
    chosen = rng.sample(short, 3 * LESSONS * LESSON_PAIRS)
    lessons: dict[str, list[Text]] = {}
    for li, layout in enumerate(("i", "ii", "iii")):
        texts = []
        for k in range(LESSONS):
            at = (li * LESSONS + k) * LESSON_PAIRS
            texts.append(
                lesson(f"lesson{k:02d}", layout, chosen[at : at + LESSON_PAIRS], rng, k + 1)
            )
        lessons[f"lesson ({layout})"] = texts
    hsk = hsk_texts.load()
    if hsk is not None:
        # Their own generator: the rows above do not depend on the package.
        hsk_rng = random.Random(SEED + 1)
        hsk_lessons = hsk_texts.lessons(hsk)
        articles = hsk_articles(hsk_rng, hsk_lessons)
        news += [news_like(f"hsk{k:02d}", a) for k, a in enumerate(articles)]
        messy_texts += [messy(f"hsk{k:02d}", a, hsk_rng, k + 1) for k, a in enumerate(articles)]
        for layout in ("i", "ii", "iii"):
            lessons[f"lesson ({layout})"] += [
                lesson(
                    f"hsk{k:03d}",
                    layout,
                    [(s.zh, s.en) for s in one.sentences],
                    hsk_rng,
                    k + 1,
                    [bead for s in one.sentences for bead in hsk_texts.beads(s)],
                )
                for k, one in enumerate(hsk_lessons)
            ]
    return {"news-like": news + sample, "messy": messy_texts, **lessons}


def _messy_sample(text: str, gold: list[Segment]) -> Text:
    """The sample with a bilingual heading, a byline, a photo credit after the third
    paragraph pair and one glued boundary (``…A.I. Nvidia`` has none: ``course.`` is
    the first paragraph's end, so the second paragraph's ``H20. Nvidia`` is glued)."""
    lines = text.splitlines()
    body = lines[1:]  # the date line stays out: it is dropped anyway
    body[2] = body[2].replace("H20. Nvidia", "H20.Nvidia")
    body.insert(6, "Photo: Reuters")
    out = ["芯片出口 Chip Exports", "（记者 张明 报道）", lines[0], *body]
    return Text(
        "sample",
        ".txt",
        "\n".join(out) + "\n",
        [("芯片出口", "Chip Exports"), ("（记者 张明 报道）", None), *gold],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print N failures per set")
    args = parser.parse_args()
    rng = random.Random(SEED)
    if hsk_texts.data_path() is None:
        print(hsk_texts.MISSING)
    print(
        f"{'set':<13} {'texts':>5} {'sentences':>9} {'Han chars':>9} {'right':>7} "
        f"{'wrong EN':>8} {'no EN':>6} {'glued':>5}"
    )
    with tempfile.TemporaryDirectory(prefix="flashgen-pairing-") as tmp:
        for set_name, texts in sets(rng).items():
            folder = Path(tmp) / set_name.replace(" ", "").replace("(", "-").replace(")", "")
            folder.mkdir()
            total = Score()
            by_source: dict[str, tuple[int, Score]] = {}
            for t in texts:
                path = folder / f"{t.name}{t.suffix}"
                path.write_text(t.body, encoding="utf-8")
                score = score_text(path, t.gold)
                total.add(score)
                source = t.name.rstrip("0123456789")
                n, part = by_source.setdefault(source, (0, Score()))
                part.add(score)
                by_source[source] = (n + 1, part)
            _row(set_name, len(texts), total)
            if len(by_source) > 1:
                for source, (n, part) in by_source.items():
                    _row(f"  {source}", n, part)
            for zh, got, expected in total.examples[: args.show]:
                print(f"    {zh}\n      got:  {got or '-'}\n      gold: {expected or '-'}")


def _row(name: str, texts: int, s: Score) -> None:
    share = s.right_chars / s.chars if s.chars else 0.0
    counts = f"{texts:>5} {s.sentences:>9} {s.chars:>9}"
    print(f"{name:<13} {counts} {share:>7.1%} {s.wrong:>8} {s.none:>6} {s.glued:>5}")


if __name__ == "__main__":
    main()
