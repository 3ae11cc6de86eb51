"""JD502 boilerplate-drift: copies of a boilerplate paragraph that lost a link or changed a fact.

The canonical wordings come from the config or are learned from the pages checked together
(`canonical_wordings`); near copies are found by `near_copies` and compared by
`copy_differences`. This module holds the rule, its options and its messages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jdlint.checks.canonical_wordings import learned_wordings
from jdlint.checks.copy_differences import differences, only_names_or_numbers, word_changes
from jdlint.checks.joined_paragraphs import (
    MIN_PAGES,
    possible_rests,
    runs_into_another,
    standalone_key,
    standalone_texts,
)
from jdlint.checks.near_copies import (
    ShingleIndex,
    Wording,
    candidate_pairs,
    similar_pairs,
    wordings,
)
from jdlint.checks.paragraphs import Paragraph, paragraph_of
from jdlint.config.settings import Settings
from jdlint.errors import ConfigError
from jdlint.findings import Finding, Severity
from jdlint.handbook.digest import PageDigest, only
from jdlint.handbook.index import HandbookIndex
from jdlint.handbook.page_names import PageNames
from jdlint.rules import Context, RuleMeta, rule

DEFAULT_THRESHOLD = 0.8
DEFAULT_MIN_WORDS = 12
DEFAULT_MIN_PAGES = 3

BOILERPLATE_DRIFT = RuleMeta(
    code="JD502",
    name="boilerplate-drift",
    summary="Copies of a boilerplate paragraph keep its wording and links.",
    severity=Severity.WARNING,
    scope="handbook",
    explanation="""\
A paragraph or list item that is a near copy of a boilerplate text but differs from it in
something a reader would notice. The canonical text is a paragraph given in the config, or else
learned from the files checked together (a tie decides nothing).

```yaml
boilerplate:
  threshold: 0.8      # word-level similarity from which a paragraph counts as a copy
  min-words: 12       # shorter paragraphs and items are not compared
  majority: true      # also learn canonical wordings from the pages checked together
  min-pages: 3        # a learned wording is boilerplate when this many pages use it
  paragraphs:
    - name: confidence-gap
      text: "The [confidence gap](https://example.com/gap) exists. We encourage you to apply."
```

Only material changes are drift: a link lost or pointing to another page, a number changed,
a sentence dropped or added (the message quotes its start). A word swapped between two accepted
wordings ("Candidates ..." / "Applicants ...", "generally" added) is not drift, and neither is a
link to the same page at a moved address (`/company/team/` / `/handbook/company/team/`).
A copy followed on the next line by another paragraph that the handbook writes on its own
(two paragraphs run together without a blank line) added no sentence to the standard text.

Near-identical wordings form a cluster; its canonical wording is the one that most copies
share up to such word changes (not the single most frequent exact string), used on at least
`min-pages` (default 3) pages. For list items only links are compared, since bullets are
reworded between levels on purpose. Copies that differ only in a name filled into the same
sentence ("the Account Executive participates..." / "the Sales Manager participates...") are not
drift. A configured paragraph is the one accepted wording, so there changed words are reported
too (`words changed: 'X' → 'Y'`).
""",
)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def drift_paragraphs(digest: PageDigest, min_words: int) -> list[Paragraph]:
    """The page's paragraphs and items JD502 compares: those of `min_words` words or more."""
    found = (paragraph_of(digest, inline, kind) for inline, kind in digest.paragraphs)
    return [p for p in found if len(p.words) >= min_words]


def compared_words(settings: Settings) -> int:
    """The fewest words of a paragraph or item JD502 compares (`boilerplate.min-words`): a
    page digest keeps no shorter one (`jdlint.engine.digests`)."""
    return int(settings.boilerplate.get("min-words", DEFAULT_MIN_WORDS))


#: The digest fields JD502 reads (`jdlint.engine.digests.unread_fields`).
DIGEST_FIELDS = ("paragraphs", "paragraph_texts")


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD502 reads of a page (`jdlint.engine.handbook_reuse`): its compared paragraphs,
    and the text of each of its paragraphs (a copy may run into one written on its own)."""
    kept = tuple((p.inline, p.kind) for p in drift_paragraphs(digest, compared_words(settings)))
    return only(digest, "paragraph_texts", paragraphs=kept)


#: The fields JD502 reads of every page only through `counts` (left out when a page's views
#: before and after an edit are compared, `jdlint.engine.handbook_reuse`): a sentence added
#: anywhere would otherwise run JD502 again over the whole handbook.
COUNTED_FIELDS = ("paragraph_texts",)


def counts(views: Iterable[PageDigest], settings: Settings) -> dict[str, int]:
    """On how many pages each text a compared paragraph may run into (`possible_rests`) is
    written on its own: what JD502's findings read of `paragraph_texts`, as counts an edit
    can update page by page (`counted`), deciding through `decided`."""
    views = list(views)
    rests = {  # of every paragraph the view holds: those JD502 compares, and maybe a few more
        rest
        for view in views
        for inline, kind in view.paragraphs
        if kind == "paragraph" and "\n" in inline.masked
        for rest in possible_rests(inline)
    }
    found = dict.fromkeys(rests, 0)
    for view in views:
        for key in counted(view).intersection(rests):
            found[key] += 1
    return found


def counted(view: PageDigest) -> frozenset[str]:
    """The texts of `counts` a page counts for."""
    return frozenset(map(standalone_key, view.paragraph_texts))


def decided(found: Mapping[str, int]) -> frozenset[str]:
    """What of `counts` decides JD502's findings: the texts written on their own often enough."""
    return frozenset(key for key, pages in found.items() if pages >= MIN_PAGES)


