"""Inline suppressions: `<!-- jdlint-disable JD301 -->` and friends, anywhere in a page.

They are read from the raw text, so they work inside lists, tables and emphasis too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jdlint.model import Span

_COMMENT = re.compile(
    r"<!--\s*jdlint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<codes>[^:>]*?)(?:\s*:\s*(?P<reason>.*?))?\s*-->",
)
_SPLIT = re.compile(r"[\s,]+")


@dataclass(slots=True)
class Directive:
    kind: str
    codes: tuple[str, ...]  # empty: every rule
    span: Span
    first_line: int
    last_line: int  # inclusive
    used: bool = field(default=False)

    def covers(self, code: str, name: str, line: int) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        if not self.codes:
            return True
        return any(_matches(selector, code, name) for selector in self.codes)


def _matches(selector: str, code: str, name: str) -> bool:
    return selector.upper() == code or selector.lower() == name or (
        selector.upper().startswith("JD") and code.startswith(selector.upper())
    )


def parse_directives(text: str) -> list[Directive]:
    if "jdlint-" not in text:
        return []
    lines = text.split("\n")
    last = len(lines)
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        end_line = text.count("\n", 0, match.end()) + 1
        end_col = match.end() - (text.rfind("\n", 0, match.end()) + 1) + 1
        span = Span(line, col, end_line, end_col)
        codes = tuple(c for c in _SPLIT.split(match.group("codes").strip()) if c)
        kind = match.group("kind")
        if kind == "disable-file":
            directives.append(Directive(kind, codes, span, 1, last))
        elif kind == "disable-next-line":
            directives.append(Directive(kind, codes, span, end_line + 1, end_line + 1))
        elif kind == "disable-line":
            directives.append(Directive(kind, codes, span, line, end_line))
        elif kind == "disable":
            directive = Directive(kind, codes, span, line, last)
            directives.append(directive)
            open_ranges.append(directive)
        else:  # enable closes the matching open ranges (all of them when no codes are named)
            for directive in list(open_ranges):
                if not codes or set(codes) & set(directive.codes) or not directive.codes:
                    directive.last_line = line
                    open_ranges.remove(directive)
    return directives


def is_suppressed(directives: list[Directive], code: str, name: str, line: int) -> bool:
    hit = False
    for directive in directives:
        if directive.covers(code, name, line):
            directive.used = True
            hit = True
    return hit
