"""A page digest: what the handbook-scope checks read of one page, and nothing else.

The handbook checks (links, anchors, grades across pages, role references, boilerplate drift,
conventions, the spelling vocabulary) compare pages with each other, so every run that checks
one page needs the whole handbook. Holding, caching and reloading every page's full tree for
that is what made a warm run on a large handbook slow and a cold one big. A digest keeps only
the facts those checks look at, read once from the tree when the page is parsed
(`jdlint.engine.digests.digest_of`); it is plain frozen data, so the cache stores it per page
(content hash + settings salt) and a worker process returns it instead of a tree.

The inline runs a digest keeps are the tree's own `Inline` objects (findings need their spans
and text maps); the same run listed in several fields is one object, written once to the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from jdlint.domain.family_facts import GradeClaim
from jdlint.model import Heading, Inline, Link, Span, TemplateTag

#: An inline run and the kind of node it is in: "heading", "paragraph", "item" or "cell".
Run = tuple[Inline, str]


@dataclass(frozen=True, slots=True)
class PageDigest:
    path: str
    kind: str  # markdown | erb | partial | text (`Document.kind`)
    title: str | None
    job_page: bool  # `is_job_page`: whether the job-page rules' findings are kept
    directives: str  # the page's text if it has a `jdlint-` comment (suppressions), else ""
    # Anchors: (raw, text, explicit anchor) of each heading, slugged once the site is known;
    # explicit `{#id}` and HTML id= / name= anchors as they are.
    headings: tuple[tuple[str, str, str | None], ...]
    anchors: tuple[str, ...]
    templates: tuple[TemplateTag, ...]
    runs: tuple[Run, ...]  # every inline run in page order (links, role references, words)
    paragraphs: tuple[Run, ...]  # top-level paragraphs and list items, "paragraph" / "item"
    claims: tuple[GradeClaim, ...]  # grades stated for titles (without their role nodes)
    role_titles: tuple[str, ...]
    family_titles: tuple[str, ...]
    # Conventions (JD113): known section names, and (section, heading) of each known top
    # section written under its own heading.
    has_roles: bool
    section_names: tuple[str, ...]
    section_headings: tuple[tuple[str, Heading], ...]
    family_span: Span | None  # the page title, else its first role's title

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link of the page, in page order."""
        return tuple(link for inline, _kind in self.runs for link in inline.links)
