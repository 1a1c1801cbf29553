"""Sentence alignment of a Chinese text and its English translation.

A monotone dynamic programme over *beads* (1–1, 1–2, 2–1, 2–2, 1–3, 3–1, 1–4,
2–3, 3–2, 1–0, 0–1) finds the cheapest path, a bead's cost adding up

* a Gale–Church length model (English characters against Chinese characters,
  with the text's own ratio and, for long texts, its own fitted variance);
* lexical anchors: for every sentence of the bead, how much of it the other side
  of the bead accounts for, beyond what random sentences would.  Anchors are
  CC-CEDICT glosses of the Chinese words found (stemmed) in the English, numbers
  (``4万亿`` = ``4 trillion``), Latin tokens (``H20``), pinyin names (``汪淼`` =
  ``Wang Miao``), question and exclamation marks, quotation marks — and, after a
  first pass, character pairs and English words that keep sharing beads
  (``韦小宝`` = ``Trinket``);
* a fixed cost per bead, so that the path does not cut a translation into pieces
  it cannot back with evidence.

On MAC-Dev (six novel chapters, ``benchmarks/alignment.py``) this gives a strict
F1 of 0.88.  ``Link.score`` is the probability of the link under the model
(forward–backward over all paths); see :data:`TRUST_THRESHOLD`.

>>> [(l.zh, l.en) for l in align_sentences(["我们走吧。", "好。"], ["Let's go.", "OK."])]
[((0,), (0,)), ((1,), (1,))]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from flashgen.cedict import load_cedict
from flashgen.english import stem
from flashgen.types import Link

# A link scoring at least this is trustworthy: use its English for its Chinese
# sentences; below it, show the whole English paragraph instead.  On MAC-Dev, the
# links at or above 0.6 (85 % of them) were exactly right 93 % of the time, those
# below 51 %.
TRUST_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The few numbers of the model.  ``lexical``, ``merge`` and ``skip`` were chosen on
    MAC-Dev with a coarse grid (4/6/8, 2/3/4, 8/12/16): choosing them on five chapters
    and scoring the sixth, in turn, gives F1 0.874, against 0.881 for the best choice
    on all six, so they are not much fitted to these chapters."""

    # Gale–Church variance of δ, per Chinese character (English lengths are divided by
    # the text's length ratio).  Texts of 20 beads or more fit their own; MAC-Dev's
    # chapters fit 2 to 4 (Tatoeba's literal pairs about 0.5).
    variance: float = 3.0
    # Cost of a sentence that the other side of its bead does not account for at all.
    lexical: float = 6.0
    # Cost of each sentence beyond the first on either side of a bead.  As every
    # sentence is in one bead, this is in effect a reward of 2 × merge per bead.
    merge: float = 3.0
    # Cost of a 1–0 or 0–1 bead (on top of ``lexical``): rare in translated prose
    # (6 of MAC-Dev's 1,343 gold links); 8 and 12 score alike there.
    skip: float = 12.0
    # Anchor weight (in IDF units) a sentence needs before its coverage counts fully.
    smoothing: float = 2.0
    # Coverage of a sentence by an unrelated one, assumed before looking at the text
    # (MAC-Dev averages 0.03–0.09), and its weight in sentences.
    chance: float = 0.06
    chance_weight: float = 2.0
    # Half width (at least) of the band searched around the diagonal, in sentences;
    # widened when the best path runs along its edge.  MAC-Dev's gold paths stray at
    # most 16 sentences from the diagonal.
    band: int = 30
    # Learnt anchors: a character pair and an English word seen together in at least
    # this many first-pass beads, with at least this Dice coefficient.
    learn_min_count: int = 3
    learn_min_dice: float = 0.5
    # Temperature of the link probabilities: 1.5 makes them calibrated on MAC-Dev
    # (links scored 0.6–0.7 were right 69 % of the time, 0.8–0.9: 95 %).
    temperature: float = 1.5


DEFAULT_PARAMS = AlignParams()

Bead = tuple[int, int, int, int]  # Chinese start, Chinese count, English start, English count


