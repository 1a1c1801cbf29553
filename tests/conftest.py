"""Shared test setup: tests never read or write the user's real cache folder; the
hand-made annotated text of the select / cards / deck tests, as fixtures."""

from collections.abc import Callable, Iterator

import build_fixtures
import pytest

from flashgen.datatypes import AnnotatedSentence, AnnotatedToken


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


# Session-scoped: hypothesis tests use them too, and they only hand out pure functions.
@pytest.fixture(scope="session")
def token() -> Callable[..., AnnotatedToken]:
    """``token("关税", 3)``: an annotated token from ``build_fixtures.WORDS``."""
    return build_fixtures.token


@pytest.fixture(scope="session")
def sentence() -> Callable[..., AnnotatedSentence]:
    """``sentence("他们|讨论|关税|。", en=..., matches={"关税": "tariffs"})``."""
    return build_fixtures.sentence


@pytest.fixture(scope="session")
def news_text() -> Callable[..., list[AnnotatedSentence]]:
    """``news_text(fixed=False, extra=False)``: a small bilingual text."""
    return build_fixtures.news_text
