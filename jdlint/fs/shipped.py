"""Where the shipped data lives: rule packs (`rules/`) and JSON schemas (`schemas/`).

An installed jdlint has them as the packages `jdlint.packs` and `jdlint.schemas` (pyproject maps
the top-level folders there). Run from a source checkout (`python -m jdlint` in the repository),
those packages do not exist, so the folders beside the package are used instead.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_FOLDERS = {"jdlint.packs": "rules", "jdlint.schemas": "schemas"}


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
