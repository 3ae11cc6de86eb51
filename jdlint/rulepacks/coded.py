"""`coded-words`: two word lists and a page score, as Gender Decoder computes it.

Gaucher, Friesen & Kay (2011) found that masculine-coded wording in job ads makes them less
appealing to women. Gender Decoder counts the coded words of a page and gives one verdict; this
kind reports that verdict once per page, and only when it is strong, with every coded word and
its position, so the finding says what to rewrite. Prefix stems also match ordinary job words
("lead*" matches "leadership", "respon*" "responsibilities"); the list's `ordinary` words are
not counted, so a page is not "coded" for describing a job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Inline, Span
from jdlint.rulepacks.common import Common, guarded, matches, prose
from jdlint.rulepacks.patterns import Origin, compile_terms
from jdlint.rules import Context

PLACEHOLDERS = ("verdict", "words", "counts")
DEFAULT_MESSAGE = "page is {verdict} ({counts}): {words}"
MAX_LISTED = 12  # words listed per list in a message; the rest are counted
#: The coded words of a page, (word as written, where) per list.
_Found = tuple[list[tuple[str, Span]], list[tuple[str, Span]]]


@dataclass(frozen=True)
class CodedWords:
    common: Common
    names: tuple[str, str]
    patterns: tuple[regex.Pattern[str], regex.Pattern[str]]
    strong: int  # a difference above this is "strongly" coded, and only that is reported
    ordinary: frozenset[str]  # words a stem matches that are ordinary job words: not counted
    ordinary_prefixes: tuple[str, ...] = ()  # "responsib*": every word it begins

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> CodedWords:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        lists = spec["lists"]
        names = tuple(str(name) for name in lists)
        patterns = tuple(_stems([str(s) for s in lists[name]], origin) for name in lists)
        words = [str(w).lower() for w in spec.get("ordinary", ())]
        return cls(
            common,
            (names[0], names[1]),
            (patterns[0], patterns[1]),
            int(spec.get("strong", 3)),
            frozenset(w for w in words if not w.endswith("*")),
            tuple(w.rstrip("*") for w in words if w.endswith("*")),
        )

    scope: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        found: _Found = ([], [])
        for inline in prose(document, self.common.scopes):
            # a pattern time-out is the only finding reported per run
            yield from guarded(ctx, inline, self.common.origin, self._inline(inline, ctx, found))
        verdict = self.verdict(len(found[0]), len(found[1]))
        if not verdict.startswith("strongly") or not document.blocks:
            return
        span = document.title_span or document.blocks[0].span
        first, second = self.names
        counts = f"{len(found[0])} {first}-coded and {len(found[1])} {second}-coded words"
        words = "; ".join(
            f"{name}: {_listing(items)}" for name, items in zip(self.names, found) if items
        )
        yield ctx.finding(
            span,
            self.common.say(verdict=verdict, counts=counts, words=words),
            subject=verdict,
        )

    def _inline(self, inline: Inline, ctx: Context, found: _Found) -> Iterator[Finding]:
        for index, pattern in enumerate(self.patterns):
            for match in matches(pattern, inline, ctx, self.common):
                word = inline.raw[match.start() : match.end()]
                if not self.is_ordinary(word.lower()):
                    found[index].append((word, inline.span(*match.span())))
        yield from ()  # a generator, so `guarded` can turn a pattern time-out into a finding

    def is_ordinary(self, word: str) -> bool:
        return word in self.ordinary or word.startswith(self.ordinary_prefixes or ("\0",))

    def verdict(self, first: int, second: int) -> str:
        """Gender Decoder's verdict: the difference of the two counts decides."""
        score = second - first
        if score == 0:
            return "neutral"
        side = self.names[1] if score > 0 else self.names[0]
        strength = "strongly " if abs(score) > self.strong else ""
        return f"{strength}{side}-coded"


def _listing(items: list[tuple[str, Span]]) -> str:
    """'"driven" 3:11, "competitive" 3:19' (the first MAX_LISTED, then how many more)."""
    shown = ", ".join(f'"{word}" {span.line}:{span.col}' for word, span in items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _stems(stems: list[str], origin: Origin) -> regex.Pattern[str]:
    """Stems ending in "*" match any word they begin ("compet*" -> "competitive")."""
    parts = [regex.escape(s.rstrip("*")) + (r"[\w-]*" if s.endswith("*") else "") for s in stems]
    return compile_terms(parts, origin, literal=False, ignorecase=True)
