"""Text output as a person sees it: colour only on a terminal (never with NO_COLOR), statistics."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import HANDBOOK

from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.model import Span
from jdlint.reporters import Report
from jdlint.reporters.text_format import render

ESC = "\x1b["


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, **extra}


def run_on_terminal(env: dict[str, str]) -> str:
    """Run `jdlint check` with a pseudo-terminal as its stdout, as in an interactive shell."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "jdlint", "check", str(HANDBOOK)],
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 1
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal():
    out = run_on_terminal(clean_env())
    assert f"{ESC}33mJD104{ESC}0m" in out


def test_no_colour_when_no_color_is_set():
    out = run_on_terminal(clean_env(NO_COLOR="1"))
    assert "JD104" in out and ESC not in out


def test_no_colour_when_piped():
    done = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", str(HANDBOOK)],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert "JD104" in done.stdout and ESC not in done.stdout


def finding(code: str, line: int, fixable: bool) -> Finding:
    fix = Fix((TextEdit(0, 1, ""),)) if fixable else None
    return Finding("a.md", Span(line, 1, line, 2), code, "x", "m", Severity.WARNING, fix=fix)


def test_statistics_count_per_code_and_fixable():
    findings = [finding("JD602", 1, True), finding("JD602", 2, True), finding("JD104", 3, False)]
    report = Report(findings, ["a.md"], {}, statistics=True, quiet=True)
    lines = render(report).splitlines()  # --statistics alone, as ruff's: no finding lines
    assert lines == [
        "     2  JD602   (2 fixable)",
        "     1  JD104  ",
        "     2  fixable with --fix",
    ]
