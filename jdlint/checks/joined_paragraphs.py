"""Two paragraphs run together without a blank line, as JD502 must not read them as drift.

A copy of a boilerplate paragraph followed, on the next source line, by another paragraph that
the handbook writes on its own elsewhere ("Additional details about our process...") renders
as one paragraph, but its wording did not drift: the standard text is whole and the rest is a
different standard text. Drift reports then keep only what the standard text itself lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from jdlint.checks.paragraphs import Paragraph, words
from jdlint.document.marks import MASK
from jdlint.model import Inline

SAME_TEXT = 0.9  # word similarity from which the lines before the break are the standard text
MIN_PAGES = 2  # pages that write the rest as a paragraph of its own


def standalone_texts(paragraphs: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Paragraph texts (folded words) written on MIN_PAGES pages or more, from (page, text)."""
    pages: dict[str, set[str]] = {}
    for page, text in paragraphs:
        pages.setdefault(standalone_key(text), set()).add(page)
    return frozenset(text for text, found in pages.items() if len(found) >= MIN_PAGES)


@lru_cache(maxsize=1 << 16)  # a pure memo: each of every page's paragraphs, run after run
def standalone_key(text: str) -> str:
    """A paragraph's text as `standalone_texts` holds it (and `runs_into_another` asks). Asked
    of every paragraph of every page by each run of JD502 and by its counts (an editor's
    keystroke runs both)."""
    return " ".join(_folded_words([text]))


def possible_rests(inline: Inline) -> set[str]:
    """Every text `runs_into_another` may look up in the standalone texts for a paragraph
    of this text as the variant: what follows each of its line breaks."""
    lines = inline.masked.split("\n")
    return {" ".join(_folded_words(lines[cut:])) for cut in range(1, len(lines))}


def runs_into_another(canonical: Paragraph, variant: Paragraph, standalone: frozenset[str]) -> bool:
    """The variant is the whole canonical text, then (from a new line) a standalone paragraph."""
    lines = variant.inline.masked.split("\n")
    if variant.kind != "paragraph" or len(lines) < 2:
        return False
    target = [word.casefold() for word in canonical.words]
    for cut in range(1, len(lines)):
        head = _folded_words(lines[:cut])
        if len(head) < len(target) - 2:
            continue
        if SequenceMatcher(None, target, head, autojunk=False).ratio() < SAME_TEXT:
            return False
        rest = " ".join(_folded_words(lines[cut:]))
        return bool(rest) and rest in standalone
    return False


def _folded_words(lines: list[str]) -> list[str]:
    return [word.casefold() for word in words(" ".join(lines).replace(MASK, " "))]
