"""Every link of a page, resolved against the handbook index: a page, an anchor, or nothing.

The link checks (JD401, JD402) report what this module classifies, and `--statistics` counts
the links it could not judge because their target lies in a part of the site that is not in
the checked tree (only `job-families/` checked, the link goes to `/handbook/...`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from jdlint.document.marks import OPAQUE
from jdlint.handbook.digest import PageDigest
from jdlint.handbook.index import HandbookIndex, IndexedPage
from jdlint.handbook.site import SiteTarget, is_asset, normalise_url
from jdlint.model import Link, Span

# Hugo `{{< ref "path#anchor" >}}`, `{{% relref path %}}`, `{{< ref . "path" >}}`.
_REF = re.compile(
    r"""^\{\{[<%]-?\s*(?:rel)?ref\s+(?:\.\s+)?(?:"([^"]*)"|'([^']*)'|([^\s%>]+))\s*-?[%>]\}\}$"""
)
_MD_EXTENSION = re.compile(r"(?:/_?index)?\.md$")

#: Status of a resolved link.
OK, BROKEN, BROKEN_ANCHOR = "ok", "broken", "broken-anchor"
OUTSIDE, EXTERNAL, UNCHECKED = "outside", "external", "unchecked"


@dataclass(frozen=True)
class Resolved:
    """One link and what it points at. `written` is the destination as the author wrote it."""

    link: Link
    written: str
    status: str
    page: IndexedPage | None = None  # the target page, when it is indexed
    fragment: str | None = None
    reason: str = ""  # for BROKEN: why no page serves the target

    @property
    def span(self) -> Span:
        return self.link.span


def resolve_links(index: HandbookIndex, digest: PageDigest) -> tuple[Resolved, ...]:
    """Every link of the page, in page order, resolved (once per index)."""
    key = ("resolved-links", digest.path)
    cached = index.memo.get(key)
    if not isinstance(cached, tuple):
        page = index.page(digest)
        cached = tuple(resolve(index, page, link) for link in digest.links)
        index.memo[key] = cached
    return cached


def resolve(index: HandbookIndex, page: IndexedPage, link: Link) -> Resolved:
    target = link.target
    if OPAQUE in unquote(target):
        return _template_target(index, page, link)
    if page.site is None:
        if target.startswith("#"):
            return _anchor(index, link, target, page, _fragment(target))
        return Resolved(link, target, UNCHECKED)
    parsed = page.site.parse(target, page.url, page.digest.path)
    return _site_target(index, page, link, target, parsed)


def _site_target(
    index: HandbookIndex, page: IndexedPage, link: Link, written: str, parsed: SiteTarget
) -> Resolved:
    site = page.site
    assert site is not None
    if parsed.kind == "external":
        return _same_path(index, page, link, written)
    if parsed.kind == "fragment":
        return _anchor(index, link, written, page, parsed.fragment)
    if parsed.kind == "outside":
        return _missing(link, written, site.complete, "it climbs above the handbook root")
    if parsed.kind == "file":
        assert parsed.file is not None
        found = index.page_file(parsed.file)
        if found is not None:
            return _anchor(index, link, written, found, parsed.fragment)
        if site.is_file(parsed.file):
            return Resolved(link, written, OK)
        return _missing(link, written, site.complete, "no such file")
    url = parsed.url or "/"
    found = index.page_at(site, url)
    if found is not None:
        return _anchor(index, link, written, found, parsed.fragment)
    if site.serves(url):
        return Resolved(link, written, OK)  # a page or file jdlint does not parse (haml, pdf)
    if index.has_section(site, url) or (not is_asset(url) and site.has_section(url)):
        return _missing(link, written, site.complete, f"no page is served at {url}")
    return Resolved(link, written, OUTSIDE)


def _same_path(index: HandbookIndex, page: IndexedPage, link: Link, written: str) -> Resolved:
    """An absolute URL on a host not in `site.base-urls` is external, unless its path is a page
    of this handbook (the page's own URL on the public site, typically): then its anchor is
    checked like any other. Whether a missing page is missing is never guessed."""
    parts = urlsplit(written)
    if parts.scheme not in ("http", "https") or parts.path.strip("/") == "" or page.site is None:
        return Resolved(link, written, EXTERNAL)
    found = index.page_at(page.site, normalise_url(unquote(parts.path)))
    if found is None:
        return Resolved(link, written, EXTERNAL)
    return _anchor(index, link, written, found, unquote(parts.fragment) or None)


def _missing(link: Link, written: str, complete: bool, reason: str) -> Resolved:
    """Broken in a complete handbook; in a partial copy the page may exist on the real site."""
    return Resolved(link, written, BROKEN if complete else OUTSIDE, reason=reason)


def _anchor(
    index: HandbookIndex, link: Link, written: str, target: IndexedPage, fragment: str | None
) -> Resolved:
    if fragment is None or fragment == "top" or fragment in anchors_of(index, target):
        return Resolved(link, written, OK, target, fragment)
    return Resolved(link, written, BROKEN_ANCHOR, target, fragment)


