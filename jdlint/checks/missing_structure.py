"""JD107 missing-structure: a page with no headings at all (its markup stripped)."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.findings import Finding, Severity
from jdlint.model import Document
from jdlint.rules import Context, RuleMeta, rule

MISSING_STRUCTURE = RuleMeta(
    code="JD107",
    name="missing-structure",
    summary="A page has headings that show its roles and sections.",
    severity=Severity.ERROR,
    explanation="""\
A page with no headings at all (typically a job ad pasted from a job board with its markup
stripped) has no recognisable roles, sections or grades, so no reader can navigate it and most
checks cannot run. Restore the headings: `## Role title`, `### Job Grade`,
`### Responsibilities`, `### Requirements`.

Plain-text pages (`.txt`) are not reported: they have no markup by nature, and their short
lines that name a known section ("Requirements") are read as its label.
""",
)


@rule(MISSING_STRUCTURE, target=Document)
def missing_structure(document: Document, ctx: Context) -> Iterator[Finding]:
    if document.kind in ("partial", "text") or document.headings or document.labels:
        return  # bold labels are its headings: JD106 reports each; plain text has no markup
    paragraphs = [b for b in document.blocks if b.kind in ("paragraph", "list")]
    if len(paragraphs) < 3:
        return
    first = paragraphs[0].span
    yield ctx.finding(
        first,
        f"no headings found in {len(document.source.splitlines())} lines: no role or section "
        "headings can be recognised (was the markup stripped?)",
        subject="structure",
    )


RULES = (missing_structure,)
