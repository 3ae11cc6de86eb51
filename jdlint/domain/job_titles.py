"""Job titles: the one matching used by every title and grade rule (words: `title_words`).

Real pages write the same title many ways: "Sr. Backend Engineer" and "Senior Backend Engineer",
"Manager, Red Team" and "Red Team Manager", "Director of TAMs" and "Director, Technical Account
Managers", "Tax Analyst (Intermediate)" and "Tax Analyst". Rules compare titles only through
`same_title`, `similarity` and `position` here, so they agree with each other on what counts as
"the same title", and a handbook tunes it in one place (the `titles` config key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jdlint.domain.title_settings import TitleSettings, level_words, title_settings
from jdlint.domain.title_words import (
    ACRONYM_IN_PARENS,
    HEAD_WORDS,
    bare,
    expand,
    head_last,
    key,
    split_tokens,
    words,
)

# Re-exported: the title rules import titles' words and settings from here, with the matching.
__all__ = ["HEAD_WORDS", "TitleSettings", "bare", "key", "level_words", "title_settings", "words"]


#: Words that end (or head) a job title; "Training & Certification" is a heading, not a role.
JOB_NOUNS = frozenset(
    [
        "engineer",
        "manager",
        "director",
        "analyst",
        "specialist",
        "executive",
        "representative",
        "architect",
        "advocate",
        "coordinator",
        "counsel",
        "paralegal",
        "accountant",
        "auditor",
        "designer",
        "writer",
        "researcher",
        "partner",
        "lead",
        "president",
        "officer",
        "consultant",
        "administrator",
        "instructor",
        "agent",
        "recruiter",
        "sourcer",
        "controller",
        "developer",
        "scientist",
        "head",
        "chief",
        "strategist",
        "operator",
        "associate",
        "technician",
        "editor",
        "marketer",
        "producer",
        "leader",
        "owner",
        "planner",
        "generalist",
        "assistant",
        "intern",
        "fellow",
        "evangelist",
        "buyer",
    ]
)


@dataclass(frozen=True, slots=True)
class Position:
    """Where a title sits: its base ("red team") and its step on each ladder (None: not on it)."""

    base: str
    steps: tuple[int | None, ...]
    # "Manager, Renewals" (head first: leads the team) and "Senior Renewals Manager" (an
    # individual contributor) are on different tracks even though their words overlap.
    head_first: bool = False


class TitleIndex:
    """Resolves titles to the titles of one page: exact (word order kept) first, then loose.

    A page may have both "Channel Services Manager" (an individual contributor) and "Manager,
    Channel Services" (who manages them): loosely the same title, yet two roles. A title that
    is exactly one of the page's titles is that one; otherwise it is the one it loosely names.
    """

    def __init__(self, titles: list[str], settings: TitleSettings) -> None:
        self.settings = settings
        self.titles = list(titles)
        self.exact = {key(t, settings, reorder=False) for t in titles}

    def identity(self, title: str) -> str:
        exact = key(title, self.settings, reorder=False)
        if exact in self.exact:
            return exact
        loose = {
            key(t, self.settings, reorder=False)
            for t in self.titles
            if same_title(title, t, self.settings)
        }
        return loose.pop() if len(loose) == 1 else exact


def same_title(
    a: str, b: str, settings: TitleSettings = TitleSettings(), any_order: bool = False
) -> bool:
    """Equal after normalisation, head-first forms, and acronyms ("TAM" = Technical Account
    Manager). With `any_order`, the same words in another order count too ("Junior Account
    Executive - Mid Market"): right for a sentence naming its own role, wrong between the
    roles of a page ("Program Manager, Field Enablement" is not "Manager, Field Enablement
    Programs")."""
    wa, wb = words(a, settings), words(b, settings)
    sa, sb = _spell_acronyms(wa, wb), _spell_acronyms(wb, wa)
    if any_order:
        return any(sorted(x) == sorted(y) for x, y in ((wa, wb), (sa, wb), (wa, sb)))
    return wa == wb or sa == wb or sb == wa


def _spell_acronyms(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[str, ...]:
    """Replace each token of `short` that is the initials of a run of words in `long`."""
    out: list[str] = []
    for token in short:
        spelt = None
        if 2 <= len(token) <= 5 and token not in long and token.isalpha():
            size = len(token)
            for i in range(len(long) - size + 1):
                run = long[i : i + size]
                if "".join(w[0] for w in run) == token:
                    spelt = run
                    break
        out.extend(spelt or (token,))
    return tuple(out)


def similarity(a: str, b: str, settings: TitleSettings = TitleSettings()) -> float:
    """0-100: rapidfuzz token-sort ratio of the normalised titles."""
    from rapidfuzz import fuzz  # imported when a title is first compared, not at start-up

    return float(fuzz.token_sort_ratio(key(a, settings), key(b, settings)))


def is_near(a: str, b: str, settings: TitleSettings = TitleSettings()) -> bool:
    return same_title(a, b, settings) or similarity(a, b, settings) >= settings.similarity


def near_miss(a: str, b: str, settings: TitleSettings = TitleSettings()) -> bool:
    """`a` is a misspelt copy of `b`: the same words but one, which is a near spelling
    ("Manger, Solutions Architect"). A shorter title ("Manager, Professional Services") may be
    a real, broader role, so it is no near miss."""
    return one_word_apart(
        tuple(key(a, settings, reorder=False).split()),
        tuple(key(b, settings, reorder=False).split()),
    )


def one_word_apart(wa: tuple[str, ...], wb: tuple[str, ...]) -> bool:
    """`near_miss` on titles already split into words (for comparing against many titles)."""
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    differ = [(x, y) for x, y in zip(wa, wb) if x != y]
    from rapidfuzz import fuzz

    return len(differ) == 1 and fuzz.ratio(*differ[0]) >= 75


@lru_cache(maxsize=8192)
def position(title: str, settings: TitleSettings) -> Position:
    """The title's step on each ladder, and what is left (its base) once level words are removed.

    Cached: a handbook asks for the same few hundred titles tens of thousands of times
    (matrix rows, grade order, grade conflicts across pages)."""
    tokens = list(words(title, settings))
    steps: list[int | None] = [ladder.default_step() for ladder in settings.ladders]
    assigned: set[int] = set()
    for phrase, index, step in _ladder_phrases(settings):
        if index in assigned:
            continue
        at = _find(tokens, phrase)
        if at >= 0:
            steps[index] = step
            assigned.add(index)
            del tokens[at : at + len(phrase)]
    raw = [t.strip("'") for t in split_tokens(re.sub(r"\s[-–—]\s", " , ", title.lower()))]
    raw = expand(raw, settings.abbreviations)
    head_first = head_last(raw) != raw
    return Position(" ".join(tokens), tuple(steps), head_first)


@lru_cache(maxsize=16)
def _ladder_phrases(settings: TitleSettings) -> tuple[tuple[tuple[str, ...], int, int], ...]:
    """Every level phrase of every ladder as (words, ladder index, step), longest first."""
    return tuple(
        sorted(
            (
                (tuple(phrase.split()), index, step)
                for index, ladder in enumerate(settings.ladders)
                for step, names in enumerate(ladder.steps)
                for phrase in names
            ),
            key=lambda item: -len(item[0]),
        )
    )


def _find(tokens: list[str], phrase: tuple[str, ...]) -> int:
    for i in range(len(tokens) - len(phrase) + 1):
        if tuple(tokens[i : i + len(phrase)]) == phrase:
            return i
    return -1


def is_job_title(title: str, settings: TitleSettings = TitleSettings()) -> bool:
    """ "Manager, Security" and "Paralegal" are job titles; "Operations" is a heading."""
    return bool(set(words(title, settings)) & JOB_NOUNS)


def title_pattern(title: str) -> str | None:
    """How a management title is written: "comma" (Manager, Red Team), "of" (Director of
    Security), "suffix" (Red Team Manager); None for titles without a head word."""
    tokens = " ".join(split_tokens(ACRONYM_IN_PARENS.sub(" ", title).lower())).split()
    text = " ".join(expand(tokens, (("vp", "vice president"),)))
    for head in HEAD_WORDS[:4]:
        if re.match(rf"^(?:senior |associate )?{head} ,", text):
            return "comma"
        if re.match(rf"^(?:senior |associate )?{head} of ", text):
            return "of"
        if re.search(rf"\w {head}$", text) and "," not in text:
            return "suffix"
    return None
