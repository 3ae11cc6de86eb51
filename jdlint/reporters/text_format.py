"""`path:line:col: JD301 [error] message`, one finding a line, then a summary."""

from __future__ import annotations

from collections import Counter

from jdlint.findings import Severity
from jdlint.reporters import Report
from jdlint.reporters.escaping import one_line

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        where = f"{one_line(finding.path)}:{finding.span.line}:{finding.span.col}:"
        level = f"[{finding.severity}]"
        code = finding.code
        if report.color:
            where = f"\x1b[1m{where}\x1b[0m"
            code = f"\x1b[{_COLORS[finding.severity]}m{code}\x1b[0m"
        fixable = " [*]" if finding.fixable else ""
        lines.append(f"{where} {code}{fixable} {level} {one_line(finding.message)}")
    if report.statistics:
        lines.extend(_statistics(report))
        lines.extend(report.notes)
    if not report.quiet:
        lines.append(_summary(report))
    return "\n".join(lines) + ("\n" if lines else "")


def _statistics(report: Report) -> list[str]:
    counts = Counter(f.code for f in report.findings)
    fixable = Counter(f.code for f in report.findings if f.fixable)
    out = []
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        meta = report.rules.get(code)
        name = meta.name if meta else ""
        mark = f" ({fixable[code]} fixable)" if fixable[code] else ""
        out.append(f"{count:6d}  {code}  {name}{mark}")
    if fixable:
        out.append(f"{sum(fixable.values()):6d}  fixable with --fix")
    return out


def _summary(report: Report) -> str:
    files = len(report.files)
    file_word = "file" if files == 1 else "files"
    fixed = (
        f"Fixed {report.fixed} finding{'s' if report.fixed != 1 else ''}. " if report.fixed else ""
    )
    hidden = f" {report.hidden} more not shown (baseline, --diff-base)." if report.hidden else ""
    if not report.findings:
        return f"{fixed}All checks passed ({files} {file_word} checked).{hidden}"
    by_level = Counter(f.severity for f in report.findings)
    parts = [
        f"{by_level[level]} {level}{'s' if by_level[level] != 1 else ''}"
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if by_level[level]
    ]
    total = len(report.findings)
    noun = "finding" if total == 1 else "findings"
    fixable = sum(1 for f in report.findings if f.fixable)
    tail = f"; {fixable} fixable with --fix" if fixable else ""
    return f"{fixed}Found {total} {noun} ({', '.join(parts)}) in {files} {file_word}{tail}.{hidden}"
