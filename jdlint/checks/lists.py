"""Lists that went wrong: intros with no list, items without markers, counts that disagree.

Pages are edited by copy and paste between the handbook, job boards and documents; list markup
is what gets lost first. These checks read the sentence that introduces a list and what follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.checks.intro import announced_count, ends_with_colon, is_intro_sentence, quote
from jdlint.document.marks import MASK
from jdlint.findings import Finding, Severity
from jdlint.model import Block, Document, Heading, Inline, ListItem, iter_items
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


def _next_nodes(document: Document) -> list[Block | Heading]:
    nodes: list[Block | Heading] = [*document.headings, *document.blocks]
    return sorted(nodes, key=lambda node: (node.span.line, node.span.col))


@rule(DANGLING_LIST_INTRO, target=Document)
def dangling_list_intro(document: Document, ctx: Context) -> Iterator[Finding]:
    nodes = _next_nodes(document)
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
        following = _following(nodes, index)
        if _is_list_like(following, section_level):
            continue
        text = inline.raw[last_start:].strip()
        yield ctx.finding(
            inline.span(last_start, len(inline.raw)),
            f'"{quote(text)}" introduces a list, but no list follows',
            subject=text,
        )


def _following(nodes: list[Block | Heading], index: int) -> Block | Heading | None:
    for node in nodes[index + 1 :]:
        if isinstance(node, Block) and node.kind == "html" and _is_comment(node.content):
            continue
        return node
    return None


def _is_comment(html: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:<!--.*?-->\s*|<a\s[^>]*>\s*</a>\s*)+", html, re.DOTALL))


def _is_list_like(node: Block | Heading | None, section_level: int) -> bool:
    if node is None:
        return False
    if isinstance(node, Heading):
        return section_level == 0 or node.level > section_level
    return node.kind in ("list", "table", "code", "html", "template", "quote")


COLLAPSED_LIST = RuleMeta(
    code="JD108",
    name="collapsed-list",
    summary="Lines meant as list items carry list markers.",
    severity=Severity.WARNING,
    explanation="""\
Consecutive lines written as list items but without `-` or `1.` markers are one paragraph in
Markdown: they render run together on a single line.

```markdown
Top 3 reasons to join:
Mission: everyone can contribute      <- JD108: add "- " to these lines
Results: fast growth
Remote: work from anywhere
```

Reported when a line ending in a colon is followed, in the same paragraph, by two or more short
item-like lines, or when three or more consecutive lines have the "Label: text" form. Lines
ending in a hard break (two spaces or a backslash) render separately and are not reported.

