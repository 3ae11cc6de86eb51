"""Content-hash cache in `.jdlint_cache/`: parsed pages and findings, reused when nothing changed.

Keys hash the file's bytes and path together with a *salt*: jdlint's version, the effective
settings, the selected rules and the rule packs. Change any of them and every key changes.
Entries are written atomically (temp file + rename), so concurrent runs never see half an
entry; anything unreadable is treated as a miss and rebuilt, never as an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CACHE_DIR_NAME = ".jdlint_cache"
_FORMAT = b"jdlint-cache-1"


class Cache:
    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = hashlib.sha256(_FORMAT + salt.encode("utf-8")).hexdigest()[:16]
        self.bucket = directory / self.salt

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode("ascii"))
        digest.update(os.fsencode(path))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def handbook_key(
        self, checked: Iterable[tuple[str, str]], context: Iterable[tuple[str, str]]
    ) -> str:
        """The key of a handbook phase's result: the (path, key) of every page it saw, checked
        pages and context pages apart (one recipe for the runner and the fast start)."""
        digest = hashlib.sha256()
        for marker, pages in (("checked", checked), ("context", context)):
            for path, key in sorted(pages, key=lambda page: page[0]):
                digest.update(f"{marker}\0{path}\0{key}\n".encode())
        return digest.hexdigest()

    def load(self, key: str, kind: str) -> Any | None:
        """The entry, or None on a miss or on anything unreadable (corrupt, foreign, old)."""
        try:
            with open(self.bucket / f"{key}.{kind}", "rb") as handle:
                header = handle.read(len(_FORMAT))
                if header != _FORMAT:
                    return None
                return pickle.load(handle)
        except Exception:  # a damaged cache must never stop a run
            return None

    def store(self, key: str, kind: str, value: Any) -> None:
        import tempfile  # only a run that writes entries needs it (fast start)

        temp: str | None = None
        try:
            self.bucket.mkdir(parents=True, exist_ok=True)
            _write_gitignore(self.directory)
            fd, temp = tempfile.mkstemp(dir=self.bucket, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_FORMAT)
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.bucket / f"{key}.{kind}")
        except Exception:  # read-only checkout, full disk: run on without caching
            if temp is not None and os.path.exists(temp):
                os.unlink(temp)


def _write_gitignore(directory: Path) -> None:
    marker = directory / ".gitignore"
    if not marker.exists():
        marker.write_text("# created by jdlint\n*\n", encoding="utf-8")


def cache_dir_for(start: Path) -> Path:
    """`.jdlint_cache` beside the config file or at the repository root, else in `start`."""
    directory = (start if start.is_dir() else start.parent).resolve()
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists() or (candidate / ".jdlint.yaml").exists():
            return candidate / CACHE_DIR_NAME
    return directory / CACHE_DIR_NAME


def open_cache(anchor: Path, salt: str) -> Cache:
    """The cache for a run: `$JDLINT_CACHE_DIR`, else `.jdlint_cache` found from `anchor`."""
    override = os.environ.get("JDLINT_CACHE_DIR")
    directory = Path(override) if override else cache_dir_for(anchor)
    return Cache(directory, salt)
