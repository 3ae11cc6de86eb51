"""Rule packs from YAML: find them, validate them, compile each rule file to a `Rule`.

A pack is a folder. `pack.yml` gives the rule code and its metadata; each other `*.yml` file is
one rule of one kind. The shipped packs are installed as the package `jdlint.packs`; a
handbook adds its own with the config key `rule-packs` (folders relative to the config file).
A pack may also name only an existing pack's code to add rules to it (a handbook's own
terminology under JD601). Any problem ends the run with exit code 2 naming file, rule, problem.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from jdlint.config.settings import InRepository, Settings
from jdlint.config.validation import describe_schema_error, load_schema, located
from jdlint.config.yaml_loader import YAMLBounds, load_bounded, problem
from jdlint.errors import ConfigError, did_you_mean
from jdlint.findings import Severity
from jdlint.fs.decode import UnreadableFile, read_bytes
from jdlint.fs.shipped import packs
from jdlint.handbook.index import HandbookIndex
from jdlint.model import Document
from jdlint.rulepacks.coded import CodedWords
from jdlint.rulepacks.consistency import Consistency
from jdlint.rulepacks.existence import Existence
from jdlint.rulepacks.occurrence import Occurrence
from jdlint.rulepacks.patterns import Origin
from jdlint.rulepacks.repetition import Repetition
from jdlint.rulepacks.spelling import Spelling
from jdlint.rulepacks.substitution import Substitution
from jdlint.rules import Rule, RuleMeta

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

MAX_PACK_FILE_BYTES = 1024 * 1024
MAX_PACK_FILE_VALUES = 100_000  # values one file expands to (aliases count per use)
PACK_FILE = "pack.yml"
_BOUNDS = YAMLBounds(max_bytes=MAX_PACK_FILE_BYTES, max_values=MAX_PACK_FILE_VALUES)


#: Each kind is a small frozen class with `from_spec`, `scope`, `fixable` and `check`.
KINDS: Mapping[str, Any] = {
    "substitution": Substitution,
    "existence": Existence,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "consistency": Consistency,
    "coded-words": CodedWords,
    "spelling": Spelling,
}


def load_packs(settings: Settings) -> tuple[Rule, ...]:
    """The shipped packs, then the config's `rule-packs`, as ordinary rules."""
    shipped: list[Traversable] = sorted(_shipped(), key=lambda f: f.name)
    base = settings.path.parent if settings.path else Path.cwd()
    own: list[Traversable] = []
    for entry in settings.rule_packs:
        own.extend(_user_folders(base / entry, settings))
    metas: dict[str, RuleMeta] = {}
    builtin = _builtin_codes()
    rules: list[Rule] = []
    for folder in shipped:  # validated by the test suite: no schema check, lazy patterns
        rules.extend(_load_pack(folder, metas, builtin, trusted=True))
    for folder in own:
        rules.extend(_load_pack(folder, metas, builtin, trusted=False))
    return tuple(rules)


def _shipped() -> Iterable[Traversable]:
    root = packs()
    return [item for item in root.iterdir() if item.is_dir() and item.joinpath(PACK_FILE).is_file()]


def _user_folders(path: Path, settings: Settings) -> list[Traversable]:
    where = f"{settings.path}: key 'rule-packs'" if settings.path else "rule-packs"
    if (path / PACK_FILE).is_file():
        return [path]
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if (p / PACK_FILE).is_file())
        if found:
            return list(found)
    raise ConfigError(f"{where}: {path} is not a rule pack (no {PACK_FILE} in it or its folders)")


def _builtin_codes() -> frozenset[str]:
    from jdlint.checks import BUILTIN_MODULES, ENGINE_RULES

    codes = {meta.code for meta in ENGINE_RULES}
    for name in BUILTIN_MODULES:
        codes.update(item.meta.code for item in importlib.import_module(name).RULES)
    return frozenset(codes)


