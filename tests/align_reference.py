"""The former whole-array alignment (flashgen before the band was computed block by
block), kept as a reference: ``tests/test_align_scale.py`` checks that the block-by-block
code gives the very same links and scores.

Copied from flashgen/align/search.py, bead_costs.py and anchors.py as they were (commit
12247de); only imports and names changed, and the pieces the new code kept as they
were (the bead shapes, the soft minimum, the length and lexical cost formulas, anchor
learning, whose rewrite gives equal results) are imported.  Not used by flashgen.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from flashgen.align.anchors import chinese_keys, english_keys, learn_anchors, name_index
from flashgen.align.costs import (
    _MAX_EN,
    BEADS,
    MAX_ZH,
    SKIP_EN,
    Band,
    Bead,
    Lengths,
    _idf,
    length_cost,
    lexical_cost,
)
from flashgen.align.search import AlignParams, _softmin, _softmin2
from flashgen.datatypes import Link


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


# --- costs --------------------------------------------------------------------------------


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


def lexical_costs(
    zh: Sequence[str],
    zh_keys: list[dict[str, int]],
    en_keys: list[set[str]],
    band: Band,
    params: AlignParams,
) -> tuple[list[Banded], list[Banded]]:
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
    zh_cov = [_Coverage([_idf(char_df[ch], n) if ch.isalnum() else 0.0 for ch in s]) for s in zh]
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
    ecov = [Banded(band.reach_lo, band.reach_width, 0.0) for _ in range(MAX_ZH + 1)]
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
            for a in range(1, min(MAX_ZH, n - i) + 1):
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

    for b in range(1, _MAX_EN + 1):
        zcov[b].data = lexical_cost(params, zcov[b].data, zh_total[:, None], zh_chance[:, None], b)
    # ec needs each English sentence's own figures, laid out like the band.
    cols = np.clip(band.reach_lo[:, None] + np.arange(band.reach_width)[None, :], 0, m - 1)
    for a in range(1, MAX_ZH + 1):
        ecov[a].data = lexical_cost(params, ecov[a].data, en_total[cols], en_chance[cols], a)
    return zcov, ecov


def bead_costs(
    lexical: tuple[list[Banded], list[Banded]],
    lengths: Lengths,
    band: Band,
    variance: float,
    params: AlignParams,
) -> list[Banded]:
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
            c = params.merge * (a + b - 2) + length_cost(
                lengths.zh[i] - lengths.zh[pi], lengths.en[j] - lengths.en[pjc], variance
            )
            for x in range(a):
                c = c + zc[b].take(pi + x, pjc)
            for t in range(b):
                c = c + ec[a].take(pi, np.minimum(pjc + t, m - 1))
        costs.data[a:] = np.where(inside[a:] & (pj >= 0), c, np.inf)
    return out


def align_reference(zh: Sequence[str], en: Sequence[str], params: AlignParams) -> list[Link]:
    """The full model (both passes) for non-empty ``zh`` and ``en``."""
    n, m = len(zh), len(en)

    en_keys = [english_keys(s) for s in en]
    names = name_index(en_keys)
    zh_keys = [chinese_keys(s, names) for s in zh]
    lengths = Lengths(zh, en)

    width = max(params.band, min(round(0.1 * max(n, m)), params.band_cap))
    while True:
        band = Band(n, m, width)
        lexical = lexical_costs(zh, zh_keys, en_keys, band, params)
        costs = bead_costs(lexical, lengths, band, params.variance, params)
        beads = _best_path(costs, band)
        if band.complete or not band.touches_edge(beads):
            break
        width *= 2

    # Second pass: with the text's own length variance and with anchors learnt
    # from the first pass.
    variance = lengths.fit_variance(beads) or params.variance
    learnt = learn_anchors(
        zh, zh_keys, en_keys, beads, params.learn_min_count, params.learn_min_dice
    )
    if learnt != zh_keys:
        lexical = lexical_costs(zh, learnt, en_keys, band, params)
    if learnt != zh_keys or variance != params.variance:
        costs = bead_costs(lexical, lengths, band, variance, params)
        beads = _best_path(costs, band)
    scores = _posteriors(costs, band, beads, params.temperature)
    return [
        Link(tuple(range(i, i + a)), tuple(range(j, j + b)), round(p, 4))
        for (i, a, j, b), p in zip(beads, scores, strict=True)
    ]


def _best_path(costs: list[Banded], band: Band) -> list[Bead]:
    """The cheapest monotone path of beads through the band (Viterbi)."""
    _, back = _forward(costs, band, temperature=None)
    beads = []
    i, j = band.n, band.m
    while i or j:
        a, b = BEADS[back.data[i, j - band.lo[i]]]
        i, j = i - a, j - b
        beads.append((i, a, j, b))
    beads.reverse()
    return beads


def _forward(costs: list[Banded], band: Band, temperature: float | None) -> tuple[Banded, Banded]:
    """For each cell, the cost of the best path from (0, 0) to it and that path's last
    bead; or, given a temperature, the soft minimum over all paths."""
    total = Banded(band.lo, band.width, np.inf)
    back = Banded(band.lo, band.width, 0)
    back.data = back.data.astype(np.int8)
    for i in range(band.n + 1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        w = len(js)
        kinds, rows = [], []
        for k, (a, b) in enumerate(BEADS):
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
        skip = costs[SKIP_EN].data[i, :w].tolist()
        for t in range(1, w):
            via = best[t - 1] + skip[t]
            if temperature is not None:
                best[t] = _softmin2(best[t], via, temperature)
            elif via < best[t]:
                best[t], args[t] = via, SKIP_EN
        total.data[i, :w] = best
        back.data[i, :w] = args
    return total, back


def _backward(costs: list[Banded], band: Band, temperature: float) -> Banded:
    """For each cell, the soft minimum over all paths from it to (n, m)."""
    total = Banded(band.lo, band.width, np.inf)
    n = band.n
    for i in range(n, -1, -1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        w = len(js)
        rows = []
        for k, (a, b) in enumerate(BEADS):
            if a == 0 or i + a > n:
                continue
            nj = js + b
            inside = (nj >= band.lo[i + a]) & (nj <= band.hi[i + a])
            rows.append(np.where(inside, total.take(i + a, nj) + costs[k].take(i + a, nj), np.inf))
        stack = np.array(rows) if rows else np.full((1, w), np.inf)
        if i == n:
            stack[0, w - 1] = 0.0  # hi[n] is m: the end of the path
        best = _softmin(stack, temperature).tolist()
        skip = costs[SKIP_EN].data[i, :w].tolist()
        for t in range(w - 2, -1, -1):
            best[t] = _softmin2(best[t], best[t + 1] + skip[t + 1], temperature)
        total.data[i, :w] = best
    return total


def _posteriors(
    costs: list[Banded], band: Band, beads: list[Bead], temperature: float
) -> list[float]:
    """For each bead of the path, the share of the probability of all paths that use it
    (a path's probability being proportional to exp(−cost / temperature))."""
    fwd, _ = _forward(costs, band, temperature)
    bwd = _backward(costs, band, temperature)
    z = fwd.data[band.n, band.m - band.lo[band.n]]
    out = []
    for i, a, j, b in beads:
        ei, ej = i + a, j + b
        end = ej - band.lo[ei]
        c = (
            fwd.data[i, j - band.lo[i]]
            + costs[BEADS.index((a, b))].data[ei, end]
            + bwd.data[ei, end]
        )
        out.append(min(1.0, math.exp(-(c - z) / temperature)) if math.isfinite(c) else 0.0)
    return out
