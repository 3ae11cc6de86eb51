"""Heading anchors as the site generator makes them, so `#fragment` links can be checked.

Three generators are modelled, because the same heading gets different ids on different sites:

- `kramdown`: kramdown's GFM parser, used by the Middleman edition of the GitLab handbook. It
  slugs the heading's *Markdown source*: lower-cased, every character that is not a letter,
  digit, underscore, hyphen, space or tab removed, each space or tab made a hyphen (runs are
  kept: "A - B" is "a---b").
- `gitlab`: GitLab's own renderer (issues, wikis, repository files): as kramdown, but on the
  rendered text and with runs of hyphens squeezed to one.
- `goldmark`: Hugo's default ("github" style): the rendered text, trimmed, letters, digits and
  underscores lower-cased and kept, each space or hyphen made a hyphen, the rest dropped.

All three give a repeated slug a "-1", "-2", ... suffix in page order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

STYLES = ("kramdown", "gitlab", "goldmark")

# Template tags and attribute lists are in a heading's source but never reach kramdown's slug.
_NOT_TEXT = re.compile(r"<%.*?%>|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{:[^{}]*\}|\{[#.][^{}\s]*\}")


# In ASCII the only word characters (`_is_word`, goldmark's letters and digits) are letters,
# digits and "_", so an ASCII heading is slugged by one substitution: these drop the rest.
_ASCII_DROP_KRAMDOWN = re.compile(r"[^A-Za-z0-9_\- \t]")
_ASCII_DROP = re.compile(r"[^A-Za-z0-9_\- ]")


def _is_word(char: str) -> bool:
    """Ruby's and Go's idea of a word character: letters, marks, digits, connector punctuation."""
    category = unicodedata.category(char)
    return category[0] in "LMN" or category == "Pc"


def kramdown_slug(raw: str) -> str:
    """kramdown GFM `generate_gfm_header_id` on the heading's source text."""
    text = _NOT_TEXT.sub("", raw).strip().lower()
    if text.isascii():
        kept = _ASCII_DROP_KRAMDOWN.sub("", text)
    else:
        kept = "".join(c for c in text if _is_word(c) or c in "- \t")
    return kept.replace(" ", "-").replace("\t", "-")


def gitlab_slug(text: str) -> str:
    """GitLab's `TableOfContentsFilter` on the rendered heading text."""
    lower = text.lower()
    if lower.isascii():
        kept = _ASCII_DROP.sub("", lower)
    else:
        kept = "".join(c for c in lower if _is_word(c) or c in "- ")
    return re.sub(r"-+", "-", kept.replace(" ", "-"))


def goldmark_slug(text: str) -> str:
    """Hugo's goldmark auto heading id (`autoHeadingIDType: github`)."""
    stripped = text.strip()
    if stripped.isascii():
        return _ASCII_DROP.sub("", stripped).replace(" ", "-").lower()
    out = []
    for char in stripped:
        if char in "- ":
            out.append("-")
        elif char == "_" or unicodedata.category(char)[0] in "LN":
            out.append(char.lower())
    return "".join(out)


@lru_cache(maxsize=1 << 12)  # a pure memo: the same headings recur on every page
def slug(style: str, raw: str, text: str) -> str:
    """The slug of one heading, given its Markdown source and its rendered text."""
    if style == "kramdown":
        return kramdown_slug(raw)
    if style == "gitlab":
        return gitlab_slug(text)
    if style == "goldmark":
        return goldmark_slug(text) or "heading"
    raise ValueError(f"unknown slug style {style!r}; expected one of {', '.join(STYLES)}")


def unique_slugs(style: str, headings: Iterable[tuple[str, str, str | None]]) -> list[str]:
    """Ids for (raw, text, explicit id) headings in page order, duplicates numbered as generated.

    An explicit id (`{#id}`) replaces the generated one. kramdown and GitLab count repeats of
    each slug ("a", "a-1", "a-2"); goldmark takes the first "-n" not used yet on the page.
    """
    used: set[str] = set()
    counts: dict[str, int] = {}
    out: list[str] = []
    for raw, text, explicit in headings:
        if explicit:
            used.add(explicit)
            out.append(explicit)
            continue
        base = slug(style, raw, text)
        if style == "goldmark":
            candidate, number = base, 0
            while candidate in used:
                number += 1
                candidate = f"{base}-{number}"
        else:
            counts[base] = counts.get(base, -1) + 1
            candidate = f"{base}-{counts[base]}" if counts[base] else base
        used.add(candidate)
        out.append(candidate)
    return out
