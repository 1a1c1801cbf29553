"""Annotate: a read Document -> sentences with their English and fully annotated tokens.

This is where the stages meet: sentences are split and aligned inside each
paragraph pair, segmented, read (pinyin in context), glossed by the CC-CEDICT
entry of that reading, matched to the English, and graded.  Everything below
works without English: the English fields are then simply empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from flashgen.align.anchors import common_english, english_stems
from flashgen.align.search import TRUST_THRESHOLD, align_sentences
from flashgen.align.support import link_supported, words_anchor
from flashgen.collector import chunk_done
from flashgen.datatypes import (
    AnnotatedSentence,
    AnnotatedToken,
    DictEntry,
    Document,
    EnglishMatch,
    Gloss,
    Kind,
    Link,
    Paragraph,
    Scope,
    SentencePair,
    Token,
)
from flashgen.language.english import (
    EnglishWords,
    content_stems,
    english_words,
    match_english,
)
from flashgen.language.gloss import gloss_for, points_elsewhere, reading_key, with_sense_first
from flashgen.language.pinyin import load_tables, read_sentences, word_reading
from flashgen.language.segment import (
    find_dot_names,
    jieba_tag,
    name_parts,
    segment,
    zipf,
)
from flashgen.language.wordlink import link_english, synonym_sense
from flashgen.parallel import ordered_map
from flashgen.resources.cache import (
    CacheMissing,
    cache_writable,
    only_cached,
)
from flashgen.resources.cedict import load_cedict
from flashgen.resources.frequency import word_zipf
from flashgen.resources.idioms import idiom_syllables, load_idiom_syllables, load_idioms
from flashgen.resources.levels import hsk_level
from flashgen.resources.lexicon import load_lexicon, load_word_hmm
from flashgen.text.english import STOPWORDS, stem
from flashgen.text.english import WORD as _WORD
from flashgen.text.script import (
    DOT_SPLIT,
    han_count,
    standard_traditional,
    to_simplified,
    to_traditional,
)
from flashgen.text.sentences import acronym_splits, split_en, split_zh

# Kinds that get pinyin, a gloss and an English match.
_LEXICAL = frozenset({"word", "idiom", "name"})


def sentence_pairs(doc: Document) -> Iterator[SentencePair]:
    """Each Chinese sentence of ``doc`` with its English sentence(s), in order.

    Inside a paragraph pair the sentences are aligned.  A Chinese sentence gets the
    English of its own link (``en_scope="sentence"``) only when the link is trusted (see
    :func:`_verdict`); otherwise it gets no English and ``en_scope`` says why, beside the
    link's score: ``"doubtful"`` when the aligner was unsure of the link, or found no
    English for it; ``"unsupported"`` when it was sure, but the link's own content does
    not show that its two sides translate each other.  No English is better than wrong
    English: the whole paragraph is no translation of one of its sentences.
    """
    for pair, pending in _pairs(doc, defer=False):
        assert pending is None
        yield pair


def _pairs(doc: Document, defer: bool) -> Iterator[tuple[SentencePair, _Pending | None]]:
    """:func:`sentence_pairs`, each with what its verdict still needs when ``defer``
    leaves it for later (None: the pair is final).

    Annotating segments every sentence anyway, and a word of two or more characters
    whose glosses the English has makes a link supported by itself (see words_anchor).
    With ``defer``, a sure link of one Chinese sentence (on Tatoeba 29,315 of 29,346
    links) is given its English at once and judged after segmentation (_settled): the
    words anchor 24,194 of them, which spares searching every headword of the sentence
    for an anchor; the others, and every other link, are judged as sentence_pairs does.
    Either way the verdicts are those of :func:`_verdict`."""
    index = 0
    headings = {p.index for p in doc.paragraphs if p.heading}
    for item, before, after in _with_neighbours(_linked(doc)):
        heading = item.paragraph in headings
        if (
            defer
            and item.en is not None
            and item.score is not None
            and item.score >= SURE
            and len(item.zh) == 1
        ):
            pair = SentencePair(
                item.paragraph, index, item.zh[0], item.en, "sentence", item.score, heading
            )
            yield pair, _Pending(item, before, after)
            index += 1
            continue
        scope = _verdict(item, before, after)
        en = item.en if scope == "sentence" else None
        for zh in item.zh:
            yield SentencePair(item.paragraph, index, zh, en, scope, item.score, heading), None
            index += 1


def _settled(pair: SentencePair, pending: _Pending, tokens: Sequence[Token]) -> SentencePair:
    """A deferred pair (see _pairs) as :func:`_verdict` judges it: the link is
    supported when one of its Chinese sentence's words anchors it (asked first, see
    words_anchor), else as _verdict finds."""
    item = pending.item
    if words_anchor(pair.zh, tokens, item.english_stems()):
        return pair
    scope = _verdict(item, pending.before, pending.after)
    if scope == "sentence":
        return pair
    return replace(pair, en=None, en_scope=scope)


class _Linked:
    """One link of a paragraph pair, or one sentence of a paragraph without English.

    Its support (see flashgen.align.support.link_support) is looked at only when _verdict
    asks, and only as far as it asks: a sure link needs only whether it has any, found at
    the first shared anchor (on Tatoeba, 19 links of 20 are sure and supported); whether
    it reaches SUPPORTED is asked of the others and of the neighbours of an unsupported
    sure link."""

    __slots__ = (
        "_en_all",
        "_enough",
        "_link",
        "_stems",
        "_zh_all",
        "en",
        "en_count",
        "paragraph",
        "score",
        "zh",
    )

    def __init__(
        self,
        paragraph: int,
        zh: list[str],  # the link's Chinese sentences
        en: str | None = None,  # its English sentences, joined (None: it has none)
        score: float | None = None,  # None: the paragraph has no English
        aligned: tuple[list[str], list[str], Link] | None = None,  # the paragraph's sentences
    ) -> None:
        self.paragraph = paragraph
        self.zh = zh
        self.en = en
        self.score = score
        self.en_count = 0 if aligned is None else len(aligned[2].en)
        self._zh_all, self._en_all, self._link = aligned or ([], [], Link((), (), 0.0))
        # Made when first asked, then kept: a link's stems serve its words' test, its
        # own support and its neighbours' excuse (see _settled); a neighbour's support
        # is asked by the links on both sides of it.
        self._stems: set[str] | None = None
        self._enough: bool | None = None  # whether the support reaches SUPPORTED

    def english_stems(self) -> set[str]:
        """The stems of the link's English words (see english_stems)."""
        stems = self._stems
        if stems is None:
            en = self._link.en
            if len(en) == 1:  # most links: the set english_stems makes is the union
                stems = english_stems(self._en_all[en[0]])
            else:
                stems = set().union(*(english_stems(self._en_all[j]) for j in en))
            self._stems = stems
        return stems

    def supported(self, share: float | None = None) -> bool:
        """Whether the link's support is above 0 (``share`` None) or at least ``share``
        (False without English)."""
        if not self._link.zh or not self._link.en:
            return False
        if share != SUPPORTED:  # (None too: above 0)
            return link_supported(
                self._zh_all, self._en_all, self._link, share, self.english_stems()
            )
        enough = self._enough
        if enough is None:
            enough = self._enough = link_supported(
                self._zh_all, self._en_all, self._link, share, self.english_stems()
            )
        return enough


