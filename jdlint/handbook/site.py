"""Where pages live on the site: page URLs, and link targets as site paths.

A handbook is a directory tree rendered by a site generator. Middleman serves
`sites/handbook/source/handbook/x/y/index.html.md` (or `.../y.html.md`) at `/handbook/x/y/`,
a flat copy serves `job-families/sales/x/index.html.md` at `/job-families/sales/x/`, and Hugo
serves `content/a/b/c.md`, `content/a/b/c/index.md` and `content/a/b/c/_index.md` at `/a/b/c/`.
The `site` config key says which directories are served at which URL prefix; the defaults
cover all three layouts (`site_config`); where the handbook starts is `roots`. Nothing here
reads a page: files are only looked up by name.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jdlint.fs.real_paths import RealPaths
from jdlint.handbook.file_facts import FileFacts
from jdlint.handbook.site_config import SiteConfig

#: Generator source names that are served as the directory's own page.
_INDEX_STEMS = ("index", "_index")
_INDEX_PREFIXES = ("index.", "_index.")
_PAGE_EXTENSIONS = (
    ".html.md.erb",
    ".html.md",
    ".md.erb",
    ".md",
    ".markdown",
    ".html.erb",
    ".html.haml",
    ".html",
)
_SOURCE_EXTENSIONS = (".md", ".md.erb", ".markdown")

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class SiteTarget:
    """A link target as the site sees it.

    `kind` is "page" (a site path, `url`), "file" (a source file named by its path, `file`),
    "fragment" (this page), "external" (another site, mail, phone...) or "outside" (a relative
    path that climbs above the handbook root).
    """

    kind: str
    url: str | None = None
    file: Path | None = None
    fragment: str | None = None


@dataclass(frozen=True)
class Site:
    """One handbook: its root directory and how its files map to URLs.

    `complete` says the tree under the root is the whole site, so a page missing from it is
    missing from the site. A partial copy (a folder of pages with no `.git` or config above
    it) is not: a link to a page it lacks may well work on the real site.
    """

    root: Path
    config: SiteConfig = field(default_factory=SiteConfig)
    complete: bool = True
    # Every name looked up on disk, recorded for the cache (see `jdlint.handbook.file_facts`).
    facts: FileFacts = field(default_factory=FileFacts, compare=False, repr=False)
    _served: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _parts: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    # Resolves page paths: `Sites` gives every site the run's one, so a page is resolved once.
    real: RealPaths = field(default_factory=RealPaths, compare=False, repr=False)
    _urls: dict[str | Path, str | None] = field(default_factory=dict, compare=False, repr=False)
    # Site paths (`/x/y/#z`) as `parse` read them: the same from every page, and written on many.
    _site_paths: dict[str, SiteTarget] = field(default_factory=dict, compare=False, repr=False)

    def url_of(self, path: str | Path) -> str | None:
        """The URL path a page file is served at, or None (partials, files outside the site)."""
        if path not in self._urls:
            self._urls[path] = self._url_of(path)
        return self._urls[path]

    def _url_of(self, path: str | Path) -> str | None:
        try:
            relative = Path(self.real(path)).relative_to(self.root).as_posix()
        except ValueError:
            return None
        for prefix, directory in self.config.mounts():
            if directory == ".":
                rest = relative
            elif relative.startswith(directory + "/"):
                rest = relative[len(directory) + 1 :]
            else:
                continue
            return _page_url(prefix, rest)
        return None

    def parse(self, target: str, page_url: str | None, page_file: str) -> SiteTarget:
        """Turn a link's destination into a site path (or say why it is not one). A site path
        (`/x/y/`, `/x/y.md`) is read without the page, so it is read once."""
        if not target.startswith("/"):
            return self._parse(target, page_url, page_file)
        found = self._site_paths.get(target)
        if found is None:
            found = self._site_paths[target] = self._parse(target, page_url, page_file)
        return found

    def _parse(self, target: str, page_url: str | None, page_file: str) -> SiteTarget:
        target = target.strip()
        if not target or target.startswith("#"):
            return SiteTarget("fragment", fragment=_fragment(target))
        internal = self._strip_base(target)
        if internal is None:
            return SiteTarget("external")
        parts = urlsplit(internal)
        path, fragment = (
            unquote(parts.path),
            _fragment("#" + parts.fragment) if parts.fragment else None,
        )
        if not path:
            return SiteTarget("fragment", fragment=fragment)
        if path.lower().endswith(_SOURCE_EXTENSIONS):
            return self._source_file(path, page_file, fragment)
        if not path.startswith("/"):
            if page_url is None:
                return self._source_file(path, page_file, fragment)
            path = posixpath.join(page_url, path)
        return SiteTarget("page", url=normalise_url(path), fragment=fragment)

    def _strip_base(self, target: str) -> str | None:
        """Site-relative text for internal links; None for links to other sites."""
        if target.startswith("//"):
            target = "https:" + target
        if not _SCHEME.match(target):
            return target
        lowered = target.lower()
        for base in self.config.base_urls:
            for variant in (base, base.replace("https://", "http://", 1)):
                if lowered == variant.lower():
                    return "/"
                if lowered.startswith(variant.lower()) and target[len(variant)] in "/#?":
                    return target[len(variant) :]
        return None

    def _source_file(self, path: str, page_file: str, fragment: str | None) -> SiteTarget:
        """A link written as a file path (`../other.md`), resolved from the linking file."""
        if path.startswith("/"):
            candidate = Path(os.path.normpath(self.root / path.lstrip("/")))
        else:
            candidate = Path(os.path.normpath(Path(self.real(page_file)).parent / path))
        if not _inside(candidate, self.root):
            return SiteTarget("outside", fragment=fragment)
        return SiteTarget("file", file=candidate, url=self.url_of(candidate), fragment=fragment)

    # -- files on disk (looked up by name, never read) -------------------------------------

    def serves(self, url: str) -> bool:
        """A file on disk that the generator would serve at `url` (any page or asset type)."""
        found = self._served.get(url)
        if found is None:
            found = self._served[url] = self._serves(url)  # many pages link the same URLs
        return found

    def _serves(self, url: str) -> bool:
        for base, rest in self._locations(url):
            target = os.path.join(base, rest) if rest else base
            if self.facts.holds_prefix(target, _INDEX_PREFIXES):
                return True  # x/index.html.haml, x/_index.md ...
            parent, name = os.path.split(target)
            if name and self.facts.holds_stem(parent, name):
                return True  # x.html.md, x.html, an asset named x.png
        return False

    def has_section(self, url: str) -> bool:
        """Whether the top-level part of the site holding `url` exists on disk."""
        first = url.strip("/").split("/", 1)[0]
        found = self._parts.get(first)
        if found is None:  # most links of a handbook go to a few parts of its site
            found = self._parts[first] = not first or any(
                self.facts.holds_name(base, first) for base, _ in self._locations("/")
            )
        return found

    def _locations(self, url: str) -> list[tuple[str, str]]:
        return [
            (base, url[len(prefix) :].strip("/"))
            for prefix, base in self._mounted
            if url.startswith(prefix) or url + "/" == prefix
        ]

    @cached_property
    def _mounted(self) -> tuple[tuple[str, str], ...]:
        """(URL prefix, directory on disk) for each mount: paths joined once, not per link."""
        return tuple(
            (prefix, str(self.root if directory == "." else self.root / directory))
            for prefix, directory in self.config.mounts()
        )

    def is_file(self, path: Path) -> bool:
        """Whether a link written as a file path names a file on disk."""
        return self.facts.is_file(str(path))


def normalise_url(path: str) -> str:
    """`/a/b`, `/a/b/`, `/a/b/index.html` and `/a/b.html` are all served as `/a/b/`; a last
    segment with an extension and no trailing slash is a file (`/images/x.png`)."""
    directory = path.endswith("/")
    path = posixpath.normpath("/" + path.lstrip("/")) if path else "/"
    if path.endswith(("/index.html", "/index.htm")):
        path = path.rsplit("/", 1)[0]
    elif path.endswith((".html", ".htm")):
        path = path.rsplit(".", 1)[0]
    elif not directory and "." in path.rsplit("/", 1)[-1]:
        return path
    return path.rstrip("/") + "/"


def is_asset(url: str) -> bool:
    return not url.endswith("/")


def _page_url(prefix: str, rest: str) -> str | None:
    directory, _, name = rest.rpartition("/")
    if name.startswith("_") and not name.startswith("_index."):
        return None  # a partial
    for extension in _PAGE_EXTENSIONS:
        if name.endswith(extension):
            stem = name[: -len(extension)]
            break
    else:
        return None
    parts = [p for p in directory.split("/") if p and p != "."]
    if stem not in _INDEX_STEMS:
        parts.append(stem)
    return normalise_url(prefix + "/".join(parts))


def _fragment(text: str) -> str | None:
    return unquote(text[1:]) if text.startswith("#") and len(text) > 1 else None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True
