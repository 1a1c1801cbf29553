"""The cycle collector's policy while annotating (flashgen.collector): the command
freezes what is alive after each chunk of sentences, so annotating must make no
reference cycles — a frozen one is never collected."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashgen import collector
from flashgen.datatypes import Document, Paragraph
from flashgen.language import annotate


@pytest.fixture
def restored() -> Iterator[None]:
    """The flag and the frozen objects as they were (other tests run in this process)."""
    before = collector._freezing[0]
    yield
    collector.freeze_between_chunks(before)
    gc.unfreeze()


def _long_document() -> Document:
    # More sentences than one chunk, so that annotating gets past a chunk's end.
    n = annotate._CHUNK + 10
    return Document(Path("long.txt"), None, (Paragraph(0, "我们在北京学习中文。" * n, None),))


def test_annotating_freezes_after_each_chunk_only_when_asked(restored: None) -> None:
    doc = _long_document()
    gc.unfreeze()
    collector.freeze_between_chunks(False)
    assert len(annotate.annotate_document(doc)) == annotate._CHUNK + 10
    assert gc.get_freeze_count() == 0  # a library user's objects are left alone
    collector.freeze_between_chunks(True)
    annotate.annotate_document(doc)
    assert gc.get_freeze_count() > 0


def test_the_command_asks_for_it(restored: None) -> None:
    from flashgen.cli import collect_less

    threshold = gc.get_threshold()
    collector.freeze_between_chunks(False)
    try:
        collect_less()
        assert collector._freezing[0]
    finally:
        gc.set_threshold(*threshold)


def test_annotating_makes_no_reference_cycles() -> None:
    # Pinyin names in the English ("Xiong Kuanbo" = 熊宽波) are read syllable by
    # syllable; a recursive closure did that, and left a cycle at each new name.
    doc = Document(
        Path("names.txt"),
        None,
        (
            Paragraph(
                0,
                "熊宽波和邝秋岚在北京学习中文。他们说得很好。",
                "Xiong Kuanbo and Kuang Qiulan study Chinese in Beijing. They speak it well.",
            ),
        ),
    )
    annotate.warm_up()
    gc.collect()
    gc.disable()
    try:
        annotate.annotate_document(doc)
        found = gc.collect()
    finally:
        gc.enable()
    assert found == 0
