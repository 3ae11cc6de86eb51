"""Issue 19, item 7: signal before noise: `--statistics` alone and in JSON, a grouped,
errors-first format, and a hint that `--fix` removes most of a first run's findings."""

from __future__ import annotations

import json

from jdlint.findings import Finding, Fix, Severity, Span, TextEdit
from jdlint.reporters import Report
from jdlint.reporters.grouped_format import render as grouped
from jdlint.reporters.text_format import render as text
from jdlint.rules import RuleMeta

WHITESPACE = RuleMeta(code="JD602", name="whitespace", summary="s", severity=Severity.WARNING)


def _finding(path: str, line: int, code: str, severity: Severity, fixable: bool) -> Finding:
    fix = Fix((TextEdit(0, 1, ""),)) if fixable else None
    return Finding(path, Span(line, 1, line, 2), code, "x", f"m{line}", severity, fix=fix)


def _findings(spaces: int) -> list[Finding]:
    out = [_finding("a.md", n, "JD602", Severity.WARNING, True) for n in range(1, spaces + 1)]
    out.append(_finding("a.md", 40, "JD101", Severity.ERROR, False))
    out.append(_finding("b.md", 2, "JD104", Severity.WARNING, False))
    return out


def test_statistics_alone_prints_no_finding_lines():
    report = Report(_findings(3), ["a.md", "b.md"], {"JD602": WHITESPACE}, statistics=True)
    out = text(report)
    assert "a.md:" not in out
    assert out.splitlines()[0] == "     3  JD602  whitespace (3 fixable)"


def test_statistics_in_json(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("## Widget  Engineer\n\n### Responsibilities\n\n- x\n")
    result = run_cli("check", "page.md", "--statistics", "--format", "json", "--no-cache")
    data = json.loads(result.output)
    codes = {entry["code"]: entry for entry in data["statistics"]}
    assert codes["JD602"] == {
        "code": "JD602",
        "name": "whitespace",
        "count": 1,
        "fixable": True,
        "fixable_count": 1,
    }
    assert codes["JD101"]["fixable"] is False
    assert data["total"] == sum(e["count"] for e in data["statistics"])
    assert data["files"] == 1


def test_grouped_puts_each_files_errors_first():
    report = Report(_findings(2), ["a.md", "b.md"], {})
    lines = grouped(report).splitlines()
    assert lines[:4] == [
        "a.md  (1 error, 2 warnings)",
        "  40:1: JD101 [error] m40",
        "  1:1: JD602 [*] [warning] m1",
        "  2:1: JD602 [*] [warning] m2",
    ]
    assert lines[5] == "b.md  (1 warning)"


def test_grouped_is_a_cli_format(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("## Widget Engineer\n\n### Responsibilities\n\n- x\n")
    result = run_cli("check", "page.md", "--format", "grouped", "--no-cache")
    assert result.output.startswith("page.md  (1 error)\n  1:1: JD101 [error]")


def test_hint_says_how_many_findings_fix_removes():
    report = Report(_findings(12), ["a.md", "b.md"], {"JD602": WHITESPACE})
    *_, hint, summary = text(report).splitlines()
    assert hint.startswith("hint: `jdlint check --fix` removes 12 of these 14 findings")
    assert "JD602 whitespace 12" in hint
    assert summary.startswith("Found 14 findings")


def test_no_hint_for_a_few_fixable_findings_or_when_quiet():
    assert "hint:" not in text(Report(_findings(3), ["a.md"], {}))
    assert "hint:" not in text(Report(_findings(12), ["a.md"], {}, quiet=True))
    assert "hint:" not in text(Report(_findings(12), ["a.md"], {}, fixed=3))
