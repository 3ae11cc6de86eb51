"""The layout fixtures (fixtures/layouts/, issue 16): every correct page is clean, and every
defect of its twin is found, code and line, and nothing else is reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = "fixtures/layouts"

#: layout -> {page under defective/: [(line, code), ...]}: each defect planted in the twin
DEFECTS: dict[str, dict[str, list[tuple[int, str]]]] = {
    "template": {
        "kiln-operations.md": [
            (14, "JD101"),  # Kiln Technician has no Requirements
            (29, "JD201"),  # grade 4 in the statement, 6 in the matrix
            (41, "JD102"),  # Hiring Process nested under the last role
        ],
    },
    "job-ad": {
        "build-infrastructure-engineer.md": [
            (2, "JD101"),  # no About you / Requirements ("What you can expect" is not one)
            (16, "JD503"),  # the same duty twice
            (23, "JD104"),  # Benefits is empty
            (27, "JD403"),  # the application form is a private document
        ],
    },
    "bold-labels": {
        # Mixed styles: one heading section, two bold-label sections. A page written in bold
        # labels only is the house style of ATS exports (benchmarks/probe), not a defect.
        "data-analyst.md": [(12, "JD106"), (17, "JD106")],
    },
    "federal": {
        "_positions/management-analyst-gs-11.md": [
            (9, "JD111"),
            (12, "JD111"),
            (16, "JD111"),
            (20, "JD111"),
        ],
        "_positions/management-analyst-gs-12.md": [
            (2, "JD101"),  # the Qualifications section was dropped
            (9, "JD111"),
            (12, "JD111"),
            (16, "JD111"),
        ],
        "_positions/management-analyst-gs-13.md": [
            (8, "JD201"),  # GS Grade Level 12 on the GS-13 page
            (10, "JD111"),
            (13, "JD111"),
            (17, "JD111"),
            (21, "JD111"),
        ],
    },
    "ladder": {
        "support-engineering-ladder.md": [
            (13, "JD103"),  # the table lists L3, whose section was removed
        ],
    },
    "levels": {
        "software-engineer.md": [
            (23, "JD101"),  # Software Engineer II has no Requirements
            (35, "JD104"),  # an empty Responsibilities section
            (43, "JD203"),  # Staff at L4, below Senior's L5
        ],
    },
}


def _check(folder: str) -> tuple[int, list[tuple[str, int, str]]]:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["check", folder, "--no-cache", "--format", "json"])
    finally:
        os.chdir(here)
    import json

    found = json.loads(result.output) if result.output.strip() else []
    prefix = folder + "/"
    return result.exit_code, [(f["path"].removeprefix(prefix), f["line"], f["code"]) for f in found]


@pytest.mark.parametrize("layout", sorted(DEFECTS))
def test_correct_page_has_no_findings(layout: str) -> None:
    code, found = _check(f"{LAYOUTS}/{layout}/correct")
    assert found == [] and code == 0


@pytest.mark.parametrize("layout", sorted(DEFECTS))
def test_every_defect_is_found_at_its_line(layout: str) -> None:
    code, found = _check(f"{LAYOUTS}/{layout}/defective")
    expected = sorted(
        (page, line, rule) for page, defects in DEFECTS[layout].items() for line, rule in defects
    )
    assert sorted(found) == expected
    assert code == 1


def test_the_federal_family_is_one_family_in_export() -> None:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(
            main, ["export", f"{LAYOUTS}/federal/correct", "--format", "json"]
        )
    finally:
        os.chdir(here)
    import json

    data = json.loads(result.output)
    roles = data["roles"]
    assert {r["family_path"] for r in roles} == {
        f"{LAYOUTS}/federal/correct/_positions/management-analyst"
    }
    assert sorted(r["grade"]["values"][0] for r in roles) == [11, 12, 13]
