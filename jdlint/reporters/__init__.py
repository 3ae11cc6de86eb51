"""Reporters turn a finished run into text for one consumer. They never print."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports FORMATS at start-up; the model is loaded only for a check
    from jdlint.findings import Finding
    from jdlint.fs.repo_paths import ReportPaths
    from jdlint.rules import RuleMeta

FORMATS = ("text", "json", "gitlab", "sarif", "junit", "github")


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
    # Where repository-relative paths start (CI formats link files by them).
    root: Path = field(default_factory=Path.cwd)
    # Fingerprints aligned with `findings`, computed over the whole run before a baseline or
    # --diff-base dropped any (so occurrence indexes do not depend on what was dropped).
    fingerprints: tuple[str, ...] = ()
    hidden: int = 0  # findings left out because a baseline knows them or they are off the diff

    def fingerprint_list(self) -> list[str]:
        if len(self.fingerprints) == len(self.findings):
            return list(self.fingerprints)
        from jdlint.gate.fingerprints import fingerprints

        return fingerprints(self.findings, self.root)

    def relpath(self, path: str) -> str:
        """A finding's or file's path relative to the repository root, with "/"."""
        return self._paths(path)

    @cached_property
    def _paths(self) -> ReportPaths:
        from jdlint.fs.repo_paths import ReportPaths

        return ReportPaths(self.root)


def renderer(name: str) -> Callable[[Report], str]:
    module = importlib.import_module(f"jdlint.reporters.{name}_format")
    render: Callable[[Report], str] = module.render
    return render
