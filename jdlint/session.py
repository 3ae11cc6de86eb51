"""Everything a run needs before the first page is read: settings, rules, the selection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jdlint.config import Settings, find_config, load_settings, with_flags
from jdlint.findings import Severity
from jdlint.registry import Registry, load_registry
from jdlint.rulepacks import load_packs


@dataclass(frozen=True)
class Session:
    settings: Settings
    registry: Registry
    selected: frozenset[str]


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
    settings = load_settings(path)
    settings = with_flags(settings, fail_on=fail_on)
    registry = load_registry(extra=load_packs(settings))
    chosen_select = select if select is not None else settings.select
    chosen_ignore = (*settings.ignore, *(ignore or ()))
    chosen_extend = (*settings.extend_select, *(extend_select or ()))
    selected = registry.selected(chosen_select, chosen_ignore, chosen_extend)
    for code in settings.severity:
        if registry.resolve(code) is None and not registry.is_known(code):
            from jdlint.errors import ConfigError

            raise ConfigError(f"{settings.path}: key 'severity': unknown rule code {code!r}")
    return Session(settings, registry, selected)


def default_registry(anchor: Path | None = None) -> Registry:
    """Built-in rules and rule packs (those of the closest config too), for `rules` and `explain`."""
    path = find_config(anchor or Path.cwd())
    return load_registry(extra=load_packs(load_settings(path)))
