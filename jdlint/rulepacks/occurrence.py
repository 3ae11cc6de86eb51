"""`occurrence`: limits within a unit: words per heading or bullet, items per list."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Span
from jdlint.rulepacks.common import Common, prose, timeout_finding
from jdlint.rulepacks.patterns import Origin, PatternTimeout, compile_pattern, search_all
from jdlint.rules import Context

PLACEHOLDERS = ("count", "limit", "unit")
DEFAULT_MESSAGE = "{count} in this {unit} (limit {limit})"
UNITS = ("heading", "paragraph", "item", "cell", "list")


@dataclass(frozen=True)
class Occurrence:
    common: Common
    unit: str
    token: regex.Pattern[str]
    minimum: int | None
    maximum: int | None

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> Occurrence:
        unit = str(spec["unit"])
        scoped = dict(spec, scope=[unit] if unit != "list" else ["item"])
        common = Common.from_spec(scoped, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        token = compile_pattern(str(spec.get("token", r"\S+")), origin)
        return cls(common, unit, token, spec.get("min"), spec.get("max"))

    scope: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        if self.unit == "list":
            for block in document.blocks:
                if block.kind == "list":
                    yield from self._judge(ctx, block.span, len(block.items), "list", "items")
            return
        for inline in prose(document, self.common.scopes):
            try:
                count = sum(1 for _ in search_all(self.token, inline.masked))
            except PatternTimeout:
                yield timeout_finding(ctx, inline, self.common.origin)
                continue
            yield from self._judge(
                ctx, inline.span(0, len(inline.raw)), count, self.unit, "matches"
            )

    def _judge(
        self, ctx: Context, span: Span, count: int, unit: str, what: str
    ) -> Iterator[Finding]:
        if self.maximum is not None and count > self.maximum:
            limit = f"at most {self.maximum}"
        elif self.minimum is not None and count < self.minimum:
            limit = f"at least {self.minimum}"
        else:
            return
        message = self.common.say(count=f"{count} {what}", limit=limit, unit=unit)
        yield ctx.finding(span, message, subject=f"{unit} {count}")
