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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from typing import Any, ClassVar

import regex

from jdlint.document.marks import MASK
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest, PageVocabulary
from jdlint.handbook.digest import Run as DigestRun
from jdlint.handbook.index import HandbookIndex
from jdlint.model import Inline
from jdlint.rulepacks.common import Common
from jdlint.rulepacks.patterns import Origin
from jdlint.rulepacks.spelling_judge import Judge, Vocabulary
from jdlint.rulepacks.spelling_page import mid_sentence, title_words
from jdlint.rulepacks.word_forms import base_of
from jdlint.rules import Context

PLACEHOLDERS = ("match", "suggestion", "source")
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
    #: The digest fields it reads (`jdlint.engine.digests.unread_fields`).
    DIGEST_FIELDS: ClassVar[tuple[str, ...]] = ("runs", "vocabulary", "own_titles")

    def check(self, index: HandbookIndex, ctx: Context) -> Iterator[Finding]:
        vocabulary = self.learn(index.digests)
        checked = (d for d in index.digests if index.is_checked(d))
        for _document, found, _suspects in self.judge_pages(vocabulary, checked, ctx):
            yield from found

    def learn(self, digests: Iterable[PageDigest]) -> Vocabulary:
        """The handbook's vocabulary: what each page adds is in its digest (context pages have
        no runs; a page whose digest lacks it is read from its runs)."""
        vocabulary = Vocabulary(Counter(), Counter())
        key = self.vocabulary_key
        for document in digests:
            bases, counts, lower = document.vocabulary.get(key) or self.page_vocabulary(
                document.runs
            )
            vocabulary.uses.update(dict(zip(bases, counts)))
            vocabulary.pages.update(bases)
            vocabulary.lower.update(lower)
        return vocabulary

    def judge_pages(
        self,
        vocabulary: Vocabulary,
        checked: Iterable[PageDigest],
        ctx: Context,
        judge: Judge | None = None,
    ) -> Iterator[tuple[PageDigest, list[Finding], tuple[str, ...]]]:
        """Per checked page: its findings, and its *suspects*, the words whose verdict they
        were decided by (the words of its runs that the dictionaries alone do not settle):
        the page's findings change only with those verdicts (`jdlint.engine.handbook_reuse`).

        Only the runs holding a suspect are kept between the two passes: holding every
        page's words at once cost 10% of a 10,000-page run's memory. `judge`: one of this
        vocabulary's, whose verdicts the caller reads afterwards."""
        judge = judge or self.judge(vocabulary)
        known = judge.settled_words
        pages: list[tuple[PageDigest, list[tuple[Inline, tuple[str, ...]]]]] = []
        for document in checked:
            suspects = []
            for inline, words, _bases in self._words(document.runs):
                # One dict lookup per word as written: `settled` is asked once per spelling.
                if not all(
                    known[word] if word in known else judge.remember(word) for word in words
                ):
                    suspects.append((inline, words))
            pages.append((document, suspects))
        for document, suspects in pages:
            found: list[Finding] = []
            titles: frozenset[str] | None = None
            for inline, words in suspects:
                if not any(judge.verdict(word) for word in words):
                    continue
                if titles is None:
                    titles = title_words(document.own_titles)
                # Spans are needed for findings only: find the words again, in the same order.
                for match, word in zip(self._matches(inline), words):
                    verdict = judge.verdict(word)
                    if verdict is None:
                        continue
                    mid = mid_sentence(inline.masked, match.start())
                    if judge.excused(word, verdict, mid, titles):
                        continue
                    suggestion, source = verdict
                    text = match.group()
                    found.append(
                        ctx.finding(
                            inline.span(*match.span()),
                            self.common.say(match=text, suggestion=suggestion, source=source),
                            subject=text,
                            document=document,
                        )
                    )
            words = tuple(dict.fromkeys(w for _inline, ws in suspects for w in ws))
            yield document, found, words

    @cached_property
    def _settler(self) -> Judge:
        """The judge `page_words` asks whether a word is settled: its verdicts do not
        depend on the vocabulary, so one judge with an empty one serves every page."""
        return Judge(self, Vocabulary(Counter(), Counter()))

    @property
    def settled_words(self) -> dict[str, bool]:
        """Whether each word (as written) met so far is settled (`Judge.settled`): a pure
        function of the word, this rule's lists and the dictionaries, so the runner keeps it
        in the cache, and a commit whose words were all met before loads no dictionary."""
        return self._settler.settled_words

    def judge(self, vocabulary: Vocabulary) -> Judge:
        """A judge of `vocabulary` that shares the settled words of every other."""
        return Judge(self, vocabulary, self.settled_words)

    @property
    def vocabulary_key(self) -> str:
        """This rule's entry in a page digest's `vocabulary` (its pack file and rule name)."""
        return f"{self.common.origin.path}#{self.common.origin.rule}"

    def page_vocabulary(self, runs: tuple[DigestRun, ...]) -> PageVocabulary:
        """What a page adds to the handbook's vocabulary (`page_words`)."""
        return self.page_words(runs)[0]

    def page_words(
        self, runs: tuple[DigestRun, ...]
    ) -> tuple[PageVocabulary, tuple[DigestRun, ...]]:
        """In one pass over a page's words: what the page adds to the handbook's vocabulary
        (the bases of the words this rule reads in its runs, first-use order, how often each
        is used, and the words written in lower case that the dictionaries do not settle:
        `Vocabulary.lower`), and its suspect runs, those holding a word the dictionaries do
        not settle: the only runs `judge_pages` can report on, whatever the vocabulary (so a
        digest keeps no other)."""
        judge = self._settler
        known = judge.settled_words  # one dict lookup per word as written, as in `judge_pages`
        found = self._words(runs)
        counts = Counter(chain.from_iterable(bases for _, _, bases in found))  # first-use order
        lower: dict[str, None] = {}
        held: set[int] = set()
        for inline, words, _bases in found:
            for word in words:
                if not (known[word] if word in known else judge.remember(word)):
                    held.add(id(inline))
                    if word.islower():
                        lower[word] = None
        vocabulary = (tuple(counts), tuple(counts.values()), tuple(lower))
        return vocabulary, tuple(run for run in runs if id(run[0]) in held)

    def _words(self, runs: tuple[DigestRun, ...]) -> list[_Run]:
        """The words checked in a page's runs (those in the pack's scopes) and their bases."""
        out = []
        scopes = self.common.scopes
        for inline in (inline for inline, kind in runs if kind in scopes):
            if self.common.exceptions:
                words = tuple(m.group() for m in self._matches(inline))
                bases = tuple(map(base_of, words))
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
    return words, tuple(map(base_of, words))
