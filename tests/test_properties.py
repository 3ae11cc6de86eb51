"""Property-based tests: generated and mutated job-family pages never break the checker.

For every input: checking never raises (and never needs the time limit), every finding's span
lies inside the file, and two runs report the same findings. The example counts are bounded so
the suite stays fast on two cores; `benchmarks/fuzz.py --minutes N` runs the same properties
for as long as you like.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pagegen import (
    FILE_NAMES,
    any_input,
    assert_page_properties,
    make_engine,
    mutated_fixture,
    page,
)

# Fixed seed in the suite (a failure reproduces on every run); the fuzz campaign explores.
SUITE = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def engine():
    return make_engine()


@SUITE
@given(data=page(), name=st.sampled_from(FILE_NAMES))
def test_generated_pages(engine, data, name):
    assert_page_properties(engine, data, name)


@SUITE
@given(data=mutated_fixture(), name=st.sampled_from(FILE_NAMES))
def test_mutated_fixtures(engine, data, name):
    assert_page_properties(engine, data, name)


@SUITE
@given(data=any_input())
@example(data=b"\x01\r\x01")  # found by the fuzz campaign: a lone CR shifted line numbers
def test_any_bytes(engine, data):
    assert_page_properties(engine, data)


def test_generated_pages_reach_the_checks(engine):
    """The generator is worth its time: its pages have roles, sections and findings."""
    from hypothesis import find

    from jdlint.document.build import build_document
    from jdlint.fs.decode import UnreadableFile, decode

    def has_roles_and_findings(data: bytes) -> bool:
        try:
            source = decode("page.md", data)
        except UnreadableFile:
            return False
        document = build_document("page.md", source.text)
        return len(document.roles) >= 2 and assert_page_properties(engine, data) >= 3

    found = find(
        page(),
        has_roles_and_findings,
        settings=settings(
            max_examples=200,
            database=None,
            derandomize=True,
            deadline=None,
            phases=[Phase.generate],  # the first hit is enough: no shrinking
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
    assert found


def _assert_fix_properties(engine, data: bytes, name: str) -> None:
    from jdlint.document.build import build_document
    from jdlint.fix.audit import audit
    from jdlint.fix.files import fix_bytes
    from jdlint.fix.fixed_point import wanted
    from jdlint.fs.decode import UnreadableFile

    try:
        first = fix_bytes(name, data, engine)
    except UnreadableFile:
        return
    if not first.changed:
        return
    before = first.original_text.replace("\r\n", "\n").replace("\r", "\n")
    after = first.result.text.replace("\r\n", "\n").replace("\r", "\n")
    build_document(name, after)  # the fixed page parses
    second = fix_bytes(name, first.fixed, engine)
    assert not second.changed, "a second --fix changed the page again"
    reported = [f for f in engine.check_text(name, before) if wanted(f, False)]
    assert audit(name, before, after, reported).stray_changes == ()


@SUITE
@given(data=page(), name=st.sampled_from(FILE_NAMES))
def test_fix_reparses_and_is_idempotent(engine, data, name):
    _assert_fix_properties(engine, data, name)


@SUITE
@given(data=mutated_fixture(), name=st.sampled_from(FILE_NAMES))
def test_fix_on_mutated_fixtures(engine, data, name):
    _assert_fix_properties(engine, data, name)
