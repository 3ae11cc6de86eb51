"""jdlint's positions as the language server's client counts them, converted in linear time.

jdlint counts 1-based lines and code-point columns (and fix offsets into the "\\n" text); the
client counts UTF-16 code units unless it negotiated another encoding. pygls' own conversion
splits the whole buffer again for each position, which made a publish quadratic in findings
times document size; here the text is split once per publish and each line measured once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.workspace import PositionCodec

from jdlint.findings import Finding
from jdlint.span import LineIndex

_WIDE = re.compile(r"[^\x00-\x7f]+")  # characters that may take more than one client unit


@dataclass(frozen=True)
class ClientPositions:
    """jdlint's positions (1-based lines, code-point columns, offsets into the "\n" text) as
    the client counts them, for one buffer version.

    The text is split once and each line measured at most once, so converting every finding
    of a publish costs time linear in text plus findings (pygls' own conversion splits the
    whole buffer again for each position).
    """

    lines: list[str]
    index: LineIndex
    codec: PositionCodec
    _wide: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, text: str, codec: PositionCodec) -> ClientPositions:
        return cls(text.split("\n"), LineIndex.of(text), codec)

    def at(self, line: int, column: int) -> types.Position:
        """A 0-based line and code-point column in client units (past the end: the end)."""
        if line >= len(self.lines):
            return types.Position(line=len(self.lines), character=0)
        column = min(column, len(self.lines[line]))
        where, extra = self._extra_units(line)
        return types.Position(line=line, character=column + extra[bisect_left(where, column)])

    def at_offset(self, offset: int) -> types.Position:
        line, column = self.index.position(offset)
        return self.at(line - 1, column - 1)

    def _extra_units(self, line: int) -> tuple[list[int], list[int]]:
        """Columns of the line's non-ASCII characters, and the client units that all the
        characters before each (and after the last) take beyond one per code point."""
        known = self._wide.get(line)
        if known is None:
            where: list[int] = []
            extra = [0]
            for run in _WIDE.finditer(self.lines[line]):
                for column, char in enumerate(run.group(), run.start()):
                    where.append(column)
                    extra.append(extra[-1] + self.codec.client_num_units(char) - 1)
            known = self._wide[line] = (where, extra)
        return known


def client_ranges(
    positions: ClientPositions, findings: Sequence[Finding]
) -> tuple[types.Range, ...]:
    """Each finding's span in the client's units (UTF-16 unless negotiated)."""
    ranges = []
    for finding in findings:
        span = finding.span
        start = positions.at(span.line - 1, span.col - 1)
        end = positions.at(max(span.end_line, span.line) - 1, max(span.end_col - 1, 0))
        ranges.append(types.Range(start=start, end=end))
    return tuple(ranges)
