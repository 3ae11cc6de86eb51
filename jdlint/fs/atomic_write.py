"""Atomic writes that never lose data: temp file beside the target, same mode, then rename."""

from __future__ import annotations

import os
import stat
import tempfile


class ChangedOnDisk(Exception):
    """The file changed since it was read; writing would lose someone's edit."""


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace `path` with `data`, unless its current bytes are no longer `expected`."""
    with open(path, "rb") as handle:
        if handle.read() != expected:
            raise ChangedOnDisk(path)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    directory = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".jdlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
