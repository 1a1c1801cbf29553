"""What teachers actually feed flashgen: each input with its expected outcome.

Every input is made in the test's temporary folder from the sample article (cut to
its first paragraphs to keep the tests quick): encoded, re-lined, pasted from the web,
or replaced by something that is not a text at all.  An input either builds a deck
with notes, or is refused with exit code 1 and one line naming it — never a traceback.
"""

from __future__ import annotations

import json
import os
import random
import signal
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from rich.console import Console

import flashgen.build.run
from flashgen.cli import ExitCode, main
from flashgen.text.lines import has_han
from flashgen.text.read import read_document
from flashgen.text.script import to_traditional

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"
# Date, then five English/Chinese paragraph pairs.
ARTICLE = "".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:11])
ZH_LINES = [ln for ln in ARTICLE.splitlines() if has_han(ln)]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(
        list(argv), console=Console(file=out, width=200), err_console=Console(file=err, width=200)
    )
    return code, out.getvalue(), err.getvalue()


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def web_paste(text: str) -> str:
    paras = [f'<p class="body">{ln.replace(" ", "&nbsp;", 1)}</p>' for ln in text.splitlines()]
    return (
        '<div><img src="photo.jpg" alt="x"><br/>\n'
        + "".join(paras)
        + "<p>&#8220;完&#8221; &amp; &lt;续&gt;</p></div>\n"
    )


def footnoted(text: str) -> str:
    marks = iter(["[1]", "[注2]", "¹²", "[3]", "³", "[注释4]"] * 9)
    return "".join(ln + (next(marks) if has_han(ln) else "") + "\n" for ln in text.splitlines())


def spaced(text: str) -> str:
    """Tabs and no-break spaces around lines, zero-width spaces inside Chinese."""
    return "".join(f"\t{ln[:3]}\u200b{ln[3:]}\u00a0\n" if ln else "\n" for ln in text.splitlines())


def minimal_docx() -> bytes:
    data = BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body>中文</w:body></w:document>")
    return data.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # creates the input in the folder, returns the path
    refused: str | None = None  # words of the one error line; None: a deck is built
    same_text: bool = False  # reads as exactly the paragraphs of the UTF-8 original


