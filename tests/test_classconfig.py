"""A class's flashgen.toml, its known-words lists, and deck names from the template."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashgen.classes.config import (
    CONFIG_NAME,
    ClassConfig,
    load_class_config,
    read_known_words,
    render_deck_name,
)
from flashgen.errors import UsageError


def class_toml(tmp_path: Path, text: str | bytes) -> Path:
    """A flashgen.toml in a class folder ``classes/3a`` under ``tmp_path``."""
    path = tmp_path / "classes" / "3a" / CONFIG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def error_of(path: Path) -> str:
    """The message of the UsageError that loading ``path`` raises: one line, naming it."""
    with pytest.raises(UsageError) as caught:
        load_class_config(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def word_list(tmp_path: Path, text: str, name: str = "known.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- flashgen.toml ---------------------------------------------------------------------


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_class_config(class_toml(tmp_path, ""))
    assert config == ClassConfig()
    assert config.name is None
    assert config.deck_template == "{class}::{number} {title}"
    assert config.known_words == ()
    assert config.known_hsk == 2
    assert config.max_new_words == 40
    assert config.min_zipf == 3.0
    assert config.cards == {"recognition", "recall", "cloze"}
    assert config.cloze_hint == "none"
    assert (config.include_names, config.include_idioms) == (False, True)


def test_comments_only_is_empty_too(tmp_path: Path) -> None:
    assert load_class_config(class_toml(tmp_path, "# nothing set yet\n")) == ClassConfig()


def test_every_key(tmp_path: Path) -> None:
    path = class_toml(
        tmp_path,
        """
        name = "Chinese 3A"
        deck_name = "{class}::Lesson {number}: {title} ({file})"
        known_words = ["known.txt", "pleco.txt"]
        known_hsk = 4
        max_new_words = 25
        min_zipf = 2.5
        cards = ["recall", "cloze"]
        cloze_hint = "meaning"
        audio = true
        include_names = true
        include_idioms = false
        corrections = "corrections.tsv"
        known_collection = ["collection.anki2"]
    """,
    )
    for name in ("known.txt", "pleco.txt", "corrections.tsv", "collection.anki2"):
        (path.parent / name).write_text("你好\n", encoding="utf-8")
    config = load_class_config(path)
    assert config == ClassConfig(
        name="Chinese 3A",
        deck_template="{class}::Lesson {number}: {title} ({file})",
        known_words=(path.parent.resolve() / "known.txt", path.parent.resolve() / "pleco.txt"),
        known_hsk=4,
        max_new_words=25,
        min_zipf=2.5,
        cards=frozenset({"recall", "cloze"}),
        cloze_hint="meaning",
        audio=True,
        include_names=True,
        include_idioms=False,
        corrections=(path.parent.resolve() / "corrections.tsv",),
        known_collection=(path.parent.resolve() / "collection.anki2",),
    )
    # Every field of ClassConfig can be set from the file, and differs from its default.
    defaults = ClassConfig()
    assert all(
        getattr(config, f.name) != getattr(defaults, f.name)
        for f in dataclasses.fields(ClassConfig)
    )


def test_known_words_are_relative_to_the_toml_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = class_toml(tmp_path, 'known_words = "../shared/hsk-extra.txt"\n')
    shared = tmp_path / "classes" / "shared"
    shared.mkdir()
    (shared / "hsk-extra.txt").write_text("电脑\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_class_config(path)
    assert config.known_words == ((shared / "hsk-extra.txt").resolve(),)
    assert config.known_words[0].is_absolute()


def test_known_words_absolute_paths_and_repeats(tmp_path: Path) -> None:
    words = word_list(tmp_path, "电脑\n")
    path = class_toml(tmp_path, f'known_words = ["{words.as_posix()}", "../../{words.name}"]\n')
    assert load_class_config(path).known_words == (words.resolve(),)


def test_a_single_card_kind_without_brackets(tmp_path: Path) -> None:
    path = class_toml(tmp_path, 'cards = "cloze"\n')
    assert load_class_config(path).cards == {"cloze"}


def test_a_toml_saved_with_a_bom_or_as_utf16(tmp_path: Path) -> None:
    path = class_toml(tmp_path, '\ufeffname = "三年级"\n'.encode())
    assert load_class_config(path).name == "三年级"
    path.write_bytes('name = "三年级"\n'.encode("utf-16"))
    assert load_class_config(path).name == "三年级"


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        (
            "max_new = 3",
            "unknown key 'max_new' (did you mean 'max_new_words'?) — known keys: name, deck_name, "
            "known_words, known_hsk, max_new_words, min_zipf, cards, cloze_hint, audio, "
            "include_names, include_idioms",
        ),
        ("[class]\nname = '3A'", "unknown key 'class'"),
        ('known_hsk = "two"', """'known_hsk' must be a whole number from 0 to 9, not "two\""""),
        ("known_hsk = true", "'known_hsk' must be a whole number from 0 to 9, not true"),
        ("known_hsk = 10", "'known_hsk' must be a whole number from 0 to 9, not 10"),
        ("known_hsk = -1", "'known_hsk' must be a whole number from 0 to 9, not -1"),
        ("known_hsk = 2.5", "'known_hsk' must be a whole number from 0 to 9, not 2.5"),
        (
            "max_new_words = -1",
            "'max_new_words' must be a whole number, not -1 — 0 for no limit",
        ),
        ("max_new_words = true", "'max_new_words' must be a whole number, not true"),
        (
            'max_new_words = "20"',
            """'max_new_words' must be a whole number, not "20\"""",
        ),
        ("min_zipf = 9", "'min_zipf' must be a number from 0 to 8, not 9"),
        ('min_zipf = "3"', """'min_zipf' must be a number from 0 to 8, not "3\""""),
        (
            "cards = []",
            '\'cards\' must be a non-empty list of "recognition", "recall", "cloze", not []',
        ),
        (
            'cards = ["recall", "flashcard"]',
            """'cards' has an unknown kind "flashcard" — use """
            '"recognition", "recall", "cloze"',
        ),
        ('cards = ["recall", 1]', "'cards' must be a non-empty list"),
        ("cards = 3", "'cards' must be a non-empty list"),
        (
            "[cards]\nrecall = true",
            '\'cards\' must be a non-empty list of "recognition", "recall", "cloze", not a table',
        ),
        (
            'cloze_hint = "pinyn"',
            """'cloze_hint' must be "pinyin" or "meaning" or "none", """
            """not "pinyn\"""",
        ),
        (
            'include_names = "yes"',
            """'include_names' must be true or false (without quotes), """
            """not "yes\"""",
        ),
        ("include_idioms = 1", "'include_idioms' must be true or false (without quotes), not 1"),
        ('name = "  "', "'name' must be a non-empty text in quotes"),
        ("name = 3", "'name' must be a non-empty text in quotes, not 3"),
        ('deck_name = "{class}::{teacher}"', "'deck_name' has an unknown placeholder {teacher}"),
        ('deck_name = "{class}::{number"', "'deck_name' has a stray { or }"),
        ('deck_name = "{class}}"', "'deck_name' has a stray { or }"),
        ('deck_name = "Lesson {}"', "'deck_name' has an unknown placeholder {}"),
        ('deck_name = "{class.name}"', "'deck_name' has an unknown placeholder {class.name}"),
        ('deck_name = "{title:>10}"', "'deck_name' has {title:>10}: placeholders take no format"),
        ('deck_name = " "', "'deck_name' is empty"),
        ("deck_name = 5", "'deck_name' must be a text in quotes, not 5"),
        ("known_words = 1", "'known_words' must be a file path in quotes or a list of them"),
        ('known_words = ["a.txt", ""]', "'known_words' must be a file path"),
        ('known_words = "missing.txt"', """'known_words' file "missing.txt" ("""),
        ('known_words = "."', "'known_words' file \".\" ("),
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path: Path, toml: str, says: str) -> None:
    assert says in error_of(class_toml(tmp_path, toml + "\n"))


