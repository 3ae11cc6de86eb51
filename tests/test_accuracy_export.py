"""A Hugo family split across files: the grades its `_index.md` states reach the level pages'
records in `jdlint export` (issue 17, item 10)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from conftest import ROOT

SCHEMA = json.loads((ROOT / "schemas/jobfamily.schema.json").read_text())
INDEX = (
    "---\ntitle: Widget Analyst\n---\n\n## Levels\n\n| Level | Grade |\n| --- | --- |\n"
    "| [Senior Widget Analyst](senior/) | [7](/g) |\n\nThe Staff Widget Analyst is a [grade 8](/g).\n"
)
LEVEL = "---\ntitle: {title}\n---\n\n## Responsibilities\n\n- Analyse widgets\n"


def _family(folder: Path) -> Path:
    family = folder / "content/job-families/widgets/analyst"
    family.mkdir(parents=True)
    (family / "_index.md").write_text(INDEX, encoding="utf-8")
    for name, title in (("senior", "Senior Widget Analyst"), ("staff", "Staff Widget Analyst")):
        (family / f"{name}.md").write_text(LEVEL.format(title=title), encoding="utf-8")
    (family / "lead.md").write_text(LEVEL.format(title="Lead Widget Analyst"), encoding="utf-8")
    return folder / "content"


def test_level_pages_take_their_grade_from_the_family_index(run_cli, tmp_path: Path) -> None:
    result = run_cli("export", str(_family(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    grades = {r["title"]: r["grade"] for r in data["roles"]}
    assert grades["Senior Widget Analyst"] == {
        "raw": "7",
        "values": [7],
        "source": "family",
        "notation": "grade",
    }
    assert grades["Staff Widget Analyst"] == {
        "raw": "8",
        "values": [8],
        "source": "family",
        "notation": "grade",
    }
    assert grades["Lead Widget Analyst"] is None  # the index says nothing of it


SPECIALTIES = (
    "---\ntitle: Senior Widget Analyst\n---\n\n## Levels\n\n### Senior\n\n#### Responsibilities\n\n"
    "- Lead analyses\n\n### Widget Pricing\n\n#### Requirements\n\n- Pricing experience\n\n"
    "### Staff\n\n#### Responsibilities\n\n- Set direction\n"
)


def test_specialties_on_a_level_page_take_the_level_grade(run_cli, tmp_path: Path) -> None:
    family = _family(tmp_path)
    page = tmp_path / "content/job-families/widgets/analyst/senior.md"
    page.write_text(SPECIALTIES, encoding="utf-8")
    data = json.loads(run_cli("export", str(family), "--format", "json").output)
    grades = {
        r["title"]: r["grade"] and r["grade"]["raw"]
        for r in data["roles"]
        if r["page"].endswith("senior.md")
    }
    # the bare level and a specialty are the Senior Widget Analyst's; "Staff" is another level
    assert grades == {"Senior": "7", "Widget Pricing": "7", "Staff": None}


def test_report_counts_the_joined_grades(run_cli, tmp_path: Path) -> None:
    family = _family(tmp_path)
    page = tmp_path / "content/job-families/widgets/analyst/senior.md"
    page.write_text(SPECIALTIES, encoding="utf-8")
    out = tmp_path / "report.html"
    result = run_cli("report", str(family), "-o", str(out))
    assert out.exists(), result.output
    html = out.read_text(encoding="utf-8")
    # Senior and Widget Pricing (senior.md) and Staff Widget Analyst; not Staff, not Lead
    assert "<b>5</b><span>roles</span>" in html
    assert "<b>3</b><span>roles with a grade</span>" in html


def test_specialties_take_the_grade_their_level_page_states(run_cli, tmp_path: Path) -> None:
    family = tmp_path / "content/job-families/gadgets"
    family.mkdir(parents=True)
    (family / "_index.md").write_text("---\ntitle: Gadget Engineer\n---\n\nWe build gadgets.\n")
    (family / "senior.md").write_text(
        "---\ntitle: Senior Gadget Engineer\n---\n\n## Job Grade\n\n"
        "The Senior Gadget Engineer is a [grade 7](/g).\n\n## Responsibilities\n\n- Lead\n\n"
        "## Requirements\n\n- Gadgets\n\n## Levels\n\n"
        "### Gadget Firmware\n\n#### Requirements\n\n- C\n\n#### Responsibilities\n\n- Ship\n\n"
        "### Gadget Cloud\n\n#### Requirements\n\n- Go\n\n#### Responsibilities\n\n- Run\n",
        encoding="utf-8",
    )
    data = json.loads(run_cli("export", str(tmp_path / "content"), "--format", "json").output)
    grades = {
        r["title"]: r["grade"] and (r["grade"]["raw"], r["grade"]["source"]) for r in data["roles"]
    }
    assert grades == {"Gadget Firmware": ("7", "family"), "Gadget Cloud": ("7", "family")}
