"""Autofix: apply the text edits attached to findings, re-check, repeat until nothing changes.

Edits are offsets into the page's text (with "\\n" line endings). All non-overlapping fixes of a
pass are applied in one left-to-right build; a fix that overlaps one already taken waits for the
next pass, when it is recomputed on the new text (ruff's and sqlfluff's approach). The loop is
bounded, so two fixes that undo each other cannot spin forever.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from jdlint.findings import Finding, Fix, TextEdit
from jdlint.fs.decode import normalise_newlines

MAX_PASSES = 10


@dataclass(frozen=True)
class FixStep:
    """One pass: the "\\n" text it started from and the edits it applied to it."""

    before: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class FixResult:
    text: str  # the fixed text, in the file's own line endings
    fixed: tuple[Finding, ...]  # findings whose fix was applied, over all passes
    passes: int
    converged: bool  # False when MAX_PASSES ran out with fixes still applicable
    steps: tuple[FixStep, ...] = ()  # what each pass changed, for the audit (`jdlint.fix.audit`)

    def changed(self, original: str) -> bool:
        return self.text != original


def wanted(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply every fix whose edits overlap no edit already taken; return text and fixes taken.

    Linear in the text and the edits: the claimed ranges stay sorted (each overlap test is two
    binary searches) and the new text is built left to right in one join.
    """
    taken: list[Fix] = []
    claimed = _Claimed()
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        if not fix.edits or not all(_valid(edit, len(text)) for edit in fix.edits):
            continue
        own = fix.edits if len(fix.edits) == 1 else sorted(fix.edits, key=_position)
        if _self_overlapping(own) or any(claimed.overlaps(edit) for edit in own):
            continue
        taken.append(fix)
        for edit in own:
            claimed.add(edit)
    edits = sorted((edit for fix in taken for edit in fix.edits), key=_position)
    if _self_overlapping(edits):
        return text, []
    return splice(text, edits), taken


def splice(text: str, edits: Sequence[TextEdit]) -> str:
    """`text` with sorted, non-overlapping `edits` applied, in one left-to-right build."""
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _position(edit: TextEdit) -> tuple[int, int]:
    return edit.start, edit.end


def _valid(edit: TextEdit, length: int) -> bool:
    return 0 <= edit.start <= edit.end <= length


class _Claimed:
    """The ranges taken so far in one pass, sorted by (start, end).

    Taken ranges never overlap, so their ends are sorted too: the only range an edit can
    overlap is the first one ending after the edit starts. Touching ranges are fine, except
    two insertions at the same point (their order is unknown).
    """

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []
        self.ends: list[int] = []  # the ends of `ranges`, for the binary search

    def overlaps(self, edit: TextEdit) -> bool:
        start, end = edit.start, edit.end
        index = bisect_right(self.ends, start)
        if index < len(self.ranges):
            first_start, first_end = self.ranges[index]
            if start < first_end and first_start < end:
                return True
        if start == end:
            same = bisect_left(self.ranges, (start, start))
            return same < len(self.ranges) and self.ranges[same] == (start, start)
        return False

    def add(self, edit: TextEdit) -> None:
        item = (edit.start, edit.end)
        index = bisect_right(self.ranges, item)
        self.ranges.insert(index, item)
        self.ends.insert(index, edit.end)


def _self_overlapping(edits: Sequence[TextEdit]) -> bool:
    return any(a.end > b.start for a, b in zip(edits, edits[1:]))


class NewlineMap:
    """Maps offsets in the "\\n" text checks see to offsets in the file's own text.

    The file may use CRLF, lone CRs or a mix; each CRLF became one "\\n", which shifts later
    offsets by one (a lone CR became "\\n" in place), so an edit lands on the same characters
    and every line ending it does not touch is kept. A line ending an edit inserts is the one
    the file uses most.
    """

    def __init__(self, raw: str) -> None:
        self.cr_positions: list[int] = []  # in the normalised text, where each removed CR stood
        start = 0
        while (found := raw.find("\r\n", start)) >= 0:
            self.cr_positions.append(found - len(self.cr_positions))
            start = found + 2
        crlf = len(self.cr_positions)
        counts = {"\r\n": crlf, "\n": raw.count("\n") - crlf, "\r": raw.count("\r") - crlf}
        self.newline = (
            max(counts, key=lambda ending: counts[ending]) if crlf or "\r" in raw else "\n"
        )

    def to_raw(self, offset: int) -> int:
        return offset + bisect_left(self.cr_positions, offset)

    def edit(self, edit: TextEdit) -> TextEdit:
        text = edit.text.replace("\n", self.newline) if self.newline != "\n" else edit.text
        return TextEdit(self.to_raw(edit.start), self.to_raw(edit.end), text)


def fix_text(raw: str, check: Callable[[str], list[Finding]], unsafe: bool = False) -> FixResult:
    """Fix `raw` (the file's text, any line endings) to a fixed point.

    `check` receives the text with "\\n" endings (as `reading.decode` makes it) and returns its
    findings (a fresh parse): one parse per pass, and one more to see nothing is left.
    """
    fixed: list[Finding] = []
    steps: list[FixStep] = []
    for passes in range(1, MAX_PASSES + 1):
        text = normalise_newlines(raw)
        findings = [f for f in check(text) if wanted(f, unsafe)]
        taken = _take(text, findings)
        if not taken:
            return FixResult(raw, tuple(fixed), passes - 1, True, tuple(steps))
        mapping = NewlineMap(raw)
        raw_fixes = [Fix(tuple(mapping.edit(e) for e in fix.edits), fix.safe) for fix in taken]
        new_raw, applied = apply_fixes(raw, raw_fixes)
        if len(applied) != len(taken) or new_raw == raw:
            return FixResult(raw, tuple(fixed), passes - 1, True, tuple(steps))
        by_fix = {id(f.fix): f for f in findings}
        fixed.extend(by_fix[id(fix)] for fix in taken)
        steps.append(FixStep(text, tuple(edit for fix in taken for edit in fix.edits)))
        raw = new_raw
    still = [f for f in check(normalise_newlines(raw)) if wanted(f, unsafe)]
    return FixResult(raw, tuple(fixed), MAX_PASSES, not still, tuple(steps))


def _take(text: str, findings: list[Finding]) -> list[Fix]:
    """The fixes of one pass: every fix that overlaps none taken before it."""
    if not findings:
        return []
    _, taken = apply_fixes(text, [f.fix for f in findings if f.fix is not None])
    return taken
