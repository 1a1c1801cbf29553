"""Shared test setup: tests never read or write the user's real cache folder."""

from collections.abc import Iterator

import pytest


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
