"""Near copies of paragraphs, found without comparing every paragraph with every other.

Identical texts are grouped first (a dict), so only distinct wordings are compared. Each
wording is indexed by its word 3-grams ("shingles"); two wordings become a candidate pair only
when they share enough shingles, and shingles shared by very many wordings (stock phrases) are
skipped. Only candidate pairs are compared word by word, which keeps the work close to linear in
the number of paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, combinations
from urllib.parse import quote

from jdlint.checks.paragraphs import Paragraph, normalise, words
from jdlint.document.marks import OPAQUE

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
        return tuple(map(str.casefold, self.uses[0].words))


def wordings(paragraphs: Sequence[Paragraph]) -> list[Wording]:
    """Paragraphs grouped by text, linked phrases and the pages they link to."""
    groups: dict[tuple[str, frozenset[str], frozenset[tuple[str, str]]], list[Paragraph]] = (
        defaultdict(list)
    )
    for paragraph in paragraphs:
        targets = frozenset(_page(link.target) for link in paragraph.links)
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
    shingles = [_shingles(words) for words in folded]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, found in enumerate(shingles):
        for shingle in found:
            postings[shingle].append(index)  # ascending: each posting lists i < j
    shared = Counter(
        chain.from_iterable(
            combinations(posting, 2)
            for posting in postings.values()
            # A shingle of one wording pairs nothing (most are); in more than COMMON_SHINGLE
            # it says nothing about copying.
            if 1 < len(posting) <= COMMON_SHINGLE
        )
    )
    # Word edits change at most SHINGLE shingles each; demand a matching overlap.
    needed = max(0.2, 1 - (1 - threshold) * SHINGLE * 2)
    sizes = [len(found) or 1 for found in shingles]
    return sorted(
        (i, j) for (i, j), count in shared.items() if count / min(sizes[i], sizes[j]) >= needed
    )


def _shingles(folded: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(folded) < SHINGLE:
        return {folded}
    return set(zip(*(folded[i:] for i in range(SHINGLE))))  # each run of SHINGLE words


def differences(canonical: Paragraph, variant: Paragraph) -> list[str]:
    """What a variant lost or changed that matters to a reader, for messages.

    A lost or retargeted link, a changed number, a sentence dropped or added. A word swapped
    between two accepted wordings ("Candidates" / "Applicants", "generally" added) is not drift.
    """
    out = link_changes(canonical, variant)
    out.extend(number_changes(canonical.words, variant.words))
    out.extend(sentence_changes(canonical.inline.text, variant.inline.text))
    return out


def link_changes(canonical: Paragraph, variant: Paragraph) -> list[str]:
    """Links of the canonical text whose text the variant keeps unlinked or links elsewhere."""
    out: list[str] = []
    kept = variant.link_texts
    variant_text = normalise(variant.inline.text)
    targets = {normalise(link.text): link.target for link in variant.links}
    for link in canonical.links:
        text = normalise(link.text)
        if not text:
            continue
        covered = any(text in other or other in text for other in kept)
        if not covered and text in variant_text:
            out.append(f"lost its link to {link.target}")
        elif text in targets and not same_area(link.target, targets[text]):
            out.append(f"its link to {link.target} points to {targets[text]}")
    return out


_TEMPLATED = re.compile(
    "|".join((r"\{\{|\{%|<%|%7B%7B|%7B%25|%3C%25", re.escape(OPAQUE), re.escape(quote(OPAQUE)))),
    re.IGNORECASE,
)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/]+", re.IGNORECASE)


def same_area(first: str, second: str) -> bool:
    """Two addresses in the same part of the site: a folder name in common below the root
    ("/handbook/hiring/#screening-call" and "/handbook/hiring/interviewing/"), or the same
    fragment. A copy whose link moved within a section of the handbook was updated, not broken;
    "/handbook/finance/travel/" -> "/handbook/hiring/" is a link pointing somewhere else."""
    if any(_TEMPLATED.search(t) for t in (first, second)):
        return True  # a Hugo `ref` or ERB helper computes the address: nothing to compare
    (_, first_fragment), (_, second_fragment) = _page(first), _page(second)
    if first_fragment and first_fragment == second_fragment:
        return True
    return bool(_folders(first) & _folders(second))


def _folders(target: str) -> set[str]:
    path = _HOST.sub("", target).partition("#")[0].split("?")[0]
    return {part.casefold() for part in path.split("/") if part} - _ROOTS


_ROOTS = frozenset({"handbook", "job-families", "en", "docs"})


def _page(target: str) -> tuple[str, str]:
    if _TEMPLATED.search(target):
        return ("", "")  # a Hugo `ref` or ERB helper computes the address: nothing to compare
    path, _, fragment = _HOST.sub("", target).partition("#")
    page = path.split("?")[0].rstrip("/").casefold().rsplit("/", 1)[-1]
    return page, fragment.casefold()


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def number_changes(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """Numbers written in one text and not the other ("30 minute" -> "45 minute")."""
    # One search per text: a number never spans the space between two words.
    before = Counter(_NUMBER.findall(" ".join(old)))
    after = Counter(_NUMBER.findall(" ".join(new)))
    lost, added = sorted((before - after).elements()), sorted((after - before).elements())
    if not lost and not added:
        return []
    if lost and added:
        return [f"number {', '.join(lost)} → {', '.join(added)}"]
    return [f"number {', '.join(lost or added)} {'removed' if lost else 'added'}"]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
SAME_SENTENCE = 0.6  # word similarity from which two sentences are one sentence, reworded
MIN_SENTENCE_WORDS = 3


_ABBREVIATION = re.compile(
    r"\b(?:Sr|Jr|Mr|Mrs|Ms|Dr|St|vs|etc|e\.g|i\.e|approx|incl|No|Inc|Ltd|Co)\.$|\b[A-Z]\.$"
)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (a full stop, ! or ? followed by a capital).

    "Sr. Manager" and "e.g. Widgets" do not end a sentence."""
    out: list[str] = []
    for part in _SENTENCE_END.split(" ".join(text.split())):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        elif part.strip():
            out.append(part.strip())
    return out


