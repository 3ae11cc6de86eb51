"""A JSON list of findings with a fixed, documented set of keys (schemas/findings.schema.json)."""

from __future__ import annotations

import json
from collections import Counter

from jdlint.reporters import Report
from jdlint.reporters.escaping import encodable


def render(report: Report) -> str:
    if report.statistics:
        return json.dumps(statistics(report), indent=2, ensure_ascii=False) + "\n"
    records = [
        {
            "path": encodable(f.path),
            "line": f.span.line,
            "column": f.span.col,
            "end_line": f.span.end_line,
            "end_column": f.span.end_col,
            "code": f.code,
            "name": f.name,
            "severity": str(f.severity),
            "message": encodable(f.message),
            "fixable": f.fixable,
        }
        for f in report.findings
    ]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def statistics(report: Report) -> dict[str, object]:
    """`--statistics --format json`: counts per code (ruff's keys) and the run's notes."""
    counts = Counter(f.code for f in report.findings)
    fixable = Counter(f.code for f in report.findings if f.fixable)
    codes = [
        {
            "code": code,
            "name": report.rules[code].name if code in report.rules else None,
            "count": count,
            "fixable": fixable[code] > 0,
            "fixable_count": fixable[code],
        }
        for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {
        "statistics": codes,
        "total": len(report.findings),
        "fixable": sum(fixable.values()),
        "files": len(report.files),
        "notes": list(report.notes),
    }
