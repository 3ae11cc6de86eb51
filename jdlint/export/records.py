"""Every role of a handbook as a record: family, title, grade, sections, reporting line, findings.

People-ops analysts want the ladder as data (`jdlint export`), and the HTML report draws it.
Both are built from `build_export`, so the picture and the data never disagree. Findings are
attributed to the role whose part of the page contains them (from its heading to the next
heading of the same or a higher level); the rest stay with the page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from jdlint.document.grade_notations import notation_key
from jdlint.domain.family_facts import grade_claims
from jdlint.domain.family_membership import Family, assign_families
from jdlint.domain.gendered_titles import neutral_title
from jdlint.domain.job_titles import TitleSettings, title_settings
from jdlint.domain.reports_to import reports_to
from jdlint.domain.seniority import normalise_title
from jdlint.domain.split_families import ClaimedPage, SplitFamily, joined_grade, split_families
from jdlint.engine.results import RunResult
from jdlint.findings import Finding
from jdlint.model import Document, GradeStatement, Role, Section

#: Bumped when a field changes meaning or disappears (new fields do not bump it).
EXPORT_VERSION = 1


@dataclass(frozen=True)
class Grade:
    raw: str  # as written: "8", "8/9", "10 or 11"
    values: tuple[float, ...]  # parsed numbers; empty when the number could not be read
    source: str  # text | matrix | family (the family's `_index.md`: its table or statements)
    notation: str = "grade"  # what it compares within: grade, bands, gs, "level D" ...


@dataclass(frozen=True)
class RoleRecord:
    family: Family
    page: str
    line: int
    title: str
    normalised_title: str
    grade: Grade | None
    sections: tuple[str, ...]  # sections written under the role
    shared_sections: tuple[str, ...]  # sections written once for several roles that apply to it
    reports_to: str | None
    responsibilities: int | None  # list items in the section; None when it is absent or a partial
    requirements: int | None
    findings: tuple[Finding, ...]
    # The title with gendered words in neutral form ("Salesperson" for "Salesman"), or None
    # when the title is gender-neutral already (JD305's word list, whatever rules ran).
    neutral_title: str | None = None

    @property
    def gendered_title(self) -> bool:
        return self.neutral_title is not None


@dataclass(frozen=True)
class PageRecord:
    path: str
    family: Family
    title: str | None
    layout: str  # see jdlint.document.build.LAYOUTS, or "unreadable"
    roles: int
    findings: tuple[Finding, ...]  # findings outside every role (front matter, family sections)


@dataclass(frozen=True)
class Export:
    roles: tuple[RoleRecord, ...]
    pages: tuple[PageRecord, ...]

    @property
    def findings(self) -> list[Finding]:
        own = [f for r in self.roles for f in r.findings]
        return own + [f for p in self.pages for f in p.findings]


def build_export(result: RunResult, settings: TitleSettings | None = None) -> Export:
    """Records for every role and page of a finished run (`settings`: how titles compare)."""
    families = assign_families(result.documents, result.files)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    roles: list[RoleRecord] = []
    pages: list[PageRecord] = []
    parsed = {d.path: d for d in result.documents}
    settings = settings or title_settings({})
    split = level_pages(result.documents, settings)
    for path in sorted(set(result.files) | set(parsed) | set(by_path)):
        document = parsed.get(path)
        family = families.get(path) or Family(path, path)
        found = by_path.get(path, [])
        if document is None:
            pages.append(PageRecord(path, family, None, "unreadable", 0, tuple(found)))
            continue
        owners = attribute(document, found)
        page_roles = [
            _role_record(
                document,
                family,
                role,
                owners.get(i, []),
                _grade(document, role) or _joined(document, role, split, settings),
            )
            for i, role in enumerate(document.roles)
        ]
        roles.extend(sorted(page_roles, key=lambda r: r.line))
        rest = tuple(owners.get(-1, []))
        pages.append(
            PageRecord(path, family, document.title, document.layout, len(page_roles), rest)
        )
    return Export(tuple(roles), tuple(pages))


def attribute(document: Document, findings: list[Finding]) -> dict[int, list[Finding]]:
    """Role index -> its findings (-1: none of the roles). The innermost role wins."""
    extents = [_extent(document, role) for role in document.roles]
    out: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        line = finding.span.line
        inside = [i for i, (start, end) in enumerate(extents) if start <= line <= end]
        owner = max(inside, key=lambda i: extents[i][0]) if inside else -1
        out[owner].append(finding)
    return out


def _extent(document: Document, role: Role) -> tuple[int, int]:
    """First and last line of a role: its heading up to the next heading at its level or above."""
    last = document.source.count("\n") + 1
    if role.heading is None:
        return 1, last  # a single-role page is the role
    start, level = role.heading.span.line, role.heading.level
    for heading in document.headings:
        if heading.span.line > start and heading.level <= level:
            return start, heading.span.line - 1
    return start, last


def level_pages(
    documents: list[Document], settings: TitleSettings
) -> dict[str, SplitFamily[ClaimedPage]]:
    """Level page path -> its split family (the join the grade checks use too)."""
    pages = [ClaimedPage(d.path, d.title, tuple(grade_claims(d))) for d in documents]
    return {level.path: family for family in split_families(pages) for level in family.levels}


def _joined(
    document: Document,
    role: Role,
    split: dict[str, SplitFamily[ClaimedPage]],
    settings: TitleSettings,
) -> Grade | None:
    family = split.get(document.path)
    if family is None:
        return None
    page = next(level for level in family.levels if level.path == document.path)
    claim = joined_grade(family, page, role.title, settings)
    if claim is None:
        return None
    return Grade(claim.raw, claim.values, "family", claim.notation)


def _role_record(
    document: Document,
    family: Family,
    role: Role,
    found: list[Finding],
    grade: Grade | None,
) -> RoleRecord:
    return RoleRecord(
        family=family,
        page=document.path,
        line=role.title_span.line,
        title=role.title,
        normalised_title=normalise_title(role.title),
        grade=grade,
        sections=tuple(role.sections),
        shared_sections=tuple(role.inherited_sections),
        reports_to=reports_to(role),
        responsibilities=_items(_section(role, "Responsibilities")),
        requirements=_items(_section(role, "Requirements")),
        findings=tuple(found),
        neutral_title=neutral_title(role.title),
    )


def _grade(document: Document, role: Role) -> Grade | None:
    """The role's own grade statement, else its row in the page's title/grade table."""
    if role.grade is not None:
        return _from_statement(role.grade)
    if document.matrix is not None:
        key = normalise_title(role.title)
        for row in document.matrix.rows:
            if normalise_title(row.title) == key and row.grade.strip():
                return Grade(row.grade.strip(), row.values, "matrix", row.notation)
    return None


def _from_statement(statement: GradeStatement) -> Grade:
    return Grade(
        statement.raw, statement.values, "text", notation_key(statement.notation, statement.raw)
    )


def _section(role: Role, name: str) -> Section | None:
    return role.sections.get(name) or role.inherited_sections.get(name)


def _items(section: Section | None) -> int | None:
    """Top-level list items: the responsibilities or requirements a reader counts."""
    if section is None or (section.template is not None and not section.blocks):
        return None
    return sum(len(block.items) for block in section.all_blocks() if block.kind == "list")


def summary(export: Export) -> dict[str, int]:
    graded = [r for r in export.roles if r.grade is not None]
    return {
        "pages": len(export.pages),
        "families": len({r.family.path for r in export.roles}),
        "roles": len(export.roles),
        "graded_roles": len(graded),
        "roles_without_grade": len(export.roles) - len(graded),
        "findings": len(export.findings),
    }
