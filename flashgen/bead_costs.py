"""What each bead of an alignment costs, for every place in the band that the search visits.

A bead (1–1, 1–2, 2–1, …, 1–0, 0–1) pairs a few Chinese sentences with a few English
ones.  Its cost adds up a Gale–Church length cost (:class:`Lengths`), a lexical cost for
each of its sentences, lower the more of it the other side covers through anchor keys
(:func:`lexical_costs`, keys from :mod:`flashgen.anchors`), and a fixed cost for each
sentence beyond the first on either side (:func:`bead_costs`).  Only cells near the
diagonal are kept (:class:`Band`, :class:`Banded`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # align.py owns the parameters and calls this module
    from flashgen.align import AlignParams

Bead = tuple[int, int, int, int]  # Chinese start, Chinese count, English start, English count

# --- the band and banded matrices -------------------------------------------------------

# Bead shapes (Chinese sentences, English sentences).  English translations of
# Chinese prose often split one long Chinese sentence into several.
BEADS = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (2, 3), (3, 2), (1, 0), (0, 1))
_MAX_ZH = max(a for a, _ in BEADS)
_MAX_EN = max(b for _, b in BEADS)
SKIP_EN = BEADS.index((0, 1))


class Banded:
    """A matrix kept only near the diagonal: row ``r`` holds columns ``off[r]`` onwards."""

    def __init__(self, off: np.ndarray, width: int, fill: float) -> None:
        self.off = off
        self.width = width
        self.data = np.full((len(off), width), fill)

    def take(self, r: int | np.ndarray, j: np.ndarray) -> np.ndarray:
        """Entries (r, j), j clipped to row r's columns; r may be an array of rows (of a
        shape that broadcasts with j)."""
        return self.data[r, np.minimum(np.maximum(j - self.off[r], 0), self.width - 1)]


class Band:
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


class Lengths:
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


def _length_costs(lz: float | np.ndarray, le: np.ndarray, variance: float) -> np.ndarray:
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


def lexical_costs(zh: Sequence[str], zh_keys: list[dict[str, int]], en_keys: list[set[str]],
                  band: Band, params: AlignParams) -> tuple[list[Banded], list[Banded]]:
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
    zcov = [Banded(band.reach_lo, band.reach_width, 0.0) for _ in range(_MAX_EN + 1)]
    ecov = [Banded(band.reach_lo, band.reach_width, 0.0) for _ in range(_MAX_ZH + 1)]
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


def bead_costs(lexical: tuple[list[Banded], list[Banded]], lengths: Lengths,
               band: Band, variance: float, params: AlignParams) -> list[Banded]:
    """For each bead shape k, the cost of that bead ending at each cell (i, j) of the band.

    Computed for all rows at once, shape by shape (row by row, a short paragraph spent
    more time calling numpy than computing)."""
    zc, ec = lexical
    n, m = band.n, band.m
    rows = np.arange(n + 1)
    js = band.lo[:, None] + np.arange(band.width)[None, :]  # the English end of each cell
    inside = js <= band.hi[:, None]
    js = np.minimum(js, m)
    out = []
    for a, b in BEADS:
        costs = Banded(band.lo, band.width, np.inf)
        out.append(costs)
        if a > n:
            continue
        i, j = rows[a:, None], js[a:]  # the rows where the bead fits
        pj = j - b
        if a == 0 or b == 0:
            # A sentence left without translation: no coverage at all.
            c = np.full(j.shape, params.skip + params.lexical)
        else:
            pi = i - a
            pjc = np.maximum(pj, 0)
            c = params.merge * (a + b - 2) + _length_costs(
                lengths.zh[i] - lengths.zh[pi], lengths.en[j] - lengths.en[pjc], variance)
            for x in range(a):
                c = c + zc[b].take(pi + x, pjc)
            for t in range(b):
                c = c + ec[a].take(pi, np.minimum(pjc + t, m - 1))
        costs.data[a:] = np.where(inside[a:] & (pj >= 0), c, np.inf)
    return out
