"""`existence`: words and phrases that should not appear, each with a reason and a suggestion."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Inline
from jdlint.rulepacks.common import Common, matches, prose_findings
from jdlint.rulepacks.patterns import Origin, compile_terms, which
from jdlint.rules import Context

PLACEHOLDERS = ("match", "reason", "suggestion")
DEFAULT_MESSAGE = '"{match}": {reason}'


@dataclass(frozen=True)
class Term:
    text: str
    reason: str
    suggestion: str


@dataclass(frozen=True)
class Existence:
    common: Common
    pattern: regex.Pattern[str]
    terms: tuple[Term, ...]

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> Existence:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        reason = str(spec.get("reason", ""))
        suggestion = str(spec.get("suggestion", ""))
        raw = spec["tokens"]
        if isinstance(raw, Mapping):
            terms = tuple(_term(str(k), v, reason, suggestion) for k, v in raw.items())
        else:
            terms = tuple(Term(str(t), reason, suggestion) for t in raw)
        pattern = compile_terms(
            (t.text for t in terms),
            origin,
            literal=not spec.get("regex", False),
            ignorecase=spec.get("ignorecase", True),
        )
        return cls(common, pattern, terms)

    scope: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        yield from prose_findings(
            document, self.common, self.pattern, ctx, lambda run: self._inline(run, ctx)
        )

    def _inline(self, inline: Inline, ctx: Context) -> Iterator[Finding]:
        for match in matches(self.pattern, inline, ctx, self.common):
            term = self.terms[which(match, len(self.terms))]
            found = inline.raw[match.start() : match.end()]
            message = self.common.say(match=found, reason=term.reason, suggestion=term.suggestion)
            yield ctx.finding(inline.span(*match.span()), message, subject=found)


def _term(text: str, value: Any, reason: str, suggestion: str) -> Term:
    if isinstance(value, Mapping):
        return Term(
            text, str(value.get("reason", reason)), str(value.get("suggestion", suggestion))
        )
    return Term(text, str(value) if value else reason, suggestion)
