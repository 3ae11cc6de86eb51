"""Gender-neutral job titles (JD305): the EU Pay Transparency Directive wants job titles and
vacancy notices gender-neutral, so a "Salesman" heading is reported with the title to use.

Only places that hold a title are read: headings, role titles, the title column of a
title/grade table and the front matter's `title`. Prose that names a person ("candidates meet
the Chairman of the Audit Committee") is not a job title and is left alone.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator

from jdlint.domain.gendered_titles import GenderedMatch, find_gendered
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.model import Document, Heading, Inline, Span
from jdlint.rules import Context, RuleMeta, rule

GENDERED_TITLE = RuleMeta(
    code="JD305",
    name="gendered-title",
    summary='Job titles are gender-neutral: "Salesperson", not "Salesman".',
    severity=Severity.WARNING,
    fixable=True,
    unsafe_fixes=True,  # the page's owner chooses the new title: --unsafe-fixes only
    explanation="""\
Basis: Directive (EU) 2023/970 (the Pay Transparency Directive), Article 5(2), requires
employers to ensure that job vacancy notices and job titles are gender-neutral. jdlint reports
gendered title words ("Salesman", "Chairman", "Foreman", "Draftsman", "Waitress", "Hostess",
"Stewardess", ...) in role titles, headings, title/grade table rows and the front matter's
`title`, with the neutral titles to use; the word list is data in `rules/gendered-titles/`,
citing its sources. Words are matched whole ("Manchester", "Human" and "Woman-owned" never
match), a possessive ("Chairman's Award") names a person or an office, not the role, and prose
is never read: naming a person there is not a job title. jdlint is not legal advice.

The fix (only with `--unsafe-fixes`: the page's owner chooses the new title) writes the first
alternative for every occurrence of that title word on the page, text included, so the heading,
the grade statement and the reports-to sentence keep naming the same role.

```markdown
## Senior Salesman      <- JD305: use "Salesperson" or "Sales Representative"
```
""",
)

_FRONT_MATTER_TITLE = re.compile(r"^\s*title\s*[:=]\s*['\"]?")  # YAML or TOML


@rule(GENDERED_TITLE, target=Document)
def gendered_title(document: Document, ctx: Context) -> Iterator[Finding]:
    found = list(_title_matches(document))
    if not found:
        return
    fixes: dict[str, Fix] = {}
    seen: set[tuple[int, int]] = set()
    for span, match, where in found:
        if match.possessive or (span.line, span.col) in seen:
            continue
        seen.add((span.line, span.col))
        key = match.term.written.lower()
        if key not in fixes:
            fixes[key] = _page_fix(document, key)
        alternatives = " or ".join(f'"{a}"' for a in match.term.alternatives)
        yield ctx.finding(
            span,
            f'gendered title "{match.found}" in the {where}; use {alternatives}',
            fix=fixes[key],
            subject=match.found,
        )


def _title_matches(document: Document) -> Iterator[tuple[Span, GenderedMatch, str]]:
    """Gendered words where a title is written, in page order."""
    yield from _front_matter_matches(document)
    # Title spans by their first line: an inline is compared with the titles on its own
    # lines only (a long page has hundreds of roles and thousands of runs).
    titles_on: dict[int, list[tuple[Span, str]]] = defaultdict(list)
    for role in document.roles:
        titles_on[role.title_span.line].append((role.title_span, "role title"))
    for table in document.grade_tables:
        for row in table.rows:
            titles_on[row.title_span.line].append((row.title_span, "title table"))
    # Sorted, with a line past every run's last: the first title at or after a run's first
    # line tells whether one lies on its lines.
    title_lines = [*sorted(titles_on), sys.maxsize]
    for inline, owner in document.iter_inlines():
        if isinstance(owner, Heading):
            for match in find_gendered(inline.masked):
                yield inline.span(match.start, match.end), match, "heading"
            continue
        if not titles_on:
            continue  # no title outside the headings: prose is never read
        flat = inline.text_map.flat  # (line, column) of each line of the run's text
        lines = flat[::2] if len(flat) > 2 else flat[:1]
        low, high = min(lines), max(lines)
        if title_lines[bisect_left(title_lines, low)] > high:
            continue  # most runs: no title on their lines
        extent = inline.span(0, len(inline.raw))
        titles = [
            (span, where)
            for line in range(extent.line, extent.end_line + 1)
            for span, where in titles_on.get(line, ())
            if _inside(span, extent)
        ]
        titles.sort(key=lambda title: title[1] != "role title")  # role titles first, as before
        if not titles:
            continue
        for match in find_gendered(inline.masked):
            span = inline.span(match.start, match.end)
            where = next((w for s, w in titles if _inside(span, s)), None)
            if where is not None:
                yield span, match, where


def _front_matter_matches(document: Document) -> Iterator[tuple[Span, GenderedMatch, str]]:
    for line, start, text in _front_matter_title(document):
        for match in find_gendered(text):
            col = start + match.start + 1
            span = Span(line, col, line, col + match.end - match.start)
            yield span, match, "front-matter title"


def _front_matter_title(document: Document) -> list[tuple[int, int, str]]:
    """(line, offset in the line, text) of the front matter's `title` value, if any."""
    front, span = document.front_matter, document.title_span
    if front is None or span is None or not isinstance(front.data.get("title"), str):
        return []
    if not front.span.line <= span.line <= front.span.end_line:
        return []
    begin = document.line_starts[span.line - 1]
    text = document.source[begin:].split("\n", 1)[0]
    head = _FRONT_MATTER_TITLE.match(text)
    if head is None:
        return []
    return [(span.line, head.end(), text[head.end() :])]


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.col) <= (inner.line, inner.col) and (
        inner.end_line,
        inner.end_col,
    ) <= (outer.end_line, outer.end_col)


def _page_fix(document: Document, key: str) -> Fix:
    """Every occurrence of the title word on the page, text included, gets the same title."""
    edits: list[TextEdit] = []
    replacement = ""
    for inline, _owner in document.iter_inlines():
        for match in find_gendered(inline.masked):
            if match.term.written.lower() == key:
                edits.append(_edit(document, inline, match))
                replacement = replacement or match.term.alternatives[0]
    for line, start, text in _front_matter_title(document):
        for match in find_gendered(text):
            if match.term.written.lower() == key:
                begin = document.offset(line, start + match.start + 1)
                edits.append(TextEdit(begin, begin + match.end - match.start, match.replacement))
                replacement = replacement or match.term.alternatives[0]
    unique = sorted(set(edits), key=lambda e: (e.start, e.end))
    return Fix(tuple(unique), safe=False, description=f"write {replacement!r} across the page")


def _edit(document: Document, inline: Inline, match: GenderedMatch) -> TextEdit:
    span = inline.span(match.start, match.end)
    start = document.offset(span.line, span.col)
    end = document.offset(span.end_line, span.end_col)
    return TextEdit(start, end, match.replacement)


RULES = (gendered_title,)