class _Pending(NamedTuple):
    """A sure one-sentence link whose verdict waits for the sentence's tokens (see
    _pairs): its pair is made with its English, kept only if _settled says so."""

    # Defined after _Linked: compiled by mypyc, a named tuple's annotations are the
    # classes themselves, read when the module is imported (before, the import crashed).
    item: _Linked
    before: _Linked | None
    after: _Linked | None


def _linked(doc: Document) -> Iterator[_Linked]:
    for para in doc.paragraphs:
        zh = split_zh(para.zh)
        if not para.en:
            for s in zh:
                yield _Linked(para.index, [s])
            continue
        en, links = _aligned(zh, para.en)
        for link in links:
            if link.zh:
                text = " ".join(en[j] for j in link.en) if link.en else None
                sentences = [zh[i] for i in link.zh]
                yield _Linked(para.index, sentences, text, link.score, (zh, en, link))


def _with_neighbours(
    items: Iterator[_Linked],
) -> Iterator[tuple[_Linked, _Linked | None, _Linked | None]]:
    """Each item with the nearest items before and after it that have English (None for
    an item without English itself), in order: an item waits for the next one with
    English, which may be in the next paragraph."""
    before: _Linked | None = None
    waiting: list[_Linked] = []  # an item with English, then the items without after it
    for item in items:
        if item.en is None:
            if waiting:
                waiting.append(item)
            else:
                yield item, None, None
            continue
        if waiting:
            yield waiting[0], before, item
            yield from ((w, None, None) for w in waiting[1:])
            before = waiting[0]
        waiting = [item]
    if waiting:
        yield waiting[0], before, None
        yield from ((w, None, None) for w in waiting[1:])


