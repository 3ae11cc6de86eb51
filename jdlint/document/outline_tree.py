"""The heading tree of a page, and what a heading's place in it says.

Headings nest by level; role sections written at their role's level ("### Managing Counsel"
then "### Managing Counsel Requirements") are moved under the role. The predicates here
(has_role_sections, has_grade, ...) are what the outline reader (heading_sorter.py) decides
with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jdlint.document.grade_statements import grade_in_blocks
from jdlint.document.section_names import SectionName, Vocabulary, normalise_heading
from jdlint.model import Block, Heading, TemplateTag


@dataclass
class Node:
    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def text(self) -> str:
        return self.heading.text if self.heading else ""


def build_tree(nodes: list[Block | Heading], vocab: Vocabulary) -> Node:
    root = Node(None)
    stack = [root]
    for node in nodes:
        if isinstance(node, Heading):
            while stack[-1].heading is not None and stack[-1].level >= node.level:
                stack.pop()
            child = Node(node)
            stack[-1].children.append(child)
            stack.append(child)
        else:
            stack[-1].blocks.append(node)
    attach_flat_sections(root, vocab)
    return root


def attach_flat_sections(node: Node, vocab: Vocabulary) -> None:
    """Move role sections written at their role's level under the role.

    "### Managing Counsel" followed by "### Managing Counsel Requirements", or an empty
    "### Junior Analyst" followed by "### Job Grade", is a role whose sections slipped a level.
    """
    kept: list[Node] = []
    role: Node | None = None
    flat: Node | None = None  # the role that sections were already attached to
    for child in node.children:
        name = vocab.classify(child.text)
        if role is not None and is_role_section(name) and child.level == role.level:
            assert name is not None
            if name.prefix:
                attach = normalise_heading(name.prefix) == normalise_heading(role.text)
            else:
                attach = role is flat or (
                    not role.children
                    and (
                        not role.blocks or grade_in_blocks(role.blocks, vocab.notations) is not None
                    )
                )
            if attach:
                role.children.append(child)
                flat = role
                continue
        kept.append(child)
        if name is None:
            role = None if link_only(child) else child
        elif name.family:
            role = None
    node.children = kept
    for child in node.children:
        attach_flat_sections(child, vocab)


_LINK_ONLY = re.compile(
    r"^\s*(?:\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\[[^\]]*\]|<a\b[^>]*>.*</a>)\s*$", re.S
)


def link_only(node: Node) -> bool:
    """A heading that is only a link names the page it links to, not a role of this page."""
    return node.heading is not None and bool(_LINK_ONLY.match(node.heading.inline.raw))


def is_role_section(name: SectionName | None) -> bool:
    return name is not None and not name.family


def subtree_blocks(node: Node) -> list[Block]:
    return node.blocks + [b for child in node.children for b in subtree_blocks(child)]


def template_section_name(tag: TemplateTag, vocab: Vocabulary) -> SectionName | None:
    """`partial("job-families/sales/performance")` names the Performance Indicators section."""
    if not tag.partial or not tag.whole_line:
        return None
    return vocab.classify(tag.partial.rsplit("/", 1)[-1].replace("-", " ").replace("_", " "))


def is_levels(node: Node, vocab: Vocabulary) -> bool:
    name = vocab.classify(node.text)
    return name is not None and name.name == "Levels" and not name.prefix


def has_grade(node: Node, vocab: Vocabulary) -> bool:
    """Only graded headings count as roles inside sections (specialties have no grade)."""
    for child in node.children:
        name = vocab.classify(child.text)
        if name is not None and name.name == "Job Grade":
            return True
    return grade_in_blocks(node.blocks, vocab.notations) is not None


def grade_heading(node: Node, vocab: Vocabulary) -> bool:
    """A Job Grade heading directly below `node`."""
    return any(
        (n := vocab.classify(c.text)) is not None and n.name == "Job Grade" for c in node.children
    )


def contains_roles(node: Node, vocab: Vocabulary) -> bool:
    return any(has_role_sections(c, vocab) or contains_roles(c, vocab) for c in node.children)


def has_role_sections(node: Node, vocab: Vocabulary) -> bool:
    """A heading with Job Grade / Responsibilities / Requirements directly below it."""
    if vocab.classify(node.text) is not None:
        return False
    return any(is_role_section(vocab.classify(c.text)) for c in node.children)
