"""Context-correct pinyin: one numbered syllable per Han character of each word.

Syllables are lower-case, numbered, sandhi-free (一 is always ``yi1``, 不 ``bu4``, as
CC-CEDICT writes them), with tone 5 for the neutral tone, ``v`` for ü (``lv4``, ``nve4``:
ASCII, the convention of pypinyin and of most IMEs, and unambiguous because pinyin has
no ``v`` of its own) and ``r5`` for the erhua 儿 where CC-CEDICT writes it
(一点儿 → ``yi1 dian3 r5``).  A Han character that no source can read gets
``UNKNOWN_SYLLABLE``.

How a sentence is read (``read_sentence``):

* g2pM, a small BiLSTM trained on the CPP polyphone corpus (Wikipedia sentences), reads
  the whole sentence once and gives a probability for each reading of every polyphonic
  character.
* The word's CC-CEDICT reading and pypinyin's phrase list vote (see ``_choice`` and the
  weights below).  An everyday word's dictionary reading wins: g2pM learnt majority
  readings and is confidently wrong on words like 为什么 or 了解.  A segment CC-CEDICT
  lacks is split into the fewest CC-CEDICT words first (国家银行 → 国家 + 银行: háng).
* Where CC-CEDICT has a neutral tone or erhua that g2pM reads with a full tone (衣服
  yīfu, 知识 zhīshi), CC-CEDICT wins: that is the standard Mandarin reading learners are
  taught, and the one the gloss was written for.
* The function words 地, 得 and 只, standing alone, are read from their neighbours
  (慢慢地 de, 跑得快 de, 我得走 děi, 一只 zhī), where g2pM is systematically wrong.
* Characters g2pM does not know (rare or traditional ones; traditional text is read
  through its simplified form) get pypinyin's reading, then CC-CEDICT's.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from typing import Any, NamedTuple

from flashgen.resources.cedict import load_cedict
from flashgen.text.script import HAN, HAN_RUN, is_han

# Placeholder for a Han character none of g2pM, pypinyin and CC-CEDICT can read.  It is
# not a pinyin syllable on purpose, so that no one mistakes it for one; tone_of gives 5.
UNKNOWN_SYLLABLE = "?"

# A CC-CEDICT token is a syllable if it is letters then a tone digit; ``xx5`` is what
# CC-CEDICT writes for "reading unknown".
_SYLLABLE = re.compile(r"[a-z]+[1-5]")
_CEDICT_UNKNOWN = "xx5"

# How the dictionaries' votes are weighed against g2pM (see _choice): each vote adds its
# weight to the natural log of g2pM's probability for the reading it names.
#
# A common word's CC-CEDICT reading that pypinyin's phrase list does not contradict:
# ln 10^15, so it loses only to a g2pM 10^15 times surer of another reading.  g2pM is that
# sure against readings CC-CEDICT keeps from older usage (拖拽 tuōyè, 混行 húnxíng: 1e-17
# to 1e-29 on CPP dev), but contradicts everyday words at 1e-3 to 1e-13 (理发店 lǐfādiàn,
# 选中 xuǎnzhòng, 系上 jìshang, on Tatoeba).  Weights from 30 to 45 give the same results
# on the first 15,000 Tatoeba sentences and agree within 0.02 points on CPP dev
# (benchmarks/polyphones.py --tatoeba 15000).
COMMON_WORD_BONUS = 34.5
# A name's CC-CEDICT reading, or one that pypinyin's phrase list contradicts (穿着 as a
# noun chuānzhuó, or verb + 着 chuānzhe): it wins unless g2pM gives it less than
# e^-6 ≈ 0.25 %.  pypinyin's phrase list, less careful about polyphones, counts half as
# much.  Both chosen by grid search (3-10 and 0-5) on the even-numbered half of CPP dev
# and checked on the odd-numbered half; neighbouring values change either by 0.05 points
# at most.
LEXICAL_BONUS = 6.0
PHRASE_BONUS = 3.0
# Added to g2pM's probabilities so that a reading it does not list has a (tiny) log.
_FLOOR = 1e-300
# The longest CC-CEDICT headword (2023-11 release) has 19 characters.
_LONGEST_WORD = 19


# --- formatting ----------------------------------------------------------------------
_TONE_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}  # combining marks
_VOWELS = "aeiouü"


def tone_of(syllable: str) -> int:
    """The tone of a numbered syllable, 1-5 (5: neutral, also for ``UNKNOWN_SYLLABLE``)."""
    return int(syllable[-1]) if syllable and syllable[-1] in "12345" else 5


def numbered(syllables: Iterable[str]) -> str:
    """``("you2", "shui4")`` → ``"you2 shui4"``."""
    return " ".join(syllables)


# A few hundred syllables make up every text: each is marked once.
@lru_cache(maxsize=4096)
def _with_mark(syllable: str) -> str:
    if syllable and syllable[-1] in "12345":
        body, tone = syllable[:-1], int(syllable[-1])
    else:
        body, tone = syllable, 5
    body = body.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü").replace("V", "Ü")
    mark = _TONE_MARKS.get(tone)
    if mark is None:
        return body
    low = body.lower()
    if "a" in low:
        at = low.index("a")
    elif "e" in low:
        at = low.index("e")
    elif "ou" in low:
        at = low.index("o")
    else:
        vowels = [i for i, c in enumerate(low) if c in _VOWELS]
        # Syllabic nasals (m2 呣, ng2 嗯, hng5 哼) carry the mark on m or n.
        nasals = [i for i, c in enumerate(low) if c in "mn"]
        if vowels:
            at = vowels[-1]
        elif nasals:
            at = nasals[0]
        else:
            return body
    return unicodedata.normalize("NFC", body[: at + 1] + mark + body[at + 1 :])


@lru_cache(maxsize=4096)
def _starts_with_aoe(marked: str) -> bool:
    return unicodedata.normalize("NFD", marked)[0].lower() in "aoe"


def tone_marks_spaced(syllables: Iterable[str]) -> str:
    """``("you2", "shui4")`` → ``"yóu shuì"``; the neutral tone is unmarked, ``r5`` is ``r``."""
    return " ".join(_with_mark(s) for s in syllables)


def tone_marks(syllables: Iterable[str]) -> str:
    """Joined tone-marked pinyin: ``("xi1", "an1")`` → ``"xī'ān"``, ``("lv4",)`` → ``"lǜ"``.

    An apostrophe separates a syllable starting with a, o or e from the one before it, as
    the pinyin orthography rules ask; erhua ``r5`` attaches directly (yīdiǎnr).
    """
    out: list[str] = []
    for s in syllables:
        marked = _with_mark(s)
        if out and marked and _starts_with_aoe(marked):
            out.append("'")
        out.append(marked)
    return "".join(out)


def _cedict_syllable(token: str) -> str:
    """A CC-CEDICT (or g2pM) pinyin token in our spelling: ``Lu:4`` → ``lv4``: lower case,
    ``u:`` → ``v``, tone 5 kept."""
    return token.replace("u:", "v").replace("U:", "v").lower()


def word_reading(word: str, pinyin: str) -> tuple[str, ...] | None:
    """The syllables of CC-CEDICT reading ``pinyin`` for ``word``'s Han characters.

    None when the reading does not line up with the word (one token per character) or
    gives no syllable for one of its Han characters.

    >>> word_reading("卡拉OK", "ka3 la1 O K")
    ('ka3', 'la1')
    """
    # Only the Han characters' tokens are normalised (a token that is not a syllable once
    # normalised is not one as written either).
    tokens = pinyin.split()
    if len(tokens) != len(word):
        return None
    if HAN_RUN.fullmatch(word):  # most words: every token must be a syllable
        syllables = tuple(map(_han_syllable, tokens))
        return None if None in syllables else syllables  # type: ignore[return-value]
    out = []
    for c, t in zip(word, tokens, strict=True):
        if is_han(c):
            s = _han_syllable(t)
            if s is None:
                return None
            out.append(s)
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _han_syllable(token: str) -> str | None:
    """A CC-CEDICT token under a Han character in our spelling, None where it gives no
    syllable.  Each distinct token is worked out once: CC-CEDICT writes a few thousand,
    and every word read for the first time is made of them."""
    s = _cedict_syllable(token)
    return s if _SYLLABLE.fullmatch(s) and s != _CEDICT_UNKNOWN else None


# --- the sources -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _G2pM:
    """g2pM's weights and tables, with our own forward pass.

    g2pM's ``__call__`` keeps only the arg-max over all 876 classes (and fails on an empty
    string); we need the probabilities of the character's own readings to
    weigh them against the dictionaries.  The network is the same: embeddings, a one-layer
    BiLSTM (PyTorch gate order i, f, g, o, hidden size 32), a two-layer head.  Ours runs
    many sentences at once (:meth:`probabilities`), both directions in one loop, with the input
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
    # (the gates of both in the order i, f, o, g, the first three negated: see _g2pm)
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
        # The gates are stored in the order i, f, o, g (see _g2pm): one sigmoid for three.
        # At least two rows, always: numpy computes a product with one row by BLAS's
        # matrix-vector routine, whose rounding differs from the matrix-matrix one, and a
        # text's readings must not depend on how many texts share its batch.  A row past
        # the texts still running in its direction holds zeros or a finished text's state:
        # it is computed and never read.
        rows_ = max(size, 2)
        states = np.zeros((steps, 2, rows_, n))  # h at each step
        c = np.zeros((2, rows_, n))
        gates = np.empty((2, rows_, 4 * n))
        sig = np.empty((2, rows_, 3 * n))
        cell = np.empty((2, rows_, n))
        x0, x1 = x
        at0 = at1 = 0
        for step, m0, m1 in zip(range(steps), *running, strict=True):
            k = max(m0, m1, 2)
            g, s, cm, tg = gates[:, :k], sig[:, :k], c[:, :k], cell[:, :k]
            if step:
                np.matmul(states[step - 1, :, :k], self.w_hh, out=g)
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


