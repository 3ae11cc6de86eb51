"""How messages and reports name a page: one spelling, whatever the invocation.

A baseline or a GitLab report matches findings by fingerprint, and the fingerprint includes the
message. So a message that names another page ("as at X", "grade 7 in X") and a report's path
must not depend on how the run was started (`check .`, a file list, one file, from a subfolder)
or on where the repository was cloned. A page on disk is named relative to its repository (the
closest folder with `.git`), else to its handbook root (config `root`, a config file, the folder
above `content/` or `source/`); text not on disk keeps the name it was given, without `./`.
"""

from __future__ import annotations

import os
from pathlib import Path

from jdlint.config.settings import Settings
from jdlint.fs.real_paths import RealPaths
from jdlint.handbook.roots import handbook_root


class PageNames:
    """Names pages for one run; each folder's root is looked up once, each page named once
    (JD204 names the other page in each of thousands of findings)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._roots: dict[str, Path | None] = {}
        self._names: dict[str, str] = {}
        self._real = RealPaths()

    def root(self, path: str | Path) -> Path | None:
        """The folder `path` is named from: its repository, else its handbook root."""
        real = self._real(path)
        if not os.path.exists(real):
            return None
        folder = real if os.path.isdir(real) else os.path.dirname(real)
        if folder not in self._roots:
            self._roots[folder] = _repository(Path(folder)) or _handbook(folder, self.settings)
        return self._roots[folder]

    def __call__(self, path: str) -> str:
        name = self._names.get(path)
        if name is None:
            name = self._names[path] = self._name(path)
        return name

    def _name(self, path: str) -> str:
        if path.startswith("<"):
            return path  # <stdin>, <boilerplate name>
        root = self.root(path)
        if root is not None:
            try:
                return Path(self._real(path)).relative_to(root).as_posix()
            except ValueError:
                pass
        return Path(os.path.normpath(path)).as_posix()


def _repository(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _handbook(folder: str, settings: Settings) -> Path | None:
    found = handbook_root(folder, settings)
    return found.path if found is not None else None
