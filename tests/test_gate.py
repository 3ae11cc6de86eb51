"""`--diff-base` and baselines, on real temporary git repositories."""

from __future__ import annotations

import json

import pytest
from gitrepo import GitRepo

ROLE = (
    "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n\n"
    "### Requirements\n\n- Care\n\n"
)
# JD104 fires on "### Benefits" (line 11): it is empty.
PAGE_A = ROLE + "### Benefits\n\n### Perks\n\n- Snacks\n"
PAGE_B = ROLE + "### Travel\n\n### Perks\n\n- Snacks\n"  # JD104 on "### Travel" (line 11)
# JD107 on line 5: a job page (its title names a job) with its Markdown markup stripped.
PLAIN = "---\ntitle: Senior Widget Engineer\n---\n\nYou build widgets.\n\nYou care about them.\n\nApply now.\n"


def findings(run_cli, *args: str) -> list[tuple[str, int, str]]:
    result = run_cli("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["line"], f["code"]) for f in json.loads(result.output)]


@pytest.fixture
def repo(tmp_path, monkeypatch) -> GitRepo:
    """main: a.md (old JD104), b.md (old JD104), c.md (old JD107); then a feature branch.

    After the branch point main removes b.md's empty section, so a diff against main's tip (not
    the merge base) would wrongly make b.md's old finding look new.
    """
    repo = GitRepo(tmp_path / "handbook")
    repo.write("a.md", PAGE_A)
    repo.write("b.md", PAGE_B)
    repo.write("c.md", PLAIN)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("checkout", "-q", "main")
    repo.write("b.md", ROLE + "### Perks\n\n- Snacks\n")
    repo.commit("main moves on")
    repo.git("checkout", "-q", "feature")
    monkeypatch.chdir(repo.path)
    return repo


def test_diff_base_reports_only_changed_lines(run_cli, repo):
    every = findings(run_cli, "a.md", "b.md", "c.md")
    assert every == [("a.md", 11, "JD104"), ("b.md", 11, "JD104"), ("c.md", 5, "JD107")]
    # Committed on the branch: two lines above a.md's old finding and a new empty section.
    repo.write("a.md", "## Widget Engineer\n\nIntro.\n\n" + PAGE_A[len("## Widget Engineer\n\n") :])
    repo.commit("intro")
    text = (repo.path / "a.md").read_text().replace("### Perks", "### Travel\n\n### Perks")
    repo.write("a.md", text)  # uncommitted: still part of the change
    repo.write("c.md", PLAIN + "\nThanks.\n")  # a change far from JD107's line
    repo.write("d.md", PAGE_B)  # untracked new page
    got = findings(run_cli, "a.md", "b.md", "c.md", "d.md", "--diff-base", "main")
    assert got == [
        ("a.md", 15, "JD104"),  # the new empty "### Travel"
        ("c.md", 5, "JD107"),  # whole-file finding of a changed file
        ("d.md", 11, "JD104"),  # new file: every line is new
    ]
    everything = findings(run_cli, "a.md", "b.md", "c.md", "d.md")
    assert (
        "a.md",
        13,
        "JD104",
    ) in everything  # the old one, moved, is still there without the flag


def test_diff_base_at_the_seam_of_a_deletion(run_cli, repo):
    # Deleting the lines under "### Perks" (line 13) empties it: the finding sits at the seam.
    repo.write("a.md", PAGE_A.replace("\n\n- Snacks\n", "\n"))
    got = findings(run_cli, "a.md", "--diff-base", "main")
    assert got == [("a.md", 13, "JD104")]


def test_diff_base_summary_says_what_was_left_out(run_cli, repo):
    result = run_cli("check", "a.md", "b.md", "--diff-base", "main")
    assert result.exit_code == 0
    assert "All checks passed (2 files checked). 2 more not shown" in result.output


def test_diff_base_with_unknown_ref_is_a_usage_error(run_cli, repo):
    result = run_cli("check", "a.md", "--diff-base", "no-such-branch")
    assert result.exit_code == 2
    assert "--diff-base: no-such-branch is not a commit here; fetch it first" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("ref", ["--help", "-x"])
def test_diff_base_that_git_would_read_as_an_option_is_a_usage_error(run_cli, repo, ref):
    result = run_cli("check", "a.md", "--diff-base", ref)
    assert result.exit_code == 2
    assert f"--diff-base: {ref!r} is not a git ref" in result.output
    assert "usage: git" not in result.output


def test_diff_base_outside_a_repository_is_a_usage_error(run_cli, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(PAGE_A)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run_cli("check", "a.md", "--diff-base", "main")
    assert result.exit_code == 2
    assert "--diff-base: git rev-parse failed" in result.output


def test_baseline_knows_moved_findings_and_reports_new_ones(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(PAGE_A)
    (tmp_path / "c.md").write_text(PLAIN)
    written = run_cli("check", "a.md", "c.md", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    assert "wrote 2 findings to baseline.json" in written.output
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert [(e["path"], e["code"]) for e in data["findings"]] == [
        ("a.md", "JD104"),
        ("c.md", "JD107"),
    ]
    assert all("line" not in e for e in data["findings"])

    clean = run_cli("check", "a.md", "c.md", "--baseline", "baseline.json")
    assert clean.exit_code == 0, clean.output
    assert "2 more not shown" in clean.output

    # Lines added above the known finding move it; a new empty section is new.
    moved = (
        "## Widget Engineer\n\nIntro.\n\nMore intro.\n\n" + PAGE_A[len("## Widget Engineer\n\n") :]
    )
    (tmp_path / "a.md").write_text(moved.replace("### Perks", "### Travel\n\n### Perks"))
    assert ("a.md", 15, "JD104") in findings(run_cli, "a.md", "c.md")
    assert findings(run_cli, "a.md", "c.md", "--baseline", "baseline.json") == [
        ("a.md", 17, "JD104")
    ]


def test_baseline_called_from_another_directory_matches(run_cli, tmp_path, monkeypatch):
    GitRepo(tmp_path)  # the repository root anchors paths, wherever jdlint runs from
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.md").write_text(PAGE_A)
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", "jobs", "--write-baseline", "base.json").exit_code == 0
    monkeypatch.chdir(tmp_path / "jobs")
    assert findings(run_cli, "a.md", "--baseline", "../base.json") == []
    assert findings(run_cli, "./a.md", "--baseline", str(tmp_path / "base.json")) == []


def test_missing_or_foreign_baseline_is_a_usage_error(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(PAGE_A)
    missing = run_cli("check", "a.md", "--baseline", "nope.json")
    assert missing.exit_code == 2 and "baseline not found" in missing.output
    (tmp_path / "other.json").write_text('{"results": []}')
    foreign = run_cli("check", "a.md", "--baseline", "other.json")
    assert foreign.exit_code == 2 and "not a jdlint baseline" in foreign.output


def test_a_failed_check_is_kept_whenever_its_page_changed(tmp_path):
    """JD004 says a check's findings on the page are unknown: like JD001 it concerns the whole
    page, so `--diff-base` keeps it for a changed page whatever lines changed."""
    import os

    from jdlint.findings import Finding, Severity
    from jdlint.gate.diff_base import ChangedLines
    from jdlint.span import Span

    page = tmp_path / "page.md"
    page.write_text("x\n")
    changed = ChangedLines({os.path.realpath(page): frozenset({7})})

    def at_top(code: str) -> Finding:
        return Finding(str(page), Span(1, 1, 1, 1), code, "name", "message", Severity.ERROR)

    assert changed.keeps(at_top("JD004"))
    assert not changed.keeps(at_top("JD101"))
    assert not ChangedLines({}).keeps(at_top("JD004"))  # an unchanged page: left out
