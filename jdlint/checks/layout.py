"""Layouts beyond the template: kramdown headings without a space, and pages on which no role
can be recognised (so that no page passes in silence)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from jdlint.checks.matrix import MATRIX_ROLE_MISMATCH
from jdlint.document.ladder import ladder_title, level_table_rows
from jdlint.document.section_names import normalise_heading, vocabulary
from jdlint.domain.job_titles import same_title, title_settings
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.fs.site_markdown import declared_markdown
from jdlint.handbook.site_config import SiteConfig
from jdlint.model import Document, Heading
from jdlint.rules import Context, RuleMeta, rule

COMPACT_HEADING = RuleMeta(
    code="JD111",
    name="compact-heading",
    summary='A heading has a space after its "#" marks.',
    severity=Severity.WARNING,
    fixable=True,
    explanation="""\
kramdown (Jekyll, older Middleman sites) reads `###Major duties:` as a heading; CommonMark
renderers (GitHub, GitLab, Hugo, most editors' previews) show the same line as text with the
hash marks in it. jdlint reads it as the heading kramdown renders, and the fix inserts the space
that makes every renderer agree.

```markdown
###Major duties:        <- JD111: write "### Major duties:"
```

A site that declares kramdown renders these headings as its authors meant: the rule is quiet
there (a Jekyll `_config.yml` with `markdown: kramdown` or no `markdown:` key, Jekyll's
default, or `site: {slugs: kramdown}` in `.jdlint.yaml`).
""",
)


@rule(COMPACT_HEADING, target=Heading)
def compact_heading(heading: Heading, ctx: Context) -> Iterator[Finding]:
    if not heading.compact:
        return
    document = ctx.document
    assert document is not None
    if _renders_kramdown(document.path, ctx):
        return  # the site's own renderer makes it a heading
    line = document.lines[heading.span.line - 1]
    marks = len(line) - len(line.lstrip(" ")) + heading.level
    start = document.offset(heading.span.line, marks + 1)
    fix = Fix((TextEdit(start, start, " "),), safe=True, description="insert a space")
    yield ctx.finding(
        heading.span,
        f'heading "{heading.text}" has no space after its "{"#" * heading.level}": '
        "only kramdown renders it as a heading",
        fix=fix,
        subject=heading.text,
    )


def _renders_kramdown(path: str, ctx: Context) -> bool:
    if SiteConfig.from_settings(ctx.settings).slugs == "kramdown":
        return True
    return declared_markdown(path) == "kramdown"


NO_ROLE = RuleMeta(
    code="JD112",
    name="no-role-found",
    summary="A job-description page has a role jdlint can recognise.",
    severity=Severity.WARNING,
    explanation="""\
A page that reads like a job description (it talks of responsibilities, requirements,
qualifications, how to apply, ...) but whose headings name none of the sections jdlint knows
has no recognisable role, so the role, grade and title rules cannot judge it and `export` lists
nothing: without this finding it would pass in silence. The message lists the headings seen.
Tell jdlint what they mean with the `sections` key of `.jdlint.yaml`:

```yaml
sections:
  Responsibilities: {aliases: ["Your impact"]}
  Requirements: {aliases: ["Your toolbox"]}
```

Listing pages (one heading over links to roles) and a Hugo `_index.md` whose roles live on
their own pages are not reported, and a levels ladder ("## L3: Software Engineer I", "## IC2 —
Product Designer", each with its Scope / Expectations) has a role per level.
""",
)

#: Words of job descriptions; a page needs two of them to be judged as one.
_JOB_WORDS = re.compile(
    r"\b(responsibilit(?:y|ies)|requirements?|qualifications?|duties|experience|apply|"
    r"applicants?|candidates?|salary|compensation|benefits|hiring|skills)\b",
    re.IGNORECASE,
)
_MAX_LISTED = 8


@rule(NO_ROLE, target=Document)
def no_role_found(document: Document, ctx: Context) -> Iterator[Finding]:
    if document.roles or document.kind in ("partial", "text") or not document.headings:
        return  # JD107 reports pages without any heading
    if PurePath(document.path).name.startswith("_index."):
        return  # a Hugo family's shared text: its roles are on the level pages
    titled = [h for h in document.headings if h.span != document.title_span and h.level > 1]
    if len(titled) < 2:
        return  # a listing page or a stub
    words = {m.group(1).lower().rstrip("s") for m in _JOB_WORDS.finditer(document.source)}
    if len(words) < 2:
        return  # not a job description
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    roleless = [h for h in titled if (n := vocab.classify(h.text)) is None or n.family]
    if len(roleless) < len(titled):
        return  # role sections are there; the role has no title (JD701 asks for one)
    seen = ", ".join(f'"{h.text}"' for h in titled[:_MAX_LISTED])
    more = f" and {len(titled) - _MAX_LISTED} more" if len(titled) > _MAX_LISTED else ""
    span = document.title_span or titled[0].span
    yield ctx.finding(
        span,
        f"no role recognised: the headings {seen}{more} name no role section "
        "(Responsibilities, Requirements, ...); if some of them do, map them with the "
        "'sections' config key",
        subject="no-role",
    )


@rule(MATRIX_ROLE_MISMATCH, target=Document)
def ladder_level_missing(document: Document, ctx: Context) -> Iterator[Finding]:
    """A levels ladder's table lists a level that has no heading of its own (JD103)."""
    if document.layout != "ladder":
        return
    settings = title_settings(ctx.settings.titles)
    levels = [h.text for h in document.headings if ladder_title(h.text)]
    for level, title, span in level_table_rows(document.blocks):
        code = normalise_heading(level)
        if any(normalise_heading(text).startswith(code + " ") for text in levels if code):
            continue
        if any(same_title(title, ladder_title(text) or text, settings) for text in levels):
            continue
        yield ctx.finding(
            span, f'level table lists "{level}: {title}" but no level heading has it', subject=title
        )


RULES = (compact_heading, no_role_found, ladder_level_missing)
