"""Shared test setup: tests never read or write the user's real cache folder; the sample
article's paragraph pairs and the shape every alignment must have, for the align tests."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from flashgen.datatypes import Link

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # One folder per session: the parsed CC-CEDICT index is built once, then reused.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLASHGEN_CACHE_DIR", str(tmp_path_factory.mktemp("flashgen-cache")))
        # Built now, so that every test runs as a user's second run does (a first run
        # says on stderr that it is building them).
        from flashgen.language.annotate import warm_up

        warm_up()
        yield


@pytest.fixture(scope="session")
def sample_pairs() -> list[tuple[str, str]]:
    """(Chinese paragraph, English paragraph): the sample alternates English and Chinese."""
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]

    def han(s: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in s)

    return [(zh, en) for en, zh in zip(lines, lines[1:], strict=False) if han(zh) and not han(en)]


def _assert_well_formed(links: list[Link], n: int, m: int) -> None:
    """Every sentence in exactly one link, links in order, no link empty on both sides."""
    assert [i for link in links for i in link.zh] == list(range(n))
    assert [j for link in links for j in link.en] == list(range(m))
    for link in links:
        assert link.zh or link.en
        assert (
            list(link.zh) == list(range(link.zh[0], link.zh[0] + len(link.zh))) if link.zh else True
        )
        assert 0.0 <= link.score <= 1.0
    # monotone: the sentences of each side only move forward
    last_zh = last_en = -1
    for link in links:
        if link.zh:
            assert link.zh[0] > last_zh
            last_zh = link.zh[-1]
        if link.en:
            assert link.en[0] > last_en
            last_en = link.en[-1]


@pytest.fixture(scope="session")
def assert_well_formed() -> Callable[[list[Link], int, int], None]:
    """The check that an alignment of n Chinese and m English sentences is well formed."""
    return _assert_well_formed
