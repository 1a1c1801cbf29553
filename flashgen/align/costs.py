"""What each bead of an alignment costs, for every place in the band that the search visits.

A bead (1–1, 1–2, 2–1, …, 1–0, 0–1) pairs a few Chinese sentences with a few English
ones.  Its cost adds up a Gale–Church length cost (:class:`Lengths`), a lexical cost for
each of its sentences, lower the more of it the other side covers through anchor keys
(:func:`lexical_costs`, keys from :mod:`flashgen.align.anchors`), and a fixed cost for each
sentence beyond the first on either side (:func:`bead_costs`).  Only cells near the
diagonal are searched (:class:`Band`), and their costs are made a block of rows at a
time (:class:`Lexical`, :class:`BeadCosts`), so that a whole book fits in little memory.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

import numpy as np

from flashgen.align.model import AlignParams

Bead = tuple[int, int, int, int]  # Chinese start, Chinese count, English start, English count

# --- the band and banded matrices -------------------------------------------------------

# Bead shapes (Chinese sentences, English sentences).  English translations of
# Chinese prose often split one long Chinese sentence into several.
BEADS = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (2, 3), (3, 2), (1, 0), (0, 1))
MAX_ZH = max(a for a, _ in BEADS)
_MAX_EN = max(b for _, b in BEADS)
SKIP_EN = BEADS.index((0, 1))


class Banded:
    """A matrix kept only near the diagonal: row ``r`` holds columns ``off[r]`` onwards."""

    def __init__(self, off: np.ndarray, data: np.ndarray) -> None:
        self.off = off
        self.data = data
        self.width = data.shape[1]

    def take(self, r: int | np.ndarray, j: np.ndarray) -> np.ndarray:
        """Entries (r, j), j clipped to row r's columns; r may be an array of rows (of a
        shape that broadcasts with j)."""
        taken: np.ndarray = self.data[r, np.minimum(np.maximum(j - self.off[r], 0), self.width - 1)]
        return taken


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
        self.reach_hi = np.minimum(self.hi[np.minimum(rows + MAX_ZH, n)], m - 1)
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
        d2 = [
            _delta2(self.zh[i + a] - self.zh[i], self.en[j + b] - self.en[j])
            for i, a, j, b in beads
            if a and b
        ]
        return max(float(np.median(d2)) / 0.240, 0.1) if len(d2) >= 20 else None


def _delta2(lz: np.ndarray | float, le: np.ndarray | float) -> np.ndarray:
    return (le - lz) ** 2 / np.maximum((lz + le) / 2, 1.0)


def length_cost(lz: float | np.ndarray, le: float | np.ndarray, variance: float) -> np.ndarray:
    """The length cost of a bead of ``lz`` Chinese characters against ``le`` English ones
    (counted in Chinese characters, as :class:`Lengths` gives them): Gale–Church with
    Laplace tails, −log P(|δ| ≥ d) = √2 d.

    Gale and Church assumed a normal δ; free translations of novels have more very
    long or very short renderings than a normal law allows (MAC-Dev F1 0.87 with
    normal tails, 0.88 with Laplace ones).
    """
    return np.sqrt(2 * _delta2(lz, le) / variance)


def _idf(df: int, total: int) -> float:
    return math.log((total + 1) / (df + 0.5))


def _coverage(weights: array[float], start: int, mask: int) -> float:
    """Weight of the part of one sentence (its weights from ``start`` on) that a set of
    anchor matches (a bit mask) covers."""
    got, rest = 0.0, mask
    while rest:
        low = rest & -rest
        got += weights[start + low.bit_length() - 1]
        rest ^= low
    return got


# Cells of the band whose costs are held at once: the search asks for its bead costs a
# block of rows at a time (about 5 MB for the 11 shapes), so that memory does not grow
# with the text (a whole band of 30,000 sentences took 2.6 GB).  The block never changes
# a value: every cell is computed from the same numbers by the same operations.
BLOCK_CELLS = 1 << 16


def lexical_cost(
    params: AlignParams, covered: np.ndarray, total: np.ndarray, chance1: np.ndarray, span: int
) -> np.ndarray:
    """The lexical cost of beads whose sentences have ``covered`` of their ``total``
    anchor weight matched, against the share that ``span`` sentences would match by
    chance (``chance1`` for one)."""
    chance = 1.0 - (1.0 - chance1) ** span
    share = (covered + params.smoothing * chance) / (total + params.smoothing)
    gain = (share - chance) / (1.0 - chance + 1e-9)
    return params.lexical * (1.0 - gain)


def block_rows(width: int) -> int:
    """Rows of a block for a band of this width."""
    return max(BLOCK_CELLS // width, MAX_ZH + 1)


class Lexical:
    """Lexical costs, made on demand for a block of rows (:meth:`rows`): the cost of
    zh[i] if en[j:j+b] translates it, and that of en[j] if zh[i:i+a] does.

    Only what every block needs is kept whole (per sentence: its coverage weights and
    its chance coverage, see below); a block's costs come from the anchor matches of its
    rows, looked up through an index from keys to English sentences.
    """

    def __init__(
        self,
        zh: Sequence[str],
        zh_keys: list[dict[str, int]],
        en_keys: list[set[str]],
        band: Band,
        params: AlignParams,
    ) -> None:
        n, m = len(zh), len(en_keys)
        self.band, self.params, self.n, self.m = band, params, n, m
        self.zh_keys = zh_keys
        # A key common on either side ("said", 的 → "target") proves little: weight by
        # the smaller of its two inverse document frequencies.  Chinese characters are
        # weighted by their own IDF, so that 的 and 了 barely count.
        df_zh = Counter(k for keys in zh_keys for k in keys)
        df_en = Counter(k for keys in en_keys for k in keys)
        key_weight = {k: min(_idf(df_zh[k], n), _idf(df_en[k], m)) for k in df_en}
        char_df = Counter(ch for s in zh for ch in set(s))
        # The weight of each character of zh[i] (at zh_w[zh_at[i]:]) and of each key of
        # en[j], in sorted order (at en_w[en_at[j]:]): a match's bit mask counts them.
        self.zh_w, self.en_w = array("d"), array("d")
        self.zh_at, self.en_at = [], []
        zh_total, en_total = [], []
        # Once per distinct character, not per character of the text.
        weight_of = {ch: _idf(df, n) if ch.isalnum() else 0.0 for ch, df in char_df.items()}
        for s in zh:
            weights = [weight_of[ch] for ch in s]
            self.zh_at.append(len(self.zh_w))
            self.zh_w.extend(weights)
            zh_total.append(sum(weights))
        # The English sentences of each key, in order, with the key's bit in each.
        self.en_post: dict[str, tuple[list[int], list[int]]] = {}
        for j, keys in enumerate(en_keys):
            weights = []
            for bit, k in enumerate(sorted(keys)):
                weights.append(key_weight[k])
                js, bits = self.en_post.setdefault(k, ([], []))
                js.append(j)
                bits.append(1 << bit)
            self.en_at.append(len(self.en_w))
            self.en_w.extend(weights)
            en_total.append(sum(weights))
        self.zh_total = np.array(zh_total)
        self.en_total = np.array(en_total)
        self._chance()

    def _matches(self, i: int) -> tuple[dict[int, int], dict[int, int]]:
        """For each English sentence j that the beads ending in the band can ask about
        with zh[i], and that shares an anchor with it: the characters of zh[i] and the
        keys of en[j] (bit masks) that anchors link."""
        lo, hi = self.band.reach_lo[i], self.band.reach_hi[i] + _MAX_EN
        zmask: dict[int, int] = {}
        emask: dict[int, int] = {}
        post = self.en_post
        for k, chars in self.zh_keys[i].items():
            found = post.get(k)
            if found is None:
                continue
            js, bits = found
            start, end = bisect_left(js, lo), bisect_right(js, hi)
            for j, bit in zip(js[start:end], bits[start:end], strict=True):
                zmask[j] = zmask.get(j, 0) | chars
                emask[j] = emask.get(j, 0) | bit
        return zmask, emask

    def _chance(self) -> None:
        """How much of a sentence an unrelated sentence of the other side covers
        (hubness: sentences full of common words match everything).  A bead earns
        lexical credit only for coverage beyond what a span of unrelated sentences would
        give.  Each sentence's best match is left out (it is likely its translation) and
        a prior mixed in, so that short texts such as one paragraph get a sensible
        figure too."""
        band, params, n, m = self.band, self.params, self.n, self.m
        prior = params.chance_weight * params.chance
        self.zh_chance = np.zeros(n)
        en_sum, en_max, en_seen = np.zeros(m), np.zeros(m), np.zeros(m)
        for i in range(n):
            lo, hi = int(band.reach_lo[i]), int(band.reach_hi[i])
            zmask, emask = self._matches(i)
            zrow, erow = np.zeros(hi - lo + 1), np.zeros(hi - lo + 1)
            for j, mask in zmask.items():
                if lo <= j <= hi:
                    if mask:
                        zrow[j - lo] = _coverage(self.zh_w, self.zh_at[i], mask)
                    erow[j - lo] = _coverage(self.en_w, self.en_at[j], emask[j])
            cols = np.arange(lo, hi + 1)
            z = zrow / max(self.zh_total[i], 1e-9)
            self.zh_chance[i] = (z.sum() - z.max() + prior) / (len(z) - 1 + params.chance_weight)
            e = erow / np.maximum(self.en_total[cols], 1e-9)
            en_sum[cols] += e
            en_max[cols] = np.maximum(en_max[cols], e)
            en_seen[cols] += 1
        self.en_chance = (en_sum - en_max + prior) / (
            np.maximum(en_seen - 1, 0) + params.chance_weight
        )

    def rows(self, r0: int, r1: int) -> tuple[list[Banded], list[Banded]]:
        """(zc, ec) for rows r0 to r1 − 1: zc[b] at (i, j) is the lexical cost of zh[i] if
        en[j:j+b] translates it; ec[a] at (i, j) that of en[j] if zh[i:i+a] does (both
        kept on rows i, row i of the block being row r0 + i)."""
        band, n, m = self.band, self.n, self.m
        off = band.reach_lo[r0:r1]
        # zcov[b] at (i, j): the weight of zh[i] that en[j:j+b] covers; ecov[a] at (i, j):
        # the weight of en[j] that zh[i:i+a] covers.
        zcov = [np.zeros((r1 - r0, band.reach_width)) for _ in range(_MAX_EN + 1)]
        ecov = [np.zeros((r1 - r0, band.reach_width)) for _ in range(MAX_ZH + 1)]
        matches = [self._matches(i) for i in range(r0, min(r1 + MAX_ZH - 1, n))]
        zh_w, en_w, en_at = self.zh_w, self.en_w, self.en_at
        en_memo: dict[int, dict[int, float]] = {}  # coverage of en[j] by mask
        for i in range(r0, r1):
            lo, hi, r = int(band.reach_lo[i]), int(band.reach_hi[i]), i - r0
            zmask = matches[r][0]
            at = self.zh_at[i]
            memo: dict[int, float] = {}
            for j in {j - d for j in zmask for d in range(_MAX_EN)}:
                if not lo <= j <= hi:
                    continue
                mask = 0
                for b in range(1, min(_MAX_EN, m - j) + 1):
                    mask |= zmask.get(j + b - 1, 0)
                    if mask:
                        got = memo.get(mask)
                        if got is None:
                            got = memo[mask] = _coverage(zh_w, at, mask)
                        zcov[b][r, j - lo] = got
            emasks = [matches[r + a][1] for a in range(min(MAX_ZH, n - i))]
            for j in {j for emask in emasks for j in emask}:
                if not lo <= j <= hi:
                    continue
                mask = 0
                memo = en_memo.setdefault(j, {})
                for a, emask in enumerate(emasks, 1):
                    mask |= emask.get(j, 0)
                    if mask:
                        got = memo.get(mask)
                        if got is None:
                            got = memo[mask] = _coverage(en_w, en_at[j], mask)
                        ecov[a][r, j - lo] = got

        params = self.params
        zt, zch = self.zh_total[r0:r1, None], self.zh_chance[r0:r1, None]
        zc = [
            Banded(off, lexical_cost(params, zcov[b], zt, zch, b) if b else zcov[b])
            for b in range(_MAX_EN + 1)
        ]
        # ec needs each English sentence's own figures, laid out like the band.
        cols = np.clip(off[:, None] + np.arange(band.reach_width)[None, :], 0, m - 1)
        et, ech = self.en_total[cols], self.en_chance[cols]
        ec = [
            Banded(off, lexical_cost(params, ecov[a], et, ech, a) if a else ecov[a])
            for a in range(MAX_ZH + 1)
        ]
        return zc, ec


def lexical_costs(
    zh: Sequence[str],
    zh_keys: list[dict[str, int]],
    en_keys: list[set[str]],
    band: Band,
    params: AlignParams,
) -> Lexical:
    """The lexical costs of the band (made block by block when asked for)."""
    return Lexical(zh, zh_keys, en_keys, band, params)


class BeadCosts:
    """For each bead shape k, the cost of that bead ending at each cell (i, j) of the
    band, a block of rows at a time (:meth:`rows`).

    A block is computed for all its rows at once, shape by shape (row by row, a short
    paragraph spent more time calling numpy than computing).  The last block is kept:
    a band of one block (a paragraph) is computed once for all the passes."""

    def __init__(
        self, lexical: Lexical, lengths: Lengths, band: Band, variance: float, params: AlignParams
    ) -> None:
        self.lexical, self.lengths, self.band = lexical, lengths, band
        self.variance, self.params = variance, params
        self._last: tuple[int, int, np.ndarray] | None = None

    def rows(self, r0: int, r1: int) -> np.ndarray:
        """Costs of rows r0 to r1 − 1 (of n + 1): array [shape, row − r0, j − band.lo[row]],
        infinite outside the band and where the bead does not fit."""
        if self._last is not None and self._last[:2] == (r0, r1):
            return self._last[2]
        params, band, lengths = self.params, self.band, self.lengths
        n, m = band.n, band.m
        # The lexical rows that these beads start on.
        l0 = max(r0 - MAX_ZH, 0)
        zc, ec = self.lexical.rows(l0, min(r1, n))
        rows = np.arange(r0, r1)
        js = band.lo[r0:r1, None] + np.arange(band.width)[None, :]  # the English end of each cell
        inside = js <= band.hi[r0:r1, None]
        js = np.minimum(js, m)
        out = np.full((len(BEADS), r1 - r0, band.width), np.inf)
        for k, (a, b) in enumerate(BEADS):
            s = max(a - r0, 0)  # the first row where the bead fits
            if a > n or s >= r1 - r0:
                continue
            i, j = rows[s:, None], js[s:]
            pj = j - b
            if a == 0 or b == 0:
                # A sentence left without translation: no coverage at all.
                c = np.full(j.shape, params.skip + params.lexical)
            else:
                pi = i - a
                pjc = np.maximum(pj, 0)
                c = params.merge * (a + b - 2) + length_cost(
                    lengths.zh[i] - lengths.zh[pi], lengths.en[j] - lengths.en[pjc], self.variance
                )
                for x in range(a):
                    c = c + zc[b].take(pi + x - l0, pjc)
                for t in range(b):
                    c = c + ec[a].take(pi - l0, np.minimum(pjc + t, m - 1))
            out[k, s:] = np.where(inside[s:] & (pj >= 0), c, np.inf)
        self._last = (r0, r1, out)
        return out


def bead_costs(
    lexical: Lexical, lengths: Lengths, band: Band, variance: float, params: AlignParams
) -> BeadCosts:
    """The bead costs of the band (made block by block when asked for)."""
    return BeadCosts(lexical, lengths, band, variance, params)
