"""The export written out: JSON (schemas/jobfamily.schema.json) or CSV for spreadsheets.

JSON keeps the structure (grade values, each finding with its position). CSV is one row per
role with lists joined into cells, so it opens in a spreadsheet and reads back with
`csv.DictReader`; cells that a spreadsheet would run as a formula are quoted with `'`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from jdlint import __version__
from jdlint.export.records import EXPORT_VERSION, Export, Grade, PageRecord, RoleRecord, summary
from jdlint.findings import Finding

CSV_COLUMNS = (
    "family",
    "family_path",
    "page",
    "line",
    "title",
    "normalised_title",
    "grade",
    "grade_values",
    "grade_source",
    "sections",
    "shared_sections",
    "reports_to",
    "responsibilities",
    "requirements",
    "gendered_title",
    "neutral_title",
    "finding_count",
    "finding_codes",
    "findings",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(export: Export) -> str:
    data = {
        "export_version": EXPORT_VERSION,
        "jdlint_version": __version__,
        "summary": summary(export),
        "roles": [role_data(r) for r in export.roles],
        "pages": [page_data(p) for p in export.pages],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _identity(role: RoleRecord) -> dict[str, Any]:
    """The fields that name a role, shared by the JSON record and the CSV row."""
    return {
        "family": role.family.name,
        "family_path": role.family.path,
        "page": role.page,
        "line": role.line,
        "title": role.title,
        "normalised_title": role.normalised_title,
    }


def role_data(role: RoleRecord) -> dict[str, Any]:
    return {
        **_identity(role),
        "grade": grade_data(role.grade),
        "sections": list(role.sections),
        "shared_sections": list(role.shared_sections),
        "reports_to": role.reports_to,
        "responsibilities": role.responsibilities,
        "requirements": role.requirements,
        "gendered_title": role.gendered_title,
        "neutral_title": role.neutral_title,
        "findings": [finding_data(f) for f in role.findings],
    }


def page_data(page: PageRecord) -> dict[str, Any]:
    return {
        "path": page.path,
        "family": page.family.name,
        "family_path": page.family.path,
        "title": page.title,
        "layout": page.layout,
        "roles": page.roles,
        "findings": [finding_data(f) for f in page.findings],
    }


def grade_data(grade: Grade | None) -> dict[str, Any] | None:
    if grade is None:
        return None
    return {
        "raw": grade.raw,
        "values": [_number(v) for v in grade.values],
        "source": grade.source,
        "notation": grade.notation,
    }


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "line": finding.span.line,
        "column": finding.span.col,
        "message": finding.message,
    }


def to_csv(export: Export) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for role in export.roles:
        grade = role.grade
        row = {
            **_identity(role),
            "grade": grade.raw if grade else "",
            "grade_values": ";".join(str(_number(v)) for v in grade.values) if grade else "",
            "grade_source": grade.source if grade else "",
            "sections": "; ".join(role.sections),
            "shared_sections": "; ".join(role.shared_sections),
            "reports_to": role.reports_to or "",
            "responsibilities": "" if role.responsibilities is None else role.responsibilities,
            "requirements": "" if role.requirements is None else role.requirements,
            "gendered_title": "yes" if role.gendered_title else "",
            "neutral_title": role.neutral_title or "",
            "finding_count": len(role.findings),
            "finding_codes": " ".join(sorted({f.code for f in role.findings})),
            "findings": "\n".join(
                f"{f.code} line {f.span.line}: {f.message}" for f in role.findings
            ),
        }
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula ("=HYPERLINK(...)") is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
