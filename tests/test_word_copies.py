"""The word lists' data-only copies (`jdlint.rulepacks.word_copies`): the source's words
exactly, and the source read again whenever the copy cannot be trusted to be them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jdlint.rulepacks.word_copies import copied

FREQUENCIES = {"widget": 120, "the": 23_135_851_162, "naïve": 3, "": 0, "x\ry": 1}
CORRECTIONS = {"teh": "the,", "recieve": "receive, deceive", "blank": ""}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "jdlint" / "words"


def _reader(source: Path, words: dict[str, object], reads: list[int]):  # type: ignore[no-untyped-def]
    source.write_text("the source", encoding="utf-8")

    def read() -> dict[str, object]:
        reads.append(1)
        return dict(words)

    return read


@pytest.mark.parametrize("words", [FREQUENCIES, CORRECTIONS], ids=["frequencies", "corrections"])
def test_a_copy_gives_the_source_s_words_in_their_order(tmp_path, home, words):
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", words, reads)
    first = copied(tmp_path / "list.json", read)
    again = copied(tmp_path / "list.json", read)
    assert first == again == words
    assert list(again) == list(words) and [type(v) for v in again.values()] == [
        type(v) for v in words.values()
    ]
    assert len(reads) == 1  # the second answer came from the copy
    (copy,) = home.iterdir()
    assert copy.stat().st_mode & 0o077 == 0


def test_a_changed_source_is_read_again(tmp_path, home):
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", FREQUENCIES, reads)
    copied(tmp_path / "list.json", read)
    (tmp_path / "list.json").write_text("the source, another version", encoding="utf-8")
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert len(reads) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # a byte of the body
        lambda data: data[:-3],  # cut short
        lambda data: data.replace(b"jdlint-words-1", b"jdlint-words-9", 1),  # another format
        lambda data: b"",
    ],
    ids=["flipped", "short", "format", "empty"],
)
def test_a_damaged_copy_is_not_used_and_is_written_again(tmp_path, home, damage):
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", FREQUENCIES, reads)
    copied(tmp_path / "list.json", read)
    (copy,) = home.iterdir()
    copy.write_bytes(damage(copy.read_bytes()))
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert len(reads) == 2  # once more, and the copy written again then served


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_copy_others_may_write_is_not_used(tmp_path, home):
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", FREQUENCIES, reads)
    copied(tmp_path / "list.json", read)
    (copy,) = home.iterdir()
    copy.chmod(0o666)
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert len(reads) == 2


@pytest.mark.parametrize(
    "words",
    [{"two\nlines": 1}, {"a": 1, "b": "mixed"}, {"big": 1 << 70}, {"\ud800": 1}, {}],
    ids=["newline", "mixed", "big", "surrogate", "empty"],
)
def test_a_list_the_format_cannot_hold_is_read_from_its_source_every_time(tmp_path, home, words):
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", words, reads)
    assert copied(tmp_path / "list.json", read) == words
    assert copied(tmp_path / "list.json", read) == words
    assert len(reads) == 2
    assert not home.exists() or not list(home.iterdir())


def test_without_a_writable_cache_directory_the_source_is_read(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", FREQUENCIES, reads)
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert len(reads) == 1


def test_no_copy_is_kept_in_a_cache_directory_inside_a_repository(tmp_path, monkeypatch):
    """A CI job whose home is the checkout: a merge request could commit a copy."""
    (tmp_path / ".git").mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    reads: list[int] = []
    read = _reader(tmp_path / "list.json", FREQUENCIES, reads)
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert copied(tmp_path / "list.json", read) == FREQUENCIES
    assert len(reads) == 2 and not (tmp_path / "home").exists()
