"""Data-driven rules from YAML packs (Vale's kinds), compiled to ordinary `Rule`s."""

from __future__ import annotations

from jdlint.rulepacks.loader import KINDS, load_packs

__all__ = ["KINDS", "load_packs"]
