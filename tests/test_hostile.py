"""Hostile files: every case ends in findings (exit 0/1) or one error line (exit 2).

Never a traceback (the CLI runs with exceptions propagating), never a hang (each case has a
time budget far above its normal run time), never a changed file (every file in the tree is
hashed before and after the run).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

JOB_PAGE = (
    "---\ntitle: Widget Engineer\n---\n\n## Widget Engineer\n\n"
    "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Widgets\n"
)
MISSING_REQUIREMENTS = "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n"
BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
    + "title: Laughs\n---\n\n# Laughs\n"
)


@dataclass(frozen=True)
class Case:
    """Files to write (name -> bytes or a maker), what the output must say, and the budget."""

    files: dict[str, bytes | Callable[[Path], None]]
    expect: tuple[str, ...] = ()  # fragments that must appear in the output
    absent: tuple[str, ...] = ()  # fragments that must not
    exit_codes: tuple[int, ...] = (0, 1)
    seconds: float = 20.0
    args: tuple[str, ...] = ()
    setup: Callable[[pytest.MonkeyPatch, Path], None] | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside.md").write_text(MISSING_REQUIREMENTS)


def _deep_list_by_indent(depth: int) -> bytes:
    return "".join("  " * i + "- item\n" for i in range(depth)).encode()


def _permission_denied(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Simulated: the suite may run as root, who can read a file with mode 000."""
    secret = os.path.abspath(root / "secret.md")
    real_open = os.open

    def guarded(file: object, *args: object, **kwargs: object) -> int:
        if isinstance(file, (str, Path)) and os.path.abspath(file) == secret:
            raise PermissionError(13, "Permission denied", secret)
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)


