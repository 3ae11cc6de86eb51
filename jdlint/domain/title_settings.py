"""Title settings: seniority ladders (shipped as data in `rules/ladders/`) and abbreviations,
merged with the `titles` config key. Kept apart from `titles.py`, which only compares titles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jdlint.config.yaml_loader import YAMLBounds, load_bounded
from jdlint.fs.shipped import packs

#: Written forms expanded before titles are compared (lower case; config adds more).
ABBREVIATIONS: dict[str, str] = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "dir": "director",
    "assoc": "associate",
    "intl": "international",
    "&": "and",
}
#: Two titles at or above this rapidfuzz token-sort ratio (0-100) are near spellings.
DEFAULT_SIMILARITY = 90.0


@dataclass(frozen=True, slots=True)
class Ladder:
    """Levels of one career ladder, most junior first; each step has the words that name it."""

    name: str
    steps: tuple[tuple[str, ...], ...]
    default: str | None = None  # the step of a title that names none ("Engineer" = intermediate)

    def default_step(self) -> int | None:
        if self.default is None:
            return None
        return next((i for i, step in enumerate(self.steps) if self.default in step), None)


@dataclass(frozen=True, slots=True)
class TitleSettings:
    similarity: float = DEFAULT_SIMILARITY
    abbreviations: tuple[tuple[str, str], ...] = tuple(ABBREVIATIONS.items())
    ladders: tuple[Ladder, ...] = ()
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        # Hashed by every memoised title lookup (tens of thousands on a long page): once.
        object.__setattr__(self, "_hash", hash((self.similarity, self.abbreviations, self.ladders)))

    def __hash__(self) -> int:
        return self._hash


def title_settings(config: Mapping[str, Any]) -> TitleSettings:
    """The `titles` config key (already schema-validated) over the shipped defaults; with no
    config (most runs, asked by every title check on every page), without encoding it."""
    if not config:
        return _cached_settings("{}")
    return _cached_settings(json.dumps(dict(config), sort_keys=True, default=str))


@lru_cache(maxsize=16)
def _cached_settings(encoded: str) -> TitleSettings:
    config = json.loads(encoded)
    abbreviations = dict(ABBREVIATIONS)
    for written, meant in config.get("abbreviations", {}).items():
        abbreviations[" ".join(re.findall(r"[a-z0-9]+|&", written.lower()))] = meant.lower()
    ladders = {ladder.name: ladder for ladder in shipped_ladders()}
    for item in config.get("ladders", ()):
        ladders[item["name"]] = _ladder(item)
    return TitleSettings(
        similarity=float(config.get("similarity", DEFAULT_SIMILARITY)),
        abbreviations=tuple(abbreviations.items()),
        ladders=tuple(ladders.values()),
    )


@lru_cache(maxsize=1)
def shipped_ladders() -> tuple[Ladder, ...]:
    """The ladders in `rules/ladders/*.yml` (installed as `jdlint.packs.ladders`)."""
    folder = packs().joinpath("ladders")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yml", ".yaml")):
            data, _ = load_bounded(entry.read_text(encoding="utf-8"), YAMLBounds())
            out.append(_ladder(data))
    return tuple(out)


def _ladder(data: Mapping[str, Any]) -> Ladder:
    steps = tuple(tuple(str(word).lower() for word in step) for step in data["steps"])
    default = data.get("default")
    return Ladder(str(data["name"]), steps, str(default).lower() if default else None)


@lru_cache(maxsize=16)
def level_words(settings: TitleSettings) -> frozenset[str]:
    """Every word that names a step of a ladder ("senior", "vice", "president", ...)."""
    names = (p for ladder in settings.ladders for step in ladder.steps for p in step)
    return frozenset(w for name in names for w in name.split())
