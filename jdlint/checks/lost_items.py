"""Whether a line or a dash inside a list item starts a new item that lost its marker (JD108).

A lazy continuation (a line at column 1 inside an item) and a spaced hyphen inside an item
read the same to the parser whether the writer wrapped one long item or lost a "- ". After a
full stop the answer is clear; without one the page must give the evidence, because hard-wrapped
items are common in handbooks: the page writes its items one source line each (no item is
wrapped anywhere), the line before is complete (it does not end on "and", "of", a comma...),
the new line starts with a capitalised word that the page never capitalises mid-sentence (an
item's first word, not a name such as "Support" or "GitLab"), and, for a dash, the page uses no
spaced hyphen as a dash anywhere else.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from jdlint.document.marks import MASK
from jdlint.model import Block, Document, Inline, ListItem

# An item cut mid-phrase, or wrapped mid-phrase, ends on a function word or open punctuation.
CUT = re.compile(
    r"(?:[,(/&+-]|\b(?:the|a|an|and|or|nor|but|of|to|in|on|for|with|across|including|such as|"
    r"from|by|at|as|into|than|via|that|which|who|whose|your|our|their|its|his|her|is|are|be|"
    r"was|were|will|can|may|must|should|e\.g\.|i\.e\.|etc\.))$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:)]\s*$")
# An item's first word: capitalised, then lower case ("Keep", not "API", "I" or "GitLab").
_ITEM_WORD = re.compile(r"^([A-Z][a-z]+)(?=[\s,]|$)")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_NAME_WORD = re.compile(r"[A-Z][a-z]")
# A capitalised word after a lower-case word on the same line: a name, not an item start.
_MID_SENTENCE = re.compile(r"(?<=[a-z0-9,] )[A-Z][a-z]+\b")
# A spaced hyphen used as a dash (or a lost bullet) between two words.
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
MIN_LINE_WORDS = 3  # "Bazel" alone on a line is the end of a wrapped item
LONG_ITEM_WORDS = 6  # a line this long is an item of its own, not the tail of a wrapped one
MIN_BEFORE_WORDS = 5  # "Customer Focus - Building Trust": a short lead is a label, not an item
MIN_AFTER_WORDS = 4
MAX_NAME_SHARE = 0.2  # an item is a phrase: few of its words after the first are capitalised


@dataclass(frozen=True, slots=True)
class PageShape:
    """What the whole page says about how its writer writes list items."""

    names: frozenset[str]  # words capitalised mid-sentence somewhere on the page
    wraps_items: bool  # some list item is wrapped onto a second source line
    dashes: int  # spaced hyphens between words in paragraphs and list items
    width: int | None  # the column the page hard-wraps its paragraphs at, if it does
    starts: frozenset[str]  # words that start two or more item or paragraph lines
    lower: frozenset[str]  # words the page writes in lower case somewhere


def page_shape(document: Document, items: Iterable[ListItem]) -> PageShape:
    names: set[str] = set()
    lower: set[str] = set()
    starts: Counter[str] = Counter()
    dashes = 0
    width = 0
    for inline, node in document.iter_inlines():
        masked = inline.masked
        lines = masked.split("\n")
        # None of the three patterns matches across a line break: one search per run.
        names.update(_MID_SENTENCE.findall(masked))
        dashes += len(_SPACED_HYPHEN.findall(masked))
        lower.update(_LOWER_WORD.findall(masked))
        starts.update(word for line in lines for word in line.split()[:1])
        if isinstance(node, Block) and node.kind == "paragraph" and len(lines) > 1:
            width = max(width, *(len(line) for line in inline.raw.split("\n")[:-1]))
    wrapped = [_wrapped_width(item.inline) for item in items if item.inline is not None]
    wraps = any(wrapped)
    width = max(width, *wrapped, 0)
    repeated = frozenset(word for word, count in starts.items() if count > 1)
    return PageShape(frozenset(names), wraps, dashes, width or None, repeated, frozenset(lower))


def _wrapped_width(inline: Inline) -> int:
    """The widest line of an item wrapped onto another source line (0: not wrapped).

    A line that could be a lost item of its own (a capital after a complete line, or after a
    full stop) is no evidence of wrapping; an indented or lower-case continuation is.
    """
    lines = inline.masked.split("\n")
    starts = inline.text_map.starts
    for number in range(1, min(len(lines), len(starts))):
        line = lines[number].strip()
        if not line or _SENTENCE_END.search(lines[number - 1]):
            continue
        if (
            starts[number][1] != 1
            or not _ITEM_WORD.match(line)
            or CUT.search(lines[number - 1].rstrip())
        ):
            raw = inline.raw.split("\n")
            shown = range(min(len(raw) - 1, len(starts)))
            return max((starts[i][1] - 1 + len(raw[i]) for i in shown), default=0)
    return 0


def could_be_wrapped(shape: PageShape, previous: str, indent: int, line: str) -> bool:
    """On a page that wraps items, whether the line's first word would not have fitted above.

    `indent` is the column the previous line's text starts at (after the list marker).
    """
    if not shape.wraps_items or not shape.width:
        return False
    first = line.split()[:1]
    return bool(first) and indent - 1 + len(previous.rstrip()) + 1 + len(first[0]) > shape.width


def lost_without_stop(shape: PageShape, previous: str, indent: int, line: str) -> bool:
    """A lazy line after a line with no full stop that is a new item, not the item wrapped.

    `indent` is the column the previous line's text starts at (after the list marker).
    """
    if shape.wraps_items or len(line.split()) < MIN_LINE_WORDS:
        return False
    previous = previous.replace(MASK, "x").rstrip()
    if len(previous.split()) < 2 or CUT.search(previous):
        return False
    word = _ITEM_WORD.match(line.strip())
    if word is None:
        return False
    if shape.width and indent - 1 + len(previous) + 1 + len(word.group(1)) > shape.width:
        return False  # the word would not fit on the line above: the page may have wrapped it
    if _NAME_WORD.match(previous.split()[-1]) and word.group(1) not in shape.starts:
        return False  # "Widget / Studio": a name may go on; "Candidates" starts other lines
    return _starts_item(shape, line)


def run_in_dashes(shape: PageShape, masked_line: str) -> list[int]:
    """Offsets in the line of " - " that run a new item into the one before (no full stop)."""
    found = list(_SPACED_HYPHEN.finditer(masked_line))
    if len(found) != 1 or shape.dashes != 1:
        return []  # the page writes spaced hyphens as dashes: this one is one too
    match = found[0]
    before = masked_line[: match.start()].replace(MASK, "x").rstrip()
    after = masked_line[match.end() :]
    if before.endswith(tuple(".!?;:")) or CUT.search(before):
        return []  # after a sentence end the existing rule speaks; a cut lead is one phrase
    if len(before.split()) < MIN_BEFORE_WORDS or len(after.split()) < MIN_AFTER_WORDS:
        return []
    if _capitalised_share(after) > MAX_NAME_SHARE:
        return []  # "segments - Large Enterprise, Mid-market, SMB": names after a dash
    return [match.start()] if _starts_item(shape, after) else []


def _capitalised_share(text: str) -> float:
    """The share of words after the first that start with a capital (names, not an item)."""
    words = text.split()[1:]
    return sum(word[:1].isupper() for word in words) / len(words) if words else 0.0


def _starts_item(shape: PageShape, text: str) -> bool:
    """The text starts with a word the page never capitalises mid-sentence; a short text also
    with an ordinary word, one the page writes in lower case or starts other lines with (the
    tail of a wrapped item, "Kubernetes and OpenShift", is short and may start with a name)."""
    word = _ITEM_WORD.match(text.strip())
    if word is None or word.group(1) in shape.names:
        return False
    if len(text.split()) >= LONG_ITEM_WORDS:
        return True
    return word.group(1) in shape.starts or word.group(1).casefold() in shape.lower
