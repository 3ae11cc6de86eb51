"""SARIF 2.1.0, as GitHub code scanning, GitLab and SARIF viewers read it.

`tool.driver.rules` is generated from the rule metadata (summary, explanation, default level),
results point at repository-relative URIs under `%SRCROOT%`, and `partialFingerprints` carries
the same line-independent fingerprint as the GitLab report and the baseline.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from jdlint import __version__
from jdlint.findings import Finding, Severity
from jdlint.reporters import Report
from jdlint.reporters.escaping import encodable
from jdlint.rules import RuleMeta

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    metas = list(report.rules.values())
    index = {meta.code: i for i, meta in enumerate(metas)}
    docs = docs_url()
    driver: dict[str, Any] = {
        "name": "jdlint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(meta, docs) for meta in metas],
    }
    if docs:
        driver["informationUri"] = docs
    results = [
        _result(report, finding, fingerprint, index)
        for finding, fingerprint in zip(report.findings, report.fingerprint_list())
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",  # jdlint counts columns in characters
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def docs_url() -> str | None:
    """The rule documentation URL the installed distribution declares, if any."""
    try:
        urls = metadata.metadata("jdlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip()
    return None


def _rule(meta: RuleMeta, docs: str | None) -> dict[str, Any]:
    explanation = meta.explanation.strip() or meta.summary
    rule: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": _first_paragraph(explanation)},
        "help": {"text": explanation, "markdown": explanation},
        "defaultConfiguration": {
            "level": LEVELS[meta.severity],
            "enabled": meta.default_enabled,
        },
        "properties": {"scope": meta.scope, "fixable": meta.fixable},
    }
    if docs:
        rule["helpUri"] = f"{docs}#{meta.code.lower()}"
    return rule


def _first_paragraph(text: str) -> str:
    paragraph = text.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def _result(
    report: Report, finding: Finding, fingerprint: str, index: dict[str, int]
) -> dict[str, Any]:
    span = finding.span
    region = {
        "startLine": span.line,
        "startColumn": span.col,
        "endLine": max(span.end_line, span.line),
        "endColumn": max(span.end_col, 1),
    }
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": encodable(finding.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(report.relpath(finding.path)),
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"jdlint/v1": fingerprint},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def _artifact(path: str) -> dict[str, str]:
    """Relative to %SRCROOT% when inside the repository, else an absolute file URI."""
    if PurePosixPath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}
