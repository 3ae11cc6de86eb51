"""Word forms for the spelling kind: how a word relates to dictionary words.

Pure functions and constants, no rule state: what `spelling_judge` asks of a word (its base,
its inflections and British spellings, whether it is a compound or a typing slip).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache

import jdlint.rulepacks.dictionaries as dictionaries

#: Longer runs of letters are not words (the longest in the dictionaries has 45 letters).
MAX_WORD_LENGTH = 45
#: A word this frequent in pyspellchecker's list is common: one edit from it is a likely slip.
COMMON = 1000
#: Capitalised words shorter than this that are near a common word may be names.
NAME_LENGTH = 8
#: codespell's three-letter entries are used when they correct one of these ("abd" -> "and"):
#: other short entries are as often abbreviations or parts of compounds ("add-ons").
FUNCTION_WORDS = frozenset(
    [
        "and",
        "the",
        "for",
        "you",
        "not",
        "are",
        "with",
        "that",
        "this",
        "will",
        "was",
        "has",
        "can",
        "but",
        "all",
        "its",
        "our",
        "who",
        "how",
    ]
)
_DERIVATIONS = ("ization", "izations", "ize", "izes", "ized", "izing", "able", "ability",
                "ment", "ments", "ness", "ful", "less", "ship", "ist", "ists", "ism", "ive",
                "ity", "al", "ally", "ation", "ations", "ify", "ified", "wise")  # fmt: skip
_LEADS = ("over", "under", "multi", "inter", "cross", "sub", "super", "out", "up", "down",
          "back", "co", "de", "dis", "mis", "non", "pre", "re", "un", "cyber", "auto", "micro",
          "self", "post", "hyper", "meta", "omni", "tele")  # fmt: skip


def plausible(base: str, english: Mapping[str, int]) -> bool:
    """A word built from known words: a compound ("timebox", "codeowner"), or a known word
    with a common prefix or derivational suffix ("containerization", "upskill")."""

    def common(part: str) -> bool:
        return len(part) >= 3 and english.get(part, 0) >= COMMON

    if any(common(base[:i]) and common(base[i:]) for i in range(3, len(base) - 2)):
        return True
    for suffix in _DERIVATIONS:
        stem = base[: -len(suffix)]
        if base.endswith(suffix) and len(stem) >= 4 and (common(stem) or common(stem + "e")):
            return True
    return any(base.startswith(lead) and common(base[len(lead) :]) for lead in _LEADS)


def slip(word: str, candidate: str) -> bool:
    """Whether two edits between `word` and `candidate` look like a typing slip.

    Slips two edits away move letters around and drop or add at most one ("cusomter" ->
    "customer", "serives" -> "services"); names two edits from a word swap letters for others
    ("Coupa" -> "could", "Calendly" -> "calendar"). The first letter is kept.
    """
    if word[:1] != candidate[:1]:
        return False
    if dictionaries.distance(word, candidate) <= 1:
        return True
    extra = Counter(word)
    extra.subtract(Counter(candidate))
    return sum(abs(n) for n in extra.values()) <= 1


_BRITISH = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"),
            ("ises", "izes"), ("our", "or"), ("ours", "ors"), ("yse", "yze"), ("tre", "ter"),
            ("lled", "led"), ("lling", "ling"))  # fmt: skip
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "r", "rs")
_AFTER_E = frozenset({"d", "r", "rs"})  # "baked", "baker": only after a stem's "e"
_PREFIXES = ("un", "re", "non", "e", "pre", "co")


def spellings(base: str) -> Iterator[str]:
    """The American spellings of a British word ("organisation" -> "organization")."""
    for british, american in _BRITISH:
        if british in base:
            yield base.replace(british, american)


def stems(base: str) -> Iterator[str]:
    """The words `base` may be an inflection or prefixed form of, by real English patterns:
    "-r", "-rs" and "-d" follow an "e" ("manage" -> "manager", "remediate" -> "remediated");
    "-ed", "-er", "-ing" may drop one ("triage" -> "triaging")."""
    if len(base) > 3 and base.endswith("s"):
        yield base[:-1]  # apps -> app
    if len(base) > 5:
        for suffix in _SUFFIXES:
            if base.endswith(suffix):
                stem = base[: -len(suffix)]
                if suffix in _AFTER_E:
                    if stem.endswith("e"):
                        yield stem
                    continue
                yield stem
                yield stem + "e"  # triaging -> triage, remediated -> remediate
    for prefix in _PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= 4:
            yield base[len(prefix) :]


def misbuilt(base: str, stem: str, near: str) -> bool:
    """`base`, read as `stem` plus an affix, is a slip of `near` (a word one edit away): `near`
    is another word built on the same stem ("enginer" is "engineer", not engine + "-r";
    "Parter" is "partner"), or the affix is one letter ("eliver" is "deliver", not e- +
    "liver"). A real form one edit from an unrelated word stays a form ("pathing", not
    "bathing"; "unvested", not "invested")."""
    if base.endswith(stem) and not base.startswith(stem):
        return len(base) - len(stem) == 1
    root = stem if base.startswith(stem) else stem[:-1]  # triaging: triag(e)
    return near.startswith(root) and near != stem


@lru_cache(maxsize=1 << 15)  # a pure memo: a handbook uses a few thousand distinct words
def base_of(word: str) -> str:
    lower = word.lower().replace("\u2019", "'")
    return lower[:-2] if lower.endswith("'s") else lower


def cased(word: str, fix: str) -> str:
    return fix[:1].upper() + fix[1:] if word[:1].isupper() else fix
