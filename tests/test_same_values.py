"""`same_values.same`: the comparison that tells a check's view of a page before an edit from
its view after it. It must never call two views the same when a check could read them apart,
so it is stricter than `==`."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jdlint.engine.same_values import same
from jdlint.model import Span


@dataclass(frozen=True)
class Pair:
    left: object
    right: object = None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (1, 1.0),
        (1, True),
        (0.0, -0.0),
        ((1, 2), [1, 2]),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
        ("a", b"a"),
        (None, ()),
        (Pair((1,)), Pair((1.0,))),
        (Pair(Span(1, 1, 1, 2)), Pair(Span(1, 1, 1, 3))),
        (Span(1, 1, 1, 2), (1, 1, 1, 2)),
    ],
)
def test_values_a_check_could_read_apart_are_not_the_same(first: object, second: object) -> None:
    assert not same(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            Pair((Span(1, 1, 1, 2), "x"), {"k": (1, 2.5)}),
            Pair((Span(1, 1, 1, 2), "x"), {"k": (1, 2.5)}),
        ),
        (float("nan"), float("nan")),
        ((), ()),
        ({}, {}),
    ],
)
def test_equal_values_of_the_same_types_are_the_same(first: object, second: object) -> None:
    assert same(first, second)


def test_a_shared_object_is_the_same_at_once() -> None:
    shared = Pair(tuple(range(1000)))
    assert same(Pair(shared, 1), Pair(shared, 1))
    assert not same(Pair(shared, 1), Pair(shared, 2))
