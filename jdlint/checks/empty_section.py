"""JD104 empty-section: a heading or section label with nothing under it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from jdlint.document.labels import bold_label
from jdlint.document.section_names import Vocabulary, vocabulary
from jdlint.document.unseen import is_only_a_link, renders_nothing
from jdlint.findings import Finding, Severity
from jdlint.model import Document, Heading
from jdlint.rules import Context, RuleMeta, rule

EMPTY_SECTION = RuleMeta(
    code="JD104",
    name="empty-section",
    summary="A heading has content before the next heading of the same or a higher level.",
    severity=Severity.WARNING,
    explanation="""\
A heading followed directly by a heading of the same or a higher level has nothing under it:
usually a section that was never written or whose content was moved away. Sub-headings count as
content, and so do ERB partials and Hugo shortcodes that render a section.
""",
)


@rule(EMPTY_SECTION, target=Document)
def empty_section(document: Document, ctx: Context) -> Iterator[Finding]:
    content_lines = sorted(
        block.span.line for block in document.blocks if not renders_nothing(block)
    )
    headings = document.headings
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    for index, heading in enumerate(headings):
        following = headings[index + 1] if index + 1 < len(headings) else None
        if following is not None and following.level > heading.level:
            continue
        limit = following.span.line if following is not None else 10**9
        first_after = bisect_right(content_lines, heading.span.line)
        if first_after < len(content_lines) and content_lines[first_after] < limit:
            continue
        if is_only_a_link(heading) or _flat_layout(heading, following, vocab):
            continue
        yield ctx.finding(heading.span, f'section "{heading.text}" is empty', subject=heading.text)
    yield from _empty_labels(document, ctx)


def _empty_labels(document: Document, ctx: Context) -> Iterator[Finding]:
    """ "**Bonus points:**" directly followed by the next label (or heading, or the end)."""
    labels = {h.span.line: h for h in document.labels}
    heading_lines = [h.span.line for h in document.headings]
    blocks = [b for b in document.blocks if not renders_nothing(b)]
    for index, block in enumerate(blocks):
        label = labels.get(block.span.line)
        if label is None:
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        limit = after.span.line if after is not None else 10**9
        if any(label.span.line < line < limit for line in heading_lines):
            after = None  # a heading follows the label directly
        if after is None or after.span.line in labels or bold_label(after) is not None:
            yield ctx.finding(label.span, f'section "{label.text}" is empty', subject=label.text)


def _flat_layout(heading: Heading, following: Heading | None, vocab: Vocabulary) -> bool:
    """A role written flat: "### Role" then "### Role Job Grade". Its sections are misplaced,
    not missing (JD101 says so), so JD104 stays quiet. A grouping heading ("## Levels",
    "## Specialties") directly followed by one of its own level groups nothing: it is empty."""
    if following is None or following.level != heading.level:
        return False
    own, next_name = vocab.classify(heading.text), vocab.classify(following.text)
    if own is None and next_name is not None:
        return next_name.name == "Levels" or not next_name.family
    return False


RULES = (empty_section,)
