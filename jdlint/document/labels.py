"""Bold labels that stand for headings: `**What you'll bring:**` over a list starts a section.

Job ads and pasted pages often write their sections as bold paragraphs. The outline reads a
bold-only paragraph that names a known section, followed by a list or a paragraph, as a heading
one level below the heading above it, so its role gets the section (over a table it is a
caption); JD106 still reports it, since it has no anchor and is missing
from the table of contents. Other bold paragraphs ("**Note:**") stay paragraphs. In plain text
(kind `text`), a short line of its own that names a known section is such a label.
"""

from __future__ import annotations

import re

from jdlint.document.section_names import Vocabulary
from jdlint.model import Block, Heading

_BOLD_ONLY = re.compile(r"^(\*\*|__)(?P<text>[^*_\n]{2,80})\1\s*:?$")
_MAX_WORDS = 8
_BULLETS = "*-+\u2022\u00b7\u2013"


def bold_label(block: Block) -> str | None:
    """The text of a paragraph that is only bold text ("**Requirements:**"), else None."""
    if block.kind != "paragraph" or block.inline is None:
        return None
    match = _BOLD_ONLY.match(block.inline.raw.strip())
    if match is None or len(match.group("text").split()) > _MAX_WORDS:
        return None
    return match.group("text").strip()


def plain_label(block: Block) -> str | None:
    """The text of a plain-text line that may be a label ("Requirements", "What you'll do:"):
    short, not a bullet, not a sentence. Plain text (a pasted .txt job ad) has no bold to mark
    its labels; `with_label_headings` still asks that the text names a known section."""
    if block.kind != "paragraph" or block.inline is None:
        return None
    text = block.inline.raw.strip()
    if not text or text[0] in _BULLETS or text[-1] in ".!?;," or len(text.split()) > _MAX_WORDS:
        return None
    return text


def with_label_headings(
    ordered: list[Block | Heading], vocab: Vocabulary, plain: bool = False
) -> tuple[list[Block | Heading], tuple[Heading, ...]]:
    """`ordered` with section labels replaced by headings (`label=True`), and those headings.

    `plain`: the page is plain text, whose labels are lines of their own (`plain_label`)."""
    out: list[Block | Heading] = []
    labels: list[Heading] = []
    level = 1
    for position, node in enumerate(ordered):
        if isinstance(node, Heading):
            level = node.level
            out.append(node)
            continue
        text = plain_label(node) if plain else bold_label(node)
        name = vocab.classify(text.rstrip(":")) if text else None
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        if not isinstance(following, Block) or following.kind not in ("list", "paragraph"):
            name = None  # "**Benefits:**" over a table captions it
        if text is None or name is None or name.prefix or node.inline is None:
            out.append(node)
            continue
        heading = Heading(min(level + 1, 6), text.rstrip(": "), node.span, node.inline, label=True)
        labels.append(heading)
        out.append(heading)
    return out, tuple(labels)
