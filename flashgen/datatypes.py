"""Plain, frozen data passed between pipeline stages.  No logic lives here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple, get_args

# "part": a character the segmenter cut out of a longer unit of jieba's that CC-CEDICT
# lacks (项 of 这项, 份 of 一份, 麦 of an unknown name 麦棠源), and that is no word of its
# own there: never carded, counted.
Kind = Literal["word", "idiom", "name", "number", "latin", "punct", "part"]
# Where a sentence's English comes from: "sentence" — a trusted alignment link (the
# English of that link only); "doubtful" — the paragraph has English but no link to it
# could be trusted, so the sentence has none (``en`` is None; ``align_score`` says how
# doubtful); "unsupported" — the aligner was sure of the link (``align_score``), but its
# English shares too little with the sentence to show it as its translation (``en`` is
# None).  None: the text has no English for the sentence at all.
Scope = Literal["sentence", "doubtful", "unsupported"]
# The cards a word can get, and the hint a cloze gap shows.
CardKind = Literal["recognition", "recall", "cloze"]
CARD_KINDS: tuple[CardKind, ...] = get_args(CardKind)
ALL_CARDS: frozenset[CardKind] = frozenset(CARD_KINDS)
ClozeHint = Literal["pinyin", "meaning", "none"]


# --- read -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A Chinese paragraph and the English paragraph that translates it (if any)."""

    index: int  # position among the Chinese paragraphs of the document, 0-based
    zh: str
    en: str | None
    # A Markdown heading (``# 第一课：学校生活``): a title, so an example of last resort
    # (see flashgen.teach.select).
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    title: str | None  # a title line found in the text, if any (not a date)
    paragraphs: tuple[Paragraph, ...]
    # For paired NAME.zh.txt + NAME.en.txt files whose paragraphs do not correspond
    # one to one, the whole English text is aligned against the whole Chinese one.
    whole_document_alignment: bool = False


# --- align ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Link:
    """One alignment bead: Chinese sentences ``zh`` are translated by English ``en``."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float  # higher is better; comparable within one alignment


@dataclass(frozen=True, slots=True)
class SentencePair:
    """A Chinese sentence and its English, as found by reading and alignment."""

    paragraph: int
    index: int  # sentence index within the document, 0-based
    zh: str
    en: str | None
    en_scope: Scope | None  # see Scope: "sentence" (trusted); otherwise en is None
    align_score: float | None
    heading: bool = False  # a sentence of a heading paragraph (see Paragraph)


# --- dictionary -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DictEntry:
    """One CC-CEDICT line.  ``pinyin`` is CC-CEDICT's numbered form, e.g. ``"you2 shui4"``."""

    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Idiom:
    """A chengyu from the idiom list (Chinese explanation, tone-marked pinyin)."""

    word: str
    pinyin: str  # tone marks, space separated, as the list gives it
    explanation: str


# --- segment ----------------------------------------------------------------
class Token(NamedTuple):
    """A named tuple, like :class:`AnnotatedToken`: one is made per token of the text."""

    text: str
    start: int
    end: int
    kind: Kind
    pos: str  # jieba's part-of-speech tag ("" where none)


# --- annotate ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Gloss:
    """A display-ready meaning chosen for one reading of a word."""

    senses: tuple[str, ...]  # cleaned, most useful first
    classifiers: tuple[str, ...]  # e.g. ("个[ge4]",)
    # "parts": a word CC-CEDICT lacks, glossed by its parts' meanings (a compound);
    # "teacher": a meaning from a corrections file (flashgen.teach.corrections)
    source: Literal["cedict", "idiom-list", "characters", "parts", "none", "teacher"]

    @property
    def text(self) -> str:
        return "; ".join(self.senses)


class EnglishMatch(NamedTuple):
    """The span of the English sentence that translates a Chinese word.  A named tuple
    like :class:`AnnotatedToken`: one is made for most glossed tokens of a text with
    English, and a frozen dataclass takes twice as long to make."""

    start: int
    end: int
    text: str
    sense: str  # the gloss sense that matched ("" when none did: see ``source``)
    # "gloss": ``sense`` is the CC-CEDICT sense found in the English.  "context": no sense
    # matched, but the aligner found the word's counterpart (the translation table, a
    # name spelled in pinyin, a number): ``text`` is then the meaning in this context.
    # "inferred": as "context", but found by the second, statistical pass
    # (:mod:`flashgen.language.fill`) from weaker evidence: less certain.
    source: Literal["gloss", "context", "inferred"] = "gloss"


class AnnotatedToken(NamedTuple):
    """A token with everything the cards need.  A named tuple, not a frozen dataclass
    like the rest: one is made per token of the text (200,000 for Tatoeba), and a
    frozen dataclass takes five times as long to make."""

    text: str
    start: int
    end: int
    kind: Kind
    syllables: tuple[str, ...]  # numbered, one per Han character: ("you2", "shui4")
    gloss: Gloss | None
    traditional: str
    hsk: int | None  # HSK 3.0 level (1-9; 7-9 reported as 7), None if not listed
    zipf: float  # wordfreq Zipf frequency (0 when unknown)
    en_match: EnglishMatch | None
    simplified: str  # the simplified form (equal to ``text`` for simplified input)


@dataclass(frozen=True, slots=True)
class AnnotatedSentence:
    file: str
    paragraph: int
    sentence: int
    zh: str
    en: str | None
    en_scope: Scope | None
    align_score: float | None
    tokens: tuple[AnnotatedToken, ...]
    heading: bool = False  # a sentence of a heading paragraph (see Paragraph)
