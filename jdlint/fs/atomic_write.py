"""The one way jdlint writes a file: fixed pages, baselines, reports and exports.

A write never loses data and never lands where it should not:

- atomic: a temp file beside the target, fsynced, renamed over it (then the folder fsynced),
  so a full disk, a crash or a second run leaves the old file or the new one, never half of one;
- a page is replaced only if its bytes are still the ones that were fixed (checked under a
  lock on its folder, which two jdlint runs share);
- a symlink is kept and written through when its target lies inside the repository, and
  refused otherwise (a checked repository may commit `report.json -> ~/.bashrc`);
- read-only files are not rewritten, mode and owner are kept, and a hard-linked file is
  refused: replacing one of its names would split the link, and writing in place would give
  up atomicity. jdlint keeps atomicity and says why it left the file alone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no folder locks; the byte comparison still guards edits
    fcntl = None  # type: ignore[assignment]


class NotWritten(Exception):
    """Why a file was left as it was (one line, for a warning or an error)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ChangedOnDisk(NotWritten):
    """The file changed since it was read; writing would lose someone's edit."""

    def __init__(self, path: str) -> None:
        super().__init__("changed on disk while fixing")
        self.path = path


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    expected: bytes | None = None,
    root: Path | None = None,
) -> None:
    """Replace (or create) `path` with `data`; with `expected`, only if it still holds those
    bytes. `root` is the folder a symlink may point into (default: the path's repository).

    Raises NotWritten for a file the rules above leave alone, OSError when writing fails.
    """
    target, info = _target(os.fspath(path), root)
    if info is None and expected is not None:
        raise ChangedOnDisk(target)
    if info is not None:
        _writable(target, info)
    folder = os.path.dirname(os.path.abspath(target))
    with _locked(folder) as folder_fd:
        if expected is not None and _current(target) != expected:
            raise ChangedOnDisk(target)
        fd, temp = tempfile.mkstemp(prefix=".jdlint-", suffix=".tmp", dir=folder)
        try:
            try:
                _keep_owner(fd, info)
                _write_all(fd, data)
                os.fsync(fd)
                os.fchmod(fd, stat.S_IMODE(info.st_mode) if info else _default_mode())
            finally:
                os.close(fd)
            os.replace(temp, target)
        except BaseException:
            if os.path.lexists(temp):
                os.unlink(temp)
            raise
        if folder_fd is not None:
            _fsync_folder(folder_fd)


def refusal(path: str | os.PathLike[str], root: Path | None = None) -> str | None:
    """Why `write_atomic` would leave `path` alone (a link out of the repository, read-only,
    hard links...), or None: what `--diff` says of a file `--fix` would not rewrite."""
    try:
        target, info = _target(os.fspath(path), root)
        if info is not None:
            _writable(target, info)
    except NotWritten as error:
        return error.reason
    return None


def _target(path: str, root: Path | None) -> tuple[str, os.stat_result | None]:
    """The file to replace (a symlink's target inside the repository) and its status."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path, None
    if not stat.S_ISLNK(info.st_mode):
        return path, info
    real = os.path.realpath(path)
    base = (root or _repository(path)).resolve()
    if not Path(real).is_relative_to(base):
        raise NotWritten("is a symlink to a file outside the repository")
    try:
        return real, os.lstat(real)
    except FileNotFoundError:
        return real, None


def _repository(path: str) -> Path:
    """The repository a path lies in: the closest folder above it with `.git`, else its own
    folder (outside a repository a link may only point to files beside or below it)."""
    from jdlint.fs.repo_paths import repo_root

    return repo_root(Path(os.path.abspath(path)).parent)


def _writable(path: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise NotWritten("is not a regular file")
    if info.st_mode & 0o222 == 0 or not os.access(path, os.W_OK):
        raise NotWritten("is read-only")
    if info.st_nlink > 1:
        raise NotWritten(f"has {info.st_nlink} hard links; rewriting would split them")


def _current(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _keep_owner(fd: int, info: os.stat_result | None) -> None:
    """Give the temp file the owner and group of the file it replaces."""
    if info is None or not hasattr(os, "fchown"):
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        raise NotWritten("owned by another user; replacing it would change its owner") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _default_mode() -> int:
    """What `open(path, "w")` would give a new file: 0o666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


class _locked:
    """An exclusive lock on a folder (None where folders cannot be opened or locked)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.fd: int | None = None

    def __enter__(self) -> int | None:
        if fcntl is None:
            return None
        try:
            self.fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError:
            self.__exit__()
        return self.fd

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = None


def _fsync_folder(fd: int) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder (fine)."""
    with contextlib.suppress(OSError):
        os.fsync(fd)