def align_sentences(zh: Sequence[str], en: Sequence[str],
                    params: AlignParams = DEFAULT_PARAMS) -> list[Link]:
    """Align Chinese sentences ``zh`` with their English translation ``en``.

    Links come in text order; every sentence is in exactly one link; no link is
    empty on both sides.  ``Link.score`` is the probability that the link is right
    (0.0 when one side is empty).
    """
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]

    en_keys = [_en_keys(s) for s in en]
    names = _name_index(en_keys)
    zh_keys = [_zh_keys(s, names) for s in zh]
    lengths = _Lengths(zh, en)

    width = max(params.band, round(0.1 * max(n, m)))
    while True:
        band = _Band(n, m, width)
        lexical = _lexical_costs(zh, zh_keys, en_keys, band, params)
        costs = _bead_costs(lexical, lengths, band, params.variance, params)
        beads = _best_path(costs, band)
        if band.complete or not band.touches_edge(beads):
            break
        width *= 2

    # Second pass: with the text's own length variance and with anchors learnt
    # from the first pass.
    variance = lengths.fit_variance(beads) or params.variance
    learnt = _learn_anchors(zh, zh_keys, en_keys, beads, params)
    if learnt != zh_keys:
        lexical = _lexical_costs(zh, learnt, en_keys, band, params)
    if learnt != zh_keys or variance != params.variance:
        costs = _bead_costs(lexical, lengths, band, variance, params)
        beads = _best_path(costs, band)
    scores = _posteriors(costs, band, beads, params.temperature)
    return [Link(tuple(range(i, i + a)), tuple(range(j, j + b)), round(p, 4))
            for (i, a, j, b), p in zip(beads, scores, strict=True)]


# --- English words -------------------------------------------------------------

_STOPWORDS = frozenset(
    """a an the and or but nor if then else so than that this these those there here
    of to in on at by for with from into onto upon about over under out up down off
    as is am are was were be been being do does did doing done have has had having
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    what which who whom whose when where why how all any both each few more most other
    some such no not only own same too very can will just should would could shall may
    might must also yet again once ever even still s t d ll m o re ve y etc
    one's oneself someone something somebody
    sb sth lit fig esp abbr variant see surname classifier cl kangxi radical pr coll tw
    onom particle""".split()  # the last two lines: CC-CEDICT's labels
)

