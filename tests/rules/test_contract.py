"""The contract every rule keeps: complete metadata, and cases that show it firing, staying
quiet and (when it is fixable) fixing. `jdlint rules`, `explain` and SARIF are generated from
the same metadata and cases, so a rule that passes this cannot have drifting docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdlint.config.settings import Settings
from jdlint.findings import Severity
from jdlint.registry import load_registry
from jdlint.rulepacks.loader import load_packs
from jdlint.testing import QUIET_ONLY, load_case_file

CASES_DIR = Path(__file__).parent / "cases"
REGISTRY = load_registry(extra=load_packs(Settings()), plugins=False)
FIXABLE = {r.meta.code for r in REGISTRY.rules if r.meta.fixable}


@pytest.mark.parametrize("code", list(REGISTRY.metas))
def test_rule_metadata_is_complete(code: str) -> None:
    meta = REGISTRY.metas[code]
    assert re.fullmatch(r"JD\d{3}", meta.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", meta.name), meta.name
    assert meta.summary.strip().endswith("."), meta.summary
    assert len(meta.explanation.strip()) > len(meta.summary), f"{code} has no explanation"
    assert isinstance(meta.severity, Severity)
    assert meta.scope in {"document", "handbook"}


@pytest.mark.parametrize("code", list(REGISTRY.metas))
def test_rule_has_pass_fail_and_fix_cases(code: str) -> None:
    path = CASES_DIR / f"{code}.yml"
    assert path.is_file(), f"{code} has no case file {path.name}"
    cases = load_case_file(path)
    assert {c.code for c in cases} == {code}
    assert any(c.passes for c in cases), f"{code} has no pass case"
    if code not in QUIET_ONLY:
        assert any(not c.passes for c in cases), f"{code} has no fail case"
    if code in FIXABLE:
        assert any(c.fixed is not None for c in cases), f"{code} is fixable without a fix case"


def test_every_case_file_names_a_rule() -> None:
    stray = [p.name for p in CASES_DIR.glob("*.yml") if p.stem not in REGISTRY.metas]
    assert stray == []
