"""polypoly 0.0.3's Bi-LSTM without TensorFlow: its SavedModel's weights read with numpy,
its forward pass in numpy, checked against TensorFlow's.

    SCRATCH_PYTHON benchmarks/polypoly_numpy.py [--sentences N]

Groundwork, not used by flashgen: the evaluation (``polypoly_compare.py``) found the model
no help on CPP dev, so it was not wired in.  It answers what shipping it would take:

- the weights: ``variables.data-00000-of-00001`` is a TensorFlow tensor bundle, read here
  without TensorFlow: ``variables.index`` is a LevelDB-format table (SSTable) whose keys
  are the variables' names and whose values are ``BundleEntryProto`` messages (dtype,
  shape, offset and size in the data file); the data is raw little-endian.  The 19 MB file
  also holds Adam's two moments for every weight: the model itself is 1.6 M float32s.
- the forward pass: embedding (5,993 × 128), a bidirectional LSTM of 256 units each way
  (TensorFlow 1's ``LSTMCell``: gates i, j, f, o from ``[x, h] @ kernel + bias``, 1.0
  added to the forget gate), two ReLU layers (512 → 64 → 16) and a softmax over 358 tags.

Runs under the scratch interpreter of ``polypoly_dump.py`` (TensorFlow is imported only
for the check), on the first N CPP dev sentences; prints the largest absolute difference
between the two softmaxes and numpy's time a sentence.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

MARK = "\u2581"
DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 9: np.int64}  # TensorFlow's DataType


def varint(data: bytes, at: int) -> tuple[int, int]:
    """A protobuf / LevelDB varint at ``at``: (value, offset after it)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def block_entries(data: bytes, offset: int, size: int) -> list[tuple[bytes, bytes]]:
    """The (key, value) entries of one uncompressed SSTable block."""
    block = data[offset : offset + size]
    (restarts,) = struct.unpack_from("<I", block, len(block) - 4)
    end = len(block) - 4 - 4 * restarts
    entries, key, at = [], b"", 0
    while at < end:
        shared, at = varint(block, at)
        unshared, at = varint(block, at)
        length, at = varint(block, at)
        key = key[:shared] + block[at : at + unshared]
        at += unshared
        entries.append((key, block[at : at + length]))
        at += length
    return entries


def bundle_entry(message: bytes) -> dict[str, Any]:
    """The fields of a ``BundleEntryProto`` this reader needs: dtype, shape, offset, size."""
    out: dict[str, Any] = {"dtype": 0, "shape": [], "offset": 0, "size": 0}
    at = 0
    while at < len(message):
        tag, at = varint(message, at)
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            value, at = varint(message, at)
            out[{1: "dtype", 3: "shard", 4: "offset", 5: "size"}.get(field, "other")] = value
        elif wire == 5:  # the crc32c
            at += 4
        elif wire == 2:
            length, at = varint(message, at)
            if field == 2:  # TensorShapeProto: repeated dim (field 2) {size (field 1)}
                shape, sub = message[at : at + length], 0
                while sub < len(shape):
                    _, sub = varint(shape, sub)  # the dim's tag
                    dim_length, sub = varint(shape, sub)
                    dim, inner = shape[sub : sub + dim_length], 0
                    size = 0
                    while inner < len(dim):
                        dim_tag, inner = varint(dim, inner)
                        if dim_tag == 0x08:
                            size, inner = varint(dim, inner)
                        else:  # the dim's name
                            skip, inner = varint(dim, inner)
                            inner += skip
                    out["shape"].append(size)
                    sub += dim_length
            at += length
        else:
            raise ValueError(f"unexpected wire type {wire} in a BundleEntryProto")
    return out


