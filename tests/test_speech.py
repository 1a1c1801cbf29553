"""Pronunciation: what is said (readings, tone sandhi, numbers), how it sounds (the four
tones, tracked with Praat's pitch tracker), and the recordings as cached, hash-named media."""

from __future__ import annotations

import io
import itertools
import sys
import zipfile

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashgen.datatypes import AnnotatedToken
from flashgen.output.anki import write_deck
from flashgen.speech import AudioLibrary, Reading, Waveform, sentence_reading, word_reading
from flashgen.speech.espeak import espeak_engine
from flashgen.speech.numbers import spoken_number
from flashgen.speech.sandhi import Syllable, apply_sandhi
from flashgen.teach.cards import VOCAB_FIELDS, lesson_notes

soundfile = pytest.importorskip("soundfile")


def word(text: str, pinyin: str, kind: str = "word", start: int = 0) -> AnnotatedToken:
    syllables = tuple(pinyin.split())
    return AnnotatedToken(
        text,
        start,
        start + len(text),
        kind,
        syllables,
        None,
        text,
        None,
        0.0,
        None,
        text,  # type: ignore[arg-type]
    )


def words(*pairs: tuple[str, str]) -> list[AnnotatedToken]:
    """Tokens laid end to end: ``words(("你", "ni3"), ("好", "hao3"))``."""
    out, at = [], 0
    for text, pinyin in pairs:
        kind = "punct" if not pinyin and not text.isalnum() else "word"
        out.append(word(text, pinyin, kind, at))
        at += len(text)
    return out


def spoken(*pairs: tuple[str, str]) -> str:
    tokens = words(*pairs)
    reading = sentence_reading("".join(t.text for t in tokens), tokens)
    assert reading is not None
    return reading.spoken


# --- tone sandhi: spoken tones, the card's untouched ------------------------------------


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("你好", "ni3 hao3")], "ni2 hao3"),  # 3-3 → 2-3
        ([("展览馆", "zhan3 lan3 guan3")], "zhan2 lan2 guan3"),  # a run: all but the last
        ([("我", "wo3"), ("很", "hen3"), ("好", "hao3")], "wo2 hen2 hao3"),  # across words
        ([("好", "hao3"), ("，", ""), ("我", "wo3")], "hao3 , wo3"),  # not across a pause
        ([("一样", "yi1 yang4")], "yi2 yang4"),  # 一 before tone 4
        ([("一些", "yi1 xie1")], "yi4 xie1"),  # 一 before tone 1
        ([("一", "yi1"), ("个", "ge4")], "yi2 ge4"),  # 一 as its own word, then a classifier
        ([("一直", "yi1 zhi2")], "yi4 zhi2"),
        ([("统一", "tong3 yi1"), ("了", "le5")], "tong3 yi1 le5"),  # ends its word
        ([("周一", "zhou1 yi1"), ("在", "zai4")], "zhou1 yi1 zai4"),
        ([("第一", "di4 yi1")], "di4 yi1"),
        ([("十一", "shi2 yi1"), ("个", "ge4")], "shi2 yi1 ge4"),  # counting
        ([("一九八九", "yi1 jiu3 ba1 jiu3")], "yi1 jiu3 ba1 jiu3"),  # digit by digit
        ([("一月", "yi1 yue4")], "yi1 yue4"),  # a date
        ([("看", "kan4"), ("一", "yi1"), ("看", "kan4")], "kan4 yi5 kan4"),
        ([("不是", "bu4 shi4")], "bu2 shi4"),  # 不 before tone 4
        ([("不", "bu4"), ("好", "hao3")], "bu4 hao3"),  # not before the others
        ([("不", "bu4"), ("对", "dui4")], "bu2 dui4"),
    ],
)
def test_tone_sandhi(pairs, expected):
    assert spoken(*pairs) == expected


def test_sandhi_changes_the_spoken_reading_not_the_card(annotated_pick):
    pick = annotated_pick("我们一起去很好。", "It is good that we go together.", "一起")
    assert pick.token.syllables == ("yi1", "qi3")  # the card keeps the dictionary's tones
    reading = word_reading(pick.token)
    assert reading is not None and reading.spoken == "yi4 qi3"
    notes = lesson_notes([pick], (), "s")
    fields = dict(zip(VOCAB_FIELDS, notes[0].fields, strict=True))
    assert fields["PinyinNumbered"] == "yi1 qi3"


def test_the_reading_is_the_one_this_sentence_uses(annotated_pick):
    bank = annotated_pick("他在银行工作。", "He works at a bank.", "银行")
    walk = annotated_pick("他们一起步行去学校。", "They walk to school together.", "步行")
    assert "yin2 hang2" in spoken_of(bank)
    assert "bu4 xing2" in spoken_of(walk)


