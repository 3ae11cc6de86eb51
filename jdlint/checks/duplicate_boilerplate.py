"""JD501 duplicate-boilerplate: a paragraph pasted twice on one page.

Job-family pages are assembled from boilerplate; a paragraph pasted under every role when it
belongs once is the trace it leaves most often.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from jdlint.checks.copy_differences import differences, sentences
from jdlint.checks.intro import quote
from jdlint.checks.paragraphs import Paragraph, page_paragraphs
from jdlint.findings import Finding, Severity
from jdlint.model import Document
from jdlint.rules import Context, RuleMeta, rule

JD501_MIN_WORDS = 8

DUPLICATE_BOILERPLATE = RuleMeta(
    code="JD501",
    name="duplicate-boilerplate",
    summary="A paragraph appears only once on a page.",
    severity=Severity.WARNING,
    explanation="""\
The same paragraph (compared without markup, case or spacing; link text kept) written more than
once on one page: usually boilerplate pasted under every role when it belongs once, at the end of
the page. The message names the first occurrence and says when a copy lost a link.

```markdown
## Widget Engineer
We encourage you to apply even if you do not match every requirement.
## Senior Widget Engineer
We encourage you to apply even if you do not match every requirement.   <- JD501
```

Paragraphs shorter than eight words are not compared, and a short one-sentence paragraph
repeated under each role or section ("This position reports to the VP of Widgets.") is the
page's template at work, not a duplicate, unless a copy lost a link.
""",
)


@rule(DUPLICATE_BOILERPLATE, target=Document)
def duplicate_boilerplate(document: Document, ctx: Context) -> Iterator[Finding]:
    first: dict[str, Paragraph] = {}
    heading_lines = [heading.span.line for heading in document.headings]
    for paragraph in page_paragraphs(document):
        if len(paragraph.words) < JD501_MIN_WORDS:
            continue
        original = first.setdefault(paragraph.key, paragraph)
        if original is paragraph:
            continue
        lost = [d for d in differences(original, paragraph) if d.startswith("lost")]
        if not lost and _structural(original, paragraph, heading_lines):
            continue
        message = f'paragraph "{quote(paragraph.inline.text, 50)}" repeats the one at line {original.line}'
        if lost:
            message += f" ({'; '.join(lost)})"
        span = paragraph.inline.span(0, len(paragraph.inline.raw))
        yield ctx.finding(span, message, subject=paragraph.key[:80])


STRUCTURAL_MAX_WORDS = 20


def _structural(original: Paragraph, copy: Paragraph, section_lines: list[int]) -> bool:
    """A short one-sentence paragraph repeated under another heading: the template at work.

    "This position reports to the VP of Widgets." under each level is written once per role
    on purpose; it is not boilerplate pasted twice.
    """
    if len(copy.words) > STRUCTURAL_MAX_WORDS or len(sentences(copy.inline.text)) != 1:
        return False
    return bisect_right(section_lines, original.line) != bisect_right(section_lines, copy.line)


RULES = (duplicate_boilerplate,)
