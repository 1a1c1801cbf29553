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

This module runs the two passes and the search (Viterbi for the path, forward–backward
for the scores); the anchor keys come from :mod:`flashgen.align.anchors` (numbers from
:mod:`flashgen.text.numerals`), the bead costs from :mod:`flashgen.align.costs`.

On MAC-Dev (six novel chapters, ``benchmarks/alignment.py``) this gives a strict
F1 of 0.88.  ``Link.score`` is the probability of the link under the model
(forward–backward over all paths); see :data:`TRUST_THRESHOLD`.

>>> [(l.zh, l.en) for l in align_sentences(["我们走吧。", "好。"], ["Let's go.", "OK."])]
[((0,), (0,)), ((1,), (1,))]
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from functools import lru_cache

import numpy as np

from flashgen.align.anchors import chinese_keys, english_keys, learn_anchors, name_index
from flashgen.align.costs import (
    BEADS,
    MAX_ZH,
    SKIP_EN,
    Band,
    Bead,
    BeadCosts,
    Lengths,
    bead_costs,
    block_rows,
    length_cost,
    lexical_costs,
)
from flashgen.align.model import AlignParams
from flashgen.datatypes import Link

# A link scoring at least this is trustworthy: use its English for its Chinese
# sentences; below it, show the whole English paragraph instead.  On MAC-Dev, the
# links at or above 0.6 (85 % of them) were exactly right 93 % of the time, those
# below 51 %.
TRUST_THRESHOLD = 0.6


DEFAULT_PARAMS = AlignParams()


def align_sentences(
    zh: Sequence[str], en: Sequence[str], params: AlignParams = DEFAULT_PARAMS
) -> list[Link]:
    """Align Chinese sentences ``zh`` with their English translation ``en``.

    Links come in text order; every sentence is in exactly one link; no link is
    empty on both sides.  ``Link.score`` is the probability that the link is right
    (0.0 when one side is empty).
    """
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]
    if n == 1 and m == 1 and _sure_one_to_one(zh[0], en[0], params):
        return [Link((0,), (0,), 1.0)]
    return _align(zh, en, params)


def _align(zh: Sequence[str], en: Sequence[str], params: AlignParams) -> list[Link]:
    """The full model (both passes) for non-empty ``zh`` and ``en``."""
    n, m = len(zh), len(en)

    en_keys = [english_keys(s) for s in en]
    names = name_index(en_keys)
    # A Chinese key that no English sentence has links nothing (most CC-CEDICT glosses
    # of a long text's words): dropped, so that a whole book's keys take less memory.
    vocabulary = set().union(*en_keys)
    zh_keys = [chinese_keys(s, names, vocabulary) for s in zh]
    del vocabulary
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
    if learnt != zh_keys or variance != params.variance:
        if learnt != zh_keys:
            del costs, lexical  # before the new ones are made: they are big for a book
            lexical = lexical_costs(zh, learnt, en_keys, band, params)
        costs = bead_costs(lexical, lengths, band, variance, params)
        beads = _best_path(costs, band)
    scores = _posteriors(costs, band, beads, params.temperature)
    return [
        Link(tuple(range(i, i + a)), tuple(range(j, j + b)), round(p, 4))
        for (i, a, j, b), p in zip(beads, scores, strict=True)
    ]


def _sure_one_to_one(zh: str, en: str, params: AlignParams) -> bool:
    """Whether one sentence against one is a 1–1 link of probability 1.0 (at the four
    decimals of ``Link.score``) whatever the anchors say, so they need not be looked for.

    Such a paragraph has three paths: the 1–1 bead, and a 1–0 and a 0–1 bead in either
    order, each skip costing ``skip + lexical``.  The 1–1 bead costs its length cost plus
    a lexical cost for each side, which is highest when nothing is covered: ``lexical ×
    (1 + c / (1 − c))`` with the chance coverage ``c`` of a one-sentence text (the prior
    alone).  Its probability is 1 / (1 + 2 exp(−(skips − bead) / temperature)); with the
    default parameters and the text's own length ratio (which makes the lengths agree)
    the bead costs at most 12.8 against 36 for the skips, which gives at least
    0.9999996.  Tatoeba-like texts, one sentence a paragraph, are then aligned without
    building anchors; ``tests/test_align.py`` checks the shortcut against the full model.
    """
    return _sure_lengths(len(zh), len(en), params)


