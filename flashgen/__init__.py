"""flashgen: Chinese texts -> Anki decks with context-correct pinyin, glosses and sentences.

The pipeline, one package per stage, in the order data flows::

    text       files -> Document (paragraph pairs) -> sentences
    align      Chinese sentences <-> English sentences (Links)
    language   segment -> pinyin / gloss / English match -> AnnotatedSentence
    teach      select the words, plan lessons, make the notes
    output     .apkg, CSV/TSV/Pleco, handouts, JSON lines
    build      one deck per text (texts) or per class (classes)

``resources`` holds the dictionaries and caches every stage reads; ``cli`` is the only
code that prints.  The names below are the library's public API (README: "Using
flashgen from Python"); they are imported on first use, so ``import flashgen`` stays
cheap for the command line.

>>> from pathlib import Path
>>> import flashgen
>>> para = flashgen.Paragraph(0, "政府批准了芯片出口。", "The government approved chip exports.")
>>> doc = flashgen.Document(Path("news.txt"), None, (para,))
>>> [(p.zh, p.en) for p in flashgen.sentence_pairs(doc)]
[('政府批准了芯片出口。', 'The government approved chip exports.')]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from flashgen.compiled import choose as _choose_build

# Before any module mypyc may have compiled is imported: all of them load compiled, or
# all from their .py files (flashgen/compiled.py says when).
_choose_build()

__version__ = "0.1.0"

# name -> module that defines it
_API = {
    # data passed between stages
    "Document": "flashgen.datatypes",
    "Paragraph": "flashgen.datatypes",
    "SentencePair": "flashgen.datatypes",
    "Link": "flashgen.datatypes",
    "Token": "flashgen.datatypes",
    "Gloss": "flashgen.datatypes",
    "EnglishMatch": "flashgen.datatypes",
    "AnnotatedToken": "flashgen.datatypes",
    "AnnotatedSentence": "flashgen.datatypes",
    # errors: every message names the file and what to do
    "FlashgenError": "flashgen.errors",
    "InputError": "flashgen.errors",
    "OutputError": "flashgen.errors",
    "UsageError": "flashgen.errors",
    # text
    "find_inputs": "flashgen.text.inputs",
    "read_document": "flashgen.text.read",
    "read_pair": "flashgen.text.read",
    "split_zh": "flashgen.text.sentences",
    "split_en": "flashgen.text.sentences",
    # align
    "align_sentences": "flashgen.align.search",
    # language
    "segment": "flashgen.language.segment",
    "sentence_pairs": "flashgen.language.annotate",
    "annotate_sentence": "flashgen.language.annotate",
    "annotate_document": "flashgen.language.annotate",
    "iter_annotated": "flashgen.language.annotate",
    # teach
    "SelectConfig": "flashgen.teach.select",
    "select_words": "flashgen.teach.select",
    # build
    "BuildConfig": "flashgen.build.texts",
    "build_each": "flashgen.build.texts",
}

__all__ = [  # the same names as _API (ruff and mypy read a literal list)
    "AnnotatedSentence",
    "AnnotatedToken",
    "BuildConfig",
    "Document",
    "EnglishMatch",
    "FlashgenError",
    "Gloss",
    "InputError",
    "Link",
    "OutputError",
    "Paragraph",
    "SelectConfig",
    "SentencePair",
    "Token",
    "UsageError",
    "__version__",
    "align_sentences",
    "annotate_document",
    "annotate_sentence",
    "build_each",
    "find_inputs",
    "iter_annotated",
    "read_document",
    "read_pair",
    "segment",
    "select_words",
    "sentence_pairs",
    "split_en",
    "split_zh",
]

if TYPE_CHECKING:
    from flashgen.align.search import align_sentences
    from flashgen.build.texts import BuildConfig, build_each
    from flashgen.datatypes import (
        AnnotatedSentence,
        AnnotatedToken,
        Document,
        EnglishMatch,
        Gloss,
        Link,
        Paragraph,
        SentencePair,
        Token,
    )
    from flashgen.errors import FlashgenError, InputError, OutputError, UsageError
    from flashgen.language.annotate import (
        annotate_document,
        annotate_sentence,
        iter_annotated,
        sentence_pairs,
    )
    from flashgen.language.segment import segment
    from flashgen.teach.select import SelectConfig, select_words
    from flashgen.text.inputs import find_inputs
    from flashgen.text.read import read_document, read_pair
    from flashgen.text.sentences import split_en, split_zh


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value  # once: the next lookup is a plain attribute
        return value
    raise AttributeError(f"module 'flashgen' has no attribute {name!r}")
