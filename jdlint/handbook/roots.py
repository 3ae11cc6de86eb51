"""Where a handbook starts: the root directory of a page, found by name only.

Config `root` says it outright; else the nearest directory with `.git`, a jdlint config file or
a site generator's config marks it, and the tree below is then the whole site; else a layout
folder on the page's path (`content/`, `source/`, `job-families/`, `handbook/`) shows where a
copy of a site starts. Links, the cache and page names all ask the same question here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jdlint.config.settings import CONFIG_NAMES, Settings
from jdlint.handbook.file_facts import FileFacts, holds_mark

# Directories that show a site layout when no .git or config file marks the root.
_CONTENT_MARKERS = ("content", "source")
_FAMILIES = "job-families"
_SECTION_MARKERS = (_FAMILIES, "handbook")
# Static-site generators' config files at a site's root (Hugo, Jekyll): like `.git`, they say
# where the site starts, so links between its pages are checked in a copy without `.git`.
SITE_CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "_config.yml",
    "_config.yaml",
)

#: Files that mark a handbook's root (as `.git` does, a folder or, in a worktree, a file).
_MARK_FILES = (*CONFIG_NAMES, *SITE_CONFIGS)


@dataclass(frozen=True)
class Root:
    """A handbook root. `marked` when config `root`, `.git` or a config file says where the
    handbook starts: the tree below is then the whole site, not a partial copy."""

    path: Path
    marked: bool


def find_root(path: str | Path, settings: Settings, marks: dict[str, bool] | None = None) -> Root:
    """The handbook root of a page (see `handbook_root`), else the page's own directory."""
    start = Path(os.path.realpath(path))
    found = handbook_root(path, settings, marks)
    return found or Root(start if os.path.isdir(start) else start.parent, marked=False)


def handbook_root(
    path: str | Path,
    settings: Settings,
    marks: dict[str, bool] | None = None,
    facts: FileFacts | None = None,
) -> Root | None:
    """Config `root`; else the nearest directory with `.git` or a config file; else the
    directory above a `content/` or `source/` (or `job-families/`, `handbook/`) directory on
    the page's path. None when there is no sign of a handbook.

    A page that is not on disk (text given to `check_text`) skips the `.git` search, so the
    same text gives the same answer wherever it is checked from. `marks` remembers, for the
    pages of one run, which directories were looked at (pages share their parents); `facts`
    records what was looked up, for the handbook phase's cache entry.
    """
    if settings.root is not None:
        return Root(Path(os.path.realpath(settings.root)), marked=True)
    start = Path(os.path.realpath(path))
    directory = start if os.path.isdir(start) else start.parent
    return _root_above(directory, os.path.exists(start), marks, facts)


def _root_above(
    directory: Path, on_disk: bool, marks: dict[str, bool] | None, facts: FileFacts | None
) -> Root | None:
    """`handbook_root` of a page in `directory` (its real path); `on_disk`: the page exists."""
    if on_disk:
        for candidate in (directory, *directory.parents):
            if _marked(candidate, marks, facts):
                return Root(candidate, marked=True)
    layout = _layout_root(directory)
    return Root(layout, marked=False) if layout is not None else None


class PageRoots:
    """`handbook_root` of each page of one run, worked out once per folder.

    Checks that group pages by handbook (JD204, JD113) asked it page by page: a real path and
    a walk to the top for each, and nine file lookups in each new folder. Here pages of one
    folder share their root, and the folders' marks are the run's (`Sites` hands over those
    its sites looked up, and the `facts` that record them), so an index of 10,000 pages in
    10,000 folders looks nothing up twice.
    """

    def __init__(
        self,
        settings: Settings,
        marks: dict[str, bool] | None = None,
        real: Callable[[str], str] = os.path.realpath,
        facts: FileFacts | None = None,
        folders: FolderRoots | None = None,
    ) -> None:
        self.settings = settings
        self.marks = marks if marks is not None else {}
        self.real = real
        self.facts = facts
        self._by_folder: dict[tuple[str, bool], Root | None] = {}
        self._roots: dict[Root, Root] = {}
        # A page on disk has its folder's root: a folder's is its parent's unless it decides
        # its own (`FolderRoots`), so a new folder costs a few lookups, not a walk to the top.
        # `folders`: the run's own (`Sites`), whose folders are then looked at once in all.
        self._folders = folders if folders is not None else FolderRoots(settings, facts, self.marks)

    def __call__(self, path: str) -> Root | None:
        if self.settings.root is not None:
            return handbook_root(path, self.settings)
        start = self.real(path)
        try:
            mode: int | None = os.stat(start).st_mode
        except (OSError, ValueError):  # what `os.path.exists` and `isdir` answer False for
            mode = None
        directory = start if mode is not None and stat.S_ISDIR(mode) else os.path.dirname(start)
        key = (directory, mode is not None)
        if key not in self._by_folder:
            if key[1]:
                root = self._folders(directory)
            else:  # text not on disk: no marks are looked for (`handbook_root`)
                root = _root_above(Path(directory), False, self.marks, self.facts)
            # Pages of 10,000 folders have a few roots: one object each, not one per folder.
            self._by_folder[key] = self._roots.setdefault(root, root) if root else None
        return self._by_folder[key]


