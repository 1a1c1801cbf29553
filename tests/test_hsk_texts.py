"""benchmarks/hsk_texts.py: HSK sentences grouped into lessons as a teacher would, and
the gold pairs of an entry (synthetic sentences: the package is a benchmark-only
dependency and need not be installed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module runs
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


hsk = _benchmark("hsk_texts")


def _sentences(level: int, topic: str, n: int) -> list:
    return [
        hsk.HskSentence(f"{level}{topic}{i}", level, topic, f"句{i}。", f"S{i}.", ())
        for i in range(n)
    ]


def test_a_lesson_is_one_level_and_topic_of_10_to_20_sentences_in_order() -> None:
    # Levels and topics interleaved as a file could have them; 3 sentences is a short lesson.
    items = _sentences(1, "food", 26) + _sentences(2, "food", 44) + _sentences(1, "time", 3)
    items += _sentences(1, "family", 21)
    lessons = hsk.lessons(items)
    assert [(x.level, x.topic, len(x.sentences)) for x in lessons] == [
        (1, "family", 10),
        (1, "family", 11),  # 21 is more than 20: two lessons, not one
        (1, "food", 13),
        (1, "food", 13),
        (1, "time", 3),
        (2, "food", 14),
        (2, "food", 15),
        (2, "food", 15),
    ]
    # every sentence once, in the package's order within its topic
    assert [s for x in lessons for s in x.sentences] == sorted(
        items, key=lambda s: (s.level, s.topic)
    )


def test_an_entry_of_two_sentences_on_both_sides_is_two_gold_pairs() -> None:
    two = hsk.HskSentence("", 1, "", "谢谢你！不客气。", "Thank you! You're welcome.", ())
    assert hsk.beads(two) == [("谢谢你！", "Thank you!"), ("不客气。", "You're welcome.")]
    # one English sentence for two Chinese ones: one pair, as the package has it
    one = hsk.HskSentence("", 1, "", "下雨了。我们走吧。", "It is raining, so let's go.", ())
    assert hsk.beads(one) == [(one.zh, one.en)]
    # U.S. is no sentence end
    us = hsk.HskSentence("", 1, "", "他去了美国。", "He went to the U.S. last year.", ())
    assert hsk.beads(us) == [(us.zh, us.en)]


def test_sentences_without_a_translation_are_left_out(tmp_path: Path) -> None:
    rows = [
        ("ok", "你好。", "Hello."),
        ("ph", "再见。", "placeholder"),
        ("p3", "再见。", "placeholder-p3"),
        ("PH", "走吧。", "PH"),
        ("han", "考试接近了。", "The exam is近."),
    ]
    data = tmp_path / "sentences.json"
    data.write_text(
        json.dumps(
            [
                {
                    "id": i,
                    "hsk_level": 1,
                    "topic": "t",
                    "chinese": z,
                    "translation": {"en": e},
                    "pinyin_numbered": "ni3 hao3",
                }
                for i, z, e in rows
            ]
        ),
        encoding="utf-8",
    )
    hsk_with_data = _benchmark("hsk_texts")
    hsk_with_data.data_path = lambda: data
    loaded = hsk_with_data.load()
    assert loaded is not None
    assert [s.id for s in loaded] == ["ok"]
    assert loaded[0].pinyin == ("ni3", "hao3")


def test_a_lesson_writes_the_entries_and_scores_against_the_finer_gold() -> None:
    import random

    pairing = _benchmark("pairing")
    pairs = [("谢谢你！不客气。", "Thank you! You're welcome."), ("我饿了。", "I'm hungry.")]
    beads = [b for z, e in pairs for b in hsk.beads(hsk.HskSentence("", 1, "", z, e, ()))]
    text = pairing.lesson("hsk000", "iii", pairs, random.Random(1), 1, beads)
    # the file keeps each entry on its line, as the package has it
    assert "- **谢谢你！不客气。** — Thank you! You're welcome." in text.body.splitlines()
    assert text.gold[1:] == [
        ("谢谢你！", "Thank you!"),
        ("不客气。", "You're welcome."),
        ("我饿了。", "I'm hungry."),
    ]
