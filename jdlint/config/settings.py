"""Configuration: discovery upward from the checked paths, reading (the `extend` chain,
pyproject), building `Settings` and merging command-line flags.

`.jdlint.yaml` (or `.jdlint.yml`, or `[tool.jdlint]` in pyproject.toml) is validated against
`schemas/config.schema.json` (`jdlint.config.validation`); an error names the file, the line,
the key path and what was expected, and ends the run with exit code 2 before any page is read.
The module is still over 300 lines: `Settings` and the reader of each key form one unit.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdlint.config.validation import line_of, short_value, validate
from jdlint.errors import ConfigError
from jdlint.findings import Severity

if TYPE_CHECKING:  # YAML, the schema and the rules load only when a config is read (fast start)
    import yaml

    from jdlint.rules import RuleMeta

CONFIG_NAMES = (".jdlint.yaml", ".jdlint.yml")
DEFAULT_REQUIRED_SECTIONS = ("Responsibilities", "Requirements")
DEFAULT_PRIVATE_HOSTS = ("docs.google.com", "drive.google.com")
MAX_CONFIG_BYTES = 1024 * 1024
MAX_CONFIG_VALUES = 100_000  # far above any real config; refuses YAML alias bombs
MAX_EXTEND_DEPTH = 16  # configs a config may extend, one through another


@dataclass(frozen=True)
class Settings:
    """The effective configuration of a run (config file merged with command-line flags)."""

    path: Path | None = None  # the config file, if any
    root: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    # Globs a discovered page must match to be checked (ruff's `include`); empty: every page.
    include: tuple[str, ...] = ()
    # `exclude` and `include` apply to paths named on the command line too (pre-commit).
    force_exclude: bool = False
    # Globs of pages that are job descriptions whatever they look like (domain/page_kind.py).
    job_pages: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    required_sections: tuple[str, ...] = DEFAULT_REQUIRED_SECTIONS
    family_sections: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    private_hosts: tuple[str, ...] = DEFAULT_PRIVATE_HOSTS
    max_file_size: int = 10 * 1024 * 1024
    max_file_seconds: float = 20.0  # parse and check of one page; 0 turns the limit off
    site: Mapping[str, Any] = field(default_factory=dict)
    boilerplate: Mapping[str, Any] = field(default_factory=dict)
    titles: Mapping[str, Any] = field(default_factory=dict)
    sections: Mapping[str, Any] = field(default_factory=dict)  # over rules/sections.yml
    grades: Mapping[str, Any] = field(default_factory=dict)  # grade notations (rules/grades.yml)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # `pay-transparency` entries (one or a list in the file): JD607 runs when any is given.
    pay_transparency: tuple[Mapping[str, Any], ...] = ()

    def severity_for(self, meta: RuleMeta) -> Severity:
        level = self.severity.get(meta.code)
        return Severity.parse(level) if level else meta.severity

    def rule_options(self, code: str) -> Mapping[str, Any]:
        return self.rules.get(code, {})

    def ignored_in(self, path: str) -> tuple[str, ...]:
        """Codes that per-file-ignores switch off for `path`."""
        if not self.per_file_ignores:
            return ()  # asked for every page: no path to resolve when nothing is configured
        base = self.path.parent if self.path else Path.cwd()
        try:
            relative = Path(path).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = Path(path).as_posix()
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores:
            if fnmatch(relative, pattern) or fnmatch(Path(path).name, pattern):
                codes.extend(ignored)
        return tuple(codes)

    def to_dict(self) -> dict[str, Any]:
        """The effective settings as config keys, for `--show-settings`."""
        return {
            "config-file": str(self.path) if self.path else None,
            "root": str(self.root) if self.root else None,
            "select": list(self.select) if self.select is not None else None,
            "ignore": list(self.ignore),
            "extend-select": list(self.extend_select),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores},
            "exclude": list(self.exclude),
            "include": list(self.include),
            "force-exclude": self.force_exclude,
            "job-pages": list(self.job_pages),
            "severity": dict(self.severity),
            "fail-on": str(self.fail_on),
            "required-sections": list(self.required_sections),
            "family-sections": list(self.family_sections),
            "rule-packs": list(self.rule_packs),
            "private-hosts": list(self.private_hosts),
            "max-file-size": self.max_file_size,
            "max-file-seconds": self.max_file_seconds,
            "site": dict(self.site),
            "boilerplate": dict(self.boilerplate),
            "titles": dict(self.titles),
            "sections": dict(self.sections),
            "grades": dict(self.grades),
            "rules": {k: dict(v) for k, v in self.rules.items()},
            "pay-transparency": [dict(entry) for entry in self.pay_transparency],
        }


# -- discovery ---------------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The closest config file at or above `start`. A config name that is not a regular file
    (a named pipe, a folder) is an error, not skipped: it would otherwise hide the config
    above it, or block the run that reads it."""
    directory = start if os.path.isdir(start) else start.parent
    directory = Path(os.path.realpath(directory))
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if _regular(candidate):
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if _regular(pyproject) and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _regular(path: Path) -> bool:
    """Whether `path` is a regular file (following links); ConfigError if it is another kind."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if stat.S_ISREG(mode):
        return True
    raise ConfigError(f"{path}: config file is not a regular file")


def read_config_bytes(path: Path, what: str = "config", limit: int = MAX_CONFIG_BYTES) -> bytes:
    """A config, pack or baseline file's bytes (see `reading.read_bytes`), or a ConfigError."""
    from jdlint.fs.decode import UnreadableFile, read_bytes

    try:
        return read_bytes(str(path), limit)
    except UnreadableFile as error:
        if error.reason.startswith("larger than"):
            raise ConfigError(
                f"{path}: {what} file is larger than {limit // 1024**2} MiB"
            ) from None
        raise ConfigError(f"{path}: cannot read {what}: {error.reason}") from None


