"""Grade statements: every form real pages write, compound values, and unreadable grades."""

from __future__ import annotations

import pytest

from jdlint.document.build import build_document
from jdlint.document.grade_front_matter import front_matter_grade
from jdlint.document.grade_statements import find_grades, parse_values
from jdlint.model import block_inlines


def statements(text: str):
    document = build_document("page.md", text)
    return [g for block in document.blocks for i in block_inlines(block) for g in find_grades(i)]


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        ("8", (8.0,)),
        ("8/9", (8.0, 9.0)),
        ("9.5", (9.5,)),
        ("10 or 11", (10.0, 11.0)),
        ("8-9", (8.0, 9.0)),
        ("Grade 9", (9.0,)),
        ("Level 12", (12.0,)),
        ("#9", (9.0,)),
        ("6, 7, 8", (6.0, 7.0, 8.0)),
        ("TBD", ()),
        ("", ()),
        ("8 / nine", ()),
        # `float` reads these, no ladder is on them
        ("1e400", ()),
        ("nan", ()),
        ("inf", ()),
        ("7-Infinity", ()),
        ("99999999999", ()),
        ("١٢", ()),  # Arabic-Indic digits
    ],
)
def test_parse_values(raw: str, values: tuple[float, ...]) -> None:
    assert parse_values(raw) == values


@pytest.mark.parametrize(
    ("sentence", "raw", "title", "linked"),
    [
        ("The Widget Engineer is a [grade 8](/g).", "8", "Widget Engineer", True),
        ("The Widget Engineer is a grade 8.", "8", "Widget Engineer", False),
        ("The Widget Engineer is a [8](/g).", "8", "Widget Engineer", True),
        ("The Widget Engineer is a [grade #9](/g).", "9", "Widget Engineer", True),
        ("The Widget Engineer is a job grade [level 10](/g).", "10", "Widget Engineer", True),
        ("The Widget Engineer is a grade [9](/g).", "9", "Widget Engineer", True),
        ("The Manager, Widgets, is a [job grade 12](/g).", "12", "Manager, Widgets", True),
        ("The Sr. Widget Engineer is a job [grade 7](/g).", "7", "Sr. Widget Engineer", True),
        ("The Widget Engineer is a grade 8/9.", "8/9", "Widget Engineer", False),
        ("The Widget Engineer is a grade 10 or 11.", "10 or 11", "Widget Engineer", False),
        ("Grade: 8", "8", None, False),
        ("The role is a [grade 6](/g).", "6", None, True),
        ("As with other managers this is a grade 8", "8", None, False),
    ],
)
def test_statement_forms(sentence: str, raw: str, title: str | None, linked: bool) -> None:
    (found,) = statements(sentence + "\n")
    assert (found.raw, found.title, found.link is not None) == (raw, title, linked)
    assert found.values == parse_values(raw)
    assert not found.mention


def test_link_that_lost_its_brackets() -> None:
    (found,) = statements("The Widget Engineer is a grade 4 (/handbook/total-rewards/).\n")
    assert found.values == (4.0,)
    assert found.link is None and found.broken_link == "/handbook/total-rewards/"


def test_unreadable_grade_is_kept_without_values() -> None:
    (found,) = statements("The Widget Engineer is a [grade TBD](/g).\n")
    assert found.raw == "TBD" and found.values == ()
    assert found.title == "Widget Engineer"


def test_spans_point_at_the_number_and_the_title() -> None:
    (found,) = statements("Intro.\n\nThe Widget Engineer is a [grade 8](/g).\n")
    assert (found.span.line, found.span.col, found.span.end_col) == (3, 33, 34)
    assert found.title_span is not None
    assert (found.title_span.col, found.title_span.end_col) == (5, 20)


def test_grade_in_passing_is_a_mention() -> None:
    (found,) = statements("In the market, 91 companies have a grade 8 level.\n")
    assert found.mention


def test_prose_without_grades() -> None:
    assert statements("The next step is to move to a senior job grade. We grade papers.\n") == []


@pytest.mark.parametrize(
    "text",
    ["grade", "grade [", "is a [grade](", "grade 999999", "is a grade ]]]", "Grade: ", "grade 8/"],
)
def test_odd_input_never_crashes(text: str) -> None:
    statements(text + "\n")


def test_front_matter_grade() -> None:
    document = build_document("page.md", "---\ntitle: Widget Engineer\ngrade: 7\n---\n\nText.\n")
    found = front_matter_grade(document)
    assert found is not None
    assert (found.values, found.title, found.span.line, found.source) == (
        (7.0,),
        "Widget Engineer",
        3,
        "front-matter",
    )
