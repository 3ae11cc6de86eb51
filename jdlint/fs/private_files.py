"""Files jdlint keeps for itself (cache entries, the cache secret, word-list copies): where the
user's own live, and how they are opened, never through a symlink and never blocking on a FIFO.
"""

from __future__ import annotations

import os
from pathlib import Path

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
READ_FLAGS = os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
#: Fails on any existing name, symlinks included: a new file, never one reached through a link.
CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_BINARY", 0)


def user_cache_home() -> Path | None:
    """`$XDG_CACHE_HOME`, else the platform's per-user cache folder (None: no home directory)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return Path(configured)
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    try:
        return Path.home() / ".cache"
    except RuntimeError:
        return None
