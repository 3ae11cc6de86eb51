"""Reporters turn a finished run into text for one consumer. They never print."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from jdlint.findings import Finding
from jdlint.rules import RuleMeta

FORMATS = ("text", "json")


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    files: list[str]
    rules: dict[str, RuleMeta]
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    fixed: int = 0  # findings fixed by --fix before this report
    notes: tuple[str, ...] = ()  # run counts printed with --statistics (links not checked, ...)


def renderer(name: str) -> Callable[[Report], str]:
    module = importlib.import_module(f"jdlint.reporters.{name}_format")
    render: Callable[[Report], str] = module.render
    return render
