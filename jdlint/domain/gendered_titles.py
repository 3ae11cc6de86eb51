"""Gendered job titles: the shipped word list (`rules/gendered-titles/`) and how to find them.

One place knows which title words are gendered and what to write instead, so the check
(JD305), the export's per-role flag and the report agree. Matching is by whole word in any
case: "Salesman" but not "Salesmanship", "Manchester", "Human" or "Woman-owned".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jdlint.config.yaml_loader import YAMLBounds, load_bounded
from jdlint.fs.shipped import packs

FOLDER = "gendered-titles"
SCHEMA = "gendered-titles.schema.json"


@dataclass(frozen=True, slots=True)
class GenderedTerm:
    written: str  # as the list spells it: "Salesman"
    alternatives: tuple[str, ...]  # neutral titles, the preferred first


@dataclass(frozen=True, slots=True)
class TitleWords:
    terms: Mapping[str, GenderedTerm]  # lower-cased key -> term
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class GenderedMatch:
    start: int
    end: int
    found: str  # as written in the text
    term: GenderedTerm
    possessive: bool  # "Chairman's award": names a person or office, not a role title

    @property
    def replacement(self) -> str:
        return match_case(self.found, self.term.alternatives[0])


def parse_word_list(data: Mapping[str, Any]) -> dict[str, GenderedTerm]:
    """The `titles` mapping of one list file (already schema-valid) as terms by lower key."""
    out: dict[str, GenderedTerm] = {}
    for written, alternatives in data["titles"].items():
        key = " ".join(str(written).lower().split())
        out[key] = GenderedTerm(str(written), tuple(str(a) for a in alternatives))
    return out


@lru_cache(maxsize=1)
def title_words() -> TitleWords:
    """Every shipped list merged (files in name order; a later file's entry wins)."""
    terms: dict[str, GenderedTerm] = {}
    folder = packs().joinpath(FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yml", ".yaml")):
            data, _ = load_bounded(entry.read_text(encoding="utf-8"), YAMLBounds())
            terms.update(parse_word_list(data))
    return TitleWords(terms, compile_words(terms))


def compile_words(terms: Mapping[str, GenderedTerm]) -> re.Pattern[str]:
    """Whole words only: no letter, digit, apostrophe or hyphen may touch a match on either
    side ("Woman-owned", "Salesmanship"), except a possessive "'s" after it."""
    keys = sorted(terms, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in key.split()) for key in keys)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])(?P<poss>['’]s\b)?", re.IGNORECASE)


def find_gendered(text: str, words: TitleWords | None = None) -> Iterator[GenderedMatch]:
    """Gendered title words in `text` (masked prose: code and URLs already blanked)."""
    words = words or title_words()
    if not text:
        return
    for match in words.pattern.finditer(text):
        end = match.start("poss") if match.group("poss") else match.end()
        found = text[match.start() : end]
        term = words.terms[" ".join(found.lower().split())]
        yield GenderedMatch(match.start(), end, found, term, bool(match.group("poss")))


def neutral_title(title: str, words: TitleWords | None = None) -> str | None:
    """The title with every gendered word replaced by its first alternative, or None when it
    has none (what the export offers and the unsafe fix writes)."""
    found = [m for m in find_gendered(title, words) if not m.possessive]
    if not found:
        return None
    out = title
    for item in reversed(found):
        out = out[: item.start] + item.replacement + out[item.end :]
    return out


def match_case(found: str, alternative: str) -> str:
    """ "SALESMAN" -> "SALESPERSON", "salesman" -> "salesperson", else as the list writes it."""
    letters = [c for c in found if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return alternative.upper()
    if letters and all(c.islower() for c in letters):
        return alternative.lower()
    return alternative
