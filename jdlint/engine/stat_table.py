"""Context pages known by their stat, so a warm run need not read and hash their bytes.

A run that checks one page of a large handbook reads every other page only to find its cached
digest, and reading and hashing the bytes was most of that. As git's index and ruff's cache do,
one cache entry (`stats`) maps each page (its canonical path, `jdlint.engine.page_keys`) to the
(size, mtime_ns, ctime_ns, inode) it had when its bytes were last read and the content key
they gave. A page whose stat is the same is taken to have the same bytes; any other stat falls
back to reading and hashing.

"Racy" pages are never trusted by stat: a page is recorded only when its mtime and ctime are at
least `GRANULARITY_NS` older than the moment this run started stat'ing (the same test git makes
against its index's timestamp). A page rewritten later, with the same size within one tick of
a coarse file-system clock, could keep its mtime; it is then not in the table, so its bytes are
hashed. The stat is taken before the bytes are read, so a write between the two gives a stat
that no later lookup matches. ctime cannot be set back by `touch -d`, so a page restored to an
old mtime is a miss too.
"""

from __future__ import annotations

import os
import stat
import time
from typing import TYPE_CHECKING

from jdlint.engine.page_keys import canonical, path_fact
from jdlint.fs.site_markdown import page_fact

if TYPE_CHECKING:
    from jdlint.config.settings import Settings
    from jdlint.engine.cache import Cache

#: (size, mtime_ns, ctime_ns, inode, content key) of one page.
StatEntry = tuple[int, int, int, int, str]
STATS = dict[str, StatEntry]
#: A stat this close to the run's start is not trusted (FAT's 2 s clock is the coarsest).
GRANULARITY_NS = 2_000_000_000
_KEY = "stat-table"
# The clock and the stat call, named once (a test stands in a coarse file-system clock).
_now = time.time_ns
_stat = os.stat
_KIND = "stats"


class StatTable:
    """The stat entry of one cache bucket: `lookup` before reading a page, `record` after,
    `save` once at the end of the run (only when something changed)."""

    def __init__(
        self,
        cache: Cache | None,
        settings: Settings | None,
        folders: frozenset[str] | None = None,
    ) -> None:
        self._cache = cache if cache is not None and cache.off is None else None
        self._settings = settings
        self._folders = folders
        self._since = _now()  # before any page of this run is stat'ed
        loaded = self._cache.load(_KEY, _KIND, STATS) if self._cache else None
        self._entries: dict[str, StatEntry] = dict(loaded or {})
        self._changed = False

    def stat(self, path: str) -> os.stat_result | None:
        """The stat of a regular file to record after reading it (None: nothing to record)."""
        if self._cache is None:
            return None
        try:
            info = _stat(path)
        except (OSError, ValueError):
            return None
        return info if stat.S_ISREG(info.st_mode) else None

    def lookup(self, path: str, info: os.stat_result | None) -> str | None:
        """The content key of `path` if its stat `info` is the one recorded, else None."""
        if info is None:
            return None
        entry = self._entries.get(self._name(path))
        if entry is None or entry[:4] != _fields(info):
            return None
        return entry[4]

    def record(self, path: str, info: os.stat_result | None, data: bytes, key: str) -> None:
        """Remember the key `data` gave, under the stat `path` had before `data` was read,
        unless that stat is too recent to be trusted (or the key also depends on a file other
        than the page: `page_fact`)."""
        if info is None or not key:
            return
        newest = max(info.st_mtime_ns, info.st_ctime_ns)
        if newest + GRANULARITY_NS > self._since or page_fact(path, data):
            return
        name = self._name(path)
        entry = (*_fields(info), key)
        if self._entries.get(name) != entry:
            self._entries[name] = entry
            self._changed = True

    def save(self) -> None:
        if self._cache is not None and self._changed:
            self._cache.store(_KEY, _KIND, self._entries, STATS)
            self._changed = False

    def _name(self, path: str) -> str:
        assert self._cache is not None
        name = canonical(path, self._cache.root)
        return f"{name}\0{path_fact(path, name, self._settings, self._folders)}"


def _fields(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
