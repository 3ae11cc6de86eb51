"""JD108 collapsed-list: lines meant as list items that lost their markers.

Two ways copy and paste damages a list: lines written as items without markers run together
as one paragraph (`collapsed_list`), and inside a list a marker is lost, glued to its word or
run into the item before, or an item is pasted cut short (`damaged_items`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial

from jdlint.checks.intro import ends_with_colon, quote
from jdlint.checks.lost_items import (
    PageShape,
    could_be_wrapped,
    lost_without_stop,
    page_shape,
    run_in_dashes,
)
from jdlint.document.marks import MASK
from jdlint.findings import Finding, Severity
from jdlint.model import Block, Document, Inline, ListItem, iter_items
from jdlint.rules import Context, RuleMeta, rule

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

After an item without a full stop the same is reported only when the page gives the evidence,
because hard-wrapped items are common: no list item on the page is wrapped onto a second line,
the line above is complete (it does not end on "and", "of", a comma...), the line starts with
an ordinary capitalised word (not a name the page capitalises mid-sentence, such as "Support")
and, on a page that wraps its prose, that word would have fitted on the line above. A spaced
hyphen is a run-in bullet when it is the page's only one and separates a whole item from an
item-like phrase ("...in your first month - Comfortable with spreadsheets"), not a label or a
list of names ("Customer Focus - Building Trust", "segments - Large Enterprise, SMB").
On a page that hard-wraps its items, a line after a full stop whose first word would not have
fitted on the line above is the item wrapped at a sentence end, and is not reported.
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


# A sentence end, then a bullet marker and a new capitalised item on the same line.
_RUN_IN = re.compile(r"(?<=[.!?;])\s+(?:[-*+•▪·]|\d{1,2}\.)\s+(?=[A-Z])")
# A line that starts with a marker glued to the word: "-Ship widgets" (no list item).
_GLUED = re.compile(r"^(?:[-+•▪]|\d{1,2}\.)(?=[A-Z][a-z])")
_SENTENCE_END = re.compile(r"[.!?;:)]\s*$")
# "(e.g." or "vs." ends no sentence: a line after it continues the item.
_ABBREVIATION_END = re.compile(r"\b(?:e\.g|i\.e|vs|incl|approx)\.,?\s*$", re.IGNORECASE)
#: An HTML comment ending a line is not shown: the sentence ends before it (a suppression
#: comment written at the end of the line must not change what the rules see).
_TRAILING_COMMENT = re.compile(r"\s*<!--.*?-->\s*$")
# An item cut mid-phrase ends on a function word or an open punctuation mark.
_CUT = re.compile(
    r"(?:[,(/&-]|\b(?:the|a|an|and|or|of|to|in|on|for|with|across|including|such as|from|by|"
    r"at|as|into|that|which|who|your|our|their|its|is|are|be|will|can))$",
    re.IGNORECASE,
)
_CUT_TAIL = 16  # characters: more than the longest ending `_CUT` knows ("including")
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
    # Built only when a line needs it: most pages have no lazy line and no spaced hyphen.
    shape = cache(partial(page_shape, document, items))
    for item in items:
        assert item.inline is not None
        yield from _lost_markers(ctx, item.inline, shape)
    yield from _truncated_copies(document, ctx, items)


def _lost_markers(
    ctx: Context, inline: Inline, shape: Callable[[], PageShape]
) -> Iterator[Finding]:
    raw_lines, masked_lines = inline.raw.split("\n"), inline.masked.split("\n")
    starts = inline.text_map.starts if len(raw_lines) > 1 else ()  # line 0 never asks
    offset = 0
    for number, (raw, masked) in enumerate(zip(raw_lines, masked_lines)):
        if number and number < len(starts) and starts[number][1] == 1:
            glued = _GLUED.match(masked)
            previous = _before_comment(masked_lines[number - 1], raw_lines[number - 1])
            if glued or (
                masked[:1].isupper()
                and (
                    _SENTENCE_END.search(previous)
                    and not _ABBREVIATION_END.search(previous)
                    and not could_be_wrapped(shape(), previous, starts[number - 1][1], masked)
                    or lost_without_stop(shape(), previous, starts[number - 1][1], masked)
                )
                and not _HARD_BREAK.search(raw_lines[number - 1])
            ):
                what = "starts with a marker but no space" if glued else "has no list marker"
                yield ctx.finding(
                    inline.span(offset, offset + len(raw)),
                    f'line "{quote(raw.strip(), 50)}" {what}: it renders as part of the item above',
                    subject=raw.strip()[:60],
                )
        runs = [(m.start(), m.end()) for m in _RUN_IN.finditer(masked)]
        if " - " in masked:
            runs += [(start, start + 3) for start in run_in_dashes(shape(), masked)]
        for start, end in runs:
            after = raw[end:]
            yield ctx.finding(
                inline.span(offset + start, offset + end),
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
    cut = [item for item in items if item.inline is not None and _ends_cut(item.inline.text)]
    if not cut:
        return  # most lists: every item ends on a full word, and no word needs splitting
    by_start: dict[tuple[str, ...], list[tuple[ListItem, tuple[str, ...]]]] = {}
    for item in items:
        found = _item_words(item.inline.text) if item.inline else ()
        if len(found) >= TRUNCATED_MIN_WORDS + TRUNCATED_MIN_CUT:
            by_start.setdefault(found[:TRUNCATED_MIN_WORDS], []).append((item, found))
    for item in cut:
        inline = item.inline
        assert inline is not None
        found = _item_words(inline.text)
        if len(found) < TRUNCATED_MIN_WORDS:
            continue
        for other, longer in by_start.get(found[:TRUNCATED_MIN_WORDS], ()):
            if len(longer) - len(found) >= TRUNCATED_MIN_CUT and longer[: len(found)] == found:
                yield ctx.finding(
                    inline.span(0, len(inline.raw)),
                    f'list item "{quote(inline.text, 50)}" is a truncated copy of the item at '
                    f"line {other.span.line}",
                    subject=" ".join(found)[:60],
                )
                break


def _ends_cut(text: str) -> bool:
    """The text ends mid-sentence (`_CUT`), searched in its last characters only: the pattern
    is anchored at the end, and a search of the whole text would try it at every position."""
    stripped = text.rstrip()
    return _CUT.search(stripped, max(0, len(stripped) - _CUT_TAIL)) is not None


def _item_words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold().strip(".,;:!?()[]\"'") for w in text.split())


RULES = (collapsed_list, damaged_items)