# Bounded: the answer depends on the two lengths alone, and they repeat (Tatoeba's
# 28,869 one-sentence paragraph pairs have 1,001 pairs of lengths).
@lru_cache(maxsize=1 << 14)
def _sure_lengths(zh_chars: int, en_chars: int, params: AlignParams) -> bool:
    """:func:`_sure_one_to_one` for sentences of these lengths."""
    # Lengths([zh], [en])'s two lengths without its arrays (making them took most of
    # the time of a Tatoeba-like text's alignment): the same floating-point operations.
    lz, le = float(zh_chars), float(en_chars)
    if lz and le:
        le = le / (le / lz)  # English in Chinese characters, by the text's own ratio
    length = float(length_cost(lz, le, params.variance))
    chance = params.chance_weight * params.chance / params.chance_weight
    lexical = params.lexical * (1.0 + chance / (1.0 - chance + 1e-9))
    gap = 2 * (params.skip + params.lexical) - (length + 2 * lexical)
    # 1e-5 of margin: the full model's own rounding errors are far smaller.
    return gap > 0 and 2 * math.exp(-gap / params.temperature) < 1e-5


# --- search ---------------------------------------------------------------------------
#
# The searches go through the band a block of rows at a time (forwards or backwards), each
# block's bead costs made when it is reached (:class:`BeadCosts`): what they keep whole is
# one byte per cell (the Viterbi back-pointers) and a few figures per bead of the path.


def _blocks(band: Band, reverse: bool = False) -> list[tuple[int, int]]:
    """The band's rows 0..n in blocks (r0, r1), in order or in reverse."""
    size = block_rows(band.width)
    out = [(r0, min(r0 + size, band.n + 1)) for r0 in range(0, band.n + 1, size)]
    return out[::-1] if reverse else out


