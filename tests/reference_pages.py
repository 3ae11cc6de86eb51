"""The pages the equivalence tests compare on: every fixture page and, when the shared corpora
are next to the repository (../shared), every page of them (tests that read them are `slow`
and skipped without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.fs.decode import read_source

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SUFFIXES = (".md", ".md.erb", ".markdown")
CORPORA = ("corpus", "corpus-hugo", "seeds")

#: Marks a test that reads the shared corpora.
on_corpora = pytest.mark.skipif(
    not SHARED.is_dir(), reason="no ../shared corpora next to the repository"
)


def pages(*folders: Path) -> list[Path]:
    """The Markdown pages under `folders`, in a stable order."""
    return sorted(p for f in folders for p in f.rglob("*") if p.name.endswith(SUFFIXES))


def fixture_texts() -> list[str]:
    found = pages(ROOT / "fixtures")
    assert found
    return [read_source(str(p), 1 << 24).text for p in found]


def corpus_texts() -> list[str]:
    found = pages(*(SHARED / name for name in CORPORA))
    assert found
    return [read_source(str(p), 1 << 24).text for p in found]
