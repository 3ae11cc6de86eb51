"""Docs generated from rule metadata stay generated: the README's table, `explain`'s examples."""

from __future__ import annotations

import re
from pathlib import Path

from jdlint.config.settings import Settings
from jdlint.registry import load_registry
from jdlint.rule_docs import explain_rule, rules_markdown
from jdlint.rulepacks.loader import load_packs
from jdlint.testing import QUIET_ONLY

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = load_registry(extra=load_packs(Settings()), plugins=False)


def test_readme_rule_table_is_the_generated_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules-table:[^\n]*-->\n(.*?)<!-- rules-table end -->", readme, re.S)
    assert block is not None, "README lost its generated rule table"
    assert block.group(1) == rules_markdown(REGISTRY), (
        "README's rule table is stale: replace it with `jdlint rules --format markdown`"
    )


def test_explain_shows_the_first_cases_as_examples() -> None:
    text = explain_rule(REGISTRY, "JD101") or ""
    assert 'Example, reported at 1:1 role "Senior Widget Engineer" has no Requirements' in text
    assert "Example, not reported:" in text
    assert "    ## Senior Widget Engineer" in text


def test_every_rule_is_explained_with_examples() -> None:
    missing = [
        code
        for code in REGISTRY.metas
        if code not in QUIET_ONLY
        and "Example, reported" not in (explain_rule(REGISTRY, code) or "")
    ]
    assert missing == []
    for code in QUIET_ONLY:
        assert "Example, not reported:" in (explain_rule(REGISTRY, code) or "")
