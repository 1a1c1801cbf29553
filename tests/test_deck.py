"""deck: the note types, the package file, atomic and reproducible writing."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki
import pytest
from build_fixtures import news_text

from flashgen.datatypes import ALL_CARDS
from flashgen.errors import OutputError
from flashgen.output import anki as deck
from flashgen.output.anki import deck_id, write_deck
from flashgen.teach.cards import CLOZE_FIELDS, VOCAB_FIELDS, make_notes
from flashgen.teach.select import select_words

T0 = 1_750_000_000


def notes(**kw):
    return make_notes(select_words(news_text(**kw)), "news.txt — Chips")


def collection(apkg: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(apkg) as z:
        assert sorted(z.namelist()) == ["collection.anki2", "media"]
        (tmp_path / "col.anki2").write_bytes(z.read("collection.anki2"))
    return sqlite3.connect(tmp_path / "col.anki2")


def test_note_types_are_fixed():
    # These are the public interface of every deck ever built: never change them.
    vocab, cloze = deck.vocab_model(), deck.cloze_model()
    assert (vocab.id, vocab.name, vocab.cloze) == (1353033338, "flashgen Chinese Vocab", False)
    assert (cloze.id, cloze.name, cloze.cloze) == (1605062898, "flashgen Chinese Cloze", True)
    assert (
        [f.name for f in vocab.fields]
        == list(VOCAB_FIELDS)
        == [
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
            "Audio",
            "SentenceAudio",
        ]
    )
    assert (
        [f.name for f in cloze.fields]
        == list(CLOZE_FIELDS)
        == ["Text", "English", "Word", "Pinyin", "Meaning", "Source", "Audio", "SentenceAudio"]
    )
    assert [t.name for t in vocab.templates] == ["Recognition", "Recall"]
    assert [t.name for t in cloze.templates] == ["Cloze"]
    assert vocab.fields[0].id == 181586582729400
    # The ids of the first release's fields and templates (Anki matches fields by id
    # when it merges a changed note type into a collection).
    assert [f.id for f in vocab.fields[:11]] == [
        181586582729400,
        901106169653143,
        297301951757719,
        258692336729588,
        372312102115299,
        405007224304336,
        121182313685272,
        787342945432766,
        448831069584649,
        23211508009085,
        701339601338638,
    ]
    assert [f.id for f in cloze.fields[:6]] == [
        408771767192631,
        66768577381490,
        941387154507844,
        1071089518156425,
        565828112721516,
        415490739257316,
    ]
    assert [t.id for t in (*vocab.templates, *cloze.templates)] == [
        1097237520564773,
        933346802024418,
        608101109030389,
    ]
    ids = [x.id for m in (vocab, cloze) for x in m.fields + m.templates]
    assert len(ids) == len(set(ids))
    one_card = [deck.vocab_model(frozenset({c})) for c in ("recognition", "recall")]
    assert [(m.id, m.name, [t.name for t in m.templates]) for m in one_card] == [
        (1748391167, "flashgen Chinese Vocab (recognition only)", ["Recognition"]),
        (1189452783, "flashgen Chinese Vocab (recall only)", ["Recall"]),
    ]


def test_css_has_tone_colours_and_night_mode():
    css = deck.vocab_model().css
    for n in range(1, 6):
        assert f".tone{n} " in css and f".nightMode .tone{n}" in css
    assert ".cloze" in css and "@media" in css
    assert deck.cloze_model().css == css


def test_templates_are_the_data_files_without_their_final_newline():
    (recognition, recall), (cloze,) = deck.vocab_model().templates, deck.cloze_model().templates
    assert recognition.front == (
        '<div class="hanzi" lang="zh-Hans">{{Hanzi}}</div>\n'
        '<div lang="zh-Hans"><div class="sentence">{{Sentence}}</div></div>'
    )
    assert recall.back.startswith("{{FrontSide}}\n") and recall.back.endswith("</div>")
    assert "{{cloze:Text}}" in cloze.front
    # The front's English is "unmarked" (its bold styled away); the back's is not.
    assert '<div class="english unmarked">{{English}}</div>' in cloze.front
    assert '<div class="english">{{English}}</div>' in cloze.back


def test_every_data_file_is_declared_as_package_data():
    # A file missing from [tool.setuptools.package-data] is missing from an installed
    # flashgen (an editable install, as in development, still finds it).
    import tomllib

    root = Path(__file__).parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["flashgen.output.anki"]
    folder = root / "flashgen" / "output" / "anki"
    data = [
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    assert {p.parts[0] for p in data} >= {"templates", "schema", "README.md"}
    assert [p for p in data if not any(p.match(pattern) for pattern in patterns)] == []


def test_deck_id_is_stable_and_in_range():
    assert deck_id("news") == deck_id("news") != deck_id("News")
    assert deck_id("news") == 1438218575  # fixed forever: users' decks are found by it
    assert all((1 << 30) <= deck_id(n) < (1 << 31) for n in ("", "a", "新闻::中国"))


def test_package_contents(tmp_path):
    out = tmp_path / "news.apkg"
    ns = notes()
    cards = write_deck(out, "news", "About <i>news</i>", ns, T0)
    db = collection(out, tmp_path)
    (n_notes,) = db.execute("select count(*) from notes").fetchone()
    assert n_notes == len(ns)
    assert cards == db.execute("select count(*) from cards").fetchone()[0]
    # every vocab note has Recognition + Recall, every cloze note one card
    vocab = sum(n.model == "vocab" for n in ns)
    assert cards == 2 * vocab + (len(ns) - vocab)
    guids = {g for (g,) in db.execute("select guid from notes")}
    assert guids == {genanki.guid_for(*n.identity) for n in ns}
    assert {m for (m,) in db.execute("select distinct mod from notes")} == {T0}
    (decks_json,) = db.execute("select decks from col").fetchone()
    d = json.loads(decks_json)[str(deck_id("news"))]
    assert (d["name"], d["desc"]) == ("news", "About <i>news</i>")
    # each card has its own place in the order of study, the first word's Recognition first
    dues = [due for (due,) in db.execute("select due from cards")]
    assert sorted(dues) == list(range(cards))
    recognition = [
        due
        for (due,) in db.execute(
            "select c.due from cards c join notes n on c.nid = n.id "
            "where n.mid = ? and c.ord = 0 order by n.id",
            (deck.vocab_model().id,),
        )
    ]
    # (the order rules may swap neighbours: flashgen.teach.order, tests/test_upgrade.py)
    assert recognition[0] == 0 and len(recognition) == vocab
    tags = {t for (t,) in db.execute("select tags from notes")}
    assert all(t.startswith(" ") and t.endswith(" ") and "HSK::" in t for t in tags)


def test_same_timestamp_gives_identical_bytes(tmp_path):
    a, b = tmp_path / "a" / "x.apkg", tmp_path / "b" / "x.apkg"
    write_deck(a, "news", "d", notes(), T0)
    write_deck(b, "news", "d", notes(), T0)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 6, 15, 15, 6, 40)}
    write_deck(b, "news", "d", notes(), T0 + 1)
    assert a.read_bytes() != b.read_bytes()


def test_later_timestamp_moves_note_modification_forward(tmp_path):
    write_deck(tmp_path / "a.apkg", "news", "d", notes(), T0)
    write_deck(tmp_path / "b.apkg", "news", "d", notes(fixed=True), T0 + 60)
    for name, mod in (("a.apkg", T0), ("b.apkg", T0 + 60)):
        db = collection(tmp_path / name, tmp_path)
        assert {m for (m,) in db.execute("select mod from notes")} == {mod}
        db.close()


def test_only_the_deck_is_left_in_the_folder(tmp_path):
    write_deck(tmp_path / "x.apkg", "x", "d", notes(), T0)
    write_deck(tmp_path / "x.apkg", "x", "d", notes(), T0)  # overwrite
    assert [p.name for p in tmp_path.iterdir()] == ["x.apkg"]
    assert (tmp_path / "x.apkg").stat().st_mode & 0o044  # readable like any file


def test_failure_mid_write_leaves_the_old_deck_untouched(tmp_path, monkeypatch):
    out = tmp_path / "x.apkg"
    write_deck(out, "x", "d", notes(), T0)
    before = out.read_bytes()

    def crash(self, name, data, *a, **kw):
        if name.filename == "media":  # collection written, zip half done
            raise KeyboardInterrupt
        return real(self, name, data, *a, **kw)

    real = zipfile.ZipFile.writestr
    monkeypatch.setattr(zipfile.ZipFile, "writestr", crash)
    with pytest.raises(KeyboardInterrupt):
        write_deck(out, "x", "d", notes(fixed=True), T0 + 1)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["x.apkg"]


def test_failure_on_first_write_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(zipfile.ZipFile, "writestr", _disk_full)
    with pytest.raises(OutputError, match=r"x\.apkg: cannot write the deck"):
        write_deck(tmp_path / "x.apkg", "x", "d", notes(), T0)
    assert list(tmp_path.iterdir()) == []


def _disk_full(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_unwritable_output_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="writable"):
        write_deck(blocker / "x.apkg", "x", "d", notes(), T0)


def test_a_killed_builds_leftovers_are_removed_by_the_next_build(tmp_path):
    import os

    from flashgen.output.anki import STALE_SECONDS

    target = tmp_path / "news.apkg"
    old = tmp_path / ".news.apkg.abc123.apkg.tmp"
    journal = tmp_path / ".news.apkg.def456.anki2.tmp-journal"
    fresh = tmp_path / ".news.apkg.zzz999.apkg.tmp"  # a concurrent build's, still young
    other = tmp_path / ".notes.txt.tmp"  # not ours
    for f in (old, journal, fresh, other):
        f.write_bytes(b"x")
    long_ago = old.stat().st_mtime - STALE_SECONDS - 10
    for f in (old, journal, other):
        os.utime(f, (long_ago, long_ago))
    write_deck(target, "news", "d", notes(), T0)
    assert not old.exists() and not journal.exists()
    assert fresh.exists() and other.exists() and target.exists()


class _DueCard(genanki.Card):
    """A genanki card with a due of its own."""

    def __init__(self, ord_: int, due: int) -> None:
        super().__init__(ord_)
        self.own_due = due

    def write_to_db(self, cursor, timestamp, deck_id, note_id, id_gen, due=0):
        super().write_to_db(cursor, timestamp, deck_id, note_id, id_gen, self.own_due)


def _genanki_collection(
    tmp_path: Path, decks: list[deck.DeckSpec], cards: frozenset[str], monkeypatch
) -> bytes:
    """The database genanki's public API writes for ``decks``: the layout the deck
    writer reproduces (flashgen wrote its decks with genanki before)."""

    def model(note_type):
        if note_type is None:
            return None
        return genanki.Model(
            note_type.id,
            note_type.name,
            fields=[{"name": f.name, "id": f.id} for f in note_type.fields],
            templates=[
                {"name": t.name, "qfmt": t.front, "afmt": t.back, "id": t.id}
                for t in note_type.templates
            ],
            css=note_type.css,
            model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
        )

    models = {
        "vocab": model(deck.vocab_model(cards)),
        "cloze": model(deck.cloze_model()) if "cloze" in cards else None,
    }
    package = []
    for spec in decks:
        d = genanki.Deck(deck_id(spec.name), spec.name, spec.description)
        for note in spec.notes:
            m = models[note.model]
            if m is not None:
                gn = genanki.Note(
                    model=m,
                    fields=list(note.fields),
                    guid=genanki.guid_for(*note.identity),
                    due=note.position,
                    tags=list(note.tags),
                )
                # genanki gives every card its note's due; ours have one each.
                due = dict(note.due)
                kinds = [t["name"].lower() for t in m.templates]
                gn.cards = [
                    _DueCard(
                        c.ord,
                        due.get(
                            "cloze" if m.model_type == m.CLOZE else kinds[c.ord], note.position
                        ),
                    )
                    for c in gn.cards
                ]
                d.add_note(gn)
        package.append(d)
    # genanki leaves its temporary database behind: in tmp_path, then.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    genanki.Package(package).write_to_file(tmp_path / "genanki.apkg", timestamp=T0)
    with zipfile.ZipFile(tmp_path / "genanki.apkg") as z:
        return z.read("collection.anki2")


def _odd_notes():
    """Notes whose cards genanki decides from their fields: no Hanzi (no Recognition),
    no Meaning and no English (no Recall), a cloze field without a cloze (no card)."""
    from dataclasses import replace

    ns = notes()
    vocab = next(n for n in ns if n.model == "vocab")
    cloze = next(n for n in ns if n.model == "cloze")

    def with_fields(n, model_fields, identity, **changes):
        fields = dict(zip(model_fields, n.fields, strict=True)) | changes
        return replace(n, identity=identity, fields=tuple(fields.values()))

    return [
        with_fields(vocab, VOCAB_FIELDS, ("a", "1"), Hanzi=""),
        with_fields(vocab, VOCAB_FIELDS, ("b", "2"), Meaning="", SentenceEnglish=""),
        with_fields(vocab, VOCAB_FIELDS, ("c", "3"), Hanzi="", Meaning="", SentenceEnglish=""),
        with_fields(cloze, CLOZE_FIELDS, ("d", "4"), Text="no cloze here"),
        with_fields(cloze, CLOZE_FIELDS, ("e", "5"), Text="{{c1::x}} {{c3::y::z}} {{c0::w}}"),
    ]


@pytest.mark.parametrize(
    "cards",
    [
        ALL_CARDS,
        frozenset({"recognition"}),
        frozenset({"recall", "cloze"}),
        frozenset({"recall"}),
        frozenset({"cloze"}),
    ],
)
def test_the_database_is_the_one_genanki_writes(tmp_path, cards, monkeypatch):
    # The deck writer writes genanki's layout without genanki: the same bytes, for each
    # note type, several decks (a class), odd notes, a deck without notes, a name twice.
    ns = notes()
    half = len(ns) // 2
    decks = [
        deck.DeckSpec("Class::01 one", "<i>one</i>", [*ns[:half], *_odd_notes()]),
        deck.DeckSpec("Class::02 two", "two", ns[half:]),
        deck.DeckSpec("Class::03 empty", "", []),
        deck.DeckSpec("Class::01 one", "again", ns[:3]),
    ]
    out = tmp_path / "x.apkg"
    counts = deck.write_package(out, decks, T0, cards)
    with zipfile.ZipFile(out) as z:
        ours = z.read("collection.anki2")
    theirs = _genanki_collection(tmp_path, decks, cards, monkeypatch)
    assert ours == theirs
    db = collection(out, tmp_path)
    assert sum(counts) == db.execute("select count(*) from cards").fetchone()[0]


def test_guid_is_genankis():
    for values in [
        ("游说", "you2 shui4"),
        ("", ""),
        ("a",),
        ("关税", "他们讨论了关税。"),
        *((str(i), "x" * i) for i in range(200)),
    ]:
        assert deck.guid(*values) == genanki.guid_for(*values)


def test_invalid_html_in_a_field_warns_as_genanki_does(tmp_path):
    from dataclasses import replace

    bad = replace(notes()[0], fields=("1 < 2 > 0", *notes()[0].fields[1:]))
    with pytest.warns(UserWarning, match="invalid HTML tags"):
        write_deck(tmp_path / "x.apkg", "x", "d", [bad], T0)
