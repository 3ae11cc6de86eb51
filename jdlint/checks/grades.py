"""Grades: the matrix agrees with the roles, every role states one readable, linked grade, and
grades rise with seniority; and the same title has one grade across the handbook.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from jdlint.family import (
    GradeClaim,
    describe,
    grade_claims,
    grade_rows,
    overlap,
    role_statements,
)
from jdlint.findings import Finding, Severity
from jdlint.index import HandbookIndex
from jdlint.model import Document, Role
from jdlint.rules import Context, RuleMeta, rule
from jdlint.sections import classify
from jdlint.titles import (
    TitleIndex,
    TitleSettings,
    is_job_title,
    key,
    position,
    same_title,
    title_settings,
    words,
)

MATRIX_ROLE_MISMATCH = RuleMeta(
    code="JD103",
    name="matrix-role-mismatch",
    summary="The title/grade table lists exactly the roles the page describes.",
    severity=Severity.WARNING,
    explanation="""\
A job-family matrix (a table with a title column and a grade column) is the page's summary.
A title in the matrix with no role section, or a role section missing from the matrix, means one
of them is stale. Titles are compared as jdlint compares titles everywhere ("Sr." = "Senior",
"Manager, Red Team" = "Red Team Manager", "(Intermediate)" optional). A row that is only a level
("Senior") matches the role at that level. Different grades for the same title are JD201's.

```markdown
| Role | Grade |
| --- | --- |
| Widget Engineer | 6 |
| Senior Widget Engineer | 7 |      <- JD103 when no "## Senior Widget Engineer" follows
```
""",
)


@rule(MATRIX_ROLE_MISMATCH, target=Document)
def matrix_role_mismatch(document: Document, ctx: Context) -> Iterator[Finding]:
    rows = grade_rows(document)
    roles = [r for r in document.roles if r.heading is not None]
    if not rows or len(roles) < 2:
        return  # a family split across files keeps its roles on other pages
    settings = title_settings(ctx.settings.titles)
    family = words(_family_name(document), settings)
    # A row is described when any heading has its title (some role headings are mis-nested).
    headings = [h.text for h in document.headings if classify(h.text) is None]
    for row in rows:
        if row.elsewhere:
            continue
        if not any(_row_names(row.title, heading, family, settings) for heading in headings):
            yield ctx.finding(
                row.title_span,
                f'matrix lists "{row.title}" but no role section has that title',
                subject=row.title,
            )
    for role in roles:
        if not (role.sections or role_statements(role)):
            continue  # a heading taken for a role that describes nothing ("## Leadership")
        if not any(_row_names(row.title, role.title, family, settings) for row in rows):
            yield ctx.finding(
                role.title_span,
                f'role "{role.title}" is missing from the matrix (line {rows[0].table_line})',
                subject=role.title,
            )


def _family_name(document: Document) -> str:
    return re.sub(r"\bjob\s+family\b.*$", "", document.title or "", flags=re.IGNORECASE)


def _row_names(row: str, role: str, family: tuple[str, ...], settings: TitleSettings) -> bool:
    if same_title(row, role, settings) or same_title(_bare(row), _bare(role), settings):
        return True
    # "[Senior](senior-widget-engineer)": a level only; it names the role at that level.
    row_at, role_at = position(row, settings), position(role, settings)
    if not row_at.base and row_at.steps == role_at.steps:
        return True
    # "Sr Analyst" in the Tax family's matrix: the family name is left out.
    row_words, role_words = set(words(_bare(row), settings)), set(words(_bare(role), settings))
    return row_at.steps == role_at.steps and row_words < role_words <= row_words | set(family)


def _bare(title: str) -> str:
    """The title without parenthesised qualifiers: "Director, Tax (Domestic/International)"."""
    return re.sub(r"\([^)]*\)", " ", title)


GRADE_MISMATCH = RuleMeta(
    code="JD201",
    name="grade-mismatch",
    summary="Every statement of a title's grade on a page gives the same grade.",
    severity=Severity.ERROR,
    explanation="""\
