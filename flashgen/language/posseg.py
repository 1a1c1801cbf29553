"""jieba's part-of-speech cut (``jieba.posseg.POSTokenizer.cut`` with ``HMM=True``) over
flashgen's :class:`~flashgen.resources.lexicon.Lexicon`.

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
from collections.abc import Set as AbstractSet
from math import log
from typing import Any

from flashgen.resources.lexicon import Lexicon

# jieba.posseg's patterns, as it writes them.
_RE_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
_RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_RE_HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]+")
_RE_NUM = re.compile(r"[\.0-9]+")

_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")
# Runs of unknown characters whose HMM cut is kept: on Tatoeba 20,748 runs are 8,450
# distinct ones (all kept: 8,192 were cleared and recomputed); at about 300 bytes each
# this is a few megabytes at most.
_HMM_CACHE_SIZE = 1 << 14
# Characters' HMM states with emissions and predecessors: about 4 kB each (some 30
# states a character), so at most some 15 MB.
_CHARS_KEPT = 4096
# States with at most this many predecessors are scored over them (see _HMM).
_FEW_PREDECESSORS = 4
_NO_WORD = _MIN_INF  # in _logp: a word with frequency 0, which jieba's DAG leaves out

Pair = tuple[str, str]  # (word, tag)
# A character's states in _HMM: (state, emission, predecessors) for the states with few
# predecessors, (state, emission) for the others.
_Targets = tuple[list[tuple[int, float, list[tuple[int, float]]]], list[tuple[int, float]]]


class POSCutter:
    """``cut(sentence)`` -> (word, tag) pairs covering the sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._hmm: _HMM | None = None
        self._hmm_cache: dict[str, tuple[Pair, ...]] = {}
        self._logtotal = log(lexicon.total)
        # log(frequency / total) by word id, for the words met so far (_NO_WORD: 0;
        # None: not yet), made on first use: a list (3 MB) is quicker than a dict.
        self._logp: list[float | None] | None = None

    def cut(self, sentence: str) -> list[Pair]:
        out: list[Pair] = []
        # re.split with one group alternates: what lies between matches at even
        # indices, the matches at odd ones.  So parity says what jieba's ``match`` on
        # each block says, without running it.
        for i, blk in enumerate(_RE_HAN_INTERNAL.split(sentence)):
            if i & 1:
                out.extend(self._cut_dag(blk))
            elif blk:
                # jieba's loop over the rest: each whitespace (\r\n as one) and each
                # other character alone, tagged "x".  Its "m" and "eng" cases cannot
                # arise: digits, ASCII letters and "." all belong to the blocks above.
                if "\r\n" not in blk:
                    out.extend([(x, "x") for x in blk])
                    continue
                for j, x in enumerate(_RE_SKIP_INTERNAL.split(blk)):
                    if j & 1:
                        out.append((x, "x"))
                    else:
                        out.extend([(xx, "x") for xx in x])
        return out

    def _route(self, sentence: str) -> tuple[list[int], list[int]]:
        """For each position, where the best path's word from there ends (jieba's
        ``get_DAG`` + ``calc``: the product of word probabilities, unknown characters
        counted once), and that word's id (-1 for a character no word starts with)."""
        lex = self.lexicon
        prefixes, max_len = lex.words.iter_prefixes_with_ids, lex.max_len
        logp = self._logp
        if logp is None:
            logp = self._logp = [None] * len(lex.freqs)
        freqs, logtotal = lex.freqs, self._logtotal
        n = len(sentence)
        unknown = log(1) - logtotal
        score: list[float] = [0.0] * (n + 1)
        end: list[int] = [0] * (n + 1)
        ids: list[int] = [-1] * (n + 1)
        for idx in range(n - 1, -1, -1):
            # jieba's max over (score, end) pairs: prefixes come shortest first, so a
            # tie goes to the later, longer word, as in jieba.  (A word's score is
            # never -inf, so the first one always beats the start value.)
            best, best_end, best_id = _MIN_INF, -1, -1
            for word, k in prefixes(sentence[idx : idx + max_len]):
                p = logp[k]
                if p is None:
                    freq = freqs[k]
                    p = logp[k] = log(freq) - logtotal if freq else _NO_WORD
                if p != _NO_WORD:
                    x = idx + len(word)
                    cand = p + score[x]
                    if cand >= best:
                        best, best_end, best_id = cand, x, k
            if best_end < 0:  # no word starts here: the character alone, count 1
                best, best_end = unknown + score[idx + 1], idx + 1
            score[idx], end[idx], ids[idx] = best, best_end, best_id
        return end, ids

    def _cut_dag(self, sentence: str) -> list[Pair]:
        lex = self.lexicon
        tags, tag_names = lex.tags, lex.tag_names
        end, ids = self._route(sentence)
        out: list[Pair] = []
        x = 0
        start = -1  # where a run of single characters began (-1: none)
        n = len(sentence)
        while x < n:
            y = end[x]
            if y - x == 1:
                if start < 0:
                    start = x
            else:
                if start >= 0:
                    if x - start == 1 and ids[start] >= 0:
                        # _unknown's commonest case inline: a single-character word.
                        out.append((sentence[start], tag_names[tags[ids[start]]]))
                    else:
                        self._unknown(sentence, start, x, ids, out)
                    start = -1
                # The word's own id from the route: its tag without a second lookup.
                out.append((sentence[x:y], tag_names[tags[ids[x]]]))
            x = y
        if start >= 0:
            self._unknown(sentence, start, n, ids, out)
        return out

    def _unknown(
        self, sentence: str, start: int, stop: int, ids: list[int], out: list[Pair]
    ) -> None:
        """A run of single characters the path took one by one (``sentence[start:stop]``;
        ``ids``: the route's word ids, -1 for a character that is no word)."""
        lex = self.lexicon
        tags, tag_names = lex.tags, lex.tag_names
        if stop - start == 1:
            k = ids[start]
            # -1: no word of frequency > 0; the dictionary may still list a tag.
            char = sentence[start]
            out.append((char, lex.tag(char) if k < 0 else tag_names[tags[k]]))
            return
        buf = sentence[start:stop]
        if not lex.freq(buf):
            # Usually Han characters only: then _cut_detail is the HMM's cut of all of it.
            out.extend(
                self._cut_hmm(buf) if _RE_HAN_DETAIL.fullmatch(buf) else self._cut_detail(buf)
            )
            return
        for i in range(start, stop):
            k = ids[i]
            char = sentence[i]
            out.append((char, lex.tag(char) if k < 0 else tag_names[tags[k]]))

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

    def _cut_hmm(self, sentence: str) -> tuple[Pair, ...]:
        """The HMM's words and tags for a run of Han characters no dictionary word
        covers; the same runs come back often (我的, 了吗), so results are kept."""
        got = self._hmm_cache.get(sentence)
        if got is not None:
            return got
        if self._hmm is None:
            self._hmm = _HMM(marshal.loads(self.lexicon.hmm))
        pos_list = self._hmm.viterbi(sentence)
        out: list[Pair] = []
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                out.append((sentence[begin : i + 1], pos_list[i][1]))
                nexti = i + 1
            elif pos == "S":
                out.append((char, pos_list[i][1]))
                nexti = i + 1
        if nexti < len(sentence):
            out.append((sentence[nexti:], pos_list[nexti][1]))
        if len(self._hmm_cache) >= _HMM_CACHE_SIZE:
            self._hmm_cache.clear()  # bounded; a pure function, so no effect on results
        self._hmm_cache[sentence] = got = tuple(out)
        return got


