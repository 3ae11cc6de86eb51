"""Section names: recognise what a heading means despite wording, prefixes and typos.

Real pages write "Responsibiltiies", "Job Grade" or "Senior Manager, Red Team Job Grade";
checks compare the canonical names returned here, never raw heading text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Sections every role has (or inherits from the family's shared sections).
ROLE_SECTIONS: dict[str, tuple[str, ...]] = {
    "Job Grade": ("job grade", "grade", "job grades", "grade level", "job level"),
    "Responsibilities": (
        "responsibilities",
        "job responsibilities",
        "key responsibilities",
        "role responsibilities",
        "primary responsibilities",
        "primary job responsibilities",
        "core responsibilities",
        "general responsibilities",
        "what you'll do",
        "what you will do",
        "duties",
    ),
    "Requirements": (
        "requirements",
        "job requirements",
        "minimum requirements",
        "qualifications",
        "minimum qualifications",
        "what you'll bring",
        "what you will bring",
        "skills and experience",
    ),
    "Nice-to-haves": (
        "nice to have",
        "nice to haves",
        "nice-to-haves",
        "nice-to-have",
        "preferred qualifications",
        "preferred requirements",
        "bonus points",
    ),
    "Specialties": ("specialties", "specialities", "specializations", "specialisations"),
    "Expertise": ("expertise", "areas of expertise"),
}

#: Sections that describe the whole family, not one role.
FAMILY_SECTIONS: dict[str, tuple[str, ...]] = {
    "Performance Indicators": (
        "performance indicators",
        "performance indicator",
        "key performance indicators",
        "kpis",
        "metrics",
        "performance",
    ),
    "Career Ladder": ("career ladder", "career path", "career progression", "career paths"),
    "Hiring Process": ("hiring process", "interview process", "hiring", "stages"),
    "Compensation": ("compensation", "compensation calculator", "compensation and benefits"),
    "Location Specific Requirements": (
        "location specific requirements",
        "location-specific requirements",
    ),
    "Levels": ("levels", "job levels", "roles", "positions", "job titles"),
    "Job Family Matrix": ("job family matrix", "matrix", "job grade matrix", "role matrix"),
    "About GitLab": ("about gitlab", "about us", "why gitlab", "additional details"),
}

_ALL: dict[str, tuple[str, bool]] = {}
for _name, _aliases in ROLE_SECTIONS.items():
    for _alias in _aliases:
        _ALL[_alias] = (_name, False)
for _name, _aliases in FAMILY_SECTIONS.items():
    for _alias in _aliases:
        _ALL[_alias] = (_name, True)
_LONGEST_ALIAS_WORDS = max(len(alias.split()) for alias in _ALL)
#: Aliases long enough for typo matching, by word count (a typo does not add or drop a word).
_FUZZY_BY_WORDS: dict[int, tuple[tuple[str, str, bool], ...]] = {}
for _alias, (_name, _family) in _ALL.items():
    if len(_alias) >= 8:
        _words = _alias.count(" ") + 1
        _FUZZY_BY_WORDS[_words] = (*_FUZZY_BY_WORDS.get(_words, ()), (_alias, _name, _family))

#: Job-ad phrasings of the role sections ("As an SRE you will", "You may be a fit if ...").
_PHRASES = (
    (re.compile(r"^as an? [\w ']+ you will$"), "Responsibilities"),
    (re.compile(r"^what you can expect\b"), "Responsibilities"),
    (re.compile(r"^you (?:may|might|could) be a (?:good |great )?fit\b"), "Requirements"),
)

_NON_WORD = re.compile(r"[^\w'\- ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SectionName:
    name: str  # canonical name
    family: bool  # a family-wide section
    prefix: str  # text before the section words ("Senior Manager, Red Team"), else ""
    exact: bool  # False when recognised through a typo


def normalise_heading(text: str) -> str:
    """Lower case, markup and trailing punctuation dropped, whitespace folded."""
    text = text.replace("*", "").replace("_", " ").replace("’", "'")
    text = _NON_WORD.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip(" -")


@lru_cache(maxsize=4096)
def classify(heading: str) -> SectionName | None:
    """The section a heading names, whole ("Requirements") or after a prefix.

    Memoised: a page asks about the same heading several times, a handbook repeats headings.
    """
    words = normalise_heading(heading).split()
    if not words:
        return None
    joined = " ".join(words)
    whole = _match(joined)
    if whole is None and words[-1] == "matrix":
        whole = ("Job Family Matrix", True, True)
    if whole is None:
        whole = next(((n, False, True) for p, n in _PHRASES if p.match(joined)), None)
    if whole:
        return SectionName(whole[0], whole[1], "", whole[2])
    for size in range(min(_LONGEST_ALIAS_WORDS, len(words) - 1), 0, -1):
        found = _match(" ".join(words[-size:]))
        # Typos count after a prefix only in long single words ("... Responsibiliites").
        exact_enough = found is not None and (found[2] or (size == 1 and len(words[-1]) >= 10))
        if found and exact_enough and not found[1]:
            prefix = _prefix_text(heading, size)
            return SectionName(found[0], found[1], prefix, True)
    return None


def classify_all(heading: str) -> tuple[SectionName, ...]:
    """Like `classify`, but "Responsibilities & Requirements" names both sections."""
    parts = re.split(r"\s+(?:&|and)\s+", heading)
    if len(parts) == 2:
        first, second = classify(parts[0]), classify(parts[1])
        if first is not None and second is not None and not first.family and not second.family:
            return (first, SectionName(second.name, second.family, first.prefix, second.exact))
    found = classify(heading)
    return (found,) if found is not None else ()


def _prefix_text(heading: str, suffix_words: int) -> str:
    raw_words = heading.replace("*", "").split()
    return " ".join(raw_words[: len(raw_words) - suffix_words]).strip(" ,:-")


def _match(text: str) -> tuple[str, bool, bool] | None:
    hit = _ALL.get(text)
    if hit:
        return hit[0], hit[1], True
    if len(text) < 8:
        return None
    limit = 1 if len(text) < 12 else 2
    for alias, name, family in _FUZZY_BY_WORDS.get(text.count(" ") + 1, ()):
        if abs(len(alias) - len(text)) > limit or alias[0] != text[0]:
            continue  # typos keep the first letter; this skips almost every alias cheaply
        if osa_distance(alias, text, limit) <= limit:
            return name, family, False
    return None


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (edits with adjacent transpositions), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
