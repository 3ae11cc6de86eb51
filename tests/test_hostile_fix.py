"""Hostile pages under `--fix`, `--diff` and the files jdlint writes (issue 21, items 4, 5, 9, 10).

`--fix` must keep what it found: the per-file time limit, symlinks, read-only pages, owners and
hard links, line endings and encodings (stdin too), and a page it cannot prove it fixed
correctly. Every file jdlint writes (fixed pages, baselines, reports) goes through one atomic
writer, so a full disk or a second run at the same time never loses or half-writes a file.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.fs.decode import encode
from jdlint.model import Document, Span
from jdlint.rules import Context, Rule, RuleMeta

ROOT = Path(__file__).resolve().parent.parent
#: Trailing spaces (JD602) and a product name (JD601): two shipped fixes on every page below.
FIXABLE = "## Widget Engineer  \n\nWe use Gitlab daily.\n"
FIXED = "## Widget Engineer\n\nWe use GitLab daily.\n"


def _with_document_rule(
    monkeypatch: pytest.MonkeyPatch, check: Callable[[Document, Context], Iterator[Finding]]
) -> None:
    """Run the CLI with one extra fixable rule on whole pages (as a plugin could add it)."""
    import jdlint.engine.session

    meta = RuleMeta("JD997", "hostile-fix-rule", "A fix that misbehaves.", Severity.INFO, True)
    real = jdlint.engine.session.load_registry
    monkeypatch.setattr(
        jdlint.engine.session,
        "load_registry",
        lambda extra=(), **kw: real(extra=(*extra, Rule(meta, Document, check)), **kw),
    )


def _repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str = "") -> Path:
    """A repository (a `.git` folder marks it) as the working directory."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    if config:
        (repo / ".jdlint.yaml").write_text(config)
    monkeypatch.chdir(repo)
    return repo


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.startswith(".jdlint-")]


# -- item 4: the time limit and a linear edit pass ------------------------------------------------


def _slow_fix(document: Document, ctx: Context) -> Iterator[Finding]:
    """Slower than the page's limit whenever the page still has its marker."""
    found = document.source.find("slow")
    if found >= 0:
        time.sleep(2)
        fix = Fix((TextEdit(found, found + 4, "fast"),))
        yield ctx.finding(Span(1, 1, 1, 2), "slow page", fix=fix)


def test_fix_honours_the_time_limit(run_cli, tmp_path, monkeypatch):
    """The page gets the JD001 a check run gives it and is left as it was."""
    _with_document_rule(monkeypatch, _slow_fix)
    repo = _repo(tmp_path, monkeypatch, "max-file-seconds: 0.3\n")
    page = repo / "slow.md"
    page.write_text("## Widget Engineer\n\nslow\n")
    started = time.monotonic()
    result = run_cli("check", "--fix", "--no-cache", "slow.md")
    assert time.monotonic() - started < 5  # one limit for the fix and one for the report
    assert "slow.md:1:1: JD001 [error] skipped: took longer than 0.3 s (max-file-seconds)" in (
        result.output
    )
    assert page.read_text() == "## Widget Engineer\n\nslow\n"
    assert result.exit_code == 1


def test_diff_honours_the_time_limit(run_cli, tmp_path, monkeypatch):
    _with_document_rule(monkeypatch, _slow_fix)
    repo = _repo(tmp_path, monkeypatch, "max-file-seconds: 0.3\n")
    (repo / "slow.md").write_text("## Widget Engineer\n\nslow\n")
    started = time.monotonic()
    result = run_cli("check", "--diff", "--no-cache", "slow.md")
    assert time.monotonic() - started < 5
    assert "+++" not in result.stdout
    assert "slow.md: skipped: took longer than 0.3 s (max-file-seconds)" in result.stderr
    assert result.exit_code == 1


def test_stdin_fix_honours_the_time_limit(run_cli, tmp_path, monkeypatch):
    _with_document_rule(monkeypatch, _slow_fix)
    _repo(tmp_path, monkeypatch, "max-file-seconds: 0.3\n")
    started = time.monotonic()
    result = run_cli("check", "--fix", "-", input=b"## Widget Engineer\n\nslow\n")
    assert time.monotonic() - started < 5
    assert result.stdout_bytes == b"## Widget Engineer\n\nslow\n"  # what came in, unchanged
    assert "skipped: took longer than 0.3 s" in result.stderr


