"""Copy-and-paste damage: repeated paragraphs (JD501), drifted copies (JD502), repeated items (JD503).

Job-family pages are assembled from boilerplate. A paragraph pasted twice on one page, a copy
whose link or words were lost on the way, and a bullet listed twice are the traces it leaves.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from jdlint.checks.drift import (
    Wording,
    candidate_pairs,
    differences,
    only_names_or_numbers,
    sentences,
    similar_pairs,
    word_changes,
    wordings,
)
from jdlint.checks.intro import quote
from jdlint.checks.paragraphs import Paragraph, normalise, page_paragraphs, paragraph_of
from jdlint.config.settings import Settings
from jdlint.document.section_names import classify
from jdlint.errors import ConfigError
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.handbook.digest import PageDigest, only
from jdlint.handbook.index import HandbookIndex
from jdlint.handbook.page_names import PageNames
from jdlint.model import Block, Document, Heading, ListItem
from jdlint.rules import Context, RuleMeta, rule

DEFAULT_THRESHOLD = 0.8
DEFAULT_MIN_WORDS = 12
DEFAULT_MIN_PAGES = 3
JD501_MIN_WORDS = 8

DUPLICATE_BOILERPLATE = RuleMeta(
    code="JD501",
    name="duplicate-boilerplate",
    summary="A paragraph appears only once on a page.",
    severity=Severity.WARNING,
    explanation="""\
The same paragraph (compared without markup, case or spacing; link text kept) written more than
once on one page: usually boilerplate pasted under every role when it belongs once, at the end of
the page. The message names the first occurrence and says when a copy lost a link.

```markdown
## Widget Engineer
We encourage you to apply even if you do not match every requirement.
## Senior Widget Engineer
We encourage you to apply even if you do not match every requirement.   <- JD501
```

Paragraphs shorter than eight words are not compared, and a short one-sentence paragraph
repeated under each role or section ("This position reports to the VP of Widgets.") is the
page's template at work, not a duplicate, unless a copy lost a link.
""",
)


@rule(DUPLICATE_BOILERPLATE, target=Document)
def duplicate_boilerplate(document: Document, ctx: Context) -> Iterator[Finding]:
    first: dict[str, Paragraph] = {}
    heading_lines = [heading.span.line for heading in document.headings]
    for paragraph in page_paragraphs(document):
        if len(paragraph.words) < JD501_MIN_WORDS:
            continue
        original = first.setdefault(paragraph.key, paragraph)
        if original is paragraph:
            continue
        lost = [d for d in differences(original, paragraph) if d.startswith("lost")]
        if not lost and _structural(original, paragraph, heading_lines):
            continue
        message = f'paragraph "{quote(paragraph.inline.text, 50)}" repeats the one at line {original.line}'
        if lost:
            message += f" ({'; '.join(lost)})"
        span = paragraph.inline.span(0, len(paragraph.inline.raw))
        yield ctx.finding(span, message, subject=paragraph.key[:80])


STRUCTURAL_MAX_WORDS = 20


def _structural(original: Paragraph, copy: Paragraph, section_lines: list[int]) -> bool:
    """A short one-sentence paragraph repeated under another heading: the template at work.

    "This position reports to the VP of Widgets." under each level is written once per role
    on purpose; it is not boilerplate pasted twice.
    """
    if len(copy.words) > STRUCTURAL_MAX_WORDS or len(sentences(copy.inline.text)) != 1:
        return False
    return bisect_right(section_lines, original.line) != bisect_right(section_lines, copy.line)


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


@rule(BOILERPLATE_DRIFT, target=HandbookIndex)
def boilerplate_drift(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    options = ctx.settings.boilerplate
    threshold = float(options.get("threshold", DEFAULT_THRESHOLD))
    min_words = int(options.get("min-words", DEFAULT_MIN_WORDS))
    configured = _configured(options)
    paragraphs = [p for digest in index.digests for p in drift_paragraphs(digest, min_words)]
    items = wordings(paragraphs)
    canon = [Wording(c.key, c.link_texts, (c,)) for _, c in configured]
    names = {id(w): name for w, (name, _) in zip(canon, configured)}
    pages = PageNames(ctx.settings)
    everything = [*items, *canon]
    similar: dict[int, list[int]] = defaultdict(list)
    folded = [w.folded for w in everything]
    for i, j in similar_pairs(folded, candidate_pairs(folded, threshold), threshold):
        similar[i].append(j)
        similar[j].append(i)
    claimed: set[int] = set()
    reported: set[int] = set()  # ids of paragraphs already reported against a canonical text
    for position in range(len(items), len(everything)):
        claimed.update(similar[position])
        yield from _report(ctx, everything, position, similar[position], names, reported, pages)
    if options.get("majority", True):
        min_pages = int(options.get("min-pages", DEFAULT_MIN_PAGES))
        majorities = _majorities(items, similar, claimed, min_pages)
        for position, copies, support in sorted(majorities, key=lambda pc: -pc[2]):
            yield from _report(ctx, everything, position, copies, names, reported, pages, support)


def drift_paragraphs(digest: PageDigest, min_words: int) -> list[Paragraph]:
    """The page's paragraphs and items JD502 compares: those of `min_words` words or more."""
    found = (paragraph_of(digest, inline, kind) for inline, kind in digest.paragraphs)
    return [p for p in found if len(p.words) >= min_words]


