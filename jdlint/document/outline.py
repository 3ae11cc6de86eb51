"""The heading outline of a page: which headings are roles, role sections, family sections.

Real pages put roles at H2 with H3 sections, under a `## Levels` heading with role-prefixed
H4 sections, or write a single role with sections at H2; family sections are often nested
under the last role. The outline is read the way a reviewer reads it: a heading is a role
when role sections (Job Grade, Responsibilities, Requirements) hang below it, when it sits
under "Levels", or when its own text states a grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jdlint.document.grade_statements import grade_in_blocks, own_statements
from jdlint.document.section_names import (
    SectionName,
    Vocabulary,
    default_vocabulary,
    normalise_heading,
)
from jdlint.model import (
    Block,
    GradeStatement,
    Heading,
    Problem,
    Role,
    Section,
    Span,
    TemplateTag,
)


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
    root = _outline(ordered, vocab)
    reader = _Outline(templates, title, vocab)
    reader.page_has_levels = any(_is_levels(child, vocab) for child in root.children)
    reader.walk(root, {}, top=True)
    reader.add_family_templates()
    roles, layout = reader.roles, reader.layout()
    if not roles and kind != "partial":
        roles, layout = _single_role(reader, root, title, title_span, kind)
    shared = reader.shared_sections if roles and layout != "single-role" else {}
    return Outline(
        roles=tuple(roles),
        layout=layout if kind != "partial" else "partial",
        family_sections=tuple(reader.family_sections),
        shared_sections=shared,
        problems=tuple(reader.problems),
    )


#: The section that opens a one-role page ("About the role", "Description", "Summary").
OVERVIEW = "About the Role"

#: Headings that stand for "the role of this page" rather than naming it.
GENERIC_ROLE_HEADINGS = frozenset({"role", "the role", "position", "job description", "overview"})


@dataclass
class _Node:
    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def text(self) -> str:
        return self.heading.text if self.heading else ""


def _outline(nodes: list[Block | Heading], vocab: Vocabulary) -> _Node:
    root = _Node(None)
    stack = [root]
    for node in nodes:
        if isinstance(node, Heading):
            while stack[-1].heading is not None and stack[-1].level >= node.level:
                stack.pop()
            child = _Node(node)
            stack[-1].children.append(child)
            stack.append(child)
        else:
            stack[-1].blocks.append(node)
    _attach_flat_sections(root, vocab)
    return root


def _attach_flat_sections(node: _Node, vocab: Vocabulary) -> None:
    """Move role sections written at their role's level under the role.

    "### Managing Counsel" followed by "### Managing Counsel Requirements", or an empty
    "### Junior Analyst" followed by "### Job Grade", is a role whose sections slipped a level.
    """
    kept: list[_Node] = []
    role: _Node | None = None
    flat: _Node | None = None  # the role that sections were already attached to
    for child in node.children:
        name = vocab.classify(child.text)
        if role is not None and _is_role_section(name) and child.level == role.level:
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
            role = None if _link_only(child) else child
        elif name.family:
            role = None
    node.children = kept
    for child in node.children:
        _attach_flat_sections(child, vocab)


_LINK_ONLY = re.compile(
    r"^\s*(?:\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\[[^\]]*\]|<a\b[^>]*>.*</a>)\s*$", re.S
)


def _link_only(node: _Node) -> bool:
    """A heading that is only a link names the page it links to, not a role of this page."""
    return node.heading is not None and bool(_LINK_ONLY.match(node.heading.inline.raw))


def _is_role_section(name: SectionName | None) -> bool:
    return name is not None and not name.family


def _subtree_blocks(node: _Node) -> list[Block]:
    return node.blocks + [b for child in node.children for b in _subtree_blocks(child)]


def template_section_name(tag: TemplateTag, vocab: Vocabulary) -> SectionName | None:
    """`partial("job-families/sales/performance")` names the Performance Indicators section."""
    if not tag.partial or not tag.whole_line:
        return None
    return vocab.classify(tag.partial.rsplit("/", 1)[-1].replace("-", " ").replace("_", " "))


def _is_levels(node: _Node, vocab: Vocabulary) -> bool:
    name = vocab.classify(node.text)
    return name is not None and name.name == "Levels" and not name.prefix


def _has_grade(node: _Node, vocab: Vocabulary) -> bool:
    """Only graded headings count as roles inside sections (specialties have no grade)."""
    for child in node.children:
        name = vocab.classify(child.text)
        if name is not None and name.name == "Job Grade":
            return True
    return grade_in_blocks(node.blocks, vocab.notations) is not None


def _grade_heading(node: _Node, vocab: Vocabulary) -> bool:
    """A Job Grade heading directly below `node`."""
    return any(
        (n := vocab.classify(c.text)) is not None and n.name == "Job Grade" for c in node.children
    )


def _contains_roles(node: _Node, vocab: Vocabulary) -> bool:
    return any(_has_role_sections(c, vocab) or _contains_roles(c, vocab) for c in node.children)


def _has_role_sections(node: _Node, vocab: Vocabulary) -> bool:
    """A heading with Job Grade / Responsibilities / Requirements directly below it."""
    if vocab.classify(node.text) is not None:
        return False
    return any(_is_role_section(vocab.classify(c.text)) for c in node.children)


class _Outline:
    """Walks the heading tree once and sorts every heading into roles and sections."""

    def __init__(
        self, templates: tuple[TemplateTag, ...], title: str | None, vocab: Vocabulary
    ) -> None:
        self.vocab = vocab
        self.templates = {tag.span.line: tag for tag in templates if tag.whole_line}
        self.title = title
        self.roles: list[Role] = []
        self.family_sections: list[Section] = []
        self.shared_sections: dict[str, Section] = {}
        self.problems: list[Problem] = []
        self.saw_levels = False
        self.page_has_levels = False
        self.saw_prefixed = False

    def layout(self) -> str:
        if not self.roles:
            return "no-roles"
        return "levels" if self.saw_levels else "role-headings"

    def walk(self, node: _Node, inherited: dict[str, Section], top: bool = False) -> None:
        """Sort the children of `node`; role sections found here are shared by roles below."""
        scope = dict(inherited)
        self._template_sections(node.blocks, scope)
        if top:
            self._template_sections(node.blocks, self.shared_sections)
        for child in node.children:
            name = self.vocab.classify(child.text)
            if _is_role_section(name) and not self._is_role(child, under_levels=False):
                assert name is not None
                section = self._section(child, name)
                scope.setdefault(name.name, section)
                shared = top and not name.prefix
                if shared and name.name == OVERVIEW:
                    # "## Description" over "### Responsibilities": the page's own sections
                    self._slipped_sections(child, self.shared_sections)
                if shared and self.shared_sections.setdefault(name.name, section) is section:
                    continue
                if top:  # "## Team Roles and Responsibilities": shared by none, still seen
                    self.family_sections.append(section)
            elif (
                top
                and name is None
                and not _contains_roles(child, self.vocab)
                and not self._is_role(child, under_levels=False)
            ):
                # "## Backend Engineering Roles" with the Requirements every role shares
                for grandchild in child.children:
                    inner = self.vocab.classify(grandchild.text)
                    if _is_role_section(inner) and inner is not None:
                        section = self._section(grandchild, inner)
                        scope.setdefault(inner.name, section)
                        self.shared_sections.setdefault(inner.name, section)
                        if inner.name == OVERVIEW and not inner.prefix:
                            self._slipped_sections(grandchild, self.shared_sections)
        for child in node.children:
            name = self.vocab.classify(child.text)
            if name is not None and name.name == "Levels" and not name.prefix:
                self.saw_levels = True
                self.family_sections.append(self._section(child, name))
                for grandchild in child.children:
                    if self._is_role(grandchild, under_levels=True):
                        self._role(grandchild, scope)
                    else:
                        self.walk(_Node(None, [], [grandchild]), scope)
            elif self._is_role(child, under_levels=False):
                self._role(child, scope)
            elif _is_role_section(name):
                assert name is not None
                if name.name not in ("Specialties", "Expertise"):
                    self._walk_inside(child, scope, in_role_section=True)
            elif name is not None:
                self.family_sections.append(self._section(child, name))
                self._walk_inside(child, scope)
            else:
                self.family_sections.append(self._section(child, None))
                self.walk(child, scope)

    def _walk_inside(
        self, node: _Node, scope: dict[str, Section], in_role_section: bool = False
    ) -> None:
        """Roles are sometimes nested under a section heading ("## Compensation" over roles).

        Under a role section ("## Key duties and responsibilities") a sub-heading whose items
        mention a grade ("Supervise Band 5 nurses") groups duties: a role there needs its own
        Job Grade or role sections."""
        scope = dict(scope)
        for child in node.children:
            name = self.vocab.classify(child.text)
            if _is_role_section(name) and not _has_role_sections(child, self.vocab):
                assert name is not None
                scope.setdefault(name.name, self._section(child, name))
        for child in node.children:
            if not self._is_role(child, under_levels=False) or not _has_grade(child, self.vocab):
                continue
            if in_role_section and not (
                _has_role_sections(child, self.vocab) or _grade_heading(child, self.vocab)
            ):
                continue
            self._role(child, scope)

    def _is_role(self, node: _Node, under_levels: bool) -> bool:
        name = self.vocab.classify(node.text)
        if name is not None:
            return False
        text = normalise_heading(node.text)
        words = set(text.split())
        if _link_only(node):
            return False  # "## [Widget Lead overview video](https://...)" points elsewhere
        if not text or "matrix" in words or "roles" in words or {"job", "family"} <= words:
            return False  # "Backend Engineering Roles at GitLab" introduces the family
        if node.level == 1 and self.title and text == normalise_heading(self.title):
            return False
        if any(
            _has_role_sections(c, self.vocab) or _is_levels(c, self.vocab) for c in node.children
        ):
            return False  # a group of roles ("## Benefits" over "### Benefits Analyst")
        if self.page_has_levels and not under_levels and not _has_grade(node, self.vocab):
            return False  # "## Individual Contributors" with the sections the Levels share
        if _has_role_sections(node, self.vocab):
            return True
        if under_levels:
            return True
        return grade_in_blocks(node.blocks, self.vocab.notations) is not None

    def _role(self, node: _Node, inherited: dict[str, Section]) -> None:
        assert node.heading is not None
        sections: dict[str, Section] = {}
        extra: list[Section] = []
        nested: list[Section] = []
        for child in node.children:
            name = self.vocab.classify(child.text)
            if name is None and self._is_role(child, under_levels=False):
                self._role(child, inherited)
                continue
            if name is not None and name.prefix:
                self.saw_prefixed = True
            if (name is not None and name.family) or (nested and name is None):
                nested.append(self._section(child, name, family=True))
            elif name is not None:
                for part in self.vocab.classify_all(
                    child.text
                ):  # "Responsibilities & Requirements"
                    if part.name != name.name:
                        sections.setdefault(part.name, self._section(child, part))
                if name.name in sections:
                    assert child.heading is not None
                    message = f'second "{name.name}" section in role "{node.text}"'
                    self.problems.append(Problem(message, child.heading.span))
                    extra.append(self._section(child, name))
                else:
                    sections[name.name] = self._section(child, name)
                    self._slipped_sections(child, sections)
            else:
                extra.append(self._section(child, None))
        self._template_sections(_subtree_blocks(node), sections)
        grade = self._grade(node, sections)
        title = node.text
        if normalise_heading(title) in GENERIC_ROLE_HEADINGS and self.title:
            title = self.title  # "## Role" on a one-role page: the page title names it
        role = Role(
            title=title,
            heading=node.heading,
            title_span=node.heading.span,
            intro=tuple(node.blocks),
            sections=sections,
            extra_sections=tuple(extra),
            grade=grade,
            nested_family_sections=tuple(nested),
            inherited_sections={k: v for k, v in inherited.items() if k not in sections},
            statements=own_statements(tuple(node.blocks), sections, self.vocab.notations),
        )
        self.roles.append(role)
        self.family_sections.extend(nested)

    def _slipped_sections(self, node: _Node, sections: dict[str, Section]) -> None:
        """Role sections nested inside another one ("#### Responsibilities" under Job Grade)."""
        for child in node.children:
            inner = self.vocab.classify(child.text)
            if _is_role_section(inner) and inner is not None:
                sections.setdefault(inner.name, self._section(child, inner))
            self._slipped_sections(child, sections)

    def _grade(self, node: _Node, sections: dict[str, Section]) -> GradeStatement | None:
        job_grade = sections.get("Job Grade")
        if job_grade is not None:
            found = grade_in_blocks(job_grade.all_blocks(), self.vocab.notations)
            if found:
                return found
        return grade_in_blocks(node.blocks, self.vocab.notations)

    def _section(self, node: _Node, name: SectionName | None, family: bool = False) -> Section:
        assert node.heading is not None
        subsections = tuple(self._section(c, self.vocab.classify(c.text)) for c in node.children)
        known = name is not None
        return Section(
            name=name.name if name else node.text,
            heading=node.heading,
            blocks=tuple(node.blocks),
            subsections=subsections,
            known=known,
            family=family or bool(name and name.family),
        )

    def _templates_in(self, blocks: list[Block]) -> list[TemplateTag]:
        return [
            self.templates[b.span.line]
            for b in blocks
            if b.kind == "template" and b.span.line in self.templates
        ]

    def _template_sections(self, blocks: list[Block], sections: dict[str, Section]) -> None:
        """Whole-line partials that stand for a role section count as that section."""
        for tag in self._templates_in(blocks):
            name = template_section_name(tag, self.vocab)
            if name is not None and not name.family:
                section = Section(name.name, None, (), known=True, template=tag)
                sections.setdefault(name.name, section)

    def add_family_templates(self) -> None:
        """Partials and shortcodes for family sections count wherever they stand on the page."""
        for tag in self.templates.values():
            name = template_section_name(tag, self.vocab)
            if name is not None and name.family:
                section = Section(name.name, None, (), known=True, family=True, template=tag)
                self.family_sections.append(section)


def _single_role(
    outline: _Outline, root: _Node, title: str | None, title_span: Span | None, kind: str
) -> tuple[list[Role], str]:
    """A page whose sections sit at the top: the page itself is the one role."""
    sections = outline.shared_sections
    intro = [b for b in root.blocks]
    grade = None
    if "Job Grade" in sections:
        grade = grade_in_blocks(sections["Job Grade"].all_blocks(), outline.vocab.notations)
    grade = grade or grade_in_blocks(intro, outline.vocab.notations)
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
        statements=own_statements(tuple(intro), sections, outline.vocab.notations),
    )
    return [role], "text" if kind == "text" else "single-role"
