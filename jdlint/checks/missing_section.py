"""JD101 missing-section: every role has the sections its job family requires, its own and
the family's, wherever the page writes them."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.document.section_names import classify, resolve_names, vocabulary
from jdlint.findings import Finding, Severity
from jdlint.model import Document, Heading, Role
from jdlint.rules import Context, RuleMeta, rule

MISSING_SECTION = RuleMeta(
    code="JD101",
    name="missing-section",
    summary="Every role has the sections its job family requires.",
    severity=Severity.ERROR,
    explanation="""\
Each role needs the sections readers and recruiters look for: by default Responsibilities and
Requirements (a missing grade is JD202's business). A section written once for the whole family,
above the roles, counts for every role. Configure the list per handbook:

```yaml
required-sections: [Responsibilities, Requirements]
family-sections: [Performance Indicators, Hiring Process]   # required once per page
```

Headings are recognised with their usual variants and typos ("Responsibiltiies",
"Senior Manager, Red Team Requirements"), and an ERB partial or Hugo shortcode that stands for
a section counts as that section.
""",
)


@rule(MISSING_SECTION, target=Role)
def missing_section(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    if not document.headings and not document.labels:
        return  # JD107 reports the page; every section would be "missing"
    # By identity: comparing roles by value walks their whole trees, once per role per role.
    place = next((i for i, other in enumerate(document.roles) if other is role), 0)
    earlier = document.roles[:place]
    extends = _extends(role)
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    for name in resolve_names(ctx.settings.required_sections, vocab):
        astray = _at_role_level(role, name, document.roles)
        if astray is not None and any(name in other.sections for other in document.roles):
            yield ctx.finding(
                astray.span,
                f'role "{role.title}" has no {name} section of its own: "{astray.text}" is at '
                f"the roles' level ({'#' * astray.level}), so it reads as the page's",
                subject=role.title,
            )
            continue
        if _has_section(role, name):
            continue
        if extends and any(_has_section(other, name) for other in earlier):
            continue  # "Additional Responsibilities": the role extends one above it
        if any(_has_section(other, name) for other in document.roles):
            yield ctx.finding(
                role.title_span, f'role "{role.title}" has no {name} section', subject=role.title
            )
        elif role is document.roles[0] and document.layout != "ladder":
            # One finding for the page, not one per role, when the page never has the section.
            # A levels ladder names its own sections per level (Scope, Expectations).
            count = len(document.roles)
            message = (
                f'role "{role.title}" has no {name} section'
                if count == 1
                else f"none of the {count} roles has a {name} section"
            )
            yield ctx.finding(role.title_span, message, subject=name)


@rule(MISSING_SECTION, target=Role)
def section_of_another_role(role: Role, ctx: Context) -> Iterator[Finding]:
    """ "#### Widget Analyst Responsibilities" under "### Senior Widget Analyst": a reader sees
    the section of another role, so this role's own section is missing."""
    from jdlint.checks.titles import names_role
    from jdlint.domain.job_titles import same_title
    from jdlint.domain.title_settings import title_settings

    document = ctx.document
    if role.heading is None or document is None:
        return
    settings = title_settings(ctx.settings.titles)
    others = [other for other in document.roles if other is not role]
    for name, section in role.sections.items():
        heading = section.heading
        found = classify(heading.text) if heading is not None else None
        if heading is None or found is None or not found.prefix or name not in _ROLE_PARTS:
            continue
        prefix = found.prefix.strip(" ,:-")
        if not prefix or names_role(prefix, role.title, settings):
            continue
        if not any(same_title(prefix, other.title, settings) for other in others):
            continue  # a typo or a looser name of this role, not another role's section
        yield ctx.finding(
            heading.span,
            f'role "{role.title}" has no {name} section of its own: "{heading.text}" names '
            f'"{prefix}"',
            subject=heading.text,
        )


_ROLE_PARTS = frozenset({"Responsibilities", "Requirements", "Job Grade"})


def _at_role_level(role: Role, name: str, roles: tuple[Role, ...]) -> Heading | None:
    """A shared section written right after this role at the roles' heading level ("## Widget
    Analyst", "### Responsibilities", "## Requirements"): meant for the role, read as the page's.
    """
    shared = role.inherited_sections.get(name)
    if name in role.sections or role.heading is None or shared is None:
        return None
    heading = shared.heading
    start = role.heading.span.line
    if heading is None or heading.span.line < start:
        return None  # written above the role: shared on purpose
    later = [r.heading.span.line for r in roles if r.heading and r.heading.span.line > start]
    if later and min(later) < heading.span.line:
        return None  # another role comes first: the section is not this role's
    return heading if heading.level <= role.heading.level else None


def _extends(role: Role) -> bool:
    """A role written as additions to another ("Additional Responsibilities")."""
    return any(
        s.heading is not None and s.heading.text.strip().lower().startswith("additional")
        for s in (*role.sections.values(), *role.extra_sections)
    )


def _has_section(role: Role, name: str) -> bool:
    return name in role.sections or name in role.inherited_sections


@rule(MISSING_SECTION, target=Document)
def missing_family_section(document: Document, ctx: Context) -> Iterator[Finding]:
    if not ctx.settings.family_sections or not document.roles or document.kind == "partial":
        return
    present = {s.name for s in document.family_sections}
    present |= {sub.name for s in document.family_sections for sub in s.subsections}
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    for name in resolve_names(ctx.settings.family_sections, vocab):
        if name not in present:
            span = document.title_span or document.roles[0].title_span
            yield ctx.finding(span, f"job family has no {name} section", subject=name)


RULES = (missing_section, missing_family_section, section_of_another_role)