def digest_view(digest: PageDigest, settings: Settings) -> PageDigest:
    """What JD502 reads of a page (`jdlint.engine.handbook_reuse`): its compared paragraphs."""
    min_words = int(settings.boilerplate.get("min-words", DEFAULT_MIN_WORDS))
    kept = tuple((p.inline, p.kind) for p in drift_paragraphs(digest, min_words))
    return only(digest, paragraphs=kept)


def _majorities(
    items: list[Wording], similar: Mapping[int, list[int]], claimed: set[int], min_pages: int
) -> list[tuple[int, list[int], int]]:
    """Canonical wordings learned from the pages: one per cluster of near-identical wordings.

    Each cluster (wordings joined by similarity) is read as one boilerplate text written in
    several accepted wordings. Its canonical wording is the one that most uses share up to
    immaterial word changes (same links, numbers and sentences), not the single most frequent
    exact string; it must be used on `min_pages` pages, and a tie decides nothing.
    """
    out: list[tuple[int, list[int], int]] = []
    seen: set[int] = set(claimed)
    for start in range(len(items)):
        if start in seen:
            continue
        cluster = _cluster(start, items, similar, seen)
        seen.update(cluster)
        while len(cluster) > 1:
            found = _canonical(cluster, items, similar, min_pages)
            if found is None:
                break
            best, support = found
            # Copies are the canonical's own near copies not judged by an earlier canonical,
            # and never a wording used more often than the canonical's whole group.
            copies = [
                j for j in similar.get(best, ()) if j in cluster and len(items[j].uses) < support
            ]
            out.append((best, copies, support))
            cluster -= {best, *similar.get(best, ())}
    return out


def _cluster(
    start: int, items: list[Wording], similar: Mapping[int, list[int]], seen: set[int]
) -> set[int]:
    cluster, todo = {start}, [start]
    while todo:
        for other in similar.get(todo.pop(), ()):
            if other < len(items) and other not in seen and other not in cluster:
                cluster.add(other)
                todo.append(other)
    return cluster


def _canonical(
    cluster: set[int], items: list[Wording], similar: Mapping[int, list[int]], min_pages: int
) -> tuple[int, int] | None:
    """The wording of `cluster` with the most uses that match it materially, and that count."""

    known: dict[tuple[int, int], bool] = {}  # `same` is symmetric: each pair is asked twice

    def same(first: int, second: int) -> bool:
        pair = (min(first, second), max(first, second))
        if pair not in known:
            a, b = items[first].uses[0], items[second].uses[0]
            known[pair] = not differences(a, b) and not differences(b, a)
        return known[pair]

    support: dict[int, list[Paragraph]] = {}
    for position in sorted(cluster):
        group = [
            position,
            *(j for j in similar.get(position, ()) if j in cluster and same(position, j)),
        ]
        support[position] = [use for member in group for use in items[member].uses]
    ranked = sorted(support, key=lambda p: (-len(support[p]), p))
    best = ranked[0]
    uses = support[best]
    if len(uses) < 2 or len({use.document.path for use in uses}) < min_pages:
        return None
    if len(ranked) > 1 and len(support[ranked[1]]) == len(uses) and not same(best, ranked[1]):
        return None  # a tie between two different wordings decides nothing
    return best, len(uses)


