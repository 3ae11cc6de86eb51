"""GitHub Actions workflow commands: `::error file=...,line=...::message` annotations.

GitHub shows at most 10 annotations of each level per step, so `step_summary` renders a
Markdown table of every finding for `$GITHUB_STEP_SUMMARY` (the CLI appends it when set).
"""

from __future__ import annotations

from collections import Counter

from jdlint.findings import Severity
from jdlint.reporters import Report
from jdlint.reporters.escaping import one_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SUMMARY_ROWS = 500  # GitHub caps a step summary at 1 MiB


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        span = finding.span
        properties = {
            "file": one_line(report.relpath(finding.path)),
            "line": span.line,
            "endLine": max(span.end_line, span.line),
            "col": span.col,
            "title": f"{finding.code} {finding.name}",
        }
        if span.end_line == span.line and span.end_col - 1 > span.col:
            properties["endColumn"] = span.end_col - 1  # GitHub's end column is inclusive
        joined = ",".join(
            f"{key}={escape_property(str(value))}" for key, value in properties.items()
        )
        message = escape_data(one_line(finding.message))
        lines.append(f"::{COMMANDS[finding.severity]} {joined}::{message}")
    return "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def step_summary(report: Report) -> str:
    """A Markdown summary: counts per code, then the findings (capped) with their locations."""
    out = ["## jdlint", ""]
    if not report.findings:
        files = len(report.files)
        out.append(f"All checks passed ({files} file{'s' if files != 1 else ''} checked).")
        return "\n".join(out) + "\n\n"
    counts = Counter(f.code for f in report.findings)
    out += ["| code | rule | findings |", "| --- | --- | ---: |"]
    for code, count in sorted(counts.items()):
        meta = report.rules.get(code)
        out.append(f"| {code} | {meta.name if meta else ''} | {count} |")
    out += ["", "| location | code | severity | message |", "| --- | --- | --- | --- |"]
    for finding in report.findings[:SUMMARY_ROWS]:
        where = f"{report.relpath(finding.path)}:{finding.span.line}:{finding.span.col}"
        out.append(
            f"| `{_cell(where)}` | {finding.code} | {finding.severity} | {_cell(finding.message)} |"
        )
    hidden = len(report.findings) - SUMMARY_ROWS
    if hidden > 0:
        out += ["", f"... and {hidden} more (run jdlint locally for the full list)."]
    return "\n".join(out) + "\n\n"


def _cell(text: str) -> str:
    """Table cells cannot hold "|" or line breaks."""
    return one_line(text.replace("\r", " ").replace("\n", " ")).replace("|", "\\|")
