"""JD502's near copies found from a few wordings are the near copies found from all of them.

A run that reports on a few pages pairs only the wordings joined to theirs
(`ShingleIndex.component`). That is held here to the batch answer (`candidate_pairs` +
`similar_pairs`) on random sets of wordings built to form clusters, with COMMON_SHINGLE at its
value and lowered so that more shingles are stock phrases; and a page checked alone gets the
findings it gets in a run over the whole handbook.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from jdlint.checks import near_copies
from jdlint.checks.near_copies import ShingleIndex, candidate_pairs, similar_pairs

WORDS = [
    "we",
    "the",
    "team",
    "apply",
    "you",
    "role",
    "a",
    "and",
    "to",
    "work",
    "hire",
    "grow",
    "care",
    "read",
    "ship",
    "build",
]
THRESHOLD = 0.8


def _wordings(rng: random.Random, count: int) -> list[tuple[str, ...]]:
    """`count` wordings: a few base texts and copies of them with one to three word edits."""
    bases = [tuple(rng.choice(WORDS) for _ in range(rng.randint(12, 20))) for _ in range(4)]
    out = []
    for _ in range(count):
        words = list(rng.choice(bases))
        for _ in range(rng.randint(0, 3)):
            where = rng.randrange(len(words))
            if rng.random() < 0.5:
                words[where] = rng.choice(WORDS)
            else:
                words.insert(where, rng.choice(WORDS))
        out.append(tuple(words))
    return out


def _pairs(folded: list[tuple[str, ...]]) -> set[tuple[int, int]]:
    return set(similar_pairs(folded, candidate_pairs(folded, THRESHOLD), THRESHOLD))


def _neighbours(pairs: set[tuple[int, int]], node: int) -> set[int]:
    return {j for i, j in pairs if i == node} | {i for i, j in pairs if j == node}


@pytest.mark.parametrize("common", [near_copies.COMMON_SHINGLE, 3])
def test_the_component_of_some_wordings_has_every_pair_the_batch_finds(monkeypatch, common):
    monkeypatch.setattr(near_copies, "COMMON_SHINGLE", common)
    rng = random.Random(common)
    compared = 0
    for _ in range(40):
        folded = _wordings(rng, rng.randint(2, 30))
        every = _pairs(folded)
        seeds = set(rng.sample(range(len(folded)), rng.randint(1, min(3, len(folded)))))
        reached, pairs = ShingleIndex(folded, THRESHOLD).component(seeds)
        # The component: the seeds and whatever a chain of pairs joins to them.
        expected, todo = set(seeds), list(seeds)
        while todo:
            for other in _neighbours(every, todo.pop()) - expected:
                expected.add(other)
                todo.append(other)
        assert reached == expected
        assert pairs == sorted(p for p in every if p[0] in reached)
        compared += len(pairs)
    assert compared > 50  # the wordings do form pairs


def test_a_page_checked_alone_gets_the_drift_findings_of_a_run_over_every_page(
    tmp_path, monkeypatch
):
    """Ten pages: one boilerplate text (six copies, two of them drifted), a second text on
    two pages, and on each page a text of its own that is a near copy of the others' (a
    cluster with no canonical wording: a tie). Each page checked alone, with the rest as
    context, pairs only the wordings joined to its own, and gets JD502's findings of a run
    over every page on it."""
    from jdlint.checks import boilerplate_drift
    from jdlint.engine.checking import Engine
    from jdlint.engine.run import run
    from jdlint.engine.session import prepare

    shared = (
        "We encourage you to apply even if you do not meet every single requirement listed "
        "here, because the [confidence gap](/handbook/hiring/) is real and we value you."
    )
    texts = [shared] * 4 + [
        shared.replace("[confidence gap](/handbook/hiring/)", "confidence gap")
    ] * 2
    other = "Our team reads every application by hand and answers each one within two weeks."
    texts += [other, other, "A short text.", "Another short text."]
    (tmp_path / ".git").mkdir()
    for number, text in enumerate(texts):
        page = tmp_path / "job-families" / f"f{number}" / "index.html.md"
        page.parent.mkdir(parents=True)
        page.write_text(
            "# Widget Engineers\n\n## Widget Engineer\n\nThe Widget Engineer is a grade 6.\n\n"
            f"### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n\n{text}\n\n"
            f"Team {number} builds the widgets that customers in region {number} use every day.\n",
            "utf-8",
        )
    session = prepare(tmp_path)
    engine = Engine(session.settings, session.registry, session.selected)
    pages = [str(tmp_path / "job-families" / f"f{n}" / "index.html.md") for n in range(10)]

    def drift(paths: list[str]) -> set[tuple[str, int, int]]:
        found = run(engine, paths, cache=None).findings
        return {(f.path, f.span.line, f.span.col) for f in found if f.code == "JD502"}

    everything = drift(pages)
    assert {Path(path).parent.name for path, _, _ in everything} == {"f4", "f5"}
    narrowed = []
    component = ShingleIndex.component

    def spy(self, seeds):  # type: ignore[no-untyped-def]
        narrowed.append(len(self.folded))
        return component(self, seeds)

    monkeypatch.setattr(ShingleIndex, "component", spy)
    for page in pages:
        expected = {f for f in everything if f[0] == page}
        assert drift([page]) == expected
        monkeypatch.setattr(boilerplate_drift, "NARROW_SHARE", 0.0)  # every pair, as before
        assert drift([page]) == expected
        monkeypatch.setattr(boilerplate_drift, "NARROW_SHARE", 0.25)
    assert len(narrowed) == len(texts)  # one page of ten: each run that paired, narrowed
