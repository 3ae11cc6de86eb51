"""Resolved paths of many files of a few folders: each folder resolved once.

`os.path.realpath` looks up every component of a path on disk; a handbook's pages share their
folders, so an index of 1,000 pages resolved the same folders 3,000 times. A folder is resolved
from its parent's real path: one lookup (is it a link?) per folder, not one per component. A
`RealPaths` lives as long as one run's view of the disk (an index, a site): a symlink made
later is not seen.
"""

from __future__ import annotations

import os


class RealPaths:
    """`os.path.realpath`, each folder resolved once: a file costs one lookup (is it a link?)."""

    def __init__(self) -> None:
        self._asked: dict[str | os.PathLike[str], str] = {}  # by the path as it was asked
        self._known: dict[str, str] = {}  # by absolute path: folders, and the files asked

    def __call__(self, path: str | os.PathLike[str]) -> str:
        real = self._asked.get(path)
        if real is None:
            real = self._asked[path] = self._resolve(os.path.abspath(path))
        return real

    def _resolve(self, path: str) -> str:
        """The real path of an absolute path, from its folder's."""
        real = self._known.get(path)
        if real is None:
            folder, name = os.path.split(path)
            if not name:  # the root folder
                real = os.path.realpath(path)
            else:
                joined = os.path.join(self._resolve(folder), name)
                real = os.path.realpath(joined) if os.path.islink(joined) else joined
            self._known[path] = real
        return real
