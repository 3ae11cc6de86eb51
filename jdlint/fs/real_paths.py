"""Resolved paths of many files of a few folders: each folder resolved once.

`os.path.realpath` looks up every component of a path on disk; a handbook's pages share their
folders, so an index of 1,000 pages resolved the same folders 3,000 times. A folder is resolved
from its parent's real path: one lookup (is it a link?) per folder, not one per component. A `RealPaths` lives
as long as one run's view of the disk (an index, a site): a symlink made later is not seen.
"""

from __future__ import annotations

import os


class RealPaths:
    """`os.path.realpath`, each folder resolved once: a file costs one lookup (is it a link?)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._files: dict[str | os.PathLike[str], str] = {}  # by the path as it was asked

    def __call__(self, path: str | os.PathLike[str]) -> str:
        real = self._files.get(path)
        if real is None:
            folder, name = os.path.split(os.path.abspath(path))
            if not name:  # the root folder
                real = os.path.realpath(folder)
            else:
                real = _resolved(os.path.join(self._folder(folder), name))
            self._files[path] = real
        return real

    def _folder(self, folder: str) -> str:
        real = self._folders.get(folder)
        if real is None:
            parent, name = os.path.split(folder)
            if not name:  # the root folder
                real = os.path.realpath(folder)
            else:
                real = _resolved(os.path.join(self._folder(parent), name))
            self._folders[folder] = real
        return real


def _resolved(joined: str) -> str:
    """The real path of `joined`, whose folder is real already."""
    return os.path.realpath(joined) if os.path.islink(joined) else joined
