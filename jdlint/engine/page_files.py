"""A page read for a run: its bytes and cache key, or only its key for a context page whose
stat the cache recorded (`jdlint.engine.stat_table`), its bytes read later if it must be parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jdlint.engine.stat_table import StatTable
from jdlint.fs.decode import UnreadableFile


@dataclass(frozen=True)
class PageFile:
    """A page as read from disk: its bytes and its cache key."""

    path: str
    data: bytes | None  # None: a context page known by its stat, not read (yet)
    key: str  # cache key ("" without a cache)


def read_page(
    path: str,
    limit: int,
    key_of: Callable[[str, bytes], str],
    stats: StatTable,
    by_stat: bool = False,
) -> PageFile | UnreadableFile:
    """A page's bytes and key; `by_stat` (a context page): only its key when its stat is the
    one the cache recorded. The stat is taken before the bytes are read (see `stat_table`)."""
    from jdlint.fs.decode import read_bytes

    info = stats.stat(path)
    if by_stat:
        key = stats.lookup(path, info)
        if key is not None:
            return PageFile(path, None, key)
    try:
        data = read_bytes(path, limit)
    except UnreadableFile as error:
        return error
    page = PageFile(path, data, key_of(path, data))
    stats.record(path, info, data, page.key)
    return page


def with_bytes(
    page: PageFile, limit: int, key_of: Callable[[str, bytes], str], stats: StatTable
) -> PageFile | None:
    """`page` with its bytes, read now for a page known by its stat (its key then comes from
    the bytes read, never from the stat); None when it can no longer be read. A key other than
    the stat's means the page changed during the run (the caller then stores no handbook
    result: it saw other pages than its key names)."""
    if page.data is not None:
        return page
    read = read_page(page.path, limit, key_of, stats)
    return read if isinstance(read, PageFile) else None
