"""The plugin's rule cases, run exactly as jdlint runs its own."""

from pathlib import Path

import pytest
from jdlint_title_length import RULES

from jdlint.testing import RuleCase, case_params, check_case


@pytest.mark.parametrize("case", case_params(Path(__file__).parent / "cases"))
def test_rule_case(case: RuleCase) -> None:
    check_case(case, rules=RULES)