# Texts run together.  From 256 on, numpy's OpenBLAS splits the recurrent product over
# threads, which costs far more than it saves at this size (0.3 to 2 ms a step instead
# of 0.04 ms on a busy two-core machine).
_BATCH = 128


@dataclass(frozen=True, slots=True)
class _Run:
    """One text in a g2pM batch."""

    item: int  # its position among the texts asked for
    ids: list[int]  # its characters' vocabulary ids, between the start and end symbols
    rows: list[int]  # the positions in ``ids`` of the characters to read
    chars: list[str]  # those characters


@cache
def _g2pm() -> _G2pM:
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
    class_ids = {_cedict_syllable(name): idx for name, idx in load("class2idx.pkl").items()}
    readings = {c: tuple(map(_cedict_syllable, rs)) for c, rs in load("digest_cedict.pkl").items()}
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
        # g2pM computes in float64 (its states start as float64); so do we, to match it.
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
    # their sigmoid starts with exp (see _G2pM._run).  Negation is exact: the products
    # and sums come out as the negated originals, bit for bit.
    n = w_hh.shape[1]
    order = np.r_[0 : 2 * n, 3 * n : 4 * n, 2 * n : 3 * n]
    sign = np.r_[-np.ones(3 * n), np.ones(n)]
    return _G2pM(
        ids,
        ids["<UNK>"],
        # g2pM's vocabulary marks sentence start and end with two Hangul syllables.
        ids["시"],
        ids["끝"],
        readings,
        classes,
        np.ascontiguousarray(projections.transpose(1, 0, 2)[:, :, order] * sign),
        np.ascontiguousarray(w_hh[:, :, order] * sign),
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


# Segments recur across a text; these caches keep the lookups of a few thousand of them.
@lru_cache(maxsize=1 << 14)
def _pypinyin(text: str) -> tuple[str, ...]:
    """pypinyin's reading of a segment, one entry per character ("" where it has none)."""
    from pypinyin import Style, pinyin

    def read(chunk: str) -> list[str]:
        got = pinyin(
            chunk,
            style=Style.TONE3,
            neutral_tone_with_five=True,
            errors=lambda rest: [""] * len(rest),
        )  # type: ignore[arg-type, return-value]
        return [item[0] if item else "" for item in got]

    out = read(text)
    if len(out) != len(text):  # never seen; keeps the one-per-character promise regardless
        out = [(read(c) + [""])[0] for c in text]
    return tuple(s if _SYLLABLE.fullmatch(s) else "" for s in out)


def load_tables() -> None:
    """Load the readings taken from pypinyin (built into the cache folder on a first
    run; they need nothing else, see annotate.load_language_data)."""
    _phrases()
    _pypinyin_chars()


@cache
def _phrases() -> dict[str, str]:
    """pypinyin's phrase list: each phrase with its reading (numbered syllables, joined
    by spaces), kept in the cache folder.  pypinyin costs a quarter of a second to import,
    at every start; this is read in 17 ms.  The readings are pypinyin's own
    phrase readings, converted as ``pinyin(..., Style.TONE3, neutral_tone_with_five=True)``
    converts them (``tests/test_pinyin.py`` checks a sample against :func:`_pypinyin`)."""
    from flashgen.resources.cache import cached_data, package_file, source_key

    source = package_file("pypinyin")

    def build() -> dict[str, object]:
        from pypinyin.constants import PHRASES_DICT
        from pypinyin.contrib.tone_convert import to_tone3

        @cache
        def numbered(syllable: str) -> str:
            s = to_tone3(syllable, v_to_u=False, neutral_tone_with_five=True)
            return s if _SYLLABLE.fullmatch(s) else ""

        return {
            "phrases": {
                word: " ".join(numbered(r[0]) for r in readings)
                if len(readings) == len(word)
                else " ".join(_pypinyin(word))  # never seen; _pypinyin reads such a phrase alone
                for word, readings in PHRASES_DICT.items()
            }
        }

    phrases: dict[str, str] = cached_data("pypinyin-phrases", source_key([source], 1), build)[
        "phrases"
    ]
    return phrases


@cache
def _pypinyin_chars() -> dict[str, str]:
    """What :func:`_pypinyin` gives each character alone, for the characters it reads,
    kept in the cache folder.  pypinyin reads a lone character by its first reading in
    its character list, converted the way :func:`_pypinyin` converts it; that conversion
    depends on the syllable alone, so each distinct syllable is converted once, by
    :func:`_pypinyin` itself (``tests/test_pinyin.py`` checks a sample)."""
    from flashgen.resources.cache import cached_data, package_file, source_key

    source = package_file("pypinyin")

    def build() -> dict[str, object]:
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

        converted: dict[str, str] = {}
        chars: dict[str, str] = {}
        for code, readings in PINYIN_DICT.items():
            char = chr(code)
            if char in PHRASES_DICT:  # never seen: read such a character as pypinyin does
                reading = _pypinyin(char)[0]
            else:
                first = readings.split(",")[0]
                if first not in converted:
                    converted[first] = _pypinyin(char)[0]
                reading = converted[first]
            if reading:
                chars[char] = reading
        return {"chars": chars}

    chars: dict[str, str] = cached_data("pypinyin-chars", source_key([source], 1), build)["chars"]
    return chars


def _cedict_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """CC-CEDICT's distinct readings of ``word`` that line up with its Han characters."""
    return _cedict_word(word)[0]


@lru_cache(maxsize=1 << 16)
def _cedict_word(word: str) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """:func:`_cedict_readings` of ``word``, and whether all CC-CEDICT entries of
    ``word`` that line up with it are proper nouns, in one pass."""
    out: list[tuple[str, ...]] = []
    name = True
    for entry in load_cedict().lookup(word):
        r = word_reading(word, entry.pinyin)
        if r is None:
            continue
        if r not in out:
            out.append(r)
        if name:
            first = next((t for t in entry.pinyin.split() if _SYLLABLE.fullmatch(t.lower())), "x")
            name = first[0].isupper()
    return tuple(out), name


def _cedict_pieces(text: str) -> list[tuple[int, int]]:
    """``text`` cut into the fewest pieces that are CC-CEDICT words or single characters."""
    n = len(text)
    # best[end] = (pieces, start of the last piece) for text[:end]
    best: list[tuple[int, int]] = [(0, 0)] + [(n + 1, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            if end - start > 1 and not _cedict_readings(text[start:end]):
                continue
            if best[start][0] + 1 < best[end][0]:
                best[end] = (best[start][0] + 1, start)
    pieces = []
    while n > 0:
        start = best[n][1]
        pieces.append((start, n))
        n = start
    return pieces[::-1]


# --- the choice ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Votes:
    """What the dictionaries say about one character of a multi-character word."""

    lexical: str | None  # the reading all of CC-CEDICT's readings of the word agree on
    phrase: str | None  # pypinyin's reading, if the word is in its phrase list
    name: bool  # every CC-CEDICT reading of the word is a proper noun's


_NO_VOTES = _Votes(None, None, False)


def _is_light_form(dictionary: str, model: str) -> bool:
    """Whether ``dictionary`` is the neutral-tone or erhua form of ``model``'s syllable."""
    if dictionary == "r5":
        return model.startswith("er")
    return dictionary.endswith("5") and dictionary[:-1] == model[:-1]


def _settled(votes: _Votes) -> bool:
    """Whether the votes decide a polyphonic character whatever g2pM says.

    A common word whose reading both dictionaries give is read that way outright.
    g2pM learnt from Wikipedia sentences in which most polyphones have their majority
    reading, and is confidently wrong on everyday words: on the first 15,000 Tatoeba
    sentences it contradicts a word's only CC-CEDICT reading 625 times (为什么 wéi,
    高兴 xīng, 应该 yìng, 了解 le, 银行 xíng), almost always wrongly.  For names CC-CEDICT
    is the one more often wrong (勃艮第 gěn, 帖木儿 tiē), so they are weighed (_choice).
    """
    return votes.lexical is not None and votes.lexical == votes.phrase and not votes.name


@dataclass(frozen=True, slots=True)
class _Choice:
    """How a polyphonic character of a word is read, given g2pM's probabilities for its
    readings in one sentence.  Everything that depends on the word alone is worked out
    once per word (see :func:`_choice`); what is left per sentence is a few logs."""

    readings: tuple[str, ...]  # g2pM's readings of the character, in its order
    lexical: str | None  # the word's CC-CEDICT reading of it (see _Votes)
    # Each reading that can win, in sorted order (sorted: the same choice on every run),
    # with its index in ``readings`` (-1: g2pM does not list it) and the two bonuses
    # added to the log of its probability (0.0 where the dictionary does not name it).
    candidates: tuple[tuple[str, int, float, float], ...]

    def pick(self, probs: Sequence[float]) -> str:
        """The reading, from g2pM's probabilities of ``readings``."""
        lexical = self.lexical
        if lexical is not None:
            # g2pM's favourite: its first most probable reading
            best = self.readings[probs.index(max(probs))]
            if _is_light_form(lexical, best):
                return lexical
        chosen, top = "", 0.0
        for reading, at, lexical_bonus, phrase_bonus in self.candidates:
            # Added one after the other, as the weights are defined (adding 0.0 changes
            # nothing); the first best score wins.
            s = math.log((probs[at] if at >= 0 else 0.0) + _FLOOR) + lexical_bonus + phrase_bonus
            if not chosen or s > top:
                chosen, top = reading, s
        return chosen


def _choice(char: str, votes: _Votes) -> _Choice:
    """How the polyphone ``char`` is chosen where the dictionaries vote ``votes`` and
    do not settle it (see _settled).

    If g2pM's favourite reading is the full-tone form of CC-CEDICT's neutral tone or
    erhua, CC-CEDICT's wins (see the module's docstring).  Otherwise each reading scores
    the natural log of g2pM's probability plus the weights of the dictionaries that vote
    for it, and the best score wins.
    """
    lexical = votes.lexical
    if votes.name or votes.phrase not in (None, lexical):
        lexical_bonus = LEXICAL_BONUS
    else:
        lexical_bonus = COMMON_WORD_BONUS
    readings = _g2pm().classes[char][0]
    candidates = sorted(set(readings) | {v for v in (lexical, votes.phrase) if v})
    return _Choice(
        readings,
        lexical,
        tuple(
            (
                r,
                readings.index(r) if r in readings else -1,
                lexical_bonus if r == lexical else 0.0,
                PHRASE_BONUS if r == votes.phrase else 0.0,
            )
            for r in candidates
        ),
    )


def _votes(text: str) -> tuple[_Votes, ...]:
    """The dictionaries' votes for each character of the segment ``text``.

    A segment neither dictionary knows is cut into CC-CEDICT words, which vote for their
    own characters.
    """
    if len(text) < 2:
        return (_NO_VOTES,) * len(text)
    readings, name = _cedict_word(text)
    phrase = _phrases().get(text)
    if readings or phrase is not None:  # most words: the word votes as a whole
        return tuple(_piece_votes(text, readings, name, phrase))
    votes = [_NO_VOTES] * len(text)
    for start, end in _cedict_pieces(text):
        if end - start < 2:
            continue
        piece = text[start:end]
        readings, name = _cedict_word(piece)
        votes[start:end] = _piece_votes(piece, readings, name, _phrases().get(piece))
    return tuple(votes)


def _han_positions(text: str) -> Sequence[int]:
    """The indices of ``text``'s Han characters (most words are Han only)."""
    return (
        range(len(text))
        if HAN_RUN.fullmatch(text)
        else [i for i, c in enumerate(text) if is_han(c)]
    )


def _piece_votes(
    piece: str, readings: tuple[tuple[str, ...], ...], name: bool, phrase: str | None
) -> list[_Votes]:
    """The votes for each character of a word of one of the dictionaries, given its
    CC-CEDICT readings, whether it is a name (:func:`_cedict_word`) and its phrase-list
    reading (None: not in the list)."""
    name = bool(readings) and name
    syllables = phrase.split(" ") if phrase is not None else None
    votes = [_NO_VOTES] * len(piece)
    han = _han_positions(piece)
    for k, i in enumerate(han):
        if len(readings) == 1:  # most words: one reading, which is the vote
            lexical: str | None = readings[0][k]
        else:
            at_k = {r[k] for r in readings}
            lexical = at_k.pop() if len(at_k) == 1 else None
        votes[i] = _Votes(lexical, (syllables[i] or None) if syllables else None, name)
    return votes


# --- function words ---------------------------------------------------------------------
# g2pM reads three of the commonest function words by their majority reading in its
# Wikipedia training data, whatever the grammar.  On the 29,155 Tatoeba sentences it reads
# 地 after an adverbial (慢慢地走) as dì 167 times out of 181, the complement 得 (跑得快)
# as dé 332 times out of 447, never the modal 得 (我得走了) as děi (53 times), and the
# measure word 只 after a numeral (一只狗) as zhǐ 82 times out of 83.  When the segmenter
# leaves one of them as a word of its own, its neighbours decide; on CPP dev this changes
# four readings, two for the better.
_NUMERAL = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万几半]+")
# After these, 地 is the noun "ground, land" (这块地, 在地上, 各地) and 得 "to obtain"
# (只得, 不得, 何得) rather than a particle.
_BEFORE_NOUN_DI = frozenset("在从到于把将往向落各此该本当满遍何等每这那")
_LAND_MEASURES = "块片亩"  # 这块地, 一片地, 三亩地
_BEFORE_VERB_DE = frozenset("只才不未方始而亦乃何可必需须难值")
_PRONOUNS = frozenset(
    {
        "我",
        "你",
        "您",
        "他",
        "她",
        "它",
        "我们",
        "你们",
        "他们",
        "她们",
        "它们",
        "咱们",
        "大家",
        "自己",
    }
)
# 得 followed by these (or by a number) is the verb "to get, to catch" (他得了第一,
# 得过重病), not the particle or "must".
_AFTER_VERB_DE = frozenset("了过着到")


def _function_word(char: str, before: str, after: str) -> str | None:
    """地, 得 or 只 as a word of its own, read from its neighbours; None: ask g2pM.

    ``before`` is the word before it, ``after`` the character after it ("" for none).
    """
    if char == "只":
        measure = _NUMERAL.fullmatch(before) or before in ("这", "那", "哪", "每")
        return "zhi1" if before and measure else None
    if not before or not is_han(before[-1]) or not is_han(after):
        return None
    if char == "地":
        return None if before in _BEFORE_NOUN_DI or before[-1] in _LAND_MEASURES else "de5"
    if char == "得":
        if after in _AFTER_VERB_DE or _NUMERAL.match(after):
            return None
        if before in _PRONOUNS:
            return "dei3"
        return None if before in _BEFORE_VERB_DE else "de5"
    return None


def _fallback(char: str, text: str, at: int) -> str:
    """pypinyin's reading of ``char`` (``text[at]``), else CC-CEDICT's, else the placeholder."""
    # A character alone (nearly every case) is read from the table, not by importing
    # pypinyin (a third of a second).
    guess = _pypinyin_chars().get(char, "") if len(text) == 1 else _pypinyin(text)[at]
    if guess:
        return guess
    for reading in _cedict_readings(char):
        return reading[0]
    return UNKNOWN_SYLLABLE


@lru_cache(maxsize=1 << 16)
def _whole_reading(word: str, chosen: tuple[str, ...], judged: tuple[int, ...]) -> tuple[str, ...]:
    """The one CC-CEDICT reading of ``word`` that agrees with the characters g2pM judged.

    For a word with several readings the characters' choice picks the reading, which then
    gives the other characters theirs: 便宜 with 便 read pián is piányi (not piányí).
    Asked only of a word with several readings and a judged character (``_Word.several``).
    """
    readings = _cedict_readings(word)
    fits = [
        r
        for r in readings
        if all(r[i] == chosen[i] or _is_light_form(r[i], chosen[i]) for i in judged)
    ]
    return fits[0] if len(fits) == 1 else chosen


def read_sentence(sentence: str, words: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
    """The reading of each word span of ``sentence``, one syllable per Han character.

    ``words`` are (start, end) offsets into ``sentence``, normally the segmenter's words
    covering it.  Characters that are not Han (see ``HAN_RANGES``) get no syllable, so
    ``len(result[i]) == han_count(sentence[start:end])``.

    >>> read_sentence("他还在银行", [(0, 1), (1, 2), (2, 3), (3, 5)])
    [('ta1',), ('hai2',), ('zai4',), ('yin2', 'hang2')]
    """
    return read_sentences([(sentence, words)])[0]


def read_sentences(
    sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]],
) -> list[list[tuple[str, ...]]]:
    """:func:`read_sentence` of each (sentence, word spans), with g2pM run over all of them
    at once: much faster than one at a time, and each result is the same as
    :func:`read_sentence` gives for that sentence alone."""
    plans = [_plan(sentence, words) for sentence, words in sentences]
    probs = iter(_probabilities([(p.text, p.unsettled) for p in plans if p and p.unsettled]))
    return [
        _read(p, next(probs) if p.unsettled else ()) if p else [() for _ in words]
        for p, (_, words) in zip(plans, sentences, strict=True)
    ]


# g2pM's figures for the sentences read lately: (text, indices) → rows, as
# _G2pM.probabilities gives them.  They depend on the text alone (see _G2pM.probabilities),
# and sentences recur (Tatoeba: one in eight of those g2pM reads).
_SEEN: dict[tuple[str, tuple[int, ...]], tuple[tuple[float, ...], ...]] = {}
_SEEN_MAX = 1 << 14


def _probabilities(
    items: Sequence[tuple[str, Sequence[int]]],
) -> list[tuple[tuple[float, ...], ...]]:
    """:meth:`_G2pM.probabilities`, each distinct text run once."""
    keys = [(text, tuple(targets)) for text, targets in items]
    todo = {key: None for key in keys if key not in _SEEN}
    new = dict(zip(todo, map(tuple, _g2pm().probabilities(list(todo))), strict=True))
    out = [new[key] if key in new else _SEEN[key] for key in keys]
    for key, rows in new.items():
        if len(_SEEN) >= _SEEN_MAX:
            del _SEEN[next(iter(_SEEN))]  # the oldest
        _SEEN[key] = rows
    return out


class _Plan(NamedTuple):
    """A sentence's words, as far as they can be read without g2pM, and what is left open.

    (A NamedTuple: one is made per sentence, in a third of a frozen dataclass's time.)"""

    text: str  # the sentence, simplified where g2pM needs it
    readings: list[tuple[str, ...]]  # each word's reading, if g2pM has no say in it
    open: list[tuple[int, _Word]]  # the other words: (index, how it is read)
    unsettled: list[int]  # indices of the characters g2pM has to weigh, word after word


@dataclass(frozen=True, slots=True)
class _Word:
    """How a word is read, apart from the sentence it is in."""

    text: str
    syllables: tuple[str, ...]  # its reading; "" for each character g2pM has to weigh
    open: tuple[tuple[int, int, _Choice], ...]  # such a character: (offset, syllable, how)
    judged: tuple[int, ...]  # the syllables of its polyphones (see _whole_reading)
    several: bool  # whether CC-CEDICT has several readings to pick from (_whole_reading)
    function: bool  # 地, 得 or 只, which its neighbours may read (see _function_word)
    special: bool  # whether ``syllables`` may not be all: open or function


def _plan(sentence: str, words: Sequence[tuple[int, int]]) -> _Plan | None:
    """None for a sentence without Han characters (every word reads as no syllables)."""
    n = len(sentence)
    for start, end in words:
        if not 0 <= start <= end <= n:
            raise ValueError(f"word span ({start}, {end}) is outside a sentence of {n} characters")
    if not HAN.search(sentence):
        return None
    model = _g2pm()
    # (a deletion and a search: half the time of a list of the Han characters to test)
    if HAN.search(sentence.translate(model.known)):
        # g2pM was trained on simplified text only.  Traditional text is read through its
        # simplified form, as the segmenter does (same length, so offsets still hold).
        from flashgen.text.script import to_simplified

        sentence = to_simplified(sentence)
    # Most words are read from the cache alone: a lookup and their syllables.
    found = [_word(sentence[start:end]) for start, end in words]
    readings = [word.syllables for word in found]
    open_: list[tuple[int, _Word]] = []
    unsettled: list[int] = []
    word_ending_at: dict[int, int] | None = None
    for w in [w for w, word in enumerate(found) if word.special]:
        word = found[w]
        start, end = words[w]
        if word.function:
            if word_ending_at is None:
                word_ending_at = {e: s for s, e in words if e > s}
            before = sentence[word_ending_at.get(start, start - 1) : start] if start else ""
            reading = _function_word(word.text, before, sentence[end : end + 1])
            if reading is not None:
                readings[w] = (reading,)
                continue
        if word.open:
            open_.append((w, word))
            unsettled.extend([start + k for k, _, _ in word.open])
    return _Plan(sentence, readings, open_, unsettled)


@lru_cache(maxsize=1 << 16)
def _word(text: str) -> _Word:
    """What can be said about reading ``text`` before seeing its sentence."""
    model = _g2pm()
    votes = _votes(text)
    syllables: list[str] = []
    judged = []  # positions (in syllables) of the characters g2pM judges
    open_ = []
    han = _han_positions(text)
    for k in han:
        char = text[k]
        lexical = votes[k].lexical
        if char in model.classes:
            judged.append(len(syllables))
            if _settled(votes[k]):
                syllables.append(lexical)  # type: ignore[arg-type]  # _settled: not None
            else:
                open_.append((k, len(syllables), _choice(char, votes[k])))
                syllables.append("")
        elif lexical is not None:
            # g2pM lists one reading for the character (a default, not a judgement
            # about this word) or does not know it: the word decides.
            syllables.append(lexical)
        else:
            syllables.append(model.monophonic(char) or _fallback(char, text, k))
    chosen = tuple(syllables)
    several = len(_cedict_readings(text)) > 1 and bool(judged)
    if not open_ and several:
        chosen = _whole_reading(text, chosen, tuple(judged))
    function = len(text) == 1 and text in "地得只"
    return _Word(
        text, chosen, tuple(open_), tuple(judged), several, function, function or bool(open_)
    )


def _read(plan: _Plan, probs: Sequence[tuple[float, ...]]) -> list[tuple[str, ...]]:
    """The plan's readings, completed with g2pM's ``probs`` for its unsettled characters
    (in their order).  Fills in ``plan.readings``: a plan is read once."""
    readings = plan.readings
    row = 0
    for w, word in plan.open:
        syllables = list(word.syllables)
        for _, at, choice in word.open:
            syllables[at] = choice.pick(probs[row])
            row += 1
        chosen = tuple(syllables)
        readings[w] = _whole_reading(word.text, chosen, word.judged) if word.several else chosen
    return readings