def test_edit_pass_is_linear():
    """50,000 edits on a 1 MB text in one left-to-right build (was: each edit re-checked
    against every edit taken and the text re-sliced per edit; minutes)."""
    from jdlint.fix.fixed_point import apply_fixes

    text = "word  " * 170_000
    fixes = [Fix((TextEdit(i * 6 + 4, i * 6 + 5, ""),)) for i in range(50_000)]
    started = time.monotonic()
    new, taken = apply_fixes(text, list(reversed(fixes)))
    assert time.monotonic() - started < 10  # under a second on an idle machine
    assert len(taken) == 50_000
    assert new == "word " * 50_000 + "word  " * 120_000


def test_apply_fixes_keeps_the_overlap_rules():
    from jdlint.fix.fixed_point import apply_fixes

    inside = Fix((TextEdit(2, 2, "i"),))  # an insertion inside a replaced range waits
    wide = Fix((TextEdit(1, 4, "W"),))
    before = Fix((TextEdit(1, 1, "b"),))  # an insertion at its start touches it: fine
    two_edits = Fix((TextEdit(0, 1, "A"), TextEdit(3, 5, "B")))  # its second edit overlaps
    new, taken = apply_fixes("abcdef", [wide, inside, before])
    assert new == "abWef" and taken == [wide, before]
    new, taken = apply_fixes("abcdef", [wide, two_edits])
    assert taken == [two_edits] and new == "AbcBf"


def test_fix_of_a_large_page_stays_linear(tmp_path):
    """Fixing a page with thousands of findings costs a few checks of it, not more."""
    from pagegen import make_engine

    from jdlint.fix.files import fix_bytes

    engine = make_engine(seconds=0)
    row = "- Build  widgets with Gitlab  \n- Review widgets , carefully\n"
    small = ("## Widget Engineer\n\n" + row * 400).encode()
    large = ("## Widget Engineer\n\n" + row * 3200).encode()
    timings = []
    for data in (small, large):
        started = time.monotonic()
        fixed = fix_bytes("page.md", data, engine)
        timings.append(time.monotonic() - started)
        assert fixed.result.converged and fixed.problem is None
        assert (
            fixed.fixed
            == b"## Widget Engineer\n\n- Build widgets with Gitlab\n- Review widgets, carefully\n"
        )
    assert timings[1] < timings[0] * 8 * 3  # 8 times the page: well under 64 times the time


# -- item 5: what --fix writes over ---------------------------------------------------------------