class _HMM:
    """jieba.posseg's HMM tables by state number, for a viterbi over the few states
    each character can be in.

    :meth:`viterbi` returns exactly what jieba's ``viterbi`` (:func:`_viterbi`) returns:
    every score is the same sum of the same doubles in the same order (path score +
    transition, then + emission), and ties go to the greatest state as jieba's ``max``
    over (score, state) pairs gives them (states are numbered in sorted order, and
    candidates are tried in that order with ``>=``).  jieba tries every pair of states
    (256 x 24 a character); only pairs with a transition can win, and those are few:
    a state that ends no word (B, M) goes on only to the same tag's M or E.  So each
    state's predecessors are listed, and for the states with many (a word's B or S,
    after any E or S) the previous character's states are tried instead.  Pure Python
    over these pairs is a fifth faster than numpy over the full matrices was (most
    runs are two to four characters: numpy's cost per call dominated).
    """

    def __init__(self, tables: tuple[Any, ...]) -> None:
        self.tables = tables
        states, start_p, trans_p, emit_p = tables
        self.char_states = states
        self.names = names = sorted(trans_p)
        index = {y: i for i, y in enumerate(names)}
        self.index = index
        # Tables where a state lacks a start or emission table, or a character has a
        # state with no transitions listed, are left to jieba's own loop.
        self.plain = any(y not in start_p or y not in emit_p for y in names) or any(
            y not in index for ys in states.values() for y in ys
        )
        if self.plain:
            return
        n = len(names)
        self.start = [start_p[y] for y in names]
        self.emit = [emit_p[y] for y in names]
        # Transitions by state: a dict of the next states, and a row by next state
        # (None: no transition), which is quicker to index.
        self.succ = [{index[y]: p for y, p in trans_p[x].items()} for x in names]
        self.rows: list[list[float | None]] = [[None] * n for _ in names]
        pred: list[list[tuple[int, float]]] = [[] for _ in names]
        for x, nxt in enumerate(self.succ):
            for y, p in nxt.items():
                self.rows[x][y] = p
                pred[y].append((x, p))  # by x, ascending
        self.pred = pred
        self.narrow = [len(p) <= _FEW_PREDECESSORS for p in pred]
        # The states that lead to some state with many predecessors (E and S).
        self.wide = [any(not self.narrow[y] for y in nxt) for nxt in self.succ]
        self._chars: dict[str, _Targets | None] = {}

    def _char(self, char: str) -> _Targets | None:
        """:meth:`_targets` for the states jieba allows ``char`` (None: any state)."""
        if char in self._chars:
            return self._chars[char]
        ys = self.char_states.get(char)
        got = None if ys is None else self._targets(sorted(self.index[y] for y in ys), char)
        if len(self._chars) >= _CHARS_KEPT:
            self._chars.clear()
        self._chars[char] = got
        return got

    def _targets(self, ys: list[int], char: str) -> _Targets:
        """The states ``ys`` with ``char``'s emission in each: those with few
        predecessors (with them), and the others."""
        emit, pred, narrow = self.emit, self.pred, self.narrow
        few = [(y, emit[y].get(char, _MIN_FLOAT), pred[y]) for y in ys if narrow[y]]
        many = [(y, emit[y].get(char, _MIN_FLOAT)) for y in ys if not narrow[y]]
        return few, many

    def _step(
        self,
        v: list[float | None],
        cur: list[int],
        targets: _Targets,
        nv: list[float | None],
        back: dict[int, int],
        nxt: list[int],
    ) -> None:
        """One step of jieba's loop: from the scores ``v`` of the states ``cur`` to
        those of the ``targets`` some state of ``cur`` leads to (into ``nv``, with the
        best predecessor in ``back``, the states in ``nxt``)."""
        few, many = targets
        for y, e, preds in few:
            best, bx = _MIN_INF, -1
            for x, t in preds:
                p = v[x]
                if p is not None:
                    cand = p + t + e
                    if cand >= best:
                        best, bx = cand, x
            if bx >= 0:
                if best == _MIN_INF:
                    bx = self._greatest_live(cur)
                nv[y] = best
                back[y] = bx
                nxt.append(y)
        if many:
            self._step_many(v, cur, many, nv, back, nxt)

    def _step_many(
        self,
        v: list[float | None],
        cur: list[int],
        many: list[tuple[int, float]],
        nv: list[float | None],
        back: dict[int, int],
        nxt: list[int],
    ) -> None:
        """:meth:`_step` for the targets with many predecessors (B and S), scored over
        the states of ``cur`` that lead to any of them."""
        # Split from _step here, a call once a character, to keep each simple enough;
        # the two loops' common tail stays written twice: as a method called per
        # target it made viterbi 5 % slower on Tatoeba's Chinese sentences.
        rows, wide = self.rows, self.wide
        froms = [(x, v[x], rows[x]) for x in cur if wide[x]]
        for y, e in many:
            best, bx = _MIN_INF, -1
            for x, px, row in froms:
                tr = row[y]
                if tr is not None:
                    cand = px + tr + e  # type: ignore[operator]  # px: a state of cur
                    if cand >= best:
                        best, bx = cand, x
            if bx >= 0:
                if best == _MIN_INF:
                    bx = self._greatest_live(cur)
                nv[y] = best
                back[y] = bx
                nxt.append(y)

    def _greatest_live(self, cur: list[int]) -> int:
        """jieba's pick when every candidate scores -inf: the greatest state with
        somewhere to go, transition or not (never with jieba's own tables)."""
        return max(x for x in cur if self.succ[x])

    def viterbi(self, obs: str) -> list[Any]:
        """The most probable (position, tag) state for each character of ``obs``."""
        if self.plain:
            return _viterbi(obs, *self.tables)[1]
        succ, emit, start = self.succ, self.emit, self.start
        n = len(self.names)
        c = obs[0]
        ys = self.char_states.get(c)
        cur = list(range(n)) if ys is None else sorted(self.index[y] for y in ys)
        if not cur:  # a character listed with no state: jieba's own loop (which raises)
            return _viterbi(obs, *self.tables)[1]
        v: list[float | None] = [None] * n
        for y in cur:
            v[y] = start[y] + emit[y].get(c, _MIN_FLOAT)
        backs = []
        for c in obs[1:]:
            nv: list[float | None] = [None] * n
            back: dict[int, int] = {}
            nxt: list[int] = []
            targets = self._char(c)
            if targets is not None:
                self._step(v, cur, targets, nv, back, nxt)
            if not nxt:  # no allowed state is expected: every expected one, as jieba
                live = [x for x in cur if succ[x]]
                if not live:
                    return _viterbi(obs, *self.tables)[1]  # jieba raises here
                expect = sorted({y for x in live for y in succ[x]})
                self._step(v, cur, self._targets(expect, c), nv, back, nxt)
            nxt.sort()  # ascending, for the ties
            v, cur = nv, nxt
            backs.append(back)
        state, best = -1, _MIN_INF
        for y in cur:  # jieba's max over (score, state) pairs
            p = v[y]
            if p >= best:  # type: ignore[operator]
                best, state = p, y  # type: ignore[assignment]
        route = [state]
        for back in reversed(backs):
            state = back[state]
            route.append(state)
        names = self.names
        return [names[i] for i in reversed(route)]


def _viterbi(
    obs: str, states: Any, start_p: Any, trans_p: Any, emit_p: Any
) -> tuple[float, list[Any]]:
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
        prev_states = [x for x in mem_path[t - 1] if len(trans_p[x]) > 0]
        prev_states_expect_next = {y for x in prev_states for y in trans_p[x]}
        # A set or, as jieba leaves it, the dict's keys view: typed as either, since
        # compiled code checks a variable typed ``set`` at run time.
        obs_states: AbstractSet[Any] = set(states.get(obs[t], all_states)) & prev_states_expect_next
        if not obs_states:
            obs_states = prev_states_expect_next if prev_states_expect_next else all_states
        for y in obs_states:
            prob, state = max(
                (
                    v[t - 1][y0] + trans_p[y0].get(y, _MIN_INF) + emit_p[y].get(obs[t], _MIN_FLOAT),
                    y0,
                )
                for y0 in prev_states
            )
            v[t][y] = prob
            mem_path[t][y] = state
    last = [(v[-1][y], y) for y in mem_path[-1]]
    prob, state = max(last)
    route: list[Any] = [None] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return prob, route
