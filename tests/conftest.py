"""Shared test setup: tests never read or write the user's real cache folder; the
hand-made annotated text of the select / cards / deck tests, the handout's table
as a reader (or headless Chromium) sees it, the sample article's paragraph pairs and
the shape every alignment must have, as fixtures."""

import itertools
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import build_fixtures
import pytest

from flashgen.datatypes import AnnotatedSentence, AnnotatedToken, Link
from flashgen.teach.select import Pick

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


@pytest.fixture(scope="session")
def annotated_pick() -> Callable[[str, str, str], Pick]:
    """``annotated_pick(zh, en, "当")``: a word of a real sentence pair, annotated."""
    return build_fixtures.annotated_pick


@pytest.fixture(scope="session")
def dang_when() -> Pick:
    """当 dāng where the English says "When": CC-CEDICT's 7th sense of 18 (the first are
    "(onom.) dong; ding dong (bell)")."""
    return build_fixtures.annotated_pick(*build_fixtures.WHEN, "当")


# --- a handout page's table -------------------------------------------------------------


@pytest.fixture(scope="session")
def read_table() -> type["TableReader"]:
    """``read_table(page)``: the head cells and body rows of a handout page's table."""
    return TableReader


@pytest.fixture
def chromium(tmp_path: Path) -> Callable[..., str]:
    """``chromium(page, *args)``: headless Chromium's stdout on ``page`` (skips the test
    where Chromium is not installed)."""
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return lambda page, *args: run_chromium(tmp_path, page, *args)


@dataclass
class Row:
    cells: list[str] = field(default_factory=list)  # text, as a reader sees it
    markup: list[str] = field(default_factory=list)  # inner HTML, as written
    kind: str = ""  # the row's class attribute
    group: int = 0  # which <tbody> it is in, from 1


class TableReader(HTMLParser):
    """The header cells and body rows of the page's (one) table, and its script count.

    ``words`` and ``examples`` are the handout's word rows and sentence rows."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[str] = []
        self.rows: list[Row] = []
        self.scripts = 0
        self._page = page
        self._line_starts = [0]
        for line in page.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self._section = ""
        self._groups = 0
        self._cell: list[str] | None = None
        self._cell_start = 0
        self.feed(page)
        self.close()

    @property
    def words(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "word"]

    @property
    def examples(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "example"]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        elif tag in ("thead", "tbody"):
            self._section = tag
            self._groups += tag == "tbody"
        elif tag == "tr" and self._section == "tbody":
            self.rows.append(Row(kind=dict(attrs).get("class") or "", group=self._groups))
        elif tag in ("td", "th"):
            self._cell = []
            self._cell_start = self._page.index(">", self._offset()) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._cell is not None:
            self._cell.append(" ")  # the sentence and its English are two lines
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            if self._section == "thead":
                self.head.append(text)
            else:
                self.rows[-1].cells.append(text)
                self.rows[-1].markup.append(self._page[self._cell_start : self._offset()])
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _offset(self) -> int:
        # Where the tag being handled starts in the page.
        line, column = self.getpos()
        return self._line_starts[line - 1] + column


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def run_chromium(tmp_path: Path, page: Path, *args: str) -> str:
    """Run headless Chromium on ``page``; its stdout (stderr is log noise)."""
    command = [
        "chromium",
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="session")
def sample_pairs() -> list[tuple[str, str]]:
    """(Chinese paragraph, English paragraph): the sample alternates English and Chinese."""
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]

    def han(s: str) -> bool:
        return any("\u4e00" <= c <= "\u9fff" for c in s)

    return [(zh, en) for en, zh in itertools.pairwise(lines) if han(zh) and not han(en)]


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
