"""The spelling rules' part of the handbook state: what lets one edit re-judge one page.

A spelling rule's findings on a page are decided by the page's own runs and titles and by the
verdicts of its *suspects* (the words the dictionaries alone do not settle, `Spelling.judge_pages`);
a verdict is decided by the handbook's vocabulary. So the state keeps the vocabulary's counts,
each page's suspects and findings, and each suspect's verdict as last decided. After an edit the
counts are updated by the edited pages' own counts (old ones out, new ones in), the suspects
whose verdict reads a count the edits moved are judged again against the new vocabulary
(`_unsure`; the others keep theirs), and only the edited pages and the pages holding a suspect
whose verdict changed are judged again: their findings are exactly a full run's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest
from jdlint.rulepacks.dictionaries import distance
from jdlint.rulepacks.spelling import Spelling
from jdlint.rulepacks.spelling_judge import Judge, Vocabulary
from jdlint.rulepacks.word_forms import base_of
from jdlint.rules import Context


@dataclass(frozen=True)
class SpellingState:
    """One spelling rule's vocabulary, suspects, verdicts and findings (checked pages only)."""

    uses: Mapping[str, int]
    pages: Mapping[str, int]
    lower: Mapping[str, int]  # on how many pages each `Vocabulary.lower` word is
    verdicts: Mapping[str, str]  # suspect -> `_verdict_code`
    suspects: Mapping[str, tuple[str, ...]]  # page path -> its suspects (pages with any)
    findings: Mapping[str, tuple[Finding, ...]]  # page path -> its findings (pages with any)


def judged(
    rule: Spelling, digests: Iterable[PageDigest], checked: set[str], ctx: Context
) -> SpellingState:
    """A full run of `rule` over the handbook's digests, as state."""
    digests = list(digests)
    vocabulary = rule.learn(digests)
    lower: Counter[str] = Counter()
    for document in digests:
        lower.update(_contribution(rule, document)[2])
    judge = rule.judge(vocabulary)
    pages = rule.judge_pages(vocabulary, (d for d in digests if d.path in checked), ctx, judge)
    findings: dict[str, tuple[Finding, ...]] = {}
    suspects: dict[str, tuple[str, ...]] = {}
    for document, found, words in pages:
        _keep(findings, document.path, tuple(found))
        _keep(suspects, document.path, words)
    verdicts = _verdicts(judge, (w for words in suspects.values() for w in words))
    return SpellingState(vocabulary.uses, vocabulary.pages, lower, verdicts, suspects, findings)


def rejudged(
    rule: Spelling,
    state: SpellingState,
    edits: Mapping[str, tuple[PageDigest | None, PageDigest | None]],
    checked: set[str],
    ctx: Context,
    digests_of: Callable[[list[str]], Mapping[str, PageDigest]],
) -> SpellingState:
    """`state` after the pages of `edits` (path -> old digest or None for a page added, new
    digest or None for a page deleted) changed: the vocabulary updated by their counts, and
    the pages whose findings can differ judged again (`digests_of` gives the digests, with
    runs, of the unchanged ones among them). `checked`: the pages checked now (a page
    checked then and context now, or the other way round, is among the edits)."""
    uses, pages, lower = Counter(state.uses), Counter(state.pages), Counter(state.lower)
    bases: set[str] = set()  # the words whose counts the edits may have moved
    lows: set[str] = set()
    for digest, sign in ((d, n) for pair in edits.values() for d, n in zip(pair, (-1, 1))):
        if digest is not None:
            contribution = _contribution(rule, digest)
            _count(contribution, uses, pages, lower, sign)
            bases.update(contribution[0])
            lows.update(contribution[2])
    vocabulary = Vocabulary(pages, uses, {word for word, count in lower.items() if count > 0})
    judge = rule.judge(vocabulary)
    stale = _unsure(state, (uses, pages, lower), bases, lows)
    verdicts = {
        word: _verdict_code(judge, word) if word in stale else code
        for word, code in state.verdicts.items()
    }
    for word, code in verdicts.items():  # what the pages judged again ask of the others
        if word not in stale:
            judge.recall(word, _from_code(code))
    moved = {word for word, code in verdicts.items() if state.verdicts[word] != code}
    # Only checked pages have findings: a page deleted, or checked no more, has none now.
    findings = {path: found for path, found in state.findings.items() if path in checked}
    suspects = {path: words for path, words in state.suspects.items() if path in checked}
    again = {path for path in edits if path in checked}
    again |= {path for path, words in suspects.items() if moved.intersection(words)}
    loaded = dict(digests_of(sorted(again - set(edits))))
    loaded.update((path, new) for path, (_old, new) in edits.items() if new and path in again)
    for document, found, words in rule.judge_pages(
        vocabulary, (loaded[path] for path in sorted(again)), ctx, judge
    ):
        _keep(findings, document.path, tuple(found))
        _keep(suspects, document.path, words)
    fresh = (w for p in again for w in suspects.get(p, ()) if w not in verdicts)
    verdicts.update(_verdicts(judge, fresh))
    return SpellingState(uses, pages, lower, verdicts, suspects, findings)


