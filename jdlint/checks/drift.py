"""Near copies of paragraphs, found without comparing every paragraph with every other.

Identical texts are grouped first (a dict), so only distinct wordings are compared. Each
wording is indexed by its word 3-grams ("shingles"); two wordings become a candidate pair only
when they share enough shingles, and shingles shared by very many wordings (stock phrases) are
skipped. Only candidate pairs are compared word by word, which keeps the work close to linear in
the number of paragraphs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, combinations

from jdlint.checks.paragraphs import Paragraph, normalise

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
    groups: dict[tuple[str, frozenset[str]], list[Paragraph]] = defaultdict(list)
    for paragraph in paragraphs:
        groups[(paragraph.key, paragraph.link_texts)].append(paragraph)
    return [Wording(key, links, tuple(uses)) for (key, links), uses in groups.items()]


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
    """What a variant lost or changed, for messages: links first, then words."""
    out: list[str] = []
    kept = variant.link_texts
    variant_text = normalise(variant.inline.text)
    for link in canonical.links:
        text = normalise(link.text)
        covered = any(text in other or other in text for other in kept)
        if text and not covered and text in variant_text:
            out.append(f"lost its link to {link.target}")
    changes = word_changes(canonical.words, variant.words)
    if changes:
        out.append(
            "words changed: " + ", ".join(changes[:3]) + (" ..." if len(changes) > 3 else "")
        )
    return out


def word_changes(old: Sequence[str], new: Sequence[str]) -> list[str]:
    matcher = SequenceMatcher(
        None, [w.casefold() for w in old], [w.casefold() for w in new], autojunk=False
    )
    out = []
    codes = matcher.get_opcodes()
    for number, (op, a1, a2, b1, b2) in enumerate(codes):
        before, after = " ".join(old[a1:a2]), " ".join(new[b1:b2])
        at_edge = number in (0, len(codes) - 1) and len(codes) > 1
        size = max(a2 - a1, b2 - b1)
        if op in ("insert", "delete") and (size >= 8 or at_edge and size >= 4):
            continue  # a sentence added to (or cut from) the copy: adapted, not drifted
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
    changed = False
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changed = True
        before, after = old[a1:a2], new[b1:b2]
        if a1 == 0 or b1 == 0:
            return False  # the first word is capitalised because it starts the sentence
        generic = tuple(w.casefold() for w in before) in _GENERIC
        if generic and after:
            continue  # "this position" -> "the director positions": the slot, filled
        if not (_slot(before) or not before) or not (_slot(after) or not after):
            return False
    return changed


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
