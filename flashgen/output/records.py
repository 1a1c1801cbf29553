"""JSON records: the public output of ``flashgen annotate``, one line per Chinese sentence.

:func:`sentence_record` is the shape, as a dict.  :func:`document_lines` writes the same
JSON as text without building those dicts: a token's fields other than its position and
English match depend only on the word, so they are encoded once per word and reused
(JSON encoding was a tenth of annotate's time).  A long text is annotated in blocks of
paragraphs by worker processes, since the lines are text and cost little to send back.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

from flashgen.datatypes import (
    AnnotatedSentence,
    AnnotatedToken,
    Document,
    EnglishMatch,
    Gloss,
    Paragraph,
)
from flashgen.language.annotate import document_names, iter_annotated, warm_up
from flashgen.language.pinyin import numbered, pinyin_for
from flashgen.parallel import ordered_map

# json.dumps(x, ensure_ascii=False) without re-reading its arguments on every call.
_encode = json.JSONEncoder(ensure_ascii=False).encode
# What that encoder does with a string (the C function where there is one).
_encode_string: Callable[[str], str] = json.encoder.encode_basestring

# A text with fewer characters of Chinese text than this is annotated in this process:
# starting workers (forking, sending the text, warming caches) would cost more than they
# save.
PARALLEL_MIN_CHARS = 20_000
# Blocks per worker at least: enough that the workers finish close together (a worker
# keeps its word caches from block to block, so more blocks cost little) ...
_BLOCKS_PER_JOB = 4
# ... and at most this many characters of Chinese text each: a block's JSON lines are
# some 200 times its Chinese (every token carries its whole record), so a block sends
# back a few megabytes however long the text.  (The parent takes them as they come; a
# reader slower than the workers would leave finished blocks waiting in memory.)
_BLOCK_MAX_CHARS = 10_000
# The first block's share of the text (see document_lines): on Tatoeba, 5 % took a
# tenth off the workers' time.
WARM_SHARE = 0.05


def token_record(t: AnnotatedToken) -> dict[str, Any]:
    """The public JSON shape of a token (``flashgen annotate``)."""
    pinyin: str | None = None
    spaced: str | None = None
    pinyin_numbered: str | None = None
    if t.syllables:
        pinyin, spaced, pinyin_numbered = _pinyin_fields(
            t.kind == "name", t.text, t.simplified, t.syllables
        )
    gloss, match = t.gloss, t.en_match
    return {
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "kind": t.kind,
        "pinyin": pinyin,
        "pinyin_spaced": spaced,
        "pinyin_numbered": pinyin_numbered,
        "gloss": gloss.text if gloss else None,
        "gloss_source": gloss.source if gloss else None,
        "classifiers": list(gloss.classifiers) if gloss else [],
        "hsk": t.hsk,
        "zipf": t.zipf,
        "simplified": t.simplified,
        "traditional": t.traditional,
        "en_match": _match_record(match) if match else None,
    }


def _match_record(match: EnglishMatch) -> dict[str, Any]:
    return {
        "start": match.start,
        "end": match.end,
        "text": match.text,
        "sense": match.sense,
        "source": match.source,
    }


def _pinyin_fields(
    name: bool, text: str, simplified: str, syllables: tuple[str, ...]
) -> tuple[str, str, str]:
    """A token's pinyin, spaced pinyin and numbered pinyin (see :func:`pinyin_for`)."""
    return (
        pinyin_for(name, text, simplified, syllables, False),
        pinyin_for(name, text, simplified, syllables, True),
        numbered(syllables),
    )


def sentence_record(s: AnnotatedSentence) -> dict[str, Any]:
    """The public JSON shape of a sentence (one line of ``flashgen annotate``)."""
    return {
        "file": s.file,
        "paragraph": s.paragraph,
        "sentence": s.sentence,
        "zh": s.zh,
        "en": s.en,
        "en_scope": s.en_scope,
        "align_score": None if s.align_score is None else round(s.align_score, 4),
        "tokens": [token_record(t) for t in s.tokens],
    }


def sentence_line(s: AnnotatedSentence) -> str:
    """``json.dumps(sentence_record(s), ensure_ascii=False)``, the same characters."""
    head, tail = _line_parts(s)
    return f"{head}{s.sentence}{tail}"


def _line_parts(s: AnnotatedSentence) -> tuple[str, str]:
    """The sentence's JSON line before and after its sentence number (a worker that
    annotates part of a text does not know how many sentences came before it)."""
    head = f'{{"file": {_string(s.file)}, "paragraph": {s.paragraph}, "sentence": '
    return head, (
        f', "zh": {_string(s.zh)}, "en": {_string(s.en)}, '
        f'"en_scope": {_string(s.en_scope)}, "align_score": {_score(s.align_score)}, '
        f'"tokens": [{_tokens_json(s.tokens)}]}}'
    )


def _string(text: str | None) -> str:
    """A string as ``json.dumps(text, ensure_ascii=False)`` writes it."""
    return "null" if text is None else _encode_string(text)


def _score(score: float | None) -> str:
    """The rounded alignment score as ``json.dumps`` writes it."""
    if score is None:
        return "null"
    score = round(score, 4)
    # What the encoder writes for a finite float, which takes it five times as long.
    if isinstance(score, float) and math.isfinite(score):
        return float.__repr__(score)
    return _encode(score)


