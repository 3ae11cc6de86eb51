"""Grade notations as data: the presets of `rules/grades.yml` and the `grades` config key.

Pages of other organisations write grades as `GS-13`, `GS-2210-14/15`, `**GS Grade Level:** 13`,
levels (`Level: L5`, `IC4`) or bands; the grade statement reader tries every chosen notation, so
the grade rules, `export` and `report` (which all read the statements of the tree) agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

MAX_PATTERN = 300


@dataclass(frozen=True, slots=True)
class Notation:
    name: str
    values: str  # number | digits | letter
    patterns: tuple[re.Pattern[str], ...]
    triggers: tuple[str, ...] = ()  # lower-case strings every match contains; () = always try
    scope: str = "text"  # text: read in prose too | value: only a whole cell or front-matter value

    def may_match(self, lower: str) -> bool:
        return not self.triggers or any(t in lower for t in self.triggers)


@dataclass(frozen=True, slots=True)
class GradeNotations:
    """The notations a run reads: the built-in "grade N" sentences and pattern presets."""

    grade_sentences: bool
    notations: tuple[Notation, ...]

    @property
    def names(self) -> tuple[str, ...]:
        builtin = ("grade",) if self.grade_sentences else ()
        return (*builtin, *(n.name for n in self.notations))


@cache
def shipped_notations_data() -> dict[str, Any]:
    """`rules/grades.yml` (tests validate it against `schemas/grades.schema.json`)."""
    from jdlint.config.yaml_loader import YAMLBounds, load_bounded
    from jdlint.fs.shipped import packs

    text = packs().joinpath("grades.yml").read_text(encoding="utf-8")
    result, _node = load_bounded(text, YAMLBounds())
    return dict(result)


def grade_notations(config: Mapping[str, Any] | None = None) -> GradeNotations:
    """The presets the `grades` config key (schema-validated) chooses, plus its own patterns.

    Asked for every run of text whose grades are read, mostly with no config: that answer is
    looked up without encoding the config first."""
    if not config:
        return _cached("{}")
    return _cached(json.dumps(dict(config), sort_keys=True))


@lru_cache(maxsize=16)
def _cached(encoded: str) -> GradeNotations:
    from jdlint.errors import ConfigError

    config: dict[str, Any] = json.loads(encoded)
    presets: dict[str, Any] = shipped_notations_data()["notations"]
    chosen = config.get("notations") or list(presets)
    unknown = [name for name in chosen if name not in presets]
    if unknown:
        raise ConfigError(
            f"key 'grades.notations': unknown notation {unknown[0]!r}; "
            f"the presets are {', '.join(presets)}"
        )
    notations = []
    for name in chosen:
        entry = presets[name]
        if entry.get("builtin"):
            continue
        patterns = tuple(re.compile(p, re.IGNORECASE) for p in entry["patterns"])
        triggers = tuple(entry.get("triggers", ()))
        kind, scope = entry.get("values", "number"), entry.get("scope", "text")
        notations.append(Notation(name, kind, patterns, triggers, scope))
    own = config.get("patterns", ())
    if own:
        try:
            compiled = tuple(re.compile(p, re.IGNORECASE) for p in own)
        except re.error as error:
            raise ConfigError(f"key 'grades.patterns': invalid regex: {error}") from error
        for pattern in compiled:
            if "value" not in pattern.groupindex:
                raise ConfigError(
                    f"key 'grades.patterns': {pattern.pattern!r} has no (?P<value>...) group"
                )
        notations.append(Notation("config", "digits", compiled))
    return GradeNotations("grade" in chosen, tuple(notations))


_NUMBERS = re.compile(r"\d{1,2}(?:\.\d)?")
_BAND = re.compile(r"(?P<number>\d{1,2})(?P<letter>[a-d])?\b", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?P<letters>[A-Za-z]{1,3})-?\d")


def notation_values(raw: str, kind: str) -> tuple[float, ...]:
    """ "14/15" -> (14, 15); "L5" -> (5,); band "C" -> (3,); band "8a" -> (8.1,)."""
    text = raw.strip()
    if kind == "letter" and text.isalpha():
        return (float(ord(text.upper()) - ord("A") + 1),)
    if kind == "letter":
        return tuple(
            int(m["number"]) + (ord(m["letter"].lower()) - ord("a") + 1) / 10
            if m["letter"]
            else float(m["number"])
            for m in _BAND.finditer(text)
        )
    return tuple(float(n) for n in _NUMBERS.findall(raw))


def notation_key(name: str, raw: str) -> str:
    """What grades are compared within: the notation, and for a level code its letters ("IC3"
    and "M3" are two tracks; "L5" written as a cell or after "Level:" is one notation)."""
    if name in ("levels", "codes"):
        match = _PREFIX.match(raw)
        return f"level {match['letters'].upper()}" if match else "level"
    return name


def notation_label(notation: str, raw: str) -> str:
    """A grade as a reader writes it: "Band 7", "GS-13", "L5" (a level code carries its letters)."""
    written = raw.strip()
    if notation == "bands" and not written.lower().startswith("band"):
        return f"Band {written}"
    if notation == "gs" and not written.upper().startswith("GS"):
        return f"GS-{written}"
    if notation == "level" and written[:1].isdigit():
        return f"level {written}"
    return written


def read_value(raw: str, notations: GradeNotations | None = None) -> tuple[str, tuple[float, ...]]:
    """A whole value (a table cell, a front-matter value) in the first notation that reads all of
    it: "Band 8a", "GS-2210-12", "D3", "IC3"; ("", ()) when none does ("£38,249", "TBD")."""
    text = _ASIDE.sub("", " ".join(raw.split())).strip(" .")
    for notation in (notations or grade_notations()).notations:
        for pattern in notation.patterns:
            match = pattern.fullmatch(text)
            values = notation_values(match["value"], notation.values) if match else ()
            if match and values:
                return notation_key(notation.name, match["value"]), values
    return "", ()


_ASIDE = re.compile(r"\s*\([^()]*\)$")  # "Band 6 (Agenda for Change)"
