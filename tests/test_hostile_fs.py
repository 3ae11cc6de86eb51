"""A hostile file system (issue 21): FIFOs, sockets and devices named like pages, folders that
cannot be read, config paths that leave the repository, trees 700 folders deep, file names that
are not UTF-8, control characters in paths and messages, and `-j` far above the work.

Anything that could block runs in a subprocess with a timeout, so a regression fails the test
instead of hanging the suite. The suite runs as root, who ignores permission bits: unreadable
folders are simulated in-process (os.scandir patched) and also made for real, with the
subprocess dropped to an unprivileged user (`setpriv`) when the suite runs as root.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

GOOD = (
    "---\ntitle: Widget Engineer\n---\n\n# Widget Engineer\n\n## Widget Engineer\n\n"
    "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Widgets\n"
)
MISSING = "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n"
NOT_REGULAR = "JD001 [error] not a regular file"
TIMEOUT = 60


def _jdlint(
    cwd: Path, *args: str, user: int | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """jdlint in a fresh process; a run that blocks fails the test when `timeout` is up."""
    command = [sys.executable, "-m", "jdlint", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(Path(__file__).parent.parent)}
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=timeout,
        env=env,
    )


def _one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("jdlint: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository (by its `.git` folder) with one good page."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "good.md").write_text(GOOD, encoding="utf-8")
    return root


# -- item 2: only regular files are opened -----------------------------------------------------


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_fifo_page_is_a_finding_not_a_hang(repo: Path, cache: tuple[str, ...]) -> None:
    os.mkfifo(repo / "pipe.md")
    result = _jdlint(repo, "check", *cache, ".")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"pipe.md:1:1: {NOT_REGULAR} (a named pipe)" in result.stdout
    assert "in 2 files" in result.stdout
    again = _jdlint(repo, "check", *cache, ".")  # a warm cache (or none) says the same
    assert again.stdout == result.stdout


def test_fifo_in_the_handbook_context_of_one_page(repo: Path) -> None:
    (repo / "team").mkdir()
    (repo / "team" / "good.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(repo / "team" / "pipe.md")
    result = _jdlint(repo, "check", "--no-cache", "team/good.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed (1 file checked)." in result.stdout


def test_fifo_under_fix_diff_export_and_report(repo: Path) -> None:
    os.mkfifo(repo / "pipe.md")
    (repo / "spaces.md").write_text(MISSING.replace("Build widgets", "Build  widgets"))
    fixed = _jdlint(repo, "check", "--no-cache", "--fix", ".")
    assert f"pipe.md:1:1: {NOT_REGULAR}" in fixed.stdout, fixed.stdout + fixed.stderr
    assert "Build widgets" in (repo / "spaces.md").read_text()
    diff = _jdlint(repo, "check", "--no-cache", "--diff", ".")
    assert diff.returncode == 0 and "Traceback" not in diff.stderr, diff.stderr
    exported = _jdlint(repo, "export", ".")
    assert exported.returncode == 0, exported.stderr
    assert "not a regular file" in exported.stdout
    reported = _jdlint(repo, "report", ".", "-o", "out.html")
    assert reported.returncode == 0, reported.stderr


def test_a_run_of_only_special_files_leaves_no_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check /dev/null` made /dev/.jdlint_cache: a run with no regular file writes no cache."""
    monkeypatch.delenv("JDLINT_CACHE_DIR", raising=False)
    folder, here = tmp_path / "pipes", tmp_path / "here"
    folder.mkdir()
    here.mkdir()
    os.mkfifo(folder / "pipe.md")
    result = _jdlint(here, "check", str(folder / "pipe.md"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"pipe.md:1:1: {NOT_REGULAR} (a named pipe)" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["pipe.md"]
    assert list(here.iterdir()) == []
    (folder / "page.md").write_text(GOOD, encoding="utf-8")  # with a page, the cache is kept
    _jdlint(here, "check", str(folder / "page.md"), str(folder / "pipe.md"))
    assert (folder / ".jdlint_cache").is_dir()


def test_tree_of_a_fifo_is_one_error_line(repo: Path) -> None:
    os.mkfifo(repo / "pipe.md")
    _one_error_line(_jdlint(repo, "tree", "pipe.md"), "pipe.md: not a regular file")


def test_socket_and_device_pages(repo: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(repo / "sock.md"))
        result = _jdlint(repo, "check", "--no-cache", ".", "/dev/zero")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"sock.md:1:1: {NOT_REGULAR} (a socket)" in result.stdout
    assert f"/dev/zero:1:1: {NOT_REGULAR} (a character device)" in result.stdout


def test_fifo_baseline_is_one_error_line(repo: Path) -> None:
    os.mkfifo(repo / "baseline.json")
    result = _jdlint(repo, "check", "--no-cache", "--baseline", "baseline.json", ".")
    _one_error_line(result, "baseline.json", "not a regular file")


@pytest.mark.parametrize("name", [".jdlint.yaml", "pyproject.toml"])
def test_fifo_config_file_is_one_error_line(repo: Path, name: str) -> None:
    os.mkfifo(repo / name)
    _one_error_line(_jdlint(repo, "check", "."), name, "not a regular file")
    _one_error_line(_jdlint(repo, "check", "--no-cache", "."), name, "not a regular file")


def test_fifo_named_by_config_flag_is_one_error_line(repo: Path) -> None:
    os.mkfifo(repo / "custom.yaml")
    _one_error_line(_jdlint(repo, "check", "--config", "custom.yaml", "."), "not a regular file")


@pytest.mark.parametrize("fifo", ["terms.yml", "pack.yml", "words.txt"])
def test_fifo_in_a_rule_pack_folder(repo: Path, fifo: str) -> None:
    pack = repo / "packs" / "own"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text(
        "code: JD901\nname: own-terms\nsummary: Our words.\nseverity: warning\n"
    )
    os.remove(pack / "pack.yml") if fifo == "pack.yml" else None
    os.mkfifo(pack / fifo)
    (repo / ".jdlint.yaml").write_text("rule-packs: [packs/own]\n")
    for cache in ((), ("--no-cache",)):
        result = _jdlint(repo, "check", *cache, ".")
        if fifo.endswith(".txt") and result.returncode == 0:
            continue  # no pack reads .txt files: without a cache to fingerprint, none is read
        _one_error_line(result, fifo, "not a regular file" if fifo != "pack.yml" else "pack")


def test_one_reader_for_repository_files() -> None:
    """Every file of the checked repository is read by `reading.read_bytes`: the other reads
    left are of jdlint's own data (shipped packs, dictionaries, schemas) or are writes."""
    package = Path(__file__).parent.parent / "jdlint"
    own_data_or_writes = {
        "cli/output.py": 1,  # appends to $GITHUB_STEP_SUMMARY
        "config/validation.py": 1,  # the shipped schema
        "domain/title_settings.py": 1,  # shipped ladders
        "domain/gendered_titles.py": 1,  # shipped title word lists
        "document/grade_notations.py": 1,  # shipped rules/grades.yml
        "document/section_names.py": 1,  # shipped rules/sections.yml
        "domain/page_kind.py": 1,  # shipped rules/job-pages.yml
        "rulepacks/loader.py": 1,  # shipped packs (Traversable)
        "engine/session.py": 1,  # shipped packs (Traversable) in the fingerprint
        "rulepacks/dictionaries.py": 2,  # codespell's and pyspellchecker's files
        "rulepacks/word_copies.py": 2,  # their files hashed, and the copy written (user cache)
        "rule_docs.py": 1,  # the rule cases shipped with jdlint
        "testing.py": 1,  # a plugin author's rule cases
    }
    # The reader itself, and files jdlint writes and reads back itself.
    exempt = {
        "fs/decode.py",
        "fs/atomic_write.py",
        "engine/cache.py",
        "engine/cache_secret.py",  # the user secret it wrote itself (0600, no symlinks)
        "lsp/server.py",
    }
    counts: dict[str, int] = {}
    for path in package.rglob("*.py"):
        name = path.relative_to(package).as_posix()
        if name in exempt:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#", 1)[0]
            for needle in ("open(", ".read_bytes()", ".read_text(", "tomllib.load("):
                if needle in code and "os.open(" not in code and "open_" not in code:
                    counts[name] = counts.get(name, 0) + 1
    assert counts == own_data_or_writes


# -- item 7: folders that cannot be read -------------------------------------------------------


def test_unreadable_folder_is_a_finding(run_cli, repo: Path, monkeypatch) -> None:
    """Simulated in-process (root reads anything): listing `locked` fails as it would for a
    user without read permission."""
    (repo / "locked").mkdir()
    (repo / "locked" / "hidden.md").write_text(MISSING)
    real = os.scandir
    locked = os.path.abspath(repo / "locked")

    def scandir(path: object = ".") -> object:
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.chdir(repo)
    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("check", "--no-cache", ".")
    assert result.exit_code == 1, result.output
    assert "locked:1:1: JD001 [error] folder cannot be read: permission denied" in result.output
    assert "hidden.md" not in result.output


@pytest.fixture
def unprivileged() -> Iterator[tuple[Path, int | None]]:
    """A folder an unprivileged user owns, and that user's id (None: we are that user)."""
    if os.geteuid() != 0:
        folder = Path(tempfile.mkdtemp())
        yield folder, None
    else:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot drop privileges")
        folder = Path(tempfile.mkdtemp(dir="/tmp"))
        os.chmod(folder, 0o755)
        os.chown(folder, 65534, 65534)
        yield folder, 65534
    for directory, dirnames, _ in os.walk(folder):
        for name in dirnames:
            os.chmod(os.path.join(directory, name), 0o755)
    shutil.rmtree(folder)


def test_unreadable_folders_for_real(unprivileged: tuple[Path, int | None]) -> None:
    """Mode 000 folders, checked by a user the permission bits apply to."""
    folder, user = unprivileged
    repo = folder / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "good.md").write_text(GOOD)
    (repo / "locked").mkdir()
    (repo / "locked" / "page.md").write_text(MISSING)
    (repo / "noentry").mkdir()
    (repo / "noentry" / "page.md").write_text(MISSING)
    if user is not None:
        for directory, dirnames, filenames in os.walk(folder):
            for name in [*dirnames, *filenames]:
                os.chown(os.path.join(directory, name), user, user)
    os.chmod(repo / "locked", 0)
    os.chmod(repo / "noentry", stat.S_IWUSR | stat.S_IRUSR)  # listable, cannot be entered
    walked = _jdlint(repo, "check", "--no-cache", ".", user=user)
    assert "Traceback" not in walked.stderr, walked.stderr
    assert walked.returncode == 1, walked.stdout + walked.stderr
    assert "locked:1:1: JD001 [error] folder cannot be read: permission denied" in walked.stdout
    assert "noentry/page.md:1:1: JD001 [error] permission denied" in walked.stdout
    named = _jdlint(repo, "check", "--no-cache", "noentry/page.md", "good.md", user=user)
    assert "Traceback" not in named.stderr, named.stderr
    assert named.returncode == 1, named.stdout + named.stderr
    assert "noentry/page.md:1:1: JD001 [error] permission denied" in named.stdout
    cached = _jdlint(repo, "check", "noentry/page.md", user=user)  # the cached path too
    assert "Traceback" not in cached.stderr and cached.returncode in (1, 2), cached.stderr


# -- item 6: config paths stay inside the repository ------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        "root: /\n",
        "root: ../..\n",
        "rule-packs: [/etc]\n",
        "rule-packs: [../outside]\n",
        "extend: ../outside/base.yaml\n",
        "site:\n  content: [../../..]\n",
        "site:\n  paths:\n    /x/: [/etc]\n",
    ],
)
def test_config_paths_outside_the_repository(repo: Path, config: str) -> None:
    (repo.parent / "outside").mkdir()
    (repo.parent / "outside" / "base.yaml").write_text("select: [JD1]\n")
    (repo / ".jdlint.yaml").write_text(config)
    result = _jdlint(repo, "check", "--no-cache", ".")
    _one_error_line(result, ".jdlint.yaml", "outside the repository")


