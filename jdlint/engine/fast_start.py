"""Fast start: a warm run on unchanged pages reports from the cache without loading any rule.

Before a normal run can name a cache entry it imports every check, loads the YAML rule packs,
validates the config against its schema and builds the registry: the session's fingerprint (the
cache's salt) hashes all of them. That costs several times the run itself when one page is
checked from a warm cache. So a run records the session it built (its fingerprint, settings,
rule metadata and whether handbook checks run) under a *launch key*, which hashes what the
session is made of that can be read without importing any rule:

- jdlint's version and the size and time of each of its modules (how Python itself decides
  whether compiled code is stale), the Python that runs it and its module search path;
- the working directory, the config file found (its path and bytes) and the flags that change
  the session (config, select, ignore, extend-select, fail-on);
- every installed distribution's entry-point file (plugins are `jdlint.checks` entry points):
  its name (which carries the version) and the size and time of its `entry_points.txt`.

What the key cannot cover is listed in the entry with digests and compared on every use: the
config files the found one `extend`s, every rule-pack folder in use (shipped and the
handbook's own) and the config schema, whose files are hashed by name and bytes so an added
file is seen too. Any difference, an unreadable or foreign entry, or one page whose findings
are not cached falls back to the normal path, which gives the same results (tests compare
both). A hit whose pages are not all cached still saves the normal path reading and
validating the config again. The entry is plain data read back type by type (`jdlint.engine.cache`),
like every other entry: a committed one is never trusted.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

from jdlint import __version__
from jdlint.config.settings import Settings, find_config, read_config_bytes
from jdlint.engine.cache import FINDINGS, HANDBOOK, Cache, open_cache
from jdlint.engine.page_keys import respelled_findings
from jdlint.errors import ConfigError
from jdlint.findings import Finding
from jdlint.fs.decode import UnreadableFile, read_bytes
from jdlint.handbook.file_facts import still_hold
from jdlint.rules import RuleMeta  # a type of the entry: light (no rule is loaded)

#: The cache bucket of launch entries (they are looked up before any session salt is known).
LAUNCH_SALT = "launch-5"  # 4: the shipped job-family folder names; 5: the plugins' entry points
_KIND = "launch"
_DATA_SUFFIXES = (".yml", ".yaml", ".txt", ".json")
_METADATA = (".dist-info", ".egg-info")


@dataclass(frozen=True)
class Launch:
    """What the fast path needs of a session, as the normal path built it."""

    salt: str  # Session.fingerprint(): the salt of every page and handbook cache entry
    settings: Settings
    rules: dict[str, RuleMeta]  # the registry's metadata, for reporters
    handbook: bool  # handbook-scope checks are selected
    inputs: tuple[tuple[str, str], ...]  # (path, digest) of config files and data folders
    # The shipped job-family folder names, for page keys (`page_keys.path_fact`) without YAML.
    job_folders: tuple[str, ...] = ()
    # The plugins' entry points (name, object reference): the key covers every installed
    # distribution's entry points, so a run that checks pages loads them without
    # `importlib.metadata` (`registry.plugin_points`).
    plugins: tuple[tuple[str, str], ...] = ()

    def is_current(self) -> bool:
        return all(_digest(Path(path)) == digest for path, digest in self.inputs)


@dataclass(frozen=True)
class Starter:
    """The launch entry of this command line: load it, or record the session a run built."""

    cache: Cache
    key: str

    def load(self) -> Launch | None:
        entry = self.cache.load(self.key, _KIND, Launch)  # None: a miss, or a damaged entry
        try:
            return entry if entry is not None and entry.is_current() else None
        except (OSError, ConfigError):  # an input that cannot be read any more
            return None

    def save(
        self,
        salt: str,
        settings: Settings,
        rules: dict[str, RuleMeta],
        handbook: bool,
        inputs: Sequence[Path],
        plugins: Sequence[tuple[str, str]] = (),
    ) -> None:
        recorded = tuple((str(path), _digest(path)) for path in inputs)
        from jdlint.domain.page_kind import job_folders

        folders = tuple(sorted(job_folders()))
        entry = Launch(salt, settings, dict(rules), handbook, recorded, folders, tuple(plugins))
        self.cache.store(self.key, _KIND, entry, Launch)


def open_starter(anchor: Path, config_path: Path | None, flags: Sequence[Any]) -> Starter | None:
    """The launch key of a command line, or None when it cannot be computed cheaply and safely
    (a config file that cannot be read, an import system that could hide plugins from us)."""
    try:
        config = config_path if config_path is not None else find_config(anchor)
        config_bytes = read_config_bytes(config) if config is not None else b""
        cwd = os.getcwd()
    except (OSError, ConfigError):
        return None  # the normal path reports the problem
    plugins = _distributions()
    if plugins is None:
        return None
    digest = hashlib.sha256(LAUNCH_SALT.encode())
    parts = (__version__, sys.version, sys.prefix, cwd, *sys.path, str(config), repr(flags))
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(hashlib.sha256(config_bytes).digest())
    digest.update(plugins)
    digest.update(_code(Path(__file__).parent.parent))
    return Starter(open_cache(anchor, LAUNCH_SALT), digest.hexdigest())


class Miss(Exception):
    """Something is not cached: the run has to check pages."""


def cached_run(
    launch: Launch, files: list[str], cache: Cache, searched: Iterable[str] = ()
) -> tuple[list[Finding], list[str]]:
    """Every finding of a run and its notes, straight from the cache, in the order `jdlint.engine.run.run`
    gives them; raises `Miss` when any page or the handbook has to be checked. `searched`:
    the folders `files` were discovered in (`context_paths`)."""
    settings = launch.settings
    limit = settings.max_file_size
    folders = frozenset(launch.job_folders)
    keys: dict[str, str] = {}
    found_in: dict[str, tuple[Finding, ...]] = {}
    from jdlint.engine.stat_table import StatTable

    def take(path: str, key: str) -> None:
        found = respelled_findings(cache.load(key, "findings", FINDINGS), path)
        if found is None:
            raise Miss
        keys[path], found_in[path] = key, found

    # The page edited last is the likeliest miss: read and asked first, a run after an edit
    # falls through at once instead of after reading every page and half their findings. It
    # is keyed by its bytes, so a commit misses before the table of every page's stat is read.
    ordered = sorted(files, key=lambda name: -_modified(name))
    if ordered:
        take(ordered[0], cache.key(ordered[0], _read(ordered[0], limit), settings, folders))
    stats = StatTable(cache, settings, folders)  # pages by stat, as the full run keeps them
    for path in ordered[1:]:
        if path not in keys:
            info = stats.stat(path)
            key = stats.lookup(path, info)
            if key is None:
                data = _read(path, limit)
                key = cache.key(path, data, settings, folders)
                stats.record(path, info, data, key)
            take(path, key)
    checked = [(path, keys[path]) for path in files]
    findings = [finding for path in files for finding in found_in[path]]
    context: list[tuple[str, str]] = []
    listed: dict[str, tuple[str, ...]] = {}  # the folders the walk listed, for the facts
    if launch.handbook and files:
        from jdlint.handbook.context import context_paths

        for path in context_paths(files, settings, searched, listed):
            info = stats.stat(path)
            known = stats.lookup(path, info)
            if known is None:
                try:
                    data = read_bytes(path, limit)
                except UnreadableFile:
                    continue  # the normal path leaves unreadable context pages out too
                known = cache.key(path, data, settings, folders)
                stats.record(path, info, data, known)
            context.append((path, known))
    stats.save()
    handbook = cache.load(cache.handbook_key(checked, context), "handbook", HANDBOOK)
    if launch.handbook and (handbook is None or not still_hold(handbook[2], listed)):
        raise Miss
    found_hb, notes, _facts = handbook or ((), (), ())
    findings.extend(found_hb)
    findings.sort(key=Finding.sort_key)
    return findings, list(notes)


def _modified(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _read(path: str, limit: int) -> bytes:
    try:
        return read_bytes(path, limit)
    except UnreadableFile:
        raise Miss from None  # its JD001 finding comes from the engine


def _distributions() -> bytes | None:
    """A stamp of every distribution importlib.metadata can see (and so of every plugin), or
    None if an import hook we do not know could add distributions of its own."""
    if any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return None
    stamp = hashlib.sha256()
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as listing:
                names = sorted(item.name for item in listing if item.name.endswith(_METADATA))
        except NotADirectoryError:
            names = []
            stamp.update(f"{folder}\0{_stat(folder)}\n".encode("utf-8", "surrogateescape"))
        except OSError:
            continue
        for name in names:
            points = _stat(os.path.join(folder, name, "entry_points.txt"))
            stamp.update(f"{folder}\0{name}\0{points}\n".encode("utf-8", "surrogateescape"))
    return stamp.digest()


def _code(package: Path) -> bytes:
    """jdlint's modules by name, size and time: an edit made without a new version (a checkout,
    an editable install) may add or change rules, which the session's fingerprint would see."""
    out: list[str] = []
    for directory, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        out.extend(f"{directory}/{n}:{_stat(os.path.join(directory, n))}" for n in filenames)
    return "\n".join(sorted(out)).encode("utf-8", "surrogateescape")


def _stat(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _digest(path: Path) -> str:
    """A config file's bytes, or a data folder's files (names and bytes, recursively)."""
    digest = hashlib.sha256()
    if path.is_file():
        digest.update(read_config_bytes(path))
    elif path.is_dir():
        for name, data in _pack_files(path, ""):
            digest.update(f"{name}\0".encode("utf-8", "surrogateescape"))
            digest.update(hashlib.sha256(data).digest())
    else:
        digest.update(b"missing")
    return digest.hexdigest()


def _pack_files(folder: Path, prefix: str) -> list[tuple[str, bytes]]:
    """A folder's data files (rule packs, schemas) by name: a superset of what the session
    hashes into its fingerprint."""
    out: list[tuple[str, bytes]] = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            out.extend(_pack_files(item, f"{prefix}{item.name}/"))
        elif item.name.endswith(_DATA_SUFFIXES):
            out.append((prefix + item.name, read_config_bytes(item, "rule-pack file")))
    return out
