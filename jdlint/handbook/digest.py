"""A page digest: what the handbook-scope checks read of one page, and nothing else.

The handbook checks (links, anchors, grades across pages, role references, boilerplate drift,
conventions, the spelling vocabulary) compare pages with each other, so every run that checks
one page needs the whole handbook. Holding, caching and reloading every page's full tree for
that is what made a warm run on a large handbook slow and a cold one big. A digest keeps only
the facts those checks look at, read once from the tree when the page is parsed
(`jdlint.engine.digests.digest_of`); it is plain frozen data, so the cache stores it per page
(content hash + settings salt) and a worker process returns it instead of a tree.

A page that is only context (not checked in this run) needs no inline run: its links, titles,
grades, boilerplate paragraphs and the words it adds to the spelling vocabulary are enough. The
inline runs (`runs`: for the spans of findings about the page's own text) are kept only on the
digests of the pages being checked, and cached apart (`jdlint.engine.run`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jdlint.domain.family_facts import GradeClaim
from jdlint.model import Inline, Link, Span, TemplateTag

#: An inline run and the kind of node it is in: "heading", "paragraph", "item" or "cell".
Run = tuple[Inline, str]
#: The words a spelling rule reads on a page: their bases in first-use order, the uses of each,
#: and the words written in lower case that the dictionaries do not settle.
PageVocabulary = tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]


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
    links: tuple[Link, ...]  # every link of the page, in page order
    # Top-level paragraphs and list items ("paragraph" / "item") of the length JD502 compares
    # (`boilerplate_drift.compared_words`), and the text of every top-level paragraph.
    paragraphs: tuple[Run, ...]
    paragraph_texts: tuple[str, ...]
    claims: tuple[GradeClaim, ...]  # grades stated for titles (without their role nodes)
    role_titles: tuple[str, ...]
    reports_to: tuple[tuple[str, Span], ...]  # titles someone "reports to" in the text (JD303)
    own_titles: tuple[str, ...]  # the page's title, its roles' and its front matter's (JD604)
    family_titles: tuple[str, ...]
    # Conventions (JD113): known section names, and (section, heading text, heading span) of
    # each known top section written under its own heading.
    has_roles: bool
    section_names: tuple[str, ...]
    section_headings: tuple[tuple[str, str, Span], ...]
    family_span: Span | None  # the page title, else its first role's title
    # Per spelling rule (`Spelling.vocabulary_key`): the words the page adds to the handbook's.
    vocabulary: Mapping[str, PageVocabulary] = field(default_factory=dict)
    # Every inline run in page order, on the digests of the pages being checked only.
    runs: tuple[Run, ...] = ()


#: Each field but `path` as it is in a digest of nothing.
_EMPTY: Mapping[str, object] = {
    "kind": "",
    "title": None,
    "job_page": False,
    "directives": "",
    "headings": (),
    "anchors": (),
    "templates": (),
    "links": (),
    "paragraphs": (),
    "paragraph_texts": (),
    "claims": (),
    "role_titles": (),
    "reports_to": (),
    "own_titles": (),
    "family_titles": (),
    "has_roles": False,
    "section_names": (),
    "section_headings": (),
    "family_span": None,
    "vocabulary": {},
    "runs": (),
}


def only(digest: PageDigest, *names: str, **replaced: object) -> PageDigest:
    """The digest with every field but `path`, `names` and `replaced` emptied: what one handbook
    check reads of a page (its *view*, compared before and after an edit to tell whether the
    check's findings can be reused; see `jdlint.engine.handbook_reuse`)."""
    empty = {name: value for name, value in _EMPTY.items() if name not in names}
    empty.update(replaced)
    return replace(digest, **empty)  # type: ignore[arg-type]


def without(digest: PageDigest, *names: str) -> PageDigest:
    """The digest with the fields `names` emptied."""
    return replace(digest, **{name: _EMPTY[name] for name in names})  # type: ignore[arg-type]
