"""JD102 family-section-nesting: family-wide sections sit at the level of the roles, not under
the last role or under one another."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.document.section_names import classify
from jdlint.findings import Finding, Severity
from jdlint.model import Document, Heading, Role
from jdlint.rules import Context, RuleMeta, rule

FAMILY_SECTION_NESTING = RuleMeta(
    code="JD102",
    name="family-section-nesting",
    summary="Family-wide sections sit at the level of the roles, not under the last role.",
    severity=Severity.WARNING,
    explanation="""\
Performance Indicators, Career Ladder, Hiring Process, Compensation and Location Specific
Requirements describe the whole family. Written one level below the last role's heading, they
render (and appear in the table of contents) as if they belonged to that role only.

```markdown
## Senior Widget Engineer
### Requirements
- ...
### Hiring Process        <- JD102: make this "## Hiring Process"
```
""",
)


@rule(FAMILY_SECTION_NESTING, target=Role)
def family_section_nesting(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    nested = [s for s in role.nested_family_sections if s.heading and not s.heading.label]
    if not nested or role.heading is None or len(document.roles) < 2:
        return  # on a one-role page the nesting changes nothing a reader sees
    names = {s.name for s in nested}
    others = [r for r in document.roles if r is not role]
    if any(names & {s.name for s in r.nested_family_sections} for r in others):
        return  # every role has its own Hiring Process: a per-role layout, not a slip
    listed = ", ".join(f'"{s.heading.text}"' for s in nested if s.heading)
    first = nested[0].heading
    assert first is not None
    plural = "sections" if len(nested) > 1 else "section"
    level = "#" * role.heading.level
    yield ctx.finding(
        first.span,
        f'family {plural} {listed} nested under role "{role.title}"; '
        f"move to the roles' heading level ({level})",
        subject=role.title,
    )


#: Family sections that are peers: one written under another belongs at its level.
_PEER_SECTIONS = frozenset({"Career Ladder", "Hiring Process", "Performance Indicators"})


@rule(FAMILY_SECTION_NESTING, target=Document)
def family_section_in_family_section(document: Document, ctx: Context) -> Iterator[Finding]:
    """ "### Career Ladder" under "## Hiring Process": the ladder reads as a hiring step."""
    stack: list[tuple[Heading, str | None]] = []
    for heading in document.headings:
        while stack and stack[-1][0].level >= heading.level:
            stack.pop()
        found = classify(heading.text)
        name = found.name if found is not None and found.family and not found.prefix else None
        parent = stack[-1] if stack else None
        peers = parent is not None and parent[1] in _PEER_SECTIONS and parent[1] != name
        if name in _PEER_SECTIONS and parent is not None and peers:
            level = "#" * parent[0].level
            yield ctx.finding(
                heading.span,
                f'family section "{heading.text}" is nested under "{parent[0].text}"; '
                f"move it to that section's level ({level})",
                subject=heading.text,
            )
        stack.append((heading, name))


RULES = (family_section_nesting, family_section_in_family_section)
