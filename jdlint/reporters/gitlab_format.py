"""GitLab Code Quality report (the `artifacts:reports:codequality` JSON GitLab renders in MRs).

GitLab validates each entry against its codeclimate schema and stops at the first invalid one,
merges entries with equal fingerprints and compares reports across pipelines by fingerprint:
hence `jdlint.gate.fingerprints`. Paths are relative to the repository root, as GitLab links them.
"""

from __future__ import annotations

import json

from jdlint.findings import Severity
from jdlint.reporters import Report
from jdlint.reporters.escaping import encodable

# GitLab's scale is info < minor < major < critical < blocker; critical and blocker are kept for
# security and breakage, which a wording or structure finding never is.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    entries = [
        {
            "type": "issue",
            "check_name": finding.code,
            "description": encodable(f"{finding.code} {finding.message}"),
            "categories": ["Style"],
            "severity": SEVERITIES[finding.severity],
            "fingerprint": fingerprint,
            "location": {
                "path": encodable(report.relpath(finding.path)),
                "lines": {"begin": finding.span.line, "end": finding.span.end_line},
            },
        }
        for finding, fingerprint in zip(report.findings, report.fingerprint_list())
    ]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
