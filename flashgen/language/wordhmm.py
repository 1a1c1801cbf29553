"""jieba's word HMM (``jieba.finalseg.cut``): how bare jieba's default cut joins a run of
characters its dictionary's path left one by one into words no dictionary has (已满,
装煤, 正十郎).

The algorithm is jieba's, step for step (jieba 0.42.1, MIT-licensed: ``viterbi`` and
``__cut`` of ``jieba/finalseg/__init__.py``), over its own tables, which
:func:`~flashgen.resources.lexicon.load_word_hmm` keeps marshalled in the cache folder:
importing ``jieba.finalseg`` takes 0.3 s, the cached tables load in 20 ms.  Used as a
second opinion on the segmenter's single characters (see
:func:`flashgen.language.segment.jieba_guessed_unit`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from flashgen.resources.lexicon import load_word_hmm

_MIN_FLOAT = -3.14e100
# jieba.finalseg's Han block: characters outside it (rarer CJK ranges) pass through.
_RE_HAN = re.compile("([\u4e00-\u9fd5]+)")
# Which states may come before each state: B(egin), M(iddle), E(nd), S(ingle).
_PREV = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


@cache
def _tables() -> tuple[dict[str, float], dict[str, dict[str, float]], dict[str, Any]]:
    start, trans, emit = load_word_hmm()
    return start, trans, emit


@lru_cache(maxsize=4096)  # the same runs come back (我的, 了吗)
def hmm_words(run: str) -> tuple[str, ...]:
    """The words jieba's HMM cuts a run of Han characters into.

    >>> hmm_words("挥锨装煤")
    ('挥锨', '装煤')
    """
    out: list[str] = []
    for i, block in enumerate(_RE_HAN.split(run)):
        if i & 1:
            _cut(block, out)
        elif block:
            out.append(block)
    return tuple(out)


def _cut(run: str, out: list[str]) -> None:
    states = _viterbi(run)
    begin = nexti = 0
    for i, state in enumerate(states):
        if state == "B":
            begin = i
        elif state == "E":
            out.append(run[begin : i + 1])
            nexti = i + 1
        elif state == "S":
            out.append(run[i])
            nexti = i + 1
    if nexti < len(run):
        out.append(run[nexti:])


def _viterbi(run: str) -> list[str]:
    start, trans, emit = _tables()
    scores = {y: start[y] + emit[y].get(run[0], _MIN_FLOAT) for y in "BMES"}
    paths = {y: [y] for y in "BMES"}
    for char in run[1:]:
        new_scores, new_paths = {}, {}
        for y in "BMES":
            em = emit[y].get(char, _MIN_FLOAT)
            # jieba's max over (score, state) pairs: a tie goes to the greater state.
            prob, state = max(
                (scores[y0] + trans[y0].get(y, _MIN_FLOAT) + em, y0) for y0 in _PREV[y]
            )
            new_scores[y] = prob
            new_paths[y] = [*paths[state], y]
        scores, paths = new_scores, new_paths
    _, last = max((scores[y], y) for y in "ES")
    return paths[last]
