"""The one offset <-> (line, column) index, and the conversions built on it.

Every conversion (the parser's spans, fix offsets from spans, suppression comments, inline
text maps, the language server's UTF-16 positions) goes through `jdlint.span.LineIndex`, so
these properties hold for all of them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pygls.workspace import PositionCodec

from jdlint.lsp.positions import ClientPositions
from jdlint.model import TextMap
from jdlint.span import LineIndex, Span

TEXTS = st.text(alphabet=st.sampled_from("ab \n\té😀"), max_size=60)


def _naive(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("", 0, (1, 1)),
        ("ab\ncd", 0, (1, 1)),
        ("ab\ncd", 2, (1, 3)),  # the newline belongs to the line it ends
        ("ab\ncd", 3, (2, 1)),
        ("ab\ncd", 5, (2, 3)),  # the end of the text
        ("ab\n", 3, (2, 1)),  # after a final newline: an empty last line
        ("\n\n", 1, (2, 1)),
    ],
)
def test_position(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex.of(text).position(offset) == expected


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(TEXTS, st.data())
def test_offset_and_position_are_inverse(text: str, data: st.DataObject) -> None:
    index = LineIndex.of(text)
    offset = data.draw(st.integers(0, len(text)))
    line, col = index.position(offset)
    assert (line, col) == _naive(text, offset)
    assert index.offset(line, col) == offset
    assert index.line_count == text.count("\n") + 1


def test_span_and_clamping() -> None:
    index = LineIndex.of("one\ntwo\n")
    assert index.span(1, 6) == Span(1, 2, 2, 3)
    assert index.position(-1) == (1, 0)  # before the text: still line 1, never an IndexError
    assert index.offset(9, 1) == index.offset(3, 1) == 8  # a line past the last: the last


def test_text_map_maps_raw_lines_to_file_columns() -> None:
    """A list item's raw text omits the markers: line 2 of raw begins at column 3 of line 8."""
    text_map = TextMap((7, 3, 8, 3))
    raw = "first\nsecond"
    assert text_map.position(raw, 2) == (7, 5)
    assert text_map.position(raw, 6) == (8, 3)
    assert text_map.span(raw, 6, 12) == Span(8, 3, 8, 9)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(TEXTS, st.data())
def test_client_positions_count_utf16_units(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    line, col = LineIndex.of(text).position(offset)
    prefix = text.split("\n")[line - 1][: col - 1]
    units = len(prefix.encode("utf-16-le")) // 2
    positions = ClientPositions.of(text, PositionCodec(types.PositionEncodingKind.Utf16))
    assert positions.at_offset(offset) == types.Position(line=line - 1, character=units)
