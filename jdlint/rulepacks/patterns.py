"""Regular expressions from rule packs: compiled with limits, run with a time limit.

Pack patterns come from YAML that anyone can edit, so a careless pattern must not hang CI:
each is length-capped when the pack loads and every search runs with the `regex` package's
`timeout=` (the standard `re` module has no way to stop a runaway backtracking search).

The shipped packs are trusted (the test suite runs every pattern of them): their patterns are
compiled with the standard `re` module when it accepts them, which searches 2-3 times faster
than `regex` with a timeout; a pattern only `regex` understands keeps `regex`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from jdlint.document.marks import MASK
from jdlint.errors import ConfigError

MAX_PATTERN_LENGTH = 1000  # characters in one pattern as written in a pack
MAX_TERMS = 5000  # terms in one rule
TIMEOUT = 0.5  # seconds for one search over one paragraph
# Word boundaries that also treat masked text (code, URLs) as a boundary it cannot cross into.
_BEFORE = r"(?<![\w\-" + MASK + r"])"
_AFTER = r"(?![\w" + MASK + r"]|-\w)"


class PatternTimeout(Exception):
    """A pack pattern took longer than TIMEOUT on one paragraph."""


@dataclass(frozen=True)
class Origin:
    """Where a pack rule came from, for error messages: file and rule name.

    `trusted` packs (the shipped ones, validated by the test suite) compile their patterns on
    first use, so a run that needs none of them (a warm cache) does not pay for them.
    """

    path: str
    rule: str
    trusted: bool = False

    def error(self, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: rule {self.rule!r}: {problem}")


def compile_pattern(text: str, origin: Origin, *, ignorecase: bool = False) -> regex.Pattern[str]:
    """A pattern as written in a pack, length-capped."""
    if len(text) > MAX_PATTERN_LENGTH:
        raise origin.error(f"pattern is {len(text)} characters long (limit {MAX_PATTERN_LENGTH})")
    return _compile(text, origin, ignorecase)


class LazyPattern:
    """A trusted pattern, compiled the first time a search needs it.

    ASCII texts (98% of the texts packs search in the corpora) are searched by `re` when it
    reads the pattern; other texts by `regex`, since the two part ways on some non-ASCII
    characters (see `standard`).
    """

    def __init__(self, text: str, flags: int) -> None:
        self.text = text
        self.flags = flags
        self._standard: re.Pattern[str] | None | bool = False  # False: not tried yet
        self._compiled: regex.Pattern[str] | None = None

    def compiled(self, ascii_text: bool = True) -> re.Pattern[str] | regex.Pattern[str]:
        """What searches a text: `re` for ASCII text when it can, else `regex`."""
        if ascii_text:
            if self._standard is False:
                self._standard = standard(self.text, self.flags)
            if isinstance(self._standard, re.Pattern):
                return self._standard
        if self._compiled is None:
            self._compiled = regex.compile(self.text, self.flags)
        return self._compiled

    def finditer(self, text: str, timeout: float | None = None) -> Iterator[regex.Match[str]]:
        compiled = self.compiled(text.isascii())
        if isinstance(compiled, re.Pattern):
            return compiled.finditer(text)  # type: ignore[return-value]
        return compiled.finditer(text, timeout=timeout)


def standard(text: str, flags: int) -> re.Pattern[str] | None:
    """`text` compiled by `re`, else None (a pattern only `regex` reads keeps `regex`).

    On ASCII text `re` and `regex` version 0 read the patterns packs write alike
    (tests/test_trusted_patterns compares every shipped pattern on the fixtures and corpora);
    they part ways on some other characters (`\\w` on a combining mark or "½"), which
    therefore stay with `regex`.
    `re` warns (FutureWarning) where a later Python may read a pattern differently, such as
    a "[[" that could become a nested set: such a pattern stays with `regex` too. `re` has no
    time limit: a shipped pattern is one the test suite ran.
    """
    standard_flags = re.IGNORECASE if flags & regex.IGNORECASE else 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return re.compile(text, standard_flags)
        except (re.error, Warning, RecursionError, OverflowError):
            return None


def _compile(text: str, origin: Origin, ignorecase: bool) -> regex.Pattern[str]:
    flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0)
    if origin.trusted:
        return LazyPattern(text, flags)  # type: ignore[return-value]
    try:
        return regex.compile(text, flags)
    except regex.error as error:
        raise origin.error(f"invalid regular expression {text[:80]!r}: {error}") from error


def compile_terms(
    terms: Iterable[str], origin: Origin, *, literal: bool, ignorecase: bool
) -> regex.Pattern[str]:
    """One word-bounded alternation; term i is group `t{i}` (see `which`)."""
    items = list(terms)
    if len(items) > MAX_TERMS:
        raise origin.error(f"{len(items)} terms (limit {MAX_TERMS})")
    parts = []
    for number, term in enumerate(items):
        body = regex.escape(term) if literal else term
        if not origin.trusted:
            compile_pattern(body, origin, ignorecase=ignorecase)  # report a bad term by itself
        parts.append(f"(?P<t{number}>{body})")
    # Longer alternatives first, so "Ruby on Rails" wins over "Ruby".
    order = sorted(range(len(parts)), key=lambda i: -len(items[i]))
    body = "|".join(parts[i] for i in order)
    return _compile(_BEFORE + "(?:" + body + ")" + _AFTER, origin, ignorecase)


def which(match: regex.Match[str], count: int) -> int:
    """The index of the term an alternation from `compile_terms` matched."""
    for number in range(count):
        if match.group(f"t{number}") is not None:
            return number
    return 0


def search_all(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """`finditer` with the time limit; raises PatternTimeout instead of hanging."""
    found, timeout = _search(pattern, text)
    yield from found
    if timeout is not None:
        raise PatternTimeout(timeout)


def may_match(pattern: regex.Pattern[str], text: str) -> bool:
    """Whether `search_all` would yield a match or give up on `text` (most texts: neither)."""
    found, timeout = _search(pattern, text)
    return bool(found) or timeout is not None


@lru_cache(maxsize=1 << 14)
def _search(
    pattern: regex.Pattern[str], text: str
) -> tuple[tuple[regex.Match[str], ...], str | None]:
    """Every match of `pattern` in `text`, and the time-out message if the search gave up.

    A memo of matches, which are immutable: boilerplate repeats the same texts on every page,
    and each pack rule searches every text. A search that timed out is remembered with the
    matches it found first, so a runaway pattern costs its time limit once per distinct text.
    """
    found: list[regex.Match[str]] = []
    try:
        for match in pattern.finditer(text, timeout=TIMEOUT):
            found.append(match)
    except TimeoutError as error:
        return tuple(found), str(error)
    return tuple(found), None


def excepted(exceptions: tuple[regex.Pattern[str], ...], text: str, start: int, end: int) -> bool:
    """True when [start, end) lies inside a match of one of the exception patterns."""
    for pattern in exceptions:
        for match in search_all(pattern, text):
            if match.start() <= start and end <= match.end():
                return True
            if match.start() > start:
                break
    return False
