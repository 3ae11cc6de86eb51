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
from jdlint.export.ladder_chart import Chart, ladder_chart
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


def render_report(export: Export) -> str:
    env = Environment(
        loader=PackageLoader("jdlint.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    titles = title_groups(export)
    conflicts = [g for g in titles if g.conflict]
    return env.get_template("report.html.j2").render(
        version=__version__,
        summary=summary(export),
        codes=code_counts(export),
        pages=page_findings(export),
        titles=titles,
        conflicts=conflicts,
        gendered=[role for role in export.roles if role.gendered_title],
        ladders=ladders(export, frozenset(g.key for g in conflicts)),
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
    """Roles grouped by normalised title; a group is a conflict when its grades differ."""
    groups: dict[str, list[RoleRecord]] = defaultdict(list)
    for role in export.roles:
        groups[role.normalised_title].append(role)
    out = []
    for key, roles in groups.items():
        values = {r.grade.values for r in roles if r.grade and r.grade.values}
        grades = tuple(dict.fromkeys(r.grade.raw for r in roles if r.grade))
        out.append(TitleGroup(key, tuple(roles), grades, conflict=len(values) > 1))
    out.sort(key=lambda g: (not g.conflict, g.key))
    return out


def ladders(export: Export, conflicts: frozenset[str]) -> list[Ladder]:
    families: dict[str, list[RoleRecord]] = defaultdict(list)
    for role in export.roles:
        families[role.family.path].append(role)
    values = [v for r in export.roles if r.grade for v in r.grade.values]
    grades = (min(values, default=1.0), max(values, default=10.0))
    out = []
    for path in sorted(families):
        roles = families[path]
        chart = ladder_chart(roles, grades, conflicts)
        found = sum(len(r.findings) for r in roles)
        out.append(Ladder(roles[0].family.name, path, chart, len(roles), found))
    return out
