"""Template text left in a published page: "{add overview; ...}", TBD, TODO, stray braces.

Job-family pages start from a template whose instructions sit in braces. The checks run on
`Inline.masked`, where ERB tags, Hugo shortcodes, kramdown attribute lists, code and URLs are
already blanked, so braces that survive there are prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.checks.intro import quote
from jdlint.document.gated_pattern import literal_gate
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
"*{add a bulleted list of the hiring process steps here}") or brackets ("[content to be added]",
"[Insert hiring steps]", "<placeholder>"), markers such as TBD, TODO, FIXME and "To Be
Determined" (in headings too), an unrendered Liquid, Jinja or Hugo tag ("{{ page.title }}",
reported once), and stray "{*" or "}" left from a template show readers an unfinished page.
A choice written in braces ("{ a | b }") and a link whose text says "Insert" are not reported.

```markdown
## Hiring Process

{Insert hiring process steps here.}     <- JD110
```

Never reported inside ERB tags, Hugo shortcodes, kramdown attribute lists (`{:toc}`), code
spans or blocks, or URLs.
""",
)

# Braces holding words: "{add overview; ...}". `{x}` (no space) is notation, not a placeholder,
# and neither is a choice written in braces ("{ a | b }").
_BRACED = re.compile(r"\*?\{\*?\s*[A-Za-z][^{}\n|]*\s[^{}\n|]*\}\*?")
# A balanced pair of braces on one line, whatever it holds (for stray-brace judgement).
_PAIR = re.compile(r"\{[^{}\n]*\}")
# A Liquid, Jinja or Hugo template tag that was not rendered: "{{ page.last_modified }}".
_TAG = re.compile(r"\{\{-?[^{}\n]{1,120}?-?\}\}|\{%-?[^{}\n]{1,120}?-?%\}")
_MARKERS = ("TBD", "TBA", "TODO", "FIXME", "XXX")
_MARKER = re.compile(r"\b(?:" + "|".join(_MARKERS) + r")\b")
_MARKER_GATE = literal_gate(_MARKERS)  # a substring scan skips most searches
# Only a whole paragraph or item: "salary to be determined by location" is a sentence.
_WHOLE = re.compile(r"\s*to\s+be\s+(?:determined|added|defined|confirmed)\W*", re.I)
_STRAY = re.compile(r"\{\*?|\*?\}")
# Template text in square brackets that is not a link: "[content to be added]", "[Insert X]".
_INSTRUCTION = (
    r"(?:insert|add|enter|fill\s+in|placeholder|replace|describe|tbd|todo)\b"
    r"|[^\]\n]*\b(?:to\s+be\s+(?:added|determined|defined|confirmed|written)|goes\s+here|tbd)\b"
)
_NAME_SLOT = r"(?:job\s+title|title|role\s+name|role|position\s+name|name|level)\s*\]"
_BRACKETED = re.compile(
    r"\[\s*(?:(?:" + _INSTRUCTION + r")[^\[\]\n]{0,100}\]|" + _NAME_SLOT + r")(?![\x1a(\[:])", re.I
)
# The template's title slot left in a role heading: "### Associate Title Job Grade".
_LEVELS = r"(?:Associate|Intermediate|Junior|Senior|Staff|Principal|Distinguished|Lead)"
_TITLE_SLOT = re.compile(
    r"^\s*(?:" + _LEVELS + r"\s+)*(?:Job\s+)?Title\s+(?:Job\s+Grade|Responsibilities|"
    r"Requirements|Performance\s+Indicators)\s*$|^\s*" + _LEVELS + r"\s+(?:Job\s+)?Title\s*$"
)
# Angle brackets around template words (raw HTML is masked, so these are read in the raw text).
_ANGLED = re.compile(
    r"<\s*(?:placeholder|tbd|todo|(?:insert|add|enter|your)\b[^<>=/\"\n]{0,60})\s*>", re.I
)


@rule(PLACEHOLDER_TEXT, target=Inline, node_only=True)
def placeholder_text(inline: Inline, ctx: Context) -> Iterator[Finding]:
    masked = inline.masked
    taken: list[tuple[int, int]] = []
    if "{" in masked or "}" in masked:
        for pattern, what in ((_TAG, "template tag"), (_BRACED, "template placeholder")):
            for match in pattern.finditer(masked):
                if any(start < match.end() and match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                text = inline.raw[match.start() : match.end()]
                yield ctx.finding(
                    inline.span(*match.span()),
                    f'{what} "{quote(text)}" left in the page',
                    subject=text,
                )
        paired = [m.span() for m in _PAIR.finditer(masked)]
        for match in _STRAY.finditer(masked):
            if any(start <= match.start() < end for start, end in (*taken, *paired)):
                continue
            yield ctx.finding(
                inline.span(*match.span()),
                f'stray "{match.group()}" left from a template',
                subject=match.group(),
            )
    brackets = _BRACKETED.finditer(masked) if "[" in masked else ()
    angles = _ANGLED.finditer(inline.raw) if "<" in inline.raw else ()
    for match in (*brackets, *angles):
        taken.append(match.span())
        text = inline.raw[match.start() : match.end()]
        yield ctx.finding(
            inline.span(*match.span()),
            f'template placeholder "{quote(text)}" left in the page',
            subject=text,
        )
    slot = _TITLE_SLOT.match(masked) if "Title" in masked else None
    if slot is not None and len(masked.split()) <= 8:
        taken.append(slot.span())
        yield ctx.finding(
            inline.span(0, len(inline.raw.rstrip())),
            f'template title "{quote(inline.raw.strip())}" left in the page',
            subject=inline.raw.strip(),
        )
    markers = list(_MARKER.finditer(masked)) if _MARKER_GATE.search(masked) else []
    whole = _WHOLE.fullmatch(masked)
    if whole:
        markers = [whole]
    for match in markers:
        if any(start <= match.start() < end for start, end in taken):
            continue  # "[TBD]" is reported once, as the bracketed placeholder
        word = match.group().strip()
        yield ctx.finding(
            inline.span(*match.span()), f'placeholder "{word}" left in the page', subject=word
        )


RULES = (placeholder_text,)
