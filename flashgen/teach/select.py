"""Choose the words a deck teaches, each with the one sentence that will teach it.

A word is worth a card when it is content vocabulary the learner does not know yet
and we can say what it means.  Everything else is skipped and counted, so the build
summary can say what was left out and why:

- names, numbers, Latin tokens and punctuation (by the segmenter's ``kind``), and
  characters cut out of a longer word (kind ``part``): a single character is carded
  only where it is a word of its own.  Where the segmenter made a character a word but
  a second opinion, jieba's own dictionary, puts it inside a longer word whose other
  characters are no grammar characters (翻 and 番 of 翻一番, 弗 of 布特弗利卡), we are
  unsure, and it is skipped as such a character; a character that is only a name
  (秦, 湘), or a surname before a given name (孔 芙蓉 after a title), is skipped as a
  name (see :mod:`flashgen.teach.fragments`);
- function words (see :func:`~flashgen.teach.grammar.is_function_word`);
- words at or below the known HSK level (``known_hsk``; 0 keeps every level);
- rare words (general frequency below ``min_zipf``, see :func:`frequency`) that the HSK
  syllabus does not list at levels 1–6: worth learning later, not from this text;
- words without a gloss (a card with no meaning teaches nothing);
- words a teacher's corrections file says ``skip``.  One it says ``keep`` is picked
  whenever it has a gloss: known, a grammar word, a name or rare.

Idioms are always kept when glossed: they are the point of reading real texts.

A word is identified by its simplified headword *and* reading, so 行 xíng and 行 háng
are two words, as they are two notes in the deck, and 發展 in a traditional text is
the word 发展.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from flashgen.datatypes import AnnotatedSentence, AnnotatedToken
from flashgen.resources.frequency import word_zipf
from flashgen.teach.corrections import Corrections
from flashgen.teach.fragments import (
    cut_alone_by_jieba,
    quoted_terms,
    remember_name,
    single_character_reason,
)
from flashgen.teach.grammar import is_function_word

CONTENT_KINDS = frozenset({"word", "idiom"})

# The default of SelectConfig.min_zipf (see there).
MIN_ZIPF = 3.0


@dataclass(frozen=True, slots=True)
class SelectConfig:
    """What the learner already knows, and which kinds of words to teach."""

    # Words at HSK levels 1..known_hsk are skipped; 0 keeps every level.  Function
    # words are skipped whatever this says.
    known_hsk: int = 2
    # Words the learner already knows (simplified forms), from known-words files.
    known_words: frozenset[str] = frozenset()
    # Names are skipped by default: a card for 特朗普 teaches a transliteration, not
    # Chinese.  A class reading about its own city may want them.
    include_names: bool = False
    include_idioms: bool = True
    # Words rarer than this in general Chinese (Zipf, see :func:`frequency`) are skipped
    # unless HSK 1–6 lists them or they are idioms; 0 keeps every word.  3.0 is about
    # once in a million words: 置评 (2.4) and 特设 (2.9) go, 芯片 (4.2) and 游说 (3.7)
    # stay.  Measured in benchmarks/selection.py.
    min_zipf: float = MIN_ZIPF
    # A teacher's corrections: its skip and keep words are decided here; readings,
    # meanings and sentences' English by flashgen.teach.correct.
    corrections: Corrections = field(default_factory=Corrections)


@dataclass(frozen=True, slots=True)
class Pick:
    """A word chosen for the deck: ``token`` is its occurrence in ``sentence``."""

    token: AnnotatedToken
    sentence: AnnotatedSentence
    # Where the word first occurs, (sentence index, offset), and how often: the study
    # order follows first appearance, and repetition counts when ranking words.
    first: tuple[int, int] = (0, 0)
    count: int = 1
    # The reading before a teacher corrected it (() if not): the vocab note keeps the
    # identity made from it, so a note students have is updated in place.
    reading_was: tuple[str, ...] = ()
    # How common the word is in general Chinese (:func:`frequency`): what ranks it.
    zipf: float = 0.0


@dataclass(frozen=True, slots=True)
class SelectionCounts:
    """What the text contained and what was skipped; counts are of distinct words."""

    sentences: int
    words: int  # distinct words and idioms found (before any filtering)
    idioms: int  # distinct idioms found
    names: int
    numbers: int
    latin: int
    punct: int
    function_words: int
    known: int
    no_gloss: int
    known_list: int = 0  # skipped because a known-words file lists them
    idioms_off: int = 0  # idioms skipped because idioms were turned off
    rare: int = 0  # rarer than ``min_zipf`` and not in HSK 1–6
    # characters cut out of a longer word and no word of their own there (kind "part"),
    # never carded in any sentence of the text
    parts: int = 0
    teacher_skip: int = 0  # skipped because a corrections file says "skip"


# Why a word was not picked, as the keys of ``Selection.skipped``.
SKIP_REASONS = (
    "name",
    "number",
    "latin",
    "punct",
    "part",
    "function",
    "known",
    "known_list",
    "idioms_off",
    "rare",
    "no_gloss",
    "teacher_skip",
)


@dataclass(frozen=True, slots=True)
class Selection:
    picks: tuple[Pick, ...]  # in the order the words first appear in the text
    counts: SelectionCounts
    # The skipped words themselves (simplified headwords, first appearance first),
    # by reason (SKIP_REASONS), for reports.
    skipped: tuple[tuple[str, tuple[str, ...]], ...] = ()


def frequency(token: AnnotatedToken) -> float:
    """How common the word is in general Chinese, on the Zipf scale.

    wordfreq's Chinese list (:func:`~flashgen.resources.frequency.word_zipf`, which
    estimates a compound it does not list, 首席执行官 or 加密货币, from its pieces);
    for a word with a character it does not list, jieba's count as the segmenter
    reports it (``token.zipf``), else 0.
    """
    return word_zipf(headword(token)) or token.zipf


def has_gloss(token: AnnotatedToken) -> bool:
    return token.gloss is not None and token.gloss.source != "none" and any(token.gloss.senses)


def headword(token: AnnotatedToken) -> str:
    """The simplified form: one headword whichever script the text is in."""
    return token.simplified


WordKey = tuple[str, tuple[str, ...]]


def word_key(token: AnnotatedToken) -> WordKey:
    """The identity of a word in a deck: headword and reading."""
    return headword(token), token.syllables


def _example_rank(token: AnnotatedToken, sentence: AnnotatedSentence) -> int:
    # A sentence with its own English (a trusted link) makes a better example than one
    # without (none in the text, or a doubtful link); the word's own translation adds.
    # A heading (# 第一课：学校生活) comes after every sentence, with English or not: a
    # title shows no use of the word, and its cloze asks for a word of the lesson's
    # name.  Its words are still the lesson's vocabulary: one no sentence has is carded
    # with the heading as its example (with the heading's English, if it has any).
    aligned = sentence.en_scope == "sentence" and bool(sentence.en)
    return 4 * (not sentence.heading) + 2 * aligned + (token.en_match is not None)


def select_words(
    sentences: Iterable[AnnotatedSentence], config: SelectConfig = SelectConfig()
) -> Selection:
    """The words to teach from ``sentences``, each once, with its best example.

    The example is the first occurrence among those with the best rank (not a heading,
    then the sentence's own English, then the word's translation found in it, then for
    a single character a sentence where bare jieba cuts it alone too): earliest
    wins ties, so editing a later paragraph does not move a word's example.  Picks come
    in the order the words first appear, the order a reader meets them.

    ``sentences`` may be a stream (:func:`flashgen.language.annotate.iter_annotated`): it is read
    once, and only the example sentences of the picked words are kept, so memory grows
    with the vocabulary of the text, not its length.
    """
    n_sentences = 0
    skipped: dict[str, dict[WordKey, None]] = {k: {} for k in SKIP_REASONS}
    found: set[WordKey] = set()
    idioms: set[WordKey] = set()
    best: dict[WordKey, tuple[int, Pick]] = {}
    first: dict[WordKey, tuple[int, int]] = {}
    count: dict[WordKey, int] = {}
    # Persons' names met so far, with their given names (see _remember_name): 穆玲英
    # early in a story makes its later 玲英 a name, not 玲 + 英 "hero".
    names: set[str] = set()
    # Coined terms the text quotes (“亚仿”, see quoted_terms): its characters are parts
    # of the term there and wherever the text writes it again (亚仿人).
    terms: set[str] = set()
    for sentence in sentences:
        n_sentences += 1
        for a, b in quoted_terms(sentence):
            terms.add("".join(t.simplified for t in sentence.tokens[a:b]))
        for i, token in enumerate(sentence.tokens):
            if token.kind == "name":
                remember_name(token.simplified, names)
            key = word_key(token)
            content = token.kind in CONTENT_KINDS or (
                token.kind == "name"
                and (config.include_names or token.simplified in config.corrections.keep)
            )
            if not content:
                skipped[token.kind].setdefault(key)
                continue
            found.add(key)
            if token.kind == "idiom":
                idioms.add(key)
            reason = _skip_reason(token, config)
            if reason is None and headword(token) not in config.corrections.keep:
                reason = single_character_reason(sentence, i, names, terms)
            if reason:
                skipped[reason].setdefault(key)
                continue
            first.setdefault(key, (sentence.sentence, token.start))
            count[key] = count.get(key, 0) + 1
            rank = 2 * _example_rank(token, sentence)
            if len(token.simplified) == 1 and (key not in best or rank >= best[key][0]):
                # Among sentences of the same rank, a single character's example is
                # one where bare jieba cuts it alone too (not 这项 or 已满).
                rank += cut_alone_by_jieba(sentence, i)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, Pick(token, sentence))
    # One occurrence may lack the gloss another has (glosses are chosen in context).
    for key in best:
        skipped["no_gloss"].pop(key, None)
        skipped["part"].pop(key, None)  # a word of its own in another sentence
        skipped["name"].pop(key, None)  # 马 "horse" elsewhere, a surname before 旭光 here
    picks = sorted(
        (
            replace(p, first=first[k], count=count[k], zipf=frequency(p.token))
            for k, (_, p) in best.items()
        ),
        key=lambda p: p.first,
    )
    counts = SelectionCounts(
        sentences=n_sentences,
        words=len(found),
        idioms=len(idioms),
        names=len(skipped["name"]),
        numbers=len(skipped["number"]),
        latin=len(skipped["latin"]),
        punct=len(skipped["punct"]),
        function_words=len(skipped["function"]),
        known=len(skipped["known"]),
        no_gloss=len(skipped["no_gloss"]),
        known_list=len(skipped["known_list"]),
        idioms_off=len(skipped["idioms_off"]),
        teacher_skip=len(skipped["teacher_skip"]),
        rare=len(skipped["rare"]),
        parts=len(skipped["part"]),
    )
    words = tuple(
        (reason, tuple(dict.fromkeys(w for w, _ in keys))) for reason, keys in skipped.items()
    )
    return Selection(tuple(picks), counts, words)


def _skip_reason(token: AnnotatedToken, config: SelectConfig) -> str | None:
    # The order decides which count a word lands in: "no gloss" comes last so that it
    # counts only words we would have taught, i.e. real gaps in the annotation.
    word = headword(token)
    if word in config.corrections.skip:
        return "teacher_skip"
    if word in config.corrections.keep:
        return None if has_gloss(token) else "no_gloss"
    if token.kind == "idiom" and not config.include_idioms:
        return "idioms_off"
    if headword(token) in config.known_words:
        return "known_list"
    if token.kind == "word":
        if is_function_word(token):
            return "function"
        if token.hsk is not None and token.hsk <= config.known_hsk:
            return "known"
        if (token.hsk is None or token.hsk > 6) and frequency(token) < config.min_zipf:
            return "rare"
    if not has_gloss(token):
        return "no_gloss"
    return None
