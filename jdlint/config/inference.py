"""`jdlint init`: a commented `.jdlint.yaml` inferred from the handbook it is run in.

It reads every page once and writes down what it saw, so a user starts from their handbook
rather than from the GitLab template: the section headings in use and the kinds jdlint gives
them (and the ones it cannot place, as `sections` entries to fill in), the grade notations the
pages use, the site generator and its URL layout, and the private link hosts it found.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jdlint.document.build import build_document
from jdlint.document.section_names import default_vocabulary, normalise_heading
from jdlint.fs.decode import UnreadableFile, read_source
from jdlint.fs.discover import discover
from jdlint.model import Document, block_inlines

#: Hosts whose links readers outside the company cannot open.
_PRIVATE_HOST_SUFFIXES = (
    "docs.google.com",
    "drive.google.com",
    "sharepoint.com",
    "atlassian.net",
    "notion.so",
    "slack.com",
    "box.com",
    "dropbox.com",
)
_PRIVATE_HOST_WORDS = ("intranet", "internal", ".corp.", ".local", "wiki.", "confluence.")
MAX_PAGES = 20_000
MAX_LISTED = 40


@dataclass
class Survey:
    """What the pages of a handbook show."""

    pages: int = 0
    role_pages: int = 0
    known: Counter[tuple[str, str]] = field(default_factory=Counter)  # (section, heading) -> pages
    unknown: Counter[str] = field(default_factory=Counter)  # heading -> pages
    sections: Counter[str] = field(default_factory=Counter)  # section -> role pages having it
    notations: Counter[str] = field(default_factory=Counter)
    hosts: Counter[str] = field(default_factory=Counter)
    layouts: Counter[str] = field(default_factory=Counter)


def survey(root: Path) -> Survey:
    """Read the handbook's pages under `root` (at most MAX_PAGES) and count what they show."""
    result = Survey()
    vocab = default_vocabulary()
    for path in discover([str(root)], base=root)[:MAX_PAGES]:
        try:
            source = read_source(path, 10 * 1024 * 1024)
        except UnreadableFile:
            continue
        document = build_document(path, source.text, source.newline, vocabulary=vocab)
        result.pages += 1
        result.layouts[document.layout] += 1
        _count(document, result)
    return result


def _count(document: Document, result: Survey) -> None:
    vocab = default_vocabulary()
    seen_known: set[tuple[str, str]] = set()
    seen_unknown: set[str] = set()
    for heading in (*document.headings, *document.labels):
        if heading.span == document.title_span:
            continue
        found = vocab.classify(heading.text)
        if found is not None and not found.prefix:
            seen_known.add((found.name, heading.text.rstrip(": ")))
    # Unplaced headings: sections of a role or of the page (not role titles, not sub-headings)
    role_titles = {role.heading.span.line for role in document.roles if role.heading}
    unplaced = [s for role in document.roles for s in role.extra_sections]
    unplaced += [s for s in document.family_sections if not s.known]
    for section in unplaced:
        head = section.heading
        if head is None or head.level < 2 or head.span.line in role_titles:
            continue
        if vocab.classify(head.text) is None:
            seen_unknown.add(head.text.rstrip(": "))
    result.known.update(seen_known)
    result.unknown.update(seen_unknown)
    if document.roles:
        result.role_pages += 1
        names = {n for role in document.roles for n in (*role.sections, *role.inherited_sections)}
        names |= {s.name for s in document.family_sections if s.known}
        result.sections.update(names)
    notations = {s.notation for role in document.roles for s in role.statements}
    result.notations.update(notations)
    hosts: set[str] = set()
    for block in document.blocks:
        for inline in block_inlines(block):
            for link in inline.links:
                host = (urlsplit(link.target).hostname or "").lower()
                if host and _private(host):
                    hosts.add(host)
    result.hosts.update(hosts)


def _private(host: str) -> bool:
    return host.endswith(_PRIVATE_HOST_SUFFIXES) or any(w in host for w in _PRIVATE_HOST_WORDS)


def site_layout(root: Path) -> tuple[str, dict[str, object]]:
    """The site generator the files show, and the `site` keys for its URL layout."""
    if (
        any((root / name).exists() for name in ("hugo.toml", "hugo.yaml", "config.toml"))
        or (root / "content").is_dir()
    ):
        return "Hugo", {"content": ["content"], "slugs": "goldmark"}
    if (root / "_config.yml").exists() or any(root.glob("_*/*.md")):
        return "Jekyll (kramdown)", {"content": ["."], "slugs": "kramdown"}
    if (root / "config.rb").exists() or (root / "source").is_dir():
        return "Middleman (kramdown)", {"content": ["source"], "slugs": "kramdown"}
    if (root / "sites" / "handbook" / "source").is_dir():
        return "GitLab handbook (Middleman)", {}
    return "unknown (plain Markdown files)", {}


