"""Which files a run checks: directories recursed for pages, explicit files taken as given."""

from __future__ import annotations

import os
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
    """Files to check, sorted and unique. A missing path is a usage error (exit 2)."""
    patterns = tuple(exclude)
    base = (base or Path.cwd()).resolve()
    found: dict[str, None] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise ConfigError(f"{raw}: no such file or directory")
        if path.is_dir():
            root = path.resolve()
            for file in _walk(path, root):
                if not _excluded(file, patterns, base):
                    found[file] = None
        else:
            found[str(path)] = None  # explicit files are checked whatever their extension
    return sorted(found)


def _walk(top: Path, root: Path) -> Iterator[str]:
    """Pages below `top`; symlinks are followed only when they stay inside `root`.

    Real paths are worked out from the parent's (one `lstat` per folder) rather than resolved
    from the top for each folder: a handbook has thousands of folders.
    """
    seen: set[str] = set()
    inside = _Inside(root)
    real_of = {str(top): os.path.realpath(top)}
    for directory, dirnames, filenames in os.walk(top, followlinks=True):
        real = real_of.pop(directory)
        if real in seen or not inside(real):
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in dirnames:
            child = os.path.join(directory, name)
            link = os.path.islink(child)
            real_of[child] = os.path.realpath(child) if link else os.path.join(real, name)
        for name in sorted(filenames):
            if not is_page(name):
                continue
            full = os.path.join(directory, name)
            if os.path.islink(full) and not inside(os.path.realpath(full)):
                continue
            yield full


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