def test_a_missing_known_words_file_is_named(tmp_path: Path) -> None:
    message = error_of(class_toml(tmp_path, 'known_words = ["../words/hsk3.txt"]\n'))
    missing = tmp_path / "classes" / "words" / "hsk3.txt"
    assert (
        f"""'known_words' file "../words/hsk3.txt" ({missing.resolve()}) does not exist"""
        in message
    )


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ("name = 3A\n", "(at line 1, column 9)"),
        ('name = "3A"\nknown_hsk = \n', "(at line 2, column 13)"),
        ('name = "3A"\nname = "3B"\n', "(at line 2, column"),
        ('cards = ["recall",\n', "(at end of document)"),
    ],
)
def test_toml_syntax_errors_give_the_line(tmp_path: Path, toml: str, where: str) -> None:
    message = error_of(class_toml(tmp_path, toml))
    assert ": not valid TOML: " in message
    assert where in message


def test_a_file_that_is_not_text(tmp_path: Path) -> None:
    assert "is a PDF" in error_of(class_toml(tmp_path, b"%PDF-1.7\n%\xe2\xe3"))


def test_a_missing_toml(tmp_path: Path) -> None:
    assert "no such file" in error_of(tmp_path / CONFIG_NAME)


# --- known words -----------------------------------------------------------------------


