"""Which files a run checks: directories recursed for pages, explicit files taken as given."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path

from jdlint.errors import ConfigError

PAGE_SUFFIXES = (".md", ".md.erb", ".markdown")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".jdlint_cache", "__pycache__"})


def is_page(name: str) -> bool:
    lower = name.lower()
    if lower.startswith("_") and lower.endswith(".erb"):
        return True  # ERB partials are parsed as fragments
    return lower.endswith(PAGE_SUFFIXES)


def discover(
    paths: Iterable[str], exclude: Iterable[str] = (), base: Path | None = None
) -> list[str]:
    """Files to check, sorted and unique. A missing path is a usage error (exit 2).

    A path that cannot be looked at (inside a folder that cannot be entered) and a folder that
    cannot be listed are returned as they are: reading them gives their JD001 finding.
    """
    patterns = tuple(exclude)
    base = (base or Path.cwd()).resolve()
    found: dict[str, None] = {}
    for raw in paths:
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            if not os.path.islink(raw):
                raise ConfigError(f"{raw}: no such file or directory") from None
            is_dir = False  # a dangling or looping link: reading it says so
        except OSError:
            is_dir = False  # permission denied on the way: reading it says so
        if is_dir:
            root = Path(os.path.realpath(raw))
            for file in _walk(raw, root):
                if not _excluded(file, patterns, base):
                    found[file] = None
        else:
            found[str(Path(raw))] = None  # explicit files are checked whatever their extension
    return sorted(found)


def _walk(top: str, root: Path) -> Iterator[str]:
    """Pages below `top`; symlinks are followed only when they stay inside `root`. A folder
    that cannot be listed is yielded itself (as a page, it becomes a JD001 finding).

    Iterative (a stack, not recursion), so no depth of folders runs out of stack. Real paths
    are worked out from the parent's (one `lstat` per folder) rather than resolved from the
    top for each folder: a handbook has thousands of folders.
    """
    seen: set[str] = set()
    inside = _Inside(root)
    stack = [(str(Path(top)), os.path.realpath(top))]
    while stack:
        directory, real = stack.pop()
        if real in seen or not inside(real):
            continue
        seen.add(real)
        try:
            folders, files = _listing(directory)
        except OSError:
            yield directory
            continue
        for name in files:
            if not is_page(name):
                continue
            full = os.path.join(directory, name)
            if os.path.islink(full) and not inside(os.path.realpath(full)):
                continue
            yield full
        children = []
        for name in folders:
            child = os.path.join(directory, name)
            link = os.path.islink(child)
            children.append((child, os.path.realpath(child) if link else os.path.join(real, name)))
        stack.extend(reversed(children))  # depth first, in name order (as os.walk went)


def _listing(directory: str) -> tuple[list[str], list[str]]:
    """A folder's subfolders (symlinks to folders too, skipped names left out) and other
    entries, each sorted by name."""
    folders: list[str] = []
    files: list[str] = []
    with os.scandir(directory) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIP_DIRS:
                    folders.append(entry.name)
            else:
                files.append(entry.name)
    return sorted(folders), sorted(files)


class _Inside:
    """Whether a real path lies in `root` (itself or below), by comparing strings."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.prefix = self.root.rstrip(os.sep) + os.sep

    def __call__(self, path: str) -> bool:
        return path == self.root or path.startswith(self.prefix)


def _excluded(file: str, patterns: tuple[str, ...], base: Path) -> bool:
    if not patterns:
        return False
    try:
        relative = Path(file).resolve().relative_to(base).as_posix()
    except ValueError:
        relative = Path(file).as_posix()
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch(relative, pattern) or any(fnmatch(part, pattern) for part in parts):
            return True
    return False