@rule(BOILERPLATE_DRIFT, target=HandbookIndex)
def boilerplate_drift(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    """The findings on the checked pages only: a run that checks a few pages judges only the
    copies their findings depend on (`_similar_pairs`), so those are all it can tell."""
    for finding in _drift(index, ctx):
        if index.checked is None or finding.path in index.checked:
            yield finding


def _drift(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    options = ctx.settings.boilerplate
    threshold = float(options.get("threshold", DEFAULT_THRESHOLD))
    min_words = compared_words(ctx.settings)
    configured = _configured(options)
    paragraphs = [p for digest in index.digests for p in drift_paragraphs(digest, min_words)]
    items = wordings(paragraphs)
    standalone = standalone_texts(
        (digest.path, text) for digest in index.digests for text in digest.paragraph_texts
    )
    canon = [Wording(c.key, c.link_texts, (c,)) for _, c in configured]
    names = {id(w): name for w, (name, _) in zip(canon, configured)}
    pages = PageNames(ctx.settings)
    everything = [*items, *canon]
    similar: dict[int, list[int]] = defaultdict(list)
    for i, j in _similar_pairs(index, everything, len(items), threshold):
        similar[i].append(j)
        similar[j].append(i)
    claimed: set[int] = set()
    reported: set[int] = set()  # ids of paragraphs already reported against a canonical text
    for position in range(len(items), len(everything)):
        claimed.update(similar[position])
        yield from _report(
            ctx, everything, position, similar[position], names, reported, pages, standalone
        )
    if options.get("majority", True):
        min_pages = int(options.get("min-pages", DEFAULT_MIN_PAGES))
        majorities = learned_wordings(items, similar, claimed, min_pages)
        for position, copies, support in sorted(majorities, key=lambda pc: -pc[2]):
            yield from _report(
                ctx, everything, position, copies, names, reported, pages, standalone, support
            )


def _report(
    ctx: Context,
    everything: list[Wording],
    position: int,
    copies: list[int],
    names: Mapping[int, str],
    reported: set[int],
    pages: PageNames,
    standalone: frozenset[str],
    support: int = 0,
) -> Iterator[Finding]:
    canonical = everything[position]
    model = canonical.uses[0]
    if id(canonical) in names:
        source = f'the configured boilerplate "{names[id(canonical)]}"'
    else:
        count = max(support, len(canonical.uses))
        where = pages(model.document.path)
        source = f"the wording of {count} copies ({where}:{model.line})"
    for other in copies:
        variant = everything[other]
        if id(variant) in names:
            continue
        if only_names_or_numbers(model.words, variant.uses[0].words):
            continue
        for use in variant.uses:
            if id(use) in reported:
                continue
            what = differences(model, use)
            if id(canonical) in names:
                # A configured text is the one accepted wording: any word edit departs from it.
                changes = word_changes(model.words, use.words)
                if changes:
                    more = " ..." if len(changes) > 3 else ""
                    what.append("words changed: " + ", ".join(changes[:3]) + more)
            if use.kind == "item" or runs_into_another(model, use, standalone):
                # Bullets differ between levels on purpose; a lost link is still a slip. A copy
                # run into another standard paragraph added nothing to its own wording.
                what = [part for part in what if part.startswith(("lost", "its link"))]
            if not what:
                continue
            reported.add(id(use))
            yield ctx.finding(
                use.inline.span(0, len(use.inline.raw)),
                f'"{_opening(use.inline.text)}" differs from {source}: {"; ".join(what)}',
                subject=f"{use.key[:60]} {' '.join(what)}",
                document=use.document,
            )


#: A run whose checked pages use fewer than this share of the wordings finds the near copies
#: from theirs (`ShingleIndex.component`) instead of pairing every wording with every other.
NARROW_SHARE = 0.25


def _similar_pairs(
    index: HandbookIndex, everything: list[Wording], learned: int, threshold: float
) -> list[tuple[int, int]]:
    """The similar pairs of `everything` (the `learned` wordings of the pages, then the
    configured ones) that the findings on the checked pages can depend on. Those are decided
    within the groups of wordings joined by similar pairs (a cluster and the copies of a
    configured text) that hold a wording used on a checked page; a wording in no such group
    is left unpaired, so it is its own cluster and reports nothing."""
    folded = [w.folded for w in everything]
    if index.checked is not None:
        seeds = [
            position
            for position in range(learned)
            if any(use.document.path in index.checked for use in everything[position].uses)
        ]
        if len(seeds) < NARROW_SHARE * learned:
            return ShingleIndex(folded, threshold).component(seeds)[1]
    return similar_pairs(folded, candidate_pairs(folded, threshold), threshold)


def _opening(text: str) -> str:
    """The paragraph's first sentence, shortened: enough for a reader to find it on the page."""
    sentence = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(sentence) <= 44:
        return sentence
    return sentence[:40].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _configured(options: Mapping[str, Any]) -> list[tuple[str, Paragraph]]:
    from jdlint.document.build import build_document

    out = []
    for number, entry in enumerate(options.get("paragraphs", ())):
        name = str(entry.get("name", f"paragraph {number + 1}"))
        page = build_document(f"<boilerplate {name}>", str(entry["text"]))
        blocks = [b for b in page.blocks if b.kind == "paragraph" and b.inline is not None]
        if not blocks or blocks[0].inline is None:
            raise ConfigError(f"key 'boilerplate.paragraphs[{number}].text': no paragraph text")
        out.append((name, paragraph_of(page, blocks[0].inline, "paragraph")))
    return out


RULES = (boilerplate_drift,)
