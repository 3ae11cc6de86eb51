"""Where a node or finding is in its file.

`Span` lives apart from the tree (`jdlint.model` re-exports it) so that findings, and the
cache entries that hold them, load without the tree's classes: a warm run that reports from
the cache never builds them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """1-based lines and columns; `end_col` is exclusive, as in editors' ranges."""

    line: int
    col: int
    end_line: int
    end_col: int