def file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def folder_with(*files: tuple[str, bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        root = folder / "class"
        root.mkdir()
        for name, data in files:
            (root / name).write_bytes(data)
        return root

    return make


BIG5 = to_traditional(ARTICLE).encode("big5", errors="ignore")  # drops "’" and the like
CASES = [
    Case("utf-8", file("a.txt", ARTICLE.encode()), same_text=True),
    Case("utf-8 with BOM", file("a.txt", ARTICLE.encode("utf-8-sig")), same_text=True),
    Case(
        "utf-16-le with BOM",
        file("a.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le")),
        same_text=True,
    ),
    Case(
        "utf-16-be with BOM",
        file("a.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be")),
        same_text=True,
    ),
    Case("gb18030", file("a.txt", ARTICLE.encode("gb18030")), same_text=True),
    Case("big5 traditional", file("a.txt", BIG5)),
    Case("crlf", file("a.txt", ARTICLE.replace("\n", "\r\n").encode()), same_text=True),
    Case("cr", file("a.txt", ARTICLE.replace("\n", "\r").encode()), same_text=True),
    Case("tabs, nbsp, zero-width", file("a.txt", spaced(ARTICLE).encode()), same_text=True),
    Case("full-width latin", file("a.txt", fullwidth(ARTICLE).encode())),
    Case("html pasted", file("a.txt", web_paste(ARTICLE).encode())),
    Case("footnotes", file("a.txt", footnoted(ARTICLE).encode()), same_text=True),
    Case("markdown with html", file("a.md", ("# 标题\n\n" + web_paste(ARTICLE)).encode())),
    Case("empty", file("empty.txt", b""), refused="empty.txt: the file is empty"),
    Case(
        "blank lines only", file("blank.txt", b" \n\n\t\n"), refused="blank.txt: the file is empty"
    ),
    Case(
        "no chinese",
        file("english.txt", b"Only English here. Nothing else.\n"),
        refused="english.txt: no Chinese text",
    ),
    Case(
        "png",
        file("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
        refused="photo.png: is an image",
    ),
    Case(
        "png named .txt",
        file("lesson.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        refused="lesson.txt: is an image",
    ),
    Case(
        "pdf",
        file("lesson.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        refused="lesson.pdf: is a PDF, not a text file — copy the text out of the PDF",
    ),
    Case(
        "docx",
        file("lesson.docx", minimal_docx),
        refused="lesson.docx: is a Word document, not a text file — in Word, File → Save As",
    ),
    Case(
        "random bytes", file("noise.txt", random.Random(5).randbytes(4000)), refused="noise.txt: "
    ),
    Case(
        "latin-1",
        file("french.txt", "Ça coûte très cher, à Paris.".encode("latin-1")),
        refused="french.txt: not UTF-8",
    ),
    Case("missing path", lambda folder: folder / "nope.txt", refused="nope.txt: no such file"),
    Case("empty folder", folder_with(), refused="class: no .txt or .md files found"),
]


@pytest.fixture(scope="module")
def original_paragraphs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str | None]]:
    path = tmp_path_factory.mktemp("original") / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return [(p.zh, p.en) for p in read_document(path).paragraphs]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_input(
    case: Case, tmp_path: Path, original_paragraphs: list[tuple[str, str | None]]
) -> None:
    (tmp_path / "in").mkdir()
    path = case.make(tmp_path / "in")
    out_dir = tmp_path / "decks"
    code, out, err = run("build", str(path), "--out", str(out_dir), "--json")
    if case.refused is None:
        assert (code, err) == (ExitCode.OK, "")
        [deck] = json.loads(out)["decks"]
        assert deck["notes"] > 0 and Path(deck["path"]).is_file()
        paragraphs = [(p.zh, p.en) for p in read_document(path).paragraphs]
        text = "".join(f"{zh}{en}" for zh, en in paragraphs)
        for debris in (
            "<p",
            "<br",
            "<img",
            "</",
            "&nbsp;",
            "&amp;",
            "&#",
            "\u00a0",
            "\u200b",
            "[1]",
            "[注2]",
            "¹",
        ):
            assert debris not in text
        if case.same_text:
            assert paragraphs == original_paragraphs
    else:
        assert code == ExitCode.ERROR
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert case.refused in lines[0] and "Traceback" not in err
        assert not list(out_dir.glob("*.apkg"))


def test_web_text_keeps_its_words(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(web_paste(ARTICLE), encoding="utf-8")
    text = "\n".join(p.zh for p in read_document(path).paragraphs)
    assert "“完” & <续>" in text
    assert ZH_LINES[1] in text  # [0] is the date, dropped
    assert read_document(path).paragraphs[0].en == ARTICLE.splitlines()[1]


def test_a_folder_with_good_and_bad_files_builds_the_good_ones(tmp_path: Path) -> None:
    root = folder_with(
        ("good.txt", ARTICLE.encode("gb18030")), ("empty.txt", b""), ("scan.txt", b"%PDF-1.7\n")
    )(tmp_path)
    code, out, err = run("build", str(root), "--out", str(tmp_path / "decks"), "--json")
    assert code == ExitCode.ERROR
    summary = json.loads(out)
    assert [Path(d["path"]).name for d in summary["decks"]] == ["good.apkg"]
    assert sorted(Path(e["input"]).name for e in summary["errors"]) == ["empty.txt", "scan.txt"]
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == ["good.apkg"]


def test_an_output_folder_that_cannot_be_written_stops_before_any_work(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    code, _out, err = run("build", str(text), "--out", str(blocker / "decks"))
    assert code == ExitCode.USAGE
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not-a-folder" in lines[0] and "--out" in lines[0]
    assert blocker.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "not-a-folder"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_existing_folder_that_refuses_files_stops_before_any_work(tmp_path: Path) -> None:
    # Nobody, root included, can create a file in /proc/self: only writing a file finds
    # that out (a read-only folder made with chmod would not stop root, as in containers).
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run("build", str(text), "--out", "/proc/self")
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.startswith("flashgen: error: /proc/self: the output folder cannot be written")
    assert len(err.strip().splitlines()) == 1 and "--out" in err


def test_encoding_forces_a_codec(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("gb18030"))
    code, out, err = run(
        "build", str(path), "--out", str(tmp_path / "d"), "--json", "--encoding", "gb18030"
    )
    assert (code, err) == (ExitCode.OK, "") and json.loads(out)["decks"][0]["notes"] > 0


def test_a_wrong_forced_encoding_is_refused_by_build(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("gb18030"))
    code, _, err = run("build", str(path), "--out", str(tmp_path / "d"), "--encoding", "utf-8")
    assert code == ExitCode.ERROR and "a.txt: not valid utf-8 text" in err


def test_a_wrong_forced_encoding_is_refused_by_align(tmp_path: Path) -> None:
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_bytes("中文课文。\n".encode("gb18030"))
    en.write_text("A Chinese text.\n", encoding="utf-8")
    assert run("align", str(zh), str(en), "--encoding", "gb18030")[0] == ExitCode.OK
    code, _, err = run("align", str(zh), str(en), "--encoding", "utf-8")
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1 and "a.zh.txt: not valid utf-8 text" in err


@pytest.mark.parametrize("command", ["build", "annotate", "align"])
def test_an_unknown_encoding_is_a_usage_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = ["a.txt", "b.txt"] if command == "align" else ["a.txt"]
    with pytest.raises(SystemExit) as exit_:
        run(command, *(str(tmp_path / f) for f in files), "--encoding", "klingon")
    assert exit_.value.code == ExitCode.USAGE
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def _raising(exc: BaseException) -> Callable[..., object]:
    def build_each(*args: object, **kwargs: object) -> object:
        raise exc

    return build_each


def test_an_unexpected_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(flashgen.build.run, "build_each", _raising(RuntimeError("boom\nagain")))
    code, _, err = run("build", str(text), "--out", str(tmp_path / "d"))
    assert code == ExitCode.ERROR
    assert err == (
        "flashgen: internal error: RuntimeError: boom again — run with --debug and report it\n"
    )
    code, _, err = run("--debug", "build", str(text), "--out", str(tmp_path / "d"))
    assert code == ExitCode.ERROR
    assert "Traceback" in err and err.strip().endswith("report it")


@pytest.mark.parametrize(
    ("interrupt", "expected", "message"),
    [
        (lambda: _raise(KeyboardInterrupt()), ExitCode.INTERRUPTED, "flashgen: interrupted\n"),
        (
            lambda: os.kill(os.getpid(), signal.SIGTERM),
            ExitCode.TERMINATED,
            "flashgen: terminated\n",
        ),
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_interruptions_exit_with_one_line(
    interrupt: Callable[[], None],
    expected: ExitCode,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    before = signal.getsignal(signal.SIGTERM)

    def build_each(*args: object, **kwargs: object) -> object:
        interrupt()
        return iter(())

    monkeypatch.setattr(flashgen.build.run, "build_each", build_each)
    code, _, err = run("build", str(text), "--out", str(tmp_path / "d"))
    assert (code, err) == (expected, message)
    assert signal.getsignal(signal.SIGTERM) is before  # the CLI's handler is gone again


def _raise(exc: BaseException) -> None:
    raise exc
