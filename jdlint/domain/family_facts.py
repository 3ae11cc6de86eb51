"""What a page says about its family's titles and grades, gathered once for the grade/title rules.

A grade can be stated in a role's Job Grade section or intro, in a matrix row, or in front matter;
a title appears as a heading, as the subject of a grade statement, as a matrix row, or in a
plain-text page as "As an SMB Named Account Executive, you will ...". The rules compare these
claims; this module only collects them, with their spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jdlint.document.grade_front_matter import front_matter_grade
from jdlint.document.grade_notations import notation_key, notation_label
from jdlint.document.grade_statements import grades_in_blocks, looks_like_title
from jdlint.document.grade_tables import key_value_grades
from jdlint.domain.family_membership import INDEX_PAGES
from jdlint.fs import path_text
from jdlint.model import Block, Document, GradeStatement, MatrixRow, Role, Span, block_inlines

_AS_AN = re.compile(
    r"(?:^|(?<=[.!?]\s))As\s+an?\s+(?P<title>[A-Z][\w&'’\- ,]{2,80}?)\s*(?:,|\s+you\b)"
)
_JOB_FAMILY = re.compile(r"\s+job\s+family\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GradeClaim:
    """One statement that a title has a grade: where, what it says, and where it comes from."""

    title: str
    values: tuple[float, ...]
    raw: str
    span: Span
    source: str  # "statement" | "matrix" | "table" (a key/value row) | "front-matter"
    role: Role | None = None
    statement: GradeStatement | None = None
    # What grades are compared within ("Band 7" never disagrees with "Grade 7"): grade, bands,
    # gs, "level D" (a level code's letters are its track), level (a bare level number).
    notation: str = "grade"

    @property
    def where(self) -> str:
        names = {"statement": "grade statement", "matrix": "matrix row", "table": "table row"}
        return f"{names.get(self.source, self.source)} at line {self.span.line}"

    @property
    def label(self) -> str:
        """The grade as the page writes it, for messages: "grade 7", "Band 6", "GS-13"."""
        return describe(self.values, self.raw, self.notation)


def grade_rows(document: Document) -> tuple[MatrixRow, ...]:
    """Rows of every title/grade table of the page (read once, when the page was built)."""
    return tuple(row for table in document.grade_tables for row in table.rows)


def role_statements(role: Role) -> list[GradeStatement]:
    """The grade statements in a role's own Job Grade section and intro, in order."""
    return list(role.statements)


def grade_claims(document: Document) -> list[GradeClaim]:
    """Every grade the page states for a title: role statements, matrix rows, front matter, and
    on a one-role page its key/value table and the sentences about "this post"."""
    claims: list[GradeClaim] = []
    for role in document.roles:
        for statement in role_statements(role):
            claims.append(_statement_claim(statement, role))
    for row in grade_rows(document):
        claims.append(
            GradeClaim(
                row.title, row.values, row.grade, row.grade_span, "matrix", notation=row.notation
            )
        )
    front = front_matter_grade(document)
    if front is not None and front.title:
        claims.append(
            GradeClaim(
                front.title,
                front.values,
                front.raw,
                front.span,
                "front-matter",
                notation=notation_key(front.notation, front.raw),
            )
        )
    if len(document.roles) == 1:
        claims += _post_claims(document, document.roles[0])
    if path_text.name(document.path) in INDEX_PAGES:
        claims += _index_claims(document, document.blocks)
    else:  # a level page's own grade, written once above its specialties ("## Job Grade")
        shared = document.shared_sections.get("Job Grade")
        if shared is not None:
            claims += _index_claims(document, shared.all_blocks())
    return claims


def _index_claims(document: Document, blocks: Sequence[Block]) -> list[GradeClaim]:
    """Titled grade statements outside the roles' own: a split family's `_index.md` stating its
    levels' grades in prose ("The Staff Widget Analyst is a grade 8" under "## Levels"), or a
    level page's Job Grade section shared by its specialties."""
    own = {(s.span.line, s.span.col) for role in document.roles for s in role.statements}
    return [
        GradeClaim(
            s.title,
            s.values,
            s.raw,
            s.span,
            "statement",
            statement=s,
            notation=notation_key(s.notation, s.raw),
        )
        for s in grades_in_blocks(list(blocks), None)
        if s.title and not s.mention and (s.span.line, s.span.col) not in own
    ]


def _statement_claim(statement: GradeStatement, role: Role) -> GradeClaim:
    return GradeClaim(
        statement.title or role.title,
        statement.values,
        statement.raw,
        statement.span,
        "statement",
        role,
        statement,
        notation_key(statement.notation, statement.raw),
    )


# A sentence that names no title but "this post", a grade label, or the role in apposition
_ABOUT_THE_POST = frozenset({"this-post", "label", "apposition"})


def _post_claims(document: Document, role: Role) -> list[GradeClaim]:
    """A one-role page's grade outside the role's Job Grade section: its key/value table row
    ("| Grade | Grade 7 |") and the sentences about the post ("This is a Grade 6 post",
    "**Band:** Band 6", "As an X, GS-2210-12, you ..."), each the role's."""
    own = {(s.span.line, s.span.col) for s in role.statements}
    claims = [
        GradeClaim(role.title, s.values, s.raw, s.span, "table", notation=s.notation)
        for s in key_value_grades(document.blocks)
        if s.values
    ]
    for statement in grades_in_blocks(document.blocks, None):
        if (statement.span.line, statement.span.col) in own or not statement.values:
            continue
        if statement.subject in _ABOUT_THE_POST and not statement.mention:
            claims.append(_statement_claim(statement, role))
    return claims


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Grades agree when their ranges meet: "8/9" agrees with 8, not with 10."""
    return min(a) <= max(b) and min(b) <= max(a)


def describe(values: tuple[float, ...], raw: str, notation: str = "grade") -> str:
    """ "grade 8", "grade 8/9" for readable values; "Band 6", "GS-13", "D4" in other notations;
    the raw text otherwise."""
    if not values:
        return repr(raw)
    if notation != "grade":
        return notation_label(notation, raw)
    return "grade " + "/".join(f"{v:g}" for v in values)


def role_titles(document: Document) -> list[str]:
    """Role titles the page defines: headings, grade statements, matrix rows."""
    titles: list[str] = []
    for role in document.roles:
        titles.append(role.title)
        titles += [s.title for s in role_statements(role) if s.title]
    titles += [row.title for row in grade_rows(document)]
    return titles


def family_titles(document: Document) -> list[str]:
    """Titles the page presents as its own: the family name, roles, stated and listed titles."""
    titles: list[str] = role_titles(document)
    if document.title:
        titles += [document.title, _JOB_FAMILY.sub("", document.title)]
    folder = path_text.name(path_text.parent(document.path))
    name = path_text.name(document.path).split(".")[0]
    for part in (folder, name):
        if part and part not in ("_index", "index", "content", "job-families"):
            titles.append(part.replace("-", " ").replace("_", " "))
    for block in document.blocks:
        if block.kind not in ("paragraph", "list"):
            continue
        for inline in block_inlines(block):
            if "As" not in inline.masked:
                continue  # every match starts so; the search itself tries every position
            for match in _AS_AN.finditer(inline.masked):
                text = " ".join(inline.raw[match.start("title") : match.end("title")].split())
                if looks_like_title(text):
                    titles.append(text)
    return titles