# How much of a link its content must support (link_support) for its English to be
# shown.  Chosen on the pairing benchmark's MAC-Dev and Tatoeba articles (news-like set):
# an unrelated sentence covers 3-9 % of a MAC-Dev sentence on average (AlignParams.chance),
# so 0.15 is beyond chance; below it only a sure link (score 0.75 or more) keeps its
# English, and then only with some anchor (or the excuse below).  Links scored 0.6-0.7
# were wrong 40 % of the time on MAC-Dev.  With these, a fifth of the wrong English
# (159 sentences -> 128) became none for 1 point of the right (81.5 % -> 80.5 %);
# a sure score of 0.8 gave 121 for 1.3 points, 0.7 gave 130 for 1 point.
SUPPORTED = 0.15
SURE = 0.75
# A 1-1 link without any anchor is trusted when it is short, its lengths are plausible
# and a neighbouring link is supported: short lines of a lesson often share no
# dictionary word with their translation ("我运气很好。" / "I'm lucky.").  The English
# of a right link has 2.2 to 5.5 characters per Chinese one on Tatoeba (5th to 95th
# percentile), 2.7 to 7.5 on MAC-Dev's novels; the bounds leave a margin on both.
SHORT = 20  # Han characters
LENGTH_RATIO = (1.5, 8.0)  # English characters per Han character


def _verdict(item: _Linked, before: _Linked | None, after: _Linked | None) -> Scope | None:
    """Whether a link's English is shown ("sentence"), and if not, why."""
    if item.score is None:
        return None
    if item.en is None or item.score < TRUST_THRESHOLD:
        return "doubtful"
    if item.score >= SURE:
        # Supported (0.15 or more) or not, any support is enough: only whether it has
        # some is asked, which is cheaper than the share (same verdicts).
        if item.supported() or _excused(item, before, after):
            return "sentence"
        return "unsupported"
    return "sentence" if item.supported(SUPPORTED) else "unsupported"


def _excused(item: _Linked, before: _Linked | None, after: _Linked | None) -> bool:
    """Whether a link without anchors is a short 1-1 pair of plausible lengths beside a
    supported link (see SHORT)."""
    if len(item.zh) != 1 or item.en_count != 1 or item.en is None:
        return False
    han = han_count(item.zh[0])
    low, high = LENGTH_RATIO
    if not 0 < han <= SHORT or not low <= len(item.en) / han <= high:
        return False
    return any(n is not None and n.supported(SUPPORTED) for n in (before, after))


def _trusted(link: Link) -> bool:
    """Whether the aligner is sure enough of a link to show its English (its content
    is judged afterwards, see _verdict)."""
    return bool(link.en) and link.score >= TRUST_THRESHOLD


def _aligned(zh: list[str], english: str) -> tuple[list[str], list[Link]]:
    """The English sentences of a paragraph and their alignment to ``zh``.

    Where the English alone cannot tell whether a dotted acronym ends a sentence
    ("…that power A.I. Nvidia was slated…"), the translation decides: the split after
    it is kept when it gives more trusted links and loses none that the other had.
    """
    en = split_en(english)
    links = align_sentences(zh, en)
    if not acronym_splits(english):  # most paragraphs: the finer split is the same
        return en, links
    finer = split_en(english, after_acronyms=True)
    if len(finer) == len(en):
        return en, links
    finer_links = align_sentences(zh, finer)
    trusted = {i for link in links if _trusted(link) for i in link.zh}
    finer_trusted = {i for link in finer_links if _trusted(link) for i in link.zh}
    more = sum(map(_trusted, finer_links)) > sum(map(_trusted, links))
    if more and trusted <= finer_trusted:
        return finer, finer_links
    return en, links


def annotate_document(doc: Document) -> list[AnnotatedSentence]:
    """All sentences of ``doc``, annotated (:func:`iter_annotated` as a list)."""
    return list(iter_annotated(doc))


