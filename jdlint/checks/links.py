"""Links: handbook links that reach no page, anchors that match no heading, private hosts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit

from jdlint.config.settings import Settings
from jdlint.document.inline import code_spans
from jdlint.findings import Finding, Severity
from jdlint.handbook.digest import PageDigest, only
from jdlint.handbook.index import HandbookIndex
from jdlint.handbook.link_targets import BROKEN, BROKEN_ANCHOR, reads_anchors_on, resolve_links
from jdlint.model import Inline
from jdlint.rules import Context, RuleMeta, rule

BROKEN_LINK = RuleMeta(
    code="JD401",
    name="broken-link",
    summary="Handbook links and file paths resolve to a page.",
    severity=Severity.WARNING,
    scope="handbook",
    explanation="""\
A link into the handbook (`/job-families/sales/x/`, `../other-family/`, a Hugo
`{{< ref "..." >}}`, or an absolute URL on one of the `site.base-urls`) must reach a page of the
handbook. jdlint maps the URL to the files the site generator would serve it from:
Middleman `x/index.html.md[.erb]` or `x.html.md`, Hugo `x/_index.md`, `x/index.md` or `x.md`.
`/a/b`, `/a/b/`, `/a/b/index.html` and `/a/b.html` are the same page.

```markdown
See the [Widget Engineer](/job-families/engineering/widget-enginer/) role.   <- JD401 (typo)
```

Links into parts of the site that are not in the checked tree (only `job-families/` is
present and the link goes to `/handbook/...`) are not reported; `--statistics` counts them.
Nor are links to missing pages in a *partial copy*: a folder of pages with no `.git`, config
file or `root` above it may lack pages the real site has (set `site.complete: true` if it does
not). Checking one file still uses the whole handbook around it. Configure the mapping with
`site.paths`, `site.content` and `site.base-urls`.
""",
)

BROKEN_ANCHOR_RULE = RuleMeta(
    code="JD402",
    name="broken-anchor",
    summary="A #fragment matches a heading or anchor of its target page.",
    severity=Severity.WARNING,
    scope="handbook",
    explanation="""\
