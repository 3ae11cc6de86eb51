"""Near copies of paragraphs, found without comparing every paragraph with every other.

Identical texts are grouped first (a dict), so only distinct wordings are compared. Each
wording is indexed by its word 3-grams ("shingles"); two wordings become a candidate pair only
when they share enough shingles, and shingles shared by very many wordings (stock phrases) are
skipped. Only candidate pairs are compared word by word, which keeps the work close to linear in
the number of paragraphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

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
        return tuple(w.casefold() for w in self.uses[0].words)


def wordings(paragraphs: Sequence[Paragraph]) -> list[Wording]:
    groups: dict[tuple[str, frozenset[str]], list[Paragraph]] = defaultdict(list)
    for paragraph in paragraphs:
        groups[(paragraph.key, paragraph.link_texts)].append(paragraph)
    return [Wording(key, links, tuple(uses)) for (key, links), uses in groups.items()]


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def candidate_pairs(items: Sequence[Wording], threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) worth comparing: enough shared shingles for `threshold`."""
    shingles = [_shingles(w.folded) for w in items]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, found in enumerate(shingles):
        for shingle in found:
            postings[shingle].append(index)
    pairs: list[tuple[int, int]] = []
    for index, found in enumerate(shingles):
        shared: dict[int, int] = defaultdict(int)
        for shingle in found:
            posting = postings[shingle]
            if len(posting) > COMMON_SHINGLE:
                continue
            for other in posting:
                if other > index:
                    shared[other] += 1
        for other, count in shared.items():
            smaller = min(len(found), len(shingles[other])) or 1
            # Word edits change at most SHINGLE shingles each; demand a matching overlap.
            if count / smaller >= max(0.2, 1 - (1 - threshold) * SHINGLE * 2):
                pairs.append((index, other))
    return pairs


def _shingles(folded: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(folded) < SHINGLE:
        return {folded}
    return {folded[i : i + SHINGLE] for i in range(len(folded) - SHINGLE + 1)}


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
        out.append("words changed: " + ", ".join(changes[:3]) + (" ..." if len(changes) > 3 else ""))
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