def iter_annotated(
    doc: Document, names: frozenset[str] | None = None
) -> Iterator[AnnotatedSentence]:
    """The sentences of ``doc``, annotated in order, a few hundred at a time.

    Memory does not grow with the number of sentences: a 20 MB text is annotated
    chunk by chunk.  Middle-dot names are collected from the whole document
    first, so that 卢特尼克 is a name even before 霍华德·卢特尼克 is written out;
    ``names`` gives them instead when ``doc`` is one part of a longer text.
    """
    if names is None:
        names = document_names(doc)
    # Each sentence is segmented with only the names it contains: the segmenter's name
    # pattern then stays small however many names a long text has (and a name that is
    # not in a sentence cannot match in it, so the tokens are the same).
    # Looked up by first character, so that a text with many names does not test each
    # of them against every sentence.
    by_first: dict[str, list[tuple[str, str]]] = {}
    for n in names:
        simp_name = to_simplified(n)
        by_first.setdefault(simp_name[:1], []).append((n, simp_name))
    chunk: list[_Item] = []
    for pair, pending in _pairs(doc, defer=True):
        if by_first:
            simp = to_simplified(pair.zh)
            firsts = by_first.keys() & set(simp)
            # Most sentences have none of the names: then no generator and set to make.
            present = (
                frozenset(n for c in firsts for n, s in by_first[c] if s in simp)
                if firsts
                else frozenset()
            )
        else:
            present = names
        chunk.append((pair, present, pending))
        if len(chunk) == _CHUNK:
            yield from _annotate_chunk(chunk, doc.path.name)
            chunk = []
            chunk_done()  # what the caches keep now stays (see flashgen.collector)
    yield from _annotate_chunk(chunk, doc.path.name)


# Sentences annotated together, so that the pinyin model reads them in batches (which is
# where its speed comes from).  On Tatoeba, 64 to 512 are as fast; more is slower.
_CHUNK = 256


def document_names(doc: Document) -> frozenset[str]:
    """Middle-dot names of the whole document and their parts (see :func:`name_parts`)."""
    # Paragraph by paragraph: a dot name never spans a line break, and joining a
    # 20 MB text into one string (and its simplified copy) would double the memory.
    found = [n for p in doc.paragraphs if DOT_SPLIT.search(p.zh) for n in find_dot_names(p.zh)]
    return name_parts(found)


def warm_up() -> None:
    """Load the language data (segmenter, dictionaries, pinyin model) in this process,
    so that worker processes forked from it inherit them instead of loading their own."""
    doc = Document(
        Path("warm-up"),
        None,
        (
            Paragraph(
                0,
                "商务部长霍华德·卢特尼克说，我们在北京学习中文。他一丝不苟。",
                "Commerce Secretary Howard Lutnick said we study Chinese in Beijing. "
                "He is meticulous.",
            ),
        ),
    )
    for _ in iter_annotated(doc):
        pass
    load_idiom_syllables()  # what an idiom only the chengyu list has is read with
    word_zipf("的")  # the frequency list, which selection ranks words by
    load_word_hmm()  # jieba's word HMM, a second opinion on single characters


def load_language_data(jobs: int = 1, on_build: Callable[[], object] | None = None) -> None:
    """Load the language data in this process (as :func:`warm_up`).

    On a first run (a cache missing) ``on_build`` is called first, so that a command can
    say why it is slow; then, with ``jobs`` above 1, the caches are built by two worker
    processes side by side before they are loaded: CC-CEDICT, the idiom list and the
    segmenter's lexicon in one (each needs the one before), those that need none of
    them in the other.  A first ``flashgen build`` spends most of its time there.
    """
    try:
        with only_cached():
            warm_up()
        return
    except CacheMissing:
        pass
    if on_build is not None:
        on_build()
    # What the workers build reaches this process only through the cache folder.
    if jobs > 1 and cache_writable():
        for _ in ordered_map(_build_caches, [0, 1], 2):
            pass
    warm_up()


def _build_caches(part: int) -> None:
    if part == 0:
        load_lexicon()  # loads (building) CC-CEDICT and the idiom list first
        load_idiom_syllables()  # needs the idiom list
    else:
        load_tables()
        common_english()
        hsk_level("一")
        word_zipf("的")
        load_word_hmm()


