"""A parsed page's digest (`jdlint.handbook.digest.PageDigest`): read once from its tree.

Everything a handbook-scope check reads of a page is taken here, so that the tree can be
dropped once the page's own checks ran; the engine holds, caches and ships digests instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from functools import lru_cache
from typing import Protocol

from jdlint.checks.boilerplate_drift import compared_words
from jdlint.checks.paragraphs import page_paragraphs
from jdlint.checks.role_references import reported_roles
from jdlint.config.settings import Settings
from jdlint.domain.family_facts import family_titles, grade_claims, role_titles
from jdlint.domain.page_kind import is_job_page
from jdlint.engine.sections import all_sections
from jdlint.handbook.digest import PageDigest, PageVocabulary, Run
from jdlint.model import Document
from jdlint.rulepacks.common import run_scope
from jdlint.rulepacks.spelling_page import own_titles
from jdlint.rules import Rule

_HTML_ID = re.compile(r"""<[A-Za-z][\w\-]*\s[^<>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""")


class WordReader(Protocol):
    """A spelling rule as a digest sees it (`rulepacks.spelling.Spelling`)."""

    @property
    def vocabulary_key(self) -> str: ...

    @property
    def settled_words(self) -> dict[str, bool]: ...

    def page_words(self, runs: tuple[Run, ...]) -> tuple[PageVocabulary, tuple[Run, ...]]:
        """The words the page adds to the handbook's vocabulary, and the runs the rule's
        findings on the page can be in."""


def digest_of(
    document: Document,
    settings: Settings,
    readers: Sequence[WordReader] = (),
    suspects_only: bool = False,
) -> PageDigest:
    """The page's digest, with its inline runs (drop them with `without_runs` for a page that
    is only context). `readers`: the spelling rules, whose vocabularies the digest holds;
    `suspects_only`: they are the only checks that read runs (`suspect_runs_suffice`), so
    only the runs one of them can report on are kept (3% of a real page's, the bulk of a
    digest's memory otherwise)."""
    html_ids = tuple(m.group(1) for m in _HTML_ID.finditer(document.source))
    top = [s for role in document.roles for s in role.sections.values()]
    top += [*document.shared_sections.values(), *document.family_sections]
    section_headings = tuple(
        (section.name, section.heading.text, section.heading.span)
        for section in top
        if section.known and section.heading is not None and not section.heading.label
    )
    runs = tuple((inline, run_scope(inline, owner)) for inline, owner in document.iter_inlines())
    # A paragraph is also a run: the digest holds the run's own pair, not a second one.
    pairs = {(id(inline), kind): run for run in runs for inline, kind in (run,)}
    first_role = document.roles[0].title_span if document.roles else None
    paragraphs, compared = page_paragraphs(document, items=True), compared_words(settings)
    words = {reader.vocabulary_key: reader.page_words(runs) for reader in readers}
    return PageDigest(
        path=document.path,
        kind=document.kind,
        title=document.title,
        job_page=is_job_page(document, settings),
        directives=document.source if "jdlint-" in document.source else "",
        headings=tuple(_one((h.inline.raw, h.text, h.anchor)) for h in document.headings),
        anchors=(*document.anchors, *html_ids),
        templates=document.templates,
        links=tuple(link for inline, _kind in runs for link in inline.links),
        paragraphs=tuple(
            pairs.get((id(p.inline), p.kind)) or (p.inline, p.kind)
            for p in paragraphs
            if len(p.words) >= compared
        ),
        paragraph_texts=tuple(p.inline.text for p in paragraphs if p.kind == "paragraph"),
        claims=tuple(replace(c, role=None, statement=None) for c in grade_claims(document)),
        role_titles=tuple(role_titles(document)),
        reports_to=reported_roles(runs),
        own_titles=own_titles(document),
        family_titles=tuple(family_titles(document)),
        has_roles=bool(document.roles),
        section_names=tuple(s.name for s in all_sections(document) if s.known),
        section_headings=section_headings,
        family_span=document.title_span or first_role,
        vocabulary={key: vocabulary for key, (vocabulary, _runs) in words.items()},
        runs=_suspect_runs(runs, [held for _words, held in words.values()])
        if suspects_only
        else runs,
    )


def _suspect_runs(runs: tuple[Run, ...], suspects: Iterable[tuple[Run, ...]]) -> tuple[Run, ...]:
    """The runs some spelling rule can report on (`suspects`, per rule), in page order."""
    wanted = {id(inline) for held in suspects for inline, _kind in held}
    return tuple(run for run in runs if id(run[0]) in wanted)


@lru_cache(maxsize=1 << 14)  # a pure memo: the same headings recur on many pages
def _one(heading: tuple[str, str, str | None]) -> tuple[str, str, str | None]:
    """One object for equal heading records, which a handbook's digests repeat page after page."""
    return heading


#: What the engine reads of every digest itself (`handbook_reuse.PageMeta`).
ENGINE_FIELDS = ("path", "job_page", "directives")


def unread_fields(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The digest fields that none of the handbook checks `rules` reads, left empty in every
    digest (a 10,000-page handbook's digests are its largest part of a run's memory). Each
    check says what it reads in `DIGEST_FIELDS`, on its module or, for a rule-pack rule, its
    class; a check that does not say reads every field."""
    read = set(ENGINE_FIELDS)
    for item in rules:
        names = _fields_read(item)
        if names is None:
            return ()
        read.update(names)
    return tuple(f.name for f in fields(PageDigest) if f.name not in read)


def suspect_runs_suffice(rules: Iterable[Rule]) -> bool:
    """Whether the handbook checks `rules` read no runs but the spelling rules' suspect runs
    (`WordReader.page_words`): every other check says what it reads (`DIGEST_FIELDS`, as for
    `unread_fields`), and that is not the runs (nor in its module's `CHECKED_ONLY`)."""
    for item in rules:
        if word_reader(item) is not None:
            continue
        names = _fields_read(item)
        checked_only = getattr(sys.modules.get(item.check.__module__), "CHECKED_ONLY", ())
        if names is None or "runs" in names or "runs" in checked_only:
            return False
    return True


def word_reader(item: Rule) -> WordReader | None:
    """The spelling rule behind a handbook check, if it is one's."""
    owner = getattr(item.check, "__self__", None)
    return owner if owner is not None and hasattr(owner, "page_words") else None


def _fields_read(item: Rule) -> tuple[str, ...] | None:
    """What a check names in `DIGEST_FIELDS`, on its rule-pack class or its module."""
    names = getattr(getattr(item.check, "__self__", None), "DIGEST_FIELDS", None)
    if names is None:
        names = getattr(sys.modules.get(item.check.__module__), "DIGEST_FIELDS", None)
    return names  # type: ignore[no-any-return]


def without_runs(digest: PageDigest) -> PageDigest:
    """The digest a context page needs (and the cache keeps): without its inline runs."""
    return replace(digest, runs=()) if digest.runs else digest


def with_runs(digest: PageDigest, runs: tuple[Run, ...]) -> PageDigest:
    """A cached digest given back its cached runs (a page being checked). The two entries are
    read apart, so the paragraphs (also runs) are made the runs' own objects again: a page's
    text is then held once, not twice."""
    same = {(inline.raw, inline.text_map.flat): inline for inline, _kind in runs}
    paragraphs = tuple(
        (same.get((inline.raw, inline.text_map.flat), inline), kind)
        for inline, kind in digest.paragraphs
    )
    return replace(digest, runs=runs, paragraphs=paragraphs)