_WORD = re.compile(r"\d+(?:\.\d+)+|[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


# --- numbers -------------------------------------------------------------------

_EN_SMALL = {
    w: i
    for i, w in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen""".split()
    )
} | {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "亿": 10**8}
_ZH_NUMBER = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿]*)|([零〇一二两三四五六七八九十百千万亿]+)")
_EN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _zh_numeral(text: str) -> int:
    """Value of a Chinese numeral: ``二十八`` → 28, ``三亿五千万`` → 350000000."""
    if len(text) > 1 and all(c in _ZH_DIGITS for c in text):
        return int("".join(str(_ZH_DIGITS[c]) for c in text))  # read digit by digit: 一九八九
    total = section = digit = 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_SMALL:
            section += (digit or 1) * _ZH_SMALL[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        else:  # 亿 scales everything before it
            total = (total + section + digit) * 10**8
            section = digit = 0
    return total + section + digit


def zh_numbers(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of the numbers in Chinese text, in digits or in numerals.

    >>> [v for _, _, v in zh_numbers("4万亿美元，二十八面，2006年")]
    [4000000000000.0, 28.0, 2006.0]
    """
    out = []
    for m in _ZH_NUMBER.finditer(text):
        if m.group(1):
            value = float(m.group(1))
            for ch in m.group(2):
                value *= (_ZH_SMALL | _ZH_BIG)[ch]
        else:
            value = float(_zh_numeral(m.group(3)))
        out.append((m.start(), m.end(), value))
    return out


def en_numbers(words: Sequence[str]) -> list[float]:
    """Values of the numbers in a list of English words.

    >>> en_numbers("a 4 trillion deal , twenty eight dishes in 2006".split())
    [4000000000000.0, 28.0, 2006.0]
    """
    out: list[float] = []
    total = part = 0.0
    active = False
    for w in [*words, ""]:
        lw = w.lower().replace(",", "")
        if _EN_NUMBER.fullmatch(lw) or lw in _EN_SMALL:
            value = float(lw) if lw[0].isdigit() else float(_EN_SMALL[lw])
            if active and lw in _EN_SMALL and (
                (part == 0 and total > 0)  # "two thousand five"
                or (20 <= part < 100 and part % 10 == 0 and value < 10)  # "twenty eight"
                or (part >= 100 and part % 100 == 0 and value < 100)  # "two hundred five"
            ):
                part += value
            else:
                if active:
                    out.append(total + part)
                total, part, active = 0.0, value, True
        elif lw == "hundred" and active:
            part = (part or 1) * 100
        elif lw in _EN_SCALES and active:
            total, part = total + (part or 1) * _EN_SCALES[lw], 0.0
        elif active:
            out.append(total + part)
            total, part, active = 0.0, 0.0, False
    return out


def _number_key(value: float) -> str:
    return f"#{value:g}"


# --- CC-CEDICT glosses ------------------------------------------------------------

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|[^\x00-\x7f]+")
_ACRONYM_IN_PAREN = re.compile(r"\(([A-Z]{2,})\)")
_SKIPPED_SENSE = re.compile(
    r"^(CL:|(old |unofficial |archaic )?variant of|see |also pr|abbr\. for)")


def _sense_lemmas(sense: str) -> set[str]:
    if _SKIPPED_SENSE.match(sense):
        return set()
    acronyms = _ACRONYM_IN_PAREN.findall(sense)  # "artificial intelligence (AI)"
    text = _PAREN.sub(" ", sense)
    words = [*(m.group() for m in _WORD.finditer(text)), *acronyms]
    return {stem(w) for w in words if w.lower() not in _STOPWORDS and not w.isdigit()}


@cache
def gloss_lemmas(word: str) -> frozenset[str]:
    """Stemmed English content words of every CC-CEDICT sense of ``word`` (cached per word).

    >>> stem("lobbying") in gloss_lemmas("游说")  # "to lobby; to campaign; ..."
    True
    """
    lemmas: set[str] = set()
    for entry in load_cedict().lookup(word):
        for sense in entry.senses:
            lemmas |= _sense_lemmas(sense)
    return frozenset(lemmas)


# --- pinyin names --------------------------------------------------------------------


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable that CC-CEDICT gives a single character."""
    cedict = load_cedict()
    return frozenset(r for ch in cedict.by_simplified if len(ch) == 1 for r in _readings(ch))


@cache
def _readings(ch: str) -> frozenset[str]:
    """Toneless readings of one character: 汪 → {"wang"}; ü written as u, as English does."""
    out = set()
    for entry in load_cedict().lookup(ch):
        reading = entry.pinyin.lower().replace("u:", "u").rstrip("12345")
        if reading.isalpha():
            out.add(reading)
    return frozenset(out)


def _pinyin_splits(word: str, limit: int = 4) -> list[tuple[str, ...]]:
    """Ways to read ``word`` as pinyin syllables: "qingyang" → [("qing", "yang")]."""
    syllables = _syllables()
    out: list[tuple[str, ...]] = []

    def walk(rest: str, acc: tuple[str, ...]) -> None:
        if len(out) >= limit:
            return
        if not rest:
            out.append(acc)
            return
        for n in range(min(6, len(rest)), 0, -1):
            if rest[:n] in syllables:
                walk(rest[n:], (*acc, rest[:n]))

    if len(word) <= 18:
        walk(word, ())
    return [s for s in out if len(s) <= 4]


_NAME = re.compile(r"\b[A-Z][a-z]*(?:[-'’][A-Za-z]+)*")
# English names spelled in pinyin ("Wang Miao", "Bao-yu", "Zhan'ao").  A capitalised
# word counts as one only if it is rare as an English word (wordfreq Zipf below 4.5:
# "Wang" 3.95, "Li" 4.25 pass, "Long" 5.8, "China" 5.1, "Ran" 4.9 do not).
_NAME_MAX_ZIPF = 4.5


@cache
def _pinyin_name(token: str) -> tuple[tuple[str, ...], ...]:
    from wordfreq import zipf_frequency  # imported late: it loads a large word list

    if zipf_frequency(token.lower().replace("’", "'"), "en") >= _NAME_MAX_ZIPF:
        return ()  # "You're" is no name, even if "youre" reads as pinyin
    word = re.sub(r"[-'’]", "", token).lower()
    return tuple(_pinyin_splits(word))


def _name_index(en_keys: list[set[str]]) -> dict[str, set[tuple[str, ...]]]:
    """The pinyin names of an English text as syllables, by their first syllable."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for keys in en_keys:
        for k in keys:
            if k.startswith("py:"):
                for split in _pinyin_splits(k[3:]):
                    names.setdefault(split[0], set()).add(split)
    return names


# --- sentence features -----------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_MAX_WORD = 8  # longer CC-CEDICT headwords are rare and never needed for anchoring


# Questions, exclamations and quoted speech are kept by translators: cheap anchors.
_EN_MARKS = (("!?", re.compile(r"\?")), ("!!", re.compile(r"!")),
             ("!q", re.compile(r"[“”\"]|(?:^|\s)'|'(?:\s|$)")))
_ZH_MARKS = (("!?", re.compile(r"[？?]")), ("!!", re.compile(r"[！!]")),
             ("!q", re.compile(r"[“”「」『』\"]")))


def _is_stopword(word: str) -> bool:
    w = word.lower().replace("’", "'")
    return w.split("'")[0] in _STOPWORDS or w.endswith("n't")  # you're, I'll, didn't


def _en_keys(sentence: str) -> set[str]:
    """Anchor keys of an English sentence: stems, numbers, pinyin names."""
    words = _WORD.findall(sentence.replace(",", ""))
    keys = {stem(w) for w in words if not w[0].isdigit() and not _is_stopword(w)}
    keys.update(_number_key(v) for v in en_numbers(words))
    for m in _NAME.finditer(sentence):
        keys.update("py:" + "".join(s) for s in _pinyin_name(m.group()))
    keys.update(key for key, pattern in _EN_MARKS if pattern.search(sentence))
    return keys


def _zh_keys(sentence: str, names: dict[str, set[tuple[str, ...]]]) -> dict[str, int]:
    """Anchor keys of a Chinese sentence, each with the bit mask of the characters it covers.

    Every CC-CEDICT headword in the sentence gives its glosses, overlapping ones
    included, since a greedy segmentation can go wrong at word boundaries; single
    characters count only where no longer headword covers them.  ``names`` maps a
    first syllable to the pinyin names of the English text that start with it, so
    only names that could match are looked for.
    """
    cedict = load_cedict()
    keys: dict[str, int] = {}

    def add(key: str, start: int, end: int) -> None:
        keys[key] = keys.get(key, 0) | ((1 << end) - (1 << start))

    for run in _HAN.finditer(sentence):
        found = []
        for p in range(run.start(), run.end()):
            for n in range(min(_MAX_WORD, run.end() - p), 0, -1):
                w = sentence[p:p + n]
                if w in cedict and gloss_lemmas(w):
                    found.append((p, p + n, gloss_lemmas(w)))
        covered = 0
        for start, end, _ in found:
            if end - start > 1:
                covered |= (1 << end) - (1 << start)
        for start, end, lemmas in found:
            if end - start == 1 and covered >> start & 1:
                continue  # 工 inside 人工智能 says little about the English
            for lemma in lemmas:
                add(lemma, start, end)
        for p in range(run.start(), run.end()):
            for first in _readings(sentence[p]):
                for name in names.get(first, ()):
                    end = p + len(name)
                    if end <= run.end() and all(
                        s in _readings(sentence[q])
                        for q, s in zip(range(p + 1, end), name[1:], strict=True)
                    ):
                        add("py:" + "".join(name), p, end)
    for start, end, value in zh_numbers(sentence):
        add(_number_key(value), start, end)
    for m in _LATIN.finditer(sentence):
        add(stem(m.group()), m.start(), m.end())
    for key, pattern in _ZH_MARKS:
        for m in pattern.finditer(sentence):
            add(key, m.start(), m.end())
    return keys


# --- the band and banded matrices -------------------------------------------------------

# Bead shapes (Chinese sentences, English sentences).  English translations of
# Chinese prose often split one long Chinese sentence into several.
_BEADS = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (2, 3), (3, 2), (1, 0), (0, 1))
_MAX_ZH = max(a for a, _ in _BEADS)
_MAX_EN = max(b for _, b in _BEADS)
_SKIP_EN = _BEADS.index((0, 1))


class _Banded:
    """A matrix kept only near the diagonal: row ``r`` holds columns ``off[r]`` onwards."""

    def __init__(self, off: np.ndarray, width: int, fill: float) -> None:
        self.off = off
        self.width = width
        self.data = np.full((len(off), width), fill)

    def take(self, r: int, j: np.ndarray) -> np.ndarray:
        return self.data[r, np.minimum(np.maximum(j - self.off[r], 0), self.width - 1)]


class _Band:
    """The cells searched: English positions ``lo[i]..hi[i]`` for Chinese position i."""

    def __init__(self, n: int, m: int, width: int) -> None:
        centre = np.arange(n + 1) * (m / n)
        self.n, self.m = n, m
        self.lo = np.clip(np.floor(centre - width), 0, m).astype(int)
        self.hi = np.clip(np.ceil(centre + width), 0, m).astype(int)
        # Neighbouring rows must overlap, or steep texts (1 sentence against 100)
        # would have no path.
        self.hi[:-1] = np.maximum(self.hi[:-1], self.lo[1:])
        self.width = int((self.hi - self.lo).max()) + 1
        self.complete = bool((self.lo == 0).all() and (self.hi == m).all())
        # The English sentences whose lexical costs against Chinese sentence x the
        # beads ending in the band can ask for.
        rows = np.arange(n)
        self.reach_lo = np.maximum(self.lo[rows + 1] - _MAX_EN, 0)
        self.reach_hi = np.minimum(self.hi[np.minimum(rows + _MAX_ZH, n)], m - 1)
        self.reach_width = int((self.reach_hi - self.reach_lo).max()) + _MAX_EN + 1

    def touches_edge(self, beads: list[Bead]) -> bool:
        """Whether a path runs along the band's edge (so the band may have cut it off)."""
        return any(
            (self.lo[i] > 0 and j - self.lo[i] < 2) or (self.hi[i] < self.m and self.hi[i] - j < 2)
            for i, _, j, _ in beads
        )


# --- costs --------------------------------------------------------------------------------


class _Lengths:
    """Cumulative sentence lengths, English in Chinese characters (divided by the ratio)."""

    def __init__(self, zh: Sequence[str], en: Sequence[str]) -> None:
        self.zh = np.concatenate([[0], np.cumsum([len(s) for s in zh])]).astype(float)
        en_chars = np.concatenate([[0], np.cumsum([len(s) for s in en])]).astype(float)
        # The ratio is the text's own: translators and genres differ (3.4 to 5.2
        # English characters per Chinese one across the six MAC-Dev chapters).
        ratio = en_chars[-1] / self.zh[-1] if en_chars[-1] and self.zh[-1] else 1.0
        self.en = en_chars / ratio

    def fit_variance(self, beads: list[Bead]) -> float | None:
        """Variance fitted to one alignment's beads (None for too few to tell).

        For a Laplace δ of variance σ², median δ² = (ln 2)² σ² / 2 = 0.240 σ²; the
        median ignores the beads the first pass got wrong.
        """
        d2 = [_delta2(self.zh[i + a] - self.zh[i], self.en[j + b] - self.en[j])
              for i, a, j, b in beads if a and b]
        return max(float(np.median(d2)) / 0.240, 0.1) if len(d2) >= 20 else None


def _delta2(lz: np.ndarray | float, le: np.ndarray | float) -> np.ndarray:
    return (le - lz) ** 2 / np.maximum((lz + le) / 2, 1.0)  # type: ignore[no-any-return]


def _length_costs(lz: float, le: np.ndarray, variance: float) -> np.ndarray:
    """Gale–Church with Laplace tails: −log P(|δ| ≥ d) = √2 d.

    Gale and Church assumed a normal δ; free translations of novels have more very
    long or very short renderings than a normal law allows (MAC-Dev F1 0.87 with
    normal tails, 0.88 with Laplace ones).
    """
    return np.sqrt(2 * _delta2(lz, le) / variance)  # type: ignore[no-any-return]


def _idf(df: int, total: int) -> float:
    return math.log((total + 1) / (df + 0.5))


class _Coverage:
    """Weight of the part of one sentence that a set of anchor matches (a bit mask) covers."""

    __slots__ = ("weights", "total", "memo")

    def __init__(self, weights: list[float]) -> None:
        self.weights = weights
        self.total = sum(weights)
        self.memo: dict[int, float] = {0: 0.0}

    def __call__(self, mask: int) -> float:
        got = self.memo.get(mask)
        if got is None:
            got, rest, w = 0.0, mask, self.weights
            while rest:
                low = rest & -rest
                got += w[low.bit_length() - 1]
                rest ^= low
            self.memo[mask] = got
        return got


def _lexical_costs(zh: Sequence[str], zh_keys: list[dict[str, int]], en_keys: list[set[str]],
                   band: _Band, params: AlignParams) -> tuple[list[_Banded], list[_Banded]]:
    """(zc, ec): zc[b] at (i, j) is the lexical cost of zh[i] if en[j:j+b] translates it;
    ec[a] at (i, j) that of en[j] if zh[i:i+a] does (both kept on rows i)."""
    n, m = len(zh), len(en_keys)
    # A key common on either side ("said", 的 → "target") proves little: weight by
    # the smaller of its two inverse document frequencies.  Chinese characters are
    # weighted by their own IDF, so that 的 and 了 barely count.
    df_zh = Counter(k for keys in zh_keys for k in keys)
    df_en = Counter(k for keys in en_keys for k in keys)
    key_weight = {k: min(_idf(df_zh[k], n), _idf(df_en[k], m)) for k in df_en}
    char_df = Counter(ch for s in zh for ch in set(s))
    zh_cov = [_Coverage([_idf(char_df[ch], n) if ch.isalnum() else 0.0 for ch in s])
              for s in zh]
    en_index = [sorted(keys) for keys in en_keys]
    en_cov = [_Coverage([key_weight[k] for k in keys]) for keys in en_index]

    # For each (i, j) the bead search can ask for: the characters of zh[i] and the
    # keys of en[j] that an anchor links, found through an index from keys to zh.
    postings: dict[str, list[tuple[int, int]]] = {}
    for i, keys in enumerate(zh_keys):
        for k, chars in keys.items():
            postings.setdefault(k, []).append((i, chars))
    zmask: dict[tuple[int, int], int] = {}
    emask: dict[tuple[int, int], int] = {}
    for j in range(m):
        for bit, k in enumerate(en_index[j]):
            for i, chars in postings.get(k, ()):
                if band.reach_lo[i] <= j <= band.reach_hi[i] + _MAX_EN:
                    zmask[i, j] = zmask.get((i, j), 0) | chars
                    emask[i, j] = emask.get((i, j), 0) | (1 << bit)

    # zcov[b] at (i, j): the weight of zh[i] that en[j:j+b] covers; ecov[a] at (i, j):
    # the weight of en[j] that zh[i:i+a] covers.
    zcov = [_Banded(band.reach_lo, band.reach_width, 0.0) for _ in range(_MAX_EN + 1)]
    ecov = [_Banded(band.reach_lo, band.reach_width, 0.0) for _ in range(_MAX_ZH + 1)]
    en_total = np.array([c.total for c in en_cov])
    linked = {j for _, j in zmask}
    for i in range(n):
        off = band.reach_lo[i]
        for j in range(band.reach_lo[i], band.reach_hi[i] + 1):
            mask = 0
            for b in range(1, min(_MAX_EN, m - j) + 1):
                mask |= zmask.get((i, j + b - 1), 0)
                if mask:
                    zcov[b].data[i, j - off] = zh_cov[i](mask)
            if j not in linked:
                continue
            mask = 0
            for a in range(1, min(_MAX_ZH, n - i) + 1):
                mask |= emask.get((i + a - 1, j), 0)
                if mask:
                    ecov[a].data[i, j - off] = en_cov[j](mask)

    # How much of a sentence an unrelated sentence of the other side covers (hubness:
    # sentences full of common words match everything).  A bead earns lexical credit
    # only for coverage beyond what a span of unrelated sentences would give.  Each
    # sentence's best match is left out (it is likely its translation) and a prior
    # mixed in, so that short texts such as one paragraph get a sensible figure too.
    zh_total = np.array([c.total for c in zh_cov])
    prior = params.chance_weight * params.chance
    zh_chance = np.zeros(n)
    en_sum, en_max, en_seen = np.zeros(m), np.zeros(m), np.zeros(m)
    for i in range(n):
        cols = np.arange(band.reach_lo[i], band.reach_hi[i] + 1)
        z = zcov[1].take(i, cols) / max(zh_total[i], 1e-9)
        zh_chance[i] = (z.sum() - z.max() + prior) / (len(z) - 1 + params.chance_weight)
        e = ecov[1].take(i, cols) / np.maximum(en_total[cols], 1e-9)
        en_sum[cols] += e
        en_max[cols] = np.maximum(en_max[cols], e)
        en_seen[cols] += 1
    en_chance = (en_sum - en_max + prior) / (np.maximum(en_seen - 1, 0) + params.chance_weight)

    def cost(covered: np.ndarray, total: np.ndarray, chance1: np.ndarray,
             span: int) -> np.ndarray:
        chance = 1.0 - (1.0 - chance1) ** span
        share = (covered + params.smoothing * chance) / (total + params.smoothing)
        gain = (share - chance) / (1.0 - chance + 1e-9)
        return params.lexical * (1.0 - gain)  # type: ignore[no-any-return]

    for b in range(1, _MAX_EN + 1):
        zcov[b].data = cost(zcov[b].data, zh_total[:, None], zh_chance[:, None], b)
    # ec needs each English sentence's own figures, laid out like the band.
    cols = np.clip(band.reach_lo[:, None] + np.arange(band.reach_width)[None, :], 0, m - 1)
    for a in range(1, _MAX_ZH + 1):
        ecov[a].data = cost(ecov[a].data, en_total[cols], en_chance[cols], a)
    return zcov, ecov


def _bead_costs(lexical: tuple[list[_Banded], list[_Banded]], lengths: _Lengths,
                band: _Band, variance: float, params: AlignParams) -> list[_Banded]:
    """For each bead shape k, the cost of that bead ending at each cell (i, j) of the band."""
    zc, ec = lexical
    n, m = band.n, band.m
    out = [_Banded(band.lo, band.width, np.inf) for _ in _BEADS]
    for i in range(n + 1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        for k, (a, b) in enumerate(_BEADS):
            pi = i - a
            pj = js - b
            if pi < 0:
                continue
            if a == 0 or b == 0:
                # A sentence left without translation: no coverage at all.
                c = np.full(len(js), params.skip + params.lexical)
            else:
                pjc = np.maximum(pj, 0)
                c = params.merge * (a + b - 2) + _length_costs(
                    lengths.zh[i] - lengths.zh[pi], lengths.en[js] - lengths.en[pjc], variance)
                for x in range(pi, i):
                    c = c + zc[b].take(x, pjc)
                for t in range(b):
                    c = c + ec[a].take(pi, np.minimum(pjc + t, m - 1))
            out[k].data[i, : len(js)] = np.where(pj >= 0, c, np.inf)
    return out


# --- search ----------------------------------------------------------------------------


def _best_path(costs: list[_Banded], band: _Band) -> list[Bead]:
    """The cheapest monotone path of beads through the band (Viterbi)."""
    _, back = _forward(costs, band, temperature=None)
    beads = []
    i, j = band.n, band.m
    while i or j:
        a, b = _BEADS[back.data[i, j - band.lo[i]]]
        i, j = i - a, j - b
        beads.append((i, a, j, b))
    beads.reverse()
    return beads


def _forward(costs: list[_Banded], band: _Band,
             temperature: float | None) -> tuple[_Banded, _Banded]:
    """For each cell, the cost of the best path from (0, 0) to it and that path's last
    bead; or, given a temperature, the soft minimum over all paths."""
    total = _Banded(band.lo, band.width, np.inf)
    back = _Banded(band.lo, band.width, 0)
    back.data = back.data.astype(np.int8)
    for i in range(band.n + 1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        w = len(js)
        kinds, rows = [], []
        for k, (a, b) in enumerate(_BEADS):
            if a == 0 or i - a < 0:
                continue
            pj = js - b
            inside = (pj >= band.lo[i - a]) & (pj <= band.hi[i - a])
            rows.append(np.where(inside, total.take(i - a, pj), np.inf) + costs[k].data[i, :w])
            kinds.append(k)
        stack = np.array(rows) if rows else np.full((1, w), np.inf)
        if i == 0:
            stack[0, 0] = 0.0
        if temperature is None:
            pick = stack.argmin(axis=0)
            best = stack[pick, np.arange(w)].tolist()
            args = [kinds[p] if kinds else 0 for p in pick]
        else:
            best = _softmin(stack, temperature).tolist()
            args = [0] * w
        # 0–1 beads move along the row, so they are taken in order.
        skip = costs[_SKIP_EN].data[i, :w].tolist()
        for t in range(1, w):
            via = best[t - 1] + skip[t]
            if temperature is not None:
                best[t] = _softmin2(best[t], via, temperature)
            elif via < best[t]:
                best[t], args[t] = via, _SKIP_EN
        total.data[i, :w] = best
        back.data[i, :w] = args
    return total, back


def _backward(costs: list[_Banded], band: _Band, temperature: float) -> _Banded:
    """For each cell, the soft minimum over all paths from it to (n, m)."""
    total = _Banded(band.lo, band.width, np.inf)
    n = band.n
    for i in range(n, -1, -1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        w = len(js)
        rows = []
        for k, (a, b) in enumerate(_BEADS):
            if a == 0 or i + a > n:
                continue
            nj = js + b
            inside = (nj >= band.lo[i + a]) & (nj <= band.hi[i + a])
            rows.append(np.where(inside, total.take(i + a, nj) + costs[k].take(i + a, nj),
                                 np.inf))
        stack = np.array(rows) if rows else np.full((1, w), np.inf)
        if i == n:
            stack[0, w - 1] = 0.0  # hi[n] is m: the end of the path
        best = _softmin(stack, temperature).tolist()
        skip = costs[_SKIP_EN].data[i, :w].tolist()
        for t in range(w - 2, -1, -1):
            best[t] = _softmin2(best[t], best[t + 1] + skip[t + 1], temperature)
        total.data[i, :w] = best
    return total


def _softmin(stack: np.ndarray, temperature: float) -> np.ndarray:
    """−T log Σ exp(−x/T) down the first axis (infinite entries count as absent)."""
    low = stack.min(axis=0)
    finite = np.isfinite(low)
    base = np.where(finite, low, 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        s = np.exp(-(stack - base) / temperature).sum(axis=0)
    return np.where(finite, base - temperature * np.log(np.maximum(s, 1e-300)), np.inf)


def _softmin2(x: float, y: float, temperature: float) -> float:
    low, high = (x, y) if x <= y else (y, x)
    if high == math.inf:
        return low
    return low - temperature * math.log1p(math.exp(-(high - low) / temperature))


def _posteriors(costs: list[_Banded], band: _Band, beads: list[Bead],
                temperature: float) -> list[float]:
    """For each bead of the path, the share of the probability of all paths that use it
    (a path's probability being proportional to exp(−cost / temperature))."""
    fwd, _ = _forward(costs, band, temperature)
    bwd = _backward(costs, band, temperature)
    z = fwd.data[band.n, band.m - band.lo[band.n]]
    out = []
    for i, a, j, b in beads:
        ei, ej = i + a, j + b
        end = ej - band.lo[ei]
        c = fwd.data[i, j - band.lo[i]] + costs[_BEADS.index((a, b))].data[ei, end] + \
            bwd.data[ei, end]
        out.append(min(1.0, math.exp(-(c - z) / temperature)) if math.isfinite(c) else 0.0)
    return out


# --- learnt anchors ---------------------------------------------------------------------


def _bigrams(sentence: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for run in _HAN.finditer(sentence):
        for p in range(run.start(), run.end() - 1):
            out[sentence[p:p + 2]] = out.get(sentence[p:p + 2], 0) | (3 << p)
    return out


def _learn_anchors(zh: Sequence[str], zh_keys: list[dict[str, int]], en_keys: list[set[str]],
                   beads: list[Bead], params: AlignParams) -> list[dict[str, int]]:
    """``zh_keys`` plus anchors learnt from an alignment: a Chinese character pair and an
    English word that share most of their beads (Dice coefficient), typically a name
    and its translation (韦小宝 ~ Trinket, 袭人 ~ Aroma) that no dictionary has."""
    grams = [_bigrams(s) for s in zh]
    pairs = [(set().union(*(grams[x] for x in range(i, i + a))),
              {k for y in range(j, j + b) for k in en_keys[y] if not k.startswith(("#", "py:"))})
             for i, a, j, b in beads if a and b]
    fx = Counter(x for xs, _ in pairs for x in xs)
    fe = Counter(e for _, es in pairs for e in es)
    floor = params.learn_min_count
    joint = Counter(
        (x, e)
        for xs, es in pairs
        for x in xs if fx[x] >= floor
        for e in es if fe[e] >= floor
    )
    learnt: dict[str, set[str]] = {}
    for (x, e), c in joint.items():
        if c >= floor and 2 * c / (fx[x] + fe[e]) >= params.learn_min_dice:
            learnt.setdefault(x, set()).add(e)
    if not learnt:
        return zh_keys
    out = []
    for keys, gram in zip(zh_keys, grams, strict=True):
        keys = dict(keys)
        for x, chars in gram.items():
            for e in learnt.get(x, ()):
                keys[e] = keys.get(e, 0) | chars
        out.append(keys)
    return out
