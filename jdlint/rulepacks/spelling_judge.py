"""The verdicts of the spelling kind: per word, once per run.

`Judge` decides whether a word is misspelt from the dictionaries, the pack's lists and the
vocabulary learned from the pages checked together (`Vocabulary`); `spelling.Spelling` finds
the words and reports them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import jdlint.rulepacks.dictionaries as dictionaries
from jdlint.rulepacks.word_forms import (
    COMMON,
    FUNCTION_WORDS,
    MAX_WORD_LENGTH,
    NAME_LENGTH,
    base_of,
    cased,
    misbuilt,
    plausible,
    slip,
    spellings,
    stems,
)

if TYPE_CHECKING:
    from jdlint.rulepacks.spelling import Spelling


@dataclass(frozen=True)
class Vocabulary:
    """The handbook's own words, counted while the pages are read (see `spelling.Spelling.check`)."""

    pages: Counter[str]  # on how many pages a (lower-case) word is used
    uses: Counter[str]
    # Words the dictionaries do not settle that are written in lower case somewhere: a
    # capitalised word never written so is more likely a name than a slip.
    lower: set[str] = field(default_factory=set)


class Judge:
    """Decides once per word; holds the per-run caches (never shared between runs)."""

    def __init__(
        self, rule: Spelling, vocabulary: Vocabulary, settled: dict[str, bool] | None = None
    ) -> None:
        self.rule = rule
        self.vocabulary = vocabulary
        self.cache: dict[str, tuple[str, str] | None] = {}
        self.fine: dict[str, bool] = {}  # `settled`, per word
        # `settled`, per word as written (`remember`): no vocabulary decides it, so the rule's
        # judges share one (`Spelling.judge`), which the cache keeps between runs.
        self.settled_words: dict[str, bool] = {} if settled is None else settled
        self._index: dictionaries.NearIndex | None = None
        self._slips: dict[str, str] | None = None
        self._near: dict[str, bool] = {}

    # The word lists, loaded on first need (`dictionaries`: once per process): a run whose
    # words are all settled already (`settled_words` given from the cache) never reads them.
    @cached_property
    def english(self) -> Mapping[str, int]:
        return dictionaries.english()

    @cached_property
    def codespell(self) -> Mapping[str, tuple[str, ...]]:
        return dictionaries.codespell()

    @cached_property
    def british(self) -> frozenset[str]:
        return dictionaries.british()

    def verdict(self, word: str) -> tuple[str, str] | None:
        key = word if word[:1].isupper() else word.lower()
        if key not in self.cache:
            self.cache[key] = self._decide(word)
        return self.cache[key]

    def recall(self, word: str, verdict: tuple[str, str] | None) -> None:
        """Take `verdict` as this judge's for `word`: decided before, from what this judge's
        vocabulary holds the same (`spelling_state.rejudged`)."""
        self.cache.setdefault(word if word[:1].isupper() else word.lower(), verdict)

    def remember(self, word: str) -> bool:
        """`settled`, kept in `settled_words` under the word as written: the check's loop
        then asks a plain dict, not this method, for every later use of the same spelling."""
        found = self.settled_words[word] = self.settled(word)
        return found

    def settled(self, word: str) -> bool:
        """The word is fine whatever the handbook's vocabulary: `verdict` will say None."""
        key = word if word[:1].isupper() else word.lower()
        if key not in self.fine:
            base = base_of(word)
            self.fine[key] = (
                self._listed(word, base) is None
                and base not in self.name_slips
                and (
                    self._plainly_fine(word, base)
                    or (base not in self.codespell and self._known(base))
                )
            )
        return self.fine[key]

    def excused(
        self, word: str, verdict: tuple[str, str], mid: bool, title: frozenset[str]
    ) -> bool:
        """A dictionary verdict that the word's place on its page overrules.

        - A capitalised word in mid-sentence ("report to Ines") that the pages never write in
          lower case, whose correction starts with another letter ("lines"), is a name: slips
          keep the first letter (see `word_forms.slip`). Title-case slips ("Board Memers",
          "Cusomer Success") keep it and stay reported.
        - A word of the page's own job title ("Barista") is the page's subject, unless it is
          one edit from a common word (a typo in the title is still a typo).

        Lists (`corrections`, `names`) are never overruled: they are reviewed slips.
        """
        suggestion, source = verdict
        if source not in ("codespell", "dictionary"):
            return False
        key = base_of(word)
        if (
            mid
            and word[:1].isupper()
            and word[1:].islower()
            and suggestion[:1].lower() != key[:1]
            and word.lower() not in self.vocabulary.lower
        ):
            return True
        return key in title and source == "dictionary" and not self.near_common(key)

    def near_common(self, key: str) -> bool:
        """One edit from a common English word (cached: asked once per word)."""
        if key not in self._near:
            self._near[key] = any(
                self.english.get(w, 0) >= COMMON for w in dictionaries.edits1(key)
            )
        return self._near[key]

    def _listed(self, word: str, base: str) -> str | None:
        """The correction of a short lower-case slip: the pack's list, then codespell's
        three-letter entries ("abd" -> "and"), which the minimum length would let through."""
        if not word.islower() or base in self.rule.accept:
            return None
        if base in self.rule.corrections:
            return self.rule.corrections[base]
        if len(base) == 3 and base in self.codespell and base not in self.english:
            fix = self.codespell[base][0]
            return fix if fix in FUNCTION_WORDS else None
        return None

    @property
    def name_slips(self) -> Mapping[str, str]:
        """Strings one edit from a listed name that are no word of their own -> the name.

        Only names that are not English words ("GitLab", not "Outreach") and have five letters
        or more; a plural or possessive of the name is the name.
        """
        if self._slips is None:
            slips: dict[str, str] = {}
            bases = {name.casefold() for name in self.rule.names}
            for name in sorted(self.rule.names):
                base = name.casefold()
                if len(base) < 5 or base in self.english or not base.isalpha():
                    continue
                for near in dictionaries.edits1(base):
                    if near in bases or near in self.english or near in self.rule.accept:
                        continue
                    if near in (base + "s", base + "'s") or near + "s" == base:
                        continue
                    slips.setdefault(near, name)
            self._slips = slips
        return self._slips

    def _plainly_fine(self, word: str, base: str) -> bool:
        if len(base) < self.rule.min_length or base in self.rule.accept or base in self.british:
            return True
        if len(base) > MAX_WORD_LENGTH:
            return True  # not a word; its edits would fill the memory (n * 54 strings of n)
        return word.isupper() or any(c.isupper() for c in word[1:])  # CRO, GitLab

    def _decide(self, word: str) -> tuple[str, str] | None:
        base = base_of(word)
        listed = self._listed(word, base)
        if listed is not None:
            return listed, "list"
        if base in self.name_slips and self.vocabulary.pages[base] < self.rule.widely:
            return self.name_slips[base], "names"
        if self._plainly_fine(word, base):
            return None
        if base in self.codespell:
            return cased(word, self.codespell[base][0]), "codespell"
        if self._known(base):
            return None
        near = {w for w in dictionaries.edits1(base) if self.english.get(w, 0) >= COMMON}
        # A short capitalised word near a common one is often a name ("Watir", "Xactly"); a
        # long one is a slip of that word ("Responsibilties") however often it was copied.
        strict = bool(near) and (word.islower() or len(base) >= NAME_LENGTH)
        if self._learned(base, strict):
            return None
        if not near and plausible(base, self.english):
            return None  # a compound or derivation of known words, not a slip
        candidates = self._candidates(base)
        candidates = self._misbuilt(base) or candidates  # "enginer": "engineer", not "engine"
        if candidates:
            # Prefer the handbook's own words: "serives" -> "services", not "series".
            candidates |= {w for w in self.index.near(base) if slip(base, w)}
        if word[:1].isupper():
            # A capitalised unknown word is often a name (Splunk, Okta). Report it only when it
            # is not short and the word it resembles is used in the pages ("Cusomter" next to
            # "Customer").
            candidates = {c for c in candidates if self.vocabulary.uses[c] and len(base) >= 5}
        if not candidates:
            return None  # far from every known word: a name or a term, not a slip
        best = max(
            candidates,
            key=lambda c: (
                self.vocabulary.uses[c] > 0,
                -dictionaries.distance(base, c),
                self.english.get(c, 0),
            ),
        )
        return cased(word, best), "dictionary"

    def _known(self, base: str) -> bool:
        """A dictionary word, a British spelling of one, or an inflection of one that is not
        a slip of another word (see `_misbuilt`)."""
        if base in self.english or any(form in self.english for form in spellings(base)):
            return True
        return any(form in self.english for form in stems(base)) and not self._misbuilt(base)

    def _misbuilt(self, base: str) -> set[str]:
        """The common words one edit away that an inflection the dictionary does not list is
        a slip of: "enginer" is "engineer", not engine + "-r" (`word_forms.misbuilt`)."""
        found = {form for form in stems(base) if form in self.english}
        near = {w for w in dictionaries.edits1(base) if self.english.get(w, 0) >= COMMON}
        near -= found | {f + "s" for f in found}
        return {w for w in near if any(misbuilt(base, f, w) for f in found)}

    def _learned(self, base: str, near_common: bool) -> bool:
        """Handbook vocabulary: used on enough pages, or often. A typo copied onto two pages
        is still a typo, and one edit from a common word it must be widespread."""
        pages = self.vocabulary.pages[base]
        if near_common:
            return pages >= self.rule.widely
        return pages >= self.rule.min_pages or self.vocabulary.uses[base] >= self.rule.min_uses

    def _candidates(self, base: str) -> set[str]:
        near = {w for w in dictionaries.edits1(base) if w in self.english}
        if near:
            return near
        return {w for w in self.index.near(base) if slip(base, w)}

    @property
    def index(self) -> dictionaries.NearIndex:
        """Correct words used in the pages, for two-edit lookups (built on first need)."""
        if self._index is None:
            words = (w for w in self.vocabulary.uses if w in self.english and len(w) > 3)
            self._index = dictionaries.NearIndex(words)
        return self._index
