"""`spelling`: misspellings from curated dictionaries, minus the handbook's own vocabulary.

codespell's list catches common misspellings exactly, but misses typos nobody listed
("funcitonal"). A dictionary check catches those, and would flag every product name and
acronym too. So a word unknown to the dictionary is reported only when (a) it is one or two
edits from a known word, (b) it is not part of the vocabulary learned from the pages checked
together (a word used on several pages is jargon, not a slip), and (c) it is not listed in the
pack's `accept` list. This is a handbook-scope rule: the vocabulary needs all the pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

import regex

import jdlint.rulepacks.dictionaries as dictionaries
from jdlint.document.marks import MASK
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest, Vocabulary
from jdlint.handbook.digest import Run as DigestRun
from jdlint.handbook.index import HandbookIndex
from jdlint.model import Inline
from jdlint.rulepacks.common import Common
from jdlint.rulepacks.patterns import Origin
from jdlint.rules import Context

PLACEHOLDERS = ("match", "suggestion", "source")
#: Longer runs of letters are not words (the longest in the dictionaries has 45 letters).
MAX_WORD_LENGTH = 45
DEFAULT_MESSAGE = '"{match}" looks misspelled (did you mean "{suggestion}"?)'
# Words: letters with inner apostrophes; not glued to paths, domains, e-mails, code or digits.
_WORD = regex.compile(
    r"(?<![\w/@#\\.\u2019'"
    + MASK
    + r"])[A-Za-z]+(?:['\u2019][A-Za-z]+)*(?![\w/@\\"
    + MASK
    + r"]|\.\w)"
)
# The same words, each with the hyphen that follows it if any (for PREFIXES), for `findall`.
_WORD_NEXT = regex.compile("(" + _WORD.pattern + r")(?=(-?))")


# Prefixes written with a hyphen ("multi-year", "non-technical") are not words on their own.
PREFIXES = frozenset(
    [
        "multi",
        "non",
        "pre",
        "post",
        "co",
        "cross",
        "self",
        "re",
        "sub",
        "anti",
        "inter",
        "intra",
        "semi",
        "mid",
        "over",
        "under",
        "bi",
        "tri",
        "quasi",
        "pseudo",
        "micro",
        "macro",
        "mega",
        "ultra",
        "hyper",
        "cyber",
        "de",
        "un",
        "e",
    ]
)


@dataclass(frozen=True)
class Spelling:
    common: Common
    accept: frozenset[str]
    min_pages: int
    min_uses: int
    min_length: int
    # Product and company names as written ("GitLab", "Vimeo"): accepted, and a word one edit
    # from one of them ("GtiLab", "Gtilab") is its misspelling.
    names: frozenset[str] = frozenset()
    # Short slips no dictionary lists, lower case only ("amd" -> "and"; "AMD" is a company).
    corrections: Mapping[str, str] = field(default_factory=dict)
    # A word one edit from a common English word is learned only when this many pages use it.
    widely: int = 10

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> Spelling:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        names = frozenset(str(w) for w in spec.get("names", ()))
        accept = frozenset(str(w).casefold() for w in (*spec.get("accept", ()), *names))
        learn = spec.get("learn", {})
        corrections = {str(k).casefold(): str(v) for k, v in spec.get("corrections", {}).items()}
        return cls(
            common,
            accept,
            int(learn.get("min-pages", 3)),
            int(learn.get("min-uses", 6)),
            int(spec.get("min-length", 4)),
            names,
            corrections,
            int(learn.get("near-word-min-pages", 10)),
        )

    scope: ClassVar[str] = "handbook"
    fixable: ClassVar[bool] = False

    def check(self, index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
        # One pass learns the handbook's vocabulary and keeps only the runs holding a word
        # the dictionaries alone do not settle: holding every page's words at once cost
        # 10% of a 10,000-page run's memory.
        vocabulary = _Vocabulary(Counter(), Counter())
        judge = _Judge(self, vocabulary)
        suspects: list[tuple[PageDigest, Inline, tuple[str, ...]]] = []
        key = self.vocabulary_key
        for document in index.digests:
            # What each page adds to the vocabulary is in its digest (context pages have no
            # runs); the words of the checked pages are judged from their runs.
            bases, counts = document.vocabulary.get(key) or self.page_vocabulary(document.runs)
            vocabulary.uses.update(dict(zip(bases, counts)))
            vocabulary.pages.update(bases)
            if not index.is_checked(document):
                continue
            for inline, words, _bases in self._words(document.runs):
                if not all(judge.settled(word) for word in words):
                    suspects.append((document, inline, words))
        for document, inline, words in suspects:
            if not any(judge.verdict(word) for word in words):
                continue
            # Spans are needed for findings only: find the words again, in the same order.
            for match, word in zip(self._matches(inline), words):
                verdict = judge.verdict(word)
                if verdict is None:
                    continue
                suggestion, source = verdict
                found = match.group()
                yield ctx.finding(
                    inline.span(*match.span()),
                    self.common.say(match=found, suggestion=suggestion, source=source),
                    subject=found,
                    document=document,
                )

    @property
    def vocabulary_key(self) -> str:
        """This rule's entry in a page digest's `vocabulary` (its pack file and rule name)."""
        return f"{self.common.origin.path}#{self.common.origin.rule}"

    def page_vocabulary(self, runs: tuple[DigestRun, ...]) -> Vocabulary:
        """The bases of the words this rule reads in a page's runs, in first-use order, and
        how often each is used: what the page adds to the handbook's vocabulary."""
        counts: Counter[str] = Counter()
        for _inline, _words, bases in self._words(runs):
            counts.update(bases)
        return tuple(counts), tuple(counts.values())

    def _words(self, runs: tuple[DigestRun, ...]) -> list[_Run]:
        """The words checked in a page's runs (those in the pack's scopes) and their bases."""
        out = []
        scopes = self.common.scopes
        for inline in (inline for inline, kind in runs if kind in scopes):
            if self.common.exceptions:
                words = tuple(m.group() for m in self._matches(inline))
                bases = tuple(map(_base, words))
            else:
                words, bases = _scan(inline.masked)
            if words:
                out.append((inline, words, bases))
        return out

    def _matches(self, inline: Inline) -> Iterator[regex.Match[str]]:
        """The words of `_words` as matches, for their spans."""
        text = inline.masked
        for match in _WORD.finditer(text):
            if text[match.end() : match.end() + 1] == "-" and match.group().lower() in PREFIXES:
                continue
            if not self.common.skip(text, *match.span()):
                yield match


