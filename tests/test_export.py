"""`jdlint export`: every role as a record, JSON valid against its schema, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import HANDBOOK, ROOT

from jdlint.api import check_with_pages as run_checks
from jdlint.export.formats import CSV_COLUMNS
from jdlint.export.records import build_export

SCHEMA = json.loads((ROOT / "schemas/jobfamily.schema.json").read_text())
ROLE = (
    "## {title}\n\n### Job Grade\n\nThe {title} is a [grade {grade}](/grades/).\n\n"
    "### Responsibilities\n\n- Build widgets\n- Ship widgets\n\n### Requirements\n\n- Skill\n"
)


def _export_json(run_cli, *paths: str) -> dict:
    result = run_cli("export", *paths, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _page(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _handbook(folder: Path) -> Path:
    """Three layouts: roles at H2 with a matrix, Levels under shared sections, a bad front matter."""
    _page(
        folder,
        "engineering/widgets/index.html.md",
        "---\ntitle: Widget Engineering\n---\n\n"
        "| Widget Engineering | Grade |\n| --- | --- |\n| Widget Engineer | 6 |\n"
        "| Senior Widget Engineer | 7 |\n\n"
        + ROLE.format(title="Widget Engineer", grade=6)
        + "\n## Senior Widget Engineer\n\nThe Senior Widget Engineer reports to the Manager, Widgets.\n\n"
        "### Job Grade\n\nThe Senior Widget Engineer is a [grade 7](/grades/).\n\n"
        "### Responsibilities\n\n- Lead widget design\n",
    )
    _page(
        folder,
        "security/gadgets/index.md",
        "---\ntitle: Gadget Security\n---\n\n## Requirements\n\n- Offensive security\n- GitLab\n\n"
        "## Levels\n\n### Gadget Engineer\n\n#### Gadget Engineer Job Grade\n\n"
        "The Gadget Engineer is a [grade 6](/grades/).\n\n"
        "#### Gadget Engineer Responsibilities\n\n- Run exercises\n",
    )
    _page(
        folder,
        "people/partner/index.html.md",
        "---\ntitle: People Partner\ndescription: [unclosed\n---\n\n## People Partner\n\n"
        "### Responsibilities\n\n- Advise managers\n\n### Requirements\n\n- Experience\n",
    )
    return folder


def test_fixture_handbook_json_validates_and_accounts_for_everything(run_cli):
    data = _export_json(run_cli, str(HANDBOOK))
    jsonschema.validate(data, SCHEMA)
    result = run_checks((str(HANDBOOK),))
    assert len(data["roles"]) == sum(len(d.roles) for d in result.documents) > 0
    owned = sum(len(r["findings"]) for r in data["roles"])
    loose = sum(len(p["findings"]) for p in data["pages"])
    assert owned > 0 and owned + loose == len(result.findings) == data["summary"]["findings"]


def test_summary_counts(run_cli, tmp_path):
    data = _export_json(run_cli, str(_handbook(tmp_path)))
    jsonschema.validate(data, SCHEMA)
    assert data["summary"] == {
        "pages": 3,
        "families": 3,
        "roles": 4,
        "graded_roles": 3,
        "roles_without_grade": 1,  # People Partner states no grade
        "findings": 2,  # JD101 (no Requirements), JD701 (front matter)
    }


def test_role_record_fields(run_cli, tmp_path):
    roles = {r["title"]: r for r in _export_json(run_cli, str(_handbook(tmp_path)))["roles"]}
    widget = roles["Widget Engineer"]
    assert widget["family"] == "Widget Engineering"
    assert widget["family_path"] == str(tmp_path / "engineering/widgets")
    assert widget["grade"] == {"raw": "6", "values": [6], "source": "text", "notation": "grade"}
    assert widget["sections"] == ["Job Grade", "Responsibilities", "Requirements"]
    assert (widget["responsibilities"], widget["requirements"]) == (2, 1)
    senior = roles["Senior Widget Engineer"]
    assert senior["reports_to"] == "Manager, Widgets"
    assert senior["requirements"] is None and senior["line"] > widget["line"]
    gadget = roles["Gadget Engineer"]
    assert gadget["family"] == "Gadget Security"
    assert gadget["shared_sections"] == ["Requirements"]  # written once above the levels
    assert (gadget["responsibilities"], gadget["requirements"]) == (1, 2)
    assert roles["People Partner"]["grade"] is None


def test_findings_go_to_the_role_that_contains_them(run_cli, tmp_path):
    data = _export_json(run_cli, str(_handbook(tmp_path)))
    roles = {r["title"]: r for r in data["roles"]}
    [missing] = roles["Senior Widget Engineer"]["findings"]
    assert missing["code"] == "JD101" and "Requirements" in missing["message"]
    assert roles["Widget Engineer"]["findings"] == []
    assert roles["People Partner"]["findings"] == []
    pages = {Path(p["path"]).parent.name: p for p in data["pages"]}
    # invalid front matter sits above the role heading: it stays with the page
    assert [f["code"] for f in pages["partner"]["findings"]] == ["JD701"]


def test_csv_reads_back_with_dictreader(run_cli, tmp_path):
    result = run_cli("export", str(_handbook(tmp_path)), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 4
    senior = next(r for r in rows if r["title"] == "Senior Widget Engineer")
    assert senior["grade"] == "7" and senior["grade_values"] == "7"
    assert senior["reports_to"] == "Manager, Widgets"
    assert senior["finding_codes"] == "JD101" and senior["requirements"] == ""
    assert senior["sections"] == "Job Grade; Responsibilities"
    partner = next(r for r in rows if r["title"] == "People Partner")
    assert partner["grade"] == "" and partner["family"] == "Partner"  # no title: from the folder


def test_findings_cell_holds_one_finding_a_line(run_cli, tmp_path):
    _page(
        tmp_path,
        "w/index.md",
        "## Widget Engineer\n\n## Gadget Engineer\n\nThe Gadget Engineer is a [grade 6](/g).\n",
    )
    rows = list(
        csv.DictReader(io.StringIO(run_cli("export", str(tmp_path), "--format", "csv").output))
    )
    gadget = next(r for r in rows if r["title"] == "Gadget Engineer")
    assert int(gadget["finding_count"]) == 2  # no Responsibilities, no Requirements
    assert gadget["findings"].count("\n") == 1 and gadget["findings"].startswith("JD101 line 3:")


def test_output_file_and_missing_path(run_cli, tmp_path):
    out = tmp_path / "roles.csv"
    assert run_cli("export", str(HANDBOOK), "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("family,family_path,page,")
    missing = run_cli("export", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "no such file or directory" in missing.output


def test_csv_cells_that_look_like_formulas_stay_text(run_cli, tmp_path):
    _page(tmp_path, "f/index.md", ROLE.format(title="=HYPERLINK(1) Engineer", grade=6))
    rows = list(
        csv.DictReader(io.StringIO(run_cli("export", str(tmp_path), "--format", "csv").output))
    )
    assert rows[0]["title"] == "'=HYPERLINK(1) Engineer"


def test_grade_from_the_matrix_when_the_role_states_none(tmp_path):
    text = (
        "| Title | Grade |\n| --- | --- |\n| Widget Engineer | 6 |\n| Senior Widget Engineer | 7/8 |\n\n"
        "## Senior Widget Engineer\n\n### Responsibilities\n\n- x\n\n### Requirements\n\n- y\n"
    )
    _page(tmp_path, "w/index.md", text)
    [role] = build_export(run_checks((str(tmp_path),))).roles
    assert role.grade is not None
    assert (role.grade.raw, role.grade.values, role.grade.source) == ("7/8", (7.0, 8.0), "matrix")


def test_hugo_family_folder_is_one_family_named_by_its_index(tmp_path):
    family = tmp_path / "backend"
    _page(family, "_index.md", "---\ntitle: Backend Engineering\n---\n\nShared text.\n")
    _page(
        family,
        "senior.md",
        "---\ntitle: Senior Backend Engineer\n---\n\n"
        + ROLE.format(title="Senior Backend Engineer", grade=7),
    )
    _page(tmp_path, "red-team.md", ROLE.format(title="Red Team Engineer", grade=6))
    roles = {r.title: r for r in build_export(run_checks((str(tmp_path),))).roles}
    assert roles["Senior Backend Engineer"].family.name == "Backend Engineering"
    assert roles["Senior Backend Engineer"].family.path == str(family)
    assert roles["Red Team Engineer"].family.path == str(tmp_path / "red-team")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Widget Engineer reports to the Manager, Widget Engineering.",
            "Manager, Widget Engineering",
        ),
        ("It reports to the [VP of Widgets](/vp/) and leads the guild.", "VP of Widgets"),
        ("This role reports to the Sr. Manager, Widgets. It is remote.", "Sr. Manager, Widgets"),
        ("You will report to our CWO (Chief Widget Officer).", "CWO"),
        (
            "It reports to an Area Widget Manager or Regional Director.",
            "Area Widget Manager or Regional Director",
        ),
        ("It reports to the Widget Lead\nInitially the role is small.", "Widget Lead"),
        ("Widget Engineers report to the Widget Manager.", None),  # about other people
        ("Manages five direct reports to keep widgets flowing.", None),
        ("Turns abuse reports to point fixes.", None),
    ],
)
def test_reports_to(tmp_path, sentence, expected):
    text = f"## Widget Engineer\n\n{sentence}\n\n### Responsibilities\n\n- x\n\n### Requirements\n\n- y\n"
    _page(tmp_path, "w/index.md", text)
    [role] = build_export(run_checks((str(tmp_path),))).roles
    assert role.reports_to == expected
