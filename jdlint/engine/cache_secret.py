"""The user's cache secret: the key that signs every cache entry (`jdlint.engine.cache`).

It lives in the user's cache directory (`$XDG_CACHE_HOME/jdlint/secret`, mode 0600), outside the
checked repository, so an entry committed to a repository (signed with another secret) is a miss.
Kept apart from the cache's entries so each module has one job.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jdlint.fs.private_files import CREATE_FLAGS, READ_FLAGS, user_cache_home

SECRET_SIZE = 32


class CacheOff(Exception):
    """Why this run cannot use the cache safely; reported once as a warning."""


def user_secret(repository: Path) -> bytes:
    """The user's cache secret, created on first use; `CacheOff` when it cannot be trusted."""
    home = user_cache_home()
    if home is None:
        raise CacheOff("no user cache directory (set XDG_CACHE_HOME)")
    folder = home / "jdlint"
    real, top = os.path.realpath(folder), os.path.realpath(repository)
    if real == top or real.startswith(top.rstrip(os.sep) + os.sep):
        raise CacheOff(f"the user cache directory {folder} is inside the repository")
    path = folder / "secret"
    for _attempt in range(2):
        try:
            return _read_secret(path)
        except FileNotFoundError:
            _create_secret(folder, path)
    raise CacheOff(f"cannot read {path}")


def _read_secret(path: Path) -> bytes:
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as error:
        reason = "is a symlink" if os.path.islink(path) else f"cannot be read: {error.strerror}"
        raise CacheOff(f"{path} {reason}") from None
    with open(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size != SECRET_SIZE:
            raise CacheOff(f"{path} is not a {SECRET_SIZE}-byte file")
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            raise CacheOff(f"{path} is not private to this user (owner and mode 0600)")
        return handle.read(SECRET_SIZE)


def _create_secret(folder: Path, path: Path) -> None:
    """A new random secret, published whole: written to a temporary name, then linked to
    `path` (two runs starting at once both end up with the one that was linked first)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = folder / f".secret-{os.getpid()}-{os.urandom(4).hex()}"
        fd = os.open(temp, CREATE_FLAGS, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(SECRET_SIZE))
            try:
                os.link(temp, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not os.path.lexists(path):
                    os.replace(temp, path)
        finally:
            if os.path.lexists(temp):
                os.unlink(temp)
    except OSError as error:
        raise CacheOff(f"cannot create {path}: {error.strerror or error}") from None