#: An inline run with the words checked in it and their bases.
_Run = tuple[Inline, tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=1 << 14)  # a pure memo: boilerplate repeats on every page
def _scan(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a masked text (one C-level pass) that `Spelling._matches` finds, and
    their bases."""
    words = tuple(
        word
        for word, hyphen in _WORD_NEXT.findall(text)
        if not (hyphen and word.lower() in PREFIXES)
    )
    return words, tuple(map(_base, words))


@dataclass(frozen=True)
class _Vocabulary:
    """The handbook's own words, counted while the pages are read (see `Spelling.check`)."""

    pages: Counter[str]  # on how many pages a (lower-case) word is used
    uses: Counter[str]


class _Judge:
    """Decides once per word; holds the per-run caches (never shared between runs)."""

    def __init__(self, rule: Spelling, vocabulary: _Vocabulary) -> None:
        self.rule = rule
        self.vocabulary = vocabulary
        self.english = dictionaries.english()
        self.codespell = dictionaries.codespell()
        self.british = dictionaries.british()
        self.cache: dict[str, tuple[str, str] | None] = {}
        self.fine: dict[str, bool] = {}  # `settled`, per word
        self._index: dictionaries.NearIndex | None = None
        self._slips: dict[str, str] | None = None

    def verdict(self, word: str) -> tuple[str, str] | None:
        key = word if word[:1].isupper() else word.lower()
        if key not in self.cache:
            self.cache[key] = self._decide(word)
        return self.cache[key]

    def settled(self, word: str) -> bool:
        """The word is fine whatever the handbook's vocabulary: `verdict` will say None."""
        key = word if word[:1].isupper() else word.lower()
        if key not in self.fine:
            base = _base(word)
            self.fine[key] = (
                self._listed(word, base) is None
                and base not in self.name_slips
                and (
                    self._plainly_fine(word, base)
                    or (base not in self.codespell and self._known(base))
                )
            )
        return self.fine[key]

    def _listed(self, word: str, base: str) -> str | None:
        """The correction of a short lower-case slip: the pack's list, then codespell's
        three-letter entries ("abd" -> "and"), which the minimum length would let through."""
        if not word.islower() or base in self.rule.accept:
            return None
        if base in self.rule.corrections:
            return self.rule.corrections[base]
        if len(base) == 3 and base in self.codespell and base not in self.english:
            fix = self.codespell[base][0]
            return fix if fix in _FUNCTION_WORDS else None
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
        base = _base(word)
        listed = self._listed(word, base)
        if listed is not None:
            return listed, "list"
        if base in self.name_slips and self.vocabulary.pages[base] < self.rule.widely:
            return self.name_slips[base], "names"
        if self._plainly_fine(word, base):
            return None
        if base in self.codespell:
            return _cased(word, self.codespell[base][0]), "codespell"
        if self._known(base):
            return None
        near = {w for w in dictionaries.edits1(base) if self.english.get(w, 0) >= COMMON}
        # A short capitalised word near a common one is often a name ("Watir", "Xactly"); a
        # long one is a slip of that word ("Responsibilties") however often it was copied.
        strict = bool(near) and (word.islower() or len(base) >= NAME_LENGTH)
        if self._learned(base, strict):
            return None
        if not near and _plausible(base, self.english):
            return None  # a compound or derivation of known words, not a slip
        candidates = self._candidates(base)
        if candidates:
            # Prefer the handbook's own words: "serives" -> "services", not "series".
            candidates |= {w for w in self.index.near(base) if _slip(base, w)}
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
        return _cased(word, best), "dictionary"

    def _known(self, base: str) -> bool:
        return any(form in self.english for form in _forms(base))

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
        return {w for w in self.index.near(base) if _slip(base, w)}

    @property
    def index(self) -> dictionaries.NearIndex:
        """Correct words used in the pages, for two-edit lookups (built on first need)."""
        if self._index is None:
            words = (w for w in self.vocabulary.uses if w in self.english and len(w) > 3)
            self._index = dictionaries.NearIndex(words)
        return self._index


#: A word this frequent in pyspellchecker's list is common: one edit from it is a likely slip.
COMMON = 1000
#: Capitalised words shorter than this that are near a common word may be names.
NAME_LENGTH = 8
#: codespell's three-letter entries are used when they correct one of these ("abd" -> "and"):
#: other short entries are as often abbreviations or parts of compounds ("add-ons").
_FUNCTION_WORDS = frozenset(
    [
        "and",
        "the",
        "for",
        "you",
        "not",
        "are",
        "with",
        "that",
        "this",
        "will",
        "was",
        "has",
        "can",
        "but",
        "all",
        "its",
        "our",
        "who",
        "how",
    ]
)
_DERIVATIONS = ("ization", "izations", "ize", "izes", "ized", "izing", "able", "ability",
                "ment", "ments", "ness", "ful", "less", "ship", "ist", "ists", "ism", "ive",
                "ity", "al", "ally", "ation", "ations", "ify", "ified", "wise")  # fmt: skip
_LEADS = ("over", "under", "multi", "inter", "cross", "sub", "super", "out", "up", "down",
          "back", "co", "de", "dis", "mis", "non", "pre", "re", "un", "cyber", "auto", "micro",
          "self", "post", "hyper", "meta", "omni", "tele")  # fmt: skip


def _plausible(base: str, english: Mapping[str, int]) -> bool:
    """A word built from known words: a compound ("timebox", "codeowner"), or a known word
    with a common prefix or derivational suffix ("containerization", "upskill")."""

    def common(part: str) -> bool:
        return len(part) >= 3 and english.get(part, 0) >= COMMON

    if any(common(base[:i]) and common(base[i:]) for i in range(3, len(base) - 2)):
        return True
    for suffix in _DERIVATIONS:
        stem = base[: -len(suffix)]
        if base.endswith(suffix) and len(stem) >= 4 and (common(stem) or common(stem + "e")):
            return True
    return any(base.startswith(lead) and common(base[len(lead) :]) for lead in _LEADS)


def _slip(word: str, candidate: str) -> bool:
    """Whether two edits between `word` and `candidate` look like a typing slip.

    Slips two edits away move letters around and drop or add at most one ("cusomter" ->
    "customer", "serives" -> "services"); names two edits from a word swap letters for others
    ("Coupa" -> "could", "Calendly" -> "calendar"). The first letter is kept.
    """
    if word[:1] != candidate[:1]:
        return False
    if dictionaries.distance(word, candidate) <= 1:
        return True
    extra = Counter(word)
    extra.subtract(Counter(candidate))
    return sum(abs(n) for n in extra.values()) <= 1


_BRITISH = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"),
            ("ises", "izes"), ("our", "or"), ("ours", "ors"), ("yse", "yze"), ("tre", "ter"),
            ("lled", "led"), ("lling", "ling"))  # fmt: skip
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "r", "rs")
_PREFIXES = ("un", "re", "non", "e", "pre", "co")


def _forms(base: str) -> Iterator[str]:
    """The word and the dictionary forms it may be made from (British spelling, inflection)."""
    yield base
    for british, american in _BRITISH:
        if british in base:
            yield base.replace(british, american)
    if len(base) > 3 and base.endswith("s"):
        yield base[:-1]  # apps -> app
    if len(base) > 5:
        for suffix in _SUFFIXES:
            if base.endswith(suffix):
                stem = base[: -len(suffix)]
                yield stem
                yield stem + "e"  # triaging -> triage, remediated -> remediate
    for prefix in _PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= 4:
            yield base[len(prefix) :]


@lru_cache(maxsize=1 << 15)  # a pure memo: a handbook uses a few thousand distinct words
def _base(word: str) -> str:
    lower = word.lower().replace("\u2019", "'")
    return lower[:-2] if lower.endswith("'s") else lower


def _cased(word: str, fix: str) -> str:
    return fix[:1].upper() + fix[1:] if word[:1].isupper() else fix
