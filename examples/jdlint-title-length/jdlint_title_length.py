"""An example jdlint plugin: role titles that are too long to read on a careers page.

It shows the whole contract a third-party rule keeps: metadata declared once (`RuleMeta`),
a pure check from one node of the tree to findings, typed options read from the handbook's
config (`rules: {JD901: {max-words: 6}}`), and YAML cases run by `jdlint.testing`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jdlint.findings import Finding, Severity
from jdlint.model import Role
from jdlint.rules import Context, RuleMeta, rule

TITLE_LENGTH = RuleMeta(
    code="JD901",
    name="title-length",
    summary="A role title is short enough to read at a glance.",
    severity=Severity.WARNING,
    explanation="""\
Long titles are cut off on job boards and hard to compare across families. A title with more
words than `max-words` (default 6) is reported; move the specialty to the role's text.

```markdown
## Senior Widget Engineer for Platform Reliability and Tooling   <- JD901 (8 words)
```
""",
)


@dataclass(frozen=True)
class TitleLengthOptions:
    max_words: int = 6


@rule(TITLE_LENGTH, target=Role, options=TitleLengthOptions)
def title_length(role: Role, ctx: Context) -> Iterator[Finding]:
    words = role.title.split()
    if len(words) > ctx.options.max_words:
        yield ctx.finding(
            role.title_span,
            f'title "{role.title}" has {len(words)} words (at most {ctx.options.max_words})',
            subject=role.title,
        )


RULES = [title_length]
