"""Where a title sits on a career ladder: its normalised form and its seniority.

The export and the report compare titles across pages ("Sr. Backend Engineer" on one page is
"Senior Backend Engineer" on another) with the title rules' own normaliser, and order a
family's roles from the most junior up.
"""

from __future__ import annotations

import re

from jdlint.domain.job_titles import key
from jdlint.domain.title_settings import TitleSettings, title_settings

#: Words that place an individual contributor on the ladder (higher is more senior).
_LEVEL_WORDS = {
    "intern": -2,
    "junior": -1,
    "associate": -1,
    "intermediate": 0,
    "senior": 1,
    "staff": 2,
    "principal": 3,
    "distinguished": 4,
    "fellow": 5,
}
#: Words that make a title a management tier; the tier outranks any level word.
_TIER_WORDS = {"lead": 1, "manager": 2, "head": 3, "director": 3, "vice president": 4, "chief": 5}
_CHIEF_ACRONYM = re.compile(r"^c[a-z]?[a-z]o$")  # ceo, cfo, cto, ciso, cro, cmo


def normalise_title(title: str, settings: TitleSettings | None = None) -> str:
    """The comparison key the title rules use (`jdlint.domain.job_titles.key`), keeping word
    order: "Sr. Backend Engineer" and "Senior Backend Engineer" are the same title, while
    "Manager, Analyst Relations" (a people manager) and "Analyst Relations Manager" (an
    individual contributor) stay different roles, as they are in real handbooks. Export, report
    and checks share it, so they agree on what "the same title" means."""
    return key(title, settings or title_settings({}), reorder=False)


def seniority(title: str) -> tuple[int, int]:
    """(management tier, level) from the words of a title: larger is more senior.

    "Senior Manager" is (2, 1), "Staff Engineer" is (0, 2), "Engineer" is (0, 0). Titles
    without ladder words sit at the intermediate level of individual contributors.
    """
    text = normalise_title(title)
    words = re.split(r"[\s/]+", text)
    tier = 0
    for word, rank in _TIER_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            tier = max(tier, rank)
    if any(_CHIEF_ACRONYM.match(word) for word in words):
        tier = max(tier, _TIER_WORDS["chief"])
    levels = [_LEVEL_WORDS[word] for word in words if word in _LEVEL_WORDS]
    level = max(levels, key=abs) if levels else 0
    return tier, level


def ladder_key(title: str, grade: tuple[float, ...]) -> tuple[float, int, int, str]:
    """Sort key for a ladder: by grade, then seniority words, then title; no grade last."""
    tier, level = seniority(title)
    first = min(grade) if grade else float("inf")
    return first, tier, level, normalise_title(title)
