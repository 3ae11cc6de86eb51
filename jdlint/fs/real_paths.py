"""Resolved paths of many files of a few folders: each folder resolved once.

`os.path.realpath` looks up every component of a path on disk; a handbook's pages share their
folders, so an index of 1,000 pages resolved the same folders 3,000 times. A `RealPaths` lives
as long as one run's view of the disk (an index, a site): a symlink made later is not seen.
"""

from __future__ import annotations

import os


class RealPaths:
    """`os.path.realpath`, each folder resolved once: a file costs one lookup (is it a link?)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        folder, name = os.path.split(os.path.abspath(path))
        if not name:  # the root folder
            return os.path.realpath(folder)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        joined = os.path.join(real, name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined
