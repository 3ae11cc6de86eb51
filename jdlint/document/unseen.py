"""What a reader does not see on the rendered page: anchors and comments that render nothing,
and a heading or list item whose whole text is one link (it points elsewhere, it names nothing
here). Shared by the checks that ask whether a section has content and whether a line is a
heading in disguise."""

from __future__ import annotations

import re

from jdlint.model import Block, Heading, Inline

_ANCHOR_ONLY = re.compile(r"^\s*(?:<a\s[^>]*>\s*</a>|<!--.*?-->|<a\s[^>]*/>)\s*$", re.DOTALL)


def is_only_a_link(node: Heading | Inline) -> bool:
    inline = node.inline if isinstance(node, Heading) else node
    links = inline.links
    return len(links) == 1 and links[0].text.strip() == inline.text.strip()


def renders_nothing(block: Block) -> bool:
    """Anchors and comments render nothing, so they do not make a section non-empty."""
    if block.kind == "html":
        return bool(_ANCHOR_ONLY.match(block.content))
    if block.kind == "paragraph" and block.inline is not None:
        return not block.inline.text.strip() and not block.inline.masked.replace("\x1a", "").strip()
    return False
