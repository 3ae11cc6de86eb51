"""Everything a run needs before the first page is read: settings, rules, the selection."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jdlint import __version__
from jdlint.config.settings import (
    Settings,
    find_config,
    load_settings,
    load_settings_from,
    read_config_bytes,
    with_flags,
)
from jdlint.engine.checking import rule_options
from jdlint.engine.libraries import library_stamp
from jdlint.errors import ConfigError
from jdlint.findings import Severity
from jdlint.fs.shipped import packs, schemas
from jdlint.registry import PluginPoint, Registry, load_registry
from jdlint.rulepacks.loader import load_packs


@dataclass(frozen=True)
class Session:
    settings: Settings
    registry: Registry
    selected: frozenset[str]
    config_files: tuple[Path, ...] = ()  # the config file and every file it extends

    def inputs(self) -> tuple[Path, ...] | None:
        """The files and folders the session was built from beyond jdlint's code (config files,
        rule-pack folders, the config schema), or None if a folder is not on the file system
        (a zipped install)."""
        folders = [*pack_folders(self.settings), schemas()]
        if not all(isinstance(folder, Path) for folder in folders):
            return None
        return (*self.config_files, *folders)

    def fingerprint(self) -> str:
        """Everything besides a page's bytes that its findings depend on (the cache's salt)."""
        digest = hashlib.sha256(__version__.encode())
        digest.update(json.dumps(self.settings.to_dict(), sort_keys=True, default=str).encode())
        digest.update(" ".join(sorted(self.selected)).encode())
        digest.update(
            " ".join(f"{r.meta.code}:{r.check.__module__}" for r in self.registry.rules).encode()
        )
        for data in _pack_bytes(self.settings):
            digest.update(hashlib.sha256(data).digest())
        digest.update(library_stamp().encode("utf-8", "surrogateescape"))
        return digest.hexdigest()


def pack_folders(settings: Settings) -> list[Any]:
    """The rule-pack folders in use: the shipped ones and the handbook's own."""
    base = settings.path.parent if settings.path else Path.cwd()
    return [packs(), *(base / entry for entry in settings.rule_packs)]


def _pack_bytes(settings: Settings) -> list[bytes]:
    """The bytes of every rule-pack file in use, shipped and the handbook's own."""
    out: list[bytes] = []
    for folder in pack_folders(settings):
        out.extend(_yaml_files(folder))
    return out


def _yaml_files(folder: Any) -> list[bytes]:
    if not folder.is_dir():
        return []
    out: list[bytes] = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            out.extend(_yaml_files(item))
        elif item.name.endswith((".yml", ".yaml", ".txt")):
            out.append(
                read_config_bytes(item, "rule-pack file")
                if isinstance(item, Path)
                else item.read_bytes()
            )
    return out


def prepare(
    anchor: Path,
    config_path: Path | None = None,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    extend_select: tuple[str, ...] | None = None,
    fail_on: Severity | None = None,
) -> Session:
    """Find and validate the config, merge the flags, load rules, resolve the selection."""
    path = config_path if config_path is not None else find_config(anchor)
    settings, config_files = load_settings_from(path)
    settings = with_flags(settings, fail_on=fail_on)
    return assemble(settings, select, ignore, extend_select, config_files)


def assemble(
    settings: Settings,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    extend_select: tuple[str, ...] | None = None,
    config_files: tuple[Path, ...] = (),
    plugins: Sequence[PluginPoint] | None = None,
) -> Session:
    """Load rules and resolve the selection for settings already read and validated (by
    `prepare`, or by an earlier run whose inputs are unchanged: see `jdlint.engine.fast_start`,
    which also knows the `plugins`' entry points then)."""
    registry = load_registry(extra=load_packs(settings), points=plugins)
    check_config_codes(settings, registry)
    chosen_select = select if select is not None else settings.select
    chosen_ignore = (*settings.ignore, *(ignore or ()))
    chosen_extend = (*settings.extend_select, *(extend_select or ()))
    if settings.pay_transparency:  # the config key is how a handbook switches JD607 on
        chosen_extend = (*chosen_extend, "JD607")
    selected = registry.selected(chosen_select, chosen_ignore, chosen_extend)
    return Session(settings, registry, selected, config_files)


def default_registry(anchor: Path | None = None) -> Registry:
    """Built-in rules and rule packs (those of the closest config too), for `rules` and `explain`."""
    path = find_config(anchor or Path.cwd())
    return load_registry(extra=load_packs(load_settings(path)))


def check_config_codes(settings: Settings, registry: Registry) -> None:
    """Every rule code or name the config file mentions exists; else a one-line error naming
    the file and the key (a typo would otherwise silently select or suppress nothing)."""
    mentioned: list[tuple[str, str]] = [("select", key) for key in settings.select or ()]
    mentioned += [("ignore", key) for key in settings.ignore]
    mentioned += [("extend-select", key) for key in settings.extend_select]
    for pattern, keys in settings.per_file_ignores:
        mentioned += [(f"per-file-ignores.{pattern}", key) for key in keys]
    mentioned += [("severity", key) for key in settings.severity]
    mentioned += [("rules", key) for key in settings.rules]
    for where, key in mentioned:
        if not registry.is_known(key):
            hint = registry.suggestion(key)
            raise ConfigError(
                f"{settings.path}: key {where!r}: unknown rule code or name {key!r}{hint}"
            )
    for item in registry.rules:  # typed options: a typo or a wrong type fails before any page
        if item.meta.code in settings.rules:
            rule_options(settings, item)