def annotate_sentence(
    pair: SentencePair, file: str = "", names: frozenset[str] = frozenset()
) -> AnnotatedSentence:
    return _annotate_chunk([(pair, names, None)], file)[0]


# A sentence pair to annotate, the names known in it (see iter_annotated) and, for a
# pair whose verdict waits for its tokens, what that verdict needs (see _pairs).
_Item = tuple[SentencePair, frozenset[str], _Pending | None]


def _annotate_chunk(chunk: list[_Item], file: str) -> list[AnnotatedSentence]:
    """Each sentence pair annotated, with the names known in it (see iter_annotated)."""
    tokens = [segment(pair.zh, names) for pair, names, _ in chunk]
    readings = read_sentences(
        [
            (pair.zh, [(t.start, t.end) for t in toks])
            for (pair, _, _), toks in zip(chunk, tokens, strict=True)
        ]
    )
    out = []
    for (pair, _, pending), toks, syllables in zip(chunk, tokens, readings, strict=True):
        if pending is not None:
            pair = _settled(pair, pending, toks)
        # The tokens' texts and kinds as columns, so that the memoised _read_word is
        # called by map itself, with no Python call per token.
        texts, _, _, kinds, _ = zip(*toks, strict=True) if toks else ((), (), (), (), ())
        words = list(map(_read_word, texts, kinds, syllables))
        if pair.en:
            annotated = _with_english(toks, words, english_words(pair.en))
        else:
            annotated = _finished(toks, words)
        out.append(
            AnnotatedSentence(
                file,
                pair.paragraph,
                pair.index,
                pair.zh,
                pair.en,
                pair.en_scope,
                pair.align_score,
                annotated,
                pair.heading,
            )
        )
    return out


class _Word(NamedTuple):
    """What a token's text, kind and reading decide: all of its annotation but its
    place in the sentence and its English.  Made once per distinct word (memoised),
    because words recur across a text."""

    simplified: str
    syllables: tuple[str, ...]
    gloss: Gloss | None
    entry: DictEntry | None
    traditional: str
    hsk: int | None
    zipf: float
    # Whether the sentence's English may choose another reading of the word when this
    # one matches none of it: not a particle or function word (see _may_switch); for a
    # grammar word only through a content sense (see _content_match).  Decided here,
    # once per word, rather than for every unmatched token.
    switch: bool
    # What the English match asks of every token, once per word too: the gloss's
    # senses, and whether the word is a grammar word (see _SWITCH_MAX_ZIPF).
    senses: tuple[str, ...] | None
    grammar: bool


# Bounded, so that a 20 MB text does not keep every word it met.
@lru_cache(maxsize=1 << 15)
def _read_word(text: str, kind: Kind, syllables: tuple[str, ...]) -> _Word:
    simplified = to_simplified(text)
    if kind not in _LEXICAL:
        return _Word(simplified, syllables, None, None, text, None, 0.0, False, None, False)
    idiom = load_idioms().listed.get(simplified)
    if idiom is not None and not load_cedict().lookup(simplified):
        # An idiom only the chengyu list has: its reading is the list's, not a guess.
        syllables = idiom_syllables(idiom) or syllables
    gloss, entry = gloss_for(simplified, syllables, kind, idiom)
    return _lexical_word(text, kind, simplified, syllables, gloss, entry)


# jieba's tags of function words: pronouns, prepositions, particles, conjunctions,
# interjections, onomatopoeia.
_FUNCTION_TAGS = ("r", "p", "y", "u", "c", "e", "o")


def _may_switch(char: str, syllables: tuple[str, ...]) -> bool:
    """Whether the English may choose another reading of the one-character word ``char``:
    not for a particle read with the neutral tone (啊 a, 吗 ma) nor a function word, whose
    translation the English does not hold — on Tatoeba the English turned 吗 into má
    "what?" 17 times, 啊 into á or à 19 times, 那 into nǎ "how" 6 times, 给 into jǐ "to
    supply", and none of those was right."""
    return not syllables[0].endswith("5") and not jieba_tag(char).startswith(_FUNCTION_TAGS)


