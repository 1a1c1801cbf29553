"""g2pM, the polyphone model: its tables, and its network run over many texts at once."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any

from flashgen.language.pinyin.formatting import cedict_syllable


@dataclass(frozen=True, slots=True)
class G2pM:
    """g2pM's weights and tables, with our own forward pass.

    g2pM's ``__call__`` keeps only the arg-max over all 876 classes (and fails on an empty
    string); we need the probabilities of the character's own readings to
    weigh them against the dictionaries.  The network is the same: embeddings, a one-layer
    BiLSTM (PyTorch gate order i, f, g, o, hidden size 32), a two-layer head.  Ours runs
    many sentences at once (:meth:`probabilities`), both directions in one loop in single
    precision (see :func:`g2pm`), with the input
    projection of every character of the vocabulary computed once: in batches it reads
    some 30,000 Tatoeba sentences a second, where g2pM's own loop reads a few hundred.
    """

    char_ids: dict[str, int]
    unknown_id: int
    bos_id: int
    eos_id: int
    readings: dict[str, tuple[str, ...]]  # every character g2pM knows → its readings
    classes: dict[str, tuple[tuple[str, ...], Any]]  # polyphonic char → (readings, ids)
    projections: Any  # (vocabulary, 2, 4 * 32): embedding @ input weights + both biases
    w_hh: Any  # (2, 32, 4 * 32): recurrent weights of both directions, transposed
    # (the gates of both in the order i, f, o, g, the first three negated: see g2pm)
    head: tuple[Any, Any, Any, Any]  # weight and bias of the two output layers
    # ``classes`` as arrays: a polyphone's row, its number of readings, and their ids
    # padded with zeros to the most readings any polyphone has
    class_index: dict[str, int]
    class_widths: Any
    class_columns: Any
    # every character of ``char_ids`` (by code point) → None: a str.translate table that
    # deletes them, so that a Han character left over is one g2pM does not know
    known: dict[int, None]

    def monophonic(self, char: str) -> str | None:
        r = self.readings.get(char)
        return r[0] if r and len(r) == 1 else None

    def distributions(self, text: str) -> dict[int, dict[str, float]]:
        """For each polyphonic character of ``text`` (by index): reading → probability."""
        return self.batch([(text, [i for i, c in enumerate(text) if c in self.classes])])[0]

    def batch(
        self, items: Sequence[tuple[str, Sequence[int]]]
    ) -> list[dict[int, dict[str, float]]]:
        """:meth:`distributions` of many texts, each only for the polyphonic characters at
        the given indices; a text with none is not run at all."""
        return [
            {
                i: dict(zip(self.classes[text[i]][0], row, strict=True))
                for i, row in zip(targets, rows, strict=True)
            }
            for (text, targets), rows in zip(items, self.probabilities(items), strict=True)
        ]

    def probabilities(
        self, items: Sequence[tuple[str, Sequence[int]]]
    ) -> list[list[tuple[float, ...]]]:
        """For each text, for each of its given indices (polyphonic characters) in order,
        the probabilities of that character's readings in the order of
        ``classes[char][0]``; a text with no index is not run at all.

        The texts are run longest first in batches, so that at each step of the LSTM the
        texts still running are the first few of the batch.  Each text's figures depend on
        that text alone, not on the others in its batch.
        """
        out: list[list[tuple[float, ...]]] = [[] for _ in items]
        runs = []
        get, unknown = self.char_ids.get, self.unknown_id
        for n, (text, targets) in enumerate(items):
            if not targets:
                continue
            # Invisible format characters (zero-width space, joiners, BOM) are not context
            # (and not printable: most texts are checked at once).
            if text.isprintable():
                rows = [i + 1 for i in targets]  # +1: the start symbol
                ids = [self.bos_id, *map(get, text, repeat(unknown)), self.eos_id]
            else:
                kept = [i for i, c in enumerate(text) if unicodedata.category(c) != "Cf"]
                where = {i: k for k, i in enumerate(kept)}
                rows = [where[i] + 1 for i in targets]
                ids = [self.bos_id, *(get(text[i], unknown) for i in kept), self.eos_id]
            runs.append(_Run(n, ids, rows, [text[i] for i in targets]))
        # stable: the same batches on every run
        runs.sort(key=lambda r: -max(max(r.rows) + 1, len(r.ids) - min(r.rows)))
        for first in range(0, len(runs), _BATCH):
            self._run(runs[first : first + _BATCH], out)
        return out

    def _run(self, runs: list[_Run], out: list[list[tuple[float, ...]]]) -> None:
        import numpy as np

        size = len(runs)
        lengths = np.array([len(r.ids) for r in runs])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        flat = np.fromiter((i for r in runs for i in r.ids), dtype=np.intp, count=lengths.sum())
        # Each direction runs only as far as it has to: the forward one up to the last
        # character to read, the backward one (reading each text from its own end) down
        # to the first.  On Tatoeba that is a third fewer steps of text; the states it
        # reads are computed exactly as over the whole text.
        spans = np.stack(
            [[max(r.rows) + 1 for r in runs], [len(r.ids) - min(r.rows) for r in runs]]
        )
        steps = int(spans.max())
        # order[d]: the texts longest first in direction d, so that at each step the texts
        # still running are the first few rows; slot[d, t]: the row of text t.
        order = np.argsort(-spans, axis=1, kind="stable")
        slot = np.empty_like(order)
        np.put_along_axis(slot, order, np.arange(size)[None, :], axis=1)
        # The inputs of the texts still running at each step, step after step: x[d][k] is
        # the input in direction d of the k-th (step, text) pair of that direction.
        x, running = [], []
        for d in (0, 1):
            step_of, k_of = np.nonzero(spans[d, order[d]][None, :] > np.arange(steps)[:, None])
            text_of = order[d, k_of]
            at = starts[text_of] + (step_of if d == 0 else lengths[text_of] - 1 - step_of)
            x.append(self.projections[flat[at], d])
            running.append(np.bincount(step_of, minlength=steps).tolist())
        n = self.w_hh.shape[1]
        # The gates are stored in the order i, f, o, g (see g2pm): one sigmoid for three.
        # A text's readings must not depend on how many texts share its batch, but BLAS
        # rounds a row of a product differently by how many rows the product has (one
        # row goes to its matrix-vector routine; on AVX-512 CPUs the matrix-matrix
        # routine's rounding also changes with the number of rows, 4 to 11 against 12 or
        # more).  So the product is always taken in blocks of the same number of rows,
        # numpy calling BLAS once per block: within a block of 8 a row's figures
        # depend neither on its place nor on the other rows.  A row past the texts still
        # running in its direction holds zeros or a finished text's state: it is
        # computed and never read.
        rows_ = _blocks(size)
        dtype = self.w_hh.dtype  # single precision (see g2pm)
        states = np.zeros((steps, 2, rows_, n), dtype)  # h at each step
        c = np.zeros((2, rows_, n), dtype)
        gates = np.empty((2, rows_, 4 * n), dtype)
        sig = np.empty((2, rows_, 3 * n), dtype)
        cell = np.empty((2, rows_, n), dtype)
        x0, x1 = x
        w_blocks = self.w_hh[:, None]  # the same weights for every block
        at0 = at1 = 0
        # A gate past 88 overflows exp in single precision: inf, whose sigmoid is the
        # exact limit 0 (1 / (1 + inf)), so the overflow is no error.
        with np.errstate(over="ignore"):
            for step, m0, m1 in zip(range(steps), *running, strict=True):
                k = max(m0, m1)
                g, s, cm, tg = gates[:, :k], sig[:, :k], c[:, :k], cell[:, :k]
                if step:
                    kb = _blocks(k)
                    shape = (2, kb // _BLOCK_ROWS, _BLOCK_ROWS)
                    np.matmul(
                        states[step - 1, :, :kb].reshape(*shape, n),
                        w_blocks,
                        out=gates[:, :kb].reshape(*shape, 4 * n),
                    )
                    g[0, :m0] += x0[at0 : at0 + m0]
                    g[1, :m1] += x1[at1 : at1 + m1]
                else:
                    g[...] = 0.0
                    g[0, :m0] = x0[:m0]
                    g[1, :m1] = x1[:m1]
                at0 += m0
                at1 += m1
                np.exp(g[:, :, : 3 * n], out=s)  # the i, f, o gates are stored negated
                s += 1
                np.reciprocal(s, out=s)  # sigmoid(i, f, o) = 1 / (1 + exp(-x))
                np.tanh(g[:, :, 3 * n :], out=tg)
                tg *= s[:, :, :n]
                cm *= s[:, :, n : 2 * n]
                cm += tg  # c = f * c + i * tanh(g)
                h = states[step, :, :k]
                np.tanh(cm, out=h)
                h *= s[:, :, 2 * n :]  # h = o * tanh(c)
        which = np.array([b for b, r in enumerate(runs) for _ in r.rows], dtype=np.intp)
        rows = np.array([row for r in runs for row in r.rows], dtype=np.intp)
        hidden = np.concatenate(
            [states[rows, 0, slot[0, which]], states[lengths[which] - 1 - rows, 1, slot[1, which]]],
            axis=1,
        )
        w0, b0, w1, b1 = self.head
        # einsum, not @: numpy's BLAS takes milliseconds over this product on a busy machine.
        top = np.maximum(np.einsum("kh,hj->kj", hidden, w0) + b0, 0)
        # Only the logits of each character's own readings: padded to the most readings any
        # polyphone of the batch has, the padding scored -inf (probability 0).
        chars = [ch for r in runs for ch in r.chars]
        which_class = np.fromiter(
            map(self.class_index.__getitem__, chars), dtype=np.intp, count=len(chars)
        )
        widths = self.class_widths[which_class]
        widest = int(widths.max())
        cols = self.class_columns[which_class, :widest]
        pad = np.arange(widest) >= widths[:, None]
        scores = np.einsum("kh,hkr->kr", top, w1[:, cols]) + b1[cols]
        scores[pad] = -np.inf
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        probs = p.tolist()
        row = 0
        for r in runs:
            got = out[r.item]
            for width in widths[row : row + len(r.chars)].tolist():
                got.append(tuple(probs[row][:width]))
                row += 1


# Texts run together.  Chosen when numpy's OpenBLAS split a product of 256 rows over
# threads (0.3 to 2 ms a step instead of 0.04 ms on a busy two-core machine); the
# product now runs in blocks of _BLOCK_ROWS, which never split, and 512 measured no
# faster (all of Tatoeba, alternated, 2026-12-08).
_BATCH = 128
# Rows of each block of the recurrent product (see G2pM._run).
_BLOCK_ROWS = 8


def _blocks(rows: int) -> int:
    """``rows`` rounded up to whole blocks, one block at least."""
    return max(1, -(-rows // _BLOCK_ROWS)) * _BLOCK_ROWS


@dataclass(frozen=True, slots=True)
class _Run:
    """One text in a g2pM batch."""

    item: int  # its position among the texts asked for
    ids: list[int]  # its characters' vocabulary ids, between the start and end symbols
    rows: list[int]  # the positions in ``ids`` of the characters to read
    chars: list[str]  # those characters


@cache
def g2pm() -> G2pM:
    """g2pM's model, loaded once per process on first use (about 40 ms).

    We read g2pM's four data files ourselves: its constructor leaves them open, which
    Python reports as a ResourceWarning (an error under flashgen's test settings).
    """
    import pickle
    from importlib.resources import files

    import numpy as np

    def load(name: str) -> Any:
        with files("g2pM").joinpath(name).open("rb") as f:
            return pickle.load(f)

    ids = load("char2idx.pkl")
    class_ids = {cedict_syllable(name): idx for name, idx in load("class2idx.pkl").items()}
    readings = {c: tuple(map(cedict_syllable, rs)) for c, rs in load("digest_cedict.pkl").items()}
    w = load("np_ckpt.pkl")
    classes = {}
    for char, rs in readings.items():
        known = tuple(r for r in rs if r in class_ids)
        if len(rs) > 1 and known:
            classes[char] = (known, np.array([class_ids[r] for r in known]))

    widths = np.array([len(known) for known, _ in classes.values()], dtype=np.intp)
    columns = np.zeros((len(classes), int(widths.max())), dtype=np.intp)
    for k, (_, class_ids_) in enumerate(classes.values()):
        columns[k, : len(class_ids_)] = class_ids_

    def f64(*names: str, transpose: bool = False) -> Any:
        # g2pM computes in float64 (its states start as float64); so does our head, and
        # the input projections are made in it.
        arrays = [np.asarray(w[n], dtype=np.float64) for n in names]
        return np.stack([a.T if transpose else a for a in arrays])

    def biases(suffix: str) -> Any:
        return f64(f"lstm.bias_ih_l0{suffix}")[0] + f64(f"lstm.bias_hh_l0{suffix}")[0]

    embeddings = f64("embedding.weight")[0]  # (vocabulary, 64)
    w_ih = f64("lstm.weight_ih_l0", "lstm.weight_ih_l0_reverse", transpose=True)  # (2, 64, 128)
    projections = (
        np.matmul(embeddings[None], w_ih) + np.stack([biases(""), biases("_reverse")])[:, None, :]
    )
    w_hh = f64("lstm.weight_hh_l0", "lstm.weight_hh_l0_reverse").transpose(0, 2, 1)
    # PyTorch's gate order is i, f, g, o; ours i, f, o, g, the first three negated, so that
    # their sigmoid starts with exp (see G2pM._run).  Negation is exact: the products
    # and sums come out as the negated originals, bit for bit.
    # The recurrence runs in single precision: its exp and tanh over every gate of every
    # step were half of g2pM's time, and take a third as long in float32 (Tatoeba, 22,744
    # sentences read: 0.87 -> 0.67 s CPU).  The figures move in the sixth digit; every
    # reading of all Tatoeba sentences (29,369) and all of CPP dev (9,893) is the same.
    n = w_hh.shape[1]
    order = np.r_[0 : 2 * n, 3 * n : 4 * n, 2 * n : 3 * n]
    sign = np.r_[-np.ones(3 * n), np.ones(n)]
    return G2pM(
        ids,
        ids["<UNK>"],
        # g2pM's vocabulary marks sentence start and end with two Hangul syllables.
        ids["시"],
        ids["끝"],
        readings,
        classes,
        np.ascontiguousarray(projections.transpose(1, 0, 2)[:, :, order] * sign, dtype=np.float32),
        np.ascontiguousarray(w_hh[:, :, order] * sign, dtype=np.float32),
        (
            f64("logit_layer.0.weight", transpose=True)[0],
            f64("logit_layer.0.bias")[0],
            f64("logit_layer.2.weight", transpose=True)[0],
            f64("logit_layer.2.bias")[0],
        ),
        {char: k for k, char in enumerate(classes)},
        widths,
        columns,
        dict.fromkeys(ord(c) for c in ids if len(c) == 1),
    )
