"""JD205: a role's grade links to the grades page, with a link that renders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.domain.family_facts import grade_rows, role_statements
from jdlint.findings import Finding, Severity
from jdlint.model import Document, MatrixRow, Role
from jdlint.rules import Context, RuleMeta, rule

GRADE_LINK = RuleMeta(
    code="JD205",
    name="grade-link",
    summary="A role's grade links to the grades page, with a link that renders.",
    severity=Severity.WARNING,
    explanation="""\
The grade number links to the compensation calculator's job-grade table so readers can see what
it means. Every grade statement of a role (its intro and its Job Grade section) is looked at, and
jdlint reports:

- a grade with a number that is not linked at all;
- a link that lost its brackets ("grade 4 (/handbook/...)", "[Grade 5]/handbook/...", or
  "[grade 8]((/handbook/...)"): it renders as plain text;
- a link with an empty target;
- a title/grade table cell whose grade link lost its parentheses ("[Grade 4]/handbook/...").

The message names the role of the heading the statement sits under (a statement that names
another title is JD301's). A grade without a number is JD202's, plain-text pages (no links at
all) are not judged, and whether the target page exists is JD401's business.

```markdown
The Widget Engineer is a grade 6 (/handbook/total-rewards/).
                                 <- JD205: write [grade 6](/handbook/total-rewards/)
```
""",
)


@rule(GRADE_LINK, target=Role)
def grade_link(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    for statement in role_statements(role):
        text = f'grade "{statement.raw}" of "{role.title}"'
        if statement.broken_link:
            yield ctx.finding(
                statement.span,
                f"{text} has a link that lost its brackets: "
                f'"{statement.broken_link}" renders as text',
                subject=role.title,
            )
        elif statement.link is not None and not statement.link.target.strip():
            yield ctx.finding(statement.span, f"{text} links to nothing", subject=role.title)
        elif (
            statement.link is None
            and document.kind != "text"
            and statement.values
            and statement.notation == "grade"  # "GS-13", "L5" have no grades page to link
        ):
            yield ctx.finding(
                statement.span, f"{text} is not linked to the grades page", subject=role.title
            )


# A table cell "[Grade 4]/handbook/pay/" or "[Grade 4] (/handbook/pay/": the link's target lost
# its parentheses, so the cell renders as text and no grade number is read from it.
_BROKEN_CELL = re.compile(
    r"^\[(?P<text>[^\]]*\d[^\]]*)\]\s*\(?\s*(?P<target>(?:/|https?://|\.{1,2}/)[^\s)]*)\)?$"
)


def broken_grade_cell(document: Document, row: MatrixRow) -> tuple[str, str] | None:
    """(link text, target) of a grade cell written as a link without its parentheses."""
    span = row.grade_span
    if span.line != span.end_line or not 0 < span.line <= len(document.lines):
        return None
    cell = document.lines[span.line - 1][span.col - 1 : span.end_col - 1].strip()
    found = _BROKEN_CELL.match(cell)
    if found is None or cell.startswith(f"[{found.group('text')}]("):
        return None  # "[Grade 4](/handbook/)" is a working link
    return found.group("text"), found.group("target")


@rule(GRADE_LINK, target=Document)
def matrix_grade_link(document: Document, ctx: Context) -> Iterator[Finding]:
    for row in grade_rows(document):
        broken = None if row.values else broken_grade_cell(document, row)
        if broken is not None:
            text, target = broken
            yield ctx.finding(
                row.grade_span,
                f'the matrix grade of "{row.title}" is a broken link: "[{text}]{target}" renders '
                f'as text; write "[{text}]({target})"',
                subject=row.title,
            )


RULES = (grade_link, matrix_grade_link)
