"""JD502's shortcuts answer exactly what difflib answers.

`ratio_bound` must never be below difflib's ratio (else a near copy would be missed), and the
remembered sentence comparison must agree with a plain difflib comparison, on random word
sequences built to have long shared runs (where difflib's greedy blocks and the longest common
subsequence part ways) and on hand-picked ones.
"""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from jdlint.checks.copy_differences import SAME_SENTENCE, _reworded, number_changes
from jdlint.checks.near_copies import ratio_bound

WORDS = ["we", "the", "team", "apply", "you", "role", "a", "and", "to", "work"]


def _ratio(first: tuple[str, ...], second: tuple[str, ...]) -> float:
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


def _pairs(count: int) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    rng = random.Random(20)
    out = []
    for _ in range(count):
        first = tuple(rng.choice(WORDS[: rng.randint(2, 10)]) for _ in range(rng.randint(0, 14)))
        second = list(first)
        for _ in range(rng.randint(0, 6)):  # a few word edits: insert, delete, replace, move
            where = rng.randint(0, len(second))
            what = rng.random()
            if what < 0.3:
                second.insert(where, rng.choice(WORDS))
            elif second and what < 0.6:
                del second[min(where, len(second) - 1)]
            elif second and what < 0.8:
                second[min(where, len(second) - 1)] = rng.choice(WORDS)
            else:
                second = second[where:] + second[:where]
        out.append((first, tuple(second)))
    return out


def test_the_bound_is_never_below_difflib() -> None:
    tighter = 0
    for first, second in _pairs(3000):
        assert ratio_bound(first, second) >= _ratio(first, second)
        tighter += ratio_bound(first, second) > _ratio(first, second)
    assert tighter  # the random pairs do reach the cases where the two part ways
    assert ratio_bound((), ()) == _ratio((), ()) == 1.0


def test_the_bound_equals_difflib_where_blocks_are_the_longest_subsequence() -> None:
    first = ("we", "encourage", "you", "to", "apply")
    second = ("we", "encourage", "everyone", "to", "apply")
    assert ratio_bound(first, second) == _ratio(first, second) == 0.8


def test_remembered_sentence_comparison_agrees_with_difflib() -> None:
    for first, second in _pairs(3000):
        assert _reworded(first, second) == (_ratio(first, second) >= SAME_SENTENCE)


def test_numbers_are_compared_per_text() -> None:
    assert number_changes(["a", "30", "minute", "call"], ["a", "45", "minute", "call"]) == [
        "number 30 → 45"
    ]
    assert number_changes(["1,5", "x2"], ["1,5", "x2"]) == []
    assert number_changes(["1", "2"], ["1.2"]) == ["number 1, 2 → 1.2"]
