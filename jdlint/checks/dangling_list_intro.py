"""JD105 dangling-list-intro: a sentence that announces a list is followed by one.

Pages are edited by copy and paste between the handbook, job boards and documents; list markup
is what gets lost first, and the sentence that introduced the list is what is left.
"""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.checks.intro import is_intro_sentence, quote
from jdlint.document.reading_order import in_reading_order, next_shown
from jdlint.findings import Finding, Severity
from jdlint.model import Block, Document, Heading
from jdlint.rules import Context, RuleMeta, rule

DANGLING_LIST_INTRO = RuleMeta(
    code="JD105",
    name="dangling-list-intro",
    summary="A sentence that introduces a list is followed by a list.",
    severity=Severity.WARNING,
    explanation="""\
A paragraph ending in a colon that announces a list ("...through the following channels:",
"...includes four distinct positions:") must be followed by that list. When it is followed by
another paragraph, a heading of the same level, or nothing, the list was lost (typically when a
page is pasted from a job board and its markup stripped).

```markdown
All positions include the following responsibilities:

## Requirements          <- JD105: the responsibilities are missing
```

Labels such as "Renewal intake:" are not list intros (see JD106), and an intro followed by a
table, code block, ERB partial or deeper sub-headings counts as followed by its list.
""",
)


@rule(DANGLING_LIST_INTRO, target=Document)
def dangling_list_intro(document: Document, ctx: Context) -> Iterator[Finding]:
    nodes = in_reading_order(document)
    section_level = 0
    for index, node in enumerate(nodes):
        if isinstance(node, Heading):
            section_level = node.level
            continue
        if node.kind != "paragraph" or node.inline is None:
            continue
        inline = node.inline
        last_start = inline.raw.rfind("\n") + 1
        last_line = inline.masked[last_start:]
        if not is_intro_sentence(last_line):
            continue
        following = next_shown(nodes, index)
        if _is_list_like(following, section_level):
            continue
        text = inline.raw[last_start:].strip()
        yield ctx.finding(
            inline.span(last_start, len(inline.raw)),
            f'"{quote(text)}" introduces a list, but no list follows',
            subject=text,
        )


def _is_list_like(node: Block | Heading | None, section_level: int) -> bool:
    if node is None:
        return False
    if isinstance(node, Heading):
        return section_level == 0 or node.level > section_level
    return node.kind in ("list", "table", "code", "html", "template", "quote")


RULES = (dangling_list_intro,)
