"""The real `pre-commit try-repo` against this project, in a throw-away handbook repository.

pre-commit clones this repository at HEAD (with uncommitted changes of tracked files), builds
the hook's virtual environment from `.pre-commit-hooks.yaml` and runs it on the files given:
exactly what a handbook repository using the hook gets. Each run installs jdlint afresh
(try-repo keeps no cache), so there are only two runs.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from gitrepo import GitRepo

CLEAN = (
    "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n"
)
EMPTY_SECTION = CLEAN + "\n### Benefits\n"  # JD104
NO_REQUIREMENTS = "## Gadget Engineer\n\n### Responsibilities\n\n- Build gadgets\n"  # JD101
PLAIN_LAYOUT = "<html>\n\nWelcome.\n\nOur pages.\n\nThe footer.\n\n</html>\n"  # JD107 if checked


def try_repo(repo: GitRepo, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo.path,
        env=repo.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_pre_commit_hook_fails_on_defects_and_passes_clean_pages(tmp_path):
    repo = GitRepo(tmp_path / "handbook")
    repo.write("jobs/widget/index.html.md", EMPTY_SECTION)
    repo.write("jobs/gadget/index.html.md.erb", NO_REQUIREMENTS)
    repo.write("jobs/clean/index.html.md", CLEAN)
    repo.write("layouts/layout.html.erb", PLAIN_LAYOUT)
    repo.commit("pages")

    failing = try_repo(repo, "jdlint", "jobs/widget/index.html.md", "jobs/gadget/index.html.md.erb")
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "jdlint" in output and "Failed" in output
    assert "jobs/widget/index.html.md:11:1: JD104" in output
    assert "jobs/gadget/index.html.md.erb:1:1: JD101" in output  # `.md.erb` pages are checked

    # The layout would fail (JD107) if the hook passed it to jdlint: `files` keeps it out.
    passing = try_repo(repo, "jdlint", "jobs/clean/index.html.md", "layouts/layout.html.erb")
    output = passing.stdout + passing.stderr
    assert passing.returncode == 0, output
    assert "Passed" in output and "JD107" not in output
