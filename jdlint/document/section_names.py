"""Section names: recognise what a heading means despite wording, prefixes and typos.

Real pages write "Responsibiltiies", "Job Grade", "Senior Manager, Red Team Job Grade" or, in a
job ad, "What you'll be doing"; checks compare the canonical names returned here, never raw
heading text. The vocabulary is data (`rules/sections.yml`, validated by
`schemas/sections.schema.json`) that the `sections` config key extends or overrides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from jdlint.document.grade_notations import GradeNotations, grade_notations

_NON_WORD = re.compile(r"[^\w'\- ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SectionName:
    name: str  # canonical name
    family: bool  # a family-wide section
    prefix: str  # text before the section words ("Senior Manager, Red Team"), else ""
    exact: bool  # False when recognised through a typo


@dataclass(frozen=True, slots=True)
class SectionKind:
    """One canonical section: its name, kind id, scope and the headings that name it."""

    name: str
    kind: str
    family: bool
    aliases: tuple[str, ...]  # whole headings (normalised)
    suffixes: tuple[str, ...]  # whole headings, or the last words after a role title


def normalise_heading(text: str) -> str:
    """Lower case, markup and trailing punctuation dropped, whitespace folded."""
    text = text.replace("*", "").replace("_", " ").replace("’", "'")
    text = _NON_WORD.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip(" -")


class Vocabulary:
    """What the words of a page mean: headings (classified against `SectionKind`s) and the
    grade notations its statements are read in. Immutable once built."""

    def __init__(
        self,
        kinds: tuple[SectionKind, ...],
        phrases: tuple[tuple[re.Pattern[str], str], ...],
        notations: GradeNotations | None = None,
    ) -> None:
        self.notations = notations or grade_notations()
        self.kinds = kinds
        self.by_name = {k.name: k for k in kinds}
        self._whole: dict[str, tuple[str, bool]] = {}
        self._suffix: dict[str, tuple[str, bool]] = {}
        for kind in kinds:
            for alias in kind.aliases:
                self._whole[alias] = (kind.name, kind.family)
            for suffix in kind.suffixes:
                self._suffix[suffix] = (kind.name, kind.family)
        self._longest = max((len(s.split()) for s in self._suffix), default=1)
        # Typo candidates by (word count, first letter): a typo adds or drops no word and keeps
        # the first letter, so each lookup tries a handful of aliases.
        fuzzy: dict[tuple[int, str], list[tuple[str, str, bool, bool]]] = {}
        for table, whole_only in ((self._suffix, False), (self._whole, True)):
            for alias, (name, family) in table.items():
                if len(alias) >= 8:
                    fuzzy.setdefault((alias.count(" ") + 1, alias[0]), []).append(
                        (alias, name, family, whole_only)
                    )
        self._fuzzy = {key: tuple(items) for key, items in fuzzy.items()}
        self._phrases = tuple((p, self.by_name[n].family, n) for p, n in phrases)
        # Memoised: a page asks about the same heading several times, a handbook repeats them.
        self.classify = lru_cache(maxsize=4096)(self._classify)

    def canonical(self, name: str) -> str | None:
        """The canonical section that a name, kind or alias stands for ("About you" ->
        "Requirements"), for `required-sections`; None when it names no section."""
        if name in self.by_name:
            return name
        folded = normalise_heading(name)
        for kind in self.kinds:
            if folded in (normalise_heading(kind.name), kind.kind):
                return kind.name
        found = self._whole.get(folded) or self._suffix.get(folded)
        return found[0] if found else None

    def is_alias(self, normalised: str) -> bool:
        """Whether a normalised heading is written in the vocabulary (not a typo or a phrase)."""
        return normalised in self._whole or normalised in self._suffix

    def _classify(self, heading: str) -> SectionName | None:
        """The section a heading names, whole ("Requirements") or after a prefix."""
        words = normalise_heading(heading).split()
        if not words:
            return None
        joined = " ".join(words)
        whole = self._match(joined, whole=True)
        if whole is None and words[-1] == "matrix" and "Job Family Matrix" in self.by_name:
            whole = ("Job Family Matrix", True, True)
        if whole is None:
            whole = next(((n, f, True) for p, f, n in self._phrases if p.match(joined)), None)
        if whole:
            return SectionName(whole[0], whole[1], "", whole[2])
        for size in range(min(self._longest, len(words) - 1), 0, -1):
            found = self._match(" ".join(words[-size:]), whole=False)
            # Typos count after a prefix only in long single words ("... Responsibiliites").
            exact_enough = found is not None and (found[2] or (size == 1 and len(words[-1]) >= 10))
            if found and exact_enough and not found[1]:
                prefix = _prefix_text(heading, size)
                return SectionName(found[0], found[1], prefix, True)
        return None

    def classify_all(self, heading: str) -> tuple[SectionName, ...]:
        """Like `classify`, but "Responsibilities & Requirements" names both sections."""
        found = self.classify(heading)
        if found is not None and not found.prefix and normalise_heading(heading) in self._whole:
            return (found,)  # an alias of its own ("Duties and Responsibilities")
        parts = re.split(r"\s+(?:&|and)\s+", heading)
        if len(parts) == 2:
            first, second = self.classify(parts[0]), self.classify(parts[1])
            if first is not None and second is not None and not first.family and not second.family:
                return (first, SectionName(second.name, second.family, first.prefix, second.exact))
        return (found,) if found is not None else ()

    def _match(self, text: str, whole: bool) -> tuple[str, bool, bool] | None:
        hit = self._suffix.get(text) or (self._whole.get(text) if whole else None)
        if hit:
            return hit[0], hit[1], True
        if len(text) < 8:
            return None
        limit = 1 if len(text) < 12 else 2
        for alias, name, family, whole_only in self._fuzzy.get((text.count(" ") + 1, text[0]), ()):
            if (whole_only and not whole) or abs(len(alias) - len(text)) > limit:
                continue
            if osa_distance(alias, text, limit) <= limit:
                return name, family, False
        return None


@cache
def shipped_vocabulary_data() -> dict[str, Any]:
    """`rules/sections.yml` (tests validate it against `schemas/sections.schema.json`; a run
    does not pay for loading the validator)."""
    from jdlint.config.yaml_loader import YAMLBounds, load_bounded
    from jdlint.fs.shipped import packs

    text = packs().joinpath("sections.yml").read_text(encoding="utf-8")
    result, _node = load_bounded(text, YAMLBounds())
    return dict(result)


def vocabulary(
    config: Mapping[str, Any] | None = None, grades: Mapping[str, Any] | None = None
) -> Vocabulary:
    """The shipped vocabulary with the `sections` config key (already schema-validated)
    applied, reading grades in the notations the `grades` key chooses."""
    if not config and not grades:
        return default_vocabulary()  # most runs: no encoding per call
    encoded = json.dumps([dict(config or {}), dict(grades or {})], sort_keys=True)
    return _cached_vocabulary(encoded)


@cache
def default_vocabulary() -> Vocabulary:
    return _cached_vocabulary(json.dumps([{}, {}]))


@lru_cache(maxsize=16)
def _cached_vocabulary(encoded: str) -> Vocabulary:
    data = shipped_vocabulary_data()
    config: dict[str, Any]
    config, grades = json.loads(encoded)
    entries: dict[str, dict[str, Any]] = {}
    for name, entry in data["sections"].items():
        entries[name] = {
            "kind": entry["kind"],
            "family": entry["scope"] == "family",
            "aliases": [normalise_heading(a) for a in entry.get("aliases", ())],
            "suffixes": [normalise_heading(s) for s in entry.get("suffixes", ())],
        }
    for key, override in config.items():
        name = _entry_for(key, entries)
        given = [normalise_heading(a) for a in override.get("aliases", ())]
        for other in entries.values():  # a heading given here means this section only
            other["aliases"] = [a for a in other["aliases"] if a not in given]
            other["suffixes"] = [s for s in other["suffixes"] if s not in given]
        if name is None:
            entries[key] = {
                "kind": override.get("kind") or normalise_heading(key).replace(" ", "-"),
                "family": override.get("scope", "role") == "family",
                "aliases": [normalise_heading(key), *given],
                "suffixes": [],
            }
        elif override.get("replace"):
            entries[name]["aliases"], entries[name]["suffixes"] = given, []
        else:
            entries[name]["aliases"] = [*entries[name]["aliases"], *given]
    kinds = tuple(
        SectionKind(
            name, e["kind"], e["family"], tuple(dict.fromkeys(e["aliases"])), tuple(e["suffixes"])
        )
        for name, e in entries.items()
    )
    names = {k.name for k in kinds}
    phrases = tuple(
        (re.compile(p["pattern"]), p["section"])
        for p in data.get("phrases", ())
        if p["section"] in names
    )
    return Vocabulary(kinds, phrases, grade_notations(grades))


def _entry_for(key: str, entries: Mapping[str, Mapping[str, Any]]) -> str | None:
    folded = normalise_heading(key)
    for name, entry in entries.items():
        if folded in (normalise_heading(name), entry["kind"]):
            return name
    return None


def resolve_names(names: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    """`required-sections` as canonical names: "What you'll be doing" -> "Responsibilities".

    A name that is no section of the vocabulary is kept as written.
    """
    return tuple(dict.fromkeys(vocab.canonical(name) or name for name in names))


def classify(heading: str) -> SectionName | None:
    """`Vocabulary.classify` with the shipped vocabulary (for code without settings)."""
    return default_vocabulary().classify(heading)


def classify_all(heading: str) -> tuple[SectionName, ...]:
    return default_vocabulary().classify_all(heading)


def _prefix_text(heading: str, suffix_words: int) -> str:
    raw_words = heading.replace("*", "").split()
    return " ".join(raw_words[: len(raw_words) - suffix_words]).strip(" ,:-")


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
