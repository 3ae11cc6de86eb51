"""Template text left in a published page: "{add overview; ...}", TBD, TODO, stray braces.

Job-family pages start from a template whose instructions sit in braces. The checks run on
`Inline.masked`, where ERB tags, Hugo shortcodes, kramdown attribute lists, code and URLs are
already blanked, so braces that survive there are prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.checks.intro import quote
from jdlint.findings import Finding, Severity
from jdlint.model import Inline
from jdlint.rules import Context, RuleMeta, rule

PLACEHOLDER_TEXT = RuleMeta(
    code="JD110",
    name="placeholder-text",
    summary="No template instructions or placeholders are left in a published page.",
    severity=Severity.WARNING,
    explanation="""\
Template instructions in braces ("{add overview; a brief description of the job family}",
"*{add a bulleted list of the hiring process steps here}"), markers such as TBD, TODO, FIXME
and "To Be Determined", and stray "{*" or "}" left from a template show readers an unfinished
page.

```markdown
## Hiring Process

{Insert hiring process steps here.}     <- JD110
```

Never reported inside ERB tags, Hugo shortcodes, kramdown attribute lists (`{:toc}`), code
spans or blocks, or URLs.
""",
)

# Braces holding words: "{add overview; ...}". `{x}` (no space) is notation, not a placeholder.
_BRACED = re.compile(r"\*?\{\*?\s*[A-Za-z][^{}\n]*\s[^{}\n]*\}\*?")
_MARKERS = ("TBD", "TBA", "TODO", "FIXME", "XXX")  # a substring test skips most searches
_MARKER = re.compile(r"\b(?:" + "|".join(_MARKERS) + r")\b")
# Only a whole paragraph or item: "salary to be determined by location" is a sentence.
_WHOLE = re.compile(r"\s*to\s+be\s+(?:determined|added|defined|confirmed)\W*", re.I)
_STRAY = re.compile(r"\{\*?|\*?\}")


@rule(PLACEHOLDER_TEXT, target=Inline)
def placeholder_text(inline: Inline, ctx: Context) -> Iterator[Finding]:
    masked = inline.masked
    taken: list[tuple[int, int]] = []
    if "{" in masked or "}" in masked:
        for match in _BRACED.finditer(masked):
            taken.append(match.span())
            text = inline.raw[match.start() : match.end()]
            yield ctx.finding(
                inline.span(*match.span()),
                f'template placeholder "{quote(text)}" left in the page',
                subject=text,
            )
        for match in _STRAY.finditer(masked):
            if any(start <= match.start() < end for start, end in taken):
                continue
            yield ctx.finding(
                inline.span(*match.span()),
                f'stray "{match.group()}" left from a template',
                subject=match.group(),
            )
    markers = list(_MARKER.finditer(masked)) if any(m in masked for m in _MARKERS) else []
    whole = _WHOLE.fullmatch(masked)
    if whole:
        markers = [whole]
    for match in markers:
        word = match.group().strip()
        yield ctx.finding(
            inline.span(*match.span()), f'placeholder "{word}" left in the page', subject=word
        )


RULES = (placeholder_text,)