def test_a_plain_list(tmp_path: Path) -> None:
    path = tmp_path / "known.txt"
    path.write_bytes("\ufeff你好\n\n# HSK 3 extras\n  电脑  \n学校 xuéxiào school\n\n".encode())
    assert read_known_words([path]) == {"你好", "电脑", "学校"}


def test_an_anki_tsv_export_with_header_and_html(tmp_path: Path) -> None:
    path = word_list(
        tmp_path,
        "#separator:tab\n#html:true\n#tags column:4\n"
        "<b>认识</b>\trènshi\tto know\tHSK3\n"
        "&nbsp;学校&nbsp;<br>\txuéxiào\t<i>school</i>\t\n"
        "[sound:dianhua.mp3]电话\tdiànhuà\ttelephone\t\n",
    )
    assert read_known_words([path]) == {"认识", "学校", "电话"}


def test_an_anki_export_with_guid_and_notetype_columns(tmp_path: Path) -> None:
    path = word_list(
        tmp_path,
        "#separator:tab\n#html:false\n#guid column:1\n"
        "#notetype column:2\n#deck column:3\n"
        "f8Kq3!x\tChinese (Basic)\tHSK::3\t银行\tbank\n",
    )
    assert read_known_words([path]) == {"银行"}


def test_a_csv_with_quoted_commas(tmp_path: Path) -> None:
    path = word_list(
        tmp_path,
        "Hanzi,Pinyin,Meaning\n"
        '图书馆,túshūguǎn,"library, reading room"\n'
        '"<span>银行</span>","yínháng","bank, ""the"" bank"\n'
        "饭馆,fànguǎn,restaurant\n",
    )
    assert read_known_words([path]) == {"图书馆", "银行", "饭馆"}


def test_the_anki_separator_header_decides(tmp_path: Path) -> None:
    path = word_list(tmp_path, "#separator:semicolon\n#html:false\n朋友;péngyou;friend, pal\n")
    assert read_known_words([path]) == {"朋友"}


def test_a_pleco_export(tmp_path: Path) -> None:
    path = word_list(
        tmp_path,
        "//Lesson 1\n词语[詞語]\tci2yu3\tnoun word; term\n"
        "//Lesson 1/Extra\n你好\tni3hao3\thello\n"
        '发展[發展]\tfa1zhan3\t"to develop\n',
    )
    assert read_known_words([path]) == {"词语", "詞語", "你好", "发展", "發展"}


def test_a_stray_quote_does_not_swallow_the_next_lines(tmp_path: Path) -> None:
    path = word_list(tmp_path, '说明\tshuōmíng\t"to explain\n学习\txuéxí\tto study\n')
    assert read_known_words([path]) == {"说明", "学习"}