class _Rows:
    """The last few rows of a search's totals (a bead spans at most MAX_ZH rows)."""

    def __init__(self, band: Band) -> None:
        self.lo, self.hi, self.width = band.lo, band.hi, band.width
        self.data = np.full((MAX_ZH + 1, band.width), np.inf)

    def take(self, r: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Totals at rows ``r`` and columns ``j`` (one row of ``j`` per row of ``r``),
        infinite outside the band; and the columns as offsets into those rows."""
        col = np.minimum(np.maximum(j - self.lo[r, None], 0), self.width - 1)
        inside = (j >= self.lo[r, None]) & (j <= self.hi[r, None])
        return np.where(inside, self.data[r[:, None] % (MAX_ZH + 1), col], np.inf), col

    def put(self, r: int, values: list[float]) -> None:
        row = self.data[r % (MAX_ZH + 1)]
        row[:] = np.inf
        row[: len(values)] = values


def _shapes(rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(k, a, b) as arrays, for the bead shapes k = (a, b) with 1 ≤ a ≤ ``rows``."""
    k = np.array([k for k, (a, _) in enumerate(BEADS) if 0 < a <= rows], dtype=int)
    ab = np.array(BEADS)[k].reshape(-1, 2)
    return k, ab[:, 0], ab[:, 1]


# For each number of rows a bead may span (as far as the band's first or last row), the
# shapes that fit: the searches compute a row's candidates for all of them at once.
_FITTING = [_shapes(rows) for rows in range(MAX_ZH + 1)]


def _best_path(costs: BeadCosts, band: Band) -> list[Bead]:
    """The cheapest monotone path of beads through the band (Viterbi)."""
    back, _ = _forward(costs, band, temperature=None)
    beads = []
    i, j = band.n, band.m
    while i or j:
        a, b = BEADS[back[i, j - band.lo[i]]]
        i, j = i - a, j - b
        beads.append((i, a, j, b))
    beads.reverse()
    return beads


def _forward(
    costs: BeadCosts, band: Band, temperature: float | None, keep: Collection[tuple[int, int]] = ()
) -> tuple[np.ndarray, dict[tuple[int, int], float]]:
    """For each cell, the last bead of the best path from (0, 0) to it (back-pointers,
    [i, j − band.lo[i]]); or, given a temperature, the soft minimum over all paths.
    Also the cost (or soft minimum) at the cells (i, j) of ``keep`` and at (n, m)."""
    total = _Rows(band)
    back = np.zeros((band.n + 1, band.width) if temperature is None else (0, 0), np.int8)
    kept: dict[tuple[int, int], float] = {}
    wanted = _by_row(keep)
    for r0, r1 in _blocks(band):
        block = costs.rows(r0, r1)
        for i in range(r0, r1):
            cost = block[:, i - r0]
            js = np.arange(band.lo[i], band.hi[i] + 1)
            w = len(js)
            kinds, a, b = _FITTING[min(i, MAX_ZH)]
            if len(kinds):
                stack = total.take(i - a, js[None, :] - b[:, None])[0] + cost[kinds, :w]
            else:
                stack = np.full((1, w), np.inf)
            if i == 0:
                stack[0, 0] = 0.0
            if temperature is None:
                pick = stack.argmin(axis=0)
                best = stack[pick, np.arange(w)].tolist()
                args = kinds[pick].tolist() if len(kinds) else [0] * w
            else:
                best = _softmin(stack, temperature).tolist()
                args = []
            _along_row(best, args, cost[SKIP_EN, :w].tolist(), temperature)
            total.put(i, best)
            if temperature is None:
                back[i, :w] = args
            for (j,) in wanted.get(i, ()):
                kept[i, j] = best[j - band.lo[i]]
    kept[band.n, band.m] = best[band.m - band.lo[band.n]]
    return back, kept


def _by_row(cells: Collection[tuple[int, ...]]) -> dict[int, list[tuple[int, ...]]]:
    """Cells (row, column, …) grouped by row, without the row."""
    rows: dict[int, list[tuple[int, ...]]] = {}
    for i, *rest in cells:
        rows.setdefault(i, []).append(tuple(rest))
    return rows


def _along_row(
    best: list[float], args: list[int], skip: list[float], temperature: float | None
) -> None:
    """Row totals ``best`` (and their bead kinds ``args``) updated in place with the 0–1
    beads, which move along the row and so are taken in order."""
    for t in range(1, len(best)):
        via = best[t - 1] + skip[t]
        if temperature is not None:
            best[t] = _softmin2(best[t], via, temperature)
        elif via < best[t]:
            best[t], args[t] = via, SKIP_EN


def _backward(
    costs: BeadCosts, band: Band, temperature: float, ends: Collection[tuple[int, int, int]]
) -> dict[tuple[int, int, int], tuple[float, float]]:
    """The soft minimum over all paths from a cell to (n, m); returned, with the cost of the
    bead, for the beads (i, j, k) of ``ends``, bead shape k ending at (i, j)."""
    total = _Rows(band)
    n = band.n
    kept: dict[tuple[int, int, int], tuple[float, float]] = {}
    wanted = _by_row(ends)
    for r0, r1 in _blocks(band, reverse=True):
        # Row i's beads end on rows i + 1 to i + MAX_ZH.
        block = costs.rows(r0, min(r1 + MAX_ZH, n + 1))
        for i in range(r1 - 1, r0 - 1, -1):
            js = np.arange(band.lo[i], band.hi[i] + 1)
            w = len(js)
            kinds, a, b = _FITTING[min(n - i, MAX_ZH)]
            if len(kinds):
                after, col = total.take(i + a, js[None, :] + b[:, None])
                stack = after + block[kinds[:, None], (i + a - r0)[:, None], col]
            else:
                stack = np.full((1, w), np.inf)
            if i == n:
                stack[0, w - 1] = 0.0  # hi[n] is m: the end of the path
            best = _softmin(stack, temperature).tolist()
            skip = block[SKIP_EN, i - r0, :w].tolist()
            for t in range(w - 2, -1, -1):
                best[t] = _softmin2(best[t], best[t + 1] + skip[t + 1], temperature)
            total.put(i, best)
            for j, k in wanted.get(i, ()):
                end = j - band.lo[i]
                kept[i, j, k] = float(block[k, i - r0, end]), best[end]
    return kept


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


def _posteriors(costs: BeadCosts, band: Band, beads: list[Bead], temperature: float) -> list[float]:
    """For each bead of the path, the share of the probability of all paths that use it
    (a path's probability being proportional to exp(−cost / temperature))."""
    _, fwd = _forward(costs, band, temperature, keep={(i, j) for i, _, j, _ in beads})
    ends = [(i + a, j + b, BEADS.index((a, b))) for i, a, j, b in beads]
    bwd = _backward(costs, band, temperature, ends)
    z = fwd[band.n, band.m]
    out = []
    for (i, _, j, _), end in zip(beads, ends, strict=True):
        cost, after = bwd[end]
        c = fwd[i, j] + cost + after
        out.append(min(1.0, math.exp(-(c - z) / temperature)) if math.isfinite(c) else 0.0)
    return out
