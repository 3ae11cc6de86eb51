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
from functools import lru_cache


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


@dataclass(frozen=True, slots=True)
class TextMap:
    """Maps offsets in a block's `raw` inline source back to file positions.

    Line i of `raw` begins in the file at line `flat[2 * i]`, column `flat[2 * i + 1]`. Inline
    content of a list item or block quote omits the container markers, so columns vary per
    line. One flat tuple rather than a tuple of pairs: a handbook holds a map per paragraph,
    item and heading, almost all of one line.
    """

    flat: tuple[int, ...]

    def __reduce__(self) -> tuple[object, tuple[tuple[int, ...]]]:
        # A worker's digests come back through pickle: equal maps are then one object again.
        return shared_text_map, (self.flat,)

    @property
    def starts(self) -> tuple[tuple[int, int], ...]:
        """(line, col) where each line of `raw` begins in the file."""
        flat = self.flat
        return tuple((flat[i], flat[i + 1]) for i in range(0, len(flat), 2))

    def position(self, raw: str, offset: int) -> tuple[int, int]:
        flat = self.flat
        if len(flat) == 2:  # one line: no counting (a finding per match stays linear)
            return flat[0], flat[1] + offset
        raw_line, raw_col = LineIndex.of(raw).position(offset)
        line_index = min(raw_line, len(flat) // 2) - 1
        return flat[2 * line_index], flat[2 * line_index + 1] + raw_col - 1

    def span(self, raw: str, start: int, end: int) -> Span:
        line, col = self.position(raw, start)
        end_line, end_col = self.position(raw, end)
        return Span(line, col, end_line, end_col)


@lru_cache(maxsize=1 << 14)  # a pure memo: (line, column) starts recur on every page
def shared_text_map(flat: tuple[int, ...]) -> TextMap:
    """One `TextMap` object per distinct map: a handbook holds one per paragraph, item and
    heading of every checked page in its digests, and most are a (line, column) pair that
    many pages share. Two object headers and a tuple per run were a fifth of a digest."""
    return TextMap(flat)
