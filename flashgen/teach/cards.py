"""Turn selected words into note contents: the fields of the two flashgen note types.

Every field is HTML, built the same way: the plain text is escaped first and markup
is then added at character offsets, never by replacing strings, so input text such
as ``<script>`` or ``&`` shows as text and a word is bolded exactly where it occurs.

This module knows the field names and order of the note types (the deck's public
interface) but not Anki's file format: each note carries the ``identity`` its GUID is
made from, and the deck writer turns that into the GUID.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from flashgen.datatypes import ALL_CARDS, AnnotatedToken, CardKind, ClozeHint
from flashgen.language.pinyin import Piece, display_pinyin, numbered, token_pieces, tone_marks
from flashgen.speech import AudioLibrary
from flashgen.teach.order import Card, study_order
from flashgen.teach.select import Pick, Selection, headword

VOCAB_FIELDS = (
    "Hanzi",
    "Traditional",
    "Pinyin",
    "PinyinNumbered",
    "Meaning",
    "Classifier",
    "Kind",
    "HSK",
    "Sentence",
    "SentenceEnglish",
    "Source",
    # Sound files ([sound:…]) of the word and of the example sentence: empty without
    # --audio; added with the card redesign so that the note types change once.
    "Audio",
    "SentenceAudio",
)
CLOZE_FIELDS = ("Text", "English", "Word", "Pinyin", "Meaning", "Source", "Audio", "SentenceAudio")


@dataclass(frozen=True, slots=True)
class Note:
    """The contents of one note, ready for the deck writer.

    ``identity`` is all the GUID is made from, so editing any other field updates the
    note in place on re-import: vocab = (headword, numbered pinyin), cloze =
    (headword, sentence).
    """

    model: Literal["vocab", "cloze"]
    identity: tuple[str, ...]
    fields: tuple[str, ...]  # HTML, in VOCAB_FIELDS or CLOZE_FIELDS order
    position: int  # the word's place among the deck's words
    # Anki tags (hierarchical with "::"): see note_tags.
    tags: tuple[str, ...] = ()
    # Each card's place in the order of study (Anki's ``due`` of a new card), by kind:
    # see flashgen.teach.order.  A card without one gets ``position``.
    due: tuple[tuple[CardKind, int], ...] = ()


def make_notes(
    selection: Selection,
    source: str,
    cloze_hint: ClozeHint = "none",
    audio: AudioLibrary | None = None,
) -> tuple[Note, ...]:
    """One vocab note and one cloze note per picked word, in the selection's order.

    ``source`` names the text (file name, and title where there is one).  Two words
    whose cloze would be the same note (one headword with two readings, both
    exemplified by one sentence) keep only the first cloze.
    """
    return lesson_notes(selection.picks, (), source, cloze_hint, audio=audio)


def lesson_notes(
    new: Sequence[Pick],
    review: Sequence[Pick],
    source: str,
    cloze_hint: ClozeHint = "none",
    *,
    first_position: int = 0,
    vocab_source: Callable[[Pick], str] | None = None,
    on_vocab: Callable[[Pick, Note], None] | None = None,
    tags: Sequence[str] = (),
    cards: frozenset[str] = ALL_CARDS,
    audio: AudioLibrary | None = None,
) -> tuple[Note, ...]:
    """The notes of one lesson: a vocab and a cloze note for each ``new`` word, a cloze
    note only for each ``review`` word (one an earlier lesson introduced).

    Notes come in the order the words first appear in the lesson.  Their ``cards`` (the
    kinds the deck makes) are put in the order of study (:func:`study_order`) and
    numbered from ``first_position``; :func:`card_count` says how many numbers they
    took.  ``vocab_source`` may give a vocab note a longer source line (the other
    lessons the word is in); ``on_vocab`` is called with each new word and its vocab
    note (a handout shows them).  ``tags`` name the text or lesson (:func:`source_tags`);
    each note also gets its word's tags (:func:`note_tags`).  With ``audio``, the
    notes' ``Audio`` (the word) and ``SentenceAudio`` fields name its recordings.
    """
    notes: list[Note] = []
    vocab_of: list[tuple[Pick, int]] = []  # each new word and the index of its vocab note
    slots: list[tuple[int, Card]] = []  # (index in notes, card) for each card to place
    cloze_seen: set[tuple[str, ...]] = set()
    fresh = {id(p) for p in new}
    for offset, pick in enumerate(sorted((*new, *review), key=lambda p: p.first)):
        position = first_position + offset
        word_tags = (*tags, *note_tags(pick.token))
        if id(pick) in fresh:
            vocab = vocab_note(
                pick, vocab_source(pick) if vocab_source else source, position, audio
            )
            vocab = replace(vocab, tags=word_tags)
            for kind in ("recognition", "recall"):
                if kind in cards:
                    slots.append((len(notes), Card(offset, kind, pick.sentence.zh)))
            vocab_of.append((pick, len(notes)))
            notes.append(vocab)
        cloze = cloze_note(pick, source, position, cloze_hint, audio)
        # A cloze without its word would be an empty card (only possible if the
        # annotator's offsets and text disagree and the word is not in the sentence).
        if word_span(pick)[1] and cloze.identity not in cloze_seen:
            cloze_seen.add(cloze.identity)
            if "cloze" in cards:
                slots.append((len(notes), Card(offset, "cloze", pick.sentence.zh)))
            notes.append(replace(cloze, tags=word_tags))
    due: list[list[tuple[CardKind, int]]] = [[] for _ in notes]
    for (index, card), place in zip(slots, study_order([c for _, c in slots]), strict=True):
        due[index].append((card.kind, first_position + place))
    done = tuple(replace(n, due=tuple(d)) for n, d in zip(notes, due, strict=True))
    if on_vocab:
        for pick, index in vocab_of:
            on_vocab(pick, done[index])
    return done


def card_count(notes: Sequence[Note]) -> int:
    """How many places in the order of study ``notes`` take (see :func:`lesson_notes`)."""
    return sum(len(n.due) for n in notes)


# --- tags ---------------------------------------------------------------------------

# Anki separates tags by spaces and levels of a tag by "::"; its search treats * _ "
# and : specially.  What is left: letters of any script, digits, "-" and ".".
_TAG_UNSAFE = re.compile(r"[^\w.-]+|_+")


def tag_part(name: str) -> str:
    """``name`` as one level of an Anki tag: runs of anything else than letters, digits,
    ``-`` and ``.`` become one ``_``.

    >>> tag_part("03 at the market"), tag_part("Chinese 3A: 第三课"), tag_part(" :: ")
    ('03_at_the_market', 'Chinese_3A_第三课', '_')
    """
    text = _TAG_UNSAFE.sub("_", unicodedata.normalize("NFKC", name)).strip("_")
    return text or "_"


def source_tags(*levels: str) -> tuple[str, ...]:
    """The tags naming a text or lesson: ``flashgen`` and ``flashgen::`` + the levels.

    >>> source_tags("class", "Chinese 3A", "01 at the market")
    ('flashgen', 'flashgen::class::Chinese_3A::01_at_the_market')
    """
    return ("flashgen", "::".join(("flashgen", *map(tag_part, levels))))


def note_tags(token: AnnotatedToken) -> tuple[str, ...]:
    """The tags of a word: its HSK level (``HSK::4``, ``HSK::7-9``, ``HSK::none``) and
    ``idiom``, ``name`` or ``compound`` (a word CC-CEDICT lacks, glossed by its parts)
    for those kinds."""
    level = "none" if token.hsk is None else "7-9" if token.hsk >= 7 else str(token.hsk)
    kind = (_kind(token),) if _kind(token) in ("idiom", "name", "compound") else ()
    return (f"HSK::{level}", *kind)


def vocab_note(
    pick: Pick, source: str, position: int = 0, audio: AudioLibrary | None = None
) -> Note:
    token, sentence = pick.token, pick.sentence
    word = headword(token)
    start, end = word_span(pick)
    fields = (
        _esc(word),
        _esc(token.traditional) if token.traditional != word else "",
        pinyin_html(token_pieces(token)),
        _esc(numbered(token.syllables)),
        _meaning(pick),
        _esc(", ".join(classifier_text(c) for c in token.gloss.classifiers) if token.gloss else ""),
        _kind(token),
        hsk_text(token.hsk),
        bold_span(sentence.zh, start, end),
        english_html(pick),
        _esc(source),
        audio.word(token) if audio else "",  # Audio
        audio.sentence(sentence) if audio else "",  # SentenceAudio
    )
    # A reading a teacher corrected keeps the identity of the note students already have.
    return Note("vocab", (word, numbered(pick.reading_was or token.syllables)), fields, position)


def _kind(token: AnnotatedToken) -> str:
    """The Kind field: a word glossed by its parts' meanings says it is a compound."""
    return "compound" if token.gloss and token.gloss.source == "parts" else token.kind