def _deleted_after_discovery(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    import jdlint.fs.discover

    real = jdlint.fs.discover.discover

    def discover_then_delete(*args: object, **kwargs: object) -> list[str]:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        (root / "vanishing.md").unlink()
        return found

    monkeypatch.setattr(jdlint.fs.discover, "discover", discover_then_delete)


CASES: dict[str, Case] = {
    "empty file": Case({"empty.md": b""}, absent=("JD001",)),
    "only front matter": Case({"fm.md": b"---\ntitle: Widget Engineer\n---\n"}, absent=("JD001",)),
    "only a byte-order mark": Case({"bom.md": codecs.BOM_UTF8}, absent=("JD001",)),
    "unclosed front matter": Case(
        {"open.md": b"---\ntitle: x\n\n## Widget Engineer\n"}, expect=("JD701",)
    ),
    "binary (PNG header)": Case(
        {"logo.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ok.md": JOB_PAGE.encode()},
        expect=("logo.md:1:1: JD001 [error] binary file", "2 files"),
    ),
    "invalid UTF-8 (Latin-1)": Case(
        {"latin1.md": "## Ingénieur\n".encode("latin-1")},
        expect=("latin1.md:1:7: JD001", "not valid UTF-8: byte 0xe9 at offset 6"),
    ),
    "invalid UTF-8 on line 3": Case(
        {"late.md": b"# a\n\nok \xff\xfe here\n"}, expect=("late.md:3:4: JD001",)
    ),
    "UTF-16 LE with BOM": Case(
        {"u16le.md": codecs.BOM_UTF16_LE + MISSING_REQUIREMENTS.encode("utf-16-le")},
        expect=("u16le.md:1:1: JD101",),
        absent=("JD001",),
    ),
    "UTF-16 BE with BOM": Case(
        {"u16be.md": codecs.BOM_UTF16_BE + MISSING_REQUIREMENTS.encode("utf-16-be")},
        expect=("u16be.md:1:1: JD101",),
        absent=("JD001",),
    ),
    "UTF-16 without BOM": Case(
        {"nobom.md": MISSING_REQUIREMENTS.encode("utf-16-le")}, expect=("JD001", "binary file")
    ),
    "UTF-16 with BOM and an odd byte": Case(
        {"odd.md": codecs.BOM_UTF16_LE + "## x\n".encode("utf-16-le") + b"\x00"},
        expect=("odd.md:", "JD001", "not valid UTF-16-LE"),
    ),
    "NUL bytes in text": Case(
        {"nul.md": b"## Widget Engineer\n\nsome \x00 text\n"}, expect=("nul.md:1:1: JD001",)
    ),
    "20 MB page": Case(
        {"huge.md": b"Widgets are built here.\n" * (20 * 1024 * 1024 // 24 + 1)},
        expect=("huge.md:1:1: JD001", "larger than the 10,485,760-byte limit"),
    ),
    "100,000-row table": Case(
        {
            "matrix.md": (
                "## Matrix\n\n| Title | Grade |\n|---|---|\n"
                + "".join(f"| Widget Engineer {i} | {i % 12} |\n" for i in range(100_000))
            ).encode()
        },
        # The parser and structure rules: the grade rules re-read every matrix row several
        # times (linear, but ~35 s here) and are stopped by the time limit as JD001.
        args=("--select", "JD1,JD7", "."),
        absent=("JD001",),
        seconds=40,
    ),
    "list nested 10,000 deep on one line": Case(
        {"deep.md": ("- " * 10_000 + "item\n").encode()}, absent=("JD001",)
    ),
    "quote nested 10,000 deep": Case({"quote.md": ("> " * 10_000 + "x\n").encode()}),
    "quotes and lists nested 5,000 deep": Case({"mixed.md": ("> - " * 5_000 + "x\n").encode()}),
    "list nested 1,000 deep by indentation": Case(
        {"indent.md": _deep_list_by_indent(1_000)}, absent=("JD001",)
    ),
    # 10,000 levels by indentation is a 100 MB file: the size limit answers it.
    "list nested 10,000 deep by indentation": Case(
        {"indent10k.md": _deep_list_by_indent(10_000)}, expect=("JD001", "byte limit")
    ),
    "line of 1,000,000 characters": Case({"line.md": b"w" * 1_000_000 + b"\n"}),
    "300,000-character line of markup": Case(
        {
            "markup.md": (
                "## Widget Engineer\n\n"
                + "word [link](https://example.com/x) `code` *em* <b>b</b> <%= x %> " * 5_000
                + "\n"
            ).encode()
        },
        absent=("JD001",),
    ),
    "30,000 links on one line": Case({"links.md": b"[a](b) " * 30_000 + b"\n"}),
    "unclosed ERB tags": Case({"erb.md.erb": b"<%" * 200_000 + b"\n"}, absent=("JD001",)),
    "unclosed shortcodes": Case({"hugo.md": b"{{< x " * 30_000 + b"\n"}, absent=("JD001",)),
    "unclosed HTML comments": Case({"comments.md": b"<!-- x " * 100_000 + b"\n"}),
    "a run of 100,000 backticks": Case({"ticks.md": b"x" + b"`" * 100_000 + b"\n"}),
    "unclosed suppression comments": Case(
        {"suppress.md": b"<!-- jdlint-disable: " * 50_000 + b"\n"}, absent=("JD001",)
    ),
    "20,000 headings": Case({"headings.md": b"## Widget\n" * 20_000}),
    "front matter alias bomb (billion laughs)": Case(
        {"bomb.md": BILLION_LAUGHS.encode()}, expect=("bomb.md:1:1: JD701", "alias bomb")
    ),
    "front matter !!python/object tag": Case(
        {
            "pyobj.md": (
                b"---\ntitle: !!python/object/apply:os.system ['touch PWNED']\n---\n\n# T\n"
            )
        },
        expect=("pyobj.md:2:8: JD701", "could not determine a constructor"),
    ),
    "front matter nested 10,000 deep": Case(
        {"nested.md": b"---\ntitle: " + b"[" * 10_000 + b"\n---\n\n# T\n"}, expect=("JD701",)
    ),
    "front matter of 1 MB": Case(
        {"bigfm.md": b"---\n" + b"key: value\n" * 100_000 + b"---\n\n# T\n"},
        expect=("JD701", "larger than 256 KiB"),
    ),
    "unreadable file (permission denied)": Case(
        {"secret.md": JOB_PAGE.encode(), "ok.md": JOB_PAGE.encode()},
        expect=("secret.md:1:1: JD001 [error] permission denied", "2 files"),
        setup=_permission_denied,
    ),
    "file deleted between discovery and reading": Case(
        {"vanishing.md": JOB_PAGE.encode(), "ok.md": JOB_PAGE.encode()},
        expect=("vanishing.md:1:1: JD001", "disappeared", "2 files"),
        setup=_deleted_after_discovery,
    ),
    "symlink loop (directory)": Case(
        {"ok.md": JOB_PAGE.encode(), "sub": _directory, "sub/again": _symlink("..")},
        expect=("2 files",),
    ),
    "symlink loop (file)": Case(
        {"loop.md": _symlink("loop.md"), "ok.md": JOB_PAGE.encode()},
        expect=("loop.md:1:1: JD001", "cannot be read"),
    ),
    "symlink pointing outside the root": Case(
        {
            "ok.md": JOB_PAGE.encode(),
            "escape.md": _symlink("../outside/secret.md"),
            "escape-dir": _symlink("../outside"),
        },
        expect=("1 file",),
        absent=("secret", "escape"),
    ),
    "directory named x.md": Case(
        {"x.md": _directory}, expect=("x.md/inside.md:1:1: JD101", "in 1 file"), absent=("JD001",)
    ),
    "path with spaces and non-ASCII characters": Case(
        {"Jöb Fämilies/Ingénieur ✓ senior.md": "## Ingénieur\n\n### Responsibilities\n".encode()},
        expect=("Jöb Fämilies/Ingénieur ✓ senior.md:1:1: JD101",),
    ),
    "CRLF and mixed line endings": Case(
        {"crlf.md": MISSING_REQUIREMENTS.replace("\n", "\r\n").encode() + b"\n\n"},
        expect=("crlf.md:1:1: JD101",),
    ),
    "lone carriage returns": Case({"cr.md": b"## Widget\r\rtext\r- a\r"}),
    "control and private-use characters": Case(
        {"ctl.md": "## Widget \x1a\ue000\u202e Engineer\x0b\x0c\n\n- \x7f\n".encode()}
    ),
    "stdin with binary data": Case(
        {},
        args=("-", "--stdin-filename", "in.md"),
        expect=("in.md:1:1: JD001",),
        extra={"stdin": "\x00\x01"},
    ),
}


def _write(root: Path, files: dict[str, bytes | Callable[[Path], None]]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)


def _snapshot(root: Path) -> dict[str, str]:
    """A hash of every regular file under `root` (symlinks by their target, not followed)."""
    out: dict[str, str] = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in [*filenames, *dirnames]:
            path = Path(directory, name)
            if path.is_symlink():
                out[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(MISSING_REQUIREMENTS)
    root = tmp_path / "root"
    root.mkdir()
    _write(root, case.files)
    monkeypatch.chdir(root)  # relative paths in the output, and a run that cannot write elsewhere
    before = _snapshot(tmp_path)
    if case.setup is not None:
        case.setup(monkeypatch, root)
    args = case.args or (".",)
    started = time.monotonic()
    result = run_cli("check", "--no-cache", *args, input=case.extra.get("stdin"))
    elapsed = time.monotonic() - started
    monkeypatch.undo()
    output = result.output
    assert result.exit_code in case.exit_codes, output[-2000:]
    assert "Traceback" not in output
    assert elapsed < case.seconds, f"{name} took {elapsed:.1f} s"
    for fragment in case.expect:
        assert fragment in output, f"{fragment!r} not in output:\n{output[-2000:]}"
    for fragment in case.absent:
        assert fragment not in output, f"{fragment!r} in output:\n{output[-2000:]}"
    after = _snapshot(tmp_path)
    if name == "file deleted between discovery and reading":
        del before[str(root / "vanishing.md")]
    assert after == before, "a file was changed, created or removed"
    assert not (root / "PWNED").exists()


def test_cases_cover_the_issue_list() -> None:
    """The hostile inputs issue 10 names, each present in the table."""
    wanted = [
        "empty file",
        "only front matter",
        "binary",
        "invalid UTF-8",
        "UTF-16 LE with BOM",
        "NUL bytes",
        "20 MB page",
        "100,000-row table",
        "10,000 deep",
        "1,000,000 characters",
        "billion laughs",
        "!!python/object",
        "permission denied",
        "deleted between discovery",
        "symlink loop",
        "outside the root",
        "directory named x.md",
        "spaces and non-ASCII",
    ]
    names = " | ".join(CASES)
    assert [w for w in wanted if w not in names] == []


# -- resource limits -------------------------------------------------------------------------


def _with_rule(
    monkeypatch: pytest.MonkeyPatch, check: Callable[..., object], target: type | None = None
) -> None:
    """Run the CLI with one extra rule (as a plugin or rule pack would add it), on inline runs
    unless another `target` is given."""
    import jdlint.engine.session
    from jdlint.findings import Severity
    from jdlint.model import Inline
    from jdlint.rules import Rule, RuleMeta

    meta = RuleMeta("JD998", "hostile-test-rule", "A rule that misbehaves.", Severity.INFO)
    real = jdlint.engine.session.load_registry
    rule = Rule(meta, target or Inline, check)
    monkeypatch.setattr(
        jdlint.engine.session,
        "load_registry",
        lambda extra=(), **kw: real(extra=(*extra, rule), **kw),
    )


def _two_pages(root: Path, config: str) -> None:
    (root / ".jdlint.yaml").write_text(config)
    (root / "slow.md").write_text("## Widget\n\n" + "a" * 40 + "!\n")
    (root / "ok.md").write_text(MISSING_REQUIREMENTS)


def test_a_check_that_raises_is_reported_once_per_page_and_the_run_goes_on(
    run_cli, tmp_path, monkeypatch
):
    """A bug in one check (here on every run of a page that says "Widget") is one JD004
    finding on that page, not a traceback: the page's other checks and the other pages are
    still checked, and the run is not clean."""

    def broken(inline, ctx):
        if "Widget" in inline.raw:
            raise KeyError("grade")
        yield from ()

    _with_rule(monkeypatch, broken)
    (tmp_path / "widgets.md").write_text(MISSING_REQUIREMENTS + "- Widget care\n- Widget repair\n")
    (tmp_path / "plain.md").write_text("## Gadget Engineer\n\n### Responsibilities\n\n- x\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--no-cache", "--select", "JD004,JD101,JD998")
    lines = result.output.splitlines()
    failed = [line for line in lines if "JD004" in line]
    assert len(failed) == 1
    assert failed[0].startswith(
        "widgets.md:1:1: JD004 [error] check JD998 (hostile-test-rule) failed: KeyError: 'grade';"
    )
    assert failed[0].endswith("please report it with this page")
    assert "widgets.md:1:1: JD101" in result.output  # the page's other checks ran
    assert "plain.md:1:1: JD101" in result.output  # and the other pages were checked
    assert "Traceback" not in result.output
    assert result.exit_code == 1


def test_a_check_that_reaches_an_engine_limit_still_skips_the_page(run_cli, tmp_path, monkeypatch):
    """Running out of depth inside a check is the engine's limit (JD001), not a failed check."""

    def deep(inline, ctx):
        raise RecursionError("maximum recursion depth exceeded")
        yield

    _with_rule(monkeypatch, deep)
    (tmp_path / "page.md").write_text(MISSING_REQUIREMENTS)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--no-cache")
    assert "page.md:1:1: JD001 [error] skipped: nested too deeply to process" in result.output
    assert "JD004" not in result.output


@pytest.mark.parametrize("pages, jobs", [(1, "1"), (30, "2")], ids=["alone", "in-a-worker"])
def test_a_handbook_check_that_raises_ends_the_run_with_one_line(
    run_cli, tmp_path, monkeypatch, pages, jobs
):
    """A handbook-wide check has no page to report its failure on: exit 2 and one line naming
    it, no traceback, and no findings said to be complete (also when a forked worker ran it)."""
    from jdlint.handbook.index import HandbookIndex

    def broken(index, ctx):
        raise ZeroDivisionError("division by zero")
        yield

    _with_rule(monkeypatch, broken, HandbookIndex)
    for number in range(pages):
        (tmp_path / f"page{number}.md").write_text(MISSING_REQUIREMENTS)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--no-cache", "-j", jobs)
    assert result.exit_code == 2
    assert (
        "check JD998 (hostile-test-rule) failed: ZeroDivisionError: division by zero; a bug in"
        in result.output
    )
    assert "please report it with the pages checked" in result.output
    assert "Traceback" not in result.output
    assert "JD101" not in result.output


def test_catastrophic_regex_is_stopped_and_the_run_goes_on(run_cli, tmp_path, monkeypatch):
    """`(a+)+$` on 40 a's and a "!" backtracks 2**40 times: the per-file limit stops it."""
    import re
    import signal

    def catastrophic(inline, ctx):
        if re.search(r"(a+)+$", inline.raw):
            yield ctx.finding(inline.span(0, 1), "matched")

    _with_rule(monkeypatch, catastrophic)
    _two_pages(tmp_path, "max-file-seconds: 0.5\n")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = run_cli("check", ".")
    assert time.monotonic() - started < 10
    assert "slow.md:1:1: JD001 [error] skipped: took longer than 0.5 s (max-file-seconds)" in (
        result.output
    )
    assert "ok.md:1:1: JD101" in result.output  # the run went on
    assert result.exit_code == 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer left behind


def test_time_limit_can_be_switched_off(run_cli, tmp_path, monkeypatch):
    calls = []

    def slowish(inline, ctx):
        time.sleep(0.3)
        calls.append(inline.raw)
        return iter(())

    _with_rule(monkeypatch, slowish)
    _two_pages(tmp_path, "max-file-seconds: 0\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "slow.md")
    assert "JD001" not in result.output
    assert len(calls) == 2  # heading and paragraph were both checked


def test_runaway_recursion_is_one_finding(run_cli, tmp_path, monkeypatch):
    def recurse(inline, ctx):
        def down(n: int) -> int:
            return down(n + 1) + 1

        down(0)
        return iter(())

    _with_rule(monkeypatch, recurse)
    _two_pages(tmp_path, "select: [JD001, JD998]\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "slow.md")
    assert "slow.md:1:1: JD001 [error] skipped: nested too deeply to process" in result.output
    assert result.exit_code == 1


def test_time_limit_restores_an_outer_timer():
    import signal

    from jdlint.engine.limits import FileTimeout, time_limit

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with pytest.raises(FileTimeout), time_limit(0.05):
            time.sleep(1)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
