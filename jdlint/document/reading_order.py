"""A page's headings and blocks in the order a reader meets them, and the next one they see.

Checks that ask what follows a sentence (a list after its intro, the items a count announces)
or which section a block sits in walk this order instead of sorting nodes themselves.
"""

from __future__ import annotations

import re

from jdlint.model import Block, Document, Heading

_COMMENTS_ONLY = re.compile(r"\s*(?:<!--.*?-->\s*|<a\s[^>]*>\s*</a>\s*)+", re.DOTALL)


def in_reading_order(document: Document) -> list[Block | Heading]:
    nodes: list[Block | Heading] = [*document.headings, *document.blocks]
    return sorted(nodes, key=lambda node: (node.span.line, node.span.col))


def next_shown(nodes: list[Block | Heading], index: int) -> Block | Heading | None:
    """The node after `nodes[index]` that renders something: HTML comments and empty anchors
    in between are skipped."""
    for node in nodes[index + 1 :]:
        if (
            isinstance(node, Block)
            and node.kind == "html"
            and _COMMENTS_ONLY.fullmatch(node.content)
        ):
            continue
        return node
    return None