def read_bundle(prefix: Path) -> dict[str, np.ndarray]:
    """Every tensor of the bundle ``prefix`` (``…/variables/variables``) but the
    optimiser's, by name."""
    index = prefix.with_suffix(".index").read_bytes()
    data = prefix.with_suffix(".data-00000-of-00001").read_bytes()
    footer = index[-48:]
    _, at = varint(footer, 0)  # the metaindex block's offset and size: unused
    _, at = varint(footer, at)
    index_offset, at = varint(footer, at)
    index_size, at = varint(footer, at)
    tensors = {}
    for _, handle in block_entries(index, index_offset, index_size):
        offset, at = varint(handle, 0)
        size, _ = varint(handle, at)
        for key, value in block_entries(index, offset, size):
            name = key.decode()
            if not name or "Adam" in name or name.endswith("_power"):
                continue  # the header, and the optimiser's state
            entry = bundle_entry(value)
            dtype = np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<")
            raw = data[entry["offset"] : entry["offset"] + entry["size"]]
            tensors[name] = np.frombuffer(raw, dtype=dtype).reshape(entry["shape"])
    return tensors


class PolypolyModel:
    """The tagger's forward pass in numpy (see the module's docstring)."""

    def __init__(self, tensors: dict[str, np.ndarray], vocab: dict[str, int]) -> None:
        self.t = tensors
        self.vocab = vocab

    @classmethod
    def from_folder(cls, folder: Path) -> PolypolyModel:
        tensors = read_bundle(folder / "savedModel" / "variables" / "variables")
        vocab = json.loads((folder / "data" / "vocab.json").read_text(encoding="utf-8"))
        return cls(tensors, vocab)

    def _lstm(self, xs: np.ndarray, prefix: str) -> np.ndarray:
        kernel = self.t[f"BiLSTM/{prefix}/lstm_cell/kernel"]
        bias = self.t[f"BiLSTM/{prefix}/lstm_cell/bias"]
        units = kernel.shape[1] // 4
        # the input's share of every step at once; the recurrent share step by step
        pre = xs @ kernel[: xs.shape[1]] + bias
        recurrent = kernel[xs.shape[1] :]
        h = np.zeros(units, dtype=np.float32)
        c = np.zeros(units, dtype=np.float32)
        out = np.empty((len(xs), units), dtype=np.float32)
        for step in range(len(xs)):
            z = pre[step] + h @ recurrent
            i, j, f, o = np.split(z, 4)
            c = c / (1 + np.exp(-(f + 1.0))) + np.tanh(j) / (1 + np.exp(-i))
            h = np.tanh(c) / (1 + np.exp(-o))
            out[step] = h
        return out

    def _lstm_batch(self, xs: np.ndarray, lengths: list[int], prefix: str) -> np.ndarray:
        """:meth:`_lstm` of a batch padded at the end (B × T × 128): a step's state at a
        sentence's own positions never depends on the padding after them."""
        kernel = self.t[f"BiLSTM/{prefix}/lstm_cell/kernel"]
        bias = self.t[f"BiLSTM/{prefix}/lstm_cell/bias"]
        units = kernel.shape[1] // 4
        pre = xs @ kernel[: xs.shape[2]] + bias
        recurrent = kernel[xs.shape[2] :]
        h = np.zeros((len(xs), units), dtype=np.float32)
        c = np.zeros((len(xs), units), dtype=np.float32)
        out = np.empty((len(xs), xs.shape[1], units), dtype=np.float32)
        for step in range(max(lengths)):
            z = pre[:, step] + h @ recurrent
            i, j, f, o = np.split(z, 4, axis=1)
            c = c / (1 + np.exp(-(f + 1.0))) + np.tanh(j) / (1 + np.exp(-i))
            h = np.tanh(c) / (1 + np.exp(-o))
            out[:, step] = h
        return out

    def softmax_batch(self, sentences: list[str]) -> list[np.ndarray]:
        """:meth:`softmax` of several sentences at once (matrix products per step in place
        of vector products)."""
        lengths = [len(s) for s in sentences]
        width = max(lengths)
        ids = np.zeros((len(sentences), width), dtype=np.int64)
        backward_ids = np.zeros_like(ids)
        for k, s in enumerate(sentences):
            row = [self.vocab.get(c, self.vocab["<unk>"]) for c in s]
            ids[k, : len(row)] = row
            backward_ids[k, : len(row)] = row[::-1]  # reversed within its own length
        table = self.t["embedding"]
        forward = self._lstm_batch(table[ids], lengths, "fw")
        backward = self._lstm_batch(table[backward_ids], lengths, "bw")
        out = []
        for k, n in enumerate(lengths):
            hidden = np.concatenate([forward[k, :n], backward[k, :n][::-1]], axis=1)
            for layer in ("dense", "dense_1"):
                hidden = np.maximum(hidden @ self.t[f"{layer}/kernel"] + self.t[f"{layer}/bias"], 0)
            logits = hidden @ self.t["dense_2/kernel"] + self.t["dense_2/bias"]
            logits -= logits.max(axis=1, keepdims=True)
            e = np.exp(logits)
            out.append(e / e.sum(axis=1, keepdims=True))
        return out

    def softmax(self, sentence: str) -> np.ndarray:
        """(characters × 358) tag probabilities."""
        ids = [self.vocab.get(c, self.vocab["<unk>"]) for c in sentence]
        xs = self.t["embedding"][ids]
        forward = self._lstm(xs, "fw")
        backward = self._lstm(xs[::-1], "bw")[::-1]
        hidden = np.concatenate([forward, backward], axis=1)
        for layer in ("dense", "dense_1"):
            hidden = np.maximum(hidden @ self.t[f"{layer}/kernel"] + self.t[f"{layer}/bias"], 0)
        logits = hidden @ self.t["dense_2/kernel"] + self.t["dense_2/bias"]
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=200, metavar="N")
    args = parser.parse_args()

    import importlib.util

    spec = importlib.util.find_spec("polypoly")
    if spec is None or spec.origin is None:
        raise SystemExit("polypoly is not installed here: see polypoly_dump.py's docstring")
    folder = Path(spec.origin).parent
    t = time.perf_counter()
    model = PolypolyModel.from_folder(folder)
    print(
        f"numpy reader: {len(model.t)} tensors in {time.perf_counter() - t:.2f} s, "
        f"{sum(a.size for a in model.t.values()):,} float32s"
    )
    data = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "pinyin"
    sentences = [
        s.replace(MARK, "")
        for s in (data / "dev.sent")
        .read_text(encoding="utf-8")
        .splitlines()[:: max(1, 9893 // args.sentences)]
    ][: args.sentences]
    t = time.perf_counter()
    ours = [model.softmax(s) for s in sentences]
    took = time.perf_counter() - t
    print(
        f"numpy forward pass: {1000 * took / len(sentences):.2f} ms a sentence "
        f"({len(sentences)} sentences, {sum(map(len, sentences)) / len(sentences):.0f} "
        f"characters on average)"
    )

    import tensorflow as tf

    serve = tf.saved_model.load(str(folder / "savedModel")).signatures["serving_default"]
    worst = 0.0
    for sentence, mine in zip(sentences, ours, strict=True):
        ids = np.zeros((1, 300), dtype=np.int64)  # the SavedModel's fixed width
        ids[0, : len(sentence)] = [model.vocab.get(c, model.vocab["<unk>"]) for c in sentence]
        reference = serve(
            input_data=tf.constant(ids),
            original_sequence_lengths=tf.constant([len(sentence)], dtype=tf.int64),
            tags=tf.constant(np.ones_like(ids)),
        )["viterbi_sequence"].numpy()[0, : len(sentence)]
        worst = max(worst, float(np.abs(mine - reference).max()))
    print(f"numpy vs TensorFlow on {len(sentences)} sentences: max abs diff {worst:.2e}")
    t = time.perf_counter()
    batched = model.softmax_batch(sentences)
    took = time.perf_counter() - t
    gap = max(float(np.abs(a - b).max()) for a, b in zip(batched, ours, strict=True))
    print(
        f"numpy, one batch: {1000 * took / len(sentences):.2f} ms a sentence; "
        f"max abs diff from one at a time {gap:.2e}"
    )


if __name__ == "__main__":
    sys.exit(main())