def _load_pack(
    folder: Traversable, metas: dict[str, RuleMeta], builtin: frozenset[str], trusted: bool
) -> list[Rule]:
    pack_path = folder.joinpath(PACK_FILE)
    data, node = _read(pack_path, "pack", trusted)
    if not trusted:
        _validate(data, node, "pack", pack_path, "pack")
    meta = _meta(data, pack_path, metas, builtin)
    files = sorted(
        (f for f in folder.iterdir() if f.name.endswith((".yml", ".yaml")) and f.name != PACK_FILE),
        key=lambda f: f.name,
    )
    kinds = [_kind(f, trusted) for f in files]
    fixing = [kind for kind in kinds if kind.fixable]
    if fixing:
        safe = (meta.fixable and not meta.unsafe_fixes) or any(
            getattr(kind, "safe_fixes", True) for kind in fixing
        )
        meta = replace(meta, fixable=True, unsafe_fixes=not safe)
    metas[meta.code] = meta
    return [_rule(meta, kind) for kind in kinds]


def _meta(
    data: Mapping[str, Any],
    path: Traversable,
    metas: Mapping[str, RuleMeta],
    builtin: frozenset[str],
) -> RuleMeta:
    code = str(data["code"])
    if code in builtin:
        raise ConfigError(f"{path}: rule 'pack': code {code} belongs to a built-in check")
    if "name" not in data:
        if code not in metas:
            raise ConfigError(
                f"{path}: rule 'pack': {code} is no existing pack's code; give name, summary "
                "and severity to define it"
            )
        return metas[code]
    if code in metas:
        raise ConfigError(
            f"{path}: rule 'pack': {code} is already defined by another pack; "
            "give only `code:` to add rules to it"
        )
    return RuleMeta(
        code=code,
        name=str(data["name"]),
        summary=str(data["summary"]),
        severity=Severity.parse(str(data["severity"])),
        explanation=str(data.get("explanation", "")),
        default_enabled=bool(data.get("enabled", True)),
    )


def _kind(path: Traversable, trusted: bool) -> Any:
    name = path.name.rsplit(".", 1)[0]
    data, node = _read(path, name, trusted)
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in KINDS:
        known = ", ".join(KINDS)
        hint = did_you_mean(kind, KINDS) if isinstance(kind, str) else ""
        where = located(path, node, ["kind"])
        raise ConfigError(f"{where}: rule {name!r}: kind {kind!r} is not one of {known}{hint}")
    if not trusted:
        _validate(data, node, str(kind), path, name)
    return KINDS[str(kind)].from_spec(data, Origin(str(path), name, trusted))


def _rule(meta: RuleMeta, kind: Any) -> Rule:
    if kind.scope == "handbook":
        return Rule(replace(meta, scope="handbook"), HandbookIndex, kind.check)
    return Rule(meta, Document, kind.check)


def _read(path: Traversable, rule: str, trusted: bool) -> tuple[Any, yaml.Node | None]:
    """A pack file's data, and its YAML nodes (for the line of a schema error)."""
    if not trusted and isinstance(path, Path):
        # A handbook's pack file stays in its repository, as every path a config names does:
        # a merge request could link one to any file and have its text quoted in an error.
        InRepository(path)("rule-packs", path)
    try:
        if isinstance(path, Path):  # a handbook's own pack: untrusted, maybe not a regular file
            raw = read_bytes(str(path), MAX_PACK_FILE_BYTES)
        else:
            raw = path.read_bytes()
    except UnreadableFile as error:
        if error.reason.startswith("larger than"):
            raise ConfigError(f"{path}: rule {rule!r}: file is larger than 1 MiB") from None
        raise ConfigError(f"{path}: rule {rule!r}: cannot read: {error.reason}") from None
    except OSError as error:
        raise ConfigError(f"{path}: rule {rule!r}: cannot read: {error}") from error
    if len(raw) > MAX_PACK_FILE_BYTES:
        raise ConfigError(f"{path}: rule {rule!r}: file is larger than 1 MiB")
    try:
        data, node = load_bounded(raw.decode("utf-8"), _BOUNDS)
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: rule {rule!r}: not UTF-8 text") from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: rule {rule!r}: invalid YAML: {problem(error)}") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: rule {rule!r}: invalid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: rule {rule!r}: expected a mapping of keys")
    return data, node


def _validate(
    data: Any, node: yaml.Node | None, definition: str, path: Traversable, rule: str
) -> None:
    import jsonschema

    schema = load_schema("rulepack.schema.json")
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        where = located(path, node, errors[0].absolute_path)
        raise ConfigError(f"{where}: rule {rule!r}: {describe_schema_error(errors[0], schema)}")
