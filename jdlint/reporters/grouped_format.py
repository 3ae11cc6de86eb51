"""Findings grouped by file, errors first: what to fix first is at the top of each file.

```
job-families/sales/index.html.md  (1 error, 2 warnings)
  5:1: JD701 [error] invalid YAML: ...
  12:3: JD602 [*] [warning] 2 spaces between "a" and "b"
```
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from jdlint.findings import Finding, Severity
from jdlint.reporters import Report
from jdlint.reporters.escaping import one_line
from jdlint.reporters.text_format import finding_line, hints, statistics_lines, summary_line

_LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def render(report: Report) -> str:
    if report.statistics:
        lines = [*statistics_lines(report), *report.notes]
    else:
        lines = []
        for path, found in groupby(report.findings, key=lambda f: f.path):
            page = sorted(found, key=_severity_first)
            lines.append(f"{one_line(path)}  ({_counts(page)})")
            lines.extend(f"  {finding_line(report, f, path=False)}" for f in page)
            lines.append("")
    if not report.quiet:  # the summary stays the last line: scripts read it there
        lines.extend(hints(report))
        lines.append(summary_line(report))
    return "\n".join(lines) + ("\n" if lines else "")


def _severity_first(finding: Finding) -> tuple[int, int, int]:
    return (-int(finding.severity), finding.span.line, finding.span.col)


def _counts(findings: list[Finding]) -> str:
    by_level = Counter(f.severity for f in findings)
    return ", ".join(
        f"{by_level[level]} {level}{'s' if by_level[level] != 1 else ''}"
        for level in _LEVELS
        if by_level[level]
    )