@pytest.mark.parametrize("linked", ["pack.yml", "terms.yml"])
def test_a_pack_file_linked_out_of_the_repository_is_refused(repo: Path, linked: str) -> None:
    """The pack folder lies inside; a file in it that links outside is not read (its text
    could be quoted in an error), as no other path a config names may leave the repository."""
    outside = repo.parent / "outside"
    outside.mkdir()
    pack = repo / "packs" / "own"
    pack.mkdir(parents=True)
    files = {
        "pack.yml": "code: JD901\nname: own-terms\nsummary: Our words.\nseverity: warning\n",
        "terms.yml": "kind: existence\ntokens: [synergy]\n",
    }
    for name, text in files.items():
        if name == linked:
            (outside / name).write_text(text)
            os.symlink(outside / name, pack / name)
        else:
            (pack / name).write_text(text)
    (repo / ".jdlint.yaml").write_text("rule-packs: [packs/own]\n")
    _one_error_line(_jdlint(repo, "check", "--no-cache", "."), linked, "outside the repository")


def test_config_paths_inside_the_repository_are_fine(repo: Path) -> None:
    (repo / "handbook").mkdir()
    (repo / "handbook" / "page.md").write_text(GOOD)
    (repo / "handbook" / ".jdlint.yaml").write_text("root: ..\nsite:\n  content: [handbook]\n")
    result = _jdlint(repo, "check", "--no-cache", "handbook")
    assert result.returncode == 0, result.stdout + result.stderr


