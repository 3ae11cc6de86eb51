"""The extension contract: rule metadata, the context a check receives, the `rule` decorator.

A rule is data (its `RuleMeta`) plus a pure function from one node of the tree to findings.
Third-party packages expose `Rule` objects through the `jdlint.checks` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jdlint.findings import Finding, Fix, Severity

if TYPE_CHECKING:
    from jdlint.config.settings import Settings
    from jdlint.model import Document, Span


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str  # stable: JDnnn
    name: str  # kebab-case
    summary: str
    severity: Severity
    explanation: str = ""  # Markdown shown by `jdlint explain`
    scope: str = "document"  # document | handbook
    fixable: bool = False
    default_enabled: bool = True


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may look at besides its node: the page, the settings, its own metadata."""

    document: Document | None  # None for handbook-scope checks, which name the page per finding
    settings: Settings
    meta: RuleMeta

    def finding(
        self,
        span: Span,
        message: str,
        *,
        fix: Fix | None = None,
        subject: str = "",
        document: Document | None = None,
    ) -> Finding:
        page = document or self.document
        assert page is not None, "handbook-scope checks must name the document of a finding"
        return Finding(
            path=page.path,
            span=span,
            code=self.meta.code,
            name=self.meta.name,
            message=message,
            severity=self.settings.severity_for(self.meta),
            fix=fix,
            subject=subject,
        )

    def option(self, key: str, default: Any = None) -> Any:
        """A rule option from the config's `rules: {JDnnn: {...}}` table."""
        return self.settings.rule_options(self.meta.code).get(key, default)


Check = Callable[[Any, Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    target: type  # the node type the check receives: Document, Role, Section, Block, Inline ...
    check: Check
    examples: tuple[tuple[str, str], ...] = ()  # (pass|fail, Markdown) shown by `explain`


def rule(meta: RuleMeta, target: type) -> Callable[[Check], Rule]:
    """Declare a check: `@rule(RuleMeta(...), target=Role)` above a generator function."""

    def wrap(check: Check) -> Rule:
        return Rule(meta, target, check)

    return wrap
