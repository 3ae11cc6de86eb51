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
    assert grades["Senior Widget Analyst"] == {"raw": "7", "values": [7], "source": "family"}
    assert grades["Staff Widget Analyst"] == {"raw": "8", "values": [8], "source": "family"}
    assert grades["Lead Widget Analyst"] is None  # the index says nothing of it
