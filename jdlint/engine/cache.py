"""Content-hash cache in `.jdlint_cache/`: parsed pages and findings, reused when nothing changed.

Keys hash the file's bytes and path together with a *salt*: jdlint's version, the effective
settings, the selected rules and the rule packs. Change any of them and every key changes.

The folder lies in the checked repository, so a merge request can commit one (SECURITY.md):

- An entry is plain data (`jdlint.engine.cache_data`: JSON, every value's type checked on load), never
  code, and is signed: an HMAC of its kind, key and bytes under a secret kept in the user's
  cache directory (`$XDG_CACHE_HOME/jdlint/secret`, mode 0600), outside the repository. A
  committed entry was signed with another secret (or none) and is a miss; so is an entry
  copied to another key. A secret inside the repository, or reached through a symlink, turns
  the cache off.
- A symlink on the cache path (the folder, its `.gitignore`, a bucket, an entry) turns the cache
  off for the run, with one warning (`Cache.off`); entries are opened without following
  symlinks and only regular files are read, so nothing is read or written elsewhere.
- Anything unreadable, unsigned or of another shape is a miss, never an error. Entries are
  written atomically (temp file + rename), so concurrent runs never see half an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdlint.engine.cache_data import Invalid, Parts, json_pieces, loads
from jdlint.engine.cache_secret import CacheOff, user_secret
from jdlint.engine.limits import gc_paused
from jdlint.engine.page_keys import canonical, path_fact
from jdlint.findings import Finding
from jdlint.fs.private_files import CREATE_FLAGS, NOFOLLOW, READ_FLAGS
from jdlint.fs.site_markdown import page_fact
from jdlint.handbook.file_facts import Facts

if TYPE_CHECKING:
    from jdlint.config.settings import Settings

CACHE_DIR_NAME = ".jdlint_cache"
_FORMAT = b"jdlint-cache-8"  # 3: digests instead of trees, flat text maps; 4: JD604 page data;
# 5: handbook group results say which pages they cover; 6: digests keep the runs and paragraphs
# their checks can report on; 7: file-system facts grouped by question (`file_facts.Facts`);
# 8: parts signed chunk by chunk (`VerifiedParts`)
_HEADER = _FORMAT + b"\n"
_MAC_SIZE = hashlib.sha256().digest_size
#: Larger entries are misses: a committed file of gigabytes is not read into memory.
MAX_ENTRY_BYTES = 256 * 1024 * 1024

#: The entry types the runner and the fast start share: a page's findings; the handbook
#: phase's findings, notes and the file-system facts it depended on (see `jdlint.handbook.file_facts`).
FINDINGS = tuple[Finding, ...]
HANDBOOK = tuple[FINDINGS, tuple[str, ...], Facts]


class Cache:
    """One bucket of the cache (one salt). `off` says why the cache is not used, if it is not
    (then `load` misses and `store` does nothing)."""

    def __init__(
        self,
        directory: Path,
        salt: str,
        secret: bytes | None,
        off: str | None = None,
        root: Path | None = None,
    ) -> None:
        self.directory = directory
        self.root = str(root) if root is not None else None  # page keys are relative to it
        self.salt = hashlib.sha256(_FORMAT + salt.encode("utf-8")).hexdigest()[:16]
        self.bucket = directory / self.salt
        self._bucket = str(self.bucket)  # entries are named often: no Path per entry
        self._secret = secret or b""
        self._ready = False  # the folders exist and were checked (by the first store)
        self.off = off
        if off is None:
            for path in (directory, directory / ".gitignore", self.bucket):
                if os.path.islink(path):
                    self.off = f"{path} is a symlink"
                    break

    def key(
        self,
        path: str,
        data: bytes,
        settings: Settings | None = None,
        folders: frozenset[str] | None = None,
    ) -> str:
        """A page entry's key: its path (relative to the handbook root, however it was typed,
        plus what of the typed spelling its checks read: `page_keys.path_fact`) and bytes, and
        the one fact outside the page that its own checks read (the Markdown engine its site
        declares, asked by JD111 only for pages with a compact `###Heading`), so editing
        `_config.yml` never leaves a stale answer."""
        name = canonical(path, self.root)
        digest = hashlib.sha256(self.salt.encode("ascii"))
        digest.update(os.fsencode(name))
        digest.update(b"\0")
        digest.update(data)
        fact = page_fact(path, data)
        if fact:
            digest.update(f"\0{fact}".encode())
        spelling = path_fact(path, name, settings, folders)
        if spelling:
            digest.update(f"\0\0{spelling}".encode())
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

    def load(self, key: str, kind: str, expected: Any) -> Any | None:
        """The entry, of type `expected`; None on a miss or on anything else (unsigned,
        damaged, foreign, of another shape, not a regular file)."""
        if self.off is not None:
            return None
        data = self._read(os.path.join(self._bucket, f"{key}.{kind}"))
        if data is None or not data.startswith(_HEADER):
            return None
        start = len(_HEADER) + _MAC_SIZE
        layout = _layout(data, start)
        if layout is None:
            return None
        json_end, signed_end = layout
        signed = memoryview(data)[start:signed_end]
        if not hmac.compare_digest(data[len(_HEADER) : start], self._mac(kind, key, (signed,))):
            return None
        parts = None
        if json_end < signed_end:
            parts = VerifiedParts(memoryview(data)[signed_end:], data[json_end + 9 : signed_end])
        try:
            with gc_paused():
                return loads(data[start:json_end], expected, parts)
        except Invalid:
            return None

    def store(self, key: str, kind: str, value: Any, expected: Any) -> None:
        if self.off is not None:
            return
        try:
            pieces, parts = json_pieces(value, expected)
        except Invalid:
            return  # a value the format cannot hold exactly (a YAML set), or a part not vouched for
        if parts:  # NUL, the parts' size and each chunk's digest are signed; the parts follow
            size = sum(map(len, parts))
            pieces += [b"\0", size.to_bytes(8, "big"), *_chunk_digests(parts)]
        temp: str | None = None
        try:
            if not self._ready:
                self._prepare()
                self._ready = self.off is None
            if self.off is not None:
                return
            import tempfile  # only a run that writes entries needs it (fast start)

            fd, temp = tempfile.mkstemp(dir=self.bucket, prefix=".tmp-")  # O_EXCL: a new file
            with os.fdopen(fd, "wb") as handle:
                handle.write(_HEADER + self._mac(kind, key, pieces))
                handle.writelines(pieces)  # never joined: an entry can be 20 MB
                handle.writelines(parts)
            os.replace(temp, self.bucket / f"{key}.{kind}")  # replaces a link, never follows it
        except OSError:  # read-only checkout, full disk: run on without caching
            if temp is not None and os.path.lexists(temp):
                os.unlink(temp)

    def discard(self, key: str, kind: str) -> None:
        """Remove an entry a newer one replaced (a missing one is fine: another run's doing)."""
        if self.off is not None or not key:
            return
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(self._bucket, f"{key}.{kind}"))

    def _mac(self, kind: str, key: str, payload: Iterable[bytes | memoryview]) -> bytes:
        """The entry's MAC, over its kind, its key and its payload (given in pieces)."""
        mac = hmac.new(self._secret, f"{kind}\0{key}\0".encode(), "sha256")
        for piece in payload:
            mac.update(piece)
        return mac.digest()

    def _read(self, path: str) -> bytes | None:
        """A regular file's bytes, opened without following a symlink (one turns the cache
        off) and without blocking on a FIFO."""
        try:
            if not NOFOLLOW and os.path.islink(path):
                raise OSError("symlink")
            fd = os.open(path, READ_FLAGS)
        except FileNotFoundError:
            return None
        except OSError:
            if os.path.islink(path):
                self.off = f"{path} is a symlink"
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                return None
            data = os.read(fd, info.st_size + 1)  # short or long (it changed): the MAC fails
            return data if len(data) == info.st_size else None
        finally:
            os.close(fd)

    def _prepare(self) -> None:
        """The folder, its `.gitignore` and the bucket, created where missing; a symlink on
        the way turns the cache off."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.path.islink(self.directory):
            self.off = f"{self.directory} is a symlink"
            return
        self._gitignore()
        if self.off is None:
            try:
                os.mkdir(self.bucket)
            except FileExistsError:
                if os.path.islink(self.bucket):
                    self.off = f"{self.bucket} is a symlink"

    def _gitignore(self) -> None:
        marker = self.directory / ".gitignore"
        try:
            fd = os.open(marker, CREATE_FLAGS, 0o644)  # fails on any existing name, links too
        except FileExistsError:
            if os.path.islink(marker):
                self.off = f"{marker} is a symlink"
            return
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("# created by jdlint\n*\n")


#: The entry's `Deferred` parts are signed chunk by chunk: the MAC covers the JSON and each
#: chunk's SHA-256, and a chunk is hashed when a part in it is first read. A commit in a
#: 10,000-page handbook reads a few pages' findings of the 9 MB its state's base holds.
CHUNK = 64 * 1024
_DIGEST_SIZE = hashlib.sha256().digest_size


def _chunk_digests(parts: list[bytes]) -> list[bytes]:
    """The SHA-256 of each `CHUNK` bytes of the parts joined (never joined whole)."""
    digests: list[bytes] = []
    chunk = hashlib.sha256()
    filled = 0
    for part in parts:
        view = memoryview(part)
        while view:
            taken = view[: CHUNK - filled]
            chunk.update(taken)
            filled += len(taken)
            view = view[len(taken) :]
            if filled == CHUNK:
                digests.append(chunk.digest())
                chunk, filled = hashlib.sha256(), 0
    if filled:
        digests.append(chunk.digest())
    return digests


def _layout(data: bytes, start: int) -> tuple[int, int] | None:
    """Where an entry's JSON ends and its signed bytes end: the JSON, and if it has parts NUL,
    their size and their chunk digests; the parts follow. None when the sizes do not add up."""
    end = data.find(b"\0", start)
    if end < 0:
        return len(data), len(data)
    size = int.from_bytes(data[end + 1 : end + 9], "big")
    signed_end = end + 9 + -(-size // CHUNK) * _DIGEST_SIZE
    return (end, signed_end) if len(data) == signed_end + size else None


class VerifiedParts(Parts):
    """An entry's parts, each `CHUNK` hashed and compared with its signed digest the first
    time a part in it is read (`Parts.piece`); a chunk that differs is `Invalid` (a miss)."""

    def __init__(self, data: memoryview, digests: bytes) -> None:
        super().__init__(data)
        self._digests = digests
        self._verified: set[int] = set()

    def piece(self, start: int, length: int) -> memoryview:
        first, last = start // CHUNK, (start + length - 1) // CHUNK
        for number in range(first, last + 1) if length else ():
            if number not in self._verified:
                chunk = self.data[number * CHUNK : (number + 1) * CHUNK]
                expected = self._digests[number * _DIGEST_SIZE : (number + 1) * _DIGEST_SIZE]
                if not hmac.compare_digest(hashlib.sha256(chunk).digest(), expected):
                    raise Invalid("a part of the entry is not the one its signature names")
                self._verified.add(number)
        return super().piece(start, length)


def repository_of(start: Path) -> Path:
    """The handbook root of `start`, where its one cache folder lies whatever was checked
    (`.`, a subfolder, one file): the nearest folder at or above `start` with `.git` or a
    config file (`find_config`: `.jdlint.yaml`, `.jdlint.yml`, pyproject.toml with
    `[tool.jdlint]`); else the site root its path shows (`jdlint.handbook.roots`: the folder
    above `content/`, ...); else `start`'s own folder."""
    from jdlint.config.settings import Settings, find_config
    from jdlint.errors import ConfigError
    from jdlint.handbook.roots import handbook_root

    directory = (start if os.path.isdir(start) else start.parent).resolve()
    try:
        config = find_config(directory)
    except ConfigError:  # a config name that is not a file: the run reports it
        config = None
    for candidate in (directory, *directory.parents):
        if os.path.exists(candidate / ".git") or (
            config is not None and config.parent == candidate
        ):
            return candidate
    site = handbook_root(directory, Settings())
    return site.path if site is not None else directory


def cache_dir_for(start: Path) -> Path:
    """The one `.jdlint_cache` of the handbook `start` is in (see `repository_of`)."""
    return repository_of(start) / CACHE_DIR_NAME


def open_cache(anchor: Path, salt: str) -> Cache:
    """The cache for a run: `$JDLINT_CACHE_DIR`, else `.jdlint_cache` found from `anchor`."""
    repository = repository_of(anchor)
    override = os.environ.get("JDLINT_CACHE_DIR")
    directory = Path(override) if override else repository / CACHE_DIR_NAME
    try:
        return Cache(directory, salt, user_secret(repository), root=repository)
    except CacheOff as why:
        return Cache(directory, salt, None, off=str(why), root=repository)
    except OSError as error:  # a user cache directory this user cannot enter, ...
        off = f"cannot use the user cache directory: {error.strerror or error}"
        return Cache(directory, salt, None, off=off, root=repository)
