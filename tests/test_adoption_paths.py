"""Issue 19, item 1: fingerprints and the paths in messages and reports do not depend on how
jdlint was invoked (`.`, a file list, one file, a subfolder, another clone path)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from gitrepo import GitRepo

from jdlint.cli.main import main

SHARED = "We encourage you to apply even if you do not match every single [requirement](/handbook/hiring/) listed above, because we value potential."
DRIFTED = SHARED.replace("[requirement](/handbook/hiring/)", "requirement")  # lost link


def _page(grade: int, closing: str) -> str:
    return (
        "## Senior Widget Engineer\n\n"
        f"The Senior Widget Engineer is a [grade {grade}](/g).\n\n"
        "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n\n"
        f"{closing}\n"
    )


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    repo = GitRepo(tmp_path / "clone-one")
    repo.write(".jdlint.yaml", "boilerplate: {min-pages: 2}\n")
    repo.write("job-families/a/backend.md", _page(7, SHARED))
    repo.write("job-families/c/tools.md", _page(7, SHARED))
    repo.write("job-families/b/platform.md", _page(8, DRIFTED))  # JD204 and JD502
    repo.write("README.md", "# Handbook\n")
    repo.commit("pages")
    return repo.path


def _gitlab(cwd: Path, monkeypatch, *args: str) -> set[tuple[str, str, str]]:
    from click.testing import CliRunner

    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["check", "--format", "gitlab", *args])
    assert result.exit_code == 1, result.output
    entries = json.loads(result.output)
    return {
        (e["location"]["path"], e["description"], e["fingerprint"])
        for e in entries
        if e["location"]["path"].endswith("platform.md")
    }


def test_every_invocation_gives_the_same_paths_and_fingerprints(handbook, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere" / "clone-two"
    shutil.copytree(handbook, other, symlinks=True)
    page = "job-families/b/platform.md"
    runs = {
        "dot": _gitlab(handbook, monkeypatch, "."),
        "dot, no cache": _gitlab(handbook, monkeypatch, ".", "--no-cache"),
        "file list": _gitlab(
            handbook, monkeypatch, "job-families/a/backend.md", page, "job-families/c/tools.md"
        ),
        "one file": _gitlab(handbook, monkeypatch, page),
        "dot-slash": _gitlab(handbook, monkeypatch, f"./{page}"),
        "subfolder": _gitlab(handbook / "job-families", monkeypatch, "b/platform.md"),
        "absolute, from outside": _gitlab(tmp_path, monkeypatch, str(handbook / page)),
        "other clone": _gitlab(other, monkeypatch, page, "--no-cache"),
        "other clone, from outside": _gitlab(tmp_path, monkeypatch, str(other)),
    }
    expected = runs["dot"]
    assert {code.split()[0] for _, code, _ in expected} == {"JD204", "JD502"}
    for name, found in runs.items():
        assert found == expected, name
    for path, description, _ in expected:
        assert path == page
        assert "job-families/a/backend.md" in description  # the other page, named one way
        assert str(tmp_path) not in description and "./" not in description


def test_text_output_has_no_dot_slash(handbook, monkeypatch, run_cli):
    monkeypatch.chdir(handbook)
    result = run_cli("check", ".", "--no-cache")
    lines = [line for line in result.output.splitlines() if ": JD" in line]
    assert any(line.startswith("job-families/b/platform.md:") for line in lines)
    assert not any(line.startswith("./") for line in lines)


def test_baseline_from_a_full_run_matches_a_one_file_run(handbook, monkeypatch, run_cli):
    """The README's adoption recipe: a baseline of `.`, then a pre-commit run on one file."""
    monkeypatch.chdir(handbook)
    wrote = run_cli("check", "--write-baseline", ".jdlint-baseline.json", ".")
    assert wrote.exit_code == 0, wrote.output
    monkeypatch.chdir(handbook / "job-families")
    one = run_cli("check", "--baseline", "../.jdlint-baseline.json", "b/platform.md")
    assert one.exit_code == 0, one.output
