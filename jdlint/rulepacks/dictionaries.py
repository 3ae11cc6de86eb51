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
    text = (
        resources.files("codespell_lib").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    )
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


class NearIndex:
    """Words of a vocabulary within two edits of a query that start with the same letter.

    Spelling slips keep the first letter (see `spelling._slip`), so only words starting with
    the query's letter and at most two letters longer or shorter are looked at. Two cheap
    necessary conditions rule out most of them before the exact `distance`: each edit brings at
    most one letter the other word lacks, so each side has at most two letters missing from the
    other (compared as bit masks). Building costs one mask per word, so an index that answers
    a handful of queries is cheap, unlike indexing every word's deletes.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._buckets: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for word in words:
            if word:
                self._buckets.setdefault((word[0], len(word)), []).append((word, _mask(word)))

    def near(self, word: str) -> set[str]:
        if not word:
            return set()
        mine = _mask(word)
        found: set[str] = set()
        for length in range(len(word) - 2, len(word) + 3):
            for other, theirs in self._buckets.get((word[0], length), ()):
                if (
                    (theirs & ~mine).bit_count() <= 2
                    and (mine & ~theirs).bit_count() <= 2
                    and other != word
                    and distance(word, other) <= 2
                ):
                    found.add(other)
        return found


def _mask(word: str) -> int:
    """The letters of a word as bits (letters may share a bit: the tests stay necessary)."""
    bits = 0
    for char in word:
        bits |= 1 << (ord(char) & 63)
    return bits


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
