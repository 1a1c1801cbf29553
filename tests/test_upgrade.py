"""An upgrade in the real Anki: a deck built before the card redesign (issue 15) is in
a student's collection with review history; today's build of the same text is
imported over it.

The redesign added fields (Audio, SentenceAudio), which changes the note types'
schema.  Anki then updates a note type in place only with "Merge note types" ticked
(matching fields by their ids, which flashgen keeps), and the merge itself touches
every note of it, so the deck's notes are older than the collection's and only
"Update notes: Always" updates them: the README tells users to choose both, once.
With the dialog's defaults nothing is lost or duplicated, but Anki adds a copy of each
note type ("flashgen Chinese Vocab+") and updates no note: tested too, so that the
README says what really happens."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from flashgen.build.texts import BuildConfig, build_deck
from flashgen.output.anki import CLOZE_MODEL_NAME, VOCAB_MODEL_NAME
from flashgen.teach.cards import CLOZE_FIELDS, VOCAB_FIELDS
from flashgen.text.inputs import find_inputs

anki_collection = pytest.importorskip("anki.collection")
from anki.scheduler.v3 import CardAnswer  # noqa: E402  (after the importorskip)
from anki_helpers import import_apkg, strip_tags  # noqa: E402

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "seeds" / "000_83bce5aa88b4fec1.txt"
BEFORE = Path(__file__).parent / "data" / "upgrade" / "sample-before-issue-15.apkg"
BEFORE_TIME = 1_780_000_000  # SOURCE_DATE_EPOCH of the fixture
# Notes of today's sample deck whose word the fixture reads otherwise: 地方 (dìfāng then,
# dìfang now).  Each is a new note, a note being its word and reading.
CORRECTED = 1


def vocab_readings(col) -> dict[str, set[str]]:
    """Each vocab note's word → its numbered readings, in the collection."""
    out: dict[str, set[str]] = {}
    for nid in col.find_notes(f'"note:{VOCAB_MODEL_NAME}"'):
        note = col.get_note(nid)
        out.setdefault(note["Hanzi"], set()).add(note["PinyinNumbered"])
    return out


@pytest.fixture
def col(tmp_path):
    c = anki_collection.Collection(str(tmp_path / "c.anki2"))
    yield c
    c.close()


def review(col, n: int) -> int:
    """Answer the first ``n`` cards Anki shows (Good), as a student's first day would."""
    col.decks.select(col.decks.id_for_name("000_83bce5aa88b4fec1"))
    done = 0
    while done < n and (queued := col.sched.get_queued_cards()).cards:
        qc = queued.cards[0]
        card = col.get_card(qc.card.id)
        card.start_timer()
        col.sched.answer_card(
            col.sched.build_answer(card=card, states=qc.states, rating=CardAnswer.EASY)
        )
        done += 1
    return done


def test_todays_deck_updates_a_deck_built_before_the_redesign(col, tmp_path):
    log = import_apkg(col, BEFORE)
    before_notes = len(log.new)
    assert before_notes == 448  # 224 words: what main built
    old_vocab = col.models.by_name(VOCAB_MODEL_NAME)
    assert [f["name"] for f in old_vocab["flds"]] == list(VOCAB_FIELDS[:11])
    reviewed = review(col, 20)
    assert reviewed == 20  # a first day: Anki's default of 20 new cards
    history = {
        cid: (c.ivl, c.type, c.queue, c.reps)
        for cid in col.find_cards("")
        if (c := col.get_card(cid)).reps
    }
    assert len(history) == reviewed
    guid_of = {nid: col.get_note(nid).guid for nid in col.find_notes("")}

    (text,) = find_inputs([SAMPLE])
    deck = build_deck(text, tmp_path / "new.apkg", BuildConfig(), BEFORE_TIME + 86_400)
    old_readings = vocab_readings(col)
    log = import_apkg(col, deck.path, upgrade=True)
    # Every note of today's deck was in the old one (the same words, fewer of them): all
    # updated in place, none duplicated.  Only a word whose reading was corrected since
    # is new, a note being its word and reading (地方 dìfāng -> dìfang, issue 14).
    new = [(n.fields[0], n.fields[3]) for n in log.new]
    assert all(w in old_readings and r not in old_readings[w] for w, r in new)
    assert (len(new), len(log.duplicate), len(log.conflicting)) == (CORRECTED, 0, 0)
    assert len(log.updated) + len(new) == deck.notes == 80
    assert not log.missing_notetype
    assert len(col.find_notes("")) == before_notes + len(new)
    guids = [col.get_note(nid).guid for nid in col.find_notes("")]
    assert len(set(guids)) == len(guids)
    now = {nid: col.get_note(nid).guid for nid in col.find_notes("")}
    assert {nid: g for nid, g in now.items() if nid in guid_of} == guid_of
    # One note type each, updated: the new fields, the same ids.
    ours = {m.name for m in col.models.all_names_and_ids() if m.name.startswith("flashgen")}
    assert ours == {VOCAB_MODEL_NAME, CLOZE_MODEL_NAME}
    col.models._clear_cache()  # it still holds the note type as it was read before
    vocab, cloze = col.models.by_name(VOCAB_MODEL_NAME), col.models.by_name(CLOZE_MODEL_NAME)
    assert vocab["id"] == old_vocab["id"]
    assert [f["name"] for f in vocab["flds"]] == list(VOCAB_FIELDS)
    assert [f["name"] for f in cloze["flds"]] == list(CLOZE_FIELDS)
    assert "Sentence" in vocab["tmpls"][0]["qfmt"]  # the new Recognition front
    # Review history and scheduling kept.
    assert col.db.scalar("select count() from revlog") == reviewed
    cards = {cid: col.get_card(cid) for cid in history}
    assert {cid: (c.ivl, c.type, c.queue, c.reps) for cid, c in cards.items()} == history
    # Fields and tags updated: the updated notes have the new fields and tags; the
    # others (words today's defaults leave out) are untouched.
    updated = col.find_notes("tag:flashgen")
    assert len(updated) == 80  # the corrected ones among them, new
    for nid in updated:
        note = col.get_note(nid)
        assert note["Audio"] == "" and note["SentenceAudio"] == ""
        assert "flashgen::text::000_83bce5aa88b4fec1" in note.tags
        assert [t for t in note.tags if t.startswith("HSK::")]
    # The Recognition card now shows the word's sentence on its front.
    (nid,) = col.find_notes(f'"note:{VOCAB_MODEL_NAME}" Hanzi:政府')
    question = strip_tags(col.get_note(nid).cards()[0].question())
    assert "政府" in question and "美国政府已批准" in question