def spoken_of(pick) -> str:
    reading = sentence_reading(pick.sentence.zh, pick.sentence.tokens)
    assert reading is not None
    return reading.spoken


# Words of random characters and tones, 一 and 不 among them, with pauses between.
_SYLLABLES = st.tuples(st.sampled_from("一不马好我是"), st.integers(1, 5))
_WORDS = st.lists(st.lists(_SYLLABLES, min_size=1, max_size=4), min_size=1, max_size=8)


@given(_WORDS, st.sets(st.integers(0, 7)))
def test_sandhi_invariants(word_list, pauses):
    pairs: list[tuple[str, str]] = []
    for i, w in enumerate(word_list):
        pinyin = {"一": "yi", "不": "bu"}
        pairs.append(
            ("".join(c for c, _ in w), " ".join(f"{pinyin.get(c, 'ma')}{t}" for c, t in w))
        )
        if i in pauses:
            pairs.append(("，", ""))
    given_ = [p for _, py in pairs for p in py.split()]
    said = [p for p in spoken(*pairs).split() if p not in {",", "."}]
    # One spoken syllable per character, each the same syllable, its tone changed only
    # as the rules allow.
    assert len(said) == len(given_)
    allowed = {"yi1": {"yi2", "yi4", "yi5"}, "bu4": {"bu2"}}
    for before, after in zip(given_, said, strict=True):
        third = {before[:-1] + "2"} if before.endswith("3") else set()
        assert after == before or after in allowed.get(before, third)
    # No third tone is left before another within a phrase.
    for phrase in spoken(*pairs).split(","):
        tones = [p[-1] for p in phrase.split()]
        assert ("3", "3") not in set(itertools.pairwise(tones))


def test_sandhi_of_a_plain_phrase():
    phrase = [Syllable(c, p, True) for c, p in zip("买马", ("mai3", "ma3"), strict=True)]
    assert apply_sandhi(phrase) == ("mai2", "ma3")


# --- numbers, Latin words, punctuation ---------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "options", "chars"),
    [
        ("180", {}, "一百八十"),
        ("15", {}, "十五"),
        ("105", {}, "一百零五"),
        ("20000", {}, "两万"),
        ("150000000", {}, "一亿五千万"),
        ("1989", {"year": True}, "一九八九"),
        ("2025", {"year": True}, "二〇二五"),
        ("50", {"percent": True}, "百分之五十"),
        ("3.05", {}, "三点零五"),
        ("007", {}, "零零七"),  # a code: digit by digit
    ],
)
def test_numbers_are_read_as_chinese(digits, options, chars):
    assert spoken_number(digits, **options) == chars


def test_numbers_latin_and_pauses_in_a_sentence(annotated_pick):
    pick = annotated_pick(
        "2025年,英伟达的H20芯片卖了1,500个,占50%。",
        "In 2025 Nvidia sold 1,500 H20 chips, 50% of the total.",
        "芯片",
    )
    said = spoken_of(pick)
    assert said.startswith("er4 ling2 er4 wu3 nian2 ,")  # a year, digit by digit
    assert " H er4 shi2 xin1 pian4 " in said  # the letter for eSpeak, the number in Chinese
    # 一千五百个: 一 before a first tone is yi4, 五 before the third tone of 百 wu2.
    assert "yi4 qian1 wu2 bai3 ge4" in said
    assert said.endswith("zhan4 bai3 fen1 zhi1 wu3 shi2")  # 百分之五十, no final pause
    assert not any(c.isdigit() and c not in "12345" for c in said.replace(" ", ""))


def test_a_missing_engine_is_one_clear_error(monkeypatch):
    from flashgen.errors import FlashgenError
    from flashgen.speech import espeak

    monkeypatch.setitem(sys.modules, "espeakng_loader", None)  # as if not installed
    with pytest.raises(FlashgenError, match=r"^eSpeak NG is not installed — .*--audio"):
        espeak._load()


def test_nothing_to_say_gives_no_reading():
    assert sentence_reading("。", words(("。", ""))) is None
    # Tokens whose syllables do not match their characters: no audio beats wrong audio.
    assert sentence_reading("你好", [word("你好", "ni3")]) is None


# --- how it sounds: the four tones -------------------------------------------------------

# 妈 麻 马 骂 alone, and as the second syllable of a two-syllable word.
CONTEXTS = {
    "alone": ("", ""),
    "大妈 (after tone 4)": ("大", "da4"),
    "芝麻 (after tone 1)": ("芝", "zhi1"),
    "骑马 (after tone 2)": ("骑", "qi2"),
}
MA = "妈麻马骂"