def test_traditional_entries_are_also_known_simplified(tmp_path: Path) -> None:
    path = word_list(tmp_path, "發展\n電腦\n學校\n")
    assert read_known_words([path]) == {"發展", "发展", "電腦", "电脑", "學校", "学校"}


def test_ruby_readings_are_dropped(tmp_path: Path) -> None:
    path = word_list(tmp_path, "#separator:tab\n你[nǐ]好[hǎo]\tnǐhǎo\n")
    assert read_known_words([path]) == {"你好"}


def test_legacy_encodings(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("你好\n电脑\n".encode("gb18030"))
    assert read_known_words([path]) == {"你好", "电脑"}


def test_several_lists_and_none(tmp_path: Path) -> None:
    a = word_list(tmp_path, "你好\n", "a.txt")
    b = word_list(tmp_path, "再见\tzàijiàn\n", "b.tsv")
    assert read_known_words([a, b]) == {"你好", "再见"}
    assert read_known_words([]) == frozenset()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("gone.txt", None, "known-words file not found"),
        ("words.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is an image"),
        ("HSK3.apkg", b"PK\x03\x04collection.anki2", "Notes in Plain Text"),
    ],
)
def test_unusable_lists_are_named(tmp_path: Path, name: str, data: bytes | None, says: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(UsageError) as caught:
        read_known_words([path])
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert says in message
    assert "\n" not in message


# --- deck names ------------------------------------------------------------------------


def render(
    template: str = "{class}::{number} {title}",
    class_name: str = "3A",
    number: str = "03",
    title: str = "在饭馆",
    file: str = "03-restaurant",
) -> str:
    return render_deck_name(template, class_name=class_name, number=number, title=title, file=file)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({}, "3A::03 在饭馆"),
        ({"template": "{class}::{file}"}, "3A::03-restaurant"),
        (
            {"template": "Chinese::{class}::Lesson {number} — {title} [{file}]"},
            "Chinese::3A::Lesson 03 — 在饭馆 [03-restaurant]",
        ),
        ({"template": "{{{class}}}"}, "{3A}"),  # doubled braces are braces
        ({"number": "", "title": ""}, "3A"),  # no dangling "::"
        ({"number": ""}, "3A::在饭馆"),  # no leading space
        ({"template": "  {class} ::  ::{title}  "}, "3A::在饭馆"),
        ({"title": "在\n饭馆\t 里"}, "3A::03 在 饭馆 里"),
        ({"title": "Food::Drink"}, "3A::03 Food:Drink"),  # a title makes no subdeck
        ({"class_name": "Chinese :: 3A"}, "Chinese::3A::03 在饭馆"),  # a class name may
        ({"class_name": "", "title": "在饭馆\x1f"}, "03 在饭馆"),
        ({"template": "{title}", "title": " "}, "03-restaurant"),  # never empty
        ({"template": "{title}", "title": "", "file": ""}, "flashgen"),
    ],
)
def test_render_deck_name(kwargs: dict[str, str], name: str) -> None:
    assert render(**kwargs) == name


@pytest.mark.parametrize("template", ["{teacher}", "{class", "}", "{title!r}", ""])
def test_render_refuses_a_bad_template(template: str) -> None:
    with pytest.raises(UsageError) as caught:
        render(template)
    assert "\n" not in str(caught.value)


@given(st.text(), st.text(), st.text(), st.text())
def test_rendered_names_are_always_safe(
    class_name: str, number: str, title: str, file: str
) -> None:
    name = render(class_name=class_name, number=number, title=title, file=file)
    assert name
    for part in name.split("::"):
        assert part and part == part.strip()
        assert not any(ord(c) < 0x20 or c == "\x7f" for c in part)


def test_the_cli_card_kinds_are_the_librarys():
    # Kept apart so that `flashgen --help` does not import the library.
    from flashgen.cli.build import CARD_KINDS as CLI_CARD_KINDS
    from flashgen.datatypes import CARD_KINDS

    assert CLI_CARD_KINDS == CARD_KINDS
