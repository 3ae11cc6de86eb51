"""Paragraphs as boilerplate sees them: normalised text, words, link texts and targets.

Copies of a boilerplate paragraph differ in markup, spacing, case and curly quotes without
differing in wording, so comparisons use the rendered text (link text kept) folded that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdlint.model import Block, Document, Inline, Link, iter_items

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"[\w'&$%+/.@-]*\w|\S")


def normalise(text: str) -> str:
    """Case, spacing, curly quotes and final punctuation folded."""
    folded = " ".join(text.translate(_QUOTES).casefold().split())
    return folded.rstrip(" .;:,!")


def words(text: str) -> tuple[str, ...]:
    """The words of a text as written (case kept) with punctuation-only tokens dropped."""
    found = _WORD.findall(text.translate(_QUOTES))
    return tuple(w.rstrip(".") or w for w in found if any(c.isalnum() for c in w))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph or list item of one page, ready for comparison."""

    document: Document
    inline: Inline
    kind: str  # "paragraph" or "item"
    key: str  # normalised text
    words: tuple[str, ...]

    @property
    def line(self) -> int:
        return self.inline.text_map.starts[0][0]

    @property
    def links(self) -> tuple[Link, ...]:
        return self.inline.links

    @property
    def link_texts(self) -> frozenset[str]:
        return frozenset(normalise(link.text) for link in self.links if link.text.strip())


def paragraph_of(document: Document, inline: Inline, kind: str) -> Paragraph:
    return Paragraph(document, inline, kind, normalise(inline.text), words(inline.text))


def page_paragraphs(document: Document, items: bool = False) -> list[Paragraph]:
    """Top-level paragraphs of a page in order, and its list items when `items` is set."""
    out: list[Paragraph] = []
    for block in document.blocks:
        if block.kind == "paragraph" and block.inline is not None and block.inline.text:
            out.append(paragraph_of(document, block.inline, "paragraph"))
        elif items and block.kind == "list":
            out.extend(_items(document, block))
    return out


def _items(document: Document, block: Block) -> list[Paragraph]:
    return [
        paragraph_of(document, item.inline, "item")
        for item in iter_items(block)
        if item.inline is not None and item.inline.text
    ]
