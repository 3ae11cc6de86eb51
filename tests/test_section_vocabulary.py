"""The section vocabulary as data: rules/sections.yml, its schema, config overrides, and
`required-sections` by alias (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from jdlint.config.settings import Settings, _settings_from
from jdlint.config.validation import load_schema
from jdlint.document.section_names import resolve_names, shipped_vocabulary_data, vocabulary
from jdlint.engine.checking import Engine
from jdlint.fs.shipped import packs
from jdlint.registry import load_registry


def run_rule(code: str, text: str, config: dict | None = None) -> list:  # type: ignore[type-arg]
    settings = _settings_from(config, Path("case.yaml")) if config else Settings()
    engine = Engine(settings, load_registry(plugins=False), frozenset({code}))
    return engine.check_text("page.md", text)


def test_shipped_vocabulary_is_valid_against_its_schema() -> None:
    data = yaml.safe_load(packs().joinpath("sections.yml").read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema("sections.schema.json"))
    assert data == shipped_vocabulary_data()


def test_schema_refuses_an_unknown_scope() -> None:
    bad = {"sections": {"X": {"kind": "x", "scope": "page", "aliases": ["x"]}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, load_schema("sections.schema.json"))


def test_every_alias_names_one_section() -> None:
    seen: dict[str, str] = {}
    for name, entry in shipped_vocabulary_data()["sections"].items():
        for heading in (*entry.get("aliases", ()), *entry.get("suffixes", ())):
            assert heading.lower() not in seen, f"{heading!r} in {name} and {seen[heading.lower()]}"
            seen[heading.lower()] = name


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("What you'll be doing", "Responsibilities"),
        ("What You’ll Do", "Responsibilities"),
        ("Your responsibilities", "Responsibilities"),
        ("Major duties:", "Responsibilities"),
        ("Key Responsibilities", "Responsibilities"),
        ("Essential Functions", "Responsibilities"),
        ("Duties", "Responsibilities"),
        ("About you", "Requirements"),
        ("Who you are", "Requirements"),
        ("What we're looking for", "Requirements"),
        ("You'll fit right in if:", "Requirements"),
        ("Qualifications", "Requirements"),
        ("Minimum qualifications", "Requirements"),
        ("Skills", "Requirements"),
        ("Preferred qualifications", "Nice-to-haves"),
        ("Nice to have", "Nice-to-haves"),
        ("About the role", "About the Role"),
        ("Benefits", "Benefits"),
        ("What we offer", "Benefits"),
        ("Perks", "Benefits"),
        ("Salary", "Compensation"),
        ("How to apply", "Hiring Process"),
        ("Location", "Location"),
        ("About GitLab", "About the Company"),
        ("Senior Manager, Red Team Requirements", "Requirements"),
    ],
)
def test_common_headings_are_classified(heading: str, expected: str) -> None:
    found = vocabulary().classify(heading)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    "heading",
    [
        "What you can expect",  # the perks or the process, not the work
        "The team",
        "Your impact",
        "Equal opportunity",
        "Senior Widget Engineer",
        "Widget Benefits Analyst",  # a title ending in a family word is no family section
    ],
)
def test_headings_that_name_no_section_stay_unclassified(heading: str) -> None:
    found = vocabulary().classify(heading)
    assert found is None or found.prefix, found


def test_config_adds_an_alias_and_a_new_section() -> None:
    config = {
        "Responsibilities": {"aliases": ["Your impact"]},
        "Team Culture": {"scope": "family", "aliases": ["How we work"]},
    }
    words = vocabulary(config)
    impact = words.classify("Your Impact")
    assert impact is not None and impact.name == "Responsibilities"
    culture = words.classify("How we work")
    assert culture is not None and culture.name == "Team Culture" and culture.family
    assert vocabulary().classify("Your impact") is None  # the shipped one is unchanged


def test_config_moves_a_heading_and_replaces_aliases() -> None:
    words = vocabulary(
        {
            "Expertise": {"aliases": ["Skills"]},
            "benefits": {"aliases": ["Goodies"], "replace": True},
        }
    )
    skills = words.classify("Skills")
    assert skills is not None and skills.name == "Expertise"  # by kind or by name
    assert words.classify("Perks") is None
    goodies = words.classify("Goodies")
    assert goodies is not None and goodies.name == "Benefits"


def test_required_sections_accept_aliases_and_kinds() -> None:
    words = vocabulary()
    names = ("What you'll be doing", "about you", "hiring-process", "Widget Care")
    assert resolve_names(names, words) == (
        "Responsibilities",
        "Requirements",
        "Hiring Process",
        "Widget Care",
    )


AD = """\
---
title: Platform Engineer
---

## About the role

We look after the build farm.

## What you'll be doing

- Keep the build farm healthy

## About you

- Linux administration

## Nice to have

- Nix

## Benefits

- Paid leave

## How to apply

Use the form.
"""


def test_a_job_ad_gets_no_missing_section() -> None:
    assert run_rule("JD101", AD) == []


def test_required_section_named_by_its_alias() -> None:
    config = {"required-sections": ["What you'll be doing", "Your impact"]}
    found = run_rule("JD101", AD, config)
    assert [f.message for f in found] == ['role "Platform Engineer" has no Your impact section']
    config["sections"] = {"Impact": {"aliases": ["Your impact"]}}
    text = AD + "\n## Your impact\n\n- Faster builds\n"
    assert run_rule("JD101", text, config) == []


def test_config_sections_key_is_validated(tmp_path: Path) -> None:
    from jdlint.config.settings import load_settings
    from jdlint.errors import ConfigError

    config = tmp_path / ".jdlint.yaml"
    config.write_text(json.dumps({"sections": {"Responsibilities": {"alias": ["x"]}}}))
    with pytest.raises(ConfigError, match="unknown key 'alias'"):
        load_settings(config)
