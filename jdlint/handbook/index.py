"""The handbook index: what handbook-scope checks see of all the pages checked together.

Built from page digests only (`jdlint.handbook.digest`, never trees, never by re-reading files):
each page's URL and heading anchors, looked up by URL and by file. A run on one file also
indexes the rest of its handbook ("context" pages) so that cross-page checks give the same
answer as a full run; findings are reported only for the pages being checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import cast

from jdlint.config.settings import Settings
from jdlint.fs import path_text
from jdlint.fs.real_paths import RealPaths
from jdlint.handbook.digest import PageDigest
from jdlint.handbook.roots import PageRoots, Root
from jdlint.handbook.site import Site
from jdlint.handbook.slugs import unique_slugs


@dataclass(frozen=True)
class IndexedPage:
    """One indexed page: its digest, where the site serves it and the anchors it has (worked
    out when a link's fragment is first looked up on it: most pages are no link's target)."""

    digest: PageDigest
    site: Site | None
    url: str | None  # "/job-families/sales/account-executive/"; None for partials

    @cached_property
    def heading_ids(self) -> tuple[str, ...]:
        """The id of each of the digest's headings, in order."""
        return tuple(unique_slugs(slug_style(self.site, self.digest.path), self.digest.headings))

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Heading ids, `{#id}` attributes and HTML id= / name= anchors."""
        return frozenset((*self.heading_ids, *self.digest.anchors))


@dataclass(frozen=True)
class _Lookups:
    """The indexed pages by path, by URL and by file, worked out when a check first asks: the
    link checks do, most other checks never do (a group of them run again after an edit then
    looks up no page's site). Shared by every index of the same pages (`replace` keeps it)."""

    digests: tuple[PageDigest, ...]
    site_for: Callable[[str], Site | None] | None
    real: RealPaths

    @cached_property
    def pages(self) -> dict[str, IndexedPage]:
        site_for = self.site_for
        return {d.path: _page(d, site_for(d.path) if site_for else None) for d in self.digests}

    @cached_property
    def by_url(self) -> dict[tuple[str, str], IndexedPage]:
        return {
            (str(p.site.root), p.url): p
            for p in self.pages.values()
            if p.site and p.url is not None
        }

    @cached_property
    def by_file(self) -> dict[str, IndexedPage]:
        real = self.real
        return {real(p.digest.path): p for p in self.pages.values()}

    @cached_property
    def sections(self) -> frozenset[tuple[str, str]]:
        return frozenset((root, _section(url)) for root, url in self.by_url)


@dataclass(frozen=True)
class HandbookIndex:
    """All pages of a run (as digests, by path), and which of them findings are reported for."""

    digests: tuple[PageDigest, ...]
    _lookups: _Lookups = field(compare=False, repr=False)
    checked: frozenset[str] | None = None  # page paths reported on; None means all
    # Derived results several checks share (resolved links), computed once per run.
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)
    # Each page's handbook root, from the lookups the sites made (`roots.PageRoots`).
    roots: Callable[[str], Root | None] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        digests: Iterable[PageDigest],
        site_for: Callable[[str], Site | None] | None = None,
        checked: Iterable[str] | None = None,
        real: RealPaths | None = None,
        roots: Callable[[str], Root | None] | None = None,
    ) -> HandbookIndex:
        """Index `digests`; `site_for(path)` gives a page's site (None: no URLs known), asked
        when a check first looks a page up. `real`: the run's resolved paths, if it indexes
        the same pages more than once; `roots`: the pages' handbook roots, with the sites'
        lookups (else `handbook_root` page by page)."""
        ordered = tuple(sorted(digests, key=lambda d: d.path))
        return cls(
            ordered,
            _Lookups(ordered, site_for, real or RealPaths()),
            frozenset(checked) if checked is not None else None,
            roots=roots,
        )

    @property
    def pages(self) -> Mapping[str, IndexedPage]:
        """Every indexed page, by page path."""
        return self._lookups.pages

    def handbook_of(self, path: str, settings: Settings) -> str:
        """The handbook root of a page as text ("" without a sign of one): checks that compare
        pages compare them within one handbook."""
        roots = self.roots
        if roots is None:  # an index built without sites: looked up here, once per folder
            roots = cast(PageRoots, self.memo.setdefault(PageRoots, PageRoots(settings)))
        root = roots(path)
        return str(root.path) if root else ""

    def every_page_checked(self) -> HandbookIndex:
        """The index with every page checked (a fresh memo: what the checks derive in it, such
        as resolved links, is of the checked pages)."""
        return replace(self, checked=None, memo={})

    def is_checked(self, digest: PageDigest) -> bool:
        return self.checked is None or digest.path in self.checked

    def checked_digests(self) -> tuple[PageDigest, ...]:
        return tuple(d for d in self.digests if self.is_checked(d))

    def page(self, digest: PageDigest) -> IndexedPage:
        return self.pages[digest.path]

    def page_at(self, site: Site, url: str) -> IndexedPage | None:
        return self._lookups.by_url.get((str(site.root), url))

    def page_file(self, path: Path) -> IndexedPage | None:
        return self._lookups.by_file.get(str(path))

    def site_urls(self, site: Site) -> list[str]:
        root = str(site.root)
        return [url for r, url in self._lookups.by_url if r == root]

    def has_section(self, site: Site, url: str) -> bool:
        """Whether any indexed page of `site` lies in the top-level part of the site of `url`."""
        return (str(site.root), _section(url)) in self._lookups.sections

    def partial(self, name: str) -> IndexedPage | None:
        """The indexed ERB partial `partial("job-families/sales/performance")` renders, if any."""
        wanted = "/" + name.strip("/")
        for path, page in self._lookups.by_file.items():
            folder, _, file_name = path.rpartition("/")
            if file_name.startswith("_") and not file_name.startswith("_index."):
                stem = file_name[1:].split(".", 1)[0]
                if f"{folder}/{stem}".endswith(wanted):
                    return page
        return None


def slug_style(site: Site | None, path: str) -> str:
    """The anchor style of a page: configured, or guessed from the file (Middleman or Hugo)."""
    style = site.config.slugs if site else "auto"
    if style != "auto":
        return style
    if ".html." in path_text.name(path).lower():
        return "kramdown"  # Middleman: index.html.md, index.html.md.erb
    return "goldmark" if "content" in path_text.parts(path) else "kramdown"


def _section(url: str) -> str:
    """The top-level part of the site a URL is in: "/handbook/" for "/handbook/x/y/"."""
    first = url.strip("/").split("/", 1)[0]
    return f"/{first}/" if first else "/"


def _page(digest: PageDigest, site: Site | None) -> IndexedPage:
    return IndexedPage(digest, site, site.url_of(digest.path) if site else None)
