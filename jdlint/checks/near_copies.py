"""Near copies of paragraphs, found without comparing every paragraph with every other.

Identical texts are grouped first (a dict), so only distinct wordings are compared. Each
wording is indexed by its word 3-grams ("shingles"); two wordings become a candidate pair only
when they share enough shingles, and shingles shared by very many wordings (stock phrases) are
skipped. Only candidate pairs are compared word by word, which keeps the work close to linear in
the number of paragraphs. A run that reports on a few pages only needs the near copies of their
wordings, and of those in turn (`ShingleIndex.component`): the same pairs, found from them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, combinations

from jdlint.checks.paragraphs import Paragraph, folded_words
from jdlint.handbook.link_areas import page_and_fragment

SHINGLE = 3
COMMON_SHINGLE = 40  # a shingle in more wordings than this says nothing about copying


@dataclass(frozen=True)
class Wording:
    """One distinct wording (text and linked phrases) and every place it is used."""

    key: str
    link_texts: frozenset[str]
    uses: tuple[Paragraph, ...]

    @property
    def folded(self) -> tuple[str, ...]:
        return folded_words(self.uses[0].words)


def wordings(paragraphs: Sequence[Paragraph]) -> list[Wording]:
    """Paragraphs grouped by text, linked phrases and the pages they link to."""
    groups: dict[tuple[str, frozenset[str], frozenset[tuple[str, str]]], list[Paragraph]] = (
        defaultdict(list)
    )
    for paragraph in paragraphs:
        targets = frozenset(page_and_fragment(link.target) for link in paragraph.links)
        groups[(paragraph.key, paragraph.link_texts, targets)].append(paragraph)
    return [Wording(key, links, tuple(uses)) for (key, links, _), uses in groups.items()]


def similar_pairs(
    folded: Sequence[tuple[str, ...]], pairs: Iterable[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """The pairs (i, j) whose word-level similarity (difflib's ratio of i to j) is at least
    `threshold`. difflib's cheap upper bounds reject most candidates before the exact ratio,
    and each j's index of words is built once for all of its pairs."""
    by_second: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        by_second[j].append(i)
    out: list[tuple[int, int]] = []
    for j, firsts in by_second.items():
        matcher = SequenceMatcher(None, (), folded[j], autojunk=False)
        for i in firsts:
            matcher.set_seq1(folded[i])
            if (
                matcher.real_quick_ratio() >= threshold
                and matcher.quick_ratio() >= threshold
                and ratio_bound(folded[i], folded[j]) >= threshold
                and matcher.ratio() >= threshold
            ):
                out.append((i, j))
    return sorted(out)


def candidate_pairs(folded: Sequence[tuple[str, ...]], threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) worth comparing: enough shared shingles for `threshold`."""
    index = ShingleIndex(folded, threshold)
    shared = Counter(
        chain.from_iterable(
            combinations(posting, 2)  # ascending: each posting lists i < j
            for posting in index.postings.values()
            if _informative(len(posting))
        )
    )
    needed, sizes = index.needed, index.sizes
    return sorted(
        (i, j) for (i, j), count in shared.items() if count / min(sizes[i], sizes[j]) >= needed
    )


def _informative(wordings_with_it: int) -> bool:
    """Whether a shingle in this many wordings pairs them: one in a single wording pairs
    nothing (most are), one in more than COMMON_SHINGLE says nothing about copying."""
    return 1 < wordings_with_it <= COMMON_SHINGLE


def _overlap_needed(threshold: float) -> float:
    """The share of the smaller wording's shingles a candidate pair must share: word edits
    change at most SHINGLE shingles each."""
    return max(0.2, 1 - (1 - threshold) * SHINGLE * 2)


class ShingleIndex:
    """The wordings' shingles and, per shingle, the wordings it is in: the near copies of some
    wordings without pairing all of them (a run that reports on a few pages, `component`).
    Gives the pairs `candidate_pairs` and `similar_pairs` give, of the wordings it reaches."""

    def __init__(self, folded: Sequence[tuple[str, ...]], threshold: float) -> None:
        self.folded = folded
        self.threshold = threshold
        self.shingles = [_shingles(words) for words in folded]
        self.postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for index, found in enumerate(self.shingles):
            for shingle in found:
                self.postings[shingle].append(index)
        self.sizes = [len(found) or 1 for found in self.shingles]
        self.needed = _overlap_needed(threshold)

    def component(self, seeds: Iterable[int]) -> tuple[set[int], list[tuple[int, int]]]:
        """The wordings joined to `seeds` by similar pairs, and every similar pair among them
        (sorted, as `similar_pairs` gives them)."""
        reached = set(seeds)
        todo = sorted(reached)
        edges: list[tuple[int, int]] = []
        while todo:
            pairs = sorted({pair for i in todo for pair in self._candidates(i)})
            todo = []
            for i, j in similar_pairs(self.folded, pairs, self.threshold):
                edges.append((i, j))
                for end in (i, j):
                    if end not in reached:
                        reached.add(end)
                        todo.append(end)
        return reached, sorted(set(edges))

    def _candidates(self, i: int) -> Iterator[tuple[int, int]]:
        """The candidate pairs of wording `i`, as `candidate_pairs` counts them."""
        shared: Counter[int] = Counter()
        for shingle in self.shingles[i]:
            posting = self.postings[shingle]
            if _informative(len(posting)):
                shared.update(posting)
        del shared[i]
        for j, count in shared.items():
            if count / min(self.sizes[i], self.sizes[j]) >= self.needed:
                yield (i, j) if i < j else (j, i)


def _shingles(folded: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(folded) < SHINGLE:
        return {folded}
    return set(zip(*(folded[i:] for i in range(SHINGLE))))  # each run of SHINGLE words


def ratio_bound(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """An upper bound of difflib's `SequenceMatcher(None, first, second).ratio()`, exactly.

    difflib counts the items of matching blocks it finds greedily, which form a common
    subsequence; the longest common subsequence (rapidfuzz's Indel distance, in C) can only be
    as long or longer. Computed with difflib's own formula, so equal counts give equal floats.
    """
    from rapidfuzz.distance import Indel  # imported when first needed, not at start-up

    total = len(first) + len(second)
    if not total:
        return 1.0
    longest = (total - Indel.distance(first, second)) // 2
    return 2.0 * longest / total