class FolderRoots:
    """`handbook_root` for the folders of one run's pages, each folder looked at once.

    A folder that is neither marked nor named like a layout marker has its parent's root, so
    a handbook of 10,000 pages in 10,000 folders costs a few checks per folder, not a walk
    to the top for each.
    """

    def __init__(
        self,
        settings: Settings,
        facts: FileFacts | None = None,
        marks: dict[str, bool] | None = None,
    ) -> None:
        self.settings = settings
        self.facts = facts
        self.marks: dict[str, bool] = marks if marks is not None else {}
        self._roots: dict[str, Root | None] = {}

    def __call__(self, folder: str) -> Root | None:
        """The root of an existing folder given by its real path.

        Iterative: the folders up to the first one whose root is known (or that decides its
        root itself) are collected first, then given that root, so a tree of any depth fits
        on the stack."""
        pending: list[str] = []
        while True:
            found = self._roots.get(folder, self)
            if found is not self:
                root: Root | None = found  # type: ignore[assignment]
                break
            parent, name = os.path.split(folder)
            plain = (
                self.settings.root is None
                and parent != folder
                and name not in _CONTENT_MARKERS
                and name not in _SECTION_MARKERS
                and not _marked(folder, self.marks, self.facts)
            )
            if not plain:
                root = handbook_root(folder, self.settings, self.marks, self.facts)
                self._roots[folder] = root
                break
            pending.append(folder)
            folder = parent
        for below in pending:
            self._roots[below] = root
        return root


def _marked(
    directory: Path | str, marks: dict[str, bool] | None, facts: FileFacts | None = None
) -> bool:
    """Whether `.git`, a config file or a site generator's config is in `directory`."""
    key = str(directory)
    found = marks.get(key) if marks is not None else None
    if found is None:
        ask = facts.holds_mark if facts is not None else holds_mark
        found = ask(key, ".git", _MARK_FILES)
        if marks is not None:
            marks[key] = found
    return found


def holds_its_handbooks(folder: str, root_of: FolderRoots) -> bool:
    """Whether the handbook root of every page under `folder` (a real path) is `folder` or a
    folder inside it, so that a walk of `folder` found every page of their handbooks."""
    root = root_of(folder)
    if root is not None:  # a mark at the folder holds every page below; one above does not
        return root.marked and str(root.path) == folder
    # No sign at or above the folder: a page's root comes from a layout folder below it, one
    # level above that folder, but three above for sites/<name>/source (`_layout_root`).
    return os.path.basename(folder) != "sites"


def _layout_root(directory: Path) -> Path | None:
    """The site above a `content/` or `source/` folder, else above the nearest section folder.

    A `content/` inside a `job-families/` folder is a family's folder (Content Marketing),
    not a site's: read as one, it gave the pages below it another root than their siblings',
    and every run that checked one of them saw the handbook's other pages under new names."""
    section_root = None
    for candidate in (directory, *directory.parents):
        if candidate.name in _CONTENT_MARKERS and not any(
            above.name == _FAMILIES for above in candidate.parents
        ):
            if candidate.name == "source" and candidate.parent.parent.name == "sites":
                return candidate.parent.parent.parent
            return candidate.parent
        if candidate.name in _SECTION_MARKERS and section_root is None:
            section_root = candidate.parent
    return section_root
