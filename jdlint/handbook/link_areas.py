"""Whether two link addresses point into the same part of the site, read from their text alone.

Copies of a boilerplate paragraph keep their links when the handbook moves a page within one
section; comparing addresses by their folders and fragments tells a moved link from a link that
now points somewhere else. Nothing here looks a page up: this is about the text of addresses.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from jdlint.document.marks import OPAQUE

_TEMPLATED = re.compile(
    "|".join((r"\{\{|\{%|<%|%7B%7B|%7B%25|%3C%25", re.escape(OPAQUE), re.escape(quote(OPAQUE)))),
    re.IGNORECASE,
)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/]+", re.IGNORECASE)


def same_area(first: str, second: str) -> bool:
    """Two addresses in the same part of the site: a folder name in common below the root
    ("/handbook/hiring/#screening-call" and "/handbook/hiring/interviewing/"), or the same
    fragment. A copy whose link moved within a section of the handbook was updated, not broken;
    "/handbook/finance/travel/" -> "/handbook/hiring/" is a link pointing somewhere else."""
    if any(_TEMPLATED.search(t) for t in (first, second)):
        return True  # a Hugo `ref` or ERB helper computes the address: nothing to compare
    (_, first_fragment), (_, second_fragment) = page_and_fragment(first), page_and_fragment(second)
    if first_fragment and first_fragment == second_fragment:
        return True
    return bool(_folders(first) & _folders(second))


def _folders(target: str) -> set[str]:
    path = _HOST.sub("", target).partition("#")[0].split("?")[0]
    return {part.casefold() for part in path.split("/") if part} - _ROOTS


_ROOTS = frozenset({"handbook", "job-families", "en", "docs"})


def page_and_fragment(target: str) -> tuple[str, str]:
    """The last path segment (folded) and the fragment of a link address; empty for an address
    a template computes."""
    if _TEMPLATED.search(target):
        return ("", "")  # a Hugo `ref` or ERB helper computes the address: nothing to compare
    path, _, fragment = _HOST.sub("", target).partition("#")
    page = path.split("?")[0].rstrip("/").casefold().rsplit("/", 1)[-1]
    return page, fragment.casefold()