def anchors_of(index: HandbookIndex, page: IndexedPage) -> frozenset[str]:
    """A page's anchors, with those of the ERB partials it renders when they are indexed."""
    anchors = page.anchors
    for partial in _partials(index, page):
        anchors = anchors | partial.anchors
    return anchors


def _partials(index: HandbookIndex, page: IndexedPage) -> list[IndexedPage]:
    """The indexed ERB partials a page renders (their anchors are the page's too)."""
    found = (
        index.partial(t.partial) for t in page.digest.templates if t.partial and t.kind == "erb"
    )
    return [partial for partial in found if partial is not None]


def reads_anchors_on(
    index: HandbookIndex,
    digest: PageDigest,
    paths: Collection[str],
    memo: dict[tuple[int, str], bool] | None = None,
) -> bool:
    """Whether a link of the page is judged by the anchors of one of the pages `paths` (its
    target's, or those of a partial the target renders). Only a link with a fragment is
    (`_anchor`); which page a link reaches follows from the pages' paths, the site and the
    file system, never from what another page holds. `memo`: the answers for site paths
    (`/x/y/#z`), which reach the same page from every page of a site."""
    memo = {} if memo is None else memo
    page = None
    for link in digest.links:
        target = unquote(link.target)
        if "#" not in target and OPAQUE not in target:
            continue  # no fragment, and no template tag that could hold one
        page = page or index.page(digest)
        if page.site is None or OPAQUE in target or not target.startswith("/"):
            reads = _reads_anchors(index, resolve(index, page, link), paths)
        else:  # a site path: the same page from every page of the site
            key = (id(page.site), link.target)
            if key not in memo:
                memo[key] = _reads_anchors(index, resolve(index, page, link), paths)
            reads = memo[key]
        if reads:
            return True
    return False


def _reads_anchors(index: HandbookIndex, resolved: Resolved, paths: Collection[str]) -> bool:
    found = resolved.page
    if found is None or resolved.fragment is None or resolved.fragment == "top":
        return False
    return any(p.digest.path in paths for p in (found, *_partials(index, found)))


def _template_target(index: HandbookIndex, page: IndexedPage, link: Link) -> Resolved:
    """A destination written as a template tag: Hugo refs are resolved, the rest is opaque."""
    tag = next((t for t in page.digest.templates if _within(t.span, link.span)), None)
    match = _REF.match(tag.text.strip()) if tag is not None else None
    if match is None or page.site is None:
        return Resolved(link, tag.text if tag else link.target, UNCHECKED)
    written = next(g for g in match.groups() if g is not None)
    path, _, fragment_text = written.partition("#")
    fragment = unquote(fragment_text) if fragment_text else None
    if not path:
        return _anchor(index, link, written, page, fragment)
    named = _named(index, page, path)
    for url in [*_ref_urls(page, path), *([named] if named else [])]:
        found = index.page_at(page.site, url)
        if found is not None:
            return _anchor(index, link, written, found, fragment)
    if path.startswith("/") and index.has_section(page.site, normalise_url(path)):
        return _missing(link, written, page.site.complete, "Hugo finds no page for this ref")
    return Resolved(link, written, OUTSIDE)


def _ref_urls(page: IndexedPage, path: str) -> list[str]:
    """Where Hugo looks for a ref: from the content root, or from the page's own folder and
    then from the root; a bare name may also match any page of that name (checked last)."""
    logical = _MD_EXTENSION.sub("", path)
    if logical.startswith("/"):
        return [normalise_url(logical)]
    out = []
    if page.url is not None:
        name = page.digest.path.replace("\\", "/").rsplit("/", 1)[-1]
        folder = (
            page.url
            if name.startswith(("index.", "_index."))
            else posixpath.dirname(page.url.rstrip("/"))
        )
        out.append(normalise_url(posixpath.join(folder, logical)))
    out.append(normalise_url("/" + logical))
    return out


def _named(index: HandbookIndex, page: IndexedPage, path: str) -> str | None:
    """Hugo's last resort for a bare ref ("compensation-calculator"): the one page so named."""
    name = _MD_EXTENSION.sub("", path).strip("/")
    if "/" in name or page.site is None:
        return None
    urls = [u for u in index.site_urls(page.site) if u.rstrip("/").rsplit("/", 1)[-1] == name]
    return urls[0] if len(urls) == 1 else None


def _within(inner: Span, outer: Span) -> bool:
    return (inner.line, inner.col) >= (outer.line, outer.col) and (
        inner.end_line,
        inner.end_col,
    ) <= (outer.end_line, outer.end_col)


def _fragment(target: str) -> str | None:
    return unquote(target[1:]) if len(target) > 1 else None


def outside_counts(index: HandbookIndex) -> dict[str, int]:
    """Per checked page, its links left unjudged: their target is outside the checked tree
    (pages with none are left out). Counted per page, so that a run that checks some of the
    pages counts theirs (`jdlint.engine.handbook_reuse`)."""
    counts: dict[str, int] = {}
    for digest in index.checked_digests():
        count = sum(1 for resolved in resolve_links(index, digest) if resolved.status == OUTSIDE)
        if count:
            counts[digest.path] = count
    return counts
