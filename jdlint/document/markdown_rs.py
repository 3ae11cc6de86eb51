"""markdown-it-pyrs (the Rust port of markdown-it) to the token stream markdown-it-py gives.

The optional `fast` backend (`pip install 'jdlint[fast]'`). markdown-it-py stays the reference:
this module rebuilds, from the Rust syntax tree and its byte-offset source maps, exactly the
tokens the tree builder reads from markdown-it-py (types, line maps, heading tags, list
markers, inline `content` and its children). Where it cannot be sure of that (tabs, lazy
continuation lines with indentation, a node it does not know, a source map that does not
fit), it answers None and the page is tokenised by markdown-it-py instead: findings never
depend on the backend. `tests/test_markdown_rs.py` and `benchmarks/compare_backends.py` prove
the equivalence on the fixtures, a fuzz corpus and the real corpora.

The Rust tree differs from markdown-it-py's tokens in known ways, each handled here:
tight list items hold their inline nodes directly (markdown-it-py wraps them in hidden
paragraphs), inline content is not stored (it is cut from the source by the source maps,
container markers removed line by line as markdown-it's `getLines` does), an image's alt
`content` is its raw label, and text nodes before a trailing-space hard break end too late
(only the first and last inline node's ends are read, and those are checked against the text).

One module past 300 lines on purpose: it is one walk over one tree, and its certainty rules
(what makes it answer None) must be read together.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it_pyrs import Node
else:
    Node = Any

try:  # the `fast` extra; without it the backend is simply unavailable
    from markdown_it_pyrs import MarkdownIt as _RustMarkdownIt

    _RUST: Any = _RustMarkdownIt
except ImportError:  # pragma: no cover - exercised when the extra is not installed
    _RUST = None

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ORDERED_MARKER = re.compile(r"[0-9]{1,9}[.)]")
_CONTAINERS = {"blockquote", "bullet_list", "ordered_list", "list_item"}
_LEAVES = {"fence", "code_block", "html_block", "hr", "definition"}
_FORMATTING = {"em": ("em", "em"), "strong": ("strong", "strong"), "strikethrough": ("s", "s")}


def available() -> bool:
    """Whether markdown-it-pyrs is installed (the `fast` extra)."""
    return _RUST is not None


@lru_cache(maxsize=1)
def _parser() -> Any:
    return _RUST("commonmark").enable_many(["table", "strikethrough"])


class Unsure(Exception):
    """The Rust tree cannot be turned into markdown-it-py's tokens with certainty."""