def test_paths_named_on_the_command_line_may_be_anywhere(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.md").write_text(GOOD)
    (elsewhere / "ci.yaml").write_text("select: [JD1]\n")
    result = _jdlint(repo, "check", "--no-cache", "--config", str(elsewhere / "ci.yaml"), ".")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _jdlint(repo, "check", "--no-cache", str(elsewhere))
    assert result.returncode == 0, result.stdout + result.stderr


# -- item 13: deep trees, file names that are not UTF-8, a deleted working directory -----------


def test_700_folders_deep(repo: Path) -> None:
    deep = repo.joinpath(*["d"] * 700)
    deep.mkdir(parents=True)
    (deep / "page.md").write_text(MISSING)
    relative = str(deep.relative_to(repo) / "page.md")
    for args in ((".",), (relative,), ("good.md",)):
        result = _jdlint(repo, "check", "--no-cache", *args)
        assert "Error" not in result.stderr, result.stderr[-2000:]
        assert result.returncode == (0 if args == ("good.md",) else 1), result.stderr[-2000:]
        if args != ("good.md",):
            assert "d/d/page.md:1:1: JD101" in result.stdout
    exported = _jdlint(repo, "export", ".")
    assert exported.returncode == 0, exported.stderr[-2000:]


RAW_NAME = b"caf\xe9 \xff.md"  # Latin-1 bytes: not UTF-8


@pytest.fixture
def latin1_repo(repo: Path) -> Path:
    os.remove(repo / "good.md")
    (repo / os.fsdecode(RAW_NAME)).write_text(MISSING)
    return repo


@pytest.mark.parametrize("fmt", ["text", "json", "gitlab", "sarif", "junit", "github"])
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "-o"])
def test_file_names_that_are_not_utf8(latin1_repo: Path, fmt: str, to_file: bool) -> None:
    output = ("-o", "report.out") if to_file else ()
    result = _jdlint(latin1_repo, "check", "--no-cache", "--format", fmt, *output, ".")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    text = (latin1_repo / "report.out").read_text("utf-8") if to_file else result.stdout
    assert "\udcff" not in text and "\ufffd" not in text, text
    if fmt == "sarif":  # a URI: the file name's own bytes, percent-encoded
        assert "caf%E9%20%FF.md" in text
    elif fmt in ("json", "gitlab"):
        assert "caf\\xe9 \\xff.md" in "".join(_strings(json.loads(text)))
    else:
        assert "caf\\xe9 \\xff.md" in text
    if fmt in ("json", "gitlab", "sarif"):
        json.loads(text)
    if fmt == "junit":
        ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize(
    "args", [("export", "--format", "csv"), ("export",), ("report",)], ids=["csv", "json", "html"]
)
def test_file_names_that_are_not_utf8_in_exports(latin1_repo: Path, args: tuple[str, ...]) -> None:
    result = _jdlint(latin1_repo, *args, "-o", "out.txt", ".")
    assert result.returncode == 0, result.stderr[-2000:]
    text = (latin1_repo / "out.txt").read_text("utf-8")
    assert "caf\\xe9 \\xff" in text.replace("\\\\", "\\")


