"""jieba's part-of-speech cut (``jieba.posseg.POSTokenizer.cut`` with ``HMM=True``) over
flashgen's :class:`~flashgen.lexicon.Lexicon`.

The algorithm is jieba's, step for step, so the tokens and tags are exactly those of a
``POSTokenizer`` over the merged dictionary: the most probable path through the words
the dictionary has at each position (its DAG), and jieba's part-of-speech HMM for runs
of single characters that make no dictionary word (黄仁勋 -> nr).  Only the data
structures differ: the words at a position come from the lexicon's trie instead of a
prefix dictionary of a million entries, which is what makes start-up fast.  (jieba is
MIT-licensed; this follows ``jieba/__init__.py`` and ``jieba/posseg/`` of jieba 0.42.1.)
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator
from math import log
from typing import Any

from flashgen.lexicon import Lexicon

# jieba.posseg's patterns, as it writes them.
_RE_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_RE_HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]+")
_RE_NUM = re.compile(r"[\.0-9]+")

_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")

Pair = tuple[str, str]  # (word, tag)


class POSCutter:
    """``cut(sentence)`` -> (word, tag) pairs covering the sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._hmm: tuple[Any, ...] | None = None

    def cut(self, sentence: str) -> list[Pair]:
        out: list[Pair] = []
        for blk in _RE_HAN_INTERNAL.split(sentence):
            if _RE_HAN_INTERNAL.match(blk):
                out.extend(self._cut_dag(blk))
                continue
            for x in _RE_SKIP_INTERNAL.split(blk):
                if _RE_SKIP_INTERNAL.match(x):
                    out.append((x, "x"))
                    continue
                for xx in x:
                    if _RE_NUM.match(xx):
                        out.append((xx, "m"))
                    elif _RE_ENG.match(x):  # sic: jieba tests the block, not the character
                        out.append((xx, "eng"))
                    else:
                        out.append((xx, "x"))
        return out

    def _route(self, sentence: str) -> list[int]:
        """For each position, where the best path's word from there ends (jieba's
        ``get_DAG`` + ``calc``: the product of word probabilities, unknown characters
        counted once)."""
        lex = self.lexicon
        words, freqs, max_len = lex.words, lex.freqs, lex.max_len
        n = len(sentence)
        logtotal = log(lex.total)
        score: list[float] = [0.0] * (n + 1)
        end: list[int] = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best: tuple[float, int] | None = None
            for word, k in words.iter_prefixes_with_ids(sentence[idx:idx + max_len]):
                freq = freqs[k]
                if not freq:
                    continue
                x = idx + len(word) - 1
                cand = (log(freq) - logtotal + score[x + 1], x)
                if best is None or cand > best:
                    best = cand
            if best is None:  # no word starts here: the character alone, count 1
                best = (log(1) - logtotal + score[idx + 1], idx)
            score[idx], end[idx] = best
        return end

    def _cut_dag(self, sentence: str) -> Iterator[Pair]:
        lex = self.lexicon
        end = self._route(sentence)
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = end[x] + 1
            l_word = sentence[x:y]
            if y - x == 1:
                buf += l_word
            else:
                if buf:
                    yield from self._unknown(buf)
                    buf = ""
                yield l_word, lex.tag(l_word)
            x = y
        if buf:
            yield from self._unknown(buf)

    def _unknown(self, buf: str) -> Iterator[Pair]:
        """A run of single characters the path took one by one."""
        lex = self.lexicon
        if len(buf) == 1:
            yield buf, lex.tag(buf)
        elif not lex.freq(buf):
            yield from self._cut_detail(buf)
        else:
            for elem in buf:
                yield elem, lex.tag(elem)

    def _cut_detail(self, sentence: str) -> Iterator[Pair]:
        for blk in _RE_HAN_DETAIL.split(sentence):
            if _RE_HAN_DETAIL.match(blk):
                yield from self._cut_hmm(blk)
                continue
            for x in _RE_SKIP_DETAIL.split(blk):
                if x:
                    if _RE_NUM.match(x):
                        yield x, "m"
                    elif _RE_ENG.match(x):
                        yield x, "eng"
                    else:
                        yield x, "x"

    def _cut_hmm(self, sentence: str) -> Iterator[Pair]:
        if self._hmm is None:
            self._hmm = marshal.loads(self.lexicon.hmm)
        _, pos_list = _viterbi(sentence, *self._hmm)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield sentence[begin:i + 1], pos_list[i][1]
                nexti = i + 1
            elif pos == "S":
                yield char, pos_list[i][1]
                nexti = i + 1
        if nexti < len(sentence):
            yield sentence[nexti:], pos_list[nexti][1]


def _viterbi(obs: str, states: Any, start_p: Any, trans_p: Any,
             emit_p: Any) -> tuple[float, list[Any]]:
    """jieba.posseg.viterbi.viterbi, unchanged."""
    v: list[dict[Any, float]] = [{}]
    mem_path: list[dict[Any, Any]] = [{}]
    all_states = trans_p.keys()
    for y in states.get(obs[0], all_states):
        v[0][y] = start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        v.append({})
        mem_path.append({})
        prev_states = [x for x in mem_path[t - 1].keys() if len(trans_p[x]) > 0]
        prev_states_expect_next = {y for x in prev_states for y in trans_p[x].keys()}
        obs_states = set(states.get(obs[t], all_states)) & prev_states_expect_next
        if not obs_states:
            obs_states = prev_states_expect_next if prev_states_expect_next else all_states
        for y in obs_states:
            prob, state = max((v[t - 1][y0] + trans_p[y0].get(y, _MIN_INF)
                               + emit_p[y].get(obs[t], _MIN_FLOAT), y0) for y0 in prev_states)
            v[t][y] = prob
            mem_path[t][y] = state
    last = [(v[-1][y], y) for y in mem_path[-1].keys()]
    prob, state = max(last)
    route: list[Any] = [None] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return prob, route
