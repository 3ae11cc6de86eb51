"""Grades of a family split across files (Hugo): its `_index.md` and its level pages agree.

The page checks JD201 and JD203 see one page; a family whose `_index.md` states the grades of
levels described on their own pages (`backend/senior.md`) is judged here, over the pages'
digests, with the join `export` and `report` use (`domain/split_families`). Pairs on one page
stay the page checks'; a disagreement inside one split family is JD201's, not JD204's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from jdlint.checks.grades import (
    GRADE_MISMATCH,
    GRADE_ORDER,
    GradeOrderOptions,
    order_findings,
)
from jdlint.config.settings import Settings
from jdlint.domain.job_titles import title_settings
from jdlint.domain.split_families import family_claims, level_disagreements, split_families
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest, only
from jdlint.handbook.index import HandbookIndex
from jdlint.rules import Context, rule

#: The digest fields these checks read (besides the path: the family's folder).
DIGEST_FIELDS = ("title", "claims")


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What these checks read of a page (`jdlint.engine.handbook_reuse`): its path (the
    family's folder), title and grade claims."""
    return only(digest, *DIGEST_FIELDS)


@rule(GRADE_MISMATCH, target=HandbookIndex)
def split_family_grade_mismatch(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    """The index's grade for a level differs from the one its level page states."""
    settings = title_settings(ctx.settings.titles)
    for family in split_families(index.digests):
        for given, page, claim in level_disagreements(family, settings):
            yield ctx.finding(
                given.span,
                f'"{given.title}" is {given.label} here but {claim.label} on its level page '
                f"{PurePath(page.path).name} ({claim.where})",
                subject=given.title,
                document=family.index,
            )


@rule(GRADE_ORDER, target=HandbookIndex, options=GradeOrderOptions)
def split_family_grade_order(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    """A more senior level of the family, on another of its pages, has a lower grade."""
    settings = title_settings(ctx.settings.titles)
    for family in split_families(index.digests):
        claims, pages = family_claims(family, settings)
        yield from order_findings(claims, ctx, ctx.options.strict, pages)


RULES = (split_family_grade_mismatch, split_family_grade_order)
