"""`substitution`: a term and the form to use instead ("Gitlab" -> "GitLab").

A replacement with a single form is a safe fix; "A|B" offers choices and is not fixed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Inline
from jdlint.rulepacks.common import Common, matches, prose_findings, replacement_fix
from jdlint.rulepacks.patterns import Origin, compile_terms, which
from jdlint.rules import Context

PLACEHOLDERS = ("match", "replacement")
DEFAULT_MESSAGE = 'use "{replacement}" instead of "{match}"'


@dataclass(frozen=True)
class Substitution:
    common: Common
    pattern: regex.Pattern[str]
    replacements: tuple[str, ...]
    fix: bool

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> Substitution:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        swap = {str(k): str(v) for k, v in spec["swap"].items()}
        pattern = compile_terms(
            swap,
            origin,
            literal=not spec.get("regex", False),
            ignorecase=spec.get("ignorecase", False),
        )
        return cls(common, pattern, tuple(swap.values()), bool(spec.get("fix", True)))

    @property
    def scope(self) -> str:
        return "document"

    @property
    def fixable(self) -> bool:
        return self.fix

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        yield from prose_findings(
            document, self.common, self.pattern, ctx, lambda run: self._inline(document, run, ctx)
        )

    def _inline(self, document: Document, inline: Inline, ctx: Context) -> Iterator[Finding]:
        for match in matches(self.pattern, inline, ctx, self.common):
            wanted = self.replacements[which(match, len(self.replacements))]
            found = inline.raw[match.start() : match.end()]
            if found == wanted:
                continue
            fix = None
            if self.fix and "|" not in wanted:
                fix = replacement_fix(
                    document, inline, match.start(), match.end(), wanted, safe=True
                )
            shown = wanted.replace("|", '" or "')
            yield ctx.finding(
                inline.span(*match.span()),
                self.common.say(match=found, replacement=shown),
                fix=fix,
                subject=found,
            )
