"""A page read chunk by chunk, each chunk's tokens and nodes kept for the page's next version.

The language server reads the whole buffer again on every keystroke; on a long page (300 KB:
0.2 s of tokens, 0.1 s of nodes) nearly all of that is what the keystroke before gave.
`ChunkMemo` cuts the page where markdown-it's reading cannot depend on what lies on either
side, and keeps each chunk's tokens and nodes under its text and place, so that a keystroke
reads one chunk again.

A chunk starts at an ATX heading in the first column after a blank line (or at the top): a
top-level CommonMark block ends there. A paragraph, a table, a setext heading and an HTML
block of types 6-7 end at the blank line; a list, a block quote and indented code at a line
that is neither indented nor a continuation ("#" marks no list item, and only paragraph text
continues lazily). What can run on is a block that ends only at its closing line (a fence,
an HTML block of types 1-5 such as a comment) and markdown-it's nesting limit (it skips the
rest of the page). So each chunk is read with the next chunk's heading line after it, and
kept only if that line comes out as a heading of its own at the top level. A link reference
definition is the other thing that crosses chunks (a link may use one defined anywhere): a
page with one is read whole. Tests compare the chunked tokens and trees with the whole page's
on every fixture page, the shared corpora and random edits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

    from jdlint.document.blocks import BlockReader
    from jdlint.model import Block, Heading

_HEADING_START = re.compile(r"#{1,6}(?:[ \t]|$)")
#: A page with fewer chunks is read whole: it gains nothing from the memo.
MIN_CHUNKS = 8

#: markdown-it's tokens for a text, and whether the text defines a link reference.
Parse = Callable[[str], tuple[list["Token"], bool]]


@dataclass(frozen=True, slots=True)
class Chunk:
    """Lines [first, first + lines) of a page (0-based), and its tokens [start, end) in the
    page's token list."""

    first: int
    lines: int
    start: int
    end: int


def chunk_starts(lines: list[str]) -> list[int]:
    """The first line of each chunk (see the module's docstring)."""
    starts = [0]
    for number in range(1, len(lines)):
        line = lines[number]
        if line[:1] == "#" and _HEADING_START.match(line) and not lines[number - 1].strip(" \t"):
            starts.append(number)
    return starts


class ChunkMemo:
    """What the last version of one page gave, chunk by chunk; held by whoever reads that page
    again and again (`jdlint.lsp.buffer`), one per page. It keeps only the chunks of the last
    version, so it holds about one page's tokens and nodes."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, int, str | None], list[Token]] = {}
        self._nodes: dict[tuple[object, ...], list[Block | Heading]] = {}

    def tokens(self, masked: str, parse: Parse) -> tuple[list[Token], tuple[Chunk, ...]] | None:
        """The page's tokens and its chunks, or None when it is to be read whole (few chunks,
        a chunk that runs on, a link reference definition)."""
        lines = masked.split("\n")
        starts = chunk_starts(lines)
        if len(starts) < MIN_CHUNKS:
            return None
        out: list[Token] = []
        chunks: list[Chunk] = []
        used: dict[tuple[str, int, str | None], list[Token]] = {}
        for first, end in zip(starts, [*starts[1:], len(lines)]):
            after = lines[end] if end < len(lines) else None
            key = ("\n".join(lines[first:end]), first, after)
            found = self._tokens.get(key)
            if found is None:
                found = _read(key[0], first, end - first, after, parse)
                if found is None:
                    return None
            used[key] = found
            chunks.append(Chunk(first, end - first, len(out), len(out) + len(found)))
            out.extend(found)
        self._tokens = used
        return out, tuple(chunks)

    def nodes(self, chunks: tuple[Chunk, ...], reader: BlockReader) -> list[Block | Heading]:
        """The page's nodes, chunk by chunk: a chunk's nodes are decided by its tokens (by its
        masked text and place), its source text, and the kramdown anchors and compact headings
        on its lines."""
        firsts = [chunk.first for chunk in chunks]
        anchors = _by_chunk(reader.anchors_by_line, firsts)
        compact = _by_chunk(reader.compact, firsts)
        out: list[Block | Heading] = []
        used: dict[tuple[object, ...], list[Block | Heading]] = {}
        for number, chunk in enumerate(chunks):
            last = chunk.first + chunk.lines
            key = (
                "\n".join(reader.masked_lines[chunk.first : last]),
                "\n".join(reader.source_lines[chunk.first : last]),
                chunk.first,
                anchors.get(number, ()),
                compact.get(number, ()),
            )
            found = self._nodes.get(key)
            if found is None:
                found = reader.read(chunk.start, chunk.end)
            used[key] = found
            out.extend(found)
        self._nodes = used
        return out


def _read(text: str, first: int, count: int, after: str | None, parse: Parse) -> list[Token] | None:
    """One chunk's tokens, their lines those of the page; None if the chunk runs on into the
    next (its heading line is not a heading of its own) or defines a link reference."""
    tokens, references = parse(text if after is None else f"{text}\n{after}")
    if references:
        return None
    if after is not None:
        if len(tokens) < 3:
            return None
        heading = tokens[-3]
        if (
            heading.type != "heading_open"
            or heading.level != 0
            or heading.map != [count, count + 1]
        ):
            return None
        del tokens[-3:]
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + first, token.map[1] + first]
    return tokens


def _by_chunk(by_line: Mapping[int, object], firsts: list[int]) -> dict[int, tuple[object, ...]]:
    """(line, value) pairs of 1-based `by_line`, grouped by the chunk their line is in."""
    grouped: dict[int, list[tuple[int, object]]] = {}
    for line, value in sorted(by_line.items()):
        grouped.setdefault(bisect_right(firsts, line - 1) - 1, []).append((line, value))
    return {number: tuple(pairs) for number, pairs in grouped.items()}
