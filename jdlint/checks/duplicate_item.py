"""JD503 duplicate-item: a bullet listed twice in one section, removed by `--fix` when the
copy is the same line."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.checks.intro import quote
from jdlint.checks.paragraphs import normalise
from jdlint.document.reading_order import in_reading_order
from jdlint.document.section_names import classify
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.model import Block, Document, Heading, ListItem
from jdlint.rules import Context, RuleMeta, rule

DUPLICATE_ITEM = RuleMeta(
    code="JD503",
    name="duplicate-item",
    summary="A list item appears only once in a section.",
    severity=Severity.WARNING,
    fixable=True,
    explanation="""\
The same bullet twice in one section (case, spacing, markup and final punctuation ignored).
When the second copy is byte-for-byte the same line, `--fix` removes it.

```markdown
### Requirements
- Ability to use GitLab
- Fluent in English
- Ability to use GitLab        <- JD503
```

Nested items are compared with their siblings only: "Results" under two different interview
stages is not a duplicate. A Hiring Process lists steps in order, so a step taken twice
("50 minute interview with CEO" first and last) is not reported.
""",
)


@rule(DUPLICATE_ITEM, target=Document)
def duplicate_item(document: Document, ctx: Context) -> Iterator[Finding]:
    nodes = in_reading_order(document)
    section: dict[str, ListItem] = {}
    steps = False  # a hiring process lists steps in order: meeting the CEO twice is two steps
    for node in nodes:
        if isinstance(node, Heading):
            section = {}
            found = classify(node.text)
            steps = found is not None and found.name == "Hiring Process"
        elif node.kind == "list" and not steps:
            yield from _duplicates(document, ctx, node, section)


def _duplicates(
    document: Document, ctx: Context, block: Block, seen: dict[str, ListItem]
) -> Iterator[Finding]:
    for item in block.items:
        for child in item.children:
            if child.kind == "list":
                yield from _duplicates(document, ctx, child, {})
        if item.inline is None or not item.inline.text.strip():
            continue
        key = normalise(item.inline.text)
        first = seen.setdefault(key, item)
        if first is item:
            continue
        text = quote(item.inline.text, 60)
        yield ctx.finding(
            item.inline.span(0, len(item.inline.raw)),
            f'list item "{text}" repeats the item at line {first.span.line}',
            fix=_removal(document, first, item),
            subject=key[:80],
        )


def _removal(document: Document, first: ListItem, item: ListItem) -> Fix | None:
    """Delete the repeated item's lines when they are exactly the first item's lines."""
    if item.children or first.children:
        return None
    mine = _lines(document, item.span.line, item.span.end_line)
    theirs = _lines(document, first.span.line, first.span.end_line)
    if [x.rstrip() for x in mine] != [x.rstrip() for x in theirs]:
        return None
    start = document.offset(item.span.line, 1)
    after = item.span.end_line + 1
    count = len(document.line_starts)
    end = document.offset(after, 1) if after <= count else len(document.source)
    if end == len(document.source) and not document.source.endswith("\n") and start > 0:
        start -= 1  # the last line, without a line end: the one before it becomes the last
    return Fix(edits=(TextEdit(start, end, ""),), safe=True, description="remove repeated item")


def _lines(document: Document, first: int, last: int) -> list[str]:
    """Lines `first` to `last` (1-based, inclusive) without splitting the whole page: a page
    with thousands of repeated items asks for them once per item."""
    starts = document.line_starts
    end = starts[last] - 1 if last < len(starts) else len(document.source)
    return document.source[starts[first - 1] : end].split("\n")


RULES = (duplicate_item,)
