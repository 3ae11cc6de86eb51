"""`jdlint.fs.path_text` reads a path as `PurePath` does."""

from __future__ import annotations

from pathlib import PurePath

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.fs import path_text

_PIECES = st.sampled_from(["", "/", "//", "///", ".", "..", "a", "b.md", "_index.md", " x", "é"])
_PATHS = st.lists(_PIECES, max_size=7).map("".join)


@settings(max_examples=600, deadline=None)
@given(_PATHS, st.sampled_from(["", "x", "..", "stem.md", "."]))
def test_path_text_reads_a_path_as_purepath_does(path: str, child: str) -> None:
    pure = PurePath(path)
    assert path_text.parts(path) == pure.parts
    assert path_text.name(path) == pure.name
    assert path_text.parent(path) == str(pure.parent)
    assert path_text.normal(path) == str(pure)
    assert path_text.joined(path, child) == str(pure / child)


def test_examples() -> None:
    assert path_text.parts("/a//b/./c.md") == ("/", "a", "b", "c.md")
    assert path_text.parent("c.md") == "."
    assert path_text.name("/") == ""
    assert path_text.joined("a/b", "c") == "a/b/c"
