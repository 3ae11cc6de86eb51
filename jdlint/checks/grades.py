"""Grades on one page: the matrix agrees with the roles, every role states one readable grade,
and grades rise with seniority (links: `grade_links`; across pages: `grade_conflicts`,
`split_grades`). Grades are compared within one notation (`rules/grades.yml`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath

from jdlint.checks.grade_links import broken_grade_cell
from jdlint.checks.titles import names_role
from jdlint.domain.family_facts import (
    GradeClaim,
    grade_claims,
    grade_rows,
    overlap,
    role_statements,
)
from jdlint.domain.job_titles import (
    Position,
    TitleIndex,
    TitleSettings,
    bare,
    is_job_title,
    level_words,
    position,
    same_title,
    title_settings,
    words,
)
from jdlint.findings import Finding, Severity
from jdlint.model import Document, Role
from jdlint.rules import Context, Located, RuleMeta, rule

GRADE_MISMATCH = RuleMeta(
    code="JD201",
    name="grade-mismatch",
    summary="Every statement of a title's grade on a page gives the same grade.",
    severity=Severity.ERROR,
    explanation="""\
A page may state a title's grade in several places: the role's Job Grade section, the matrix,
front matter (`grade:`, `band:`, `level: L5`), a key/value table row (`| Grade | Grade 7 |`), a
sentence about the post ("This is a Grade 6 post", "**Band:** Band 6", "As a Widget Analyst,
GS-0343-11, you ..."), or a statement copied under another role. When two of them disagree,
readers and the compensation calculator get different answers. Grades are compared within one
notation only (`rules/grades.yml`: grade numbers, NHS bands with "8a" < "8b", US federal GS,
level codes whose letters name the track: "D4", "IC3"), so "Band 7" and "Grade 7" never
disagree, and a salary is no grade. Ranges agree when they overlap ("8/9" and "8", "Band 5-6"
and "Band 6"); an unreadable grade is JD202's. In a family split across files (a Hugo
`_index.md` and its level pages), the index's grade for a level is checked against the level
page's own, and reported on the index.

```markdown
| Role | Grade |
| --- | --- |
| Widget Engineer | 6 |

## Widget Engineer
### Job Grade
The Widget Engineer is a [grade 7](/handbook/...).   <- JD201: the matrix says 6
```
""",
)


@rule(GRADE_MISMATCH, target=Document)
def grade_mismatch(document: Document, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    index = TitleIndex([r.title for r in document.roles], settings)
    # by role identity and notation ("Band 7" and "Grade 7" never disagree): linear in claims
    seen: dict[tuple[str, str], list[GradeClaim]] = defaultdict(list)
    claims = [c for c in grade_claims(document) if c.values]
    claims.sort(key=lambda c: (_authority(c, settings), c.span.line, c.span.col))
    for claim in claims:
        if _stale(claim, settings):
            continue  # the statement names another role: JD301's finding, with its fix
        identity = (index.identity(claim.title), claim.notation)
        other = next((c for c in seen[identity] if not overlap(c.values, claim.values)), None)
        if other is not None and claim.source == "statement":
            yield ctx.finding(
                claim.span,
                f'"{claim.title}" is {claim.label} here but {other.label} in the {other.where}',
                subject=claim.title,
            )
        seen[identity].append(claim)


def _stale(claim: GradeClaim, settings: TitleSettings) -> bool:
    """A role's own grade statement that names some other title (a stale copy)."""
    role, statement = claim.role, claim.statement
    return (
        role is not None
        and statement is not None
        and statement.title is not None
        and statement.title_span is not None
        and bool(words(role.title, settings))
        and not names_role(statement.title, role.title, settings)
    )


def _authority(claim: GradeClaim, settings: TitleSettings) -> int:
    """Which claim the others are checked against: the matrix and front matter, then a role's
    statement about itself, then statements that name some other role."""
    if claim.source != "statement":
        return 0
    role = claim.role
    return 1 if role is not None and same_title(claim.title, role.title, settings) else 2


GRADE_MISSING = RuleMeta(
    code="JD202",
    name="grade-missing",
    summary="Every role of a graded family states a grade, and the grade is a number.",
    severity=Severity.WARNING,
    explanation="""\
When some roles of a page state their grade, a role without one is an omission (a role of a
family split across files, or a page where no role states a grade, is not judged). A grade
statement whose value is not a number ("grade TBD", "grade X") is reported instead of guessed at;
"8/9", "9.5" and "10 or 11" are readable.

```markdown
## Senior Widget Engineer
### Job Grade
The Senior Widget Engineer is a [grade TBD](/handbook/...).   <- JD202
```
""",
)