def cloze_note(
    pick: Pick,
    source: str,
    position: int = 0,
    hint: ClozeHint = "none",
    audio: AudioLibrary | None = None,
) -> Note:
    token, sentence = pick.token, pick.sentence
    start, end = word_span(pick)
    fields = (
        cloze_text(sentence.zh, start, end, _hint(pick, hint)),
        english_html(pick),
        _esc(token.text),  # as the sentence writes it, in whichever script
        pinyin_html(token_pieces(token)),
        _meaning(pick),
        _esc(source),
        audio.word(token) if audio else "",  # Audio
        audio.sentence(sentence) if audio else "",  # SentenceAudio
    )
    return Note("cloze", (headword(token), sentence.zh), fields, position)


# --- meaning ----------------------------------------------------------------------

# Senses shown before the rest of the entry is collapsed: the one the sentence uses (or
# the dictionary's first) and three more, CC-CEDICT putting the common ones first.  Of
# the sample article's 224 vocab notes, 42 have more than four senses (曾 6, 度 9).
SHOWN_SENSES = 4


@dataclass(frozen=True, slots=True)
class Meaning:
    """A word's meaning as a card shows it."""

    in_context: str  # the English counterpart no dictionary sense matched ("" if none)
    shown: tuple[str, ...]  # the sense the sentence uses, if known, then the next ones
    more: tuple[str, ...]  # the rest of the entry, in dictionary order