def test_deleted_working_directory(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "from jdlint.cli.main import main; main(['check', '.'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(gone)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    _one_error_line(result, "working directory")


# -- item 14: one finding a line ---------------------------------------------------------------

FORGED = "x.md:1:1: JD999 [error] forged"
HOSTILE_TITLE = "Widget\\nEngineer\\r" + FORGED + "\\e[31m\\u2028\\x85"


@pytest.fixture
def control_repo(repo: Path) -> Path:
    """A page whose front-matter title (quoted by JD701) and whose name hold line breaks."""
    os.remove(repo / "good.md")
    page = f'---\ntitle: "{HOSTILE_TITLE}"\n---\n\n# Other Title\n'
    (repo / "a\nb\r\x1b.md").write_text(page)
    return repo


@pytest.mark.parametrize("fmt", ["text", "json", "gitlab", "sarif", "junit", "github"])
def test_control_characters_are_escaped(control_repo: Path, fmt: str) -> None:
    result = _jdlint(control_repo, "check", "--no-cache", "--select", "JD701", "--format", fmt)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    if fmt in ("text", "github"):
        lines = out.splitlines()
        findings = [line for line in lines if "JD701" in line]
        assert len(findings) == 1, out
        assert "\x1b" not in out and "\r" not in out and "\u2028" not in out, out
        assert not any(line.startswith(FORGED) for line in lines)
        assert "a\\nb\\r\\x1b.md" in findings[0]
        assert "Widget\\nEngineer\\r" in findings[0]
        if fmt == "text":
            assert len(lines) == 2  # the finding and the summary
    elif fmt == "junit":
        suite = ET.fromstring(out.encode("utf-8"))
        failure = suite.find(".//failure")
        assert failure is not None and failure.text is not None
        assert "\n" not in failure.text.strip() and "\x1b" not in out
    else:
        data = json.loads(out)  # valid JSON: json escapes control characters itself
        assert any("Widget\nEngineer\r" + FORGED in text for text in _strings(data))
        assert "\x1b" not in out and "\r" not in out


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


# -- item 11: workers capped by the work and the CPUs ------------------------------------------


def test_jobs_are_capped_by_work_and_cpus() -> None:
    from jdlint.engine.pool import worker_count

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert worker_count(1000, 100) <= (cpus or 1)
    assert worker_count(1000, 3) <= 3
    assert worker_count(1, 100) == 1
    assert worker_count(0, 100) == 1
    assert worker_count(8, 0) == 1


def test_jobs_1000_does_not_fork_999(run_cli, tmp_path: Path, monkeypatch) -> None:
    import concurrent.futures

    started: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, max_workers: int | None = None, *args: object, **kw: object) -> None:
            started.append(max_workers or 0)
            super().__init__(max_workers, *args, **kw)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    (tmp_path / ".git").mkdir()
    for number in range(100):
        (tmp_path / f"page{number}.md").write_text(MISSING)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--no-cache", "-j", "1000", ".")
    assert result.exit_code == 1
    assert result.output.count("JD101") == 100
    assert started and max(started) <= 1, started  # 2 CPUs: this process and one worker


