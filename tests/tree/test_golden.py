"""Golden `jdlint tree` output, one page per layout (regenerate: python tests/tree/regenerate.py)."""

from __future__ import annotations

import json

import pytest

from tree.regenerate import CASES, PAGES, ROOT, tree_json


@pytest.mark.parametrize("name", sorted(PAGES))
def test_tree_matches_golden(name: str) -> None:
    expected = (CASES / f"{name}.json").read_text(encoding="utf-8")
    assert tree_json(PAGES[name]) == expected, f"regenerate with tests/tree/regenerate.py ({name})"


def _headings(section: dict) -> list[int]:  # type: ignore[type-arg]
    own = [section["heading"]["span"][0]] if section.get("heading") else []
    return own + [line for sub in section["subsections"] for line in _headings(sub)]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_heading_is_in_the_tree(name: str) -> None:
    """Nothing vanishes: each heading line of the page is a role or a section of the tree."""
    tree = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    seen: set[int] = set()
    for role in tree["roles"]:
        if role["level"] is not None:
            seen.add(role["span"][0])
        for section in [*role["sections"].values(), *role["extra_sections"]]:
            seen.update(_headings(section))
    for section in [*tree["shared_sections"], *tree["family_sections"]]:
        seen.update(_headings(section))
    lines = (ROOT / PAGES[name]).read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1 if lines[0] == "---" else 0  # after the front matter
    heading_lines = {  # headings, and bold labels over a list ("**What you'll do:**")
        n
        for n, line in enumerate(lines, 1)
        if n > body and (line.startswith("#") or line.startswith("**") and line.endswith(":**"))
    }
    assert heading_lines and heading_lines <= seen, sorted(heading_lines - seen)