def load_settings(config_path: Path | None) -> Settings:
    return load_settings_from(config_path)[0]


def load_settings_from(config_path: Path | None) -> tuple[Settings, tuple[Path, ...]]:
    """The settings and every config file they were read from (the file and what it extends)."""
    if config_path is None:
        return Settings(), ()
    read: list[Path] = []
    data = _load_with_extends(config_path, read)
    return _settings_from(data, config_path), tuple(read)


def settings_from_mapping(data: Mapping[str, Any], origin: Path) -> Settings:
    """Settings from config keys given as data (rule cases, embedding tools), validated as a
    config file's keys would be; `origin` names them in errors."""
    validate(dict(data), origin, None)
    return _settings_from(data, origin)


def _load_with_extends(path: Path, read: list[Path]) -> dict[str, Any]:
    """The config at `path` merged over the chain it extends (iterative; depth capped)."""
    chain: list[dict[str, Any]] = []  # the file first, then what it extends, and so on
    seen: list[Path] = []
    current = path
    while True:
        resolved = _resolved(current, str(current))
        if resolved in seen:
            cycle = " -> ".join(str(p) for p in (*seen, resolved))
            raise ConfigError(f"{path}: 'extend' makes a cycle: {cycle}")
        seen.append(resolved)
        read.append(resolved)
        data, node = _read_config(current)
        parent = data.pop("extend", None)
        chain.append(data)
        if parent is None:
            break
        where = f"{current}:{line_of(node, ['extend']) or 1}: key 'extend'"
        if len(chain) > MAX_EXTEND_DEPTH:
            raise ConfigError(
                f"{where}: configs extend one another more than {MAX_EXTEND_DEPTH} levels deep"
            )
        parent_path = _resolved(current.parent / parent, where)
        if not os.path.isfile(parent_path):
            raise ConfigError(f"{current}: key 'extend': no config file at {parent_path}")
        current = InRepository(current)("extend", parent_path)
    merged: dict[str, Any] = {}
    for data in reversed(chain):
        merged.update(data)  # per-key merge: the child's keys win
    return merged


def _resolved(path: Path, where: str) -> Path:
    """`path` with its symlinks resolved; a loop of links is a config error, not a crash."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: Python < 3.13's symlink loop
        raise ConfigError(f"{where}: cannot resolve {path}: {error}") from error


def _read_config(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    import yaml

    from jdlint.config.yaml_loader import YAMLBounds, duplicate_key, load_bounded, problem

    if not os.path.lexists(path):
        raise ConfigError(f"{path}: config file not found")
    if os.path.isdir(path):
        raise ConfigError(f"{path}: is a folder, not a config file")
    raw = read_config_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from error
    if path.name == "pyproject.toml":
        section = _pyproject_section(path, text)
        data: Any = section if section is not None else {}
        validate(data, path, None)
        return dict(data), None
    try:
        bounds = YAMLBounds(max_bytes=MAX_CONFIG_BYTES, max_values=MAX_CONFIG_VALUES)
        data, node = load_bounded(text, bounds)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {problem(error)}") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from error
    if data is None:
        return {}, node
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}:1:1: expected a mapping of config keys, got {type(data).__name__}"
        )
    duplicate = duplicate_key(node)
    if duplicate is not None:
        raise ConfigError(f"{path}:{duplicate[1]}: key {duplicate[0]!r} is given twice")
    validate(data, path, node)
    return data, node


def _pyproject_section(path: Path, text: str | None = None) -> dict[str, Any] | None:
    """`[tool.jdlint]`, or None when the file has none; `tool` that is not a table is an error."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    if text is None:
        try:
            text = read_config_bytes(path).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(_not_a_table(path, text, "tool", tool))
    section = tool.get("jdlint")
    if section is not None and not isinstance(section, dict):
        raise ConfigError(_not_a_table(path, text, "tool.jdlint", section))
    return section