_BASE_URL = re.compile(
    r"""^\s*(?:baseURL|baseurl|url)\s*[=:]\s*["']?(https?://[^"'\s]+)""", re.MULTILINE
)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne"})
_SHARED_HOSTING = frozenset(
    {"github.io", "gitlab.io", "netlify.app", "vercel.app", "pages.dev", "herokuapp.com"}
)
_SITE_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "_config.yml")


def company_name(root: Path) -> str | None:
    """The organisation's name from the site config's base URL ("https://handbook.acme.com/"
    -> "acme"): its internal hosts on any domain (`internal-handbook.acme.io`) are private.
    None when no site config states a base URL with a registrable domain."""
    for name in _SITE_CONFIGS:
        if not (root / name).is_file():
            continue
        try:
            text = read_source(str(root / name), 1024 * 1024).text
        except UnreadableFile:
            continue
        match = _BASE_URL.search(text)
        labels = (urlsplit(match.group(1)).hostname or "").lower().split(".") if match else []
        if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
            labels = labels[:-1]  # handbook.acme.co.uk
        if len(labels) < 2 or ".".join(labels[-2:]) in _SHARED_HOSTING:
            return None  # acme.github.io: the host is not the company's own domain
        if labels[-2].isascii() and labels[-2].replace("-", "").isalnum():
            return labels[-2]
    return None


def render(root: Path, found: Survey) -> str:
    """The commented `.jdlint.yaml` text for what `survey` found."""
    generator, site = site_layout(root)
    lines = [
        "# jdlint configuration, inferred by `jdlint init` from this handbook.",
        f"# {found.pages} pages read, {found.role_pages} with recognised roles; "
        + ", ".join(f"{n} {layout}" for layout, n in found.layouts.most_common()),
        "# Read it, trim it, and keep what you agree with. Keys: README.md, 'Configuration'.",
        "",
    ]
    lines += _required(found)
    lines += _sections(found)
    lines += _grades(found)
    lines += [f"# Site generator: {generator}."]
    if site:
        lines += ["site:"] + [f"  {key}: {json.dumps(value)}" for key, value in site.items()]
    lines.append("")
    company = company_name(root)
    if found.hosts or company:
        lines += ["# Private link hosts found in the pages (JD403 reports links to them):"]
        lines += ["private-hosts:"]
        if company:
            lines.append(
                f"  - company:{company}   # internal hosts of {company} (internal.{company}.com,"
                f" internal-handbook.{company}.io, ...), from the site's base URL"
            )
        for host, count in found.hosts.most_common(MAX_LISTED):
            lines.append(f"  - {host}   # on {count} page{'s' if count != 1 else ''}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _required(found: Survey) -> list[str]:
    if not found.role_pages:
        return ["# No page has a role jdlint recognises: map your headings under 'sections'.", ""]
    vocab = default_vocabulary()
    common = [n for n, c in found.sections.most_common() if c >= 0.9 * found.role_pages]
    kinds = vocab.by_name
    role = [n for n in common if n in kinds and not kinds[n].family]
    family = [n for n in common if n in kinds and kinds[n].family]
    lines = ["# Sections on at least 90% of the pages with roles (JD101 asks for them):"]
    if not role and not family:
        return [*lines, "# none", ""]
    if role:
        lines.append(f"required-sections: {json.dumps(role, ensure_ascii=False)}   # every role")
    if family:
        lines.append(f"family-sections: {json.dumps(family, ensure_ascii=False)}   # every family")
    return [*lines, ""]


def _sections(found: Survey) -> list[str]:
    lines = ["# Headings in use and what jdlint reads them as (pages using each):"]
    by_section: dict[str, list[tuple[str, int]]] = {}
    for (name, heading), count in found.known.most_common():
        by_section.setdefault(name, []).append((heading, count))
    for name, headings in sorted(by_section.items()):
        shown = ", ".join(f'"{h}" ({c})' for h, c in headings[:8])
        lines.append(f"#   {name}: {shown}")
    unknown = [(h, c) for h, c in found.unknown.most_common(MAX_LISTED) if c >= 2]
    if not unknown:
        return [*lines, ""]
    lines += [
        "# Headings jdlint cannot place, used on two pages or more. To map one, uncomment its",
        "# line and name the section it stands for (a new name defines a section of your own):",
        "# sections:",
    ]
    seen: set[str] = set()
    for heading, count in unknown:
        if normalise_heading(heading) in seen:
            continue
        seen.add(normalise_heading(heading))
        alias = json.dumps(heading, ensure_ascii=False)
        lines.append(f"#   SECTION: {{aliases: [{alias}]}}   # on {count} pages")
    return [*lines, ""]


def _grades(found: Survey) -> list[str]:
    if not found.notations:
        return ["# No grade statements found.", ""]
    used = [name for name, _ in found.notations.most_common()]
    counts = ", ".join(f"{name} on {n} pages" for name, n in found.notations.most_common())
    return [
        f"# Grade notations in use ({counts}); rules/grades.yml lists the presets:",
        "grades:",
        f"  notations: {json.dumps(used)}",
        "",
    ]
