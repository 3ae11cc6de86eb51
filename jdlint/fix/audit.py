"""Proof that `--fix` changed only what it meant to: run by `--fix` itself before it writes a
page (`audit_fix`, pass by pass), and by the fix tests and the corpus script (`audit`).

Given a page before and after fixing, and the fixable edits reported before, every changed
range of the old text must lie inside those edits, and the page must still parse into the same
roles, in the same order, none losing a section. A role may change its title only where an
edit touched it ("Sr. Widget Engineer" -> "Senior Widget Engineer" is the same role).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jdlint.document.build import build_document
from jdlint.findings import Finding
from jdlint.fix.fixed_point import FixResult
from jdlint.fs.decode import normalise_newlines
from jdlint.model import Document, Section, Span

Range = tuple[int, int]


@dataclass(frozen=True)
class FixAudit:
    stray_changes: tuple[Range, ...]  # changed ranges of the old text not covered
    structure_changed: bool

    @property
    def ok(self) -> bool:
        return not self.stray_changes and not self.structure_changed


Named = tuple[tuple[str, Range], ...]  # names (of sections) with where their heading stands


@dataclass(frozen=True)
class RoleShape:
    title: str
    title_range: Range  # offsets of the title's text in the page
    sections: Named


@dataclass(frozen=True)
class Shape:
    """What a fix must keep of a page: its roles with their sections, the family sections."""

    roles: tuple[RoleShape, ...]
    family: Named


def shape(document: Document) -> Shape:
    def where(span: Span) -> Range:
        return document.offset(span.line, span.col), document.offset(span.end_line, span.end_col)

    def named(sections: Iterable[Section]) -> Named:
        return tuple((section.name, where(section.span)) for section in sections)

    roles = tuple(
        RoleShape(role.title, where(role.title_span), named(role.sections.values()))
        for role in document.roles
    )
    return Shape(roles, named(document.family_sections))


def audit(path: str, before: str, after: str, findings: Iterable[Finding]) -> FixAudit:
    """Every stretch of `before` that no reported edit touches must survive, whole and in order."""
    covered = [
        (edit.start, edit.end)
        for finding in findings
        if finding.fix is not None
        for edit in finding.fix.edits
    ]
    stray = stray_changes(before, after, covered)
    old, new = shape(build_document(path, before)), shape(build_document(path, after))
    return FixAudit(stray, not keeps(old, new, covered))


def audit_fix(result: FixResult, shapes: Sequence[Shape]) -> FixAudit:
    """`audit` for each pass of one fix against the edits it applied; `shapes` are the shapes
    of each pass's text and of the fixed text (the fix loop parsed them already)."""
    texts = [step.before for step in result.steps] + [normalise_newlines(result.text)]
    stray: list[Range] = []
    kept = len(shapes) == len(texts)
    for number, step in enumerate(result.steps):
        covered = [(edit.start, edit.end) for edit in step.edits]
        stray.extend(stray_changes(step.before, texts[number + 1], covered))
        kept = kept and keeps(shapes[number], shapes[number + 1], covered)
    return FixAudit(tuple(stray), not kept)


def keeps(before: Shape, after: Shape, edits: Iterable[Range]) -> bool:
    """Same roles in the same order, none losing a section; a title or a section name changes
    only where an edit touched it.

    A fix may let the parser see a section it missed before ("Sr Director ... Responsibilities"
    now names its role), so sections may be gained."""
    if len(before.roles) != len(after.roles):
        return False
    touched = _merge(edits)
    if not _kept(before.family, after.family, touched):
        return False
    for old, new in zip(before.roles, after.roles):
        if old.title != new.title and not _touches(old.title_range, touched):
            return False
        if not _kept(old.sections, new.sections, touched):
            return False
    return True


def _kept(before: Named, after: Named, touched: list[Range]) -> bool:
    """No fewer sections; a name missing afterwards was renamed by an edit on its heading."""
    names = {name for name, _ in after}
    renamed = all(name in names or _touches(where, touched) for name, where in before)
    return len(after) >= len(before) and renamed


def _touches(span: Range, ranges: list[Range]) -> bool:
    """Whether `span` meets one of the merged (sorted, disjoint) `ranges`: a binary search."""
    start, end = span
    index = bisect_left(ranges, start, key=lambda r: r[1])  # the first range ending at or after
    return index < len(ranges) and ranges[index][0] <= end


def stray_changes(before: str, after: str, edits: Iterable[Range]) -> tuple[Range, ...]:
    """The ranges of `before` outside every edit range that `after` does not keep in order."""
    covered = _merge(edits)
    stray: list[Range] = []
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
    return tuple(stray)


def _merge(ranges: Iterable[Range]) -> list[Range]:
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
