"""Conventions learned from the handbook itself: the sections most of its job families have,
and the way it spells each section's heading.

No template is assumed: a handbook whose families almost all have a Hiring Process section
shows that it wants one, and one that writes "Responsibilities" on forty pages shows its
spelling. Small or mixed handbooks teach nothing, so the rule stays quiet on them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from jdlint.config.settings import Settings
from jdlint.document.section_names import normalise_heading, resolve_names, vocabulary
from jdlint.domain.family_membership import assign_families
from jdlint.findings import Finding, Severity
from jdlint.handbook.digest import PageDigest, only
from jdlint.handbook.index import HandbookIndex
from jdlint.model import Span
from jdlint.rules import Context, RuleMeta, rule

HANDBOOK_CONVENTION = RuleMeta(
    code="JD113",
    name="handbook-convention",
    summary="A page follows the conventions of the other job families of its handbook.",
    severity=Severity.INFO,
    scope="handbook",
    default_enabled=False,
    explanation="""\
jdlint learns from the handbook it checks. When most of its job families (90% by default, of
at least 10) have a section, a family without it is reported with the figure: "31 of 34
families here have a Hiring Process section". When the handbook spells a section's heading one
way almost everywhere, a page that uses a rare variant is reported: "Responsibilities" on 40
pages, "What You'll Do" here. Small or mixed handbooks teach nothing and get no findings.

Off by default (select it with `extend-select: [JD113]`); tune it per handbook:

```yaml
rules:
  JD113: {threshold: 0.9, min-families: 10}
```
""",
)

DEFAULT_THRESHOLD = 0.9
DEFAULT_MIN_FAMILIES = 10
#: Sections whose presence is a convention worth following (not Levels, matrix, ...).
_NOT_EXPECTED = frozenset({"Levels", "Job Family Matrix", "Specialties", "Expertise"})


@dataclass(frozen=True)
class _Family:
    path: str
    documents: tuple[PageDigest, ...]
    sections: frozenset[str]
    headings: tuple[tuple[str, str, str, Span, PageDigest], ...]  # section, variant, text, at


@dataclass(frozen=True)
class ConventionOptions:
    threshold: float = DEFAULT_THRESHOLD  # share of families that makes a convention
    min_families: int = DEFAULT_MIN_FAMILIES  # fewer families teach nothing

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ValueError(
                f"threshold is a share of families, above 0 and at most 1: got {self.threshold!r}"
            )
        if self.min_families < 1:
            raise ValueError(f"min-families is at least 1: got {self.min_families!r}")


#: The digest fields JD113 reads (`jdlint.engine.digests.unread_fields`): only its own.
DIGEST_FIELDS = ("kind", "title", "has_roles", "section_names", "section_headings", "family_span")


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD113 reads of a page (`jdlint.engine.handbook_reuse`): its kind, title (for its
    family), roles and sections."""
    return only(digest, *DIGEST_FIELDS)


@rule(HANDBOOK_CONVENTION, target=HandbookIndex, options=ConventionOptions)
def handbook_convention(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    options = ctx.options or ConventionOptions()
    threshold, minimum = float(options.threshold), int(options.min_families)
    for families in _handbooks(index, ctx).values():
        if len(families) < minimum:
            continue  # too few families to teach a convention
        yield from _missing_sections(index, ctx, families, threshold)
        yield from _rare_spellings(index, ctx, families, threshold, minimum)


def _handbooks(index: HandbookIndex, ctx: Context) -> dict[str, list[_Family]]:
    """The job families of each handbook of the run (pages with roles, grouped by family)."""
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    with_roles = [d for d in index.digests if d.has_roles and d.kind != "partial"]
    membership = assign_families(with_roles)
    grouped: dict[tuple[str, str], list[PageDigest]] = defaultdict(list)
    for document in with_roles:
        handbook = index.handbook_of(document.path, ctx.settings)
        grouped[(handbook, membership[document.path].path)].append(document)
    out: dict[str, list[_Family]] = defaultdict(list)
    for (handbook, family), documents in sorted(grouped.items()):
        names: set[str] = set()
        headings: list[tuple[str, str, str, Span, PageDigest]] = []
        seen: set[tuple[str, int]] = set()
        for document in documents:
            names.update(document.section_names)
            for name, text, span in document.section_headings:  # sub-headings: own wording
                variant = normalise_heading(text)
                if (document.path, span.line) in seen or not vocab.is_alias(variant):
                    continue  # listed twice (shared and role), or a sentence, not a spelling
                seen.add((document.path, span.line))
                headings.append((name, variant, text, span, document))
        out[handbook].append(_Family(family, tuple(documents), frozenset(names), tuple(headings)))
    return out


def _missing_sections(
    index: HandbookIndex, ctx: Context, families: list[_Family], threshold: float
) -> Iterator[Finding]:
    counts = Counter(name for family in families for name in family.sections)
    total = len(families)
    vocab = vocabulary(ctx.settings.sections, ctx.settings.grades)
    required = set(resolve_names(ctx.settings.required_sections, vocab))  # JD101 reports those
    for name, count in sorted(counts.items()):
        if name in _NOT_EXPECTED or name in required:
            continue
        if count == total or count < threshold * total:
            continue
        for family in families:
            if name in family.sections:
                continue
            document = family.documents[0]
            if not index.is_checked(document):
                continue
            span = document.family_span
            assert span is not None  # a page with roles has a title or a first role title
            yield ctx.finding(
                span,
                f"{count} of {total} families here have a {name} section; this one has none",
                subject=name,
                document=document,
            )


def _rare_spellings(
    index: HandbookIndex, ctx: Context, families: list[_Family], threshold: float, minimum: int
) -> Iterator[Finding]:
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, str] = {}
    for family in families:
        for name, variant, text, _span, _document in family.headings:
            variants[name][variant] += 1
            written.setdefault(variant, text)
    for family in families:
        for name, variant, text, span, document in family.headings:
            counts = variants[name]
            usual, usual_count = counts.most_common(1)[0]
            total = sum(counts.values())
            if variant == usual or usual_count < threshold * total:
                continue  # the usual spelling, or no spelling is usual
            if usual_count < minimum or not index.is_checked(document):
                continue
            yield ctx.finding(
                span,
                f'"{written[usual]}" on {usual_count} headings of this handbook, "{text}" here',
                subject=name,
                document=document,
            )


RULES = (handbook_convention,)
