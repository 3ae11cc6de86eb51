"""Sections built from nodes of the heading tree, and the partials that stand for sections.

The outline reader decides which heading is a role and which a section; this module turns a
heading's node into its `Section` (with its sub-sections), gathers role sections slipped under
another section, and counts a whole-line ERB partial or Hugo shortcode as the section it names.
"""

from __future__ import annotations

from collections.abc import Mapping

from jdlint.document.outline_tree import Node, is_role_section, template_section_name
from jdlint.document.section_names import SectionName, Vocabulary
from jdlint.model import Block, Section, TemplateTag


def section_of(
    vocab: Vocabulary, node: Node, name: SectionName | None, family: bool = False
) -> Section:
    assert node.heading is not None
    subsections = tuple(section_of(vocab, c, vocab.classify(c.text)) for c in node.children)
    known = name is not None
    return Section(
        name=name.name if name else node.text,
        heading=node.heading,
        blocks=tuple(node.blocks),
        subsections=subsections,
        known=known,
        family=family or bool(name and name.family),
    )


def slipped_sections(vocab: Vocabulary, node: Node, sections: dict[str, Section]) -> None:
    """Role sections nested inside another one ("#### Responsibilities" under Job Grade)."""
    for child in node.children:
        inner = vocab.classify(child.text)
        if is_role_section(inner) and inner is not None:
            sections.setdefault(inner.name, section_of(vocab, child, inner))
        slipped_sections(vocab, child, sections)


def template_sections(
    vocab: Vocabulary,
    templates: Mapping[int, TemplateTag],
    blocks: list[Block],
    sections: dict[str, Section],
) -> None:
    """Whole-line partials that stand for a role section count as that section.

    `templates` are the page's whole-line tags by line."""
    for tag in _templates_in(templates, blocks):
        name = template_section_name(tag, vocab)
        if name is not None and not name.family:
            section = Section(name.name, None, (), known=True, template=tag)
            sections.setdefault(name.name, section)


def family_templates(vocab: Vocabulary, templates: Mapping[int, TemplateTag]) -> list[Section]:
    """Partials and shortcodes for family sections count wherever they stand on the page."""
    out = []
    for tag in templates.values():
        name = template_section_name(tag, vocab)
        if name is not None and name.family:
            out.append(Section(name.name, None, (), known=True, family=True, template=tag))
    return out


def _templates_in(templates: Mapping[int, TemplateTag], blocks: list[Block]) -> list[TemplateTag]:
    return [
        templates[b.span.line] for b in blocks if b.kind == "template" and b.span.line in templates
    ]