A page may state a title's grade in several places: the role's Job Grade section, the matrix,
front matter, or a statement copied under another role. When two of them disagree, readers and
the compensation calculator get different answers. Ranges agree when they overlap ("8/9" and
"8"); an unreadable grade is JD202's.

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
    seen: list[tuple[str, GradeClaim]] = []
    claims = [c for c in grade_claims(document) if c.values]
    claims.sort(key=lambda c: (_authority(c, settings), c.span.line, c.span.col))
    for claim in claims:
        identity = index.identity(claim.title)
        other = next(
            (c for i, c in seen if i == identity and not overlap(c.values, claim.values)), None
        )
        if other is not None and claim.source == "statement":
            yield ctx.finding(
                claim.span,
                f'"{claim.title}" is {describe(claim.values, claim.raw)} here but '
                f"{describe(other.values, other.raw)} in the {other.where}",
                subject=claim.title,
            )
        seen.append((identity, claim))


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
                f'the grade of "{statement.title or role.title}" is not a number: "{statement.raw}"',
                subject=role.title,
            )
    if statements or role.heading is None or not _substantive(role):
        return
    settings = title_settings(ctx.settings.titles)
    if any(
        other is not role and same_title(_bare(role.title), other.title, settings)
        for other in document.roles
    ):
        return  # "Paralegal (Corporate)": a specialty of a role graded elsewhere on the page
    if any(row.values and same_title(row.title, role.title, settings) for row in grade_rows(document)):
        return
    graded = sum(1 for other in document.roles if other is not role and role_statements(other))
    if graded and graded >= (len(document.roles) - 1) / 2:
        yield ctx.finding(
            role.title_span, f'role "{role.title}" states no grade', subject=role.title
        )


def _substantive(role: Role) -> bool:
    """A role with its own Job Grade, Responsibilities or Requirements section."""
    sections = ("Job Grade", "Responsibilities", "Requirements")
    return any(n in role.sections for n in sections) and is_job_title(role.title)


@rule(GRADE_MISSING, target=Document)
def matrix_grade_missing(document: Document, ctx: Context) -> Iterator[Finding]:
    for row in grade_rows(document):
        if not row.values:
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
lose grade as they rise. The ladders are data in `rules/ladders/` and can be replaced or extended
in config (`titles: {ladders: [...]}`). Equal grades are allowed; set
`rules: {JD203: {strict: true}}` to report them too.

```markdown
The Widget Engineer is a [grade 7](...).
The Senior Widget Engineer is a [grade 6](...).   <- JD203
```
""",
)


@rule(GRADE_ORDER, target=Document)
def grade_order(document: Document, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    strict = bool(ctx.option("strict", False))
    index = TitleIndex([r.title for r in document.roles], settings)
    claims: dict[str, GradeClaim] = {}
    ordered = sorted(grade_claims(document), key=lambda c: _authority(c, settings))
    for claim in ordered:
        if claim.values:
            claims.setdefault(index.identity(claim.title), claim)
    placed = [(claim, position(claim.title, settings)) for claim in claims.values()]
    for senior, senior_at in placed:
        for junior, junior_at in placed:
            if senior is junior or not senior_at.base or senior_at.base != junior_at.base:
                continue
            if senior_at.head_first != junior_at.head_first:
                continue
            higher = _higher(senior_at.steps, junior_at.steps)
            if not higher:
                continue
            low, high = max(senior.values), min(junior.values)
            if low < high or (strict and low == high):
                yield ctx.finding(
                    senior.span,
                    f'"{senior.title}" ({describe(senior.values, senior.raw)}) ranks above '
                    f'"{junior.title}" ({describe(junior.values, junior.raw)}) but its grade '
                    f"is {'lower' if low < high else 'the same'}",
                    subject=senior.title,
                )


def _higher(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> bool:
    """True when `a` is above `b` on exactly one ladder and level with it on the others."""
    differing = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return x is not None and y is not None and x > y


GRADE_LINK = RuleMeta(
    code="JD205",
    name="grade-link",
    summary="A role's grade links to the grades page, with a link that renders.",
    severity=Severity.WARNING,
    explanation="""\