`#fragment` links jump to a heading of the page. When the heading is renamed (a role retitled,
"Manager of Customer Success Managers" becoming "Manager, Customer Success") the link still
opens the page but lands at the top. Anchors are computed as the site generator makes them:
`site.slugs: kramdown` (Middleman, the default for `*.html.md` pages), `gitlab`, or
`goldmark` (Hugo, the default for pages under `content/`); a repeated heading gets `-1`,
`-2`, ...; `{#id}` attributes, HTML `id=` / `name=` anchors and the headings of indexed ERB
partials the page renders count too. An absolute URL on another host whose path is a page of
this handbook (a page's own address on the public site) has its anchor checked as well.

```markdown
## Manager, Widgets
...
Reports to the [Manager of Widgets](#manager-of-widgets).   <- JD402: the heading is #manager-widgets
```
""",
)

NON_PUBLIC_LINK = RuleMeta(
    code="JD403",
    name="non-public-link",
    summary="Public pages do not link to private hosts.",
    severity=Severity.WARNING,
    explanation="""\
A job description is read by candidates outside the company. A link to a private host
(Google Docs and Drive by default) opens a sign-in page for them, and may reveal internal
document titles. Move the content into the page or the public handbook. Configure the hosts
with `private-hosts` (a host matches its subdomains; `host/path` matches a path prefix):

```yaml
private-hosts: [docs.google.com, drive.google.com, wiki.example.com]
```

Internal hosts are private without configuration: a host whose first label is `internal` or
`intranet` (`internal.example.com`), and, when `site: {base-urls: [...]}` names the company's
domain, any host of the company named internal (`internal-handbook.example.io`).
""",
)


#: The digest fields JD401 and JD402 read (`jdlint.engine.digests.unread_fields`).
DIGEST_FIELDS = ("kind", "headings", "anchors", "templates", "links")


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD401 and JD402 read of a page (`jdlint.engine.handbook_reuse`): its links, the
    partials its templates render, and its anchors."""
    return only(digest, *DIGEST_FIELDS)


#: What they read of a checked page only: its links (a page that is only context is a target).
CHECKED_ONLY = ("links",)


def pages_affected(index: HandbookIndex, edited: Collection[str]) -> set[str]:
    """The checked pages whose JD401 and JD402 findings can change when the pages `edited`
    change their text (none added or deleted: `jdlint.engine.handbook_reuse` asks only
    then): those pages, and the pages with a link judged by their anchors. A commit that adds
    a heading to a page of 10,000 then resolves the links of a few pages, not of all."""
    edited = set(edited)
    memo: dict[tuple[int, str], bool] = {}  # site paths: one answer for every page
    return {
        digest.path
        for digest in index.checked_digests()
        if digest.path in edited or reads_anchors_on(index, digest, edited, memo)
    }


@rule(BROKEN_LINK, target=HandbookIndex)
def broken_link(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    for digest in index.checked_digests():
        for resolved in resolve_links(index, digest):
            if resolved.status != BROKEN:
                continue
            yield ctx.finding(
                resolved.span,
                f'link "{resolved.written}" resolves to no page: {resolved.reason}',
                subject=resolved.written,
                document=digest,
            )


@rule(BROKEN_ANCHOR_RULE, target=HandbookIndex)
def broken_anchor(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    for digest in index.checked_digests():
        for resolved in resolve_links(index, digest):
            if resolved.status != BROKEN_ANCHOR or resolved.page is None:
                continue
            target = resolved.page
            where = (
                "on this page"
                if target.digest is digest
                else f"in {target.url or target.digest.path}"
            )
            yield ctx.finding(
                resolved.span,
                f'anchor "#{resolved.fragment}" matches no heading {where}',
                subject=resolved.written,
                document=digest,
            )


_URL = re.compile(r"""\bhttps?://[^\s<>()\[\]"'`]+""")


@rule(NON_PUBLIC_LINK, target=Inline, node_only=True)
def non_public_link(inline: Inline, ctx: Context) -> Iterator[Finding]:
    if not inline.links and "://" not in inline.raw:
        return  # most runs: no link and no URL, nothing to look up
    hosts = (*ctx.settings.private_hosts, *company_private_hosts(ctx.settings.site))
    for link in inline.links:
        host = private_host(link.target, hosts)
        if host is not None:
            yield ctx.finding(link.span, _message(host), subject=link.target)
    # URLs written as plain text outside links and code spans.
    urls = list(_URL.finditer(inline.raw)) if "://" in inline.raw else []
    if not urls:
        return
    covered = sorted([*code_spans(inline.raw), *(m.span() for m in _LINKED.finditer(inline.raw))])
    starts = [a for a, _ in covered]
    reach = list(accumulate((b for _, b in covered), max))  # furthest end among spans so far
    for match in urls:
        start = match.start()
        before = bisect_right(starts, start)
        if before and reach[before - 1] > start:
            continue  # inside a code span or a link
        host = private_host(match.group(), hosts)
        if host is not None:
            yield ctx.finding(inline.span(*match.span()), _message(host), subject=match.group())


# Link destinations, autolinks and HTML attributes: URLs already counted as links (or in tags).
_LINKED = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|<[A-Za-z][^<>]*>|\]:\s*\S+")


def _message(host: str) -> str:
    return f'link to the private host "{host}": readers outside the company cannot open it'


_INTERNAL_LABEL = re.compile(r"^(?:internal|intranet)(?:-|$)")
_INTERNAL_WORDS = frozenset({"internal", "intranet", "private"})


def company_private_hosts(site: Mapping[str, Any]) -> tuple[str, ...]:
    """Company names ("company:gitlab") from the site's base URLs ("https://about.gitlab.com"):
    an internal host of the handbook's own organisation is private on any of its domains."""
    names = []
    for url in site.get("base-urls", ()) or ():
        labels = (urlsplit(str(url)).hostname or "").lower().split(".")
        if len(labels) >= 2:
            names.append(f"company:{labels[-2]}")
    return tuple(names)


def _internal(host: str, companies: Iterable[str]) -> bool:
    """`internal.example.com`, `intranet.example.org`: private whoever runs them; and for the
    handbook's own company any host named internal (`internal-handbook.<company>.io`)."""
    labels = host.split(".")
    if len(labels) < 3:
        return False
    if _INTERNAL_LABEL.match(labels[0]):
        return True
    words = set(labels[0].split("-"))
    return labels[-2] in companies and bool(words & _INTERNAL_WORDS)


def private_host(url: str, hosts: Iterable[str]) -> str | None:
    """The private host `url` is on, if any: a configured host (subdomains and path prefixes
    match), or an internal host (see `_internal`; `company:NAME` entries name the company)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host, path = parts.hostname.lower(), parts.path or "/"
    entries = [entry for entry in hosts if not entry.startswith("company:")]
    companies = {entry.partition(":")[2] for entry in hosts if entry.startswith("company:")}
    if _internal(host, companies):
        return host
    for entry in entries:
        entry_host, _, entry_path = entry.lower().strip().partition("/")
        if host != entry_host and not host.endswith("." + entry_host):
            continue
        if entry_path and not path.lstrip("/").startswith(entry_path.strip("/")):
            continue
        return entry
    return None


RULES = (broken_link, broken_anchor, non_public_link)
