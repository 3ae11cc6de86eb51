"""Where a node or finding is in its file, and the one offset <-> (line, column) index.

`Span` lives apart from the tree (`jdlint.model` re-exports it) so that findings, and the
cache entries that hold them, load without the tree's classes: a warm run that reports from
the cache never builds them. `LineIndex` lives with it because every conversion between an
offset into a text (what fixes and regexes speak) and a 1-based line and column (what spans
speak) is the same computation: the parser, checks, suppressions and the language server
(a thin UTF-16 adapter on it) all use this one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """1-based lines and columns; `end_col` is exclusive, as in editors' ranges."""

    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Offsets into one "\\n" text <-> 1-based (line, column) in code points.

    `starts[i]` is the offset of line i + 1's first character; built once per text, each
    conversion is a bisection (or one addition), so converting every finding of a page stays
    linear in text plus findings.
    """

    starts: tuple[int, ...] = (0,)

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        position = text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        return cls(tuple(starts))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of `offset` (offsets before the text: line 1)."""
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))

    def offset(self, line: int, col: int) -> int:
        """The offset of a 1-based (line, col); a line past the last counts from the last."""
        return self.starts[min(line, len(self.starts)) - 1] + col - 1