def _unsure(
    state: SpellingState,
    now: tuple[Mapping[str, int], Mapping[str, int], Mapping[str, int]],
    bases: set[str],
    lows: set[str],
) -> set[str]:
    """The suspects whose verdict the edits may have changed; every other one's is the same.

    A verdict (`Judge._decide`) reads of the vocabulary only the counts of the word's own base
    and whether words at most two edits from it are used at all (its candidates, the index of
    the handbook's words); its code adds whether the word is written in lower case somewhere
    (`_verdict_code`). So only a suspect whose base's counts moved, near which a word came
    into use or went out of it, or whose lower-case use came or went, is decided again: an
    edit that brings no new word needs no dictionary (a commit in a large handbook).
    """
    uses, pages, lower = now  # the counts after the edits (a word no page uses is not in them)
    moved = {
        b for b in bases if (state.uses.get(b), state.pages.get(b)) != (uses.get(b), pages.get(b))
    }
    appeared = [b for b in moved if (b in state.uses) != (b in uses)]
    flipped = {w for w in lows if (w in state.lower) != (w in lower)}
    unsure: set[str] = set()
    for word in state.verdicts:
        base = base_of(word)
        if (
            base in moved
            or word.lower() in flipped
            or any(abs(len(b) - len(base)) <= 2 and distance(base, b) <= 2 for b in appeared)
        ):
            unsure.add(word)
    return unsure


def _from_code(code: str) -> tuple[str, str] | None:
    """The verdict a `_verdict_code` was made from."""
    parts = code.split("\0")
    return (parts[1], parts[2]) if len(parts) == 3 else None


def _keep(table: dict[str, tuple[Any, ...]], path: str, value: tuple[Any, ...]) -> None:
    """A page's entry; none for a page with nothing (most pages: the state stays small)."""
    if value:
        table[path] = value
    else:
        table.pop(path, None)


def _contribution(
    rule: Spelling, digest: PageDigest
) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    """What a page adds to the vocabulary, read as `Spelling.learn` reads it."""
    return digest.vocabulary.get(rule.vocabulary_key) or rule.page_vocabulary(digest.runs)


def _count(
    contribution: tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]],
    uses: Counter[str],
    pages: Counter[str],
    lower: Counter[str],
    sign: int,
) -> None:
    bases, counts, lows = contribution
    for base, count in zip(bases, counts):
        _add(uses, base, sign * count)
        _add(pages, base, sign)
    for word in lows:
        _add(lower, word, sign)


def _add(counter: Counter[str], word: str, amount: int) -> None:
    """A count moved; a word no page uses any more leaves the counter (`in` is asked of it)."""
    total = counter[word] + amount
    if total > 0:
        counter[word] = total
    else:
        counter.pop(word, None)


def _verdicts(judge: Judge, words: Iterable[str]) -> dict[str, str]:
    return {word: _verdict_code(judge, word) for word in words}


def _verdict_code(judge: Judge, word: str) -> str:
    """All a page's findings read of the vocabulary about one suspect: its verdict, and
    whether a page writes it in lower case (`Judge.excused`)."""
    verdict = judge.verdict(word)
    low = "1" if word.lower() in judge.vocabulary.lower else "0"
    return low if verdict is None else f"{low}\0{verdict[0]}\0{verdict[1]}"