def pitch(wave: Waveform, start: float, end: float | None) -> np.ndarray:
    """F0 in Hz of the voiced frames between ``start`` and ``end`` (Praat, 10 ms steps)."""
    # A test dependency only: without it the tone tests skip, the others still run.
    parselmouth = pytest.importorskip("parselmouth")
    samples = np.frombuffer(wave.samples, dtype="<i2").astype(np.float64) / 32768
    sound = parselmouth.Sound(samples, sampling_frequency=wave.rate)
    track = sound.to_pitch(time_step=0.01, pitch_floor=60, pitch_ceiling=400)
    t, f0 = track.xs(), track.selected_array["frequency"]
    keep = (t >= start) & (t < (end if end is not None else sound.duration)) & (f0 > 0)
    return f0[keep]


def contour(f0: np.ndarray) -> dict[str, float]:
    """The shape of a syllable's pitch, in semitones above 100 Hz: start and end (the
    first and last quarter's means), the rise from one to the other, the mean, the lowest
    point, and the fall from the highest point to the end.  The first and last frames
    (the onset of m, the tail) are left out."""
    st = 12 * np.log2(f0[1:-1] / 100.0)
    q = max(1, len(st) // 4)
    return {
        "start": float(st[:q].mean()),
        "end": float(st[-q:].mean()),
        "rise": float(st[-q:].mean() - st[:q].mean()),
        "mean": float(st.mean()),
        "low": float(st.min()),
        "fall": float(st[-q:].mean() - st.max()),
    }


def tone_contours(first: str, first_pinyin: str) -> dict[int, dict[str, float]]:
    engine = espeak_engine()
    out = {}
    for tone, char in enumerate(MA, start=1):
        pairs = [(first, first_pinyin)] if first else []
        tokens = [word(first + char, f"{first_pinyin} ma{tone}".strip())]
        reading = word_reading(tokens[0])
        assert reading is not None and reading.spoken.endswith(f"ma{tone}"), pairs
        wave = engine.synthesize(reading.spoken)
        starts = wave.syllable_starts
        assert len(starts) == len(tokens[0].syllables)  # one word event per syllable
        out[tone] = contour(pitch(wave, starts[-1], None))
    return out


@pytest.mark.parametrize("context", CONTEXTS)
def test_each_tone_has_its_contour(context):
    c = tone_contours(*CONTEXTS[context])
    # Tone 1, high and level: the highest mean, and level beside the rising tone (eSpeak's
    # drifts up by 0.8-1.6 semitones where tone 2 rises by 2.2-2.4).
    assert c[1]["mean"] == max(t["mean"] for t in c.values())
    assert abs(c[1]["rise"]) < c[2]["rise"] - 0.5
    # Tone 2 rises, by 1.5 semitones or more, and ends near its highest: within a
    # semitone (tone 4 falls by more than 1.2).  eSpeak carries some state from one
    # utterance to the next: alone, or after the whole suite's other recordings (CI), the
    # same ma2 ended 0.3-0.66 semitones below its peak.
    assert c[2]["rise"] > 1.5 and c[2]["fall"] > -1.0
    # Tone 3 is the low one: its mean half a semitone or more below every other tone's.
    assert all(c[3]["mean"] < c[t]["mean"] - 0.5 for t in (1, 2, 4))
    # Tone 4 falls: ends 1.2 semitones or more below its peak, and below where it started.
    assert c[4]["fall"] < -1.2 and c[4]["rise"] < 0


def test_the_mp3_a_deck_carries_keeps_the_tones(tmp_path):
    """Encoding must not flatten what the tone test measured: the decoded files of
    ma1..ma4 alone still rise, stay, dip and fall."""
    library = AudioLibrary(espeak_engine(), tmp_path)
    shapes = {}
    for tone, char in enumerate(MA, start=1):
        name = library.sound(Reading(char, f"ma{tone}"))[len("[sound:") : -1]
        samples, rate = soundfile.read(library.files[name], dtype="int16")
        wave = Waveform(samples.tobytes(), rate)
        shapes[tone] = contour(pitch(wave, 0.0, None))
    assert shapes[2]["rise"] > 1.5 and shapes[4]["fall"] < -1.2
    assert shapes[3]["mean"] == min(s["mean"] for s in shapes.values())
    assert shapes[1]["mean"] == max(s["mean"] for s in shapes.values())


# --- recordings: cached, named by their key, exactly those referenced -------------------


class Counting:
    """The real engine, counting what it is asked to say."""

    def __init__(self, voice_suffix: str = "") -> None:
        self.inner = espeak_engine()
        self.said: list[str] = []
        self.suffix = voice_suffix

    name = property(lambda self: self.inner.name)
    version = property(lambda self: self.inner.version)
    voice = property(lambda self: self.inner.voice + self.suffix)

    def synthesize(self, reading: str) -> Waveform:
        self.said.append(reading)
        return self.inner.synthesize(reading)


def test_recordings_are_cached_and_named_by_their_key(tmp_path):
    first = Counting()
    library = AudioLibrary(first, tmp_path)
    sound = library.sound(Reading("你好", "ni2 hao3"))
    assert sound.startswith("[sound:flashgen-") and sound.endswith(".mp3]")
    name = sound[len("[sound:") : -1]
    assert library.files[name] == tmp_path / name
    data = (tmp_path / name).read_bytes()
    samples, rate = soundfile.read(io.BytesIO(data))
    assert rate == 22050 and len(samples) > 0.3 * rate
    assert first.said == ["ni2 hao3"]
    # Asked again, or by the next build: read from the cache, not said again.
    again = Counting()
    assert library.sound(Reading("你好", "ni2 hao3")) == sound
    assert AudioLibrary(again, tmp_path).sound(Reading("你好", "ni2 hao3")) == sound
    assert (first.said, again.said) == (["ni2 hao3"], [])
    # Anything the sound depends on gives another name: reading, text, voice.
    other_names = {
        AudioLibrary(Counting(), tmp_path).sound(Reading("你好", "ni3 hao3")),
        AudioLibrary(Counting(), tmp_path).sound(Reading("妳好", "ni2 hao3")),
        AudioLibrary(Counting(" slow"), tmp_path).sound(Reading("你好", "ni2 hao3")),
    }
    assert len(other_names) == 3 and sound not in other_names
    # A damaged entry (emptied, overwritten) is made again, never put in a deck.
    (tmp_path / name).write_bytes(b"")
    assert AudioLibrary(again, tmp_path).sound(Reading("你好", "ni2 hao3")) == sound
    assert again.said == ["ni2 hao3"]
    # Made again, not necessarily the same bytes: eSpeak carries a little state from one
    # utterance to the next (the same reading comes out a few samples longer or shorter).
    remade, _ = soundfile.read(tmp_path / name)
    assert abs(len(remade) - len(samples)) < 0.01 * rate


def test_a_package_carries_exactly_the_media_its_notes_reference(tmp_path, annotated_pick):
    library = AudioLibrary(espeak_engine(), tmp_path / "cache")
    orphan = library.sound(Reading("马", "ma3"))  # made, but no note names it
    pick = annotated_pick("政府批准了芯片出口。", "The government approved chip exports.", "芯片")
    review = annotated_pick("他们讨论了关税。", "They discussed tariffs.", "关税")
    notes = lesson_notes([pick], [review], "s", audio=library)
    used = {f[len("[sound:") : -1] for n in notes for f in n.fields if f.startswith("[sound:")}
    # Each word and its sentence, named by the new word's vocab and cloze notes alike,
    # and by the review word's cloze note only.
    assert len(used) == 4
    apkg = tmp_path / "d.apkg"
    write_deck(apkg, "d", "", notes, 1_750_000_000, media=library.files)
    with zipfile.ZipFile(apkg) as z:
        index = __import__("json").loads(z.read("media"))
        assert set(index.values()) == used and orphan[7:-1] not in index.values()
        assert sorted(index) == [str(i) for i in range(len(used))]
        for number, name in index.items():
            assert z.read(number) == library.files[name].read_bytes()
    # Recognition cards only: the cloze notes are left out; the new word's recordings
    # stay (its vocab note names them too), the review word's go with its cloze.
    cards = frozenset({"recognition"})
    write_deck(apkg, "d", "", notes, 1_750_000_000, cards, media=library.files)
    with zipfile.ZipFile(apkg) as z:
        assert len(__import__("json").loads(z.read("media"))) == 2


def test_a_note_naming_a_missing_recording_is_a_bug_not_a_deck(tmp_path, annotated_pick):
    library = AudioLibrary(espeak_engine(), tmp_path / "cache")
    pick = annotated_pick("政府批准了芯片出口。", "The government approved chip exports.", "芯片")
    notes = lesson_notes([pick], (), "s", audio=library)
    with pytest.raises(ValueError, match="media"):
        write_deck(tmp_path / "d.apkg", "d", "", notes, 1_750_000_000, media={})
    assert not (tmp_path / "d.apkg").exists()