Damaged list items are reported too: a line that lost its marker inside a list (a "lazy
continuation": it renders as part of the item above), a bullet run into the previous one
("Support widgets. - Train users", "-Ship widgets"), and a truncated copy of an item pasted
into another section ("Drive adoption of widgets across" where the page elsewhere says "Drive
adoption of widgets across small and medium customers").

```markdown
- Build widgets.
Ship widgets to customers          <- JD108: the marker was lost
- Support widgets. - Train users   <- JD108: two bullets run together
```
""",
)

_LABEL_LINE = re.compile(r"^[A-Z][\w&/,'’ -]{0,40}:\s+\S")
_INNER_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")
_HARD_BREAK = re.compile(r"(?: {2,}|\\|<br\s*/?>)$")


@rule(COLLAPSED_LIST, target=Block)
def collapsed_list(block: Block, ctx: Context) -> Iterator[Finding]:
    if block.kind != "paragraph" or block.inline is None or "\n" not in block.inline.raw:
        return
    assert ctx.document is not None
    if ctx.document.kind == "text":
        return  # every line of plain text is a paragraph of its own
    inline = block.inline
    raw_lines = inline.raw.split("\n")
    masked_lines = inline.masked.split("\n")
    index = 0
    while index < len(masked_lines):
        run = _run(masked_lines, raw_lines, index)
        if run is None:
            index += 1
            continue
        intro, first, last = run
        yield _collapsed_finding(ctx, inline, raw_lines, intro, first, last)
        index = last + 1


def _run(masked: list[str], raw: list[str], index: int) -> tuple[int | None, int, int] | None:
    """(intro line or None, first item line, last item line) of a collapsed list at `index`."""
    if ends_with_colon(masked[index]) and not _HARD_BREAK.search(raw[index]):
        last = index
        labels = all(_LABEL_LINE.match(line.strip()) for line in masked[index + 1 : index + 3])
        while last + 1 < len(masked) and _item_like(masked[last + 1], raw[last + 1]):
            if labels and not _LABEL_LINE.match(masked[last + 1].strip()):
                break  # a run of "Label: text" items ends at the first other line
            last += 1
        if last - index >= 2:
            return index, index + 1, last
        return None
    last = index - 1
    while last + 1 < len(masked) and _LABEL_LINE.match(masked[last + 1].strip()):
        if _HARD_BREAK.search(raw[last + 1]):
            break
        last += 1
    return (None, index, last) if last - index >= 2 else None


def _item_like(masked_line: str, raw_line: str) -> bool:
    text = masked_line.replace(MASK, "x").strip()
    if not text or _HARD_BREAK.search(raw_line) or ends_with_colon(text) and len(text) < 40:
        return False
    if _LABEL_LINE.match(text) and len(text.split()) <= 40:
        return True
    if len(text.split()) > 20 or _INNER_SENTENCE.search(text):
        return False
    start = text.lstrip("*_[")[:1]
    return start.isupper() or start.isdigit()


def _collapsed_finding(
    ctx: Context, inline: Inline, raw_lines: list[str], intro: int | None, first: int, last: int
) -> Finding:
    start = sum(len(line) + 1 for line in raw_lines[:first])
    end = sum(len(line) + 1 for line in raw_lines[: last + 1]) - 1
    count = last - first + 1
    if intro is not None:
        lead = quote(raw_lines[intro].strip(), 50)
        message = f'{count} lines after "{lead}" have no list markers and render as one paragraph'
    else:
        lead = quote(raw_lines[first].strip(), 50)
        message = f'{count} "Label: text" lines from "{lead}" have no list markers and render as one paragraph'
    return ctx.finding(inline.span(start, end), message, subject=lead)


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
    nodes = _next_nodes(document)
    for index, node in enumerate(nodes):
        if not isinstance(node, Block):
            continue
        if node.kind == "paragraph" and node.inline is not None:
            following = _following(nodes, index)
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


# A sentence end, then a bullet marker and a new capitalised item on the same line.
_RUN_IN = re.compile(r"(?<=[.!?;])\s+(?:[-*+•▪·]|\d{1,2}\.)\s+(?=[A-Z])")
# A line that starts with a marker glued to the word: "-Ship widgets" (no list item).
_GLUED = re.compile(r"^(?:[-+•▪]|\d{1,2}\.)(?=[A-Z][a-z])")
_SENTENCE_END = re.compile(r"[.!?;:)]\s*$")
#: An HTML comment ending a line is not shown: the sentence ends before it (a suppression
#: comment written at the end of the line must not change what the rules see).
_TRAILING_COMMENT = re.compile(r"\s*<!--.*?-->\s*$")
# An item cut mid-phrase ends on a function word or an open punctuation mark.
_CUT = re.compile(
    r"(?:[,(/&-]|\b(?:the|a|an|and|or|of|to|in|on|for|with|across|including|such as|from|by|"
    r"at|as|into|that|which|who|your|our|their|its|is|are|be|will|can))$",
    re.IGNORECASE,
)
TRUNCATED_MIN_WORDS = 5  # shorter items are often legitimately the start of longer ones
TRUNCATED_MIN_CUT = 3  # words the longer copy has beyond the shorter one


@rule(COLLAPSED_LIST, target=Document)
def damaged_items(document: Document, ctx: Context) -> Iterator[Finding]:
    if document.kind == "text":
        return
    items = [
        item
        for block in document.blocks
        if block.kind == "list"
        for item in iter_items(block)
        if item.inline is not None
    ]
    for item in items:
        assert item.inline is not None
        yield from _lost_markers(ctx, item.inline)
    yield from _truncated_copies(document, ctx, items)


def _lost_markers(ctx: Context, inline: Inline) -> Iterator[Finding]:
    raw_lines, masked_lines = inline.raw.split("\n"), inline.masked.split("\n")
    starts = inline.text_map.starts
    offset = 0
    for number, (raw, masked) in enumerate(zip(raw_lines, masked_lines)):
        if number and number < len(starts) and starts[number][1] == 1:
            glued = _GLUED.match(masked)
            previous = _before_comment(masked_lines[number - 1], raw_lines[number - 1])
            if glued or (
                masked[:1].isupper()
                and _SENTENCE_END.search(previous)
                and not _HARD_BREAK.search(raw_lines[number - 1])
            ):
                what = "starts with a marker but no space" if glued else "has no list marker"
                yield ctx.finding(
                    inline.span(offset, offset + len(raw)),
                    f'line "{quote(raw.strip(), 50)}" {what}: it renders as part of the item above',
                    subject=raw.strip()[:60],
                )
        for match in _RUN_IN.finditer(masked):
            after = raw[match.end() :]
            yield ctx.finding(
                inline.span(offset + match.start(), offset + match.end()),
                f'bullet "{quote(after.strip(), 40)}" is run into the item before it',
                subject=after.strip()[:60],
            )
        offset += len(raw) + 1


def _before_comment(masked: str, raw: str) -> str:
    """A line's masked text without the HTML comment that ends it (masking keeps lengths)."""
    found = _TRAILING_COMMENT.search(raw)
    if found is None or len(masked) != len(raw):
        return masked
    return masked[: found.start()]


def _truncated_copies(document: Document, ctx: Context, items: list[ListItem]) -> Iterator[Finding]:
    """An item that is the first words of a longer item elsewhere, cut mid-sentence."""
    folded = [(item, words(item.inline.text) if item.inline else ()) for item in items]
    by_start: dict[tuple[str, ...], list[tuple[ListItem, tuple[str, ...]]]] = {}
    for item, found in folded:
        if len(found) >= TRUNCATED_MIN_WORDS + TRUNCATED_MIN_CUT:
            by_start.setdefault(found[:TRUNCATED_MIN_WORDS], []).append((item, found))
    for item, found in folded:
        if len(found) < TRUNCATED_MIN_WORDS or item.inline is None:
            continue
        if not _CUT.search(item.inline.text.rstrip()):
            continue  # ends on a full word: a shorter item (levels extend items), not a cut one
        for other, longer in by_start.get(found[:TRUNCATED_MIN_WORDS], ()):
            if len(longer) - len(found) >= TRUNCATED_MIN_CUT and longer[: len(found)] == found:
                inline = item.inline
                yield ctx.finding(
                    inline.span(0, len(inline.raw)),
                    f'list item "{quote(inline.text, 50)}" is a truncated copy of the item at '
                    f"line {other.span.line}",
                    subject=" ".join(found)[:60],
                )
                break


def words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold().strip(".,;:!?()[]\"'") for w in text.split())


RULES = (dangling_list_intro, collapsed_list, damaged_items, count_mismatch)
