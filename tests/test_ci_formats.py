"""CI report formats, checked against what their consumers accept (vendored schemas, XML parser)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT

SCHEMAS = Path(__file__).parent / "schemas"
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}

# A page with two identical findings (the same empty heading twice) and text that needs escaping.
AWKWARD_PAGE = (
    "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n\n"
    "### Requirements\n\n- Care\n\n"
    "### Ops: 100%, always\n\n### Ops: 100%, always\n\n## Another Role\n"
)


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def run_format(run_cli, fmt: str, *paths: str) -> str:
    result = run_cli("check", *(paths or ("fixtures",)), "--format", fmt)
    assert result.exit_code == 1, result.output
    return result.output


def findings_json(run_cli, *paths: str) -> list[dict]:
    return json.loads(run_format(run_cli, "json", *paths))


@pytest.fixture
def awkward(tmp_path, monkeypatch) -> str:
    """The awkward page, checked from its folder (no repository: paths are relative to it)."""
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "awkward, page.md").write_text(AWKWARD_PAGE)
    monkeypatch.chdir(tmp_path)
    return "jobs/awkward, page.md"


def test_sarif_of_fixtures_validates_against_the_oasis_schema(run_cli, in_repo):
    log = json.loads(run_format(run_cli, "sarif"))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    by_id = {r["id"]: r for r in rules}
    assert "Career Ladder" in by_id["JD102"]["help"]["markdown"]  # the explanation
    assert by_id["JD102"]["defaultConfiguration"]["level"] == "warning"
    expected = findings_json(run_cli)
    assert len(run["results"]) == len(expected) > 0
    for result, finding in zip(run["results"], expected):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == finding["code"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["path"]
        assert location["region"]["startLine"] == finding["line"]
        assert location["region"]["startColumn"] == finding["column"]


def test_gitlab_entries_validate_against_gitlabs_schema(run_cli, in_repo):
    entries = json.loads(run_format(run_cli, "gitlab"))
    schema = json.loads((SCHEMAS / "gitlab-codeclimate.json").read_text())
    expected = findings_json(run_cli)
    assert len(entries) == len(expected) > 0
    for entry, finding in zip(entries, expected):
        jsonschema.validate(entry, schema)
        # GitLab's docs require these on top of the schema for the merge request widget.
        assert entry["check_name"] == finding["code"]
        assert entry["location"]["lines"]["begin"] == finding["line"]
        assert entry["severity"] in GITLAB_SEVERITIES
        path = entry["location"]["path"]
        assert not path.startswith(("/", "./")) and (ROOT / path).is_file()
    assert len({e["fingerprint"] for e in entries}) == len(entries)


def test_severity_mapping(run_cli, in_repo):
    entries = json.loads(run_format(run_cli, "gitlab"))
    by_code = {e["check_name"]: e["severity"] for e in entries}
    assert by_code["JD701"] == "major"  # an error
    assert by_code["JD104"] == "minor"  # a warning


def test_sarif_partial_fingerprints_are_the_gitlab_fingerprints(run_cli, in_repo):
    sarif = json.loads(run_format(run_cli, "sarif"))["runs"][0]["results"]
    gitlab = json.loads(run_format(run_cli, "gitlab"))
    assert [r["partialFingerprints"]["jdlint/v1"] for r in sarif] == [
        e["fingerprint"] for e in gitlab
    ]


def test_junit_parses_with_one_testcase_per_file_and_one_failure_per_finding(run_cli, in_repo):
    root = ET.fromstring(run_format(run_cli, "junit").encode())
    expected = findings_json(run_cli)
    cases = root.findall("./testsuite/testcase")
    checked = run_cli("check", "fixtures", "--format", "text").output.strip().splitlines()[-1]
    assert f"in {len(cases)} files" in checked
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == len(expected)
    assert [f.get("type") for f in failures] == [f["code"] for f in expected]
    failing = {c.get("file") for c in cases if c.find("failure") is not None}
    assert failing == {f["path"] for f in expected}
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == str(len(cases))
    assert suite.get("failures") == str(len(failing))


def test_identical_findings_get_distinct_fingerprints(run_cli, awkward):
    entries = json.loads(run_format(run_cli, "gitlab", awkward))
    empty = [e for e in entries if "is empty" in e["description"]]
    assert len(empty) >= 2
    assert empty[0]["description"] == empty[1]["description"]
    assert len({e["fingerprint"] for e in entries}) == len(entries)


def test_fingerprints_survive_lines_added_above(run_cli, awkward):
    before = json.loads(run_format(run_cli, "gitlab", awkward))
    Path(awkward).write_text("Intro paragraph.\n\nAnother one.\n\n" + AWKWARD_PAGE)
    after = json.loads(run_format(run_cli, "gitlab", awkward))
    assert [e["location"]["lines"]["begin"] for e in after] == [
        e["location"]["lines"]["begin"] + 4 for e in before
    ]
    assert [e["fingerprint"] for e in after] == [e["fingerprint"] for e in before]


def test_github_annotations_escape_properties_and_data(run_cli, awkward):
    lines = run_format(run_cli, "github", awkward).splitlines()
    empty = [line for line in lines if "empty-section" in line]
    assert empty, lines
    first = empty[0]
    assert first.startswith("::warning file=jobs/awkward%2C page.md,line=11,")
    assert ",col=1," in first and ",title=JD104 empty-section" in first
    assert first.endswith('::section "Ops: 100%25, always" is empty')


def test_github_step_summary_is_appended(run_cli, awkward, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_format(run_cli, "github", awkward)
    text = summary.read_text()
    assert text.startswith("earlier step\n## jdlint\n")
    assert "| JD104 | empty-section | 3 |" in text
    assert "| `jobs/awkward, page.md:11:1` | JD104 | warning |" in text


def test_every_format_is_offered(run_cli):
    from jdlint.reporters import FORMATS

    for fmt in FORMATS:
        result = run_cli("check", str(FIXTURES / "handbook"), "--format", fmt)
        assert result.exit_code == 1 and result.output, fmt


def test_sarif_help_uri_when_the_distribution_declares_documentation(run_cli, in_repo, monkeypatch):
    from importlib import metadata

    real = metadata.metadata

    class Declared:
        def __init__(self, name: str) -> None:
            self.real = real(name)

        def get_all(self, key: str):
            if key == "Project-URL":
                return [
                    "Source, https://example.com/src",
                    "Documentation, https://example.com/rules",
                ]
            return self.real.get_all(key)

    monkeypatch.setattr(metadata, "metadata", Declared)
    log = json.loads(run_format(run_cli, "sarif"))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.com/rules/"
    rule = next(r for r in driver["rules"] if r["id"] == "JD104")
    assert rule["helpUri"] == "https://example.com/rules/JD104.html"  # a page of `jdlint docs`