def test_symlinked_page_is_written_through(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    (repo / "pages").mkdir()
    target = repo / "pages" / "real.md"
    target.write_text(FIXABLE)
    (repo / "link.md").symlink_to("pages/real.md")
    result = run_cli("check", "--fix", "--no-cache", "link.md")
    assert (repo / "link.md").is_symlink()
    assert target.read_text() == FIXED
    assert _no_temp_files(repo)
    assert result.exit_code == 0, result.output


def test_symlink_out_of_the_repository_is_skipped(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    outside = tmp_path / "outside.md"
    outside.write_text(FIXABLE)
    (repo / "link.md").symlink_to(outside)
    result = run_cli("check", "--fix", "--no-cache", "link.md")
    assert (repo / "link.md").is_symlink()
    assert outside.read_text() == FIXABLE
    assert "link.md: is a symlink to a file outside the repository; left unchanged" in (
        result.stderr
    )
    assert "JD601" in result.stdout  # its findings are still reported
    assert result.exit_code == 1


def test_read_only_page_is_not_rewritten(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(FIXABLE)
    page.chmod(0o444)
    inode = page.stat().st_ino
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == FIXABLE and page.stat().st_ino == inode
    assert "page.md: is read-only; left unchanged" in result.stderr
    assert result.exit_code == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_and_mode_are_kept(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(FIXABLE)
    os.chown(page, 4321, 4322)
    page.chmod(0o640)
    run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == FIXED
    info = page.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (4321, 4322, 0o640)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_page_whose_owner_cannot_be_kept_is_left_unchanged(run_cli, tmp_path, monkeypatch):
    """As a user who may not give files away: replacing the page would make it ours."""
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(FIXABLE)
    os.chown(page, 4321, 4322)
    inode = page.stat().st_ino

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == FIXABLE and page.stat().st_ino == inode
    assert "page.md: owned by another user; replacing it would change its owner" in result.stderr
    assert _no_temp_files(repo)


def test_hard_linked_page_is_skipped(run_cli, tmp_path, monkeypatch):
    """Replacing one name of a hard-linked page would split the link; writing in place would
    give up atomicity. jdlint keeps atomicity and leaves the page (with a warning)."""
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(FIXABLE)
    os.link(page, repo / "twin.md")
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == FIXABLE
    assert page.stat().st_ino == (repo / "twin.md").stat().st_ino
    assert "page.md: has 2 hard links; rewriting would split them; left unchanged" in (
        result.stderr
    )
    # --diff shows what --fix would write: nothing, for the same reason
    preview = run_cli("check", "--diff", "--no-cache", "page.md")
    assert "+++" not in preview.stdout
    assert "page.md: has 2 hard links; rewriting would split them; --fix would leave it" in (
        preview.stderr
    )
    assert "Would fix 0 findings in 0 files." in preview.stderr


# -- item 9: line endings and encodings ---------------------------------------------------------


def test_lone_cr_page_is_fixed_and_keeps_its_endings(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_bytes(FIXABLE.replace("\n", "\r").encode())
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_bytes() == FIXED.replace("\n", "\r").encode()
    assert result.exit_code == 0, result.output


def test_cr_cr_lf_page_gets_no_stray_changes(run_cli, tmp_path, monkeypatch):
    """ "\\r\\r\\n" is two line endings (a lone CR, then CRLF), as the checks read it."""
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    head = "---\r\r\ntitle: Widget Engineer\r\r\n---\n\n"
    page.write_bytes((head + FIXABLE).encode())
    run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_bytes() == (head + FIXED).encode()


@pytest.mark.parametrize(
    "encoding, bom, newline",
    [("utf-8", True, "\n"), ("utf-16-le", True, "\r\n"), ("utf-16-be", True, "\r")],
)
def test_stdin_fix_keeps_encoding_bom_and_endings(
    run_cli, tmp_path, monkeypatch, encoding, bom, newline
):
    _repo(tmp_path, monkeypatch)
    data = encode(FIXABLE.replace("\n", newline), encoding, bom)
    result = run_cli("check", "--fix", "-", input=data)
    assert result.stdout_bytes == encode(FIXED.replace("\n", newline), encoding, bom)


def test_stdin_fix_without_changes_echoes_the_bytes(run_cli, tmp_path, monkeypatch):
    _repo(tmp_path, monkeypatch)
    data = encode(FIXED.replace("\n", "\r\n"), "utf-16-le", True)
    result = run_cli("check", "--fix", "-", input=data)
    assert result.stdout_bytes == data


#: Found by the fix properties with other seeds than the suite's (`tests/seeds` style pages).
FIX_PROPERTY_EXAMPLES = [
    b"---\r\r\ntitle: Widget Engineer\r\r\n---\n\n## Widget Engineer\n\n- Build widgets  \n",
    b"## Widget Engineer\r\r\n\r\r\nWe use Gitlab  daily.\r\r\n",
    b"## Widget Engineer\r- Build  widgets\r\r\n- Review Gitlab\r",
    b"# Widgets\r\n\r\n## Sr. Widget Engineer \r\rThe colour.\r",
]


@pytest.mark.parametrize("data", FIX_PROPERTY_EXAMPLES)
def test_fix_properties_on_mixed_endings(data):
    import test_properties
    from pagegen import make_engine

    test_properties._assert_fix_properties(make_engine(), data, "page.md")


# -- item 10: one atomic writer ------------------------------------------------------------------


def _full_disk(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, call, full)


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_full_disk_never_loses_the_baseline(run_cli, tmp_path, monkeypatch, call):
    repo = _repo(tmp_path, monkeypatch)
    (repo / "page.md").write_text(FIXABLE)
    assert run_cli("check", "--no-cache", "--write-baseline", "base.json").exit_code == 0
    before = (repo / "base.json").read_bytes()
    (repo / "page.md").write_text(FIXABLE + "\nMore Gitlab here.\n")
    _full_disk(monkeypatch, call)
    result = run_cli("check", "--no-cache", "--write-baseline", "base.json")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "base.json: cannot write baseline: No space left on device" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (repo / "base.json").read_bytes() == before
    assert _no_temp_files(repo)


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--no-cache", "-o", "out.txt", "page.md"),
        ("check", "--no-cache", "--format", "json", "-o", "out.txt", "page.md"),
        ("export", "-o", "out.txt", "page.md"),
        ("report", "-o", "out.txt", "page.md"),
    ],
)
def test_full_disk_never_loses_an_output_file(run_cli, tmp_path, monkeypatch, args):
    repo = _repo(tmp_path, monkeypatch)
    (repo / "page.md").write_text(FIXABLE)
    (repo / "out.txt").write_text("yesterday's report\n")
    _full_disk(monkeypatch, "fsync")
    result = run_cli(*args)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "out.txt: cannot write" in result.stderr and "No space left" in result.stderr
    assert (repo / "out.txt").read_text() == "yesterday's report\n"
    assert _no_temp_files(repo)


def test_full_disk_never_half_writes_a_page(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(FIXABLE)
    _full_disk(monkeypatch, "write")
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    monkeypatch.undo()
    assert page.read_text() == FIXABLE
    assert "page.md: cannot write: No space left on device" in result.stderr
    assert _no_temp_files(repo)


def test_output_through_a_symlink_out_of_the_repository_is_refused(run_cli, tmp_path, monkeypatch):
    """A merge request can commit `gl-code-quality.json` as a link to a file of the CI user."""
    repo = _repo(tmp_path, monkeypatch)
    (repo / "page.md").write_text(FIXABLE)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    (repo / "report.json").symlink_to(victim)
    result = run_cli("check", "--no-cache", "--format", "json", "-o", "report.json", "page.md")
    assert result.exit_code == 2
    assert "report.json: cannot write report: is a symlink to a file outside the repository" in (
        result.stderr
    )
    assert victim.read_text() == "precious\n"


def test_new_output_file_gets_the_usual_mode(run_cli, tmp_path, monkeypatch):
    repo = _repo(tmp_path, monkeypatch)
    (repo / "page.md").write_text(FIXABLE)
    umask = os.umask(0o022)
    try:
        run_cli("check", "--no-cache", "-o", "new.txt", "page.md")
    finally:
        os.umask(umask)
    assert (repo / "new.txt").stat().st_mode & 0o777 == 0o644
    assert "JD601" in (repo / "new.txt").read_text()


# -- the safety net: the fix audit runs before anything is written ------------------------------


def _heading_eater(document: Document, ctx: Context) -> Iterator[Finding]:
    """A (buggy) fix that deletes a role's heading along with the word it reports."""
    found = re.search(r"## Widget Engineer\n\n### Responsibilities\n\n- use ", document.source)
    if found:
        fix = Fix((TextEdit(found.start(), found.end(), "- "),))
        yield ctx.finding(Span(1, 1, 1, 2), "drop 'use'", fix=fix)


ROLES = (
    "## Widget Engineer\n\n### Responsibilities\n\n- use widgets\n\n"
    "## Senior Widget Engineer\n\n### Responsibilities\n\n- More widgets\n"
)


def test_fix_that_loses_a_role_is_not_written(run_cli, tmp_path, monkeypatch):
    _with_document_rule(monkeypatch, _heading_eater)
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(ROLES)
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == ROLES
    assert "page.md: the fixes would change its roles or sections; left unchanged" in (
        result.stderr
    )


def test_fix_may_rename_a_role_it_touches(run_cli, tmp_path, monkeypatch):
    """JD302 writes "Senior" for "Sr." in a role heading: the same role, so it is written."""
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(ROLES.replace("## Senior", "## Sr."))
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == ROLES
    assert "left unchanged" not in result.stderr


def test_fix_that_changes_text_outside_its_edits_is_not_written(run_cli, tmp_path, monkeypatch):
    """A mapping bug (edits landing one character off in the file) is caught by the audit."""
    import jdlint.fix.fixed_point

    real = jdlint.fix.fixed_point.NewlineMap.edit

    def off_by_one(self: object, edit: TextEdit) -> TextEdit:
        moved = real(self, edit)  # type: ignore[arg-type]
        return TextEdit(moved.start + 1, moved.end + 1, moved.text)

    monkeypatch.setattr(jdlint.fix.fixed_point.NewlineMap, "edit", off_by_one)
    repo = _repo(tmp_path, monkeypatch)
    page = repo / "page.md"
    page.write_text(FIXABLE)
    result = run_cli("check", "--fix", "--no-cache", "page.md")
    assert page.read_text() == FIXABLE
    assert "page.md: the fixes would change text outside their edits; left unchanged" in (
        result.stderr
    )


# -- two runs at once -----------------------------------------------------------------------------


def test_two_concurrent_fix_runs_lose_no_page(tmp_path):
    """Two `--fix` runs on one tree: every page ends as one run alone would leave it."""
    generated = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate_handbook.py"), str(generated)]
        + ["--pages", "40", "--seed", "3"],
        check=True,
        capture_output=True,
    )
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    shutil.copytree(generated, alone)
    shutil.copytree(generated, shared)
    command = [sys.executable, "-m", "jdlint", "check", "--fix", "--no-cache", "-q", "-j", "1"]
    subprocess.run([*command, str(alone)], capture_output=True, cwd=tmp_path)
    runs = [
        subprocess.Popen([*command, str(shared)], cwd=tmp_path, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=120)[1].decode() for run in runs]
    pages = sorted(p.relative_to(alone) for p in alone.rglob("*") if p.is_file())
    assert pages == sorted(p.relative_to(shared) for p in shared.rglob("*") if p.is_file())
    changed = [p for p in pages if (alone / p).read_bytes() != (generated / p).read_bytes()]
    assert changed, "the generated handbook has fixable findings"
    assert [p for p in pages if (shared / p).read_bytes() != (alone / p).read_bytes()] == []
    assert all("Traceback" not in error for error in errors), errors


# -- parsing once: the report reuses what --fix checked last ----------------------------------


def test_fix_report_equals_a_check_run(run_cli, tmp_path, monkeypatch):
    """The findings --fix reports (from the fix loop's last check) are those a check run of
    the fixed pages reports."""
    repo = _repo(tmp_path, monkeypatch)
    (repo / "fixable.md").write_text(FIXABLE + "\n## Senior Widget Engineer\n\nText.\n")
    (repo / "clean.md").write_text(ROLES.replace("\n", "\r\n"))
    (repo / "broken.md").write_bytes(b"## Widget \xc3\x28 Engineer\n")
    fixed = run_cli("check", "--fix", "--no-cache", "--format", "json", ".")
    again = run_cli("check", "--no-cache", "--format", "json", ".")
    assert fixed.stdout == again.stdout
    assert "JD001" in again.stdout and "JD101" in again.stdout


def test_fix_parses_each_page_once_more_than_it_needs(run_cli, tmp_path, monkeypatch):
    """A page with nothing to fix is parsed once (the fix loop's check is the report's)."""
    import jdlint.document.build

    repo = _repo(tmp_path, monkeypatch)
    (repo / "clean.md").write_text(FIXED)
    (repo / "fixable.md").write_text(FIXABLE)
    parsed: list[str] = []
    real = jdlint.document.build.build_document

    def counting(path: str, *args: object, **kwargs: object) -> Document:
        parsed.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jdlint.document.build, "build_document", counting)
    run_cli("check", "--fix", "--no-cache", "-j", "1", ".")
    assert sorted(parsed) == ["clean.md", "fixable.md", "fixable.md"]  # one pass, one to confirm
