"""JD106 pseudo-heading: section names written as list items or bold paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.checks.label_style import bold_label_house_style, is_group_label, is_list_intro
from jdlint.document.labels import bold_label
from jdlint.document.section_names import Vocabulary, vocabulary
from jdlint.document.unseen import is_only_a_link, renders_nothing
from jdlint.findings import Finding, Severity
from jdlint.model import Block, Document, iter_items
from jdlint.rules import Context, RuleMeta, rule

PSEUDO_HEADING = RuleMeta(
    code="JD106",
    name="pseudo-heading",
    summary="Section names are headings, not list items or bold paragraphs.",
    severity=Severity.WARNING,
    explanation="""\
A list item such as "- Additional Requirements", or a paragraph that is only bold text
("**Requirements**"), looks like a heading to a reader but is none: it is missing from the
table of contents and has no anchor, and jdlint cannot see the section it starts.

```markdown
- Additional Requirements      <- JD106: make this a heading ("#### Additional Requirements")
- Successful quota attainment
```
""",
)


@rule(PSEUDO_HEADING, target=Block, node_only=True)
def pseudo_heading(block: Block, ctx: Context) -> Iterator[Finding]:
    if block.kind == "list":
        for item in iter_items(block):
            inline = item.inline
            if inline is None or item.children:
                continue
            text = inline.text.strip()
            vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
            if is_only_a_link(inline) or not _looks_like_section_title(text, vocab):
                continue
            yield ctx.finding(
                inline.span(0, len(inline.raw)),
                f'list item "{text}" is used as a heading',
                subject=text,
            )


@rule(PSEUDO_HEADING, target=Document)
def bold_pseudo_heading(document: Document, ctx: Context) -> Iterator[Finding]:
    heading_lines = [h.span.line for h in document.headings]
    blocks = document.blocks
    labels = [i for i, b in enumerate(blocks) if bold_label(b) is not None]
    if bold_label_house_style(document, len(labels)):
        return  # every section is a bold label: the page's own consistent style
    sections = {h.span.line for h in document.labels}  # labels that name a known section
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    for position, index in enumerate(labels):
        block = blocks[index]
        text = bold_label(block)
        assert text is not None and block.inline is not None
        following_block = blocks[index + 1] if index + 1 < len(blocks) else None
        if is_list_intro(block.inline.text.strip(), following_block) or is_group_label(
            text, block, document.headings, heading_lines, vocab
        ):
            continue
        if block.span.line in sections:
            pass  # "**What you'll bring:**" over one list is still that section's heading
        elif text.endswith(":") or block.inline.raw.rstrip().endswith(":"):
            # "**Benefits:**" over a table or two is a caption; over more blocks, a heading.
            stop = labels[position + 1] if position + 1 < len(labels) else len(blocks)
            following = [
                b
                for b in blocks[index + 1 : stop]
                if not renders_nothing(b)
                and not any(block.span.line < line < b.span.line for line in heading_lines)
            ]
            if len(following) <= 2:
                continue
        yield ctx.finding(block.span, f'bold paragraph "{text}" is used as a heading', subject=text)


def _looks_like_section_title(text: str, vocab: Vocabulary) -> bool:
    if not text or text[-1] in ".!?;," or len(text.split()) > 5:
        return False
    words = text.rstrip(":").split()
    if not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    name = vocab.classify(text.rstrip(":"))
    # One word such as "Hiring" is a topic in a list, not a heading; "Additional Requirements" is.
    return name is not None and (not name.family or len(words) > 1)


RULES = (pseudo_heading, bold_pseudo_heading)
