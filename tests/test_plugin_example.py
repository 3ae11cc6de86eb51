"""The plugin example in examples/ works: its cases pass through `jdlint.testing`, and its rule
runs in a real check when registered as jdlint would load it from the entry point."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from jdlint import api
from jdlint.config.settings import settings_from_mapping
from jdlint.errors import ConfigError
from jdlint.testing import check_case, load_cases

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "jdlint-title-length"


def _plugin():
    spec = importlib.util.spec_from_file_location(
        "jdlint_title_length", EXAMPLE / "jdlint_title_length.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("jdlint_title_length", module)
    spec.loader.exec_module(module)
    return module


PLUGIN = _plugin()


@pytest.mark.parametrize("case", load_cases(EXAMPLE / "tests" / "cases"), ids=lambda c: c.id)
def test_example_plugin_cases(case) -> None:
    check_case(case, rules=PLUGIN.RULES)


def test_example_plugin_rule_runs_with_its_options() -> None:
    page = "## Senior Widget Engineer for Platform Reliability and Tooling\n\n### Responsibilities\n\n- x\n"
    session = api.session_for_rules(["JD901"], extra=PLUGIN.RULES)
    assert [f.code for f in api.check_text(page, "page.md", session)] == ["JD901"]
    wide = settings_from_mapping({"rules": {"JD901": {"max-words": 9}}}, Path("c.yaml"))
    assert (
        api.check_text(page, "page.md", api.session_for_rules(["JD901"], wide, PLUGIN.RULES)) == []
    )


def test_example_plugin_rejects_a_mistyped_option() -> None:
    bad = settings_from_mapping({"rules": {"JD901": {"max-word": 9}}}, Path("c.yaml"))
    with pytest.raises(ConfigError, match="unknown option 'max-word'"):
        api.check_text("## A\n", "page.md", api.session_for_rules(["JD901"], bad, PLUGIN.RULES))
