"""Runs every data-driven rule case in tests/rules/cases/JDnnn.yml.

A case gives a small page (`fail` or `pass`), optional `config` (config-file keys) and
`path`, and for `fail` the exact findings expected: line, column, and a message fragment.
Only the file's rule runs, so a case states exactly what that rule reports.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from jdlint.config.settings import Settings, _settings_from
from jdlint.engine.checking import Engine
from jdlint.registry import load_registry
from jdlint.rulepacks import load_packs

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("JD*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = data["rule"]
        for name, case in data["cases"].items():
            params.append(pytest.param(code, case, id=f"{code}-{name}"))
    return params


def run_rule(code: str, text: str, config: dict[str, Any] | None = None, path: str = "page.md"):
    settings = _settings_from(config or {}, Path("case.yaml")) if config else Settings()
    settings = replace(settings, path=None)
    registry = load_registry(extra=load_packs(settings), plugins=False)
    engine = Engine(settings, registry, frozenset({code}))
    return [f for f in engine.check_text(path, text) if f.code == code]


def run_pages(code: str, pages: dict[str, str], config: dict[str, Any] | None = None):
    """Several pages checked together, for handbook-scope rules (`pass`/`fail` given as a
    mapping of path to text; expected findings then name their `path`)."""
    settings = _settings_from(config or {}, Path("case.yaml")) if config else Settings()
    engine = Engine(replace(settings, path=None), load_registry(plugins=False), frozenset({code}))
    results = [engine.parse_and_check(path, text.encode("utf-8")) for path, text in pages.items()]
    documents = [r.document for r in results if r.document is not None]
    found, _notes = engine.handbook_phase(documents, [])
    every = [f for r in results for f in r.findings] + found
    return sorted((f for f in every if f.code == code), key=lambda f: f.sort_key())


def _run(code: str, text: str | dict[str, str], case: dict[str, Any]):
    if isinstance(text, dict):
        return run_pages(code, text, case.get("config"))
    return run_rule(code, text, case.get("config"), case.get("path", "page.md"))


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    if "pass" in case:
        found = _run(code, case["pass"], case)
        assert found == [], [f"{f.span.line}:{f.span.col} {f.message}" for f in found]
        return
    found = _run(code, case["fail"], case)
    expected = case["expect"]
    got = [(f.span.line, f.span.col) for f in found]
    want = [(e["line"], e["column"]) for e in expected]
    assert [f.path for f in found] == [e.get("path", f.path) for e, f in zip(expected, found)]
    assert got == want, [f"{f.span.line}:{f.span.col} {f.message}" for f in found]
    for finding, expectation in zip(found, expected):
        assert expectation.get("message", "") in finding.message
        if "end_column" in expectation:
            assert finding.span.end_col == expectation["end_column"]
    if "fixed" in case:
        assert _apply_safe_fixes(case["fail"], found) == case["fixed"]


def _apply_safe_fixes(text: str, findings: list[Any]) -> str:
    """The page after every safe fix (edits are offsets into the text, applied right to left)."""
    edits = sorted(
        (edit for f in findings if f.fix is not None and f.fix.safe for edit in f.fix.edits),
        key=lambda e: e.start,
        reverse=True,
    )
    for edit in edits:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text
