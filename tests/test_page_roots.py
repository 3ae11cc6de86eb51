"""`PageRoots` gives each page the root `handbook_root` gives it, looked up once per folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.config.settings import Settings
from jdlint.fs.discover import pages_below
from jdlint.fs.real_paths import RealPaths
from jdlint.handbook.context import Sites
from jdlint.handbook.file_facts import FileFacts, each_fact, holds_mark, still_hold
from jdlint.handbook.index import slug_style
from jdlint.handbook.roots import PageRoots, handbook_root


def _tree(base: Path) -> list[str]:
    """Pages under a marked site, a layout-only copy, a stray folder and folder/file links."""
    pages = [
        "site/.git/HEAD",
        "site/content/job-families/sales/a.md",
        "site/content/job-families/sales/b.md",
        "site/content/job-families/eng/c.md",
        "copy/source/job-families/d.md",
        "copy/source/handbook/e.md",
        "stray/notes/f.md",
        "hugo/hugo.toml",
        "hugo/content/g.md",
        "sites/x/source/h.md",
    ]
    for page in pages:
        (base / page).parent.mkdir(parents=True, exist_ok=True)
        (base / page).write_text("# Page\n", encoding="utf-8")
    (base / "hugo" / "_config.yml").mkdir()  # a folder named like a config file marks nothing
    asked = [str(base / page) for page in pages if page.endswith(".md")]
    asked += [str(base / "site/content/missing.md"), str(base / "copy/source"), str(base)]
    if hasattr(os, "symlink"):
        os.symlink(base / "site" / "content", base / "linked")
        os.symlink(base / "copy" / "source" / "handbook" / "e.md", base / "stray" / "e.md")
        asked += [str(base / "linked/job-families/sales/a.md"), str(base / "stray/e.md")]
    return asked


def test_page_roots_are_handbook_roots(tmp_path: Path) -> None:
    asked = _tree(tmp_path)
    for config in (Settings(), Settings(root=str(tmp_path / "copy"))):
        roots = PageRoots(config)
        shared = PageRoots(config, {}, RealPaths(), FileFacts())
        for path in asked + asked:  # asked twice: the second answers come from the memo
            expected = handbook_root(path, config)
            assert roots(path) == expected, path
            assert shared(path) == expected, path


def test_sites_hand_their_lookups_to_the_page_roots(tmp_path: Path) -> None:
    pages = [path for path in _tree(tmp_path) if path.endswith(".md")]
    sites = Sites(Settings())
    for path in pages:
        sites(path)
    looked_up = sites.facts.record()
    assert looked_up
    for path in pages:
        assert sites.page_roots(path) == handbook_root(path, Settings())
    assert sites.facts.record() == looked_up  # nothing looked up twice


_PART = st.sampled_from(["content", "Content", "a", ".", "", "index.html.md", "x.HTML.md", "p.md"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, max_size=6), st.booleans())
def test_slug_style_reads_a_path_as_pathlib_does(parts: list[str], absolute: bool) -> None:
    path = ("/" if absolute else "") + "/".join(parts)
    name = Path(path).name.lower()
    expected = "kramdown" if ".html." in name else None
    expected = expected or ("goldmark" if "content" in Path(path).parts else "kramdown")
    assert slug_style(None, path) == expected


@pytest.mark.parametrize("path", ["content/a.md", "site/content/x/index.html.md", "a/b.md"])
def test_slug_style_examples(path: str) -> None:
    expected = {"content/a.md": "goldmark", "a/b.md": "kramdown"}.get(path, "kramdown")
    assert slug_style(None, path) == expected


_ENTRIES = ["hugo.toml", "Hugo.TOML", "_config.yml", ".git", ".GIT", "notes.md", ".jdlint.yml"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_ENTRIES), st.sampled_from(["file", "folder", "link"]))),
)
def test_a_folder_listing_marks_a_root_as_its_names_looked_up_do(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("marks")
    for name, kind in entries:
        target = folder / name
        if os.path.lexists(target):
            continue  # a case-insensitive file system: the name is taken
        if kind == "file":
            target.write_text("x", encoding="utf-8")
        elif kind == "folder":
            target.mkdir()
        elif hasattr(os, "symlink"):
            os.symlink(folder / "missing", target)  # a broken link is no mark
    files = (".jdlint.yaml", ".jdlint.yml", "hugo.toml", "_config.yml")
    plain = os.path.exists(folder / ".git") or any(os.path.isfile(folder / n) for n in files)
    assert holds_mark(str(folder), ".git", files) == plain
    assert holds_mark(str(folder / "notes.md"), ".git", files) is False  # not a folder
    listed: dict[str, tuple[str, ...]] = {}
    pages_below(str(folder), listed=listed)  # the walk for context pages lists it too
    assert holds_mark(str(folder), ".git", files, listed[os.path.realpath(folder)]) == plain


def test_a_recorded_mark_no_longer_holds_once_the_folder_is_marked(tmp_path: Path) -> None:
    facts = FileFacts()
    assert not facts.holds_mark(str(tmp_path), ".git", ("hugo.toml",))
    assert not facts.holds_name(str(tmp_path), "chart.png")
    recorded = facts.record()
    assert still_hold(recorded)
    (tmp_path / "hugo.toml").write_text("", encoding="utf-8")
    (tmp_path / "chart.png").write_text("", encoding="utf-8")
    assert not still_hold(recorded)
    # A run answers from the listing its walk for context pages made (`file_facts.Listings`):
    # the folder as it was then, and as it is now.
    listed: dict[str, tuple[str, ...]] = {}
    pages_below(str(tmp_path), listed=listed)
    assert not still_hold(recorded, listed)
    assert len(list(each_fact(recorded))) == 2
    for group in recorded:
        assert still_hold((group,), {str(tmp_path): ()})  # the folder as it was: empty
        assert not still_hold((group,), listed)
    real = os.path.realpath(tmp_path)  # the walk keys folders by their real paths
    assert listed[real] and ".git" not in listed[real]
    (tmp_path / ".git").mkdir()  # a skipped folder is still one of its names
    pages_below(str(tmp_path), listed=listed)
    assert ".git" in listed[real]
