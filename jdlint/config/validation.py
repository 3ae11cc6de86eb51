"""Config validation: the shipped JSON Schema, and errors that name the file, the line and the
key path of the first problem, with what was expected (one line each, never a traceback).

Shared by the config file loader (`jdlint.config.settings`) and the rule-pack loader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdlint.errors import ConfigError, did_you_mean

if TYPE_CHECKING:  # YAML and jsonschema load only when a config is read (fast start)
    import yaml


@cache
def load_schema(name: str) -> dict[str, Any]:
    from jdlint.fs.shipped import schemas

    text = schemas().joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def located(path: object, node: yaml.Node | None, key_path: Sequence[Any]) -> str:
    """How an error names the place of `key_path` in a YAML file: "file:line", or "file" when
    the line is not known."""
    line = line_of(node, list(key_path))
    return f"{path}:{line}" if line else str(path)


def validate(data: Any, path: Path, node: yaml.Node | None) -> None:
    """Raise `ConfigError` for the first way `data` breaks the config schema."""
    import jsonschema

    infinite = _non_finite(data)
    if infinite is not None:  # JSON Schema bounds cannot refuse NaN (it compares as neither)
        parts, value = infinite
        raise ConfigError(
            f"{located(path, node, parts)}: key {key_path_text(parts)!r}: "
            f"expected a finite number, got {value!r}"
        )
    schema = load_schema("config.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if not errors:
        return
    error = errors[0]
    where = located(path, node, error.absolute_path)
    raise ConfigError(f"{where}: {describe_schema_error(error, schema)}")


def _non_finite(data: Any) -> tuple[list[Any], float] | None:
    """The key path and value of the first infinity or NaN in the data, if any."""
    import math

    stack: list[tuple[list[Any], Any]] = [([], data)]
    while stack:
        parts, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return parts, value
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            continue
        stack.extend((parts + [key], item) for key, item in reversed(items))
    return None


def key_path_text(parts: Sequence[Any]) -> str:
    """A key path as config errors write it: rules.JD203.limit, site.paths[0]."""
    return "".join(
        f"[{part}]" if isinstance(part, int) else (f".{part}" if i else str(part))
        for i, part in enumerate(parts)
    )


def describe_schema_error(error: Any, schema: Mapping[str, Any]) -> str:
    """One line: the key path and what was expected, with a suggestion for unknown keys."""
    key_path = key_path_text(list(error.absolute_path))
    within = f"in {key_path!r}: " if key_path else ""  # a problem of the mapping at key_path
    if error.validator == "additionalProperties":
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = list(error.schema.get("properties", {}))
        parts = []
        for key in unknown:
            parts.append(f"unknown key {key!r}{did_you_mean(str(key), known)}")
        return within + "; ".join(parts)
    if error.validator == "type":
        expected = error.validator_value
        got = type(error.instance).__name__
        hint = ""
        if expected in ("number", "integer") and _YAML_11_FLOAT.fullmatch(str(error.instance)):
            hint = " (YAML reads an exponent without a dot as text: write 1.0e-3, or 0.001)"
        found = short_value(error.instance)
        return f"key {key_path!r}: expected {expected}, got {got} {found}{hint}"
    if error.validator == "enum":
        got = short_value(error.instance)
        return f"key {key_path!r}: expected one of {error.validator_value}, got {got}"
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [key for key in error.validator_value if key not in error.instance]
        return within + (f"missing key {missing[0]!r}" if missing else error.message)
    if error.validator == "dependentRequired" and isinstance(error.instance, dict):
        for key, needed in error.validator_value.items():
            missing = [
                name for name in needed if key in error.instance and name not in error.instance
            ]
            if missing:
                return within + f"key {key!r} needs key {missing[0]!r} beside it"
    if "propertyNames" in error.schema_path:
        return f"key {key_path!r}: {short_value(error.instance)} is not a rule code like 'JD101'"
    prefix = f"key {key_path!r}: " if key_path else ""
    message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
    return prefix + " ".join(message.split())


#: "1e-3": a float in YAML 1.2 and TOML, a string to PyYAML (YAML 1.1 wants "1.0e-3").
_YAML_11_FLOAT = re.compile(r"[-+]?[0-9]+[eE][-+]?[0-9]+")


def short_value(value: Any) -> str:
    """A value as it appears in a one-line error: at most 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def line_of(node: yaml.Node | None, key_path: list[Any]) -> int | None:
    """The 1-based line of the value at `key_path` in a composed YAML document."""
    import yaml

    if node is None:
        return None
    current = node
    for part in key_path:
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                if key_node.value == part:
                    current = value_node
                    break
            else:
                break
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if part < len(current.value):
                current = current.value[part]
        else:
            break
    return int(current.start_mark.line) + 1
