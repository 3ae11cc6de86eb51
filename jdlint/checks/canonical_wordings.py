"""The canonical wording of each boilerplate text, learned from the pages checked together (JD502).

Near-identical wordings form a cluster; its canonical wording is the one most uses share up to
immaterial word changes, used on enough pages, and a tie decides nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from jdlint.checks.copy_differences import same_in_substance
from jdlint.checks.near_copies import Wording
from jdlint.checks.paragraphs import Paragraph


def learned_wordings(
    items: list[Wording], similar: Mapping[int, list[int]], claimed: set[int], min_pages: int
) -> list[tuple[int, list[int], int]]:
    """Canonical wordings learned from the pages: one per cluster of near-identical wordings.

    Each cluster (wordings joined by similarity) is read as one boilerplate text written in
    several accepted wordings. Its canonical wording is the one that most uses share up to
    immaterial word changes (same links, numbers and sentences), not the single most frequent
    exact string; it must be used on `min_pages` pages, and a tie decides nothing.
    """
    out: list[tuple[int, list[int], int]] = []
    seen: set[int] = set(claimed)
    for start in range(len(items)):
        if start in seen:
            continue
        cluster = _cluster(start, items, similar, seen)
        seen.update(cluster)
        while len(cluster) > 1:
            found = _canonical(cluster, items, similar, min_pages)
            if found is None:
                break
            best, support = found
            # Copies are the canonical's own near copies not judged by an earlier canonical,
            # and never a wording used more often than the canonical's whole group.
            copies = [
                j for j in similar.get(best, ()) if j in cluster and len(items[j].uses) < support
            ]
            out.append((best, copies, support))
            cluster -= {best, *similar.get(best, ())}
    return out


def _cluster(
    start: int, items: list[Wording], similar: Mapping[int, list[int]], seen: set[int]
) -> set[int]:
    cluster, todo = {start}, [start]
    while todo:
        for other in similar.get(todo.pop(), ()):
            if other < len(items) and other not in seen and other not in cluster:
                cluster.add(other)
                todo.append(other)
    return cluster


def _canonical(
    cluster: set[int], items: list[Wording], similar: Mapping[int, list[int]], min_pages: int
) -> tuple[int, int] | None:
    """The wording of `cluster` with the most uses that match it materially, and that count."""

    known: dict[tuple[int, int], bool] = {}  # `same` is symmetric: each pair is asked twice

    def same(first: int, second: int) -> bool:
        pair = (min(first, second), max(first, second))
        if pair not in known:
            known[pair] = same_in_substance(items[first].uses[0], items[second].uses[0])
        return known[pair]

    support: dict[int, list[Paragraph]] = {}
    for position in sorted(cluster):
        group = [
            position,
            *(j for j in similar.get(position, ()) if j in cluster and same(position, j)),
        ]
        support[position] = [use for member in group for use in items[member].uses]
    ranked = sorted(support, key=lambda p: (-len(support[p]), p))
    best = ranked[0]
    uses = support[best]
    if len(uses) < 2 or len({use.document.path for use in uses}) < min_pages:
        return None
    if len(ranked) > 1 and len(support[ranked[1]]) == len(uses) and not same(best, ranked[1]):
        return None  # a tie between two different wordings decides nothing
    return best, len(uses)
