"""Every data-driven rule case in tests/rules/cases/JDnnn.yml, run by `jdlint.testing` (the
runner plugin authors use for their own rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.testing import RuleCase, case_params, check_case

CASES_DIR = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", case_params(CASES_DIR))
def test_rule_case(case: RuleCase) -> None:
    check_case(case)
