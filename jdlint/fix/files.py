"""`--fix` and `--diff` for files, stdin and editor buffers: fix to a fixed point within the
per-file time limit, audit the result, write back byte-faithfully.

One path for every caller (the CLI, the pre-commit hook, the language server's fix-all): the
whole fix of a page runs under `max-file-seconds` (a page that runs out of time gets the JD001
a check run gives it and is left as it was), and the fix audit (`jdlint.fix.audit`) must pass before
anything is kept: a page whose fixes would change text outside their edits, or lose a role or
a section, is left as it was, with a warning.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from jdlint.engine.checking import Engine, skipped
from jdlint.engine.limits import FileTimeout, gc_paused, time_limit
from jdlint.engine.results import CheckedTree
from jdlint.findings import Finding
from jdlint.fix.audit import Shape, audit_fix, shape
from jdlint.fix.fixed_point import FixResult, fix_text
from jdlint.fs.atomic_write import NotWritten, refusal, write_atomic
from jdlint.fs.decode import (
    UnreadableFile,
    decode,
    decode_raw,
    encode,
    normalise_newlines,
    read_bytes,
)


@dataclass(frozen=True)
class FileFix:
    path: str
    original: bytes
    fixed: bytes
    result: FixResult
    original_text: str
    problem: str | None = None  # why the fixes were not kept ("left unchanged"), if they were not
    checked: CheckedTree | None = None  # the tree and per-page findings of `fixed`, for the report

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        before = self.original_text.splitlines(keepends=True)
        after = self.result.text.splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass(frozen=True)
class FixRun:
    """What `fix_files` did: the pages it fixed (or would), warnings, and pages it gave up on
    (the report shows those as JD001 instead of checking them again)."""

    fixes: list[FileFix] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, UnreadableFile] = field(default_factory=dict)
    # Pages as they now are on disk, with their tree and findings: the report need not parse them.
    checked: dict[str, tuple[bytes, CheckedTree]] = field(default_factory=dict)


class _Checker:
    """The fix loop's check: parses each text once and keeps the shape of each tree (roles and
    sections) for the audit, and the first and the latest tree with their findings for the
    report, so neither parses the page again."""

    def __init__(self, path: str, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self.shapes: list[Shape] = []
        self.first: CheckedTree | None = None
        self.last: CheckedTree | None = None

    def __call__(self, text: str) -> list[Finding]:
        document = self.engine.build(self.path, text)
        self.shapes.append(shape(document))
        findings = self.engine.check_document(document)
        self.last = CheckedTree(document, tuple(findings))
        self.first = self.first or self.last
        return findings


@dataclass(frozen=True)
class TextFix:
    result: FixResult  # the text unchanged when `problem` says why the fixes were not kept
    problem: str | None
    checked: CheckedTree | None  # the tree and per-page findings of `result.text`


def fix_source(path: str, raw: str, engine: Engine, unsafe: bool = False) -> TextFix:
    """Fix a page's text (its own line endings) to a fixed point, then audit it.

    Raises UnreadableFile (a JD001 reason) when the page runs out of time or nests too deeply.
    """
    checker = _Checker(path, engine)
    try:
        with time_limit(engine.settings.max_file_seconds), gc_paused():
            result = fix_text(raw, checker, unsafe)
            problem = _problem(checker, result) if result.text != raw else None
    except (FileTimeout, RecursionError) as error:
        raise skipped(error) from None
    if problem is not None or result.text == raw:
        return TextFix(FixResult(raw, (), 0, True), problem, checker.first)
    last = checker.last  # the loop's last check is of the fixed text; make sure of it
    document = last.document if last is not None else None
    fresh = document is not None and document.source == normalise_newlines(result.text)
    return TextFix(result, None, last if fresh else None)


def _problem(checker: _Checker, result: FixResult) -> str | None:
    if not result.converged:
        return f"fixes did not settle after {result.passes} passes"
    found = audit_fix(result, checker.shapes)
    if found.stray_changes:
        return "the fixes would change text outside their edits"
    if found.structure_changed:
        return "the fixes would change its roles or sections"
    return None


def fix_bytes(path: str, data: bytes, engine: Engine, unsafe: bool = False) -> FileFix:
    """Fix one page given as bytes, keeping its encoding, byte-order mark and line endings.

    Raises UnreadableFile for what cannot be decoded or runs out of time.
    """
    raw, encoding, bom = decode_raw(data)
    text_fix = fix_source(path, raw, engine, unsafe)
    result = text_fix.result
    fixed = encode(result.text, encoding, bom) if result.text != raw else data
    checked = text_fix.checked
    if checked is not None and checked.document is not None:  # as a check run builds it
        newline = decode(path, fixed).newline
        checked = CheckedTree(replace(checked.document, newline=newline), checked.findings)
    return FileFix(path, data, fixed, result, raw, text_fix.problem, checked)


def fix_files(paths: list[str], engine: Engine, unsafe: bool, write: bool) -> FixRun:
    """Fix every readable file; write changed ones if `write` (through `write_atomic`)."""
    run = FixRun()
    for path in paths:
        try:
            data = read_bytes(path, engine.settings.max_file_size)
        except (OSError, UnreadableFile):
            continue  # the check that follows reports it as JD001
        try:
            file_fix = fix_bytes(path, data, engine, unsafe)
        except UnreadableFile as error:
            run.skipped[path] = error
            run.warnings.append(f"{path}: {error.reason}; left unchanged")
            continue
        if file_fix.problem is not None:
            run.warnings.append(f"{path}: {file_fix.problem}; left unchanged")
            continue
        if not write and file_fix.changed and (reason := refusal(path)) is not None:
            run.warnings.append(f"{path}: {reason}; --fix would leave it unchanged")
            continue  # the diff shows what --fix would write
        if write and file_fix.changed:
            try:
                write_atomic(path, file_fix.fixed, data)
            except NotWritten as error:
                run.warnings.append(f"{path}: {error.reason}; left unchanged")
                continue
            except OSError as error:
                run.warnings.append(f"{path}: cannot write: {error.strerror or error}")
                continue
        if file_fix.checked is not None and (write or not file_fix.changed):
            run.checked[path] = (file_fix.fixed, file_fix.checked)
        run.fixes.append(file_fix)
    return run
