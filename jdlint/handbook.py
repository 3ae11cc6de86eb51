"""The handbooks a run touches: each page's site, and the pages around the checked ones.

Cross-page checks need the whole handbook even when one page is checked (a pre-commit hook
passes only the staged files). The engine parses these "context" pages into the index but
reports nothing for them.
"""

from __future__ import annotations

import os
from pathlib import Path

from jdlint.config import Settings
from jdlint.discover import discover
from jdlint.site import Site, SiteConfig, find_root, handbook_root


class Sites:
    """The `Site` of each page of one run; roots are looked up once per directory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.config = SiteConfig.from_settings(settings)
        self._by_directory: dict[str, Site] = {}
        # One Site per root: its listings of directories on disk are then read once per run.
        self._by_root: dict[tuple[Path, bool], Site] = {}
        self._marks: dict[str, bool] = {}  # directories holding .git or a config (see find_root)

    def __call__(self, path: str) -> Site:
        directory = os.path.dirname(os.path.realpath(path))
        site = self._by_directory.get(directory)
        if site is None:
            root = find_root(path, self.settings, self._marks)
            complete = root.marked if self.config.complete is None else self.config.complete
            site = self._by_root.setdefault(
                (root.path, complete), Site(root.path, self.config, complete)
            )
            self._by_directory[directory] = site
        return site


def context_paths(paths: list[str], settings: Settings) -> list[str]:
    """Pages of the handbooks of `paths` that are not among `paths` themselves.

    Only handbooks with a recognisable root (config `root`, `.git`, a config file or a site
    layout) are searched, so checking a stray file never walks its whole parent directory.
    """
    checked = {os.path.realpath(p) for p in paths}
    marks: dict[str, bool] = {}
    roots = sorted({r.path for p in paths if (r := handbook_root(p, settings, marks)) is not None})
    base = settings.path.parent if settings.path else Path.cwd()
    out: list[str] = []
    for root in roots:
        if any(_covers(p, root) for p in paths):
            continue  # the root itself (or a parent of it) is being checked
        for file in discover([str(root)], settings.exclude, base):
            if os.path.realpath(file) not in checked:
                out.append(file)
    return out


def _covers(path: str, root: Path) -> bool:
    """Whether checking `path` already checks every page under `root`."""
    resolved = Path(os.path.realpath(path))
    return resolved.is_dir() and (resolved == root or resolved in root.parents)
