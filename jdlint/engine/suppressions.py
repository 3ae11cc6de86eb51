"""Inline suppressions: `<!-- jdlint-disable JD301 -->` and friends, anywhere in a page.

They are read from the raw text, so they work inside lists, tables and emphasis too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jdlint.model import Span
from jdlint.span import LineIndex

_DIRECTIVE = re.compile(
    r"<!--\s*jdlint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
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
    return (
        selector.upper() == code
        or selector.lower() == name
        or (selector.upper().startswith("JD") and code.startswith(selector.upper()))
    )


def parse_directives(text: str) -> list[Directive]:
    if "jdlint-" not in text:
        return []
    lines = text.split("\n")
    last = len(lines)
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    index = LineIndex.of(text)
    for start, end, kind, written in _comments(text):
        span = index.span(start, end)
        line, end_line = span.line, span.end_line
        codes = tuple(c for c in _SPLIT.split(written.strip()) if c)
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


def _comments(text: str) -> Iterator[tuple[int, int, str, str]]:
    """`(start, end, kind, codes)` of each `<!-- jdlint-KIND CODES: reason -->` comment.

    The codes may not contain ">" and the reason stays on one line. Linear in the text: the
    closing "-->" found for one opener is reused for the openers before it.
    """
    position, close = 0, -1
    while True:
        found = _DIRECTIVE.search(text, position)
        if found is None:
            return
        if close < found.end():
            close = text.find("-->", found.end())
            if close < 0:
                return
        codes, colon, reason = text[found.end() : close].partition(":")
        if ">" in codes or (colon and "\n" in reason.strip()):
            position = found.end()
            continue
        yield found.start(), close + 3, found.group("kind"), codes
        position = close + 3


def is_suppressed(directives: list[Directive], code: str, name: str, line: int) -> bool:
    hit = False
    for directive in directives:
        if directive.covers(code, name, line):
            directive.used = True
            hit = True
    return hit
