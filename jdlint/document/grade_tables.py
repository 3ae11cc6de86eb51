"""Title/grade tables ("matrices"): every table whose header has a grade (or band) column.

Read once when a page is built. A cell with "A <br> B" holds two titles; markup is dropped
from titles and grades; a title that links to another page marks a role described there. A
grade cell is read as a number ("7", "Grade 6-7") or in a notation of `rules/grades.yml`
("Band 8a", "GS-13", "D3"); a salary ("£38,249") reads as no grade.
"""

from __future__ import annotations

import re

from jdlint.document.grade_notations import read_value
from jdlint.document.grade_statements import parse_values
from jdlint.document.section_names import normalise_heading
from jdlint.model import Block, GradeStatement, Inline, MatrixRow, MatrixTable, Span

_TITLE_HEADS = frozenset({"title", "role", "position", "job", "name"})
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKUP = re.compile(r"\]\([^)]*\)|[\[\]*_`]")


_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")  # "Grade 7 (spine points 30-35)"


def read_cell(raw: str) -> tuple[str, tuple[float, ...]]:
    """A grade written as a whole value (a cell, a front-matter value): its notation and values;
    ("", ()) when it reads as no grade ("£38,249", "TBD", "Senior")."""
    for text in dict.fromkeys((raw, _ASIDE.sub("", raw))):
        numbers = parse_values(text)
        if numbers:
            return "grade", numbers
    return read_value(raw)


def grade_tables(blocks: tuple[Block, ...]) -> tuple[MatrixTable, ...]:
    tables = []
    for block in blocks:
        if block.kind == "table" and len(block.rows) >= 2:
            rows = _table_rows(block)
            if rows:
                tables.append(MatrixTable(block.span, tuple(rows)))
    return tuple(tables)


def _table_rows(block: Block) -> list[MatrixRow]:
    header = [normalise_heading(cell.text) for cell in block.rows[0]]
    grade_col = next((i for i, h in enumerate(header) if "grade" in h.split()), None)
    if grade_col is None:
        # "| Role | Band |" (NHS); not "Salary band", which holds pay ranges
        grade_col = next((i for i, h in enumerate(header) if h == "band"), None)
    # "| Level | Title | Grade |": the column headed as a title, else the first other one
    others = [i for i in range(len(header)) if i != grade_col]
    named = [i for i in others if set(header[i].split()) & _TITLE_HEADS]
    title_col = (named or others)[0] if others else None
    if grade_col is None or title_col is None:
        return []
    out = []
    for row in block.rows[1:]:
        if len(row) <= max(title_col, grade_col):
            continue
        title_cell, grade_cell = row[title_col], row[grade_col]
        grade = " ".join(_MARKUP.sub(" ", grade_cell.masked.replace("\x1a", " ")).split())
        notation, values = read_cell(grade)
        for start, end in _parts(title_cell):
            title = " ".join(_MARKUP.sub(" ", title_cell.raw[start:end]).split())
            if not title:
                continue
            span = title_cell.span(start, end)
            elsewhere = any(
                link.target and not link.target.startswith("#") and _within(link.span, span)
                for link in title_cell.links
            )
            out.append(
                MatrixRow(
                    title=title,
                    grade=grade,
                    values=values,
                    title_span=span,
                    grade_span=grade_cell.span(0, len(grade_cell.raw)),
                    table_line=block.span.line,
                    elsewhere=elsewhere,
                    notation=notation or "grade",
                )
            )
    return out


def _within(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.col) <= (inner.line, inner.col) and (
        inner.end_line,
        inner.end_col,
    ) <= (outer.end_line, outer.end_col)


def _parts(cell: Inline) -> list[tuple[int, int]]:
    """Offsets of the titles in a cell, split at <br>, without surrounding spaces."""
    parts, start = [], 0
    for match in [*_BREAK.finditer(cell.raw), None]:
        end = match.start() if match else len(cell.raw)
        piece = cell.raw[start:end]
        lead = len(piece) - len(piece.lstrip())
        parts.append((start + lead, start + len(piece.rstrip())))
        start = match.end() if match else end
    return [p for p in parts if p[1] > p[0]]


# "| **Grade** | Grade 7 |", "| Band | 6 |": the label cell of a two-column key/value table
_GRADE_KEYS = frozenset(
    {"grade", "band", "job grade", "pay grade", "pay band", "salary grade", "grade level"}
)
_LEVEL_KEYS = frozenset({"level", "job level", "career level"})


def key_value_grades(blocks: tuple[Block, ...]) -> tuple[GradeStatement, ...]:
    """The grade rows of two-column key/value tables (a vacancy's summary table): the page's own
    grade, read like a matrix cell. A "Level" row counts only when its value reads as a grade
    ("L5", "IC3"); "Level | Senior" is no grade."""
    found = []
    for block in blocks:
        if block.kind != "table" or not block.rows or any(len(r) != 2 for r in block.rows):
            continue
        for key_cell, value_cell in block.rows:
            key = normalise_heading(_MARKUP.sub(" ", key_cell.masked)).lower()
            if key not in _GRADE_KEYS and key not in _LEVEL_KEYS:
                continue
            raw = " ".join(_MARKUP.sub(" ", value_cell.masked.replace("\x1a", " ")).split())
            notation, values = read_cell(raw)
            if key in _LEVEL_KEYS and (not values or notation == "grade"):
                continue
            span = value_cell.span(0, len(value_cell.raw))
            found.append(
                GradeStatement(
                    raw=raw,
                    values=values,
                    span=span,
                    sentence_span=span,
                    source="table",
                    notation=notation or "grade",
                    subject="label",
                )
            )
    return tuple(found)
