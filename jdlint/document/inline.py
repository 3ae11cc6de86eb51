"""Inline content: raw source with exact positions, a masked copy for prose checks, plain text.

markdown-it gives inline tokens a line range but no columns, and drops container markers
(list bullets, quote markers, indentation) from their content. Each content line is a suffix
of its source line, so aligning the two by their ends recovers exact columns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote

from jdlint.document.marks import MASK, OPAQUE
from jdlint.model import Inline, Link, Span, TextMap, shared_inline
from jdlint.span import LineIndex, shared_text_map

if TYPE_CHECKING:
    from markdown_it.token import Token

_BACKTICKS = re.compile(r"`+")
_BLANKS = re.compile(r"[ \t]+")
_LINK_DEST = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*>|<[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+>"
)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w\-]*(?:\s[^<>]*)?/?>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_LINK = re.compile(
    r"\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
#: How far past the previous link the text of a reference link is looked for.
_TEXT_WINDOW = 16_384


def align(masked_lines: list[str], first_line: int, content: str) -> TextMap:
    """Find where each line of inline `content` starts in the (masked) file lines."""
    if "\n" not in content:  # most runs: one line
        source = masked_lines[first_line] if first_line < len(masked_lines) else ""
        return shared_text_map((first_line + 1, _column(source, content)))
    flat: list[int] = []
    for number, text in enumerate(content.split("\n")):
        line_index = first_line + number
        source = masked_lines[line_index] if line_index < len(masked_lines) else ""
        flat += (line_index + 1, _column(source, text))
    return shared_text_map(tuple(flat))


def _column(source: str, text: str) -> int:
    if source.endswith(text):
        return len(source) - len(text) + 1
    stripped, wanted = source.rstrip(), text.rstrip()
    if wanted and stripped.endswith(wanted):
        return len(stripped) - len(wanted) + 1
    found = source.find(text.strip())
    return found + 1 if found >= 0 else 1


def raw_text(source_lines: list[str], text_map: TextMap, content: str) -> str:
    """The original file text at the places `content` was aligned to (same length)."""
    flat = text_map.flat
    if "\n" not in content and len(flat) == 2:  # most runs: one line
        source = source_lines[flat[0] - 1] if flat[0] - 1 < len(source_lines) else ""
        piece = source[flat[1] - 1 : flat[1] - 1 + len(content)]
        return piece if len(piece) == len(content) and piece != content else content
    out = []
    for index, text in enumerate(content.split("\n")[: len(flat) // 2]):
        line, col = flat[2 * index], flat[2 * index + 1]
        source = source_lines[line - 1] if line - 1 < len(source_lines) else ""
        piece = source[col - 1 : col - 1 + len(text)]
        out.append(piece if len(piece) == len(text) else text)
    joined = "\n".join(out)
    return content if joined == content else joined


def build_inline(
    token: Token, source_lines: list[str], masked_lines: list[str], text_map: TextMap | None = None
) -> Inline:
    content = token.content
    first = token.map[0] if token.map else 0
    if text_map is None:
        text_map = align(masked_lines, first, content)
    raw = raw_text(source_lines, text_map, content)
    masked = mask_prose(raw, content)
    links = _links(token, raw, content, text_map)
    text = plain_text(token)
    # Most runs are plain prose: one string object then serves as raw, masked and text.
    return shared_inline(raw, masked, text, text_map, links)


#: Each masking pattern with a text it cannot match without, to skip it cheaply.
_MASKS = (
    (_LINK_DEST, "]("),
    (_AUTOLINK, "<"),
    (_HTML_TAG, "<"),
    (_BARE_URL, "://"),
    (_BARE_URL, "www."),
    (_EMAIL, "@"),
)


def mask_prose(raw: str, content: str) -> str:
    """Blank out what is not prose, keeping every offset. `content` is what markdown-it saw."""
    patterns = [p for p, needle in _MASKS if needle in content]
    special = "`" in content or "<!--" in content or OPAQUE in content
    if not patterns and not special:
        return raw
    chars = list(raw)

    def blank(start: int, end: int) -> None:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = MASK

    if OPAQUE in content:
        for i, char in enumerate(content):
            if char == OPAQUE and i < len(chars):
                chars[i] = MASK
    if "`" in content:
        for start, end in code_spans(content):
            blank(start, end)
    # An unclosed "<!--" cannot match, so the search stops at the last "-->": without that,
    # every unclosed opener would scan to the end of the text (quadratic on hostile input).
    comments_end = content.rfind("-->") + 3
    if comments_end > 2:
        for match in _HTML_COMMENT.finditer(content, 0, comments_end):
            blank(*match.span())
    for pattern in dict.fromkeys(patterns):
        for match in pattern.finditer(content):
            if pattern is _LINK_DEST:
                blank(match.start() + 1, match.end())
            else:
                blank(*match.span())
    return "".join(chars)


def code_spans(content: str) -> list[tuple[int, int]]:
    """Code spans as CommonMark defines them: a backtick run closed by the next run of the
    same length. Linear: runs are grouped by length instead of re-scanned for each opener."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(content)]
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, (start, end) in enumerate(runs):
        by_length[end - start].append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        position = bisect_right(same, index)
        if position == len(same):
            index += 1  # no closing run: the backticks are literal
            continue
        closing = same[position]
        spans.append((start, runs[closing][1]))
        index = closing + 1
    return spans


