"""Title matching: one normalisation for every title rule, and its configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.config.settings import load_settings
from jdlint.domain.job_titles import (
    TitleIndex,
    near_miss,
    position,
    same_title,
    similarity,
    title_pattern,
    title_settings,
)
from jdlint.engine.checking import Engine
from jdlint.errors import ConfigError
from jdlint.registry import load_registry

SETTINGS = title_settings({})


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sr. Backend Engineer", "Senior Backend Engineer"),
        ("senior  backend engineer", "Senior Backend Engineer"),
        ("Manager, Red Team", "Red Team Manager"),
        ("Director of Security", "Director, Security"),
        ("VP, Field Operations", "Vice President of Field Operations"),
        ("Online Sales & Growth Manager", "Manager, Online Sales and Growth"),
        ("Tax Analyst (Intermediate)", "Tax Analyst"),
        ("Widget Engineer (Associate)", "Associate Widget Engineer"),
        ("Director of TAMs", "Director, Technical Account Managers"),
        ("Senior TAM", "Senior Technical Account Manager (TAM)"),
        ("Widget Engineers", "Widget Engineer"),
        ("Technology Partner Manager", "Technologies Partner Manager"),
    ],
)
def test_same_title(a: str, b: str) -> None:
    assert same_title(a, b, SETTINGS)
    assert same_title(b, a, SETTINGS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Major Account Executive Leader", "Major Account Executive"),
        ("Program Manager, Field Enablement", "Manager, Field Enablement Programs"),
        ("Senior Widget Engineer", "Widget Engineer"),
        ("Widget Analyst (Associate)", "Widget Analyst (Intermediate)"),
        ("Junior Widget Executive - Mid Market", "Junior Mid Market Widget Executive"),
    ],
)
def test_different_titles(a: str, b: str) -> None:
    assert not same_title(a, b, SETTINGS)


def test_any_order_for_a_role_naming_itself() -> None:
    a, b = "Junior Widget Executive - Mid Market", "Junior Mid Market Widget Executive"
    assert same_title(a, b, SETTINGS, any_order=True)


def test_page_identity_keeps_manager_and_individual_contributor_apart() -> None:
    index = TitleIndex(["Channel Widget Manager", "Manager, Channel Widgets"], SETTINGS)
    assert index.identity("Manager, Channel Widgets") != index.identity("Channel Widget Manager")
    assert index.identity("Channel Widget Managers") == index.identity("Channel Widget Manager")
    assert index.identity("Channel Widgets Manager") == index.identity("Channel Widget Manager")


def test_positions_on_the_shipped_ladders() -> None:
    senior = position("Senior Manager, Red Team", SETTINGS)
    manager = position("Red Team Manager", SETTINGS)
    engineer = position("Senior Red Team Engineer", SETTINGS)
    assert senior.base == manager.base == "red team"
    assert senior.steps[1] == 1 and manager.steps[1] == 0  # management ladder
    assert engineer.base == "red team engineer" and engineer.steps == (2, None)
    assert position("Backend Engineer", SETTINGS).steps == (1, None)  # intermediate by default


def test_similarity_and_near_miss() -> None:
    assert similarity("Manager, Red Team", "Red Team Manager", SETTINGS) == 100
    assert near_miss("Manger, Solutions Architect", "Manager, Solutions Architect", SETTINGS)
    assert not near_miss("Manager, Professional Services", "Manager, Professional Services Ops")
    assert not near_miss("VP of UX", "VP, Tax", SETTINGS)


@pytest.mark.parametrize(
    ("title", "pattern"),
    [
        ("Manager, Red Team", "comma"),
        ("Director of Security", "of"),
        ("Red Team Senior Manager", "suffix"),
        ("VP, Sales", "comma"),
        ("Backend Engineer", None),
    ],
)
def test_title_pattern(title: str, pattern: str | None) -> None:
    assert title_pattern(title) == pattern


def test_config_adds_abbreviations_and_replaces_ladders() -> None:
    settings = title_settings(
        {
            "abbreviations": {"TWE": "Technical Widget Engineer"},
            "similarity": 80,
            "ladders": [{"name": "individual", "steps": [["apprentice"], ["master"]]}],
        }
    )
    assert same_title("Senior TWE", "Senior Technical Widget Engineer", settings)
    assert settings.similarity == 80
    assert position("Master Widget Engineer", settings).steps[0] == 1
    assert [ladder.name for ladder in settings.ladders] == ["individual", "management"]


def test_invalid_titles_config_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / ".jdlint.yaml"
    config.write_text("titles:\n  similarity: high\n")
    with pytest.raises(ConfigError, match="titles.similarity"):
        load_settings(config)
    config.write_text("titles:\n  ladder: []\n")
    with pytest.raises(ConfigError, match="did you mean 'ladders'"):
        load_settings(config)


def _apply(source: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        source = source[: edit.start] + edit.text + source[edit.end :]
    return source


def _findings(code: str, text: str):
    engine = Engine(load_settings(None), load_registry(plugins=False), frozenset({code}))
    return engine.check_text("page.md", text)


def test_abbreviation_fix_writes_senior() -> None:
    text = (
        "## Senior Widget Executive\n\nThe Sr. Widget Executive role extends the Jr Widget role.\n"
    )
    found = _findings("JD302", text)
    assert all(f.fix is not None and f.fix.safe for f in found)
    edits = [e for f in found for e in f.fix.edits]  # type: ignore[union-attr]
    fixed = _apply(text, edits)
    assert fixed.endswith("The Senior Widget Executive role extends the Junior Widget role.\n")
    assert _findings("JD302", fixed) == []


def test_title_mismatch_fix_is_unsafe_and_uses_the_heading() -> None:
    text = "## Major Widget Executive\n\nThe Major Widget Executive Leader is a [grade 8](/g).\n"
    (finding,) = _findings("JD301", text)
    assert finding.fix is not None and not finding.fix.safe and not finding.fixable
    fixed = _apply(text, finding.fix.edits)
    assert "The Major Widget Executive is a [grade 8]" in fixed
    assert _findings("JD301", fixed) == []