def _lexical_word(
    text: str,
    kind: Kind,
    simplified: str,
    syllables: tuple[str, ...],
    gloss: Gloss | None,
    entry: DictEntry | None,
) -> _Word:
    if entry is not None:
        traditional = standard_traditional(simplified, entry.traditional)
    elif text != simplified:
        traditional = text  # the input itself is traditional
    else:
        traditional = to_traditional(simplified)
    hsk, frequency = _grade(simplified)
    switch = (
        kind == "word"
        and gloss is not None
        and (len(simplified) > 1 or _may_switch(simplified, syllables))
    )
    return _Word(
        simplified,
        syllables,
        gloss,
        entry,
        traditional,
        hsk,
        frequency,
        switch,
        None if gloss is None else gloss.senses,
        len(simplified) == 1 and frequency >= _SWITCH_MAX_ZIPF,
    )


def _finished(
    toks: Sequence[Token],
    words: Sequence[_Word],
    matches: Sequence[EnglishMatch | None] | None = None,
) -> tuple[AnnotatedToken, ...]:
    """Each token with its word and its English match (none without ``matches``); a
    matched gloss lists the matching sense first."""
    # tuple.__new__ as AnnotatedToken._make uses it: the named tuple's own __new__ is a
    # Python function, a quarter of the time per token (measured), for every token.
    new = tuple.__new__
    if matches is None:
        matches = [None] * len(toks)
    return tuple(
        [
            new(
                AnnotatedToken,
                (
                    t.text,
                    t.start,
                    t.end,
                    t.kind,
                    w.syllables,
                    w.gloss if m is None or w.gloss is None else _sense_first(w.gloss, m.sense),
                    w.traditional,
                    w.hsk,
                    w.zipf,
                    m,
                    w.simplified,
                ),
            )
            for t, w, m in zip(toks, words, matches, strict=True)
        ]
    )


def _sense_first(gloss: Gloss, sense: str) -> Gloss:
    """:func:`with_sense_first`, one object for each (gloss, sense): equal glosses are
    then the same object, which the JSON records rely on to reuse a word's pieces."""
    key = (id(gloss), sense)
    found = _reordered.get(key)
    if found is None:
        if len(_reordered) >= _REORDERED_MAX:
            _reordered.clear()
        # The entry keeps ``gloss`` alive, so no other object can take its id meanwhile.
        found = _reordered[key] = (gloss, with_sense_first(gloss, sense))
    return found[1]


_reordered: dict[tuple[int, str], tuple[Gloss, Gloss]] = {}
_REORDERED_MAX = 1 << 14


def _with_english(
    toks: Sequence[Token], words: list[_Word], english: EnglishWords
) -> tuple[AnnotatedToken, ...]:
    words, matches = _match_english(toks, words, english)
    return _finished(toks, words, matches)


def _grade(simplified: str) -> tuple[int | None, float]:
    """HSK level and Zipf frequency of a word (once per distinct word: _read_word and
    _other_readings are memoised)."""
    return hsk_level(simplified), zipf(simplified)


# A sense matched only through its head noun ranks after every whole-sense match.
_HEAD_ONLY = 1000
# Single characters this frequent (Zipf, jieba counts) are grammar words (了, 的, 着):
# the English says little reliable about their reading, so they match only by their
# dictionary senses and switch reading only through a content sense (_content_match).
_SWITCH_MAX_ZIPF = 6.0


def _match_english(
    toks: Sequence[Token], words: list[_Word], english: EnglishWords
) -> tuple[list[_Word], list[EnglishMatch | None]]:
    """Match each token to an English span, one token per span.

    The spans are chosen by :func:`link_english` (competitive linking: an earlier
    CC-CEDICT sense, a whole sense before a head noun, so 还是 "still" keeps "still"
    and 但, whose fifth sense is "still", does not take it too).  Then a word whose
    reading's senses found no English but whose other CC-CEDICT reading translates an unclaimed
    span takes that reading: the sentence's own translation decides between 告诉
    gàosu "to tell" and gàosù "to press charges", 藏 cáng "to hide" and zàng.  A grammar
    word (还, 中) takes it only through a content sense (:func:`_content_match`): 还书 /
    "return the book" is huán, 中了彩票 / "won the lottery" zhòng.
    """
    if not words:
        return words, []
    # The words' fields as columns, in one call (zip in C) rather than a list each.
    simplified, syllables, _, _, _, _, _, _, senses, grammar = zip(*words, strict=True)
    matches = link_english(toks, simplified, senses, syllables, grammar, english)
    claimed = [(m.start, m.end) for m in matches if m is not None]
    out = words
    for i, match in enumerate(matches):
        # A word no sense of whose reading matched (found by the translation table or
        # not at all) may have another reading that one of its senses does match.
        if match is None or match.source != "gloss":
            w = words[i]
            if w.switch:
                # Most words have no other reading: asked here, not in a call for each.
                others = _other_readings(w.simplified, toks[i].text, w.syllables)
                if others:
                    free = claimed
                    if match is not None:
                        free = [c for c in claimed if c != (match.start, match.end)]
                    found_other = _other_reading_match(others, english, free, w.grammar)
                    if found_other is None and match is not None and match.source == "context":
                        found_other = _other_reading_by_synonym(w, others, match)
                    if found_other is not None:
                        if out is words:
                            out = list(words)
                        out[i], matches[i] = found_other
                        claimed = [*free, (found_other[1].start, found_other[1].end)]
    return out, matches


