"""Word lists for the spelling kind, loaded once per process from installed packages.

- codespell's list of common misspellings (misspelling -> corrections), curated by that project;
- codespell's British-to-American list, whose British spellings are correct words here;
- pyspellchecker's English word-frequency dictionary, which decides whether a word is known and
  ranks correction candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def codespell() -> Mapping[str, tuple[str, ...]]:
    """codespell's main dictionary: misspelling -> its corrections."""
    return _codespell_file("dictionary.txt")


@lru_cache(maxsize=1)
def british() -> frozenset[str]:
    return frozenset(_codespell_file("dictionary_en-GB_to_en-US.txt"))


def _codespell_file(name: str) -> dict[str, tuple[str, ...]]:
    text = resources.files("codespell_lib").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        wrong, _, right = line.partition("->")
        fixes = tuple(part.strip() for part in right.split(",") if part.strip())
        if wrong and fixes:
            out[wrong.strip().lower()] = fixes
    return out


@lru_cache(maxsize=1)
def english() -> Mapping[str, int]:
    """Known English words (lower case) with their frequency."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def edits1(word: str) -> set[str]:
    """Every string one edit (delete, transpose, replace, insert) away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return deletes | transposes | replaces | inserts


def deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class DeleteIndex:
    """Symmetric-delete lookup (as SymSpell does) over a vocabulary of correct words.

    Vocabulary words and queries are both indexed by themselves and their one- and two-letter
    deletes. That finds words within two edits ("serives" -> "services") without generating
    the hundreds of thousands of strings two edits away from a query.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._index: dict[str, set[str]] = {}
        for word in words:
            first = deletes(word)
            for key in {word} | first | {d for key in first for d in deletes(key)}:
                self._index.setdefault(key, set()).add(word)

    def near(self, word: str) -> set[str]:
        keys = {word} | deletes(word)
        keys |= {d for key in list(keys) for d in deletes(key)}
        found: set[str] = set()
        for key in keys:
            found |= self._index.get(key, set())
        return {w for w in found if w != word and distance(word, w) <= 2}


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
