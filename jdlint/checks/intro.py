"""Sentences that introduce lists: the colon, the cue words, the count they announce.

Shared by the list checks (JD105, JD108, JD109). A label such as "Renewal/account intake:" is
not an intro sentence (JD106 deals with labels); "...through the following channels:" and
"...includes four distinct positions:" are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdlint.document.marks import MASK

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUMBER = r"(?P<number>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# A count before a plural noun, with up to three words between: "four distinct positions".
_COUNT = re.compile(
    r"(?<![\w.$%-])" + _NUMBER + r"\s+(?P<words>(?:[\w-]+\s+){0,3}?)(?P<noun>[a-z]{3,}s)\b",
    re.IGNORECASE,
)
# Units and approximations: "three times daily", "at least two of", "up to five".
_NOT_A_COUNT_NOUN = re.compile(
    r"^(?:times|minutes|mins|hours|days|weeks|months|years|percent|points|seconds|yrs)$", re.I
)
_APPROXIMATE = re.compile(
    r"(?:at\s+least|up\s+to|more\s+than|fewer\s+than|less\s+than|over|under|about|around|"
    r"approximately|minimum\s+of|maximum\s+of|one\s+of|any|of\s+the|in|for|every|per)\s+$",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"\b(?:following|as\s+follows|below|include[sd]?|including|consists?\s+of|compris(?:e|es|ed)|"
    r"such\s+as|here\s+(?:are|is)|these|listed)\b",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_TRAILING_MARKUP = re.compile(r"[\s*_]+$")


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    phrase: str  # "four distinct positions"


def ends_with_colon(line: str) -> bool:
    """True for a line whose prose ends with ":" (closing emphasis markers ignored)."""
    stripped = _TRAILING_MARKUP.sub("", line.replace(MASK, " "))
    return stripped.endswith(":")


def _prose(line: str) -> str:
    """The line without parentheticals, masked parts and the final colon, for cue matching."""
    text = _TRAILING_MARKUP.sub("", line.replace(MASK, " ")).rstrip(":")
    return _PARENTHESES.sub(" ", text)


def announced_count(line: str) -> Count | None:
    """The number of items an intro line announces, if it states one exactly."""
    text = _prose(line)
    for match in _COUNT.finditer(text):
        if _NOT_A_COUNT_NOUN.match(match.group("noun")):
            continue
        if _APPROXIMATE.search(text[: match.start()]):
            continue
        number = match.group("number").lower()
        value = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if value < 2:
            continue
        return Count(value, " ".join(match.group(0).split()))
    return None


def is_intro_sentence(line: str) -> bool:
    """A line that announces a list: ends with ":" and says "following", "include", a count."""
    if not ends_with_colon(line):
        return False
    text = _prose(line)
    return bool(_CUE.search(text)) or announced_count(line) is not None


def quote(text: str, limit: int = 70) -> str:
    """A short excerpt for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
