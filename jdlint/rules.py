"""The extension contract: rule metadata, the context a check receives, the `rule` decorator.

A rule is data (its `RuleMeta`) plus a pure function from one node of the tree to findings.
Third-party packages expose `Rule` objects through the `jdlint.checks` entry-point group.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from jdlint.config.validation import short_value
from jdlint.errors import ConfigError, did_you_mean
from jdlint.findings import Finding, Fix, Severity

if TYPE_CHECKING:
    from jdlint.config.settings import Settings
    from jdlint.model import Document, Span


class Located(Protocol):
    """What a finding is reported on: a page's tree or its digest (anything with a path)."""

    @property
    def path(self) -> str: ...


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str  # stable: JDnnn
    name: str  # kebab-case
    summary: str
    severity: Severity
    explanation: str = ""  # Markdown shown by `jdlint explain`
    scope: str = "document"  # document | handbook
    fixable: bool = False
    # Its fixes need a human's eye: offered (--diff, editors), applied only with --unsafe-fixes.
    unsafe_fixes: bool = False
    default_enabled: bool = True


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may look at besides its node: the page, the settings, its own metadata."""

    # None for handbook-scope checks, which name the page per finding, and for node-only
    # checks (`Rule.node_only`), which see their node alone
    document: Document | None
    settings: Settings
    meta: RuleMeta
    options: Any = None  # the rule's typed options (its `options` class), None if it has none
    path: str = ""  # the page's, for a node-only check's findings

    def finding(
        self,
        span: Span,
        message: str,
        *,
        fix: Fix | None = None,
        subject: str = "",
        document: Located | None = None,
    ) -> Finding:
        page = document or self.document
        path = page.path if page is not None else self.path
        assert path, "handbook-scope checks must name the document of a finding"
        return Finding(
            path=path,
            span=span,
            code=self.meta.code,
            name=self.meta.name,
            message=message,
            severity=self.settings.severity_for(self.meta),
            fix=fix,
            subject=subject,
        )


Check = Callable[[Any, Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    target: type  # the node type the check receives: Document, Role, Section, Block, Inline ...
    check: Check
    # A frozen dataclass of the rule's options with their defaults: `rules: {JDnnn: {...}}` in
    # the config is read into it when the config loads (kebab-case keys), so a typo or a wrong
    # type is a config error before any page is read, and checks get typed values.
    options: type | None = None
    # Its findings depend on its node and the settings alone: it gets no document
    # (`Context.document` is None), and an editor that reads a page again keeps its findings
    # on the nodes an edit left alone (`jdlint.engine.node_findings`).
    node_only: bool = False

    def parse_options(self, table: Mapping[str, Any], origin: str) -> Any:
        """The rule's options from its config table; ConfigError naming `origin` and the key."""
        key = f"rules.{self.meta.code}"
        if self.options is None:
            if table:
                raise ConfigError(f"{origin}: key {key!r}: rule {self.meta.code} takes no options")
            return None
        return parse_options(self.options, table, origin, key)


def rule(
    meta: RuleMeta, target: type, options: type | None = None, node_only: bool = False
) -> Callable[[Check], Rule]:
    """Declare a check: `@rule(RuleMeta(...), target=Role)` above a generator function;
    `node_only=True` for a check that reads nothing of the page but its node (`Rule`)."""

    def wrap(check: Check) -> Rule:
        return Rule(meta, target, check, options, node_only)

    return wrap


def parse_options(options: type, table: Mapping[str, Any], origin: str, key_path: str) -> Any:
    """An instance of the frozen dataclass `options` from a config table with kebab-case keys
    (`key_path` is where the table sits in the config). Fields may be bool, int, float, str or
    tuple[str, ...]; a value out of its range is refused by the dataclass's `__post_init__`
    (a ValueError naming the option), and reported here as a config error."""
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(options)}
    hints = typing.get_type_hints(options)
    values: dict[str, Any] = {}
    for key, value in table.items():
        field = fields.get(str(key))
        if field is None:
            hint = did_you_mean(str(key), fields)
            known = ", ".join(fields)
            raise ConfigError(
                f"{origin}: key {key_path!r}: unknown option {key!r}{hint}; known: {known}"
            )
        values[field.name] = _typed(value, hints[field.name], f"{origin}: key '{key_path}.{key}'")
    try:
        return options(**values)
    except ValueError as error:
        raise ConfigError(f"{origin}: key {key_path!r}: {error}") from error


#: No rule option is meaningful beyond this (a count, a length, a ratio).
_LARGEST_OPTION = 1e9


def _typed(value: Any, expected: Any, where: str) -> Any:
    if expected is bool and isinstance(value, bool):
        return value
    if expected in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
        if expected is int and isinstance(value, float) and not value.is_integer():
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        if abs(value) > _LARGEST_OPTION:  # a float of it would overflow, or mean nothing
            shown = short_value(value)
            raise ConfigError(f"{where}: expected a number up to {_LARGEST_OPTION:g}, got {shown}")
        return expected(value)
    if expected is str and isinstance(value, str):
        return value
    is_strings = isinstance(value, list) and all(isinstance(item, str) for item in value)
    if typing.get_origin(expected) is tuple and is_strings:
        return tuple(value)
    name = getattr(expected, "__name__", str(expected)).replace("tuple", "list of strings")
    raise ConfigError(f"{where}: expected {name}, got {type(value).__name__} {value!r}")
