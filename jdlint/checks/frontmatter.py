"""Front matter: valid YAML, a title, and a title that agrees with the page's H1."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.document.section_names import normalise_heading
from jdlint.findings import Finding, Severity
from jdlint.model import Document
from jdlint.rules import Context, RuleMeta, rule

FRONT_MATTER = RuleMeta(
    code="JD701",
    name="front-matter",
    summary="Front matter is valid YAML with a title that agrees with the page's H1.",
    severity=Severity.ERROR,
    explanation="""\
The site generator reads the page title from front matter: YAML between `---` lines, or TOML
between `+++` lines (Hugo). jdlint reports:

- front matter that is not valid YAML or TOML (with the line and column of the error), is not
  a mapping, or is opened with `---` or `+++` and never closed;
- front matter without a `title` (or with a title that is not text);
- a `title` that disagrees with the page's H1 heading.

```markdown
---
title: "Widget Engineer"
---
```
""",
)


@rule(FRONT_MATTER, target=Document)
def front_matter(document: Document, ctx: Context) -> Iterator[Finding]:
    matter = document.front_matter
    if document.kind in ("partial", "text"):
        return
    if matter is None:
        return
    if matter.error:
        yield ctx.finding(matter.error_span or matter.span, matter.error, subject="yaml")
        return
    title = matter.data.get("title")
    if title is None:
        yield ctx.finding(matter.span, "front matter has no title", subject="title")
        return
    if not isinstance(title, str) or not title.strip():
        yield ctx.finding(matter.span, "front matter title is not text", subject="title")
        return
    for heading in document.headings:
        if heading.level == 1:
            if normalise_heading(heading.text) != normalise_heading(title):
                yield ctx.finding(
                    heading.span,
                    f'H1 "{heading.text}" disagrees with the front matter title "{title}"',
                    subject="h1",
                )
            break


RULES = (front_matter,)
