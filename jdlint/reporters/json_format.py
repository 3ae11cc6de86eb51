"""A JSON list of findings with a fixed, documented set of keys (schemas/findings.schema.json)."""

from __future__ import annotations

import json

from jdlint.reporters import Report
from jdlint.reporters.escaping import encodable


def render(report: Report) -> str:
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
