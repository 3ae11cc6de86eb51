"""A page whose sections sit at the top: the page itself is its one role.

Job ads, ATS exports and federal postings describe one role under the page's title (front
matter or H1); the role takes the page's top-level role sections.
"""

from __future__ import annotations

import re

from jdlint.document.grade_statements import grade_in_blocks, own_statements
from jdlint.document.outline_tree import Node
from jdlint.document.section_names import Vocabulary, normalise_heading
from jdlint.model import Block, Role, Section, Span

#: Page titles that name the document, not the role ("Job description and person specification").
_DOCUMENT_TITLE = re.compile(
    r"^(?:job|role|position)\s+(?:description|profile|specification)|^person\s+specification"
)
#: "**Job title:** Senior Staff Nurse": the role's title as a key/value line (NHS, UK councils).
_TITLE_FIELD = re.compile(
    r"^\s*(?:\*\*|__)\s*(?:job|post|role|position)\s+title\s*:?\s*(?:\*\*|__)\s*:?\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)


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
    field = (
        _title_field(root) if not title or _DOCUMENT_TITLE.match(normalise_heading(title)) else None
    )
    if field is not None:
        role_title, title_span = field
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


def _title_field(root: Node) -> tuple[str, Span] | None:
    """The "**Job title:** X" line above the page's first section, if there is one."""
    blocks: list[Block] = list(root.blocks)
    if root.children and root.children[0].level == 1:
        blocks += root.children[0].blocks
    for block in blocks:
        if block.kind != "paragraph" or block.inline is None:
            continue
        match = _TITLE_FIELD.match(block.inline.raw.split("\n", 1)[0])
        if match:
            return " ".join(match.group("title").split()), block.span
    return None
