"""The one walk over a page's heading tree that sorts every heading into roles and sections.

`read_outline` (outline.py) runs it; the predicates it decides with are in `outline_tree`, and
the sections it builds come from `outline_sections`. One class, because the walk carries what
it has seen so far (a Levels heading, role-prefixed sections, the shared sections) from one
heading to the next.
"""

from __future__ import annotations

from jdlint.document.grade_statements import grade_in_blocks, own_statements
from jdlint.document.ladder import ladder_title
from jdlint.document.outline_sections import section_of, slipped_sections, template_sections
from jdlint.document.outline_tree import (
    Node,
    contains_roles,
    grade_heading,
    has_grade,
    has_role_sections,
    is_levels,
    is_role_section,
    link_only,
    subtree_blocks,
)
from jdlint.document.section_names import Vocabulary, normalise_heading
from jdlint.model import GradeStatement, Problem, Role, Section, TemplateTag

#: The section that opens a one-role page ("About the role", "Description", "Summary").
OVERVIEW = "About the Role"

#: Headings that stand for "the role of this page" rather than naming it.
GENERIC_ROLE_HEADINGS = frozenset({"role", "the role", "position", "job description", "overview"})


class HeadingSorter:
    """Walks the heading tree once and sorts every heading into roles and sections."""

    def __init__(
        self,
        templates: tuple[TemplateTag, ...],
        title: str | None,
        vocab: Vocabulary,
        ladder: frozenset[int] = frozenset(),
    ) -> None:
        self.vocab = vocab
        self.ladder = ladder  # heading lines of a levels ladder's levels (ladder.py)
        self.templates = {tag.span.line: tag for tag in templates if tag.whole_line}
        self.title = title
        self.roles: list[Role] = []
        self.family_sections: list[Section] = []
        self.shared_sections: dict[str, Section] = {}
        self.problems: list[Problem] = []
        self.saw_levels = False
        self.page_has_levels = False

    def layout(self) -> str:
        if not self.roles:
            return "no-roles"
        if self.ladder:
            return "ladder"
        return "levels" if self.saw_levels else "role-headings"

    def walk(self, node: Node, inherited: dict[str, Section], top: bool = False) -> None:
        """Sort the children of `node`; role sections found here are shared by roles below."""
        scope = dict(inherited)
        template_sections(self.vocab, self.templates, node.blocks, scope)
        if top:
            template_sections(self.vocab, self.templates, node.blocks, self.shared_sections)
        for child in node.children:
            name = self.vocab.classify(child.text)
            if is_role_section(name) and not self._is_role(child, under_levels=False):
                assert name is not None
                section = section_of(self.vocab, child, name)
                scope.setdefault(name.name, section)
                shared = top and not name.prefix
                if shared and name.name == OVERVIEW:
                    # "## Description" over "### Responsibilities": the page's own sections
                    slipped_sections(self.vocab, child, self.shared_sections)
                if shared and self.shared_sections.setdefault(name.name, section) is section:
                    continue
                if top:  # "## Team Roles and Responsibilities": shared by none, still seen
                    self.family_sections.append(section)
            elif (
                top
                and name is None
                and not contains_roles(child, self.vocab)
                and not self._is_role(child, under_levels=False)
            ):
                # "## Backend Engineering Roles" with the Requirements every role shares
                for grandchild in child.children:
                    inner = self.vocab.classify(grandchild.text)
                    if is_role_section(inner) and inner is not None:
                        section = section_of(self.vocab, grandchild, inner)
                        scope.setdefault(inner.name, section)
                        self.shared_sections.setdefault(inner.name, section)
                        if inner.name == OVERVIEW and not inner.prefix:
                            slipped_sections(self.vocab, grandchild, self.shared_sections)
        for child in node.children:
            name = self.vocab.classify(child.text)
            if name is not None and name.name == "Levels" and not name.prefix:
                self.saw_levels = True
                self.family_sections.append(section_of(self.vocab, child, name))
                for grandchild in child.children:
                    if self._is_role(grandchild, under_levels=True):
                        self._role(grandchild, scope)
                    else:
                        self.walk(Node(None, [], [grandchild]), scope)
            elif self._is_role(child, under_levels=False):
                self._role(child, scope)
            elif is_role_section(name):
                assert name is not None
                if name.name not in ("Specialties", "Expertise"):
                    self._walk_inside(child, scope, in_role_section=True)
            elif name is not None:
                self.family_sections.append(section_of(self.vocab, child, name))
                self._walk_inside(child, scope)
            else:
                self.family_sections.append(section_of(self.vocab, child, None))
                self.walk(child, scope)

    def _walk_inside(
        self, node: Node, scope: dict[str, Section], in_role_section: bool = False
    ) -> None:
        """Roles are sometimes nested under a section heading ("## Compensation" over roles).

        Under a role section ("## Key duties and responsibilities") a sub-heading whose items
        mention a grade ("Supervise Band 5 nurses") groups duties: a role there needs its own
        Job Grade or role sections."""
        scope = dict(scope)
        for child in node.children:
            name = self.vocab.classify(child.text)
            if is_role_section(name) and not has_role_sections(child, self.vocab):
                assert name is not None
                scope.setdefault(name.name, section_of(self.vocab, child, name))
        for child in node.children:
            if not self._is_role(child, under_levels=False) or not has_grade(child, self.vocab):
                continue
            if in_role_section and not (
                has_role_sections(child, self.vocab) or grade_heading(child, self.vocab)
            ):
                continue
            self._role(child, scope)

    def _is_role(self, node: Node, under_levels: bool) -> bool:
        name = self.vocab.classify(node.text)
        if name is not None:
            return False
        text = normalise_heading(node.text)
        words = set(text.split())
        if link_only(node):
            return False  # "## [Widget Lead overview video](https://...)" points elsewhere
        if node.heading is not None and node.heading.span.line in self.ladder:
            return True
        if not text or "matrix" in words or "roles" in words or {"job", "family"} <= words:
            return False  # "Backend Engineering Roles at GitLab" introduces the family
        if node.level == 1 and self.title and text == normalise_heading(self.title):
            return False
        if any(has_role_sections(c, self.vocab) or is_levels(c, self.vocab) for c in node.children):
            return False  # a group of roles ("## Benefits" over "### Benefits Analyst")
        if self.page_has_levels and not under_levels and not has_grade(node, self.vocab):
            return False  # "## Individual Contributors" with the sections the Levels share
        if has_role_sections(node, self.vocab):
            return True
        if under_levels:
            return True
        return grade_in_blocks(node.blocks, self.vocab.notations) is not None

    def _role(self, node: Node, inherited: dict[str, Section]) -> None:
        assert node.heading is not None
        sections: dict[str, Section] = {}
        extra: list[Section] = []
        nested: list[Section] = []
        for child in node.children:
            name = self.vocab.classify(child.text)
            if name is None and self._is_role(child, under_levels=False):
                self._role(child, inherited)
                continue
            if (name is not None and name.family) or (nested and name is None):
                nested.append(section_of(self.vocab, child, name, family=True))
            elif name is not None:
                for part in self.vocab.classify_all(
                    child.text
                ):  # "Responsibilities & Requirements"
                    if part.name != name.name:
                        sections.setdefault(part.name, section_of(self.vocab, child, part))
                if name.name in sections:
                    assert child.heading is not None
                    message = f'second "{name.name}" section in role "{node.text}"'
                    self.problems.append(Problem(message, child.heading.span))
                    extra.append(section_of(self.vocab, child, name))
                else:
                    sections[name.name] = section_of(self.vocab, child, name)
                    slipped_sections(self.vocab, child, sections)
            else:
                extra.append(section_of(self.vocab, child, None))
        template_sections(self.vocab, self.templates, subtree_blocks(node), sections)
        grade = self._grade(node, sections)
        title = node.text
        if node.heading.span.line in self.ladder:
            title = ladder_title(title) or title  # "L3: Software Engineer I": the level's title
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

    def _grade(self, node: Node, sections: dict[str, Section]) -> GradeStatement | None:
        job_grade = sections.get("Job Grade")
        if job_grade is not None:
            found = grade_in_blocks(job_grade.all_blocks(), self.vocab.notations)
            if found:
                return found
        return grade_in_blocks(node.blocks, self.vocab.notations)
