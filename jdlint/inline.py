"""Inline content: raw source with exact positions, a masked copy for prose checks, plain text.

markdown-it gives inline tokens a line range but no columns, and drops container markers
(list bullets, quote markers, indentation) from their content. Each content line is a suffix
of its source line, so aligning the two by their ends recovers exact columns.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from jdlint.model import Inline, Link, Span, TextMap
from jdlint.marks import MASK, OPAQUE

if TYPE_CHECKING:
    from markdown_it.token import Token

_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_LINK_DEST = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^<>\s]*>|<[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w\-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_INLINE_LINK = re.compile(
    r"\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)


def align(masked_lines: list[str], first_line: int, content: str) -> TextMap:
    """Find where each line of inline `content` starts in the (masked) file lines."""
    starts = []
    for number, text in enumerate(content.split("\n")):
        line_index = first_line + number
        source = masked_lines[line_index] if line_index < len(masked_lines) else ""
        starts.append((line_index + 1, _column(source, text)))
    return TextMap(tuple(starts))


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
    out = []
    for (line, col), text in zip(text_map.starts, content.split("\n")):
        source = source_lines[line - 1] if line - 1 < len(source_lines) else ""
        piece = source[col - 1 : col - 1 + len(text)]
        out.append(piece if len(piece) == len(text) else text)
    return "\n".join(out)


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
    return Inline(raw, masked, plain_text(token), text_map, links)


#: Each masking pattern with a character it cannot match without, to skip it cheaply.
_MASKS = (
    (_CODE_SPAN, "`"),
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
    if not patterns and OPAQUE not in content:
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
    for pattern in dict.fromkeys(patterns):
        for match in pattern.finditer(content):
            if pattern is _LINK_DEST:
                blank(match.start() + 1, match.end())
            else:
                blank(*match.span())
    return "".join(chars)


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
    text = "".join(parts).replace(OPAQUE, "")
    return re.sub(r"[ \t]+", " ", text).strip()


def _links(token: Token, raw: str, content: str, text_map: TextMap) -> tuple[Link, ...]:
    children = token.children or ()
    if not any(child.type == "link_open" for child in children):
        return ()
    candidates = [(m.start(), m.end(), m.group(2).strip("<>")) for m in _INLINE_LINK.finditer(content)]
    links: list[Link] = []
    cursor = 0
    for i, child in enumerate(children):
        if child.type != "link_open":
            continue
        href = str(child.attrs.get("href", ""))
        text = _text_until_close(children, i + 1)
        autolink = child.markup == "autolink"
        span: Span | None = None
        if autolink:
            found = _AUTOLINK.search(content, cursor)
            if found:
                span, cursor = text_map.span(raw, *found.span()), found.end()
        else:
            for index, (start, end, dest) in enumerate(candidates):
                if start >= cursor and _same_target(dest, href):
                    span, cursor = text_map.span(raw, start, end), end
                    candidates = candidates[index + 1 :]
                    break
        if span is None:
            position = content.find(text, cursor) if text else -1
            start = position if position >= 0 else 0
            span = text_map.span(raw, start, start + max(len(text), 1))
        links.append(Link(text, href, span, autolink))
    return tuple(links)


def _text_until_close(children: list[Token] | tuple[Token, ...], start: int) -> str:
    parts = []
    for child in children[start:]:
        if child.type == "link_close":
            break
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).replace(OPAQUE, "")


def _same_target(written: str, href: str) -> bool:
    if written == href:
        return True
    # markdown-it percent-encodes and unescapes destinations; compare loosely.
    from urllib.parse import unquote

    return unquote(written.replace("\\", "")) == unquote(href)
