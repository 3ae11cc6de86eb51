"""Autofix: apply the text edits attached to findings, re-check, repeat until nothing changes.

Edits are offsets into the page's text (with "\\n" line endings). All non-overlapping fixes of a
pass are applied right to left in one go; a fix that overlaps one already taken waits for the
next pass, when it is recomputed on the new text (ruff's and sqlfluff's approach). The loop is
bounded, so two fixes that undo each other cannot spin forever.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jdlint.findings import Finding, Fix, TextEdit

MAX_PASSES = 10


@dataclass(frozen=True)
class FixResult:
    text: str  # the fixed text, in the file's own line endings
    fixed: tuple[Finding, ...]  # findings whose fix was applied, over all passes
    passes: int
    converged: bool  # False when MAX_PASSES ran out with fixes still applicable

    def changed(self, original: str) -> bool:
        return self.text != original


def wanted(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply every fix whose edits overlap no edit already taken; return text and fixes taken."""
    taken: list[Fix] = []
    claimed: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        if not fix.edits or not all(_valid(edit, len(text)) for edit in fix.edits):
            continue
        if any(_overlaps(edit, claimed) for edit in fix.edits):
            continue
        taken.append(fix)
        claimed.extend((edit.start, edit.end) for edit in fix.edits)
    edits = sorted((edit for fix in taken for edit in fix.edits), key=lambda e: (e.start, e.end))
    if _self_overlapping(edits):
        return text, []
    for edit in reversed(edits):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, taken


def _valid(edit: TextEdit, length: int) -> bool:
    return 0 <= edit.start <= edit.end <= length


def _overlaps(edit: TextEdit, claimed: list[tuple[int, int]]) -> bool:
    for start, end in claimed:
        # Touching ranges are fine, except two insertions at the same point (order unknown).
        if edit.start < end and start < edit.end:
            return True
        if edit.start == edit.end == start == end:
            return True
    return False


def _self_overlapping(edits: list[TextEdit]) -> bool:
    return any(a.end > b.start for a, b in zip(edits, edits[1:]))


class NewlineMap:
    """Maps offsets in the "\\n" text checks see to offsets in the file's own text.

    The file may use CRLF or a mix of endings; each removed CR shifts later offsets by one, so
    an edit lands on the same characters and every line ending it does not touch is kept.
    """

    def __init__(self, raw: str) -> None:
        self.cr_positions: list[int] = []  # in the normalised text, where each removed CR stood
        start = 0
        while (found := raw.find("\r\n", start)) >= 0:
            self.cr_positions.append(found - len(self.cr_positions))
            start = found + 2
        mostly_crlf = len(self.cr_positions) * 2 >= raw.count("\n")
        self.newline = "\r\n" if self.cr_positions and mostly_crlf else "\n"

    def to_raw(self, offset: int) -> int:
        return offset + bisect_left(self.cr_positions, offset)

    def edit(self, edit: TextEdit) -> TextEdit:
        text = edit.text.replace("\n", self.newline) if self.newline != "\n" else edit.text
        return TextEdit(self.to_raw(edit.start), self.to_raw(edit.end), text)


def fix_text(raw: str, check: Callable[[str], list[Finding]], unsafe: bool = False) -> FixResult:
    """Fix `raw` (the file's text, any line endings) to a fixed point.

    `check` receives the text with "\\n" endings and returns its findings (a fresh parse).
    """
    fixed: list[Finding] = []
    for passes in range(1, MAX_PASSES + 1):
        text = raw.replace("\r\n", "\n")
        findings = [f for f in check(text) if wanted(f, unsafe)]
        if not findings:
            return FixResult(raw, tuple(fixed), passes - 1, True)
        _, taken = apply_fixes(text, [f.fix for f in findings if f.fix is not None])
        if not taken:
            return FixResult(raw, tuple(fixed), passes - 1, True)
        mapping = NewlineMap(raw)
        raw_fixes = [Fix(tuple(mapping.edit(e) for e in fix.edits), fix.safe) for fix in taken]
        new_raw, applied = apply_fixes(raw, raw_fixes)
        if len(applied) != len(taken) or new_raw == raw:
            return FixResult(raw, tuple(fixed), passes - 1, True)
        by_fix = {id(f.fix): f for f in findings}
        fixed.extend(by_fix[id(fix)] for fix in taken)
        raw = new_raw
    still = [f for f in check(raw.replace("\r\n", "\n")) if wanted(f, unsafe)]
    return FixResult(raw, tuple(fixed), MAX_PASSES, not still)
