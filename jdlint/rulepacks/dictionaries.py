"""Word lists for the spelling kind, loaded once per process from installed packages.

- codespell's list of common misspellings (misspelling -> corrections), curated by that project;
- codespell's British-to-American list, whose British spellings are correct words here;
- pyspellchecker's English word-frequency dictionary, which decides whether a word is known and
  ranks correction candidates.

Every CLI run that checks spelling pays for loading them, so they are read the cheapest exact
way: straight from the installed packages' files (never copied into jdlint, so they cannot
drift from the versions installed, and codespell's lists keep their CC BY-SA terms), in one
pass each, and codespell's corrections are split out of their line only for the few
misspellings a run looks up. `tests/test_fast_paths.py` compares them with the plain readers.
Each list read is kept as a data-only copy in the user's cache directory, which later runs read
in a third of the time (`word_copies`).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import cast

from jdlint.rulepacks.word_copies import copied

LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Corrections(Mapping[str, tuple[str, ...]]):
    """codespell's misspellings (lower case) -> their corrections, split on first use."""

    def __init__(self, entries: Mapping[str, str]) -> None:
        self._entries = entries  # misspelling -> the text after "->" on its line

    def __getitem__(self, wrong: str) -> tuple[str, ...]:
        return _fixes(self._entries[wrong])

    def __contains__(self, wrong: object) -> bool:
        return wrong in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@lru_cache(maxsize=1)
def codespell() -> Mapping[str, tuple[str, ...]]:
    """codespell's main dictionary: misspelling -> its corrections."""
    return Corrections(_codespell_file("dictionary.txt"))


@lru_cache(maxsize=1)
def british() -> frozenset[str]:
    return frozenset(_codespell_file("dictionary_en-GB_to_en-US.txt"))


def _codespell_file(name: str) -> dict[str, str]:
    source = _package_file("codespell_lib", "data", name)
    found = copied(source, lambda: codespell_entries(source.read_text("utf-8")))
    return cast(dict[str, str], found)


def codespell_entries(text: str) -> dict[str, str]:
    """Lines `wrong->right1, right2,` as wrong (lower case) -> the raw right-hand side.

    A line without any correction is skipped (and does not hide an earlier line for the same
    word): its right-hand side is nothing but commas and spaces.
    """
    return {
        wrong.strip().lower(): right
        for wrong, _, right in (line.partition("->") for line in text.splitlines())
        if wrong and right.replace(",", "").strip()
    }


def _fixes(right: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in right.split(",") if part.strip())


@lru_cache(maxsize=1)
def english() -> Mapping[str, int]:
    """Known English words (lower case) with their frequency.

    pyspellchecker's `en` word list, read from its gzipped JSON directly: building a
    `SpellChecker` to get the same dictionary costs about twice as much.
    """
    source = _package_file("spellchecker", "resources", "en.json.gz")
    found = copied(source, lambda: json.loads(gzip.decompress(source.read_bytes())))
    return cast(dict[str, int], found)


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package: importing
    codespell_lib loads its whole command-line program, which the lists do not need."""
    spec = find_spec(package)
    folders = spec.submodule_search_locations if spec else None
    if not folders:
        raise ModuleNotFoundError(f"the package {package!r} is not installed", name=package)
    return Path(next(iter(folders))).joinpath(*parts)


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
