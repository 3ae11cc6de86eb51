"""Role references across the handbook: "reports to the X" names a role some page defines.

Part of JD303 (unknown-role-reference). A checked handbook is usually a subset of all roles, so
a title found on no page is not by itself an error; a title that is a near miss of a known title
(one word misspelt) is a mistyped reference, and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.checks.titles import UNKNOWN_ROLE_REFERENCE
from jdlint.config.settings import Settings
from jdlint.domain.job_titles import key, one_word_apart, same_title, title_settings, words
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest, Run, only
from jdlint.handbook.index import HandbookIndex
from jdlint.rules import Context, rule

_REPORTS_TO = re.compile(
    r"\breports\s+(?:in)?to\s+(?:the\s+|an?\s+|our\s+)?"
    r"(?P<title>[A-Z][\w&'’\-]*(?:,?\s+(?:[A-Z][\w&'’\-]*|of|&|for)){0,8})"
)


def _reports(digest: PageDigest) -> tuple[Run, ...]:
    """The runs that can hold a reference (every match has the word; a substring test is
    ~20x cheaper than the pattern)."""
    return tuple(run for run in digest.runs if "reports" in run[0].masked)


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD303 reads of a page (`jdlint.engine.handbook_reuse`): its titles, and its runs
    that can name a role."""
    return only(digest, "role_titles", "family_titles", runs=_reports(digest))


# JD303's second check: it targets the index, so the engine runs it over the whole handbook.
@rule(UNKNOWN_ROLE_REFERENCE, target=HandbookIndex)
def unknown_reports_to(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    known = sorted({t for digest in index.digests for t in digest.family_titles})
    exact = {words(t, settings) for t in known}
    roles = sorted({t for digest in index.digests for t in digest.role_titles})
    role_words = [(t, tuple(key(t, settings, reorder=False).split())) for t in roles]
    for digest in index.checked_digests():  # context pages only name the roles
        for inline, _kind in _reports(digest):
            for match in _REPORTS_TO.finditer(inline.masked):
                start, end = match.span("title")
                name = " ".join(inline.raw[start:end].split()).rstrip(",")
                if words(name, settings) in exact:
                    continue
                name_words = tuple(key(name, settings, reorder=False).split())
                close = next((t for t, w in role_words if one_word_apart(name_words, w)), None)
                if close is None or any(same_title(name, t, settings) for t in known):
                    continue
                yield ctx.finding(
                    inline.span(start, start + len(inline.raw[start:end].rstrip(", "))),
                    f'text names "{name}", which is no role in the handbook; did you mean '
                    f'"{close}"?',
                    subject=name,
                    document=digest,
                )


RULES = (unknown_reports_to,)