def _not_a_table(path: Path, source: str, key: str, value: Any) -> str:
    """The one-line error for a TOML key that must be a table, with its line when findable."""
    import re

    last = re.escape(key.rsplit(".", 1)[-1])
    written = re.compile(rf"^\s*(?:tool\s*\.\s*)?{last}\s*=" if "." in key else rf"^\s*{last}\s*=")
    line = None
    for number, text in enumerate(source.splitlines(), 1):
        if written.match(text):
            line = number
            break
    where = f"{path}:{line}" if line else str(path)
    return (
        f"{where}: key {key!r}: expected a table, got {type(value).__name__} {short_value(value)}"
    )


# -- building Settings -------------------------------------------------------------------------


def _settings_from(data: Mapping[str, Any], path: Path) -> Settings:
    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(v) for v in data.get(key, ()))

    settings = Settings(path=path)
    values: dict[str, Any] = {}
    inside = InRepository(path)
    if "root" in data:
        values["root"] = inside("root", path.parent / data["root"])
    for entry in data.get("rule-packs", ()):
        inside("rule-packs", path.parent / str(entry))
    site = data.get("site", {})
    site_root = values.get("root") or path.parent
    for directory in site.get("content", ()) if isinstance(site, dict) else ():
        inside("site.content", site_root / str(directory))
    for prefix, dirs in (site.get("paths", {}) if isinstance(site, dict) else {}).items():
        for directory in (dirs,) if isinstance(dirs, str) else dirs:
            inside(f"site.paths.{prefix}", site_root / str(directory))
    if "select" in data:
        values["select"] = strings("select")
    for key in (
        "ignore",
        "extend-select",
        "exclude",
        "include",
        "job-pages",
        "family-sections",
        "rule-packs",
    ):
        if key in data:
            values[key.replace("-", "_")] = strings(key)
    if "required-sections" in data:
        values["required_sections"] = strings("required-sections")
    if "private-hosts" in data:
        values["private_hosts"] = strings("private-hosts")
    if "per-file-ignores" in data:
        values["per_file_ignores"] = tuple(
            (str(k), tuple(str(c) for c in v)) for k, v in data["per-file-ignores"].items()
        )
    if "severity" in data:
        values["severity"] = dict(data["severity"])
    if "force-exclude" in data:
        values["force_exclude"] = bool(data["force-exclude"])
    if "fail-on" in data:
        values["fail_on"] = Severity.parse(data["fail-on"])
    if "pay-transparency" in data:
        entries = data["pay-transparency"]
        values["pay_transparency"] = tuple(entries if isinstance(entries, list) else [entries])
    keys = ("site", "boilerplate", "titles", "sections", "grades", "rules")
    for key in (*keys, "max-file-size", "max-file-seconds"):
        if key in data:
            values[key.replace("-", "_")] = data[key]
    if "grades" in data:  # a preset name or a pattern that cannot work is a config error now
        from jdlint.document.grade_notations import grade_notations

        try:
            grade_notations(data["grades"])
        except ConfigError as error:
            raise ConfigError(f"{path}: {error}") from error
    return replace(settings, **values)


class InRepository:
    """Paths a config file names must lie in the repository that holds it (the closest folder
    with `.git` at or above it, else its own folder): a merge request controls the config, and
    `root: /` would walk and quote the whole machine. Paths given on the command line are the
    caller's choice and are not bounded."""

    def __init__(self, config: Path) -> None:
        from jdlint.fs.repo_paths import repo_root

        self.config = config
        self.repository = repo_root(config.parent)

    def __call__(self, key: str, path: Path) -> Path:
        real = Path(os.path.realpath(path))
        if real != self.repository and self.repository not in real.parents:
            raise ConfigError(
                f"{self.config}: key {key!r}: {real} lies outside the repository "
                f"({self.repository})"
            )
        return real


def with_flags(settings: Settings, **flags: Any) -> Settings:
    """Command-line flags override the config file's keys (None means not given)."""
    given = {k: v for k, v in flags.items() if v is not None}
    return replace(settings, **given)