def _report(
    ctx: Context,
    everything: list[Wording],
    position: int,
    copies: list[int],
    names: Mapping[int, str],
    reported: set[int],
    pages: PageNames,
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
            if use.kind == "item":
                # Bullets differ between levels on purpose; a lost link is still a slip.
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


DUPLICATE_ITEM = RuleMeta(
    code="JD503",
    name="duplicate-item",
    summary="A list item appears only once in a section.",
    severity=Severity.WARNING,
    fixable=True,
    explanation="""\
The same bullet twice in one section (case, spacing, markup and final punctuation ignored).
When the second copy is byte-for-byte the same line, `--fix` removes it.

```markdown
### Requirements
- Ability to use GitLab
- Fluent in English
- Ability to use GitLab        <- JD503
```

Nested items are compared with their siblings only: "Results" under two different interview
stages is not a duplicate. A Hiring Process lists steps in order, so a step taken twice
("50 minute interview with CEO" first and last) is not reported.
""",
)


@rule(DUPLICATE_ITEM, target=Document)
def duplicate_item(document: Document, ctx: Context) -> Iterator[Finding]:
    nodes: list[Block | Heading] = sorted(
        [*document.headings, *document.blocks], key=lambda n: (n.span.line, n.span.col)
    )
    section: dict[str, ListItem] = {}
    steps = False  # a hiring process lists steps in order: meeting the CEO twice is two steps
    for node in nodes:
        if isinstance(node, Heading):
            section = {}
            found = classify(node.text)
            steps = found is not None and found.name == "Hiring Process"
        elif node.kind == "list" and not steps:
            yield from _duplicates(document, ctx, node, section)


def _duplicates(
    document: Document, ctx: Context, block: Block, seen: dict[str, ListItem]
) -> Iterator[Finding]:
    for item in block.items:
        for child in item.children:
            if child.kind == "list":
                yield from _duplicates(document, ctx, child, {})
        if item.inline is None or not item.inline.text.strip():
            continue
        key = normalise(item.inline.text)
        first = seen.setdefault(key, item)
        if first is item:
            continue
        text = quote(item.inline.text, 60)
        yield ctx.finding(
            item.inline.span(0, len(item.inline.raw)),
            f'list item "{text}" repeats the item at line {first.span.line}',
            fix=_removal(document, first, item),
            subject=key[:80],
        )


def _removal(document: Document, first: ListItem, item: ListItem) -> Fix | None:
    """Delete the repeated item's lines when they are exactly the first item's lines."""
    if item.children or first.children:
        return None
    mine = _lines(document, item.span.line, item.span.end_line)
    theirs = _lines(document, first.span.line, first.span.end_line)
    if [x.rstrip() for x in mine] != [x.rstrip() for x in theirs]:
        return None
    start = document.offset(item.span.line, 1)
    after = item.span.end_line + 1
    count = len(document.line_starts)
    end = document.offset(after, 1) if after <= count else len(document.source)
    return Fix(edits=(TextEdit(start, end, ""),), safe=True, description="remove repeated item")


def _lines(document: Document, first: int, last: int) -> list[str]:
    """Lines `first` to `last` (1-based, inclusive) without splitting the whole page: a page
    with thousands of repeated items asks for them once per item."""
    starts = document.line_starts
    end = starts[last] - 1 if last < len(starts) else len(document.source)
    return document.source[starts[first - 1] : end].split("\n")


RULES = (duplicate_boilerplate, boilerplate_drift, duplicate_item)
