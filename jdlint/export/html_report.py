"""`jdlint report`: the export as one self-contained HTML page (no scripts, no network).

The page is rendered by Jinja2 from `jdlint/export/templates/report.html.j2` (shipped as package
data) with autoescaping on, so titles and messages quoted from pages cannot inject markup.
This module only shapes the data: counts per code and per page, titles grouped by their
normalised form with grade conflicts, and one ladder chart per family.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from jdlint import __version__
from jdlint.domain.job_titles import is_job_title
from jdlint.export.ladder_chart import Chart, grade_colour, ladder_chart, scale_base
from jdlint.export.records import Export, RoleRecord, summary
from jdlint.findings import Finding, Severity


@dataclass(frozen=True)
class CodeCount:
    code: str
    name: str
    severity: str
    count: int
    pages: int


@dataclass(frozen=True)
class PageFindings:
    path: str
    family: str
    roles: int
    counts: dict[str, int]  # severity -> count
    findings: tuple[tuple[Finding, str], ...]  # with the title of the role it is in, or ""


@dataclass(frozen=True)
class TitleGroup:
    key: str
    roles: tuple[RoleRecord, ...]
    grades: tuple[str, ...]  # distinct grades as written
    conflict: bool


@dataclass(frozen=True)
class Ladder:
    name: str
    path: str
    chart: Chart
    roles: int
    findings: int
    anchor: str  # the id the family index links to
    group: str  # the department the index filters by (first folder under the job families)
    # Ungraded headings that name no job ("Distribution:Build", "Package": specialties listed
    # under a level): named under the ladder, not drawn as roles without a grade.
    specialties: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradeRow:
    """One grade of the handbook and every role that has it: "who else is grade 8?"."""

    grade: str
    roles: tuple[RoleRecord, ...]
    families: int


def templates() -> Environment:
    """The shipped Jinja2 templates (report and rule docs), escaping everything they insert."""
    return Environment(
        loader=PackageLoader("jdlint.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(export: Export) -> str:
    env = templates()
    titles = title_groups(export)
    conflicts = [g for g in titles if g.conflict]
    families = ladders(export, frozenset(g.key for g in conflicts))
    values = [v for r in export.roles if r.grade for v in r.grade.values]
    low, high = (min(values, default=1.0), max(values, default=10.0))
    return env.get_template("report.html.j2").render(
        version=__version__,
        summary=summary(export),
        errors=sum(1 for f in export.findings if f.severity is Severity.ERROR),
        groups=sorted({ladder.group for ladder in families}),
        grade_rows=grade_rows(export),
        scale=(scale_base(low), high, grade_colour(low, low, high), grade_colour(high, low, high)),
        codes=code_counts(export),
        pages=page_findings(export),
        titles=titles,
        conflicts=conflicts,
        gendered=[role for role in export.roles if role.gendered_title],
        ladders=families,
    )


def code_counts(export: Export) -> list[CodeCount]:
    findings = export.findings
    counts = Counter(f.code for f in findings)
    pages: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    worst: dict[str, Severity] = {}
    for finding in findings:
        pages[finding.code].add(finding.path)
        names[finding.code] = finding.name
        worst[finding.code] = max(worst.get(finding.code, finding.severity), finding.severity)
    return [
        CodeCount(code, names[code], str(worst[code]), count, len(pages[code]))
        for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def page_findings(export: Export) -> list[PageFindings]:
    by_page: dict[str, list[tuple[Finding, str]]] = defaultdict(list)
    for role in export.roles:
        by_page[role.page].extend((f, role.title) for f in role.findings)
    out = []
    for page in export.pages:
        found = by_page[page.path] + [(f, "") for f in page.findings]
        found.sort(key=lambda pair: pair[0].sort_key())
        counts = Counter(str(f.severity) for f, _ in found)
        out.append(
            PageFindings(page.path, page.family.name, page.roles, dict(counts), tuple(found))
        )
    out.sort(key=lambda p: (-len(p.findings), p.path))
    return out


def title_groups(export: Export) -> list[TitleGroup]:
    """Roles grouped by normalised title; a group is a conflict when its grades differ within
    one notation ("Band 6" and "GS-13" for one title: jdlint cannot tell, and says nothing)."""
    groups: dict[str, list[RoleRecord]] = defaultdict(list)
    for role in export.roles:
        groups[role.normalised_title].append(role)
    out = []
    for key, roles in groups.items():
        values: dict[str, set[tuple[float, ...]]] = defaultdict(set)
        for r in roles:
            if r.grade and r.grade.values:
                values[r.grade.notation].add(r.grade.values)
        grades = tuple(dict.fromkeys(r.grade.raw for r in roles if r.grade))
        conflict = any(len(v) > 1 for v in values.values())
        out.append(TitleGroup(key, tuple(roles), grades, conflict=conflict))
    out.sort(key=lambda g: (not g.conflict, g.key))
    return out


def ladders(export: Export, conflicts: frozenset[str]) -> list[Ladder]:
    families: dict[str, list[RoleRecord]] = defaultdict(list)
    for role in export.roles:
        families[role.family.path].append(role)
    values = [v for r in export.roles if r.grade for v in r.grade.values]
    grades = (min(values, default=1.0), max(values, default=10.0))
    out = []
    for number, path in enumerate(sorted(families), start=1):
        every = families[path]
        roles = [r for r in every if not _specialty(r)] or every
        others = tuple(dict.fromkeys(r.title for r in every if r not in roles))
        chart = ladder_chart(roles, grades, conflicts)
        found = sum(len(r.findings) for r in roles)
        name = every[0].family.name
        anchor, group = f"family-{number}", _group(path)
        out.append(Ladder(name, path, chart, len(roles), found, anchor, group, others))
    return out


def _specialty(role: RoleRecord) -> bool:
    """A heading taken for a role that has no grade and names no job (its findings stay in
    "Findings by page")."""
    return role.grade is None and not is_job_title(role.title)


def grade_rows(export: Export) -> list[GradeRow]:
    """The handbook's grades, lowest first, each with its roles across every family."""
    by_grade: dict[float, list[RoleRecord]] = defaultdict(list)
    for role in export.roles:
        for value in role.grade.values if role.grade else ():
            by_grade[value].append(role)
    return [
        GradeRow(
            f"{value:g}",
            tuple(sorted(roles, key=lambda r: (r.family.name, r.title))),
            len({r.family.path for r in roles}),
        )
        for value, roles in sorted(by_grade.items())
    ]


def _group(path: str) -> str:
    """A family's department: the folder after `job-families/` (or the first folder)."""
    parts = [p for p in path.replace("\\", "/").split("/") if p and p not in (".", "..")]
    for marker in ("job-families", "job_families"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return parts[parts.index(marker) + 1]
    return parts[0] if len(parts) > 1 else "other"
