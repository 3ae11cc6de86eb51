"""JD303 (unknown-role-reference): text that speaks of a role names a role that exists.

Two checks. On each page, the sentences that speak of the page's own role ("the X participates
in ...", "the base salary for the X role", `roleName` locals) must name a role of the family.
Across the handbook, "reports to the X" is reported only when X is a near miss (one word
misspelt) of a role some page defines: a checked handbook is usually a subset of all roles, so
a title found on no page is not by itself an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from jdlint.checks.titles import names_role, page_title
from jdlint.config.settings import Settings
from jdlint.document.gated_pattern import literal_gate
from jdlint.domain.family_facts import family_titles, grade_rows, role_statements
from jdlint.domain.job_titles import (
    JOB_NOUNS,
    TitleSettings,
    is_near,
    key,
    one_word_apart,
    position,
    same_title,
    title_settings,
    words,
)
from jdlint.domain.role_mentions import own_role_mentions
from jdlint.findings import Finding, Severity
from jdlint.handbook.digest import PageDigest, Run, only
from jdlint.handbook.index import HandbookIndex
from jdlint.model import Document, Span
from jdlint.rules import Context, RuleMeta, rule

UNKNOWN_ROLE_REFERENCE = RuleMeta(
    code="JD303",
    name="unknown-role-reference",
    summary="Text that speaks of this family's role names a role the family has.",
    severity=Severity.ERROR,
    explanation="""\
