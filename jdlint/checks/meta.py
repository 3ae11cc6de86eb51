"""Findings the engine emits about files and suppressions themselves (JD001-JD004)."""

from __future__ import annotations

from jdlint.findings import Severity
from jdlint.rules import RuleMeta

UNREADABLE_FILE = RuleMeta(
    code="JD001",
    name="unreadable-file",
    summary="A file cannot be read as text; it is reported and the run goes on.",
    severity=Severity.ERROR,
    explanation="""\
jdlint reads every page as text. A file that is binary (contains NUL bytes), is not valid
UTF-8 (or UTF-16 with a byte-order mark), is larger than the size limit, or cannot be opened
(permission denied, deleted while the run started) gets one JD001 finding naming the reason.
So does a page that takes longer than `max-file-seconds` (default 20) to parse and check, or
that nests too deeply for the parser: it is skipped. The other files are still checked.

Fix: convert the file to UTF-8, split a huge page, or exclude it in `.jdlint.yaml`
(`exclude: [...]`). The limits are `max-file-size` (bytes) and `max-file-seconds`.
""",
)

UNKNOWN_SUPPRESSION = RuleMeta(
    code="JD002",
    name="unknown-suppression",
    summary="A suppression comment names a rule code or name that does not exist.",
    severity=Severity.WARNING,
    explanation="""\
`<!-- jdlint-disable JD999 -->` suppresses nothing because JD999 is no rule: usually a typo
that leaves the finding you meant to silence in place. Use a code or name from `jdlint rules`.
""",
)

UNUSED_SUPPRESSION = RuleMeta(
    code="JD003",
    name="unused-suppression",
    summary="A suppression comment that suppressed nothing.",
    severity=Severity.INFO,
    default_enabled=False,
    explanation="""\
A `jdlint-disable` comment that did not suppress any finding in this run, like ruff's RUF100.
Off by default: enable it with `--extend-select JD003` to clean up stale suppressions.
""",
)

CHECK_FAILED = RuleMeta(
    code="JD004",
    name="check-failed",
    summary="A check raised an error on a page; the page's other checks still ran.",
    severity=Severity.ERROR,
    explanation="""\
A check that fails on some page (a bug in jdlint, or in a plugin's rule) does not end the run
with a traceback: the page gets one JD004 finding naming the check and the error, its other
checks' findings are kept, and the other pages are checked as usual. The failed check's
findings on that page are unknown, so the run is not clean. Please report the bug with the
page (or a copy cut down to what still fails) and `jdlint --version`; until it is fixed, turn
that check off for the page (`per-file-ignores` in `.jdlint.yaml`).

A handbook-wide check that fails has no page to report it on: the run then ends with exit
code 2 and one line naming the check.
""",
)

ENGINE_RULES = (UNREADABLE_FILE, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION, CHECK_FAILED)
