"""The job-family matrix: the title/grade table lists exactly the roles the page describes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jdlint.document.section_names import vocabulary
from jdlint.domain.family_facts import grade_rows, role_statements
from jdlint.domain.job_titles import (
    TitleSettings,
    bare,
    position,
    same_title,
    title_settings,
    words,
)
from jdlint.findings import Finding, Severity
from jdlint.model import Document
from jdlint.rules import Context, RuleMeta, rule

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

A title/grade table that does not render (no delimiter row such as `| --- | --- |` under its
header, or a delimiter broken by a missing pipe) shows readers a paragraph of pipes; it is
reported too, since its grades reach nobody.
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
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    headings = [h.text for h in document.headings if vocab.classify(h.text) is None]
    # Most rows and roles name each other with the same normalised words (`same_title`'s
    # first test): a set lookup answers them before the pairwise comparisons.
    heading_words = {words(heading, settings) for heading in headings}
    row_words = {words(row.title, settings) for row in rows}
    every_heading, every_row = tuple(headings), tuple(row.title for row in rows)
    for row in rows:
        if row.elsewhere:
            continue
        if words(row.title, settings) in heading_words:
            continue
        if not _any_names((row.title,), every_heading, family, settings):
            yield ctx.finding(
                row.title_span,
                f'matrix lists "{row.title}" but no role section has that title',
                subject=row.title,
            )
    for role in roles:
        if not (role.sections or role_statements(role)):
            continue  # a heading taken for a role that describes nothing ("## Leadership")
        if words(role.title, settings) in row_words:
            continue
        if not _any_names(every_row, (role.title,), family, settings):
            yield ctx.finding(
                role.title_span,
                f'role "{role.title}" is missing from the matrix (line {rows[0].table_line})',
                subject=role.title,
            )


def _family_name(document: Document) -> str:
    return re.sub(r"\bjob\s+family\b.*$", "", document.title or "", flags=re.IGNORECASE)


@lru_cache(maxsize=1 << 10)  # a pure memo: an editor checks the same rows at each keystroke
def _any_names(
    rows: tuple[str, ...], roles: tuple[str, ...], family: tuple[str, ...], settings: TitleSettings
) -> bool:
    """Whether a row of `rows` names a role of `roles` (`_row_names`). One lookup answers
    a row against a long page's hundreds of headings again, not one per heading."""
    return any(_row_names(row, role, family, settings) for row in rows for role in roles)


@lru_cache(maxsize=1 << 16)  # a pure memo: each row is compared with every heading, twice
def _row_names(row: str, role: str, family: tuple[str, ...], settings: TitleSettings) -> bool:
    if same_title(row, role, settings) or same_title(bare(row), bare(role), settings):
        return True
    # "[Senior](senior-widget-engineer)": a level only; it names the role at that level.
    row_at, role_at = position(row, settings), position(role, settings)
    if not row_at.base and row_at.steps == role_at.steps:
        return True
    # "Sr Analyst" in the Tax family's matrix: the family name is left out.
    row_words, role_words = set(words(bare(row), settings)), set(words(bare(role), settings))
    if row_at.steps == role_at.steps and row_words < role_words <= row_words | set(family):
        return True
    # "Senior Director, Tax (Domestic/Multinational)": one row for the role in each specialty
    # ("Senior Director of Multinational Tax").
    options = {w for part in re.findall(r"\(([^)]*)\)", row) for w in words(part, settings)}
    return bool(options) and row_words < role_words <= row_words | options


_HEADER_WORDS = re.compile(r"\b(?:grade|level|title|role|position)s?\b", re.IGNORECASE)
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")


@rule(MATRIX_ROLE_MISMATCH, target=Document)
def unrendered_matrix(document: Document, ctx: Context) -> Iterator[Finding]:
    """A title/grade table written with pipes that Markdown reads as a paragraph."""
    for block in document.blocks:
        inline = block.inline
        if block.kind != "paragraph" or inline is None:
            continue
        lines = inline.masked.split("\n")
        rows = [line for line in lines if line.count("|") >= 2]
        header, second = lines[0], lines[1] if len(lines) > 1 else ""
        if len(rows) < 2 or len(rows) < len(lines) - 1 or header.count("|") < 2:
            continue
        if not _HEADER_WORDS.search(header) or _DELIMITER.match(second):
            continue
        if "-" in second and set(second.replace(" ", "")) <= set("|:-"):
            problem = "its delimiter row is broken"
        else:
            problem = "it has no delimiter row (| --- | --- |) under its header"
        yield ctx.finding(
            inline.span(0, len(lines[0])),
            f"title/grade table does not render: {problem}",
            subject=lines[0][:60],
        )


RULES = (matrix_role_mismatch, unrendered_matrix)
