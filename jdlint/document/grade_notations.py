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
    """The presets the `grades` config key (schema-validated) chooses, plus its own patterns."""
    return _cached(json.dumps(dict(config or {}), sort_keys=True))


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
        notations.append(Notation(name, entry.get("values", "number"), patterns, triggers))
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


def notation_values(raw: str, kind: str) -> tuple[float, ...]:
    """ "14/15" -> (14, 15); "L5" -> (5,); band "C" -> (3,)."""
    if kind == "letter" and raw.strip().isalpha():
        return (float(ord(raw.strip().upper()) - ord("A") + 1),)
    return tuple(float(n) for n in _NUMBERS.findall(raw))
