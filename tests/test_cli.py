"""The command line as a user meets it: exit codes, formats, one-line errors."""

from __future__ import annotations

import json

import jsonschema
from conftest import HANDBOOK, ROOT

CLEAN_PAGE = HANDBOOK / "job-families/engineering/widget-engineering/index.html.md"


def test_clean_page_exits_0(run_cli):
    result = run_cli("check", str(CLEAN_PAGE))
    assert result.exit_code == 0, result.output
    assert "All checks passed (1 file checked)." in result.output


def test_handbook_has_findings_and_exits_1(run_cli):
    result = run_cli("check", str(HANDBOOK))
    assert result.exit_code == 1
    assert "JD102 [warning]" in result.output
    assert "account-executive/index.html.md.erb:47:1:" in result.output
    assert result.output.strip().splitlines()[-1].startswith("Found ")


def test_json_format_has_exactly_the_documented_keys(run_cli):
    result = run_cli("check", str(HANDBOOK), "--format", "json")
    data = json.loads(result.output)
    assert data, "fixtures have findings"
    keys = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "fixable",
    }
    assert all(set(item) == keys for item in data)
    schema = json.loads((ROOT / "schemas/findings.schema.json").read_text())
    jsonschema.validate(data, schema)


def test_output_file(run_cli, tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", str(HANDBOOK), "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads(out.read_text())


def test_missing_path_is_usage_error(run_cli, tmp_path):
    result = run_cli("check", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_unknown_select_code_is_usage_error(run_cli):
    result = run_cli("check", str(CLEAN_PAGE), "--select", "JD999")
    assert result.exit_code == 2
    assert "unknown rule code or name 'JD999'" in result.output


def test_select_and_ignore_by_prefix_and_name(run_cli):
    only = run_cli("check", str(HANDBOOK), "--select", "JD1", "--ignore", "pseudo-heading", "-q")
    codes = {line.split()[1] for line in only.output.splitlines()}
    assert codes == {"JD102", "JD104"}


def test_malformed_config_names_file_line_and_key(run_cli, tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("select:\n  - JD101\nrequired-sections: Requirements\n")
    page = tmp_path / "page.md"
    page.write_text("## Widget Engineer\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    line = result.output.strip()
    assert ".jdlint.yaml:3:" in line
    assert "required-sections" in line and "expected array" in line


def test_unknown_config_key_suggests(run_cli, tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("selct: [JD101]\n")
    page = tmp_path / "page.md"
    page.write_text("## Widget Engineer\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    assert "unknown key 'selct' (did you mean 'select'?)" in result.output


def test_invalid_yaml_config(run_cli, tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("select: [JD101\n")
    result = run_cli("check", "--config", str(config), str(CLEAN_PAGE))
    assert result.exit_code == 2
    assert "bad.yaml:2:1: invalid YAML" in result.output


def test_binary_file_is_one_finding_and_run_goes_on(run_cli, tmp_path):
    (tmp_path / "logo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "ok.md").write_text("---\ntitle: Ok\n---\n\nText.\n")
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 1
    assert "logo.md:1:1: JD001 [error] binary file" in result.output
    assert "2 files" in result.output


def test_invalid_utf8_reports_position(run_cli, tmp_path):
    page = tmp_path / "latin1.md"
    page.write_bytes("## Caf\u00e9 Manager\n".encode("latin-1"))
    result = run_cli("check", str(page))
    assert "latin1.md:1:7: JD001" in result.output
    assert "not valid UTF-8" in result.output


def test_stdin_with_filename(run_cli):
    text = "## Widget Engineer\n\n### Responsibilities\n\n- x\n"
    result = run_cli("check", "-", "--stdin-filename", "jobs/widget.md", input=text)
    assert result.exit_code == 1
    assert "jobs/widget.md:1:1: JD101" in result.output


def test_fail_on_error_ignores_warnings(run_cli, tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "## Widget Engineer\n\n### Responsibilities\n\n- x\n\n### Requirements\n\n- y\n\n### Nice-to-haves\n"
    )
    assert run_cli("check", str(page)).exit_code == 1
    assert run_cli("check", str(page), "--fail-on", "error").exit_code == 0


def test_rules_lists_whole_catalogue(run_cli):
    result = run_cli("rules", "--format", "json")
    rows = json.loads(result.output)
    codes = [row["code"] for row in rows]
    assert codes == sorted(codes)
    assert {"JD001", "JD101", "JD301", "JD605", "JD701"} <= set(codes)
    status = {row["code"]: row["status"] for row in rows}
    assert status["JD101"] == "on"
    assert status["JD003"] == "off"


def test_explain_by_code_and_name(run_cli):
    by_code = run_cli("explain", "JD102")
    by_name = run_cli("explain", "family-section-nesting")
    assert by_code.exit_code == 0
    assert by_code.output == by_name.output
    assert "Career Ladder" in by_code.output
    unknown = run_cli("explain", "JD999")
    assert unknown.exit_code == 2


def test_version(run_cli):
    from jdlint import __version__

    result = run_cli("--version")
    assert __version__ in result.output


def test_tree_prints_roles(run_cli):
    result = run_cli("tree", str(CLEAN_PAGE))
    data = json.loads(result.output)
    assert [r["title"] for r in data["roles"]] == [
        "Widget Engineer",
        "Senior Widget Engineer",
        "Staff Widget Engineer",
    ]
    assert [r["grade"]["values"] for r in data["roles"]] == [[6.0], [7.0], [8.0]]


def test_show_settings(run_cli):
    result = run_cli("check", str(HANDBOOK), "--show-settings")
    data = json.loads(result.output)
    assert data["family-sections"] == ["Hiring Process"]
    assert data["config-file"].endswith(".jdlint.yaml")


def test_permission_denied(run_cli, tmp_path, monkeypatch):
    """Simulated, because the test suite may run as root, who can read any file."""
    import os

    page = tmp_path / "secret.md"
    page.write_text("## x\n")
    real_open = os.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(page):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    result = run_cli("check", str(page))
    assert result.exit_code == 1
    assert "secret.md:1:1: JD001 [error] permission denied" in result.output


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", str(CLEAN_PAGE)],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
    )
    assert done.returncode == 0, done.stderr


def test_check_with_fix_builds_one_engine(run_cli, tmp_path, monkeypatch):
    """The fix pass and the check after it share the run's engine (rule options, vocabularies
    and packs are set up once)."""
    from jdlint.engine import checking

    built = []
    real = checking.Engine.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(checking.Engine, "__init__", counting)
    page = tmp_path / "widget.md"
    page.write_text(
        "# Widget Lead  \n\n## Responsibilities\n\n- Lead\n\n## Requirements\n\n- Widgets\n"
    )
    result = run_cli("check", str(page), "--fix", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    assert len(built) == 1