def meaning_parts(token: AnnotatedToken) -> Meaning | None:
    """The senses of ``token``'s gloss to show and to collapse (None: it has no gloss).

    The annotator lists the sense matched in the English first, and the rest in
    dictionary order.  Where no sense matched but the aligner found the word's
    counterpart (``source`` "context", or "inferred" by the second pass), that English
    comes first, marked as the meaning in this sentence: beside the dictionary entry,
    never instead of it.
    """
    gloss = token.gloss
    if gloss is None or not gloss.senses:
        return None
    senses = gloss.senses
    match = token.en_match
    context = ""
    if match is not None and match.source != "gloss" and match.text.strip():
        context = match.text.strip()
        # Said already by the dictionary, it would only be said twice.
        if context.casefold() in (s.casefold() for s in senses[:SHOWN_SENSES]):
            context = ""
    if len(senses) <= SHOWN_SENSES + 1:
        # One sense is shorter than the line that would hide it.
        return Meaning(context, senses, ())
    return Meaning(context, senses[:SHOWN_SENSES], senses[SHOWN_SENSES:])


def context_text(english: str) -> str:
    """The meaning in context, marked as such.

    >>> context_text("in concert")
    '“in concert” (in this sentence)'
    """
    return f"“{english}” (in this sentence)"


def meaning_text(token: AnnotatedToken) -> str:
    """The whole meaning as one line of plain text, in the card's order (for exports)."""
    meaning = meaning_parts(token)
    if meaning is None:
        return ""
    parts = [context_text(meaning.in_context)] if meaning.in_context else []
    return "; ".join([*parts, *meaning.shown, *meaning.more])


# --- field builders -------------------------------------------------------------


def bold_span(text: str, start: int, end: int) -> str:
    """``text`` escaped, with ``text[start:end]`` in ``<b>`` (no bold for an empty span).

    >>> bold_span("a<b>&c", 1, 4)
    'a<b>&lt;b&gt;</b>&amp;c'
    """
    if not 0 <= start < end <= len(text):
        return _esc(text)
    return f"{_esc(text[:start])}<b>{_esc(text[start:end])}</b>{_esc(text[end:])}"


def cloze_text(text: str, start: int, end: int, hint: str) -> str:
    """``text`` escaped, with ``text[start:end]`` as Anki's ``{{c1::word::hint}}``.

    Braces elsewhere in the text become character references, so a sentence that
    happens to contain ``{{c2::`` cannot make a second cloze.

    >>> cloze_text("我喜欢你", 1, 3, "xǐhuan")
    '我{{c1::喜欢::xǐhuan}}你'
    """
    word = _cloze_safe(text[start:end])
    tail = f"::{_cloze_safe(hint)}" if hint else ""
    return f"{_cloze_safe(text[:start])}{{{{c1::{word}{tail}}}}}{_cloze_safe(text[end:])}"


