"""What checking produces: one page's tree and findings, and a whole run's."""

from __future__ import annotations

from dataclasses import dataclass, field

from jdlint.findings import Finding
from jdlint.model import Document


@dataclass(frozen=True)
class PageResult:
    document: Document | None  # None when the page could not be decoded
    findings: list[Finding]


@dataclass(frozen=True)
class CheckedTree:
    """A page's tree and its per-page findings (after suppressions), as `--fix` leaves them."""

    document: Document | None  # None when the bytes cannot be decoded
    findings: tuple[Finding, ...]


@dataclass
class RunResult:
    findings: list[Finding]
    files: list[str]
    documents: list[Document] = field(default_factory=list)
    # Counts worth a line under --statistics, e.g. links whose target is outside the tree.
    notes: list[str] = field(default_factory=list)
