"""Issue 19, item 10: the README and `rules`/`explain` agree; example numbers are the real
ones; counts read "1 file", never "1 files"."""

from __future__ import annotations

import json
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HANDBOOK = ROOT / "fixtures" / "handbook"


def _fixing_paragraph() -> str:
    start = README.index("`[*]` marks a finding")
    return README[start : README.index("\n\n", start)]


def test_readme_fix_list_matches_the_rules(run_cli):
    rows = json.loads(run_cli("rules", "--format", "json").output)
    safe = {r["code"] for r in rows if r["fix"] == "safe"}
    unsafe = {r["code"] for r in rows if r["fix"] == "unsafe"}
    assert {"JD301", "JD604"} <= unsafe
    paragraph = _fixing_paragraph()
    before, _, after = paragraph.partition("need a human's eye")
    assert set(re.findall(r"JD\d{3}", before)) == safe
    assert set(re.findall(r"JD\d{3}", after)) == unsafe


def test_explain_says_which_fixes_are_unsafe(run_cli):
    assert "fixable: only with --unsafe-fixes" in run_cli("explain", "JD301").output
    assert "fixable: only with --unsafe-fixes" in run_cli("explain", "JD604").output
    assert "fixable: yes (--fix)" in run_cli("explain", "JD602").output


def test_first_run_example_is_the_real_output(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    block = README[README.index("$ jdlint check fixtures/handbook\n") :]
    shown = block.split("\n$ ", 1)[0].splitlines()[1:]
    actual = run_cli("check", "fixtures/handbook", "--no-cache").output.splitlines()
    for line in shown:
        if line != "...":
            assert line in actual, line
    assert shown[-1] == actual[-1]  # the summary


def test_report_example_is_the_real_output(run_cli, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    example = re.search(r"\$ jdlint report fixtures/handbook -o report\.html\n(.*)\n", README)
    assert example
    out = tmp_path / "report.html"
    result = run_cli("report", "fixtures/handbook", "-o", str(out))
    assert result.output.strip() == example.group(1).replace("report.html", str(out))


def test_counts_of_one_are_singular(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("## Widget  Engineer\n\n### Responsibilities\n\n- x\n")
    text = run_cli("check", "page.md", "--no-cache").output
    assert "in 1 file;" in text and "1 files" not in text
    diff = run_cli("check", "page.md", "--diff").output
    assert "Would fix 1 finding in 1 file." in diff
    wrote = run_cli("check", "page.md", "--select", "JD101", "--write-baseline", "b.json").output
    assert "wrote 1 finding to b.json" in wrote
    assert not re.search(r"\b1 (files|findings|roles|families|pages)\b", README)
