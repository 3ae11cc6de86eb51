"""Shortcuts of a run over a whole handbook give the answers of the plain definitions.

Roots looked up once per folder, real paths worked out from the parent's, work shared
between this process and forked workers, the collector paused and frozen around the trees:
each is compared with what it stands in for.
"""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from jdlint.config.settings import Settings
from jdlint.engine.limits import trees_kept
from jdlint.engine.pool import Inherited, can_fork, share
from jdlint.fs.discover import discover, pages_below
from jdlint.handbook.roots import FolderRoots, handbook_root

needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


def _tree(tmp_path: Path) -> Path:
    """Folders with every kind of root sign: .git, a config file, content/, job-families/."""
    for folder in (
        "repo/.git",
        "repo/content/handbook/job-families/sales/deep/deeper",
        "repo/nested/.jdlint.yaml.d",
        "plain/a/b/c",
        "site/source/job-families/eng",
        "sites/handbook/source/x/y",
        "loose/job-families/ops/z",
    ):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "repo/nested/.jdlint.yaml").write_text("select: [ALL]\n")
    (tmp_path / "repo/nested/inner").mkdir()
    return tmp_path


def test_folder_roots_are_those_handbook_root_finds(tmp_path: Path) -> None:
    top = _tree(tmp_path)
    roots = FolderRoots(Settings())
    folders = [os.path.realpath(d) for d, _, _ in os.walk(top) if ".git" not in d]
    assert len(folders) > 20
    for folder in sorted(folders, reverse=True):  # children before parents: no warm memo
        assert roots(folder) == handbook_root(folder, Settings()), folder


def test_walk_reports_symlinked_folders_inside_the_root_once_and_skips_those_outside(
    tmp_path: Path,
) -> None:
    root = tmp_path / "root"
    (root / "real" / "sub").mkdir(parents=True)
    (root / "real" / "sub" / "page.md").write_text("# Page\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text("# Secret\n")
    (root / "alias").symlink_to(root / "real")
    (root / "escape").symlink_to(tmp_path / "outside")
    found = discover([str(root)])
    # Folders are walked in name order: "alias" first, then "real" is the same folder again.
    assert [os.path.relpath(f, root) for f in found] == ["alias/sub/page.md"]


def test_pages_below_know_their_real_paths_from_the_walk(tmp_path: Path) -> None:
    """What the handbook's context is compared with the checked pages by: each page's real
    path, as `os.path.realpath` gives it, through a linked folder and a linked page too; a
    link out of the handbook is left out, and the excludes hold."""
    root = tmp_path / "handbook"
    (root / "real" / "sub").mkdir(parents=True)
    (root / "real" / "sub" / "page.md").write_text("# Page\n")
    (root / "real" / "other.md").write_text("# Other\n")
    (root / "real" / "skipped.md").write_text("# Skipped\n")
    (tmp_path / "outside.md").write_text("# Outside\n")
    (root / "linked").symlink_to(root / "real" / "sub")
    (root / "real" / "alias.md").symlink_to(root / "real" / "other.md")
    (root / "real" / "escape.md").symlink_to(tmp_path / "outside.md")
    found = pages_below(str(root), ["real/skipped.md"], root)
    assert [(os.path.relpath(p, root), os.path.relpath(r, root)) for p, r in found] == [
        ("linked/page.md", "real/sub/page.md"),
        ("real/alias.md", "real/other.md"),
        ("real/other.md", "real/other.md"),
    ]
    assert all(real == os.path.realpath(path) for path, real in found)
    assert [path for path, _real in found] == discover([str(root)], ["real/skipped.md"], root)


@pytest.mark.parametrize(
    "typed", [".", "./", "hb", "./hb/", "hb//jobs", "hb/jobs/../jobs", "hb/./jobs", "{abs}/hb"]
)
def test_pages_are_named_in_normal_form_however_the_folder_is_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """Each page has one spelling (`os.path.normpath` of the folder as typed, joined to the
    names below it), whether it is found by `discover` or by the walk for context pages."""
    for page in ("hb/jobs/a/index.md", "hb/jobs/b.md", "hb/top.md", "hb/jobs/a/c/d.md"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("# Page\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    folder = typed.format(abs=tmp_path)
    expected = sorted(
        os.path.normpath(os.path.join(at, name))
        for at, _folders, names in os.walk(folder)
        for name in names
        if name.endswith(".md")
    )
    assert discover([folder]) == expected
    assert [path for path, _real in pages_below(folder)] == expected


def _square(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def _slow_square(value: int) -> tuple[int, int]:
    time.sleep(0.005)  # workers are slower than this process: it surely gets the last items
    return _square(value)


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3])
def test_shared_work_keeps_the_order_and_this_process_takes_part(jobs: int) -> None:
    items = list(range(60))
    results = share(items, jobs, _square, _slow_square, Inherited(None))  # type: ignore[arg-type]
    assert [value for _, value in results] == [i * i for i in items]
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids  # this process worked too (from the back)
    assert results[-1][0] == os.getpid()


def test_trees_kept_pauses_collection_and_gives_the_trees_back() -> None:
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with trees_kept() as built:
        assert not gc.isenabled()
        kept = [[index] for index in range(1000)]
        built()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert len(kept) == 1000


def test_trees_kept_leaves_a_frozen_process_alone() -> None:
    """What the process froze itself stays frozen: not back among the collector's objects.
    (The frozen count alone can drop meanwhile: a frozen object that dies leaves it.)"""
    kept = [object()]  # a container the collector tracks, frozen below
    gc.freeze()
    try:
        assert not any(o is kept for o in gc.get_objects())
        with trees_kept() as built:
            built()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # not unfrozen
    finally:
        gc.unfreeze()
    assert any(o is kept for o in gc.get_objects())  # the test can tell


@pytest.mark.parametrize("include", [(), ("**/eng/*",)])
def test_context_of_discovered_folders_is_the_same_without_walking_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, include: tuple[str, ...]
) -> None:
    """Naming the folders the pages were discovered in (`searched`) spares the walk of a
    handbook they hold whole, and never changes the context: every kind of root, a folder
    above, at and below it, and an `include` that narrows what is checked."""
    from jdlint.handbook import context

    top = _tree(tmp_path)
    for folder, _dirs, _files in list(os.walk(top)):
        if ".git" not in folder:
            (Path(folder) / "page.md").write_text("# A page\n", encoding="utf-8")
    settings = Settings(include=include)
    folders = sorted(d for d, _, _ in os.walk(top) if ".git" not in d)
    walks: list[list[str]] = []
    real_walk = context.pages_below
    monkeypatch.setattr(
        context, "pages_below", lambda folder, *a: walks.append([folder]) or real_walk(folder, *a)
    )
    spared = 0
    for folder in folders:
        files = discover([folder], include=include, base=top)
        walks.clear()
        plain = context.context_paths(files, settings)
        walked = len(walks)
        walks.clear()
        assert context.context_paths(files, settings, [folder]) == plain, folder
        spared += walked - len(walks)
    assert (spared > 0) == (not include)
