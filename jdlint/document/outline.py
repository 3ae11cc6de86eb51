"""The heading outline of a page: which headings are roles, role sections, family sections.

Real pages put roles at H2 with H3 sections, under a `## Levels` heading with role-prefixed
H4 sections, or write a single role with sections at H2; family sections are often nested
under the last role. The outline is read the way a reviewer reads it: a heading is a role
when role sections (Job Grade, Responsibilities, Requirements) hang below it, when it sits
under "Levels", or when its own text states a grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from jdlint.document.heading_sorter import HeadingSorter
from jdlint.document.ladder import ladder_levels
from jdlint.document.outline_sections import family_templates
from jdlint.document.outline_tree import Node, build_tree, is_levels
from jdlint.document.section_names import Vocabulary, default_vocabulary
from jdlint.document.single_role import single_role
from jdlint.model import Block, Heading, Problem, Role, Section, Span, TemplateTag


@dataclass(frozen=True)
class Outline:
    """What the outline reader found on a page."""

    roles: tuple[Role, ...]
    layout: str
    family_sections: tuple[Section, ...]
    shared_sections: dict[str, Section]
    problems: tuple[Problem, ...]


def read_outline(
    ordered: list[Block | Heading],
    templates: tuple[TemplateTag, ...],
    title: str | None,
    title_span: Span | None,
    kind: str,
    vocab: Vocabulary | None = None,
) -> Outline:
    """Roles and sections from a page's headings and blocks (in document order)."""
    vocab = vocab or default_vocabulary()
    root = build_tree(ordered, vocab)
    reader = _read(root, templates, title, vocab, frozenset())
    levels = frozenset(n.heading.span.line for n in ladder_levels(root, vocab) if n.heading)
    if levels and all(role.title_span.line in levels for role in reader.roles):
        # "## L3: ...", "## L4: ...": every level is a role (a stray one alone never is)
        reader = _read(root, templates, title, vocab, levels)
    roles, layout = reader.roles, reader.layout()
    if not roles and kind != "partial":
        roles, layout = single_role(reader.shared_sections, vocab, root, title, title_span, kind)
    shared = reader.shared_sections if roles and layout != "single-role" else {}
    return Outline(
        roles=tuple(roles),
        layout=layout if kind != "partial" else "partial",
        family_sections=tuple(reader.family_sections),
        shared_sections=shared,
        problems=tuple(reader.problems),
    )


def _read(
    root: Node,
    templates: tuple[TemplateTag, ...],
    title: str | None,
    vocab: Vocabulary,
    ladder: frozenset[int],
) -> HeadingSorter:
    reader = HeadingSorter(templates, title, vocab, ladder)
    reader.page_has_levels = any(is_levels(child, vocab) for child in root.children)
    reader.walk(root, {}, top=True)
    reader.family_sections.extend(family_templates(vocab, reader.templates))
    return reader
