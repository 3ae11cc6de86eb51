"""The run's cache access: the entries of one run (pages are read by `page_files`).

Every method is a no-op without a cache, so the runner reads the same with and without one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from jdlint.engine.cache import FINDINGS, HANDBOOK, Cache
from jdlint.engine.digests import with_runs, without_runs
from jdlint.engine.handbook_reuse import (
    GroupViews,
    HandbookState,
    Loaded,
    PageFindings,
    StateBase,
    changed_pages,
    lineage_key,
    state_key,
)
from jdlint.engine.page_files import PageFile
from jdlint.engine.page_keys import respelled_digest, respelled_findings
from jdlint.engine.stat_table import StatTable
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest, Run
from jdlint.handbook.file_facts import still_hold

if TYPE_CHECKING:
    from jdlint.config.settings import Settings

#: A checked page's inline runs, cached apart from its digest (context pages need none).
RUNS = tuple[Run, ...]
#: A lineage's recent states, the newest last: (state key, its base's key, its handbook
#: entry's key), so that what a state dropped from it names can be removed without reading it.
RECENT = tuple[tuple[str, str, str], ...]
#: Per spelling rule (its vocabulary key), the words met so far that are settled and those
#: that are not (`Spelling.settled_words`): one entry per bucket, its words any page's.
SETTLED = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
_SETTLED_KEY = "settled-words"
#: A memo of more words is not written (a large real handbook has some tens of thousands).
MAX_SETTLED_WORDS = 1_000_000
#: The states a lineage keeps: one per set of pages checked lately (a pre-commit hook's
#: commits, a branch checked out again). An older one is removed with what only it names.
MAX_LINEAGE_STATES = 16
#: A base's page findings (`StateBase.page_findings`), kept apart from it ("hbpages"): the
#: 3 MB of a 10,000-page handbook's are read by a run that checks many pages, while a commit
#: that checks a few reads each one's own entry instead.
PAGE_FINDINGS = Mapping[str, PageFindings]
#: Checking more pages than this, their findings come from the base's one entry.
MANY_PAGES = 200


class Store:
    """The cache, or nothing: every method is a no-op without one."""

    def __init__(self, cache: Cache | None, settings: Settings | None = None) -> None:
        self.cache = cache
        self.settings = settings
        self.stats = StatTable(cache, settings)
        # A page known by its stat whose bytes, read later, gave another key: the handbook
        # phase then saw other pages than its key names, and its result is not stored.
        self.moved = False
        # The state of these pages that `save_state` overwrites, and its lineage's recent
        # states (both read by `state`).
        self.replaced: HandbookState | None = None
        self.recent: RECENT | None = None
        # The folders the run's walk for context pages listed (`file_facts.Listings`): the
        # facts a cached result depends on are checked against them, not listed again.
        self.listed: dict[str, tuple[str, ...]] = {}

    def key(self, path: str, data: bytes) -> str:
        return self.cache.key(path, data, self.settings) if self.cache else ""

    def load(self, key: str | None, kind: str, expected: Any) -> Any:
        return self.cache.load(key, kind, expected) if self.cache and key else None

    def findings(self, page: PageFile) -> tuple[Finding, ...] | None:
        """A page's cached findings, naming it as this run spells it (`page_keys`)."""
        return respelled_findings(self.load(page.key, "findings", FINDINGS), page.path)

    def digest(self, page: PageFile) -> PageDigest | None:
        return respelled_digest(self.load(page.key, "digest", PageDigest), page.path)

    def save(self, key: str | None, kind: str, value: Any, expected: Any) -> None:
        if self.cache and key:
            self.cache.store(key, kind, value, expected)

    def handbook(self, key: str | None) -> tuple[tuple[Finding, ...], tuple[str, ...]] | None:
        """The cached handbook result, if the file-system facts it depended on still hold."""
        entry = self.load(key, "handbook", HANDBOOK)
        held = entry is not None and still_hold(entry[2], self.listed)
        return (entry[0], entry[1]) if entry is not None and held else None

    def state(self, checked: list[PageFile], context: list[PageFile]) -> Loaded | None:
        """The handbook state the last run over these pages left, or the last one of their
        handbook's lineage (pages added, deleted or checked since), whichever fewer pages
        changed since, and its base (`handbook_reuse`), with its page findings when more
        than `MANY_PAGES` pages are checked.

        A state of these very pages can be older than the lineage's: a pre-commit hook
        checks a page again some commits later, or jdlint was upgraded since (every page
        key changed). Starting from it reran the whole phase (10,000 pages: 50 s instead of
        10 s), while the lineage's last state differed in a few pages."""
        own = self.load(self.state_key(checked, context), "hbstate", HandbookState)
        self.replaced = own
        self.recent = self.load(self.lineage_key(checked, context), "hblineage", RECENT) or ()
        latest = self.recent[-1][0] if self.recent else None
        newer = None if own is not None and latest == own.key else latest
        states = [s for s in (own, self.load(newer, "hbstate", HandbookState)) if s is not None]
        if len(states) > 1:
            keys = {page.path: page.key for page in [*checked, *context]}
            is_checked = {page.path for page in checked}
            states.sort(key=lambda state: len(changed_pages(state, keys, is_checked)))
        for state in states:  # a tie keeps the state of these pages
            # A base is shared by the states of the commits that kept it, and removed when the
            # state of one of them is replaced: then the next candidate serves.
            base = self.load(state.base, "hbbase", StateBase)
            if base is not None and len(checked) > MANY_PAGES:
                found = self.load(state.base, "hbpages", PAGE_FINDINGS)
                base = replace(base, page_findings=found) if found is not None else base
            if base is not None:
                return state, base
        return None

    def save_state(
        self,
        checked: list[PageFile],
        context: list[PageFile],
        handbook_key: str | None,
        loaded: Loaded,
    ) -> None:
        """A new base is written when a phase that ran checks made one (its key is still
        empty), and the state is named the last of its lineage. The lineage keeps its last
        `MAX_LINEAGE_STATES` states; what the state this one overwrites (`replaced`: of the
        same pages) named, and what the states dropped from the lineage named, is removed
        unless a state kept names it (a base is shared by the commits that kept it): a
        handbook of 10,000 pages would otherwise leave megabytes behind on every commit."""
        state, base = loaded
        key = self.state_key(checked, context)
        lineage = self.lineage_key(checked, context)
        if not key or not lineage or not handbook_key:
            return
        if not state.base:
            state = replace(
                state, base=hashlib.sha256(f"{key}\0{handbook_key}".encode()).hexdigest()
            )
            self.save(state.base, "hbbase", replace(base, page_findings={}), StateBase)
            self.save(state.base, "hbpages", base.page_findings, PAGE_FINDINGS)
        state = replace(state, handbook=handbook_key, key=key)
        self.save(key, "hbstate", state, HandbookState)
        if self.recent is None:  # `state` was not asked: the lineage as the cache holds it
            self.recent = self.load(lineage, "hblineage", RECENT) or ()
        recent = [entry for entry in self.recent if entry[0] != key]
        recent.append((key, state.base, state.handbook))
        dropped, kept = recent[:-MAX_LINEAGE_STATES], recent[-MAX_LINEAGE_STATES:]
        self.save(lineage, "hblineage", tuple(kept), RECENT)
        self.recent = tuple(kept)
        gone: list[tuple[str, str]] = []
        before = self.replaced  # read under `key`: the state this one overwrites
        if before is not None:
            gone += [
                (before.base, "hbbase"),
                (before.base, "hbpages"),
                (before.handbook, "handbook"),
            ]
        for old_key, old_base, old_handbook in dropped:
            gone += [(old_key, "hbstate"), (old_base, "hbbase"), (old_base, "hbpages")]
            gone.append((old_handbook, "handbook"))
        named = {name for entry in kept for name in entry}
        for name, kind in gone:
            if self.cache and name not in named:
                self.cache.discard(name, kind)

    def settled_words(self) -> dict[str, dict[str, bool]]:
        """The spelling rules' settled words the last runs met (`Engine.settled_words`)."""
        entry = self.load(_SETTLED_KEY, "settled", SETTLED) or {}
        return {
            key: {**dict.fromkeys(fine, True), **dict.fromkeys(unsure, False)}
            for key, (fine, unsure) in entry.items()
        }

    def save_settled_words(self, words: Mapping[str, Mapping[str, bool]]) -> None:
        if sum(map(len, words.values())) > MAX_SETTLED_WORDS:
            return
        value = {
            key: (
                tuple(w for w, ok in met.items() if ok),
                tuple(w for w, ok in met.items() if not ok),
            )
            for key, met in words.items()
        }
        self.save(_SETTLED_KEY, "settled", value, SETTLED)

    def views(self, key: str) -> GroupViews | None:
        """A group of handbook checks' views of every page (`handbook_reuse.ViewCache`)."""
        return self.load(key, "hbviews", GroupViews)  # type: ignore[no-any-return]

    def save_views(self, key: str, views: GroupViews) -> None:
        if not self.moved:  # a page read since gave another key: the views name other pages
            self.save(key, "hbviews", views, GroupViews)

    def state_key(self, checked: list[PageFile], context: list[PageFile]) -> str | None:
        if not self.cache:
            return None
        return state_key([p.path for p in checked], [p.path for p in context])

    def lineage_key(self, checked: list[PageFile], context: list[PageFile]) -> str | None:
        if not self.cache:
            return None
        return lineage_key(p.path for p in [*checked, *context])

    def handbook_key(self, checked: list[PageFile], context: list[PageFile]) -> str | None:
        if not self.cache:
            return None
        return self.cache.handbook_key(
            [(p.path, p.key) for p in checked], [(p.path, p.key) for p in context]
        )


def cached_digest(store: Store, page: PageFile, is_checked: bool) -> PageDigest | None:
    """A page's digest from the cache, with its inline runs if it is checked (None: a miss)."""
    digest = store.digest(page)
    if digest is None or not is_checked:
        return digest
    runs = store.load(page.key, "runs", RUNS)
    return with_runs(digest, runs) if runs is not None else None


def keep_digest(store: Store, key: str, digest: PageDigest, is_checked: bool) -> PageDigest:
    """Cache a page's digest under its `key` (and, for a checked page, its runs apart): what
    the run keeps."""
    store.save(key, "digest", without_runs(digest), PageDigest)
    if not is_checked:
        return without_runs(digest)
    store.save(key, "runs", digest.runs, RUNS)
    return digest