# -- found by fuzzing every command (stop 38) -----------------------------------------------


def test_a_config_that_is_a_symlink_loop_is_one_error_line(repo: Path) -> None:
    os.symlink("loop-b.yaml", repo / "loop-a.yaml")
    os.symlink("loop-a.yaml", repo / "loop-b.yaml")
    _one_error_line(_jdlint(repo, "check", "--config", "loop-a.yaml", "."), "loop-a.yaml")
    (repo / ".jdlint.yaml").write_text("extend: self.yaml\n")
    os.symlink("self.yaml", repo / "self.yaml")
    _one_error_line(_jdlint(repo, "check", "."), "key 'extend'", "self.yaml")


@pytest.mark.parametrize("target", ["fifo", "dangling", "file/sub", "/dev/null"])
def test_docs_into_something_that_is_not_a_folder_is_one_error_line(
    repo: Path, target: str
) -> None:
    os.mkfifo(repo / "fifo")
    os.symlink(repo / "nowhere" / "x", repo / "dangling")
    (repo / "file").write_text("x\n")
    _one_error_line(_jdlint(repo, "docs", "-o", target), target, "cannot write the site")


@pytest.mark.parametrize("kind", ["folder", "dangling link", "fifo"])
def test_init_over_a_config_name_that_is_no_regular_file(repo: Path, kind: str) -> None:
    target = repo / ".jdlint.yaml"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        os.symlink(repo.parent / "elsewhere" / "x.yaml", target)
    if kind == "dangling link":  # it exists, as a link: not overwritten without --force
        _one_error_line(_jdlint(repo, "init"), ".jdlint.yaml", "exists already")
    _one_error_line(_jdlint(repo, "init", "--force"), ".jdlint.yaml", "cannot write the config")
    assert not (repo.parent / "elsewhere").exists()


def test_tree_stops_a_runaway_config_pattern_at_max_file_seconds(repo: Path) -> None:
    (repo / ".jdlint.yaml").write_text(
        "max-file-seconds: 0.5\ngrades:\n  patterns: ['(?P<value>(a+)+)$']\n"
    )
    (repo / "page.md").write_text(
        "# Widget Engineer\n\n## Levels\n\n### Widget Engineer I\n\nLevel: L3\n\n"
        + "a" * 40
        + "!\n\n#### Responsibilities\n\n- Build widgets\n"
    )
    _one_error_line(
        _jdlint(repo, "tree", "page.md", timeout=30), "page.md: skipped: took longer than 0.5 s"
    )
