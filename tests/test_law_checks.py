"""Job-ad law checks beyond their YAML cases: the shipped word list and its schema, JD305's
unsafe page-wide fix, JD607 switched on by the `pay-transparency` config key, the export's
per-role flag and the report's mark, and `jdlint explain` naming each rule's basis."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT

from jdlint.domain.gendered_titles import find_gendered, match_case, neutral_title, title_words

WORD_LIST = ROOT / "rules/gendered-titles/titles.yml"
SALES_PAGE = (
    "---\ntitle: Salesman\n---\n\n# Salesman\n\n"
    "| Title | Grade |\n| --- | --- |\n| Salesman | 6 |\n| Foreman | 7 |\n\n"
    "## Salesman\n\nThe Salesman is a [grade 6](/g/). The Salesman reports to the Foreman.\n\n"
    "### Responsibilities\n\n- Sell widgets in Manchester\n\n### Requirements\n\n- Skill\n"
)


def test_shipped_word_list_is_valid_and_cites_its_sources() -> None:
    schema = json.loads((ROOT / "schemas/gendered-titles.schema.json").read_text())
    text = WORD_LIST.read_text(encoding="utf-8")
    jsonschema.validate(yaml.safe_load(text), schema)
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    assert "Directive (EU) 2023/970" in header and "Article 5" in header
    assert "Dictionary of Occupational Titles" in header


def test_schema_rejects_an_entry_without_alternatives() -> None:
    schema = json.loads((ROOT / "schemas/gendered-titles.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"titles": {"Salesman": []}}, schema)


def test_no_neutral_alternative_is_itself_gendered() -> None:
    words = title_words()
    for term in words.terms.values():
        for alternative in term.alternatives:
            assert list(find_gendered(alternative, words)) == [], (term.written, alternative)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Salesman", "Senior Salesperson"),
        ("Foreman, Night Shift", "Supervisor, Night Shift"),
        ("Head Waitress", "Head Server"),
        ("Manchester Office Lead", None),
        ("Human Resources Partner", None),
        ("Woman-owned Business Liaison", None),
    ],
)
def test_neutral_title(title: str, expected: str | None) -> None:
    assert neutral_title(title) == expected


def test_replacement_keeps_the_case_written() -> None:
    assert match_case("SALESMAN", "Salesperson") == "SALESPERSON"
    assert match_case("salesman", "Sales Representative") == "sales representative"
    assert match_case("Salesman", "Salesperson") == "Salesperson"


def test_unsafe_fix_writes_one_title_across_the_page(run_cli) -> None:
    safe = run_cli("check", "-", "--fix", "--stdin-filename", "page.md", input=SALES_PAGE)
    assert "Salesman" in safe.output  # not a safe fix: --fix alone leaves the titles
    result = run_cli(
        "check", "-", "--fix", "--unsafe-fixes", "--stdin-filename", "page.md", input=SALES_PAGE
    )
    fixed = result.output
    assert "Salesman" not in fixed and "Foreman" not in fixed
    assert fixed.count("Salesperson") == SALES_PAGE.count("Salesman")
    assert (
        "The Salesperson is a [grade 6](/g/). The Salesperson reports to the Supervisor." in fixed
    )
    assert "title: Salesperson\n" in fixed and "| Supervisor | 7 |" in fixed
    assert "Manchester" in fixed
    again = run_cli(
        "check", "-", "--select", "JD305,JD301,JD103", "--stdin-filename", "page.md", input=fixed
    )
    assert again.exit_code == 0, again.output  # consistent: no title mismatch, nothing left


def _handbook(tmp_path: Path, config: str) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    if config:
        (tmp_path / ".jdlint.yaml").write_text(config, encoding="utf-8")
    page = tmp_path / "job-families" / "widgets.md"
    page.parent.mkdir()
    page.write_text(
        "# Widget Engineer\n\n## Widget Engineer\n\nThe Widget Engineer is a grade 6.\n\n"
        "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Skill\n",
        encoding="utf-8",
    )
    return page


def test_pay_information_is_off_until_the_config_switches_it_on(run_cli, tmp_path) -> None:
    page = _handbook(tmp_path, "")
    assert "JD607" not in run_cli("check", str(page), "--no-cache").output
    _handbook(tmp_path / "on", "pay-transparency:\n  jurisdiction: EU Directive 2023/970\n")
    result = run_cli("check", str(tmp_path / "on" / "job-families" / "widgets.md"), "--no-cache")
    assert result.exit_code == 1
    assert (
        "JD607 [warning] job posting states no pay range (EU Directive 2023/970)" in result.output
    )


def test_pay_information_per_path(run_cli, tmp_path) -> None:
    config = "pay-transparency:\n  - jurisdiction: Colorado\n    paths: ['elsewhere/**']\n"
    page = _handbook(tmp_path, config)
    assert "JD607" not in run_cli("check", str(page), "--no-cache").output


def test_pay_transparency_config_errors_are_one_line(run_cli, tmp_path) -> None:
    page = _handbook(tmp_path, "pay-transparency:\n  paths: [job-families/**]\n")
    result = run_cli("check", str(page), "--no-cache")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pay-transparency" in lines[0] and "jurisdiction" in lines[0]


def test_export_flags_gendered_titles_and_validates(run_cli, tmp_path) -> None:
    page = tmp_path / "widgets.md"
    page.write_text(SALES_PAGE, encoding="utf-8")
    result = run_cli("export", str(page), "--format", "json")
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads((ROOT / "schemas/jobfamily.schema.json").read_text()))
    flags = {r["title"]: (r["gendered_title"], r["neutral_title"]) for r in data["roles"]}
    assert flags["Salesman"] == (True, "Salesperson")
    csv_out = run_cli("export", str(page), "--format", "csv").output
    assert ",yes,Salesperson," in csv_out


def test_report_marks_gendered_titles(run_cli, tmp_path) -> None:
    page = tmp_path / "widgets.md"
    page.write_text(SALES_PAGE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert run_cli("report", str(page), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert 'class="badge gendered" title="gender-neutral form: Salesperson"' in html


@pytest.mark.parametrize(
    ("code", "basis"),
    [
        ("JD305", "Directive (EU) 2023/970"),
        ("JD603", "Gaucher, Friesen & Kay (2011"),
        ("JD606", "California Labor Code 432.3"),
        ("JD607", "Colorado"),
    ],
)
def test_explain_names_the_basis_and_is_not_legal_advice(run_cli, code, basis) -> None:
    text = run_cli("explain", code).output
    assert "Basis:" in text and basis in text
    assert "not legal advice" in text


def test_defaults(run_cli) -> None:
    data = json.loads(run_cli("rules", "--format", "json").output)
    status = {r["code"]: r["status"] for r in data}
    assert status["JD305"] == status["JD606"] == "on"
    assert status["JD607"] == status["JD603"] == "off"