Pages are copied from other families, and the copy keeps the old family's role names: "As with
all roles in the Sales Department the SMB Customer Advocate participates in the Sales KPIs" on
the SMB Account Executive page. jdlint checks the sentences that speak of the page's own role
and the `roleName` given to ERB partials, against the family's titles: role headings and other
headings, grade statements (not one that names another role: JD301 reports that), matrix rows,
"As an X, you will" sentences, the page title and folder. The sentences looked at are "the X
participates in ...", "A Senior X may want to ...", "the X job family would ...", and "the X
role/position/job (family)" where it speaks of this role: "this X position", "The X role ...",
"the salary range for the X role", "Applicants for the X position", and a job ad's "We're
looking for a X to join ...". Generic titles ("the Hiring Manager role", "this position"), roles
named by link text, "works with the X role" and sentences about career moves ("may move to the
Product Manager role") are not checked. Level variants ("Senior X" for role "X"), near spellings
(the `titles.similarity` threshold) and, in prose, the title with qualifiers left out ("Project
Manager" for "Professional Services Project Manager", its job noun kept) count as known; a name
without a job noun ("this Widget Operations position", "the Widget Operations job family") must
be part of one of the family's titles. Across the handbook, "reports to the X" is reported when
X is one word from a role some page defines.

```markdown
<%= partial("job-families/sales/performance", :locals => { :roleName => "Customer Advocate" }) %>
                                                      <- JD303 on the Widget Engineer page
```
""",
)

# Sentences of the page's template that speak of its own role: "the X participates in ...",
# "A Senior X may want to pursue ...", "the X job family would move into ...".
_OWN_ROLE = re.compile(
    r"\b(?:[Tt]he|An?)\s+"
    r"(?P<title>[A-Z][\w&'’\-]*(?:,?\s+(?:[A-Z][\w&'’\-]*|of|and|&|for)){0,8}?)"
    r"(?:(?P<family>\s+job\s+family)\s+(?:participates\s+in|may|would|will|includes)\b"
    r"|\s+participates\s+in\b|\s+may\s+want\s+to\b)"
)
_OWN_CUES = literal_gate(("participates", "may want", "job family"))
_HOW = {"text": "text", "family": "text", "local": "partial local roleName"}
_ROLE_LOCALS = frozenset({"rolename", "role_name", "role", "title", "jobtitle", "job_title"})


@rule(UNKNOWN_ROLE_REFERENCE, target=Document)
def unknown_role_reference(document: Document, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    stale = _stale_titles(document, settings)
    known = [t for t in family_titles(document) if t not in stale]
    if not known:
        return
    # A title a heading of the page gives ("### Customer Success Engineer (CSE)") is no stale
    # copy, even where the outline does not read that heading as a role.
    known += [h.text for h in document.headings if h.text not in stale]
    for name, span, how in _references(document, settings):
        if _is_known(name, known, settings, prose=how != "local"):
            continue
        if how == "family" and any(_within(name, t) for t in known):
            continue  # "the Business Value Services job family" on a page of its roles
        yield ctx.finding(
            span,
            f'{_HOW[how]} names "{name}", which is no role of the {_family_name(document)} family',
            subject=name,
        )


def _stale_titles(document: Document, settings: TitleSettings) -> set[str]:
    """Titles only a stale grade statement names (JD301 reports the statement): they make no
    title "known", or "The Staff Widget Auditor is a grade 8" would excuse every other mention
    of the Staff Widget Auditor on the Widget Analyst page. A title a role heading or the
    title/grade table also names stays known."""
    stale: set[str] = set()
    for role in document.roles:
        title = role.title if role.heading is not None else page_title(role.title)
        if not words(role.title, settings):
            continue
        for statement in role_statements(role):
            named = statement.title
            if named and not names_role(named, title, settings):
                stale.add(named)
    kept = {role.title for role in document.roles} | {row.title for row in grade_rows(document)}
    return stale - kept


def _references(document: Document, settings: TitleSettings) -> Iterator[tuple[str, Span, str]]:
    for tag in document.templates:
        for local, value, span in tag.locals:
            if local.lower() in _ROLE_LOCALS and value.strip():
                yield value.strip(), span, "local"
    for inline, _owner in document.iter_inlines():
        seen: set[int] = set()
        if _OWN_CUES.search(inline.masked):  # far cheaper than the search
            for match in _OWN_ROLE.finditer(inline.masked):
                start, end = match.span("title")
                seen.add(start)
                text = " ".join(inline.raw[start:end].split())
                how = "family" if match.group("family") else "text"
                yield text, inline.span(start, end), how
        for mention in own_role_mentions(inline, settings):
            if mention.start not in seen:
                how = "family" if mention.family else "text"
                yield mention.title, inline.span(mention.start, mention.end), how


def _within(name: str, title: str) -> bool:
    """Every word of `name` is a word of `title`, or shares its first five letters with one
    ("this Widget Engineering position" on the Widget Engineer page)."""
    have = words(title)
    return all(any(w == h or (len(w) >= 5 and w[:5] == h[:5]) for h in have) for w in words(name))


def _is_known(name: str, known: list[str], settings: TitleSettings, prose: bool) -> bool:
    """Near one of the family's titles, at another level of it, or (in prose, which shortens
    titles; a partial's `roleName` is copied, not written) the title with qualifiers left out."""
    at = position(name, settings)
    for title in known:
        if is_near(name, title, settings):
            return True
        base = position(title, settings).base
        if at.base and at.base == base:
            return True
        if prose and at.base and _shortened(name, title, at.base.split(), base.split(), settings):
            return True
    return False


def _shortened(
    name: str, title: str, said: list[str], full: list[str], settings: TitleSettings
) -> bool:
    """`name` is `title` with qualifiers left out, its job nouns kept: "Senior Project Manager"
    for "Senior Professional Services Project Manager", "Research Associate" for "Research
    Associate in Low-Carbon Concrete" (but "Customer Success Manager" is no "Customer Success
    Operations Analyst"). `said` and `full` are their bases (`position`)."""
    if not full or said[-1] != full[-1] and said[0] != full[0]:
        return False
    nouns = set(words(name, settings)) & JOB_NOUNS
    if not nouns or not nouns <= set(words(title, settings)):
        return False
    rest = iter(full)
    return all(word in rest for word in said)


def _family_name(document: Document) -> str:
    title = document.title or (document.roles[0].title if document.roles else document.path)
    return re.sub(r"\s+(?:job\s+family|roles)\s*$", "", title, flags=re.IGNORECASE)


_REPORTS_TO = re.compile(
    r"\breports\s+(?:in)?to\s+(?:the\s+|an?\s+|our\s+)?"
    r"(?P<title>[A-Z][\w&'’\-]*(?:,?\s+(?:[A-Z][\w&'’\-]*|of|&|for)){0,8})"
)


# JD303's second check: it targets the index, so the engine runs it over the whole handbook.
def reported_roles(runs: Iterable[Run]) -> tuple[tuple[str, Span], ...]:
    """The titles a page's text says someone reports to, each with its span: what the check
    reads of a page, kept in its digest (`PageDigest.reports_to`) for context pages too."""
    found = []
    for inline, _kind in runs:
        if "reports" not in inline.masked:  # every match has the word: ~20x cheaper a test
            continue
        for match in _REPORTS_TO.finditer(inline.masked):
            start, end = match.span("title")
            name = " ".join(inline.raw[start:end].split()).rstrip(",")
            found.append(
                (name, inline.span(start, start + len(inline.raw[start:end].rstrip(", "))))
            )
    return tuple(found)


#: What it reads of a checked page only: the titles it names (a context page is a target).
CHECKED_ONLY = ("reports_to",)


#: The digest fields JD303's handbook check reads (`jdlint.engine.digests.unread_fields`).
DIGEST_FIELDS = ("role_titles", "family_titles", "reports_to")


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD303's handbook check reads of a page (`jdlint.engine.handbook_reuse`): its titles,
    and the titles it says someone reports to."""
    return only(digest, *DIGEST_FIELDS)


@rule(UNKNOWN_ROLE_REFERENCE, target=HandbookIndex)
def unknown_reports_to(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    known = sorted({t for digest in index.digests for t in digest.family_titles})
    exact = {words(t, settings) for t in known}
    roles = sorted({t for digest in index.digests for t in digest.role_titles})
    role_words = [(t, tuple(key(t, settings, reorder=False).split())) for t in roles]
    for digest in index.checked_digests():  # context pages only name the roles
        for name, span in digest.reports_to:
            if words(name, settings) in exact:
                continue
            name_words = tuple(key(name, settings, reorder=False).split())
            close = next((t for t, w in role_words if one_word_apart(name_words, w)), None)
            if close is None or any(same_title(name, t, settings) for t in known):
                continue
            yield ctx.finding(
                span,
                f'text names "{name}", which is no role in the handbook; did you mean "{close}"?',
                subject=name,
                document=digest,
            )


RULES = (unknown_role_reference, unknown_reports_to)
