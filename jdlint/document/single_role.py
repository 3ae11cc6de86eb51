"""A page whose sections sit at the top: the page itself is its one role.

Job ads, ATS exports and federal postings describe one role under the page's title (front
matter or H1); the role takes the page's top-level role sections.
"""

from __future__ import annotations

from jdlint.document.grade_statements import grade_in_blocks, own_statements
from jdlint.document.outline_tree import Node
from jdlint.document.section_names import Vocabulary
from jdlint.model import Role, Section, Span


def single_role(
    sections: dict[str, Section],
    vocab: Vocabulary,
    root: Node,
    title: str | None,
    title_span: Span | None,
    kind: str,
) -> tuple[list[Role], str]:
    """A page whose sections sit at the top: the page itself is the one role."""
    intro = [b for b in root.blocks]
    grade = None
    if "Job Grade" in sections:
        grade = grade_in_blocks(sections["Job Grade"].all_blocks(), vocab.notations)
    grade = grade or grade_in_blocks(intro, vocab.notations)
    if not sections and grade is None:
        return [], "text" if kind == "text" else "no-roles"
    role_title = title or (grade.title if grade and grade.title else None)
    if role_title is None:
        return [], "text" if kind == "text" else "no-roles"
    span = title_span or (grade.title_span if grade and grade.title_span else Span(1, 1, 1, 1))
    role = Role(
        title=role_title,
        heading=None,
        title_span=span,
        intro=tuple(intro),
        sections=dict(sections),
        grade=grade,
        statements=own_statements(tuple(intro), sections, vocab.notations),
    )
    return [role], "text" if kind == "text" else "single-role"