def sentence_changes(old_text: str, new_text: str) -> list[str]:
    """Sentences of one text with no reworded counterpart in the other: dropped or added."""
    old = [s for s in sentences(old_text) if len(words(s)) >= MIN_SENTENCE_WORDS]
    new = [s for s in sentences(new_text) if len(words(s)) >= MIN_SENTENCE_WORDS]
    old_words = [tuple(w.casefold() for w in words(s)) for s in old]
    new_words = [tuple(w.casefold() for w in words(s)) for s in new]
    out = [
        f'sentence "{_excerpt(sentence)}" dropped'
        for sentence, folded in zip(old, old_words)
        if not _has_counterpart(folded, new_words)
    ]
    out.extend(
        f'sentence "{_excerpt(sentence)}" added'
        for sentence, folded in zip(new, new_words)
        if not _has_counterpart(folded, old_words)
    )
    return out


def _has_counterpart(folded: tuple[str, ...], others: Sequence[tuple[str, ...]]) -> bool:
    joined = " ".join(folded)
    for other in others:
        if joined in " ".join(other) or " ".join(other) in joined and len(other) >= len(folded) / 2:
            return True
        if _reworded(folded, other):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _reworded(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """difflib's word ratio of `first` to `second` is at least SAME_SENTENCE.

    Remembered: a cluster compares each pair of its wordings both ways, so the same sentences
    meet again and again. Most pairs are rejected by `ratio_bound` without difflib.
    """
    if ratio_bound(first, second) < SAME_SENTENCE:
        return False
    return SequenceMatcher(None, first, second, autojunk=False).ratio() >= SAME_SENTENCE


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


def _excerpt(sentence: str, limit: int = 40) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def word_changes(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """The word edits between two texts ("'Candidates' → 'Applicants'"), for explanations."""
    matcher = SequenceMatcher(
        None, [w.casefold() for w in old], [w.casefold() for w in new], autojunk=False
    )
    out = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        before, after = " ".join(old[a1:a2]), " ".join(new[b1:b2])
        if op == "replace":
            out.append(f"'{before}' → '{after}'")
        elif op == "delete":
            out.append(f"'{before}' removed")
        elif op == "insert":
            out.append(f"'{after}' added")
    return out


def only_names_or_numbers(old: Sequence[str], new: Sequence[str]) -> bool:
    """True when every change swaps one title-cased name or number for another.

    "As with all roles, the Strategic Account Executive participates..." is a template with a
    slot for the role's name; filling the slot differently is not drift.
    """
    matcher = SequenceMatcher(
        None, [w.casefold() for w in old], [w.casefold() for w in new], autojunk=False
    )
    names = False
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before, after = old[a1:a2], new[b1:b2]
        if all(_NUMBER.fullmatch(w) for w in (*before, *after)):
            continue  # a number is a slot only next to a name: alone, it is a changed fact
        names = True
        if a1 == 0 or b1 == 0:
            return False  # the first word is capitalised because it starts the sentence
        generic = tuple(w.casefold() for w in before) in _GENERIC
        if generic and after:
            continue  # "this position" -> "the director positions": the slot, filled
        if not (_slot(before) or not before) or not (_slot(after) or not after):
            return False
    return names


_CONNECTORS = {"of", "and", "the", "for", "&", "-", "to", "in", "a", "an"}
_GENERIC = {("this", "position"), ("this", "role"), ("the", "position"), ("the", "role")}


def _slot(part: Sequence[str]) -> bool:
    if not part:
        return False
    if tuple(w.casefold() for w in part) in _GENERIC:
        return True  # "this position" is the generic filling of the role-name slot
    return all(w[:1].isupper() or w[:1].isdigit() or w in _CONNECTORS for w in part) and any(
        w[:1].isupper() or w[:1].isdigit() for w in part
    )
