"""What a near copy of a paragraph changed that matters to a reader: a link lost or moved away,
a number, a sentence dropped or added; and the changes that do not count (a word swapped
between accepted wordings, a name filled into the same sentence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from jdlint.checks.near_copies import ratio_bound
from jdlint.checks.paragraphs import Paragraph, folded_words, normalise, words
from jdlint.handbook.link_areas import same_area


def differences(canonical: Paragraph, variant: Paragraph) -> list[str]:
    """What a variant lost or changed that matters to a reader, for messages.

    A lost or retargeted link, a changed number, a sentence dropped or added. A word swapped
    between two accepted wordings ("Candidates" / "Applicants", "generally" added) is not drift.
    """
    out = link_changes(canonical, variant)
    out.extend(number_changes(canonical.words, variant.words))
    out.extend(sentence_changes(canonical.inline.text, variant.inline.text))
    return out


def same_in_substance(first: Paragraph, second: Paragraph) -> bool:
    """Neither paragraph changed what `differences` reports of the other: both
    `differences(first, second)` and `differences(second, first)` are empty. Numbers and
    sentences are compared both ways by each of those calls, so here they are compared once."""
    return (
        not link_changes(first, second)
        and not link_changes(second, first)
        and not number_changes(first.words, second.words)
        and not sentence_changes(first.inline.text, second.inline.text)
    )


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
    old, new = _compared_sentences(old_text), _compared_sentences(new_text)
    out = [
        f'sentence "{_excerpt(sentence.text)}" dropped'
        for sentence in old
        if not _has_counterpart(sentence, new)
    ]
    out.extend(
        f'sentence "{_excerpt(sentence.text)}" added'
        for sentence in new
        if not _has_counterpart(sentence, old)
    )
    return out


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    folded: tuple[str, ...]  # its words, case-folded
    joined: str  # the folded words, one space apart


@lru_cache(maxsize=1 << 14)
def _compared_sentences(text: str) -> tuple[_Sentence, ...]:
    """The sentences of a paragraph that are compared (`MIN_SENTENCE_WORDS` words or more).

    Remembered: a cluster of near copies compares each wording with many others."""
    out = []
    for sentence in sentences(text):
        found = words(sentence)
        if len(found) >= MIN_SENTENCE_WORDS:
            folded = folded_words(found)
            out.append(_Sentence(sentence, folded, " ".join(folded)))
    return tuple(out)


def _has_counterpart(sentence: _Sentence, others: Sequence[_Sentence]) -> bool:
    joined, folded = sentence.joined, sentence.folded
    for other in others:
        if joined in other.joined or (
            other.joined in joined and len(other.folded) >= len(folded) / 2
        ):
            return True
        if _reworded(folded, other.folded):
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
