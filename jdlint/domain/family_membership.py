"""Which job family a page belongs to, and what the family is called.

A Middleman family is one page (`sales/account-executive/index.html.md`). A Hugo family is
either one page (`security/red-team.md`, `.../name/index.md`) or a folder whose `_index.md`
holds the shared text and whose other pages are its levels (`backend/senior.md`); those pages
are one family, named by the `_index.md` title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from jdlint.fs import path_text

INDEX_PAGES = ("_index.md", "_index.markdown")  # a Hugo family's shared page
_PAGE_SUFFIXES = (".html.md.erb", ".html.md", ".md.erb", ".md", ".markdown", ".erb")


class Titled(Protocol):
    """A page as families see it: its path and title (a tree or a handbook page digest)."""

    @property
    def path(self) -> str: ...
    @property
    def title(self) -> str | None: ...


@dataclass(frozen=True)
class Family:
    path: str  # the family's folder or its page without the suffix
    name: str


def family_path(path: str, index_dirs: frozenset[str]) -> str:
    """The folder of a page bundle or `_index.md` family; else the page without its suffix."""
    parent = path_text.parent(path)
    name = path_text.name(path)
    if name in INDEX_PAGES or parent in index_dirs or name.startswith("index."):
        return parent
    for suffix in _PAGE_SUFFIXES:
        if name.endswith(suffix):
            return path_text.joined(parent, name[: -len(suffix)])
    return path_text.normal(path)


#: `records-analyst-gs-12`, `engineer-l5`, `analyst-grade-7`: one page per grade of a position
#: (Jekyll collections such as `_positions/`); pages of one folder sharing the stem are a family.
_GRADE_SUFFIX = re.compile(
    r"^(?P<stem>.+?)[-_](?:gs[-_]?(?:\d{4}[-_])?\d{1,2}|grade[-_]?\d{1,2}|level[-_]?\d{1,2}|"
    r"l\d{1,2}|ic\d{1,2}|m\d|p\d)$",
    re.IGNORECASE,
)


def graded_families(paths: Iterable[str]) -> dict[str, str]:
    """Page path -> family path for pages split by grade (at least two pages per stem)."""
    stems: dict[str, list[str]] = {}
    for path in paths:
        key = family_path(path, frozenset())
        match = _GRADE_SUFFIX.match(path_text.name(key))
        if match is not None:
            stem = path_text.joined(path_text.parent(key), match.group("stem"))
            stems.setdefault(stem, []).append(path)
    return {p: stem for stem, pages in stems.items() if len(pages) >= 2 for p in pages}


def assign_families(documents: Iterable[Titled], paths: Iterable[str] = ()) -> dict[str, Family]:
    """Every page path (parsed or not) -> its family, named by the family's index page."""
    documents = list(documents)
    all_paths = {d.path for d in documents} | set(paths)
    index_dirs = frozenset(
        path_text.parent(p) for p in all_paths if path_text.name(p) in INDEX_PAGES
    )
    titles = {d.path: d.title for d in documents}
    index_titles = {
        path_text.parent(d.path): d.title
        for d in documents
        if path_text.name(d.path) in INDEX_PAGES and d.title
    }
    out: dict[str, Family] = {}
    graded = graded_families(all_paths)
    for path in sorted(all_paths):
        key = graded.get(path) or family_path(path, index_dirs)
        name = index_titles.get(key) or titles.get(path) or _humanise(path_text.name(key))
        out[path] = Family(key, name)
    return out


def _humanise(slug: str) -> str:
    """A name for a page without a title: "people-partner" -> "People Partner"."""
    return " ".join(word.capitalize() for word in slug.replace("_", "-").split("-") if word)
