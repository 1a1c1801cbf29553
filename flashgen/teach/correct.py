"""Apply a teacher's corrections (:mod:`flashgen.teach.corrections`) to a studied text.

Two places in the pipeline, so that everything after selection (plan, notes, handouts,
exports, the review page) sees the corrected words without knowing about corrections:

- before selection, :func:`fix_sentences` gives a sentence its corrected English and
  annotates it again (so the words' English matches are found in the new English, and
  the sentence counts as having its own English when examples are chosen);
- after selection, :func:`fix_picks` gives each picked word its corrected reading and
  meaning.  ``skip`` and ``keep`` are decided by selection itself (``SelectConfig``).

A corrected reading keeps the note's identity (its GUID) made from the reading the word
had before, :attr:`Pick.reading_was`: a student who imported the uncorrected deck gets
that note updated in place, not a second note beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from flashgen.datatypes import AnnotatedSentence, Gloss, SentencePair
from flashgen.language.annotate import annotate_sentence
from flashgen.language.english import english_words, match_english
from flashgen.language.gloss import gloss_for, with_sense_first
from flashgen.teach.cards import meaning_text
from flashgen.teach.corrections import Correction, Corrections, LineId, sentence_key
from flashgen.teach.select import Pick, SelectConfig, Selection, select_words, word_key


def select_corrected(
    sentences: Iterable[AnnotatedSentence], config: SelectConfig
) -> tuple[Selection, frozenset[LineId]]:
    """:func:`select_words` with ``config.corrections`` applied, and the correction lines
    that matched something in the text (a word of it, or one of its sentences)."""
    corrections = config.corrections
    if not corrections:
        return select_words(sentences, config), frozenset()
    used: set[LineId] = set()
    selection = select_words(fix_sentences(sentences, corrections, used), config)
    return fix_picks(selection, corrections, used), frozenset(used)


def fix_sentences(
    sentences: Iterable[AnnotatedSentence], corrections: Corrections, used: set[LineId]
) -> Iterator[AnnotatedSentence]:
    """The sentences, those with a corrected English annotated again with it; the lines
    used are added to ``used``."""
    english = {sentence_key(c.sentence): c for c in corrections.lines if c.sentence}
    for sentence in sentences:
        c = english.get(sentence_key(sentence.zh)) if english else None
        if c is None:
            yield sentence
            continue
        used.add(c.id)
        # The sentence's own names, so that it is cut as it was in its document.
        names = frozenset(t.text for t in sentence.tokens if t.kind == "name")
        pair = SentencePair(
            sentence.paragraph,
            sentence.sentence,
            sentence.zh,
            c.english,
            "sentence",
            1.0,
            sentence.heading,
        )
        yield annotate_sentence(pair, sentence.file, names)


def fix_picks(selection: Selection, corrections: Corrections, used: set[LineId]) -> Selection:
    """The selection with each picked word's reading and meaning corrected; the lines
    whose word is in the text (picked or skipped) are added to ``used``."""
    words: dict[str, Correction] = {}
    for c in corrections.lines:
        if c.word:
            words[c.word] = _merged(words.get(c.word), c)
    seen = {p.token.simplified for p in selection.picks}
    seen.update(w for _, skipped in selection.skipped for w in skipped)
    used.update(c.id for c in corrections.lines if c.word and c.word in seen)
    picks: list[Pick] = []
    keys: set[tuple[str, tuple[str, ...]]] = set()
    for pick in selection.picks:
        line = words.get(pick.token.simplified)
        if line is not None and (line.syllables or line.meaning):
            pick = _fixed(pick, line)
        # Two readings corrected to one are one word: the first keeps its place.
        if word_key(pick.token) in keys:
            continue
        keys.add(word_key(pick.token))
        picks.append(pick)
    return replace(selection, picks=tuple(picks))


def _merged(before: Correction | None, after: Correction) -> Correction:
    # Several lines for one word: each field from the last line that gives it.
    if before is None:
        return after
    return replace(
        after,
        syllables=after.syllables or before.syllables,
        meaning=after.meaning or before.meaning,
    )


def _fixed(pick: Pick, c: Correction) -> Pick:
    token, sentence = pick.token, pick.sentence
    gloss, match = token.gloss, token.en_match
    reading_was = pick.reading_was
    if c.syllables and c.syllables != token.syllables:
        reading_was = reading_was or token.syllables
        new_gloss, _ = gloss_for(token.simplified, c.syllables, token.kind)
        gloss = new_gloss or gloss
        # The bold English: what a sense of the new reading finds, else the counterpart
        # the aligner found whatever the reading (a sense of the old one is no evidence).
        found = None
        if sentence.en and gloss is not None:
            found = match_english(gloss.senses, english_words(sentence.en))
        if found is None and match is not None and match.source != "gloss":
            found = match
        match = found
        if gloss is not None and match is not None and match.source == "gloss":
            gloss = with_sense_first(gloss, match.sense)
    token = token._replace(syllables=c.syllables or token.syllables, gloss=gloss, en_match=match)
    # A template line left as it was written (the current meaning) changes nothing.
    if c.meaning and c.meaning != meaning_text(pick.token):
        senses = tuple(s.strip() for s in c.meaning.split(";") if s.strip())
        classifiers = gloss.classifiers if gloss else ()
        if match is not None and match.source != "gloss":
            # The teacher's meaning replaces the "in this sentence" line; the bold stays.
            match = match._replace(source="gloss", sense="")
        token = token._replace(gloss=Gloss(senses, classifiers, "teacher"), en_match=match)
    return replace(pick, token=token, reading_was=reading_was)