@rule(GRADE_MISSING, target=Role)
def grade_missing(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    statements = role_statements(role)
    for statement in statements:
        if not statement.values:
            yield ctx.finding(
                statement.span,
                f'the grade of "{statement.title or role.title}" is not a number: '
                f'"{statement.raw}"',
                subject=role.title,
            )
    settings = title_settings(ctx.settings.titles)
    if statements or role.heading is None or not _substantive(role, settings):
        return
    if any(
        other is not role and same_title(bare(role.title), other.title, settings)
        for other in document.roles
    ):
        return  # "Paralegal (Corporate)": a specialty of a role graded elsewhere on the page
    rows = grade_rows(document)
    if any(row.values and same_title(row.title, role.title, settings) for row in rows):
        return
    graded = sum(1 for other in document.roles if other is not role and role_statements(other))
    if graded and graded >= (len(document.roles) - 1) / 2:
        yield ctx.finding(
            role.title_span, f'role "{role.title}" states no grade', subject=role.title
        )


def _substantive(role: Role, settings: TitleSettings) -> bool:
    """A role with its own Job Grade, Responsibilities or Requirements section, and one role:
    "Director and Senior Director, X" extends two roles graded elsewhere."""
    sections = ("Job Grade", "Responsibilities", "Requirements")
    head = role.title.split(",")[0]
    parts = re.split(r"\s+(?:and|or|&)\s+|\s*/\s*", head)
    levels = level_words(settings)
    several = len(parts) > 1 and all(p and set(words(p, settings)) <= levels for p in parts)
    return any(n in role.sections for n in sections) and is_job_title(role.title) and not several


# "D3", "IC3", "L5", "P-4": a grade in the organisation's own level notation, not a missing one
_LEVEL_CODE = re.compile(r"^[A-Za-z]{1,3}-?\d{1,2}$")


@rule(GRADE_MISSING, target=Document)
def matrix_grade_missing(document: Document, ctx: Context) -> Iterator[Finding]:
    for row in grade_rows(document):
        if row.values or _LEVEL_CODE.match(row.grade):
            continue
        if broken_grade_cell(document, row) is None:  # a broken link is JD205's
            yield ctx.finding(
                row.grade_span if row.grade else row.title_span,
                f'the matrix grade of "{row.title}" is not a number: "{row.grade}"',
                subject=row.title,
            )


GRADE_ORDER = RuleMeta(
    code="JD203",
    name="grade-order",
    summary="A more senior title of the same ladder never has a lower grade.",
    severity=Severity.ERROR,
    explanation="""\
Titles that differ only in their level (Associate < Intermediate < Senior < Staff < Principal <
Distinguished; Manager < Senior Manager < Director < Senior Director < Vice President) must not
lose grade as they rise, compared within one notation ("D3" < "D4"; a band is not compared with
a grade). The levels of a family split across files (an `_index.md` and its level pages) are
ordered across those pages too. The ladders are data in `rules/ladders/` and can be replaced or extended
in config (`titles: {ladders: [...]}`). Equal grades are allowed; set
`rules: {JD203: {strict: true}}` to report them too.

```markdown
The Widget Engineer is a [grade 7](...).
The Senior Widget Engineer is a [grade 6](...).   <- JD203
```
""",
)


@dataclass(frozen=True)
class GradeOrderOptions:
    strict: bool = False  # also report equal grades of titles on different ladder steps


@rule(GRADE_ORDER, target=Document, options=GradeOrderOptions)
def grade_order(document: Document, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    strict = ctx.options.strict
    index = TitleIndex([r.title for r in document.roles], settings)
    claims: dict[tuple[str, str], GradeClaim] = {}
    ordered = sorted(grade_claims(document), key=lambda c: _authority(c, settings))
    for claim in ordered:
        if claim.values:
            claims.setdefault((index.identity(claim.title), claim.notation), claim)
    yield from order_findings(list(claims.values()), ctx, strict)


def order_findings(
    claims: list[GradeClaim], ctx: Context, strict: bool, pages: Mapping[int, Located] | None = None
) -> Iterator[Finding]:
    """JD203 over one claim per title and notation. `pages` (claim id -> its page) is given by
    the handbook check of a split family, which reports only pairs from two different pages."""
    settings = title_settings(ctx.settings.titles)
    ladders: dict[tuple[str, bool, str], list[tuple[GradeClaim, Position]]] = defaultdict(list)
    for claim in claims:
        at = position(claim.title, settings)
        if at.base:  # only titles on the same ladder are compared: linear across ladders
            ladders[(at.base, at.head_first, claim.notation)].append((claim, at))
    pairs = (
        (senior, senior_at, junior, junior_at)
        for placed in ladders.values()
        for senior, senior_at in placed
        for junior, junior_at in placed
    )
    for senior, senior_at, junior, junior_at in pairs:
        if senior is junior or not _higher(senior_at.steps, junior_at.steps):
            continue
        if pages is not None and pages[id(senior)].path == pages[id(junior)].path:
            continue  # one page's own pairs are the page check's
        low, high = max(senior.values), min(junior.values)
        if low < high or (strict and low == high):
            where = f" in {PurePath(pages[id(junior)].path).name}" if pages is not None else ""
            yield ctx.finding(
                senior.span,
                f'"{senior.title}" ({senior.label}) ranks above '
                f'"{junior.title}" ({junior.label}{where}) but its grade '
                f"is {'lower' if low < high else 'the same'}",
                subject=senior.title,
                document=pages[id(senior)] if pages is not None else None,
            )


def _higher(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> bool:
    """True when `a` is above `b` on exactly one ladder and level with it on the others."""
    differing = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return x is not None and y is not None and x > y


RULES = (
    grade_mismatch,
    grade_missing,
    matrix_grade_missing,
    grade_order,
)
