"""JD109 count-mismatch: a stated number of items matches the list that follows."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.checks.intro import announced_count, ends_with_colon
from jdlint.document.reading_order import in_reading_order, next_shown
from jdlint.findings import Finding, Severity
from jdlint.model import Block, Document, Inline, iter_items
from jdlint.rules import Context, RuleMeta, rule

COUNT_MISMATCH = RuleMeta(
    code="JD109",
    name="count-mismatch",
    summary="A stated number of items matches the list that follows.",
    severity=Severity.WARNING,
    explanation="""\
An intro that states a count ("The family includes four distinct positions:") must be followed
by that many list items. A mismatch means an item was added or removed without updating the
sentence (or the other way round).

```markdown
The family includes three positions:   <- JD109: four items follow
- Associate
- Intermediate
- Senior
- Staff
```

Approximate counts ("at least two of the following"), durations ("three times daily") and
counts inside parentheses are not checked.
""",
)


@rule(COUNT_MISMATCH, target=Document)
def count_mismatch(document: Document, ctx: Context) -> Iterator[Finding]:
    nodes = in_reading_order(document)
    for index, node in enumerate(nodes):
        if not isinstance(node, Block):
            continue
        if node.kind == "paragraph" and node.inline is not None:
            following = next_shown(nodes, index)
            if isinstance(following, Block) and following.kind == "list":
                yield from _compare(ctx, node.inline, following)
        elif node.kind == "list":
            for item in iter_items(node):
                lists = [c for c in item.children if c.kind == "list"]
                if item.inline is not None and lists:
                    yield from _compare(ctx, item.inline, lists[0])


def _compare(ctx: Context, inline: Inline, listing: Block) -> Iterator[Finding]:
    last_start = inline.raw.rfind("\n") + 1
    line = inline.masked[last_start:]
    if not ends_with_colon(line):
        return
    count = announced_count(line)
    if count is None or count.value == len(listing.items):
        return
    found = len(listing.items)
    start = inline.masked.lower().find(count.phrase.split()[0].lower(), last_start)
    start = start if start >= 0 else last_start
    yield ctx.finding(
        inline.span(start, start + len(count.phrase)),
        f'"{count.phrase}" but the list that follows has {found} item{"s" if found != 1 else ""}',
        subject=count.phrase,
    )


RULES = (count_mismatch,)
