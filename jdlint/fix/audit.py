"""Proof that `--fix` changed only what it meant to: used by the fix tests and the corpus script.

Given a page before and after fixing, and the fixable findings reported before, every changed
range of the old text must lie inside the edits of those findings, and the page must still
parse into the same roles and sections.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jdlint.document.build import build_document
from jdlint.findings import Finding
from jdlint.model import Document


@dataclass(frozen=True)
class FixAudit:
    stray_changes: tuple[tuple[int, int], ...]  # changed ranges of the old text not covered
    structure_changed: bool

    @property
    def ok(self) -> bool:
        return not self.stray_changes and not self.structure_changed


def audit(path: str, before: str, after: str, findings: Iterable[Finding]) -> FixAudit:
    """Every stretch of `before` that no reported edit touches must survive, whole and in order."""
    covered = _merge(
        (edit.start, edit.end)
        for finding in findings
        if finding.fix is not None
        for edit in finding.fix.edits
    )
    stray: list[tuple[int, int]] = []
    cursor = 0
    start = 0
    for edit_start, edit_end in [*covered, (len(before), len(before))]:
        segment = before[start:edit_start]
        found = after.find(segment, cursor) if segment else cursor
        if found < 0 or (start == 0 and found != 0):
            stray.append((start, edit_start))
        else:
            cursor = found + len(segment)
        start = max(start, edit_end)
    if covered and covered[-1][1] < len(before) and not after.endswith(before[covered[-1][1] :]):
        stray.append((covered[-1][1], len(before)))
    if not covered and after != before:
        stray.append((0, len(before)))
    kept = _keeps(outline(build_document(path, before)), outline(build_document(path, after)))
    return FixAudit(tuple(stray), not kept)


def _keeps(
    before: list[tuple[str, tuple[str, ...]]], after: list[tuple[str, tuple[str, ...]]]
) -> bool:
    """Same roles in the same order, none losing a section. A fix may let the parser see a
    section it missed before ("Sr Director ... Responsibilities" now names its role)."""
    if [title for title, _ in before] != [title for title, _ in after]:
        return False
    return all(set(old) <= set(new) for (_, old), (_, new) in zip(before, after))


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def outline(document: Document) -> list[tuple[str, tuple[str, ...]]]:
    """Roles and the names of their sections, plus the family sections: what a fix must keep."""
    roles = [(role.title, tuple(sorted(role.sections))) for role in document.roles]
    family = [("family", tuple(s.name for s in document.family_sections))]
    return roles + family
