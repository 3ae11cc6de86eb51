"""markdown-it block tokens to `Block` and `Heading` nodes with spans, in document order."""

from __future__ import annotations

from markdown_it.token import Token

from jdlint.document.inline import build_inline
from jdlint.document.markdown import Parsed
from jdlint.model import Block, Heading, Inline, ListItem, Span, TextMap
from jdlint.span import shared_text_map


class BlockReader:
    """Turns the flat token stream into nested blocks; headings are kept at the top level."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.tokens = parsed.tokens
        self.source_lines = parsed.source.split("\n")
        self.masked_lines = parsed.masked.split("\n")
        self.anchors_by_line = {a.line: a.anchor for a in parsed.attributes if a.anchor}
        self.compact = dict(parsed.compact_headings)
        # A list item and the paragraph it opens with span the same lines: one Span for both.
        self.spans: dict[tuple[int, int], Span] = {}

    def read(self, start: int = 0, end: int | None = None) -> list[Block | Heading]:
        """The nodes of tokens [start, end) (all by default), which hold whole top-level
        blocks (`jdlint.document.chunks`)."""
        nodes, _ = self._sequence(start, None, len(self.tokens) if end is None else end)
        return nodes

    # -- token walking -------------------------------------------------------------------

    def _sequence(
        self, pos: int, closing: str | None, end: int | None = None
    ) -> tuple[list[Block | Heading], int]:
        nodes: list[Block | Heading] = []
        end = len(self.tokens) if end is None else end
        while pos < end:
            token = self.tokens[pos]
            if closing is not None and token.type == closing:
                return nodes, pos + 1
            node, pos = self._node(pos)
            if node is not None:
                nodes.append(node)
        return nodes, pos

    def _node(self, pos: int) -> tuple[Block | Heading | None, int]:
        token = self.tokens[pos]
        kind = token.type
        if kind == "heading_open":
            return self._heading(pos)
        if kind == "paragraph_open":
            inline = self._inline(self.tokens[pos + 1])
            return Block("paragraph", self._span(token), inline=inline), pos + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(pos)
        if kind == "table_open":
            return self._table(pos)
        if kind in ("fence", "code_block"):
            return Block("code", self._span(token), content=token.content), pos + 1
        if kind == "html_block":
            return Block("html", self._span(token), content=token.content), pos + 1
        if kind == "hr":
            return Block("rule", self._span(token)), pos + 1
        if kind == "blockquote_open":
            children, end = self._sequence(pos + 1, "blockquote_close")
            blocks = tuple(c for c in children if isinstance(c, Block))
            first = blocks[0].inline if blocks and blocks[0].inline else None
            return Block("quote", self._span(token), inline=first, items=()), end
        return None, pos + 1

    def _heading(self, pos: int) -> tuple[Heading, int]:
        opening = self.tokens[pos]
        inline = self._inline(self.tokens[pos + 1])
        level = int(opening.tag[1])
        span = self._span(opening)
        text = " ".join(inline.text.split())
        anchor = self.anchors_by_line.get(span.line)
        compact = span.line in self.compact
        if compact:
            level = self.compact[span.line]
        return Heading(level, text, span, inline, anchor, compact), pos + 3

    def _list(self, pos: int) -> tuple[Block, int]:
        opening = self.tokens[pos]
        closing = opening.type.replace("_open", "_close")
        items: list[ListItem] = []
        pos += 1
        while pos < len(self.tokens) and self.tokens[pos].type != closing:
            item_token = self.tokens[pos]
            children, pos = self._sequence(pos + 1, "list_item_close")
            blocks = [c for c in children if isinstance(c, Block)]
            inline = None
            if blocks and blocks[0].kind == "paragraph":
                inline = blocks.pop(0).inline
            items.append(
                ListItem(self._span(item_token), inline, tuple(blocks), item_token.markup or "-")
            )
        ordered = opening.type == "ordered_list_open"
        return Block("list", self._span(opening), items=tuple(items), ordered=ordered), pos + 1

    def _table(self, pos: int) -> tuple[Block, int]:
        opening = self.tokens[pos]
        rows: list[tuple[Inline, ...]] = []
        cells: list[Inline] = []
        cursor = 0
        pos += 1
        while self.tokens[pos].type != "table_close":
            token = self.tokens[pos]
            if token.type == "tr_open":
                cells, cursor = [], 0
            elif token.type == "tr_close":
                rows.append(tuple(cells))
            elif token.type == "inline" and token.map:
                line = token.map[0]
                source = self.masked_lines[line]
                found = source.find(token.content, cursor) if token.content else -1
                col = found + 1 if found >= 0 else cursor + 1
                cursor = found + len(token.content) if found >= 0 else cursor
                cells.append(self._inline(token, shared_text_map((line + 1, col))))
            pos += 1
        return Block("table", self._span(opening), rows=tuple(rows)), pos + 1

    # -- helpers -------------------------------------------------------------------------

    def _inline(self, token: Token, text_map: TextMap | None = None) -> Inline:
        return build_inline(token, self.source_lines, self.masked_lines, text_map)

    def _span(self, token: Token) -> Span:
        """A block's span: first non-blank character of its first line to its last line's end."""
        start, end = token.map if token.map else (0, 1)
        lines = (start, end)
        known = self.spans.get(lines)
        if known is not None:
            return known
        end = max(end, start + 1)
        while end - 1 > start and not self.masked_lines[end - 1].strip():
            end -= 1
        first = self.masked_lines[start] if start < len(self.masked_lines) else ""
        last = self.masked_lines[end - 1] if end - 1 < len(self.masked_lines) else ""
        col = len(first) - len(first.lstrip()) + 1
        span = self.spans[lines] = Span(start + 1, col, end, len(last.rstrip()) + 1)
        return span
