"""`consistency`: one variant per page ("email" or "e-mail", not both)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Inline
from jdlint.rulepacks.common import Common, matches, prose, timeout_finding
from jdlint.rulepacks.patterns import Origin, PatternTimeout, compile_terms
from jdlint.rules import Context

PLACEHOLDERS = ("match", "other", "count")
DEFAULT_MESSAGE = '"{match}" here, but "{other}" {count} times on this page: use one form'


@dataclass(frozen=True)
class Consistency:
    common: Common
    pairs: tuple[tuple[regex.Pattern[str], regex.Pattern[str]], ...]

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> Consistency:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        literal = not spec.get("regex", False)
        ignorecase = bool(spec.get("ignorecase", True))
        pairs = tuple(
            (
                compile_terms([str(a)], origin, literal=literal, ignorecase=ignorecase),
                compile_terms([str(b)], origin, literal=literal, ignorecase=ignorecase),
            )
            for a, b in spec["either"].items()
        )
        return cls(common, pairs)

    scope: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        inlines = list(prose(document, self.common.scopes))
        for first, second in self.pairs:
            try:
                a = [(i, m) for i in inlines for m in matches(first, i, ctx, self.common)]
                b = [(i, m) for i in inlines for m in matches(second, i, ctx, self.common)]
            except PatternTimeout:
                yield timeout_finding(ctx, inlines[0], self.common.origin)
                continue
            if not a or not b:
                continue
            # The less used form is the odd one out; on a tie, the form used second.
            minority, majority = (
                (b, a) if len(b) < len(a) or (len(a) == len(b) and _later(b, a)) else (a, b)
            )
            other = _text(*majority[0])
            for inline, match in minority:
                found = _text(inline, match)
                yield ctx.finding(
                    inline.span(*match.span()),
                    self.common.say(match=found, other=other, count=str(len(majority))),
                    subject=f"{found} {other}",
                )


def _text(inline: Inline, match: regex.Match[str]) -> str:
    return inline.raw[match.start() : match.end()]


def _later(
    b: list[tuple[Inline, regex.Match[str]]], a: list[tuple[Inline, regex.Match[str]]]
) -> bool:
    return b[0][0].span(*b[0][1].span()).line > a[0][0].span(*a[0][1].span()).line
