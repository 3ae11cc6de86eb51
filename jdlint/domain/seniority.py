"""Where a title sits on a career ladder: its normalised form and its seniority.

The export and the report compare titles across pages ("Sr. Backend Engineer" on one page is
"Senior Backend Engineer" on another) and order a family's roles from the most junior up. This is a
small local normaliser for that; when `jdlint.domain.job_titles` (the title rules' normaliser) lands,
`normalise_title` should delegate to it so that checks and exports agree on what "the same
title" means.
"""

from __future__ import annotations

import re
import unicodedata

_ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "assoc": "associate",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
}
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_PUNCTUATION = re.compile(r"[^\w&/,'\s]+")
_SPACES = re.compile(r"\s+")

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


def _expand(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    text = _PARENTHESES.sub(" ", text)
    text = _PUNCTUATION.sub(" ", text)
    words = [_ABBREVIATIONS.get(word, word) for word in re.split(r"(\W)", text)]
    return _SPACES.sub(" ", "".join(words)).strip()


def normalise_title(title: str) -> str:
    """A comparison key: "Sr. Backend Engineer" and "Senior Backend Engineer" -> the same.

    Lower case, abbreviations spelt out, punctuation dropped, "intermediate" dropped (it is the
    unmarked level), a level in parentheses moved to the front ("Engineer (Associate)" is
    "associate engineer") and other parentheses dropped ("(CSM)"). Word order is kept:
    "Manager, Analyst Relations" (a people manager) and "Analyst Relations Manager" (an
    individual contributor) are different roles in real handbooks.
    """
    text = unicodedata.normalize("NFKC", title)
    levels = [
        inner.strip().lower()
        for inner in _PARENTHESES.findall(text)
        if inner.strip().lower() in _LEVEL_WORDS
    ]
    text = _expand(" ".join([*levels, text]))
    text = re.sub(r"\bintermediate\b", " ", text).replace(",", " ")
    return _SPACES.sub(" ", text).strip()


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