# A class of 200 lessons makes some 20,000 notes from a few thousand words, each
# word's pinyin rendered for its vocab and cloze notes and its handout row: cached.
@lru_cache(maxsize=1 << 16)
def pinyin_html(pieces: tuple[Piece, ...]) -> str:
    """Tone-marked pinyin as :func:`~flashgen.language.pinyin.pinyin_pieces` shows it
    (joined or spaced, names capitalised), one ``<span class="toneN">`` per syllable."""
    return "".join(f'{p.before}<span class="tone{p.tone}">{_esc(p.marked)}</span>' for p in pieces)


def english_html(pick: Pick) -> str:
    """The example's English, the word's matched translation in bold ("" if none)."""
    en = pick.sentence.en
    if not en:
        return ""
    match = pick.token.en_match
    if match is None or en[match.start : match.end] != match.text:
        return _esc(en)
    return bold_span(en, match.start, match.end)


_CLASSIFIER = re.compile(r"^(?:[^|\[]+\|)?([^|\[]+)\[([^\]]+)\]$")


def classifier_text(classifier: str) -> str:
    """CC-CEDICT's ``個|个[ge4]`` as a learner reads it: ``个 gè`` (other forms unchanged)."""
    m = _CLASSIFIER.match(classifier.strip())
    if not m:
        return classifier
    return f"{m.group(1)} {tone_marks(tuple(m.group(2).split()))}"


def hsk_text(level: int | None) -> str:
    # HSK 3.0 lists levels 7, 8 and 9 as one band, which the annotator reports as 7.
    if level is None:
        return ""
    return "7–9" if level >= 7 else str(level)


# --- helpers ----------------------------------------------------------------------

# Most text has nothing to escape; looking first is cheaper than html.escape's five
# replacements (a class of 200 lessons escapes some 250,000 strings).
_HTML_SPECIAL = re.compile("[&<>\"'[]")
_CLOZE_SPECIAL = re.compile("[&<>\"'[{}:]")


def _esc(text: str) -> str:
    # "[" too: a text that says "[sound:x]" or "[anki:tts]" must not become a media
    # reference (genanki refuses the package) or a sound Anki plays.
    if not _HTML_SPECIAL.search(text):
        return text
    return html.escape(text, quote=True).replace("[", "&#91;")


def _cloze_safe(text: str) -> str:
    # Anki parses cloze markers in the raw field, before HTML entities are decoded;
    # escaped braces and colons display the same but cannot open, split or close one.
    if not _CLOZE_SPECIAL.search(text):
        return text
    return _esc(text).replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


def _meaning(pick: Pick) -> str:
    """The Meaning field: the meaning in this sentence first, the rest collapsed.

    A ``<details>`` element in the field, not a field of its own: adding a field would
    change the note types in every user's collection; a closed ``<details>`` needs no
    style sheet, and Anki's desktop, AnkiDroid and AnkiMobile web views all open it.
    """
    meaning = meaning_parts(pick.token)
    if meaning is None:
        return ""
    text = _esc("; ".join(meaning.shown))
    if meaning.in_context:
        text = f"{_esc(context_text(meaning.in_context))}<br>{text}"
    if meaning.more:
        n = len(meaning.more)
        summary = f"{n} more sense" if n == 1 else f"{n} more senses"
        text += f"<details><summary>{summary}</summary>{_esc('; '.join(meaning.more))}</details>"
    return text


def _hint(pick: Pick, hint: ClozeHint) -> str:
    token = pick.token
    if hint == "pinyin":
        return display_pinyin(token)
    if hint == "meaning" and token.gloss and token.gloss.senses:
        return token.gloss.senses[0]  # the most useful sense; the whole gloss is too long
    return ""


def word_span(pick: Pick) -> tuple[int, int]:
    """Where the picked word stands in its sentence ((0, 0): nowhere).  The annotator's
    offsets are into the sentence; should they ever disagree with the text, the word's
    first occurrence is the honest fallback (cards and handouts mark the same place)."""
    token, zh = pick.token, pick.sentence.zh
    if zh[token.start : token.end] == token.text:
        return token.start, token.end
    found = zh.find(token.text)
    return (found, found + len(token.text)) if found >= 0 else (0, 0)
