"""When a bold paragraph is a page's house style rather than a misplaced heading (JD106).

Other organisations write job pages in styles that are consistent on their own terms, and a
finding there is noise: a Greenhouse or Workable export writes every section as a bold label
under one title; "**In this role you will:**" introduces the list below it; "**Grantmaking**"
groups the items of a Responsibilities section. JD106 keeps firing where the page mixes the
two styles: a page with `## Responsibilities` headings and a `**Requirements**` paragraph.
"""

from __future__ import annotations

from bisect import bisect_right

from jdlint.document.section_names import Vocabulary
from jdlint.model import Block, Document, Heading

#: Last words of an unfinished sentence ("In this role you will:", "Duties include:"); a
#: section name never ends in one ("What you'll bring:" is the Requirements section).
_OPEN_ENDINGS = frozenset(
    [
        "will",
        "shall",
        "can",
        "could",
        "should",
        "would",
        "must",
        "may",
        "might",
        "include",
        "includes",
        "including",
        "are",
        "is",
        "be",
        "to",
        "have",
        "has",
        "need",
        "needs",
        "also",
        "you'll",
        "we'll",
        "you’ll",
        "we’ll",
    ]
)
_MIN_HOUSE_LABELS = 2


def bold_label_house_style(document: Document, label_count: int) -> bool:
    """The page writes its sections as bold labels only: no heading below its title."""
    if label_count < _MIN_HOUSE_LABELS:
        return False
    return not any(h.level > 1 and h.span != document.title_span for h in document.headings)


def is_list_intro(text: str, following: Block | None) -> bool:
    """A clause ending in a colon directly over a list: "**In this role you will:**"."""
    if following is None or following.kind != "list" or not text.endswith(":"):
        return False
    words = text.rstrip(":").split()
    return len(words) >= 2 and words[-1].lower() in _OPEN_ENDINGS


def is_group_label(
    text: str, block: Block, headings: tuple[Heading, ...], lines: list[int], vocab: Vocabulary
) -> bool:
    """A label that names no section, inside a section: "**Grantmaking**" under
    "## Key Responsibilities" groups its items. `lines` are the heading lines, in order."""
    if vocab.classify(text.rstrip(":")) is not None:
        return False  # "**Requirements**" under a heading is a section written as a label
    above = bisect_right(lines, block.span.line) - 1
    if above < 0:
        return False
    return vocab.classify(headings[above].text) is not None
