"""Case-insensitive patterns searched only in texts that hold one of their key words.

A case-insensitive alternation such as `\\b(?:job\\s+)?grades?\\b` gives `re` no literal to
skip to, so a search tries it at every position of every run of text: on the corpora that is
ten times the cost of looking for the key word in the lower-cased text first, and most runs
hold none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


def literal_gate(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern found in a text exactly when the text holds one of `words` (as substrings):
    one scan in C instead of a Python-level `in` test per word, on every run of a page."""
    return re.compile("|".join(re.escape(word) for word in words))


@dataclass(frozen=True)
class GatedPattern:
    """`pattern`, and the lower-case ASCII `words` one of which every match of it contains.

    The gate is exact: an ASCII text without any of the words cannot match. A text with other
    characters is always searched, because `re.IGNORECASE` also matches "ı", "İ", "ſ" and the
    Kelvin sign to ASCII letters, which `str.lower` does not give.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    _gate: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_gate", literal_gate(self.words))

    def may_match(self, text: str, lower: str | None = None) -> bool:
        """Whether `text` may match (`lower`: `text.lower()`, when the caller has it)."""
        if not text.isascii():
            return True
        return self._gate.search(text.lower() if lower is None else lower) is not None

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """The pattern's matches in `text`, searched only if it may match."""
        if self.may_match(text, lower):
            yield from self.pattern.finditer(text)
