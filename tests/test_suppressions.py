"""Inline suppressions behave as the README says, wherever they stand (cases in
tests/suppressions/cases.yml): next line, same line, blocks, the whole file, inside lists,
tables and emphasis; unknown codes (JD002) and unused suppressions (JD003) are reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from jdlint import api

CASES = yaml.safe_load((Path(__file__).parent / "suppressions" / "cases.yml").read_text())
SESSION = api.session_for_rules(["JD602", "JD104", "JD003", "JD002"])
_COMMENT = re.compile(r"[ \t]*<!-- jdlint-[^>]*-->")


def _reported(page: str) -> list[list[object]]:
    return [[f.span.line, f.code] for f in api.check_text(page, "page.md", SESSION)]


@pytest.mark.parametrize("name", list(CASES))
def test_suppression(name: str) -> None:
    case = CASES[name]
    assert _reported(case["page"]) == case["reported"]


@pytest.mark.parametrize("name", [n for n in CASES if "JD00" not in str(CASES[n]["reported"])])
def test_without_the_comments_more_is_reported(name: str) -> None:
    page = CASES[name]["page"]
    bare = _COMMENT.sub("", page)
    assert len(_reported(bare)) > len(CASES[name]["reported"])
