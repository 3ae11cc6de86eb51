"""Where the shipped data lives: rule packs (`rules/`), JSON schemas (`schemas/`) and the
rules' cases (`tests/rules/cases/`, the examples of `jdlint explain`).

An installed jdlint has them as the packages `jdlint.packs` and `jdlint.schemas` (pyproject maps
the top-level folders there). Run from a source checkout (`python -m jdlint` in the repository),
those packages do not exist, so the folders beside the package are used instead.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_FOLDERS = {
    "jdlint.packs": "rules",
    "jdlint.schemas": "schemas",
    "jdlint.cases": "tests/rules/cases",
}


def data_files(package: str) -> Traversable:
    """`resources.files(package)`, or the checkout's folder when the package is not installed."""
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / _FOLDERS[package]


def packs() -> Traversable:
    return data_files("jdlint.packs")


def schemas() -> Traversable:
    return data_files("jdlint.schemas")


def rule_cases() -> Traversable:
    """The built-in rules' YAML cases: the examples `jdlint explain` shows."""
    return data_files("jdlint.cases")