def plain_text(token: Token) -> str:
    """Rendered text: link text and code kept, markup, HTML and template tags dropped."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    text = "".join(parts)
    if OPAQUE in text:
        text = text.replace(OPAQUE, "")
    if "\t" in text or "  " in text:  # else each run of blanks is one space already
        text = _BLANKS.sub(" ", text)
    return text.strip()


def _links(token: Token, raw: str, content: str, text_map: TextMap) -> tuple[Link, ...]:
    """Each link token with the span of its source text.

    Linear in the paragraph: source candidates are looked up by destination and consumed left
    to right, so a line with 100,000 links costs no more per link than a line with one.
    """
    # Links start at "[" (inline, reference) or "<" (autolink): most runs hold neither.
    if "[" not in content and "<" not in content:
        return ()
    children = token.children or ()
    if not any(child.type == "link_open" for child in children):
        return ()
    inline_links = _Candidates(
        (m.start(), m.end(), m.group(2).strip("<>")) for m in _INLINE_LINK.finditer(content)
    )
    autolinks = _Candidates((m.start(), m.end(), "") for m in _AUTOLINK.finditer(content))
    positions = _Positions(raw, text_map)
    links: list[Link] = []
    cursor = 0
    for i, child in enumerate(children):
        if child.type != "link_open":
            continue
        href = str(child.attrs.get("href", ""))
        text = _text_until_close(children, i + 1)
        autolink = child.markup == "autolink"
        found = autolinks.next(cursor) if autolink else inline_links.take(href, cursor)
        if found is not None:
            start, end = found
        else:  # a reference link: point at its text, looked for close by to stay linear
            limit = cursor + _TEXT_WINDOW + len(text)
            position = content.find(text, cursor, limit) if text else -1
            start = position if position >= 0 else cursor
            end = start + max(len(text), 1)
        cursor = max(cursor, min(end, len(content)))
        links.append(Link(text, href, positions.span(start, end), autolink))
    return tuple(links)


class _Candidates:
    """Link sources found by regex, indexed by destination, consumed in document order."""

    def __init__(self, found: Iterable[tuple[int, int, str]]) -> None:
        self.ordered: deque[tuple[int, int]] = deque()
        self.exact: dict[str, deque[tuple[int, int]]] = defaultdict(deque)
        self.loose: dict[str, deque[tuple[int, int]]] = defaultdict(deque)
        for start, end, dest in found:
            self.ordered.append((start, end))
            self.exact[dest].append((start, end))
            # markdown-it percent-encodes and unescapes destinations; compare loosely too.
            self.loose[unquote(dest.replace("\\", ""))].append((start, end))

    def next(self, cursor: int) -> tuple[int, int] | None:
        """The first source at or after `cursor`, whatever its destination (autolinks)."""
        while self.ordered and self.ordered[0][0] < cursor:
            self.ordered.popleft()
        return self.ordered[0] if self.ordered else None

    def take(self, href: str, cursor: int) -> tuple[int, int] | None:
        """The first unused source at or after `cursor` whose destination is `href`."""
        best: tuple[int, int] | None = None
        for queue in (self.exact.get(href), self.loose.get(unquote(href))):
            while queue and queue[0][0] < cursor:
                queue.popleft()
            if queue and (best is None or queue[0] < best):
                best = queue[0]
        return best


class _Positions:
    """Offsets in an inline's `raw` text to file spans: the raw text's `LineIndex`, then the
    text map from each raw line to where it begins in the file."""

    def __init__(self, raw: str, text_map: TextMap) -> None:
        self.raw_lines = LineIndex.of(raw)
        self.starts = text_map.starts

    def position(self, offset: int) -> tuple[int, int]:
        raw_line, raw_col = self.raw_lines.position(offset)
        line, col = self.starts[min(raw_line, len(self.starts)) - 1]
        return line, col + raw_col - 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))


def _text_until_close(children: Sequence[Token], start: int) -> str:
    parts = []
    for index in range(start, len(children)):
        child = children[index]
        if child.type == "link_close":
            break
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).replace(OPAQUE, "")
