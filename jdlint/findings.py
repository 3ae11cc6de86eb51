"""The output contract: severities, findings and the fixes attached to them."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from jdlint.span import Span


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace source[start:end] (offsets into the file's text) with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[TextEdit, ...]
    safe: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    span: Span
    code: str
    name: str
    message: str
    severity: Severity
    fix: Fix | None = None
    # What the finding is about (a title, a sentence), used for line-independent fingerprints.
    subject: str = ""

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.safe

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.col, self.code, self.message)
