"""`coded-words`: two word lists and a page score, as Gender Decoder computes it.

Gaucher, Friesen & Kay (2011) found that masculine-coded wording in job ads makes them less
appealing to women. Gender Decoder counts the coded words of a page and gives one verdict; this
kind reports each word where it stands, plus the page's verdict once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Inline
from jdlint.rulepacks.common import Common, guarded, matches, prose
from jdlint.rulepacks.patterns import Origin, compile_terms
from jdlint.rules import Context

PLACEHOLDERS = ("match", "list")
DEFAULT_MESSAGE = '{list}-coded word "{match}"'


@dataclass(frozen=True)
class CodedWords:
    common: Common
    names: tuple[str, str]
    patterns: tuple[regex.Pattern[str], regex.Pattern[str]]
    strong: int  # a difference above this is "strongly" coded

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> CodedWords:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        lists = spec["lists"]
        names = tuple(str(name) for name in lists)
        patterns = tuple(_stems([str(s) for s in lists[name]], origin) for name in lists)
        return cls(
            common, (names[0], names[1]), (patterns[0], patterns[1]), int(spec.get("strong", 3))
        )

    scope: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        counts = [0, 0]
        for inline in prose(document, self.common.scopes):
            yield from guarded(ctx, inline, self.common.origin, self._inline(inline, ctx, counts))
        verdict = self.verdict(*counts)
        if counts != [0, 0] and document.blocks:
            span = document.title_span or document.blocks[0].span
            first, second = self.names
            yield ctx.finding(
                span,
                f"page is {verdict}: {counts[0]} {first}-coded and {counts[1]} {second}-coded words",
                subject=verdict,
            )

    def _inline(self, inline: Inline, ctx: Context, counts: list[int]) -> Iterator[Finding]:
        for index, pattern in enumerate(self.patterns):
            for match in matches(pattern, inline, ctx, self.common):
                counts[index] += 1
                found = inline.raw[match.start() : match.end()]
                yield ctx.finding(
                    inline.span(*match.span()),
                    self.common.say(match=found, list=self.names[index]),
                    subject=found,
                )

    def verdict(self, first: int, second: int) -> str:
        """Gender Decoder's verdict: the difference of the two counts decides."""
        score = second - first
        if score == 0:
            return "neutral"
        side = self.names[1] if score > 0 else self.names[0]
        strength = "strongly " if abs(score) > self.strong else ""
        return f"{strength}{side}-coded"


def _stems(stems: list[str], origin: Origin) -> regex.Pattern[str]:
    """Stems ending in "*" match any word they begin ("compet*" -> "competitive")."""
    parts = [regex.escape(s.rstrip("*")) + (r"[\w-]*" if s.endswith("*") else "") for s in stems]
    return compile_terms(parts, origin, literal=False, ignorecase=True)
