"""Titles: a role's own text names it as its heading does (JD301), titles are written out in
full (JD302) and in one pattern per family (JD304). Whether the text names only roles that
exist (JD303) is `role_references`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from jdlint.document.gated_pattern import literal_gate
from jdlint.domain.family_facts import role_statements
from jdlint.domain.job_titles import (
    TitleSettings,
    is_job_title,
    level_words,
    position,
    same_title,
    title_pattern,
    title_settings,
    words,
)
from jdlint.domain.reports_to import reporting_subjects
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.model import Document, Inline, Role
from jdlint.rules import Context, RuleMeta, rule

TITLE_MISMATCH = RuleMeta(
    code="JD301",
    name="title-mismatch",
    summary="A role's grade statement and reports-to sentence name the role as its heading does.",
    severity=Severity.ERROR,
    explanation="""\
The grade statement in a role's own section ("The X is a grade 8") is the sentence people copy
into offers and the compensation calculator, and "The X reports to ..." opening the role's text
says who the role is; both must name the role of its heading. Titles are
compared loosely ("Sr." = "Senior", "Manager, Red Team" = "Red Team Manager", "TAM" = "Technical
Account Manager", "(Intermediate)" optional), so only a real difference is reported: a stale or
renamed title, or a statement copied from another role. Naming other roles in running text
("reports to the Director, Sales", "extends the Senior role") is normal and not checked here.
The fix (not applied by `--fix`, since either name may be the stale one) puts the heading's title
into the statement.

```markdown
## Major Account Executive
### Job Grade
The Major Account Executive Leader is a [grade 8](...).   <- JD301
```
""",
    fixable=True,
    unsafe_fixes=True,
)


@rule(TITLE_MISMATCH, target=Role)
def title_mismatch(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    settings = title_settings(ctx.settings.titles)
    if not words(role.title, settings):
        return
    title = role.title if role.heading is not None else page_title(role.title)
    if role.heading is None and not is_job_title(title, settings):
        return  # a page titled after its family ("Widget Engineering") names no one role
    named_in = [(s.title, s.title_span, "grade statement") for s in role_statements(role)]
    named_in += [(t, span, "reports-to sentence") for t, span in reporting_subjects(role)]
    for named, span, where in named_in:
        if named is None or span is None or names_role(named, title, settings):
            continue
        start = document.offset(span.line, span.col)
        end = document.offset(span.end_line, span.end_col)
        edit = TextEdit(start, end, title)
        fix = Fix((edit,), safe=False, description="use the heading's title")
        yield ctx.finding(
            span,
            f'role "{title}" is called "{named}" in its {where}',
            fix=fix,
            subject=named,
        )


_PAGE_SUFFIX = re.compile(
    r"\s*(?:[-:|]\s*)?\b(?:roles?|positions?|jobs?|job famil(?:y|ies)|job description)\s*$",
    re.IGNORECASE,
)


def page_title(title: str) -> str:
    """A single-role page's title as a role title: "SMB Account Executive Roles" -> "SMB
    Account Executive"."""
    return _PAGE_SUFFIX.sub("", title).strip() or title


_GENERIC_HEADINGS = frozenset(
    {"role", "position", "job", "overview", "job description", "about the role"}
)
_ALIAS = re.compile(r"\s*\(([^)]*)\)")


def names_role(named: str, heading: str, settings: TitleSettings) -> bool:
    """Whether a title written in a role's text names that role (loosely, see JD301)."""
    if same_title(named, heading, settings, any_order=True):
        return True
    if " ".join(words(heading)) in _GENERIC_HEADINGS:
        return True
    # "Staff Security Risk Engineer (Risk Manager)": a second name in parentheses, not a level.
    levels = level_words(settings)
    aliases = [m for m in _ALIAS.finditer(heading) if not set(words(m.group(1))) <= levels]
    if aliases and same_title(named, _ALIAS.sub(" ", heading), settings, any_order=True):
        return True
    # "The Country Manager is ..." on the Japan Country Manager's page: a qualifier left out,
    # not a level ("Manager, Renewals" under "Senior Manager, Renewals" stays a mismatch).
    said, full = tuple(words(named, settings)), tuple(words(heading, settings))
    cut = len(full) - len(said)
    if 0 < len(said) < len(full) and full[cut:] == said and not set(full[:cut]) & levels:
        return True
    # "The Senior Professional Services Practice Engineer" under "Senior Practice Engineer":
    # the family's name written out inside the title; the role's noun stays last.
    if len(full) >= 2 and len(said) > len(full) and said[-1] == full[-1]:
        inner = _inserted(full, said)
        if inner and not set(inner) & levels:
            return True
    # "### Senior" under a family heading: the statement spells the level out in full.
    at = position(heading, settings)
    return not at.base and position(named, settings).steps == at.steps


def _inserted(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words `long` adds inside `short` in one run, if that is the only difference."""
    for start in range(1, len(short)):
        extra = len(long) - len(short)
        if long[:start] == short[:start] and long[start + extra :] == short[start:]:
            return long[start : start + extra]
    return None


TITLE_ABBREVIATION = RuleMeta(
    code="JD302",
    name="title-abbreviation",
    summary='Titles are written out in full: "Senior", not "Sr.".',
    severity=Severity.WARNING,
    fixable=True,
    explanation="""\
"Sr.", "Jr." and "Mgr" before or in a title make the same role look like two (search, the
export and people reading the page disagree on the title). jdlint reports them in headings, text,
lists and tables where they start or end a capitalised title, and `--fix` writes them out.

```markdown
The Sr. Widget Engineer role extends the Widget Engineer role.   <- JD302: "Senior"
```
""",
)

_ABBREVIATION = re.compile(
    r"\b(?P<abbr>Sr|SR|Snr|Jr|JR|Mgr)\b(?P<dot>\.?)(?=\s+(?:[A-Z][\w&'\-]*|of\b))"
    r"|(?<=\w\s)(?P<tail>Mgr)\b"
)
# Every word `_ABBREVIATION` can match: a run without one is not searched.
_ABBREVIATED = literal_gate(("Sr", "SR", "Snr", "Jr", "JR", "Mgr"))
_EXPANSIONS = {"sr": "Senior", "snr": "Senior", "jr": "Junior", "mgr": "Manager"}


@rule(TITLE_ABBREVIATION, target=Inline)
def title_abbreviation(inline: Inline, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    masked = inline.masked
    if _ABBREVIATED.search(masked) is None:
        return  # most runs: a substring test is far cheaper than the pattern's look-behind
    for match in _ABBREVIATION.finditer(masked):
        written = match.group()
        word = _EXPANSIONS[(match.group("abbr") or match.group("tail")).lower()]
        span = inline.span(*match.span())
        start = document.offset(span.line, span.col)
        end = document.offset(span.end_line, span.end_col)
        if match.group("tail"):
            before = re.search(r"((?:[A-Z][\w&'\-]*[ \t]){1,5})$", inline.raw[: match.start()])
            title = f"{before.group(1) if before else ''}{written}"
        else:
            title = f"{written} {_following_words(inline.raw, match.end())}".strip()
        yield ctx.finding(
            span,
            f'title abbreviation "{written}" in "{title}"; write "{word}"',
            fix=Fix((TextEdit(start, end, word),), safe=True, description=f"{written} -> {word}"),
            subject=title,
        )


def _following_words(raw: str, end: int) -> str:
    found = re.match(r"[ \t]+((?:(?:[A-Z][\w&'\-]*|of|and|&),?[ \t]?){1,6})", raw[end:])
    return found.group(1).strip(" ,") if found else ""


TITLE_FORMAT = RuleMeta(
    code="JD304",
    name="title-format",
    summary='One family writes its management titles one way ("Manager, Red Team").',
    severity=Severity.WARNING,
    explanation="""\
A family whose roles mix "Director, Security", "Director of Security" and "Security Director"
looks like it has more roles than it has, and its titles sort apart in every list. jdlint
reports management titles (Manager, Senior Manager, Director, Vice President, Head) written in a
pattern other than the one most of the family's management titles use. "X Manager" alone is
usually an individual contributor's title ("Technical Account Manager", and "Channel Services
Manager" next to "Manager, Channel Services" who leads them), so it is not counted.

```markdown
## Manager, Red Team
## Senior Manager, Red Team
## Red Team Director           <- JD304: "Director, Red Team"
```
""",
)


@rule(TITLE_FORMAT, target=Document)
def title_format(document: Document, ctx: Context) -> Iterator[Finding]:
    roles = [r for r in document.roles if r.heading is not None]
    patterns = {id(r): title_pattern(r.title) for r in roles}
    managerial = [r for r in roles if patterns[id(r)] and _is_managerial(r.title, patterns[id(r)])]
    counts = Counter(patterns[id(r)] for r in managerial)
    if len(counts) > 1:
        usual = max(counts, key=lambda p: (counts[p], -_first(managerial, patterns, p)))
        example = next(r.title for r in managerial if patterns[id(r)] == usual)
        for role in managerial:
            if patterns[id(role)] != usual:
                yield ctx.finding(
                    role.title_span,
                    f'title "{role.title}" names its area {_PATTERN_NAMES[patterns[id(role)] or ""]}'
                    f'; the family names it {_PATTERN_NAMES[usual or ""]}, as in "{example}"',
                    subject=role.title,
                )


#: How each title pattern reads to a person ("Director, Sales", "Director of Sales", "Sales
#: Director"): the internal pattern names are no help to a recruiter.
_PATTERN_NAMES = {
    "comma": "after a comma",
    "of": 'after "of"',
    "suffix": "before the role",
    "": "differently",
}


def _is_managerial(title: str, pattern: str | None) -> bool:
    """ "X Manager" is often an individual contributor's title; "X Senior Manager" is not."""
    text = " ".join(words(title))
    if pattern != "suffix":
        return True
    return not text.endswith(" manager") or text.endswith(" senior manager")


def _first(roles: list[Role], patterns: dict[int, str | None], pattern: str | None) -> int:
    return next(i for i, r in enumerate(roles) if patterns[id(r)] == pattern)


RULES = (title_mismatch, title_abbreviation, title_format)
