"""Copy-and-paste damage: repeated paragraphs (JD501), drifted copies (JD502), repeated items (JD503).

Job-family pages are assembled from boilerplate. A paragraph pasted twice on one page, a copy
whose link or words were lost on the way, and a bullet listed twice are the traces it leaves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from jdlint.checks.drift import (
    Wording,
    candidate_pairs,
    differences,
    only_names_or_numbers,
    similar_pairs,
    wordings,
)
from jdlint.checks.intro import quote
from jdlint.checks.paragraphs import Paragraph, normalise, page_paragraphs, paragraph_of
from jdlint.errors import ConfigError
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.handbook.index import HandbookIndex
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

Paragraphs shorter than eight words are not compared.
""",
)


@rule(DUPLICATE_BOILERPLATE, target=Document)
def duplicate_boilerplate(document: Document, ctx: Context) -> Iterator[Finding]:
    first: dict[str, Paragraph] = {}
    for paragraph in page_paragraphs(document):
        if len(paragraph.words) < JD501_MIN_WORDS:
            continue
        original = first.setdefault(paragraph.key, paragraph)
        if original is paragraph:
            continue
        message = f'paragraph "{quote(paragraph.inline.text, 50)}" repeats the one at line {original.line}'
        lost = [d for d in differences(original, paragraph) if d.startswith("lost")]
        if lost:
            message += f" ({'; '.join(lost)})"
        span = paragraph.inline.span(0, len(paragraph.inline.raw))
        yield ctx.finding(span, message, subject=paragraph.key[:80])


BOILERPLATE_DRIFT = RuleMeta(
    code="JD502",
    name="boilerplate-drift",
    summary="Copies of a boilerplate paragraph keep its wording and links.",
    severity=Severity.WARNING,
    scope="handbook",
    explanation="""\
A paragraph or list item that is a near copy of a boilerplate text but differs from it: a lost
link, changed or dropped words. The canonical text is a paragraph given in the config, or else
the wording most of the copies use among the files checked together (a tie decides nothing).

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

A wording learned from the pages counts as boilerplate when it is used on at least
`min-pages` (default 3) pages. For list items only lost links are reported, since bullets are
reworded between levels on purpose. Messages say what differs: `lost its link to https://...`, `words changed: 'X' → 'Y'`. Copies
that differ only in a name or number filled into the same sentence ("the Account Executive
participates..." / "the Sales Manager participates...") are not drift and are not reported.
""",
)


@rule(BOILERPLATE_DRIFT, target=HandbookIndex)
def boilerplate_drift(index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
    options = ctx.settings.boilerplate
    threshold = float(options.get("threshold", DEFAULT_THRESHOLD))
    min_words = int(options.get("min-words", DEFAULT_MIN_WORDS))
    configured = _configured(options)
    paragraphs = [
        p
        for document in index.documents
        for p in page_paragraphs(document, items=True)
        if len(p.words) >= min_words
    ]
    items = wordings(paragraphs)
    canon = [Wording(c.key, c.link_texts, (c,)) for _, c in configured]
    names = {id(w): name for w, (name, _) in zip(canon, configured)}
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
        yield from _report(ctx, everything, position, similar[position], names, reported)
    if options.get("majority", True):
        min_pages = int(options.get("min-pages", DEFAULT_MIN_PAGES))
        majorities = _majorities(items, similar, claimed, min_pages)
        for position in sorted(majorities, key=lambda p: -len(items[p].uses)):
            yield from _report(ctx, everything, position, similar[position], names, reported)


def _majorities(
    items: list[Wording], similar: Mapping[int, list[int]], claimed: set[int], min_pages: int
) -> list[int]:
    """Boilerplate: wordings on `min_pages` pages, used more often than any near copy of them."""
    out = []
    for position, wording in enumerate(items):
        pages = {use.document.path for use in wording.uses}
        if position in claimed or len(wording.uses) < 2 or len(pages) < min_pages:
            continue
        rivals = [j for j in similar.get(position, ()) if j < len(items)]
        if rivals and all(len(wording.uses) > len(items[j].uses) for j in rivals):
            out.append(position)
    return out


def _report(
    ctx: Context,
    everything: list[Wording],
    position: int,
    copies: list[int],
    names: Mapping[int, str],
    reported: set[int],
) -> Iterator[Finding]:
    canonical = everything[position]
    model = canonical.uses[0]
    if id(canonical) in names:
        source = f'the configured boilerplate "{names[id(canonical)]}"'
    else:
        source = f"the wording used {len(canonical.uses)} times (as at {model.document.path}:{model.line})"
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
            if use.kind == "item":
                # Bullets differ between levels on purpose; a lost link is still a slip.
                what = [part for part in what if part.startswith("lost")]
            if not what:
                continue
            reported.add(id(use))
            yield ctx.finding(
                use.inline.span(0, len(use.inline.raw)),
                f"near copy of {source} differs: {'; '.join(what)}",
                subject=f"{use.key[:60]} {' '.join(what)}",
                document=use.document,
            )


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
stages is not a duplicate.
""",
)


@rule(DUPLICATE_ITEM, target=Document)
def duplicate_item(document: Document, ctx: Context) -> Iterator[Finding]:
    nodes: list[Block | Heading] = sorted(
        [*document.headings, *document.blocks], key=lambda n: (n.span.line, n.span.col)
    )
    section: dict[str, ListItem] = {}
    for node in nodes:
        if isinstance(node, Heading):
            section = {}
        elif node.kind == "list":
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
    lines = document.lines
    mine = lines[item.span.line - 1 : item.span.end_line]
    theirs = lines[first.span.line - 1 : first.span.end_line]
    if [x.rstrip() for x in mine] != [x.rstrip() for x in theirs]:
        return None
    start = document.offset(item.span.line, 1)
    after = item.span.end_line + 1
    end = document.offset(after, 1) if after <= len(lines) else len(document.source)
    return Fix(edits=(TextEdit(start, end, ""),), safe=True, description="remove repeated item")


RULES = (duplicate_boilerplate, boilerplate_drift, duplicate_item)