def _free(m: EnglishMatch, claimed: list[tuple[int, int]]) -> bool:
    # A loop, not all() over a generator: asked for every match, mostly of one or two
    # claimed spans, where setting up the generator is most of the work.
    start, end = m.start, m.end
    return all(not (end > s and start < e) for s, e in claimed)


def _other_reading_match(
    others: tuple[_Word, ...],
    english: EnglishWords,
    claimed: list[tuple[int, int]],
    grammar: bool = False,
) -> tuple[_Word, EnglishMatch] | None:
    """The first of a word's other readings (:func:`_other_readings`) that translates an
    unclaimed span, with that span; for a ``grammar`` word, only through a content sense
    (:func:`_content_match`)."""
    for other in others:
        assert other.gloss is not None
        m = match_english(other.gloss.senses, english)
        if m is not None and _free(m, claimed) and (not grammar or _content_match(m)):
            return other, m
    return None


def _content_match(m: EnglishMatch) -> bool:
    """Whether ``m`` is a content sense found in the English, evidence enough to switch
    the reading of a grammar word: a sense that is a translation, not a pointer to a
    word ("used in 自个儿" matched the "used" of "used to" and turned 个 gè into gě 5
    times on Tatoeba, all wrong), found as a span with a content word of English, not
    only function words ("have to", "be": a grammar word's English is too often a free
    rendering; no other reading of today's switchable grammar words has such a sense,
    so this part is a guard that changed nothing on Tatoeba)."""
    return not points_elsewhere(m.sense) and any(
        w.lower() not in STOPWORDS for w in _WORD.findall(m.text)
    )


def _other_reading_by_synonym(
    word: _Word, others: tuple[_Word, ...], match: EnglishMatch
) -> tuple[_Word, EnglishMatch] | None:
    """The first other reading with a sense the span the translation table linked is a
    synonym of, with that span: the table links a character, not a reading, so 有点儿难 /
    "a bit hard" kept 难 nàn "disaster" with "hard" in bold; nán "difficult" has "hard"
    among WordNet's synonyms (found on the HSK sentences, benchmarks/hsk_readings.py).
    Not when a sense of the word's own reading holds the span's word (削 xiāo "to peel
    with a knife" keeps "peel", which is also a synonym of xuē "to pare")."""
    assert word.gloss is not None
    own = stem(match.text)
    if any(own in content_stems(sense) for sense in word.gloss.senses):
        return None
    for other in others:
        assert other.gloss is not None
        sense = synonym_sense(other.gloss.senses, match.text)
        if sense is not None:
            return other, match._replace(sense=sense)
    return None


@lru_cache(maxsize=1 << 14)
def _other_readings(simplified: str, text: str, syllables: tuple[str, ...]) -> tuple[_Word, ...]:
    """The word's other common CC-CEDICT readings, glossed, in file order."""
    seen = {reading_key(syllables)}
    out = []
    for e in load_cedict().lookup(simplified):
        if e.pinyin[:1].isupper():
            continue
        other = word_reading(text, e.pinyin)
        if other is None or reading_key(other) in seen:
            continue
        seen.add(reading_key(other))
        gloss, entry = gloss_for(simplified, other, "word")
        if gloss is not None:
            out.append(_lexical_word(text, "word", simplified, other, gloss, entry))
    return tuple(out)
