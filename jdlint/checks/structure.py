"""Structure: the sections a job family needs, where they sit, and headings that are not."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from jdlint.document.labels import bold_label
from jdlint.document.section_names import Vocabulary, classify, resolve_names, vocabulary
from jdlint.findings import Finding, Severity
from jdlint.model import Block, Document, Heading, Inline, Role, iter_items
from jdlint.rules import Context, RuleMeta, rule

MISSING_SECTION = RuleMeta(
    code="JD101",
    name="missing-section",
    summary="Every role has the sections its job family requires.",
    severity=Severity.ERROR,
    explanation="""\
Each role needs the sections readers and recruiters look for: by default Responsibilities and
Requirements (a missing grade is JD202's business). A section written once for the whole family,
above the roles, counts for every role. Configure the list per handbook:

```yaml
required-sections: [Responsibilities, Requirements]
family-sections: [Performance Indicators, Hiring Process]   # required once per page
```

Headings are recognised with their usual variants and typos ("Responsibiltiies",
"Senior Manager, Red Team Requirements"), and an ERB partial or Hugo shortcode that stands for
a section counts as that section.
""",
)


@rule(MISSING_SECTION, target=Role)
def missing_section(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    if not document.headings and not document.labels:
        return  # JD107 reports the page; every section would be "missing"
    earlier = document.roles[: document.roles.index(role)] if role in document.roles else ()
    extends = _extends(role)
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    for name in resolve_names(ctx.settings.required_sections, vocab):
        astray = _at_role_level(role, name, document.roles)
        if astray is not None and any(name in other.sections for other in document.roles):
            yield ctx.finding(
                astray.span,
                f'role "{role.title}" has no {name} section of its own: "{astray.text}" is at '
                f"the roles' level ({'#' * astray.level}), so it reads as the page's",
                subject=role.title,
            )
            continue
        if _has_section(role, name):
            continue
        if extends and any(_has_section(other, name) for other in earlier):
            continue  # "Additional Responsibilities": the role extends one above it
        if any(_has_section(other, name) for other in document.roles):
            yield ctx.finding(
                role.title_span, f'role "{role.title}" has no {name} section', subject=role.title
            )
        elif role is document.roles[0]:
            # One finding for the page, not one per role, when the page never has the section.
            count = len(document.roles)
            message = (
                f'role "{role.title}" has no {name} section'
                if count == 1
                else f"none of the {count} roles has a {name} section"
            )
            yield ctx.finding(role.title_span, message, subject=name)


@rule(MISSING_SECTION, target=Role)
def section_of_another_role(role: Role, ctx: Context) -> Iterator[Finding]:
    """ "#### Widget Analyst Responsibilities" under "### Senior Widget Analyst": a reader sees
    the section of another role, so this role's own section is missing."""
    from jdlint.checks.titles import names_role
    from jdlint.domain.job_titles import same_title
    from jdlint.domain.title_settings import title_settings

    document = ctx.document
    if role.heading is None or document is None:
        return
    settings = title_settings(ctx.settings.titles)
    others = [other for other in document.roles if other is not role]
    for name, section in role.sections.items():
        heading = section.heading
        found = classify(heading.text) if heading is not None else None
        if heading is None or found is None or not found.prefix or name not in _ROLE_PARTS:
            continue
        prefix = found.prefix.strip(" ,:-")
        if not prefix or names_role(prefix, role.title, settings):
            continue
        if not any(same_title(prefix, other.title, settings) for other in others):
            continue  # a typo or a looser name of this role, not another role's section
        yield ctx.finding(
            heading.span,
            f'role "{role.title}" has no {name} section of its own: "{heading.text}" names '
            f'"{prefix}"',
            subject=heading.text,
        )


_ROLE_PARTS = frozenset({"Responsibilities", "Requirements", "Job Grade"})


def _at_role_level(role: Role, name: str, roles: tuple[Role, ...]) -> Heading | None:
    """A shared section written right after this role at the roles' heading level ("## Widget
    Analyst", "### Responsibilities", "## Requirements"): meant for the role, read as the page's.
    """
    shared = role.inherited_sections.get(name)
    if name in role.sections or role.heading is None or shared is None:
        return None
    heading = shared.heading
    start = role.heading.span.line
    if heading is None or heading.span.line < start:
        return None  # written above the role: shared on purpose
    later = [r.heading.span.line for r in roles if r.heading and r.heading.span.line > start]
    if later and min(later) < heading.span.line:
        return None  # another role comes first: the section is not this role's
    return heading if heading.level <= role.heading.level else None


def _extends(role: Role) -> bool:
    """A role written as additions to another ("Additional Responsibilities")."""
    return any(
        s.heading is not None and s.heading.text.strip().lower().startswith("additional")
        for s in (*role.sections.values(), *role.extra_sections)
    )


def _has_section(role: Role, name: str) -> bool:
    return name in role.sections or name in role.inherited_sections


@rule(MISSING_SECTION, target=Document)
def missing_family_section(document: Document, ctx: Context) -> Iterator[Finding]:
    if not ctx.settings.family_sections or not document.roles or document.kind == "partial":
        return
    present = {s.name for s in document.family_sections}
    present |= {sub.name for s in document.family_sections for sub in s.subsections}
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    for name in resolve_names(ctx.settings.family_sections, vocab):
        if name not in present:
            span = document.title_span or document.roles[0].title_span
            yield ctx.finding(span, f"job family has no {name} section", subject=name)


FAMILY_SECTION_NESTING = RuleMeta(
    code="JD102",
    name="family-section-nesting",
    summary="Family-wide sections sit at the level of the roles, not under the last role.",
    severity=Severity.WARNING,
    explanation="""\
Performance Indicators, Career Ladder, Hiring Process, Compensation and Location Specific
Requirements describe the whole family. Written one level below the last role's heading, they
render (and appear in the table of contents) as if they belonged to that role only.

```markdown
## Senior Widget Engineer
### Requirements
- ...
### Hiring Process        <- JD102: make this "## Hiring Process"
```
""",
)


@rule(FAMILY_SECTION_NESTING, target=Role)
def family_section_nesting(role: Role, ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    assert document is not None
    nested = [s for s in role.nested_family_sections if s.heading and not s.heading.label]
    if not nested or role.heading is None or len(document.roles) < 2:
        return  # on a one-role page the nesting changes nothing a reader sees
    names = {s.name for s in nested}
    others = [r for r in document.roles if r is not role]
    if any(names & {s.name for s in r.nested_family_sections} for r in others):
        return  # every role has its own Hiring Process: a per-role layout, not a slip
    listed = ", ".join(f'"{s.heading.text}"' for s in nested if s.heading)
    first = nested[0].heading
    assert first is not None
    plural = "sections" if len(nested) > 1 else "section"
    level = "#" * role.heading.level
    yield ctx.finding(
        first.span,
        f'family {plural} {listed} nested under role "{role.title}"; '
        f"move to the roles' heading level ({level})",
        subject=role.title,
    )


#: Family sections that are peers: one written under another belongs at its level.
_PEER_SECTIONS = frozenset({"Career Ladder", "Hiring Process", "Performance Indicators"})


@rule(FAMILY_SECTION_NESTING, target=Document)
def family_section_in_family_section(document: Document, ctx: Context) -> Iterator[Finding]:
    """ "### Career Ladder" under "## Hiring Process": the ladder reads as a hiring step."""
    stack: list[tuple[Heading, str | None]] = []
    for heading in document.headings:
        while stack and stack[-1][0].level >= heading.level:
            stack.pop()
        found = classify(heading.text)
        name = found.name if found is not None and found.family and not found.prefix else None
        parent = stack[-1] if stack else None
        peers = parent is not None and parent[1] in _PEER_SECTIONS and parent[1] != name
        if name in _PEER_SECTIONS and parent is not None and peers:
            level = "#" * parent[0].level
            yield ctx.finding(
                heading.span,
                f'family section "{heading.text}" is nested under "{parent[0].text}"; '
                f"move it to that section's level ({level})",
                subject=heading.text,
            )
        stack.append((heading, name))


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

_ANCHOR_ONLY = re.compile(r"^\s*(?:<a\s[^>]*>\s*</a>|<!--.*?-->|<a\s[^>]*/>)\s*$", re.DOTALL)


@rule(EMPTY_SECTION, target=Document)
def empty_section(document: Document, ctx: Context) -> Iterator[Finding]:
    content_lines = sorted(block.span.line for block in document.blocks if not _is_invisible(block))
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
        if _is_link_only(heading) or _flat_layout(heading, following, vocab):
            continue
        yield ctx.finding(heading.span, f'section "{heading.text}" is empty', subject=heading.text)


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


def _is_link_only(node: Heading | Inline) -> bool:
    inline = node.inline if isinstance(node, Heading) else node
    links = inline.links
    return len(links) == 1 and links[0].text.strip() == inline.text.strip()


def _is_invisible(block: Block) -> bool:
    """Anchors and comments render nothing, so they do not make a section non-empty."""
    if block.kind == "html":
        return bool(_ANCHOR_ONLY.match(block.content))
    if block.kind == "paragraph" and block.inline is not None:
        return not block.inline.text.strip() and not block.inline.masked.replace("\x1a", "").strip()
    return False


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


@rule(PSEUDO_HEADING, target=Block)
def pseudo_heading(block: Block, ctx: Context) -> Iterator[Finding]:
    if block.kind == "list":
        for item in iter_items(block):
            inline = item.inline
            if inline is None or item.children:
                continue
            text = inline.text.strip()
            vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
            if _is_link_only(inline) or not _looks_like_section_title(text, vocab):
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
    sections = {h.span.line for h in document.labels}  # labels that name a known section
    for position, index in enumerate(labels):
        block = blocks[index]
        text = bold_label(block)
        assert text is not None and block.inline is not None
        if block.span.line in sections:
            pass  # "**What you'll bring:**" over one list is still that section's heading
        elif text.endswith(":") or block.inline.raw.rstrip().endswith(":"):
            # "**Benefits:**" over a table or two is a caption; over more blocks, a heading.
            stop = labels[position + 1] if position + 1 < len(labels) else len(blocks)
            following = [
                b
                for b in blocks[index + 1 : stop]
                if not _is_invisible(b)
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


MISSING_STRUCTURE = RuleMeta(
    code="JD107",
    name="missing-structure",
    summary="A page has headings that show its roles and sections.",
    severity=Severity.ERROR,
    explanation="""\
A page with no headings at all (typically a job ad pasted from a job board with its markup
stripped) has no recognisable roles, sections or grades, so no reader can navigate it and most
checks cannot run. Restore the headings: `## Role title`, `### Job Grade`,
`### Responsibilities`, `### Requirements`.

Plain-text pages (`.txt`) are not reported: they have no markup by nature, and their short
lines that name a known section ("Requirements") are read as its label.
""",
)


@rule(MISSING_STRUCTURE, target=Document)
def missing_structure(document: Document, ctx: Context) -> Iterator[Finding]:
    if document.kind in ("partial", "text") or document.headings or document.labels:
        return  # bold labels are its headings: JD106 reports each; plain text has no markup
    paragraphs = [b for b in document.blocks if b.kind in ("paragraph", "list")]
    if len(paragraphs) < 3:
        return
    first = paragraphs[0].span
    yield ctx.finding(
        first,
        f"no headings found in {len(document.source.splitlines())} lines: no role or section "
        "headings can be recognised (was the markup stripped?)",
        subject="structure",
    )


RULES = (
    missing_section,
    missing_family_section,
    section_of_another_role,
    family_section_nesting,
    family_section_in_family_section,
    empty_section,
    pseudo_heading,
    bold_pseudo_heading,
    missing_structure,
)
