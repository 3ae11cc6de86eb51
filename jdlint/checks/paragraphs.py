"""Paragraphs as boilerplate sees them: normalised text, words, link texts and targets.

Copies of a boilerplate paragraph differ in markup, spacing, case and curly quotes without
differing in wording, so comparisons use the rendered text (link text kept) folded that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jdlint.model import Block, Document, Inline, Link, iter_items
from jdlint.rules import Located

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# A word ends in a word character; anything else between words (punctuation) is dropped.
_WORD = re.compile(r"[\w'&$%+/.@-]*\w")
# Boilerplate repeats on every page, and JD501, JD502 and JD503 fold the same texts: both
# functions below are pure, so their results are memoised (a bounded cache, not state).
_MEMO = 1 << 14


@lru_cache(maxsize=_MEMO)
def normalise(text: str) -> str:
    """Case, spacing, curly quotes and final punctuation folded."""
    folded = " ".join(_straight(text).casefold().split())
    return folded.rstrip(" .;:,!")


@lru_cache(maxsize=_MEMO)
def words(text: str) -> tuple[str, ...]:
    """The words of a text as written (case kept) with punctuation-only tokens dropped.

    `\\w` is a letter, a digit or "_", so a word without "_" has a letter or digit; one made
    of underscores and punctuation only ("__") is not a word.
    """
    found = _WORD.findall(_straight(text))
    if "_" not in text:
        return tuple(found)
    return tuple(w for w in found if "_" not in w or any(c.isalnum() for c in w))


def folded_words(found: tuple[str, ...]) -> tuple[str, ...]:
    """Each word case-folded. A lower-case ASCII word is its own fold and is kept as the same
    object: JD502 folds every compared paragraph at once, and a new string per word was its
    largest temporary (16 MB at 10,000 pages)."""
    return tuple(w if w.isascii() and w.islower() else w.casefold() for w in found)


def _straight(text: str) -> str:
    """Curly quotes and dashes made ASCII (an ASCII text has none: the common case is free)."""
    return text if text.isascii() else text.translate(_QUOTES)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph or list item of one page, ready for comparison."""

    document: Located  # the page's tree, or its digest in the handbook checks
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


def paragraph_of(document: Located, inline: Inline, kind: str) -> Paragraph:
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
