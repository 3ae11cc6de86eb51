"""Grade notations as data (rules/grades.yml): GS, levels and bands read by the one statement
reader that the grade rules, export and report share (issue 16)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from jdlint.config.settings import load_settings
from jdlint.config.validation import load_schema
from jdlint.document.build import build_document
from jdlint.document.grade_notations import grade_notations, shipped_notations_data
from jdlint.document.section_names import vocabulary
from jdlint.domain.family_membership import assign_families
from jdlint.errors import ConfigError
from jdlint.fs.shipped import packs


def test_shipped_notations_are_valid_against_their_schema() -> None:
    data = yaml.safe_load(packs().joinpath("grades.yml").read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema("grades.schema.json"))
    assert data == shipped_notations_data()


def _role_grade(text: str, grades: dict | None = None):  # type: ignore[type-arg]
    words = vocabulary(None, grades)
    document = build_document("page.md", text, vocabulary=words)
    assert len(document.roles) == 1, document.layout
    return document.roles[0].grade


@pytest.mark.parametrize(
    ("line", "raw", "values"),
    [
        ("**GS Grade Level:** 13", "13", [13.0]),
        ("Series and grade: GS-2210-14/15", "14/15", [14.0, 15.0]),
        ("The Records Analyst is a GS-12 position.", "12", [12.0]),
        ("Level: L5", "L5", [5.0]),
        ("- Career level: IC4", "IC4", [4.0]),
        ("Band: C", "C", [3.0]),
        ("The Widget Engineer is a grade 7.", "7", [7.0]),
    ],
)
def test_notations_state_the_role_grade(line: str, raw: str, values: list[float]) -> None:
    text = f"---\ntitle: Records Analyst\n---\n\n{line}\n\n## Duties\n\n- Keep records\n"
    grade = _role_grade(text)
    assert grade is not None and grade.raw == raw and list(grade.values) == values


def test_a_grade_named_in_passing_is_no_statement() -> None:
    text = (
        "---\ntitle: Records Analyst\n---\n\n## Qualifications\n\n"
        "- One year of experience at the GS-11 level\n\n## Duties\n\n- Keep records\n"
    )
    assert build_document("page.md", text).roles[0].statements == ()


def test_config_chooses_notations() -> None:
    text = "---\ntitle: Records Analyst\n---\n\n**GS Grade Level:** 13\n\n## Duties\n\n- x\n"
    assert _role_grade(text, {"notations": ["grade"]}) is None
    grade = _role_grade(text, {"notations": ["gs"]})
    assert grade is not None and grade.raw == "13"


def test_config_adds_a_pattern() -> None:
    text = "---\ntitle: Records Analyst\n---\n\nPay scale: WX-4\n\n## Duties\n\n- x\n"
    assert _role_grade(text) is None
    grade = _role_grade(text, {"patterns": [r"^pay scale:\s*(?P<value>WX-\d)"]})
    assert grade is not None and list(grade.values) == [4.0]


def test_unknown_notation_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / ".jdlint.yaml"
    config.write_text("grades:\n  notations: [grade, federal]\n")
    with pytest.raises(ConfigError, match="unknown notation 'federal'"):
        load_settings(config)
    with pytest.raises(ConfigError):
        grade_notations({"patterns": ["(?P<value>[)"]})


def test_positions_split_by_grade_are_one_family() -> None:
    paths = [
        "_positions/records-analyst-gs-11.md",
        "_positions/records-analyst-gs-12.md",
        "_positions/payroll-clerk-gs-5.md",
        "_positions/release-notes-l4.md",
    ]
    families = assign_families([], paths)
    assert families[paths[0]].path == families[paths[1]].path == "_positions/records-analyst"
    assert families[paths[2]].path == "_positions/payroll-clerk-gs-5"  # alone: its own page
    assert families[paths[3]].path == "_positions/release-notes-l4"


@pytest.mark.parametrize(
    ("cell", "notation", "values"),
    [
        ("Band 6 (Agenda for Change)", "bands", (6.0,)),
        ("Band 8a", "bands", (8.1,)),
        ("Band 6-7", "bands", (6.0, 7.0)),
        ("GS-2210-12", "gs", (12.0,)),
        ("D3", "level D", (3.0,)),
        ("IC3", "level IC", (3.0,)),
        ("P-4", "level P", (4.0,)),
        ("Level: L5", "level L", (5.0,)),
        ("£38,249 to £45,413", "", ()),
        ("TBD", "", ()),
        ("Senior", "", ()),
    ],
)
def test_a_whole_value_reads_in_its_notation(
    cell: str, notation: str, values: tuple[float, ...]
) -> None:
    from jdlint.document.grade_notations import read_value

    assert read_value(cell) == (notation, values)


def test_band_8a_sorts_between_8_and_9() -> None:
    from jdlint.document.grade_notations import notation_values

    assert notation_values("8", "letter") < notation_values("8a", "letter")
    assert notation_values("8d", "letter") < notation_values("9", "letter")
