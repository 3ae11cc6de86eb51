"""A family split across files (Hugo): its `_index.md` states the grades of its level pages.

`backend/_index.md` holds a title/grade table or "The Senior Backend Engineer is a grade 7",
and `backend/senior.md` describes that level (its title in front matter) with specialties
under it ("Distribution:Build"). One join, used by the grade checks (JD201, JD203 across the
family's pages), by `export` and by `report`: the grade of a level page's role is its own
statement, else the index's grade for its title, else, for a role that names no other level
(a specialty, the bare "Senior"), the index's grade for the level page's title.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from jdlint.domain.family_facts import GradeClaim, overlap
from jdlint.domain.family_membership import INDEX_PAGES
from jdlint.domain.job_titles import TitleSettings, key, level_words, words
from jdlint.fs import path_text


class GradedPage(Protocol):
    """A page as the join sees it: a tree's `grade_claims` or a digest's `claims`."""

    @property
    def path(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def claims(self) -> tuple[GradeClaim, ...]: ...


@dataclass(frozen=True, slots=True)
class ClaimedPage:
    """A parsed page with its grade claims (what its digest would hold)."""

    path: str
    title: str | None
    claims: tuple[GradeClaim, ...]


P = TypeVar("P", bound=GradedPage)


@dataclass(frozen=True, slots=True)
class SplitFamily(Generic[P]):
    index: P  # the `_index.md`
    levels: tuple[P, ...]  # the other pages of its folder, each a level of the family


def split_families(pages: Iterable[P]) -> list[SplitFamily[P]]:
    """Every folder with an `_index.md` and at least one other page (its levels)."""
    by_folder: dict[str, list[P]] = defaultdict(list)
    for page in pages:
        # checked pages keep the path as given, context pages come absolute: one folder key
        by_folder[os.path.dirname(os.path.abspath(page.path))].append(page)
    out = []
    for folder in sorted(by_folder):
        members = by_folder[folder]
        index = next((p for p in members if path_text.name(p.path) in INDEX_PAGES), None)
        levels = tuple(p for p in members if p is not index)
        if index is not None and levels:
            out.append(SplitFamily(index, levels))
    return out


def index_claim(
    family: SplitFamily[P], title: str, notation: str | None, settings: TitleSettings
) -> GradeClaim | None:
    """The index's grade for `title` (in `notation`, or any): its table or front matter before
    its statements."""
    wanted = key(title, settings)
    found = [
        c
        for c in family.index.claims
        if c.values and key(c.title, settings) == wanted and notation in (None, c.notation)
    ]
    found.sort(key=lambda c: c.source == "statement")
    return found[0] if found else None


def joined_grade(
    family: SplitFamily[P], page: P, role_title: str, settings: TitleSettings
) -> GradeClaim | None:
    """The grade of a role of one of the family's level pages that states none of its own: the
    index's for its title; else, when the role names no level the page title does not
    ("Distribution:Build", "Senior" on senior.md), the level's: the grade the level page states
    for its own title (a Job Grade section above its specialties), else the index's."""
    direct = index_claim(family, role_title, None, settings)
    if direct is not None or not page.title:
        return direct
    levels = level_words(settings)
    if not set(words(role_title, settings)) & levels <= set(words(page.title, settings)):
        return None  # "Staff" on the Senior page: another level, not graded by this one
    if any(key(c.title, settings) == key(role_title, settings) for c in family.index.claims):
        return None
    wanted = key(page.title, settings)
    own = [c for c in page.claims if c.values and key(c.title, settings) == wanted]
    return own[0] if own else index_claim(family, page.title, None, settings)


def level_disagreements(
    family: SplitFamily[P], settings: TitleSettings
) -> list[tuple[GradeClaim, P, GradeClaim]]:
    """(index claim, level page, its claim) where a level page states its own title's grade
    differently from the index, in the same notation (ranges that overlap agree)."""
    out = []
    reported: set[int] = set()
    for page in family.levels:
        for claim in page.claims:
            if not claim.values:
                continue
            given = index_claim(family, claim.title, claim.notation, settings)
            if given is None or id(given) in reported or overlap(given.values, claim.values):
                continue
            reported.add(id(given))
            out.append((given, page, claim))
    return out


def family_claims(
    family: SplitFamily[P], settings: TitleSettings
) -> tuple[list[GradeClaim], dict[int, P]]:
    """One claim per title and notation across the family, a level page's own before the
    index's, with the page each comes from (claim id -> page): what JD203 orders."""
    chosen: dict[tuple[str, str], tuple[GradeClaim, P]] = {}
    pages: Sequence[P] = (*family.levels, family.index)
    for page in pages:
        for claim in page.claims:
            if claim.values:
                chosen.setdefault((key(claim.title, settings), claim.notation), (claim, page))
    return [c for c, _ in chosen.values()], {id(c): p for c, p in chosen.values()}
