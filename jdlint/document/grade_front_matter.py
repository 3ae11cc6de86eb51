"""A page's grade in its front matter: `grade: 7`, `grade: GS-13`, `band: 6`, `level: L5`
(YAML or TOML), read like a table cell, with the span of its line.
"""

from __future__ import annotations

import re

from jdlint.document.grade_tables import read_cell
from jdlint.model import Document, GradeStatement, Span

FRONT_MATTER_KEYS = ("grade", "job_grade", "job-grade", "band", "pay_band", "pay-band")
# `level: L5` states a grade only when the value reads as one ("level: senior" does not)
_LEVEL_KEYS = ("level", "job_level", "job-level")


def front_matter_grade(document: Document) -> GradeStatement | None:
    """`grade: 7`, `grade: GS-13`, `band: 6` or `level: L5` in a page's front matter, with the span
    of its line (the first key that states a grade)."""
    front = document.front_matter
    if front is None or front.error:
        return None
    for key in (*FRONT_MATTER_KEYS, *_LEVEL_KEYS):
        if key not in front.data or isinstance(front.data[key], (dict, list, bool)):
            continue
        raw = str(front.data[key]).strip()
        notation, values = read_cell(raw)
        if key in _LEVEL_KEYS and not values:
            continue
        if key in _LEVEL_KEYS and notation == "grade":
            notation = "level"  # `level: 3` is a level number, not a grade
        line = _key_line(document.source, key, front.span)
        length = len(document.source.split("\n")[line - 1])
        span = Span(line, 1, line, length + 1)
        return GradeStatement(
            raw=raw,
            values=values,
            span=span,
            sentence_span=span,
            title=document.title,
            title_span=document.title_span,
            source="front-matter",
            notation=notation or "grade",
        )
    return None


def _key_line(source: str, key: str, span: Span) -> int:
    found = re.search(rf"^{re.escape(key)}\s*[:=]", source, re.MULTILINE)  # YAML or TOML
    return source.count("\n", 0, found.start()) + 1 if found else span.line