def _tokens_json(tokens: tuple[AnnotatedToken, ...]) -> str:
    """Each token's ``_encode(token_record(t))``, from its word's cached pieces, joined
    with ", ": one loop for the sentence, not a call for each token."""
    out = []
    get = _pieces.get
    for t in tokens:
        text, start, end, kind, syllables, gloss, traditional, hsk, zipf, m, simplified = t
        # The gloss by identity: hashing its senses for every token cost more than the
        # rest of this loop.  Safe because the entry keeps the gloss alive, so no other
        # object can have its id while the entry exists.
        key = (text, kind, syllables, id(gloss), traditional, hsk, zipf, simplified)
        pieces = get(key)
        if pieces is None:
            if len(_pieces) >= _PIECES_MAX:
                _pieces.clear()
            pieces = _pieces[key] = (_word_pieces(t), gloss)
        before, after = pieces[0]
        if m is None:
            out.append(f'{before}{start}, "end": {end}{after}null}}')
        else:
            out.append(
                f'{before}{start}, "end": {end}{after}{{"start": {m.start}, '
                f'"end": {m.end}, "text": {_encode_string(m.text)}, '
                f'"sense": {_encode_string(m.sense)}, "source": "{m.source}"}}}}'
            )
    return ", ".join(out)


# Each distinct word's JSON around its position: (before "start", after "end" up to
# "en_match"), with the gloss it was made for.  Bounded, so that a long text does not
# keep every word it met.
_pieces: dict[tuple[object, ...], tuple[tuple[str, str], Gloss | None]] = {}
_PIECES_MAX = 1 << 16


def _word_pieces(t: AnnotatedToken) -> tuple[str, str]:
    """The JSON of :func:`token_record` around the token's position and match, written
    field by field as the encoder writes them (in the record's order): the record's dict,
    the token copied without its match and the encoder's pass over them were most of a
    word's first sight here (12,000 words on Tatoeba)."""
    pinyin: tuple[str | None, str | None, str | None] = (None, None, None)
    if t.syllables:
        pinyin = _pinyin_fields(t.kind == "name", t.text, t.simplified, t.syllables)
    gloss = t.gloss
    if gloss is None:
        glossed = '"gloss": null, "gloss_source": null, "classifiers": []'
    else:
        classifiers = ", ".join(map(_encode_string, gloss.classifiers))
        glossed = (
            f'"gloss": {_encode_string(gloss.text)}, "gloss_source": {_value(gloss.source)}, '
            f'"classifiers": [{classifiers}]'
        )
    return (
        f'{{"text": {_encode_string(t.text)}, "start": ',
        f', "kind": {_value(t.kind)}, "pinyin": {_value(pinyin[0])}, '
        f'"pinyin_spaced": {_value(pinyin[1])}, "pinyin_numbered": {_value(pinyin[2])}, '
        f'{glossed}, "hsk": {_value(t.hsk)}, "zipf": {_value(t.zipf)}, '
        f'"simplified": {_value(t.simplified)}, "traditional": {_value(t.traditional)}, '
        '"en_match": ',
    )


def _value(x: object) -> str:
    """``x`` as the encoder writes it: the common types directly, anything else (a bool,
    an infinite float) by the encoder itself."""
    if x is None:
        return "null"
    if type(x) is str:
        return _encode_string(x)
    if type(x) is int:
        return int.__repr__(x)
    if type(x) is float and math.isfinite(x):
        return float.__repr__(x)
    return _encode(x)


def document_lines(doc: Document, jobs: int = 1) -> Iterator[str]:
    """Each sentence of ``doc`` as :func:`sentence_line`, in order.

    With ``jobs`` above 1, a long text is cut into blocks of paragraphs annotated by
    that many worker processes; the lines are the same as with one.
    """
    blocks = _blocks(doc, jobs)
    if len(blocks) == 1:
        for s in iter_annotated(doc):
            yield sentence_line(s)
        return
    # Names found anywhere in the text count in every block (see iter_annotated).
    names = document_names(doc)
    # The first, smaller block is annotated here before the workers are forked: they
    # inherit the caches it filled, so the text's commonest words are read, glossed and
    # matched once rather than once in each worker.
    first = (_line_parts(s) for s in iter_annotated(blocks[0], names))  # streamed
    rest = ordered_map(_block_lines, [(b, names) for b in blocks[1:]], jobs, warm_up)
    for index, (head, tail) in enumerate(chain(first, chain.from_iterable(rest))):
        yield f"{head}{index}{tail}"


def _block_lines(task: tuple[Document, frozenset[str]]) -> list[tuple[str, str]]:
    block, names = task
    return [_line_parts(s) for s in iter_annotated(block, names)]


def _blocks(doc: Document, jobs: int) -> list[Document]:
    """``doc`` cut between paragraphs into a first block of ``WARM_SHARE`` of the text
    and about ``jobs × _BLOCKS_PER_JOB`` parts of similar length, or left whole:
    sentences are split and aligned inside a paragraph pair, so a block annotates
    exactly as the whole text would."""
    total = sum(len(p.zh) for p in doc.paragraphs)
    if jobs <= 1 or total < PARALLEL_MIN_CHARS or doc.whole_document_alignment:
        return [doc]
    size = min(total / (jobs * _BLOCKS_PER_JOB), _BLOCK_MAX_CHARS)
    blocks: list[tuple[Paragraph, ...]] = []
    start = filled = 0
    for i, p in enumerate(doc.paragraphs):
        filled += len(p.zh)
        if filled >= (size if blocks else total * WARM_SHARE):
            blocks.append(doc.paragraphs[start : i + 1])
            start, filled = i + 1, 0
    if start < len(doc.paragraphs):
        blocks.append(doc.paragraphs[start:])
    return [Document(doc.path, doc.title, b, doc.whole_document_alignment) for b in blocks]