def rust_tokens(masked: str) -> list[Token] | None:
    """markdown-it-py's tokens for `masked`, built from markdown-it-pyrs; None if unsure."""
    # tabs (column arithmetic) and escaped table pipes (split differently) are not rebuilt
    if _RUST is None or "\t" in masked or "\x00" in masked or "\\|" in masked:
        return None
    if "`" in masked and not _backticks_pair_by_line(masked):
        return None
    if "<" in masked:
        return None  # raw HTML: the generated-page suite finds HTML blocks ended apart
    if "|" in masked and _DELIMITER_ROW.search(masked):
        return None  # tables: the two parsers end them apart next to quotes and HTML blocks
    try:
        root = _parser().tree(masked)
        return _Converter(masked).document(root)
    except (Unsure, IndexError, KeyError, ValueError):
        return None
    except BaseException as error:  # a Rust panic (pyo3 PanicException is a BaseException)
        if isinstance(error, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        return None


_BACKTICK_RUN = re.compile(r"`+")
#: A table delimiter row: pages with a table go to markdown-it-py. The mutation suite found the
#: two parsers ending a table apart next to a lazy quote line and next to an HTML block, and
#: could not be made exact in the time there was.
_DELIMITER_ROW = re.compile(r"(?m)^ {0,3}(?=[^\n]*\|)(?=[^\n]*-)[|: -]+$")


def _backticks_pair_by_line(text: str) -> bool:
    """Whether every backtick run closes on its own line (table lines: in its own cell).

    markdown-it (Rust) 0.6 panics on a link label with an unclosed code span after it (`[``).
    Inline content is made of whole lines (or of one cell), so runs that pair up within each
    line pair up within every inline, and such a page cannot reach that panic; other pages,
    rare, go to markdown-it-py. Escaped or HTML-enclosed backticks are not tried to be read.
    """
    for line in text.split("\n"):
        if "`" not in line:
            continue
        if "\\`" in line or "<" in line:
            return False
        for piece in line.split("|"):
            runs = [len(m.group()) for m in _BACKTICK_RUN.finditer(piece)]
            index = 0
            while index < len(runs):  # a run opens a span closed by the next run as long
                try:
                    index = runs.index(runs[index], index + 1) + 1
                except ValueError:
                    return False
    return True


@dataclass(frozen=True, slots=True)
class _Item:
    """An open list item: content lines are stripped of up to `indent` columns of spaces."""

    indent: int


@dataclass(frozen=True, slots=True)
class _Quote:
    """An open block quote: content lines lose their `>` marker and one space."""


_Container = _Item | _Quote


class _Converter:
    """One page's Rust tree to tokens; offsets are converted from UTF-8 bytes to characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # byte offset of each non-ASCII character and the extra bytes up to and including it
        self.wide_at: list[int] = []
        self.wide_extra: list[int] = []
        extra = 0
        for match in _NON_ASCII.finditer(text):
            width = len(match.group().encode("utf-8")) - 1
            self.wide_at.append(match.start() + extra)
            extra += width
            self.wide_extra.append(extra)
        self.tokens: list[Token] = []

    # -- offsets -------------------------------------------------------------------------

    def char(self, byte: int) -> int:
        if not self.wide_at:
            return byte
        index = bisect_right(self.wide_at, byte - 1) - 1
        return byte - (self.wide_extra[index] if index >= 0 else 0)

    def span(self, node: Node) -> tuple[int, int]:
        if node.srcmap is None:
            raise Unsure(node.name)
        start, end = node.srcmap
        return self.char(start), self.char(end)

    def line(self, offset: int) -> int:
        """0-based line of a character offset."""
        return bisect_right(self.line_starts, offset) - 1

    def line_map(self, node: Node) -> list[int]:
        start, end = self.span(node)
        first = self.line(start)
        return [first, max(first + 1, self.line(max(end - 1, start)) + 1)]

    # -- blocks --------------------------------------------------------------------------

    def document(self, root: Node) -> list[Token]:
        self.blocks(root.children, (), 0)
        return self.tokens

    def push(self, kind: str, tag: str, nesting: int, level: int, **fields: Any) -> Token:
        token = Token(kind, tag, nesting, level=level, **fields)  # type: ignore[arg-type]
        self.tokens.append(token)
        return token

    def blocks(self, nodes: Sequence[Node], stack: tuple[_Container, ...], level: int) -> None:
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if node.name in _INLINE_NAMES:  # a tight list item's hidden paragraph
                end = index
                while end < len(nodes) and nodes[end].name in _INLINE_NAMES:
                    end += 1
                self.paragraph(nodes[index:end], None, stack, level)
                index = end
                continue
            self.block(node, stack, level)
            index += 1

    def block(self, node: Node, stack: tuple[_Container, ...], level: int) -> None:
        name = node.name
        if name == "paragraph":
            self.paragraph(node.children, node, stack, level)
        elif name in ("heading", "lheading"):
            self.heading(node, stack, level)
        elif name in ("bullet_list", "ordered_list"):
            self.list_block(node, stack, level)
        elif name == "blockquote":
            self.push("blockquote_open", "blockquote", 1, level, map=self.line_map(node))
            self.blocks(node.children, (*stack, _Quote()), level + 1)
            self.push("blockquote_close", "blockquote", -1, level)
        elif name == "table":
            self.table(node, stack, level)
        elif name in ("fence", "code_block", "html_block"):
            self.push(
                name,
                "code" if name != "html_block" else "",
                0,
                level,
                map=self.line_map(node),
                content=str(node.meta.get("content", "")),
                info=str(node.meta.get("info", "")),
            )
        elif name == "hr":
            self.push("hr", "hr", 0, level, map=self.line_map(node))
        elif name != "definition":  # reference definitions give no token in markdown-it-py
            raise Unsure(name)

    def paragraph(
        self,
        children: Sequence[Node],
        node: Node | None,
        stack: tuple[_Container, ...],
        level: int,
    ) -> None:
        if node is not None:
            start, end = self.span(node)
        else:
            start, end = self.span(children[0])[0], self.span(children[-1])[1]
        line_map = [self.line(start), self.line(max(end - 1, start)) + 1]
        self.push("paragraph_open", "p", 1, level, map=line_map)
        self.inline(children, start, end, stack, line_map, level + 1)
        self.push("paragraph_close", "p", -1, level)

    def heading(self, node: Node, stack: tuple[_Container, ...], level: int) -> None:
        tag = f"h{node.meta['level']}"
        line_map = self.line_map(node)
        self.push("heading_open", tag, 1, level, map=line_map)
        if node.children:
            start, end = self.span(node.children[0])[0], self.span(node.children[-1])[1]
        else:
            start = end = self.span(node)[0]
        self.inline(node.children, start, end, stack, line_map, level + 1)
        self.push("heading_close", tag, -1, level)

    def list_block(self, node: Node, stack: tuple[_Container, ...], level: int) -> None:
        kind = node.name
        tag = "ul" if kind == "bullet_list" else "ol"
        marker = str(node.meta.get("marker", ""))
        self.push(f"{kind}_open", tag, 1, level, map=self.line_map(node), markup=marker)
        for item in node.children:
            if item.name != "list_item":
                raise Unsure(item.name)
            self.push("list_item_open", "li", 1, level + 1, map=self.line_map(item), markup=marker)
            self.blocks(item.children, (*stack, _Item(self.item_indent(item))), level + 2)
            self.push("list_item_close", "li", -1, level + 1)
        self.push(f"{kind}_close", tag, -1, level)

    def item_indent(self, item: Node) -> int:
        """Column (from the line's start) where the item's content lines begin."""
        start = self.span(item)[0]
        line_start = self.line_starts[self.line(start)]
        marker = _ORDERED_MARKER.match(self.text, start)
        after = marker.end() if marker else start + 1
        line_end = self.text.find("\n", after)
        line_end = len(self.text) if line_end < 0 else line_end
        rest = self.text[after:line_end]
        spaces = len(rest) - len(rest.lstrip(" "))
        if not rest.strip() or spaces > 4:
            spaces = 1
        return after - line_start + spaces

    def table(self, node: Node, stack: tuple[_Container, ...], level: int) -> None:
        self.push("table_open", "table", 1, level, map=self.line_map(node))
        for part in node.children:
            tag = {"thead": "thead", "tbody": "tbody"}.get(part.name)
            if tag is None:
                raise Unsure(part.name)
            self.push(f"{tag}_open", tag, 1, level + 1, map=self.line_map(part))
            cell_tag = "th" if tag == "thead" else "td"
            for row in part.children:
                row_map = self.line_map(row)
                row_map = [row_map[0], row_map[0] + 1]
                self.push("tr_open", "tr", 1, level + 2, map=row_map)
                for cell in row.children:
                    self.push(f"{cell_tag}_open", cell_tag, 1, level + 3)
                    start, end = self.span(cell)
                    if "\n" in self.text[start:end]:
                        raise Unsure("cell")
                    self.inline(cell.children, start, end, stack, row_map, level + 4)
                    self.push(f"{cell_tag}_close", cell_tag, -1, level + 3)
                self.push("tr_close", "tr", -1, level + 2)
            self.push(f"{tag}_close", tag, -1, level + 1)
        self.push("table_close", "table", -1, level)

    # -- inline --------------------------------------------------------------------------

    def inline(
        self,
        children: Sequence[Node],
        start: int,
        end: int,
        stack: tuple[_Container, ...],
        line_map: list[int],
        level: int,
    ) -> None:
        content = self.content(start, end, stack)
        tokens: list[Token] = []
        self.inline_nodes(children, tokens)
        self.push("inline", "", 0, level, map=line_map, content=content, children=tokens)

    def content(self, start: int, end: int, stack: tuple[_Container, ...]) -> str:
        """markdown-it-py's inline content: the source lines without their container prefixes."""
        # a paragraph's source map keeps its last line's trailing spaces; markdown-it-py strips
        text = self.text[start:end].rstrip(" ")
        if text != text.strip():
            raise Unsure("content edges")
        if "\n" not in text:
            return text
        lines = text.split("\n")
        out = [lines[0]]
        for line in lines[1:]:
            out.append(_strip_prefix(line, stack))
        return "\n".join(out)

    def inline_nodes(self, nodes: Sequence[Node], out: list[Token]) -> None:
        for node in nodes:
            name = node.name
            if name in ("text", "text_special"):
                out.append(Token("text", "", 0, content=str(node.meta.get("content", ""))))
            elif name in ("softbreak", "hardbreak"):
                out.append(Token(name, "br", 0))
            elif name == "code_inline":
                code = "".join(str(c.meta.get("content", "")) for c in node.children)
                markup = str(node.meta.get("marker", "`")) * int(node.meta.get("marker_len", 1))
                out.append(Token("code_inline", "code", 0, content=code, markup=markup))
            elif name == "html_inline":
                out.append(Token("html_inline", "", 0, content=str(node.meta.get("content", ""))))
            elif name in _FORMATTING:
                tag = _FORMATTING[name][0]
                out.append(Token(f"{tag}_open", tag, 1))
                self.inline_nodes(node.children, out)
                out.append(Token(f"{tag}_close", tag, -1))
            elif name in ("link", "autolink"):
                attrs: dict[str, str | int | float] = {"href": str(node.meta.get("url", ""))}
                if node.meta.get("title"):
                    attrs["title"] = str(node.meta["title"])
                markup = "autolink" if name == "autolink" else ""
                out.append(Token("link_open", "a", 1, attrs=attrs, markup=markup))
                self.inline_nodes(node.children, out)
                out.append(Token("link_close", "a", -1, markup=markup))
            elif name == "image":
                out.append(self.image(node))
            else:
                raise Unsure(name)

    def image(self, node: Node) -> Token:
        """markdown-it-py's image: its content is the label's source text."""
        start = self.span(node)[0]
        if self.text[start : start + 2] != "![":
            raise Unsure("image")
        if node.children:
            label_end = self.span(node.children[-1])[1]
            if self.span(node.children[0])[0] != start + 2:
                raise Unsure("image label")
        else:
            label_end = start + 2
        if self.text[label_end : label_end + 1] != "]":
            raise Unsure("image label end")
        children: list[Token] = []
        self.inline_nodes(node.children, children)
        attrs: dict[str, str | int | float] = {"src": str(node.meta.get("url", "")), "alt": ""}
        if node.meta.get("title"):
            attrs["title"] = str(node.meta["title"])
        label = self.text[start + 2 : label_end]
        return Token("image", "img", 0, attrs=attrs, children=children or None, content=label)


_INLINE_NAMES = {
    "text",
    "text_special",
    "softbreak",
    "hardbreak",
    "code_inline",
    "html_inline",
    "em",
    "strong",
    "strikethrough",
    "link",
    "autolink",
    "image",
}


def _strip_prefix(line: str, stack: tuple[_Container, ...]) -> str:
    """A continuation line as markdown-it's `getLines` gives it to the inline parser.

    Block quote markers (and one space after each) go; then up to the innermost list item's
    indent in spaces. A line missing a marker (a lazy continuation) is only certain when it
    has no indentation left to strip.
    """
    pos = 0
    indent = 0
    for container in stack:
        if isinstance(container, _Item):
            indent = container.indent
            continue
        skipped = len(line) - pos - len(line[pos:].lstrip(" "))
        if (
            skipped < indent
            or skipped > indent + 3
            or line[pos + skipped : pos + skipped + 1] != ">"
        ):
            if line[pos : pos + 1] == " ":
                raise Unsure("lazy line")
            return line[pos:]
        pos += skipped + 1
        if line[pos : pos + 1] == " ":
            pos += 1
        indent = 0
    rest = line[pos:]
    spaces = len(rest) - len(rest.lstrip(" "))
    return rest[min(spaces, indent) :]
