"""The handbook index: what handbook-scope checks see of all the pages checked together.

Built from parsed documents only (never by re-reading files): each page's URL and heading
anchors, every role title with its grade and page, every paragraph's normalised text. A run
on one file also indexes the rest of its handbook ("context" pages) so that cross-page checks
give the same answer as a full run; findings are reported only for the pages being checked.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jdlint.handbook.site import Site
from jdlint.handbook.slugs import unique_slugs
from jdlint.model import Block, Document, GradeStatement, Inline, Role

_HTML_ID = re.compile(r"""<[A-Za-z][\w\-]*\s[^<>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True)
class Page:
    """One indexed page: where the site serves it and the anchors it has."""

    document: Document
    site: Site | None
    url: str | None  # "/job-families/sales/account-executive/"; None for partials
    heading_ids: tuple[str, ...]  # the id of each of `document.headings`, in order
    anchors: frozenset[str]  # heading ids, `{#id}` attributes and HTML id= / name= anchors


@dataclass(frozen=True)
class RoleEntry:
    title: str
    key: str  # normalised title (see `normalise_text`)
    grade: GradeStatement | None
    role: Role
    document: Document


@dataclass(frozen=True)
class ParagraphEntry:
    text: str  # normalised paragraph text
    inline: Inline
    block: Block
    document: Document


@dataclass(frozen=True)
class HandbookIndex:
    """All pages of a run, and which of them findings are reported for."""

    documents: tuple[Document, ...]
    pages: Mapping[str, Page] = field(default_factory=dict)  # by document path
    roles: tuple[RoleEntry, ...] = ()
    paragraphs: tuple[ParagraphEntry, ...] = ()
    checked: frozenset[str] | None = None  # document paths reported on; None means all
    _by_url: Mapping[tuple[str, str], Page] = field(default_factory=dict, repr=False)
    _by_file: Mapping[str, Page] = field(default_factory=dict, repr=False)
    _sections: frozenset[tuple[str, str]] = field(default=frozenset(), repr=False)
    # Derived results several checks share (resolved links), computed once per run.
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        site_for: Callable[[str], Site | None] | None = None,
        checked: Iterable[str] | None = None,
    ) -> HandbookIndex:
        """Index `documents`; `site_for(path)` gives a page's site (None: no URLs known)."""
        ordered = tuple(sorted(documents, key=lambda d: d.path))
        pages = {d.path: _page(d, site_for(d.path) if site_for else None) for d in ordered}
        by_url = {
            (str(p.site.root), p.url): p for p in pages.values() if p.site and p.url is not None
        }
        by_file = {os.path.realpath(p.document.path): p for p in pages.values()}
        sections = frozenset((root, _section(url)) for root, url in by_url)
        roles = tuple(
            RoleEntry(r.title, normalise_text(r.title), r.grade, r, d)
            for d in ordered
            for r in d.roles
        )
        paragraphs = tuple(
            ParagraphEntry(normalise_text(b.inline.text), b.inline, b, d)
            for d in ordered
            for b in d.blocks
            if b.kind == "paragraph" and b.inline is not None and b.inline.text
        )
        return cls(
            ordered,
            pages,
            roles,
            paragraphs,
            frozenset(checked) if checked is not None else None,
            by_url,
            by_file,
            sections,
        )

    def is_checked(self, document: Document) -> bool:
        return self.checked is None or document.path in self.checked

    def checked_documents(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if self.is_checked(d))

    def page(self, document: Document) -> Page:
        return self.pages[document.path]

    def page_at(self, site: Site, url: str) -> Page | None:
        return self._by_url.get((str(site.root), url))

    def page_file(self, path: Path) -> Page | None:
        return self._by_file.get(str(path))

    def site_urls(self, site: Site) -> list[str]:
        root = str(site.root)
        return [url for r, url in self._by_url if r == root]

    def has_section(self, site: Site, url: str) -> bool:
        """Whether any indexed page of `site` lies in the top-level part of the site of `url`."""
        return (str(site.root), _section(url)) in self._sections

    def partial(self, name: str) -> Page | None:
        """The indexed ERB partial `partial("job-families/sales/performance")` renders, if any."""
        wanted = "/" + name.strip("/")
        for path, page in self._by_file.items():
            folder, _, file_name = path.rpartition("/")
            if file_name.startswith("_") and not file_name.startswith("_index."):
                stem = file_name[1:].split(".", 1)[0]
                if f"{folder}/{stem}".endswith(wanted):
                    return page
        return None

    def roles_titled(self, title: str) -> tuple[RoleEntry, ...]:
        key = normalise_text(title)
        return tuple(entry for entry in self.roles if entry.key == key)


def normalise_text(text: str) -> str:
    """Compare text as readers do: Unicode-normalised, straight quotes, one space, any case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def slug_style(site: Site | None, path: str) -> str:
    """The anchor style of a page: configured, or guessed from the file (Middleman or Hugo)."""
    style = site.config.slugs if site else "auto"
    if style != "auto":
        return style
    name = Path(path).name.lower()
    if ".html." in name:
        return "kramdown"  # Middleman: index.html.md, index.html.md.erb
    return "goldmark" if "content" in Path(path).parts else "kramdown"


def _section(url: str) -> str:
    """The top-level part of the site a URL is in: "/handbook/" for "/handbook/x/y/"."""
    first = url.strip("/").split("/", 1)[0]
    return f"/{first}/" if first else "/"


def _page(document: Document, site: Site | None) -> Page:
    style = slug_style(site, document.path)
    heading_ids = unique_slugs(style, ((h.inline.raw, h.text, h.anchor) for h in document.headings))
    html_ids = (m.group(1) for m in _HTML_ID.finditer(document.source))
    anchors = frozenset((*heading_ids, *document.anchors, *html_ids))
    url = site.url_of(document.path) if site else None
    return Page(document, site, url, tuple(heading_ids), anchors)
