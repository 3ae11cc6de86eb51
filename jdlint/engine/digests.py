"""A parsed page's digest (`jdlint.handbook.digest.PageDigest`): read once from its tree.

Everything a handbook-scope check reads of a page is taken here, so that the tree can be
dropped once the page's own checks ran; the engine holds, caches and ships digests instead.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jdlint.checks.paragraphs import page_paragraphs
from jdlint.config.settings import Settings
from jdlint.domain.family_facts import family_titles, grade_claims, role_titles
from jdlint.domain.page_kind import is_job_page
from jdlint.engine.sections import all_sections
from jdlint.handbook.digest import PageDigest
from jdlint.model import Document
from jdlint.rulepacks.common import run_scope

_HTML_ID = re.compile(r"""<[A-Za-z][\w\-]*\s[^<>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""")


def digest_of(document: Document, settings: Settings) -> PageDigest:
    html_ids = tuple(m.group(1) for m in _HTML_ID.finditer(document.source))
    top = [s for role in document.roles for s in role.sections.values()]
    top += [*document.shared_sections.values(), *document.family_sections]
    section_headings = tuple(
        (section.name, section.heading)
        for section in top
        if section.known and section.heading is not None and not section.heading.label
    )
    first_role = document.roles[0].title_span if document.roles else None
    return PageDigest(
        path=document.path,
        kind=document.kind,
        title=document.title,
        job_page=is_job_page(document, settings),
        directives=document.source if "jdlint-" in document.source else "",
        headings=tuple((h.inline.raw, h.text, h.anchor) for h in document.headings),
        anchors=(*document.anchors, *html_ids),
        templates=document.templates,
        runs=tuple((inline, run_scope(inline, owner)) for inline, owner in document.iter_inlines()),
        paragraphs=tuple((p.inline, p.kind) for p in page_paragraphs(document, items=True)),
        claims=tuple(replace(c, role=None, statement=None) for c in grade_claims(document)),
        role_titles=tuple(role_titles(document)),
        family_titles=tuple(family_titles(document)),
        has_roles=bool(document.roles),
        section_names=tuple(s.name for s in all_sections(document) if s.known),
        section_headings=section_headings,
        family_span=document.title_span or first_role,
    )