The grade number links to the compensation calculator's job-grade table so readers can see what
it means. jdlint reports a role's grade that is not linked, a link that lost its brackets
("grade 4 (/handbook/...)" or "[grade 8]((/handbook/...)": rendered as plain text), and a link
with an empty target. Plain-text pages (no links at all) are not judged. Whether the target
page exists is JD401's business.

```markdown
The Widget Engineer is a grade 6 (/handbook/total-rewards/).   <- JD205: write [grade 6](/handbook/...)
```
""",
)


@rule(GRADE_LINK, target=Role)
def grade_link(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    for statement in role_statements(role):
        text = f'grade "{statement.raw}" of "{statement.title or role.title}"'
        if statement.broken_link:
            yield ctx.finding(
                statement.span,
                f"{text} has a link that lost its brackets: "
                f'"{statement.broken_link}" renders as text',
                subject=role.title,
            )
        elif statement.link is not None and not statement.link.target.strip():
            yield ctx.finding(statement.span, f"{text} links to nothing", subject=role.title)
        elif statement.link is None and document.kind != "text" and statement.values:
            yield ctx.finding(
                statement.span, f"{text} is not linked to the grades page", subject=role.title
            )


CROSS_FAMILY_GRADE_CONFLICT = RuleMeta(
    code="JD204",
    name="cross-family-grade-conflict",
    summary="The same title has the same grade on every page of the handbook.",
    severity=Severity.WARNING,
    scope="handbook",
    explanation="""\
A title is one job: "Senior Backend Engineer" cannot be grade 7 on one page and grade 8 on
another. jdlint compares the grades every checked page gives a title (role statements, matrix
rows, front matter; titles compared as everywhere else) and reports the pages that disagree with
the grade most pages give (with a tie, every page after the first). Bare level titles
("Senior") are not compared across pages.

```markdown
engineering/backend.md:   The Senior Backend Engineer is a [grade 7](...).
engineering/platform.md:  The Senior Backend Engineer is a [grade 8](...).   <- JD204
```
""",
)


@rule(CROSS_FAMILY_GRADE_CONFLICT, target=HandbookIndex)
def cross_family_grade_conflict(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    by_title: dict[str, list[tuple[Document, GradeClaim]]] = {}
    for document in index.documents:
        for claim in grade_claims(document):
            exact = key(claim.title, settings, reorder=False)
            if claim.values and position(claim.title, settings).base and len(exact.split()) >= 2:
                by_title.setdefault(exact, []).append((document, claim))
    for claims in by_title.values():
        pages = {d.path for d, _ in claims}
        if len(pages) < 2:
            continue
        votes = Counter(c.values for _, c in claims)
        usual = max(votes, key=lambda v: (votes[v], -_first_line(claims, v)))
        for document, claim in claims:
            if overlap(claim.values, usual):
                continue
            other = next(d for d, c in claims if c.values == usual and d.path != document.path)
            yield ctx.finding(
                claim.span,
                f'"{claim.title}" is {describe(claim.values, claim.raw)} here but '
                f"grade {_number(usual)} in {_short(other.path)}",
                subject=claim.title,
                document=document,
            )


def _first_line(claims: list[tuple[Document, GradeClaim]], values: tuple[float, ...]) -> int:
    return next(i for i, (_, c) in enumerate(claims) if c.values == values)


def _number(values: tuple[float, ...]) -> str:
    return "/".join(f"{v:g}" for v in values)


def _short(path: str) -> str:
    parts = PurePath(path).parts
    return "/".join(parts[-3:])


RULES = (
    matrix_role_mismatch,
    grade_mismatch,
    grade_missing,
    matrix_grade_missing,
    grade_order,
    grade_link,
    cross_family_grade_conflict,
)
