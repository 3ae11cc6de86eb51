"""Issue 19, item 2: only job pages get job-page rules; `--force-exclude`, `include`, `job-pages`.

"# Title" alone is an empty section (JD104, a structure rule): on a job page it is reported, on a
page that does not look like a job description (README.md) it is not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

EMPTY = "# Handbook\n"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    pages = {
        "README.md": EMPTY + "\nSee  the pages.\n",  # JD602 (double space) still applies
        "CONTRIBUTING.md": EMPTY,
        "job-families/widgets/index.md": EMPTY,  # under a job-families folder
        "docs/widget-engineer.md": "---\ntitle: Handbook\njob_family: widgets\n---\n"
        + EMPTY,  # job front matter
        "team/roles-by-hand.md": EMPTY,  # made a job page by `job-pages` below
        "job-families/drafts/old.md": EMPTY,
    }
    for name, text in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(run_cli, *args: str) -> dict[str, list[str]]:
    result = run_cli("check", "--no-cache", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    out: dict[str, list[str]] = {}
    for finding in json.loads(result.output):
        out.setdefault(finding["path"], []).append(finding["code"])
    return out


def test_structure_rules_skip_pages_that_are_not_job_descriptions(handbook, run_cli):
    found = _codes(run_cli, ".")
    assert found["README.md"] == ["JD602"]  # wording rules still run
    assert "CONTRIBUTING.md" not in found
    assert found["job-families/widgets/index.md"] == ["JD104"]
    assert found["docs/widget-engineer.md"] == ["JD104"]
    assert "team/roles-by-hand.md" not in found
    (handbook / ".jdlint.yaml").write_text("job-pages: [team/*]\n")
    assert _codes(run_cli, ".")["team/roles-by-hand.md"] == ["JD104"]


def test_statistics_names_the_skipped_pages(handbook, run_cli):
    result = run_cli("check", "--no-cache", "--statistics", ".")
    assert "pages do not look like a job description (CONTRIBUTING.md, README.md" in result.output


def test_a_page_with_roles_is_a_job_page_wherever_it_is(handbook, run_cli):
    (handbook / "notes.md").write_text("## Widget Engineer\n\n### Responsibilities\n\n- x\n")
    assert "JD101" in _codes(run_cli, "notes.md")["notes.md"]  # no Requirements section


def test_force_exclude_applies_exclude_to_named_files(handbook, run_cli):
    (handbook / ".jdlint.yaml").write_text("exclude: [drafts]\n")
    assert "job-families/drafts/old.md" in _codes(
        run_cli, "job-families/drafts/old.md"
    )  # named: checked, as ruff does
    result = run_cli("check", "--no-cache", "--force-exclude", "job-families/drafts/old.md")
    assert result.exit_code == 0
    assert "no pages found" in result.output
    (handbook / ".jdlint.yaml").write_text("exclude: [drafts]\nforce-exclude: true\n")
    assert _codes(run_cli, "job-families/drafts/old.md", "job-families/widgets/index.md") == {
        "job-families/widgets/index.md": ["JD104"]
    }


def test_include_limits_discovery_and_show_files_lists_it(handbook, run_cli):
    (handbook / ".jdlint.yaml").write_text("include: [job-families, docs/*.md]\n")
    result = run_cli("check", "--show-files", ".")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "docs/widget-engineer.md",
        "job-families/drafts/old.md",
        "job-families/widgets/index.md",
    ]


def test_no_pages_found_is_a_warning_like_ruff(handbook, run_cli):
    (handbook / "empty").mkdir()
    result = run_cli("check", "empty")
    assert result.exit_code == 0
    assert result.output.strip() == "jdlint: warning: no pages found under empty"


def test_shipped_hooks_force_the_excludes():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert all("--force-exclude" in hook["entry"].split() for hook in hooks)
