"""Levels ladders: a page with one heading per level ("## L3: Software Engineer I").

Engineering and design ladders (L3–L7, IC1–IC6, M1–M3, "Level 2") describe each level under
its own heading, often with Scope / Expectations sections and a level table above. Each level
heading is a role of the page: the page is a ladder, never one role and never roleless, and a
level in the table without its heading is a missing role (JD103). Support tiers ("## L1
Support", "## L2 Support") use the same codes for one job's work, and are no ladder.
"""

from __future__ import annotations

import re

from jdlint.document.outline_tree import Node
from jdlint.document.section_names import Vocabulary, normalise_heading
from jdlint.model import Block, Span

#: A level code that opens a heading: "L3: ...", "IC2 — ...", "M1 - ...", "Level 4: ...", "P5 ...".
_LEVEL_CODE = re.compile(
    r"^\s*(?:(?:L|IC|M|E|P|T|SE|EM|SWE)\s?-?\d{1,2}|level\s+\d{1,2})\b"
    r"\s*(?:[:|.\-–—]\s*|\s+)(?P<title>\S.*)$",
    re.IGNORECASE,
)
_MIN_LEVELS = 2


def ladder_title(text: str) -> str | None:
    """ "Software Engineer I" for "L3: Software Engineer I"; None for other headings."""
    match = _LEVEL_CODE.match(text)
    return match.group("title").strip() if match else None


def ladder_levels(root: Node, vocab: Vocabulary) -> tuple[Node, ...]:
    """The level headings of the first group of sibling headings that are levels, if any.

    Siblings are levels when at least two of them open with a level code and name no section;
    a page's own section headings ("## Benefits") may stand between or after them."""
    pending = [root]
    while pending:
        node = pending.pop(0)
        levels = tuple(
            child
            for child in node.children
            if ladder_title(child.text) and vocab.classify(child.text) is None
        )
        if len(levels) >= _MIN_LEVELS and not _tiers(node, levels):
            return levels
        pending.extend(node.children)
    return ()


#: Words by which a page says its "L1"/"L2" headings are support tiers, not career levels.
_TIER_WORDS = re.compile(
    r"\b(?:tiers?|(?:first|second|third)[- ]line|escalation\s+levels?)\b", re.I
)


def _tiers(parent: Node, levels: tuple[Node, ...]) -> bool:
    """Whether level-coded headings are tiers of one job ("## L1 Support", "## L2 Support"):
    levels of a ladder are distinct roles, so they never share one title, and a page that
    calls them tiers means tiers."""
    titles = [" ".join((ladder_title(node.text) or "").lower().split()) for node in levels]
    if len(set(titles)) < len(titles):
        return True
    blocks = [*parent.blocks, *(block for node in levels for block in node.blocks)]
    texts = [node.text for node in levels] + [_text(block) for block in blocks]
    return any(_TIER_WORDS.search(text) for text in texts)


def _text(block: Block) -> str:
    runs = [block.inline] if block.inline else [item.inline for item in block.items]
    return " ".join(run.text for run in runs if run is not None)


#: Header words of a ladder's level table: "| Level | Title | ... |".
_LEVEL_HEADER = frozenset({"level", "levels"})
_TITLE_HEADER = frozenset({"title", "role", "name", "job title", "position"})


def level_table_rows(blocks: tuple[Block, ...]) -> tuple[tuple[str, str, Span], ...]:
    """(level, title, span of the title cell) of every row of the page's level tables."""
    out: list[tuple[str, str, Span]] = []
    for block in blocks:
        if block.kind != "table" or len(block.rows) < 2:
            continue
        header = [normalise_heading(cell.text) for cell in block.rows[0]]
        level = next((i for i, h in enumerate(header) if h in _LEVEL_HEADER), None)
        title = next((i for i, h in enumerate(header) if h in _TITLE_HEADER), None)
        if level is None or title is None:
            continue
        for row in block.rows[1:]:
            if len(row) > max(level, title) and row[title].text.strip():
                cell = row[title]
                span = cell.span(0, len(cell.raw))
                out.append((row[level].text.strip(), cell.text.strip(), span))
    return tuple(out)