def test_with_the_dialogs_defaults_an_upgrade_forks_the_note_types_and_loses_nothing(col, tmp_path):
    import_apkg(col, BEFORE)
    reviewed = review(col, 20)
    (text,) = find_inputs([SAMPLE])
    deck = build_deck(text, tmp_path / "new.apkg", BuildConfig(), BEFORE_TIME + 86_400)
    log = import_apkg(col, deck.path)
    assert (len(log.new), len(log.updated)) == (CORRECTED, 0)  # see the test above
    assert len(log.conflicting) == deck.notes - CORRECTED
    assert len(col.find_notes("")) == 448 + CORRECTED
    assert col.db.scalar("select count() from revlog") == reviewed
    names = {m.name for m in col.models.all_names_and_ids() if m.name.startswith("flashgen")}
    assert names == {
        VOCAB_MODEL_NAME,
        CLOZE_MODEL_NAME,
        VOCAB_MODEL_NAME + "+",
        CLOZE_MODEL_NAME + "+",
    }
    # The upgrade as the README says still works afterwards.
    log = import_apkg(col, deck.path, upgrade=True)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, deck.notes, 0)


def test_tags_update_in_place_on_rebuild(col, tmp_path):
    # The same text under another name: the same notes, with another text tag.
    for name in ("chips.txt", "nvidia.txt"):
        (tmp_path / name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (first,) = find_inputs([tmp_path / "chips.txt"])
    built = build_deck(first, tmp_path / "a.apkg", BuildConfig(), BEFORE_TIME)
    import_apkg(col, built.path)
    assert len(col.find_notes("tag:flashgen::text::chips")) == built.notes
    (second,) = find_inputs([tmp_path / "nvidia.txt"])
    rebuilt = build_deck(second, tmp_path / "b.apkg", BuildConfig(), BEFORE_TIME + 60)
    log = import_apkg(col, rebuilt.path)
    assert len(log.updated) == rebuilt.notes and not log.new
    assert len(col.find_notes("tag:flashgen::text::nvidia")) == rebuilt.notes
    assert not col.find_notes("tag:flashgen::text::chips")  # replaced, not added to
    (nid,) = col.find_notes(f'"note:{VOCAB_MODEL_NAME}" Hanzi:政府')
    assert sorted(col.get_note(nid).tags) == ["HSK::5", "flashgen", "flashgen::text::nvidia"]


def test_new_cards_follow_the_order_rule_in_anki(col, tmp_path):
    (text,) = find_inputs([SAMPLE])
    deck = build_deck(text, tmp_path / "a.apkg", BuildConfig(), BEFORE_TIME)
    import_apkg(col, deck.path)
    rows = col.db.all(
        "select c.due, c.nid, c.ord, n.mid from cards c join notes n on n.id = c.nid "
        "where c.type = 0 order by c.due"
    )
    dues = [r[0] for r in rows]
    assert len(set(dues)) == len(dues) == deck.cards  # one place per card
    vocab_id = col.models.id_for_name(VOCAB_MODEL_NAME)

    def word_and_sentence(nid: int, mid: int) -> tuple[str, str]:
        note = col.get_note(nid)
        if mid == vocab_id:
            return note["Hanzi"], strip_tags(note["Sentence"])
        m = re.search(r"\{\{c1::(.*?)(::.*?)?\}\}", note["Text"])
        assert m
        return m.group(1), strip_tags(note["Text"].replace(m.group(0), m.group(1)))

    cards = [(nid, ord_, mid, *word_and_sentence(nid, mid)) for _, nid, ord_, mid in rows]
    # siblings (and any two cards of one word) never adjacent
    assert all(a[0] != b[0] and a[3] != b[3] for a, b in itertools.pairwise(cards))
    # never three cards in a row on one sentence
    assert all(
        not (a[4] == b[4] == c[4]) for a, b, c in zip(cards, cards[1:], cards[2:], strict=False)
    )
    # a word's Recognition card before its Recall and cloze cards
    first_seen: dict[str, int] = {}
    for place, (_, ord_, mid, word, _) in enumerate(cards):
        if mid == vocab_id and ord_ == 0:
            first_seen.setdefault(word, place)
        else:
            assert word in first_seen, word
    assert len(first_seen) == 40
