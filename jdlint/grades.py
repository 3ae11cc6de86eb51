"""Grade statements: find "The X is a [grade 8](...)" and its variants in a role's text."""

from __future__ import annotations

import re

from jdlint.model import Block, GradeStatement, Inline, Link, Span, block_inlines

_NUMBER = r"\d{1,2}(?:\.\d)?"
_VALUE = rf"{_NUMBER}(?:\s*(?:/|-|–|or|to|and)\s*{_NUMBER})?"
# "grade 8", "job grade [level 10]", "[grade #9]", "Grade: 8", "grade [9]"
_GRADE_WORD = re.compile(
    rf"\b(?:job\s+)?grade\b\s*:?\s*(?:of\s+)?\[?\s*(?:level\s+)?#?\s*(?P<value>{_VALUE})\b\]?",
    re.IGNORECASE,
)
# "is a [8](link)": a linked number after "is a", without the word grade
_LINKED_NUMBER = re.compile(rf"\b(?:is|are)\s+(?:an?\s+)?\[\s*(?P<value>{_VALUE})\s*\]", re.IGNORECASE)
_TITLE = re.compile(
    r"(?:^|(?<=[.!?:]\s))\s*(?:The|An?)\s+(?P<title>[^.!?:\n]{2,120}?)\s+"
    r"(?:role\s+)?(?:is|are|will\s+be)\s+(?:at\s+)?(?:an?\s+)?(?:(?:job\s+)?grade|\[|level)",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:/|-|–|\bor\b|\bto\b|\band\b)\s*")


def parse_values(raw: str) -> tuple[float, ...]:
    """"8" -> (8,), "8/9" -> (8, 9), "10 or 11" -> (10, 11); unparseable -> ()."""
    values = []
    for part in _SPLIT.split(raw.strip()):
        try:
            values.append(float(part))
        except ValueError:
            return ()
    return tuple(values)


def find_grade(inline: Inline) -> GradeStatement | None:
    """The first grade statement in one run of inline text."""
    masked = inline.masked
    match = _GRADE_WORD.search(masked) or _LINKED_NUMBER.search(masked)
    if match is None:
        return None
    value = match.group("value")
    start, end = match.span("value")
    link = _link_at(inline.links, inline.span(start, end))
    sentence_start = max(masked.rfind(". ", 0, match.start()) + 2, 0)
    if sentence_start == 1:
        sentence_start = 0
    sentence_end = masked.find(". ", match.end())
    sentence_end = len(masked) if sentence_end < 0 else sentence_end + 1
    title = title_span = None
    found = _TITLE.search(masked, sentence_start, match.end())
    if found:
        title = " ".join(inline.raw[found.start("title") : found.end("title")].split())
        title_span = inline.span(found.start("title"), found.end("title"))
    return GradeStatement(
        raw=value,
        values=parse_values(value),
        span=inline.span(start, end),
        sentence_span=inline.span(sentence_start, sentence_end),
        title=title,
        title_span=title_span,
        link=link,
    )


def _link_at(links: tuple[Link, ...], span: Span) -> Link | None:
    for link in links:
        if (link.span.line, link.span.col) <= (span.line, span.col) and (
            span.end_line,
            span.end_col,
        ) <= (link.span.end_line, link.span.end_col):
            return link
    return None


def grade_in_blocks(blocks: tuple[Block, ...] | list[Block]) -> GradeStatement | None:
    for block in blocks:
        if block.kind not in ("paragraph", "list"):
            continue
        for inline in block_inlines(block):
            found = find_grade(inline)
            if found:
                return found
    return None
