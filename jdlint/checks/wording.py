"""Whitespace in prose: double spaces, space before punctuation, trailing spaces (JD602).

Checked on `Inline.masked`, so code spans, URLs and template tags are never touched, and only
inline content is looked at: code blocks, front matter, HTML blocks, indentation and table cell
padding are not prose. Every finding carries a safe fix (an edit of the file's text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.document.marks import MASK
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.model import Block, Document, Heading, Inline, Span
from jdlint.rules import Context, RuleMeta, rule
from jdlint.span import LineIndex

WHITESPACE = RuleMeta(
    code="JD602",
    name="whitespace",
    summary="No double spaces, spaces before punctuation or trailing spaces in prose.",
    severity=Severity.WARNING,
    fixable=True,
    explanation="""\
Double spaces inside a sentence, a space before a comma or full stop, and spaces at the end of a
line are invisible in the editor and show up as noise in diffs (and, before punctuation, in the
rendered page). `jdlint check --fix` removes them.

```markdown
The Account Executive  reports to the Director .     <- JD602 twice
```

Only prose is checked: code spans and blocks, URLs, ERB and Hugo tags, front matter, list and
paragraph indentation and table cell padding are left alone. Two or more trailing spaces inside
a paragraph are a Markdown hard line break and are allowed; at the end of a paragraph, list item
or heading they do nothing and are reported.
""",
)

_DOUBLE = re.compile(r"(?<=[^\s])( {2,})(?=[^\s])")
_BEFORE_PUNCT = re.compile(r"(?<=[^\s])([ \t]+)(?=[,.;:!?](?:\s|$|[\"'’”)\]*_]))")
_TRAILING = re.compile(r"[ \t]+$")
_WORD_BEFORE = re.compile(r"(\S{1,30})$")
_WORD_AFTER = re.compile(r"^(\S{1,30})")
# What `_BEFORE_PUNCT` needs somewhere in a text: most texts have none and skip that search.
_SPACE_PUNCT = re.compile(r"[ \t][,.;:!?]")


@rule(WHITESPACE, target=Document)
def whitespace(document: Document, ctx: Context) -> Iterator[Finding]:
    lines = document.lines
    index = document.line_index
    # Lines that end in whitespace: only inline runs on them can have trailing spaces.
    ragged = {number for number, line in enumerate(lines, 1) if line[-1:].isspace()}
    for inline, owner in document.iter_inlines():
        yield from _inside(index, ctx, inline)
        in_table = isinstance(owner, Block) and owner.kind == "table"
        if ragged and not in_table and any(line in ragged for line in inline.text_map.flat[::2]):
            yield from _trailing(index, ctx, inline, owner, lines)


def _inside(index: LineIndex, ctx: Context, inline: Inline) -> Iterator[Finding]:
    masked, raw = inline.masked, inline.raw
    doubles = _DOUBLE.finditer(masked) if "  " in masked else ()
    befores = _BEFORE_PUNCT.finditer(masked) if _SPACE_PUNCT.search(masked) else ()
    for match in doubles:
        start, end = match.span(1)
        before = _word(_WORD_BEFORE, raw[:start].rsplit("\n", 1)[-1])
        after = _word(_WORD_AFTER, raw[end:].split("\n", 1)[0])
        message = f'{end - start} spaces between "{before}" and "{after}"'
        yield _finding(index, ctx, inline.span(start, end), message, " ", before)
    for match in befores:
        start, end = match.span(1)
        if masked[start - 1] == MASK and masked[end] in ":":
            continue  # "`code` :" lists and `key` : value notation
        before = _word(_WORD_BEFORE, raw[:start].rsplit("\n", 1)[-1])
        message = f'space before "{masked[end]}" after "{before}"'
        yield _finding(index, ctx, inline.span(start, end), message, "", before)


def _trailing(
    index: LineIndex, ctx: Context, inline: Inline, owner: Block | Heading, lines: list[str]
) -> Iterator[Finding]:
    raw_lines = inline.raw.split("\n")
    for number, ((line, col), text) in enumerate(zip(inline.text_map.starts, raw_lines)):
        last = number == len(raw_lines) - 1
        source = lines[line - 1] if line - 1 < len(lines) else ""
        tail_start = col - 1 + len(text.rstrip(" \t"))
        tail = source[tail_start:]
        if not tail or tail.strip():
            continue  # no trailing whitespace, or something follows (closing heading #s)
        if not last and tail == " " * len(tail) and len(tail) >= 2:
            continue  # a hard line break inside the paragraph
        span = Span(line, tail_start + 1, line, len(source) + 1)
        count = len(tail)
        message = f"trailing whitespace ({count} character{'s' if count > 1 else ''})"
        subject = text.strip()[-30:]
        yield _finding(index, ctx, span, message, "", subject)


def _finding(
    index: LineIndex, ctx: Context, span: Span, message: str, replacement: str, subject: str
) -> Finding:
    start = index.offset(span.line, span.col)
    end = index.offset(span.end_line, span.end_col)
    fix = Fix(edits=(TextEdit(start, end, replacement),), safe=True, description="fix whitespace")
    return ctx.finding(span, message, fix=fix, subject=f"{message} {subject}")


def _word(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found.group(1) if found else ""


RULES = (whitespace,)
