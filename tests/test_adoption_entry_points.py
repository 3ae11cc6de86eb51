"""Issue 19, item 3: one page in one handbook gets the same findings from every entry point:
`check PATH`, `check - --stdin-filename PATH`, the language server and the pre-commit hook.

The page has handbook-wide findings only another page can explain: JD204 (another page grades
the title differently), JD502 (a drifted copy of two other pages' paragraph) and a cross-page
JD402 (an anchor missing from another page).
"""

from __future__ import annotations

import asyncio
import json
import re

from gitrepo import GitRepo
from test_lsp import Editor, server_command
from test_pre_commit import try_repo

SHARED = "We encourage you to apply even if you do not match every single [requirement](/handbook/hiring/) listed above, because we value potential."
PAGE = "job-families/b/platform.md"
FINDING_LINE = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<code>JD\d{3}) (?:\[\*\] )?\[\w+\] (?P<message>.*)$"
)


def _page(grade: int, closing: str, extra: str = "") -> str:
    return (
        "## Senior Widget Engineer\n\n"
        f"The Senior Widget Engineer is a [grade {grade}](/g).\n\n"
        "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n\n"
        f"{closing}\n{extra}"
    )


def test_cli_stdin_lsp_and_pre_commit_agree(tmp_path, run_cli, monkeypatch):
    repo = GitRepo(tmp_path / "handbook")
    repo.write(".jdlint.yaml", "boilerplate: {min-pages: 2}\n")
    repo.write("job-families/a/backend.md", _page(7, SHARED))
    repo.write("job-families/c/tools.md", _page(7, SHARED))
    text = _page(
        8,
        SHARED.replace("[requirement](/handbook/hiring/)", "requirement"),
        "\nSee [backend](../a/backend.md#nowhere).\n",
    )
    repo.write(PAGE, text)
    repo.commit("pages")
    monkeypatch.chdir(repo.path)

    cli = json.loads(run_cli("check", PAGE, "--no-cache", "--format", "json").output)
    expected = [(f["line"], f["column"], f["code"], f["message"]) for f in cli]
    assert [code for _, _, code, _ in expected] == ["JD204", "JD502", "JD402"]

    stdin = run_cli("check", "-", "--stdin-filename", PAGE, "--format", "json", input=text.encode())
    assert [
        (f["line"], f["column"], f["code"], f["message"]) for f in json.loads(stdin.output)
    ] == expected

    async def editor() -> list[tuple[int, int, str, str]]:
        async with Editor(server_command(), repo.path) as session:
            session.open((repo.path / PAGE).as_uri(), text)
            found = await session.diagnostics()
        return [
            (d.range.start.line + 1, d.range.start.character + 1, str(d.code), d.message)
            for d in found
        ]

    assert asyncio.run(editor()) == expected

    hook = try_repo(repo, "jdlint", PAGE)
    lines = [FINDING_LINE.match(line) for line in hook.stdout.splitlines()]
    found = [(int(m["line"]), int(m["col"]), m["code"], m["message"]) for m in lines if m]
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert found == expected, hook.stdout + hook.stderr
