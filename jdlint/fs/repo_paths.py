"""Paths as CI systems and baselines need them: relative to the repository, with "/" separators.

Findings carry paths as given on the command line ("./a.md", "/abs/a.md", "a.md"). GitLab,
GitHub and SARIF viewers link a finding to a file by its repository-relative path, and a
fingerprint must not change with the spelling a user happened to type, so both go through here.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root(start: Path) -> Path:
    """The closest directory at or above `start` that has a `.git` entry, else `start`."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if os.path.exists(directory / ".git"):
            return directory
    return start


def report_path(path: str, root: Path) -> str:
    """`path` relative to `root`, POSIX style; paths outside `root` and `<stdin>` stay as given."""
    return ReportPaths(root)(path)


class ReportPaths:
    """`report_path` for the findings of one run: the root resolved once, each path once
    (a handbook run has tens of thousands of findings on a few thousand pages)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._done: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        done = self._done.get(path)
        if done is None:
            done = self._done[path] = self._relative(path)
        return done

    def _relative(self, path: str) -> str:
        if path.startswith("<"):
            return path
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()
