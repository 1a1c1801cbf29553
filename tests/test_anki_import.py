"""Built decks imported into the real Anki (the ``anki`` package), headless.

The import options mirror Anki's import dialog defaults, which is what the README
tells users to keep: "Update notes: if newer" and "Update note types: if newer".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from build_fixtures import news_text

from flashgen.build.texts import BuildConfig, build_deck
from flashgen.output.anki import CLOZE_MODEL_NAME, VOCAB_MODEL_NAME, write_deck
from flashgen.teach.cards import CLOZE_FIELDS, VOCAB_FIELDS, make_notes
from flashgen.teach.select import select_words
from flashgen.text.inputs import find_inputs

anki_collection = pytest.importorskip("anki.collection")
from anki.scheduler.v3 import CardAnswer  # noqa: E402  (after the importorskip)
from anki_helpers import (  # noqa: E402
    assert_clozes_hide_their_word,
    import_apkg,
    strip_tags,
)

T0 = 1_750_000_000
SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


@pytest.fixture
def col(tmp_path):
    c = anki_collection.Collection(str(tmp_path / "c.anki2"))
    yield c
    c.close()


def build(path: Path, timestamp: float, **text) -> int:
    notes = make_notes(select_words(news_text(**text)), "news.txt — Chips")
    write_deck(path, "news", "d", notes, timestamp)
    return len(notes)


def test_imports_with_the_specified_note_types_and_counts(col, tmp_path):
    n = build(tmp_path / "news.apkg", T0)
    log = import_apkg(col, tmp_path / "news.apkg")
    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (
        n,
        0,
        0,
        0,
    )
    assert not (log.missing_notetype or log.missing_deck or log.empty_first_field)
    vocab, cloze = col.models.by_name(VOCAB_MODEL_NAME), col.models.by_name(CLOZE_MODEL_NAME)
    assert [f["name"] for f in vocab["flds"]] == list(VOCAB_FIELDS)
    assert [f["name"] for f in cloze["flds"]] == list(CLOZE_FIELDS)
    assert [t["name"] for t in vocab["tmpls"]] == ["Recognition", "Recall"]
    assert cloze["type"] == 1  # a real cloze note type
    assert vocab["flds"][0]["id"] == 181586582729400  # field ids survive the import
    # Anki gives an imported deck its own id and finds it again by name.
    assert col.decks.by_name("news")["desc"] == "d"

    vocab_notes = col.find_notes(f'"note:{VOCAB_MODEL_NAME}"')
    cloze_notes = col.find_notes(f'"note:{CLOZE_MODEL_NAME}"')
    assert len(vocab_notes) == len(cloze_notes) == n // 2
    assert col.card_count() == 3 * (n // 2)
    # no note without cards, no empty cards
    assert all(col.get_note(nid).card_ids() for nid in col.find_notes(""))
    assert not col.get_empty_cards().notes


def test_vocab_cards_render(col, tmp_path):
    build(tmp_path / "news.apkg", T0)
    import_apkg(col, tmp_path / "news.apkg")
    (nid,) = col.find_notes("Hanzi:关税")
    recognition, recall = sorted(col.get_note(nid).cards(), key=lambda c: c.ord)
    # The word and the sentence it is asked in, the word highlighted; no English.
    question = recognition.question()
    assert strip_tags(question).split() == ["关税", "他们讨论了关税。"]
    assert "他们讨论了<b>关税</b>。" in question and "tariffs" not in question
    answer = recognition.answer()
    assert '<span class="tone1">guān</span><span class="tone4">shuì</span>' in answer
    assert "他们讨论了<b>关税</b>。" in answer and "They discussed <b>tariffs</b>." in answer
    assert "关税" not in strip_tags(recall.question())
    assert "customs duty; tariff" in recall.question()
    assert "关税" in strip_tags(recall.answer())


def test_markup_in_the_text_shows_as_text(col, tmp_path):
    build(tmp_path / "news.apkg", T0)
    import_apkg(col, tmp_path / "news.apkg")
    (nid,) = col.find_notes("Hanzi:一丝不苟")
    answer = col.get_note(nid).cards()[0].answer()
    assert "&lt;script&gt;&amp;朋友" in answer and "<script" not in answer
    assert "<script>&朋友" in strip_tags(answer)


def test_every_cloze_hides_exactly_its_word(col, tmp_path):
    build(tmp_path / "news.apkg", T0)
    import_apkg(col, tmp_path / "news.apkg")
    assert_clozes_hide_their_word(col)


@pytest.fixture(scope="module")
def sample_deck(tmp_path_factory):
    (text,) = find_inputs([SAMPLE])
    out = tmp_path_factory.mktemp("sample") / "sample.apkg"
    return build_deck(text, out, BuildConfig(), T0)


def test_sample_article_imports_cleanly(col, sample_deck):
    log = import_apkg(col, sample_deck.path)
    assert len(log.new) == sample_deck.notes > 20
    assert not (log.updated or log.duplicate or log.conflicting or log.missing_notetype)
    assert col.card_count() == sample_deck.cards
    assert all(col.get_note(nid).card_ids() for nid in col.find_notes(""))
    assert not col.get_empty_cards().notes
    assert_clozes_hide_their_word(col)
    assert col.find_notes("Kind:idiom") or sample_deck.counts.idioms == 0
    # every vocab note teaches something: pinyin, a meaning and its sentence
    for nid in col.find_notes(f'"note:{VOCAB_MODEL_NAME}"'):
        note = col.get_note(nid)
        assert note["Pinyin"] and note["Meaning"] and "<b>" in note["Sentence"]


def review_all(col, did: int) -> int:
    col.decks.select(did)
    reviewed = 0
    while (queued := col.sched.get_queued_cards()).cards:
        qc = queued.cards[0]
        card = col.get_card(qc.card.id)
        card.start_timer()
        col.sched.answer_card(
            col.sched.build_answer(card=card, states=qc.states, rating=CardAnswer.EASY)
        )
        reviewed += 1
    return reviewed


def test_rebuild_of_a_changed_text_updates_in_place_and_keeps_reviews(col, tmp_path):
    n1 = build(tmp_path / "v1.apkg", T0)
    import_apkg(col, tmp_path / "v1.apkg")
    reviewed = review_all(col, col.decks.id_for_name("news"))  # 20 new cards a day
    ivls = {cid: col.get_card(cid).ivl for cid in col.find_cards("")}
    assert reviewed == sum(ivl > 0 for ivl in ivls.values()) > 0

    # fix the second sentence (drop its 了), add a paragraph; build later
    n2 = build(tmp_path / "v2.apkg", T0 + 3600, fixed=True, extra=True)
    log = import_apkg(col, tmp_path / "v2.apkg")
    # The tariff sentence changed: vocab notes of its words are updated, their cloze
    # notes are new (a cloze is its sentence); 鉴于 is a new word.  Nothing is duplicated.
    new = sorted(n.fields[0] for n in log.new)
    assert new == sorted(
        [
            "他们{{c1::讨论}}关税。",
            "他们讨论{{c1::关税}}。",
            "{{c1::鉴于}}银行，他们批准了。",
            "鉴于",
        ]
    )
    assert len(log.updated) == n2 - len(new)
    assert not log.duplicate and not log.conflicting
    assert col.get_note(col.find_notes("Hanzi:关税")[0])["Sentence"] == "他们讨论<b>关税</b>。"
    for word in ("关税", "政府", "一丝不苟"):
        assert len(col.find_notes(f'"note:{VOCAB_MODEL_NAME}" Hanzi:{word}')) == 1
    # review history and scheduling of the cards that were there are kept
    assert {cid: col.get_card(cid).ivl for cid in ivls} == ivls
    assert col.db.scalar("select count() from revlog") == reviewed
    new_cloze = len(col.find_notes(f'"note:{CLOZE_MODEL_NAME}"')) - n1 // 2
    assert new_cloze == 3  # 讨论 and 关税 on the fixed sentence, 鉴于 on the new one


def test_reimport_of_the_same_build_changes_nothing(col, tmp_path):
    n = build(tmp_path / "v1.apkg", T0)
    import_apkg(col, tmp_path / "v1.apkg")
    log = import_apkg(col, tmp_path / "v1.apkg")
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, n)
    assert col.note_count() == n


def test_two_decks_of_one_build_import_side_by_side(col, tmp_path):
    # Both packages start their note ids at the same timestamp; Anki must not mix them up.
    notes = make_notes(select_words(news_text()), "a.txt")
    other = make_notes(select_words(news_text(extra=True)[3:]), "b.txt")
    write_deck(tmp_path / "a.apkg", "a", "d", notes, T0)
    write_deck(tmp_path / "b.apkg", "b", "d", other, T0)
    import_apkg(col, tmp_path / "a.apkg")
    log = import_apkg(col, tmp_path / "b.apkg")
    # 批准 is in both texts: one word, one vocab note (its GUID is headword + reading)
    assert len(log.new) == len(other) - 1
    assert col.note_count() == len(notes) + len(other) - 1


def test_same_timestamp_does_not_update(col, tmp_path):
    # Why every build without SOURCE_DATE_EPOCH carries the current time: "if newer"
    # compares modification times, so a changed text built with an old time is ignored.
    build(tmp_path / "v1.apkg", T0)
    import_apkg(col, tmp_path / "v1.apkg")
    build(tmp_path / "v2.apkg", T0, fixed=True)
    log = import_apkg(col, tmp_path / "v2.apkg")
    assert not log.updated
    assert col.get_note(col.find_notes("Hanzi:关税")[0])["Sentence"] == "他们讨论了<b>关税</b>。"


# Customs duties / the government approved chip exports (zh, en), as a user edits it.
EDITED = (
    "政府批准了芯片出口，并讨论了关税问题。\n"
    "The government approved chip exports and discussed the tariff issue.\n"
)
ADDED = "他们认为这个决定至关重要。\nThey considered the decision vital.\n"


def test_edit_the_text_rebuild_reimport(col, tmp_path):
    text = tmp_path / "chips.txt"
    text.write_text(EDITED.replace("芯片出口", "芯片的出口"), encoding="utf-8")
    (item,) = find_inputs([text])
    first = build_deck(item, tmp_path / "v1.apkg", BuildConfig(), T0)
    import_apkg(col, first.path)
    reviewed = review_all(col, col.decks.id_for_name("chips"))
    # fix the sentence, add a paragraph, build again later
    text.write_text(EDITED + ADDED, encoding="utf-8")
    second = build_deck(item, tmp_path / "v2.apkg", BuildConfig(), T0 + 86400)
    log = import_apkg(col, second.path)
    assert log.updated and not log.duplicate and not log.conflicting
    assert len(log.new) + len(log.updated) == second.notes
    hanzi = [col.get_note(n)["Hanzi"] for n in col.find_notes(f'"note:{VOCAB_MODEL_NAME}"')]
    assert len(hanzi) == len(set(hanzi))  # no vocab note twice
    assert "至关重要" in hanzi
    assert col.db.scalar("select count() from revlog") == reviewed > 0


def test_the_meaning_leads_with_the_sense_the_sentence_uses(col, tmp_path, dang_when):
    # 当 dāng: "when" is CC-CEDICT's 7th sense of 18; the English says "When".
    from flashgen.teach.cards import lesson_notes

    notes = lesson_notes([dang_when], (), "when.txt")
    write_deck(tmp_path / "when.apkg", "when", "", notes, T0)
    import_apkg(col, tmp_path / "when.apkg")
    (nid,) = col.find_notes(f'"note:{VOCAB_MODEL_NAME}"')
    recognition, recall = sorted(col.get_note(nid).cards(), key=lambda c: c.ord)
    shown = "when; (onom.) dong; ding dong (bell); to be"
    assert (
        f'<div class="meaning">{shown}<details><summary>14 more senses</summary>to act as; '
        in recognition.answer()
    )
    assert "<b>When</b> I got home" in recall.question() and shown in recall.question()
    assert strip_tags(recall.question()).index(shown) < strip_tags(recall.question()).index(
        "to act as"
    )
