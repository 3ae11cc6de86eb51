"""The handbooks a run touches: each page's site, and the pages around the checked ones.

Cross-page checks need the whole handbook even when one page is checked (a pre-commit hook
passes only the staged files). The engine parses these "context" pages into the index but
reports nothing for them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from jdlint.config.settings import Settings
from jdlint.fs.discover import pages_below
from jdlint.fs.real_paths import RealPaths
from jdlint.handbook.file_facts import FileFacts
from jdlint.handbook.roots import FolderRoots, PageRoots, Root, find_root, holds_its_handbooks
from jdlint.handbook.site import Site
from jdlint.handbook.site_config import SiteConfig


class Sites:
    """The `Site` of each page of one run; roots are looked up once per folder. Every name
    they look up on disk is recorded in `facts` (see `jdlint.handbook.file_facts`)."""

    def __init__(self, settings: Settings, facts: FileFacts | None = None) -> None:
        self.settings = settings
        self.facts = facts if facts is not None else FileFacts()
        self.config = SiteConfig.from_settings(settings)
        self._by_directory: dict[str, Site] = {}
        # One Site per root: its listings of directories on disk are then read once per run.
        self._by_root: dict[tuple[Path, bool], Site] = {}
        self._roots = FolderRoots(settings, self.facts)
        self.real = RealPaths()  # shared with the run's indexes of these pages
        # Each page's handbook, for the checks that group pages by it: the same lookups.
        self.page_roots = PageRoots(
            settings, self._roots.marks, self.real, self.facts, folders=self._roots
        )

    def __call__(self, path: str) -> Site:
        directory = os.path.dirname(self.real(path))
        site = self._by_directory.get(directory)
        if site is None:
            root = self._root(path, directory)
            complete = root.marked if self.config.complete is None else self.config.complete
            site = self._by_root.setdefault(
                (root.path, complete),
                Site(root.path, self.config, complete, self.facts, real=self.real),
            )
            self._by_directory[directory] = site
        return site

    def _root(self, path: str, directory: str) -> Root:
        if not os.path.isfile(path):
            return find_root(path, self.settings)  # text not on disk: see `handbook_root`
        found = self._roots(directory)
        return found or Root(Path(directory), marked=False)


def context_paths(
    paths: list[str],
    settings: Settings,
    searched: Iterable[str] = (),
    listed: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Pages of the handbooks of `paths` that are not among `paths` themselves.

    Only handbooks with a recognisable root (config `root`, `.git`, a config file or a site
    layout) are searched, so checking a stray file never walks its whole parent directory.
    Roots are looked up once per directory: a pre-commit run passes hundreds of files that
    share a few folders. `searched`: the folders `paths` were discovered in (with the same
    excludes and no `include`, which narrows what is checked, not the handbook); a handbook
    whose root is one of them or inside one has nothing more to give, so its pages are not
    walked again or looked up one by one. `listed`: filled with each walked folder's names
    (`file_facts.Listings`).
    """
    real = RealPaths()
    root_of = FolderRoots(settings)
    searched_folders = {real(f) for f in searched if not settings.include and os.path.isdir(f)}
    covered = [folder for folder in searched_folders if holds_its_handbooks(folder, root_of)]
    inside = tuple(folder + os.sep for folder in covered)
    resolved = [real(p) for p in paths]
    checked = set(resolved)
    outside = [path for path in resolved if not path.startswith(inside)]
    folders = [*(path for path in outside if os.path.isdir(path)), *covered]
    parents = {os.path.dirname(path) for path in set(outside).difference(folders)}
    found = {root_of(folder) for folder in (*folders, *parents)}
    roots = sorted({root.path for root in found if root is not None})
    base = settings.path.parent if settings.path else Path.cwd()
    spell = _spelling(paths)
    out: list[str] = []
    for root in roots:
        if any(Path(folder) == root or Path(folder) in root.parents for folder in folders):
            continue  # the root itself (or a parent of it) is being checked
        for file, real_file in pages_below(spell(root), settings.exclude, base, listed):
            if real_file not in checked:
                out.append(file)
    return out


def _spelling(paths: list[str]) -> Callable[[Path], str]:
    """How context pages are named: as the checked ones are, relative to the working folder
    when they are (a pre-commit hook passes `a/page.md`), else absolute. A page then has one
    name whether it is checked or context, so the run over the whole handbook (`check .`) and
    the hook's next commit share a handbook lineage (`handbook_reuse.lineage_key`), and a
    message naming another page reads the same in both."""
    if any(os.path.isabs(path) for path in paths):
        return str
    here = os.path.realpath(os.getcwd())

    def relative(root: Path) -> str:
        try:
            return os.path.relpath(root, here)
        except ValueError:  # another drive
            return str(root)

    return relative
