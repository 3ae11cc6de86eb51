"""Grades across the handbook: the same title has one grade on every page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from jdlint.config.settings import Settings
from jdlint.domain.family_facts import GradeClaim, overlap
from jdlint.domain.family_membership import graded_families
from jdlint.domain.job_titles import key, position, title_settings
from jdlint.domain.split_families import split_families
from jdlint.findings import Finding, Severity
from jdlint.handbook.digest import PageDigest, only
from jdlint.handbook.index import HandbookIndex
from jdlint.handbook.page_names import PageNames
from jdlint.rules import Context, RuleMeta, rule

CROSS_FAMILY_GRADE_CONFLICT = RuleMeta(
    code="JD204",
    name="cross-family-grade-conflict",
    summary="The same title has the same grade on every page of the handbook.",
    severity=Severity.WARNING,
    scope="handbook",
    explanation="""\
A title is one job: "Senior Backend Engineer" cannot be grade 7 on one page and grade 8 on
another. jdlint compares the grades every checked page gives a title (role statements, matrix
rows, front matter; titles compared as everywhere else) and reports the pages that disagree with
the grade most pages give (with a tie, every page after the first). Bare level titles
("Senior") are not compared across pages, grades are compared within one notation ("Band 6" and
"Grade 6" are not one scale), and an `_index.md` that disagrees with its own level pages is
JD201's.

```markdown
engineering/backend.md:   The Senior Backend Engineer is a [grade 7](...).
engineering/platform.md:  The Senior Backend Engineer is a [grade 8](...).   <- JD204
```
""",
)


#: The digest fields JD204 reads (`jdlint.engine.digests.unread_fields`).
DIGEST_FIELDS = ("claims",)


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD204 reads of a page (`jdlint.engine.handbook_reuse`): its grade claims."""
    return only(digest, *DIGEST_FIELDS)


@rule(CROSS_FAMILY_GRADE_CONFLICT, target=HandbookIndex)
def cross_family_grade_conflict(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    settings = title_settings(ctx.settings.titles)
    by_title: dict[tuple[str, str, str], list[tuple[PageDigest, GradeClaim]]] = {}
    # A position described page by page, a grade each (x-gs-12.md, x-gs-13.md), states one
    # title at several grades by design: those pages are left out.
    split = graded_families([d.path for d in index.digests])
    for document in index.digests:
        if document.path in split or not document.claims:
            continue  # a page without claims needs no handbook looked up
        # Titles are compared within one handbook (pages without a sign of one: all together).
        handbook = index.handbook_of(document.path, ctx.settings)
        for claim in document.claims:
            exact = key(claim.title, settings, reorder=False)
            if claim.values and position(claim.title, settings).base and len(exact.split()) >= 2:
                # compared within one notation: "Band 7" and "Grade 7" never disagree
                by_title.setdefault((handbook, exact, claim.notation), []).append((document, claim))
    pages_named = PageNames(ctx.settings)
    # A split family's index and level pages that disagree are JD201's (checks/split_grades)
    family_of = {
        page.path: family.index.path
        for family in split_families(index.digests)
        for page in (family.index, *family.levels)
    }
    for claims in by_title.values():
        pages = {d.path for d, _ in claims}
        if len(pages) < 2 or not any(index.is_checked(d) for d, _ in claims):
            continue  # findings are reported on checked pages only
        votes = Counter(c.values for _, c in claims)
        usual = max(votes, key=lambda v: (votes[v], -_first_line(claims, v)))
        usual_claims = [(d, c) for d, c in claims if c.values == usual]
        for document, claim in claims:
            if not index.is_checked(document) or overlap(claim.values, usual):
                continue
            elsewhere = [(d, c) for d, c in usual_claims if d.path != document.path]
            if not elsewhere:
                continue  # only this page gives the usual grade: it disagrees with itself
            home = family_of.get(document.path)
            if home is not None and all(family_of.get(d.path) == home for d, _ in elsewhere):
                continue
            other, given = elsewhere[0]
            yield ctx.finding(
                claim.span,
                f'"{claim.title}" is {claim.label} here but '
                f"{given.label} in {pages_named(other.path)}",
                subject=claim.title,
                document=document,
            )


def _first_line(claims: list[tuple[PageDigest, GradeClaim]], values: tuple[float, ...]) -> int:
    return next(i for i, (_, c) in enumerate(claims) if c.values == values)


def _number(values: tuple[float, ...]) -> str:
    return "/".join(f"{v:g}" for v in values)


RULES = (cross_family_grade_conflict,)
