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
    paths: Iterable[str],
    exclude: Iterable[str] = (),
    base: Path | None = None,
    include: Iterable[str] = (),
    force_exclude: bool = False,
) -> list[str]:
    """Files to check, sorted and unique. A missing path is a usage error (exit 2).

    `exclude` (and `include`, when given) filter the pages found in directories; files named
    explicitly are checked as given unless `force_exclude` (ruff's flag: pre-commit names every
    staged file, and the config's excludes must still hold for them).

    A path that cannot be looked at (inside a folder that cannot be entered) and a folder that
    cannot be listed are returned as they are: reading them gives their JD001 finding.
    """
    patterns = tuple(exclude)
    wanted = tuple(include)
    base = (base or Path.cwd()).resolve()
    found: dict[str, None] = {}

    def kept(file: str) -> bool:
        if _matches(file, patterns, base):
            return False
        return not wanted or _matches(file, wanted, base)

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
            for file, _real in _walk(raw, root):
                if kept(file):
                    found[file] = None
        elif not force_exclude or kept(str(Path(raw))):
            found[str(Path(raw))] = None  # explicit files are checked whatever their extension
    return sorted(found)


def pages_below(
    folder: str,
    exclude: Iterable[str] = (),
    base: Path | None = None,
    listed: dict[str, tuple[str, ...]] | None = None,
) -> list[tuple[str, str]]:
    """`discover([folder], exclude, base)` with each page's real path (`os.path.realpath`),
    known from the walk itself: a run that compares the pages of a handbook with the pages it
    checks resolves none of them again. `listed`: filled with the names each folder walked
    holds, by its real path (`file_facts.Listings`: the run's facts need no second listing)."""
    patterns = tuple(exclude)
    base = (base or Path.cwd()).resolve()
    found = {
        file: real
        for file, real in _walk(folder, Path(os.path.realpath(folder)), listed)
        if not _matches(file, patterns, base)
    }
    return sorted(found.items())


def _walk(
    top: str, root: Path, listed: dict[str, tuple[str, ...]] | None = None
) -> Iterator[tuple[str, str]]:
    """Pages below `top`, each with its real path; symlinks are followed only when they stay
    inside `root`. A folder that cannot be listed is yielded itself (as a page, it becomes a
    JD001 finding).

    Iterative (a stack, not recursion), so no depth of folders runs out of stack. Real paths
    are worked out from the parent's (one `lstat` per folder) rather than resolved from the
    top for each folder: a handbook has thousands of folders. Pages are named in normal form
    (`.` gives `a.md`, `a/../b` gives `b/x.md`: one spelling per page), built from `top`'s
    normal form once instead of normalising every page's path; folders are listed and links
    resolved by the path as given, as the system reads it.
    """
    seen: set[str] = set()
    inside = _Inside(root)
    stack = [(str(Path(top)), os.path.normpath(top), os.path.realpath(top))]
    while stack:
        directory, named, real = stack.pop()
        if real in seen or not inside(real):
            continue
        seen.add(real)
        try:
            folders, files, links, names = _listing(directory)
        except OSError:
            yield named, real
            continue
        if listed is not None:
            listed[real] = names
        # `os.path.join(folder, name)` for a plain name, joined once per folder.
        at, real_at = _folder_of(directory), _folder_of(real)
        named_at = "" if named == os.curdir else _folder_of(named)
        for name in files:
            if not is_page(name):
                continue
            if name not in links:
                yield named_at + name, real_at + name
                continue
            real_file = os.path.realpath(at + name)
            if inside(real_file):
                yield named_at + name, real_file
        children = []
        for name in folders:
            child = at + name
            real_child = os.path.realpath(child) if name in links else real_at + name
            children.append((child, named_at + name, real_child))
        stack.extend(reversed(children))  # depth first, in name order (as os.walk went)


def _folder_of(directory: str) -> str:
    """`os.path.join(directory, "")`: the start of the paths of the names it holds."""
    if os.sep == "/" and os.altsep is None and directory:
        return directory if directory.endswith("/") else directory + "/"
    return os.path.join(directory, "")


def _listing(directory: str) -> tuple[list[str], list[str], set[str], tuple[str, ...]]:
    """A folder's subfolders (symlinks to folders too, skipped names left out) and other
    entries, each sorted by name, which of them are symlinks (told by the listing itself: no
    `lstat` per entry), and every name it holds (skipped ones too)."""
    folders: list[str] = []
    files: list[str] = []
    links: set[str] = set()
    names: list[str] = []
    with os.scandir(directory) as entries:
        for entry in entries:
            name = entry.name
            names.append(name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            try:
                if entry.is_symlink():
                    links.add(name)
            except OSError:
                links.add(name)  # resolved and judged by its real path, as a link is
            if is_dir:
                if name not in SKIP_DIRS:
                    folders.append(name)
            else:
                files.append(name)
    return sorted(folders), sorted(files), links, tuple(names)


class _Inside:
    """Whether a real path lies in `root` (itself or below), by comparing strings."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.prefix = self.root.rstrip(os.sep) + os.sep

    def __call__(self, path: str) -> bool:
        return path == self.root or path.startswith(self.prefix)


def _matches(file: str, patterns: tuple[str, ...], base: Path) -> bool:
    """Whether `file` (relative to `base`) or one of its folders matches one of `patterns`."""
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
