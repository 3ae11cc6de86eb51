"""Case-insensitive patterns searched only in texts that hold one of their key words.

A case-insensitive alternation such as `\\b(?:job\\s+)?grades?\\b` gives `re` no literal to
skip to, so a search tries it at every position of every run of text: on the corpora that is
ten times the cost of looking for the key word in the lower-cased text first, and most runs
hold none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class GatedPattern:
    """`pattern`, and the lower-case ASCII `words` one of which every match of it contains.

    The gate is exact: an ASCII text without any of the words cannot match. A text with other
    characters is always searched, because `re.IGNORECASE` also matches "ı", "İ", "ſ" and the
    Kelvin sign to ASCII letters, which `str.lower` does not give.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]

    def may_match(self, text: str, lower: str | None = None) -> bool:
        """Whether `text` may match (`lower`: `text.lower()`, when the caller has it)."""
        if not text.isascii():
            return True
        lower = text.lower() if lower is None else lower
        return any(word in lower for word in self.words)

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """The pattern's matches in `text`, searched only if it may match."""
        if self.may_match(text, lower):
            yield from self.pattern.finditer(text)
