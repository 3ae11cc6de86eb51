"""`RealPaths` gives what `os.path.realpath` gives, folder links and file links included."""

from __future__ import annotations

import os

import pytest

from jdlint.fs.real_paths import RealPaths


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_real_paths_agree_with_realpath(tmp_path, monkeypatch):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "elsewhere.md").write_text("# B\n", encoding="utf-8")
    os.symlink(tmp_path / "pages", tmp_path / "linked")
    os.symlink(tmp_path / "elsewhere.md", tmp_path / "pages" / "b.md")
    # A link in the middle of a deep path, relative, to a link: each folder is resolved from
    # its parent's real path.
    (tmp_path / "deep" / "one" / "two").mkdir(parents=True)
    (tmp_path / "deep" / "one" / "two" / "c.md").write_text("# C\n", encoding="utf-8")
    os.symlink("deep/one", tmp_path / "short")
    os.symlink("short", tmp_path / "shorter")
    monkeypatch.chdir(tmp_path)
    real = RealPaths()
    names = [
        "pages/a.md",
        "linked/a.md",
        "linked/b.md",
        "./pages/../linked/a.md",
        "pages/missing.md",
        str(tmp_path / "linked"),
        "/",
        "deep/one/two/c.md",
        "short/two/c.md",
        "shorter/two/c.md",
        "shorter/two/missing/d.md",
        "missing/folder/e.md",
    ]
    for name in names * 2:  # the second time from the folders it resolved
        assert real(name) == os.path.realpath(name), name
    assert real("linked/b.md") == str(tmp_path / "elsewhere.md")
