"""The handbook phase, and its reuse after an edit: one cached *state* instead of every digest.

A warm run after one page was edited used to load every page's digest and run every handbook
check over all of them (≈ 5.6× checking the page alone at 1,000 pages). The handbook state,
cached per set of checked and context pages, holds what the last run concluded, in two
entries: a `StateBase` written by a run that ran checks (each group of checks' raw findings and
notes, `GroupResult`; the file-system facts; the page findings) and a `HandbookState` that
every run rewrites (the page keys it saw, each checked page's `PageMeta`, the spelling rules'
`spelling_state.SpellingState`). A run whose pages differ from it only in some pages'
contents (`edits`: their old and new digests) reuses it when the facts the checks looked up on
disk still hold, and then, group by group:

- a group whose checks read the same of each edited page before and after the edit (its
  module's `digest_view(digest, settings)`, the digest emptied of what the checks never read,
  e.g. JD502 sees only paragraphs long enough to compare, is written the same) keeps its
  findings;
- any other group runs again, over an index of its views of every page (`GroupViews`, cached
  per module: a view is a small part of a digest, so the run decodes that, not every digest;
  a module without `digest_view` runs over the whole digests): on the pages whose findings
  the edits can change only, when its module names them (`pages_affected`; `_spliced`), else
  on every page it reports on;
- the spelling rules, whose findings move with the vocabulary, are judged again on the pages
  whose findings can differ (`spelling_state.rejudged`).

A page added or deleted is an edit too, from or to no page: every group runs again then (a
page's presence is read by the index, not by a view), over the cached views of the other pages.
So is a page only context in the state and checked now (a pre-commit hook checks the pages of
each commit): a group keeps its findings if its result *covers* the page (`Covered`: the run
that made it checked the page, and the page is unchanged since), else it runs again; the
spelling rules judge the pages checked now. A page checked then and only context now is no edit
at all: nothing is reported for it. The state of another set of pages is found through the
handbook's *lineage* (`lineage_key`: where its pages lie), so a commit that adds a job page, or
checks another one, reuses the state its parent left. Only a fact that no longer holds runs the
full phase (`full_phase`), which writes a new state.

A reused state gives exactly the full phase's findings: every check's findings are a function
of what it reads of each page (its view), the set of pages and the facts, and a check's
findings on a checked page never depend on which other pages are checked (its view as a checked
page and the others' as context decide them; tests/test_incremental.py holds every shipped
check to it). So one run over the whole handbook covers every page, and each commit after it
that leaves the views alone runs no check at all.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from jdlint.domain.page_kind import JOB_PAGE_RULES
from jdlint.engine.cache_data import Deferred
from jdlint.engine.digests import without_runs
from jdlint.engine.limits import gc_paused
from jdlint.engine.progress import Progress
from jdlint.engine.same_values import same
from jdlint.engine.spelling_state import SpellingState, judged, rejudged
from jdlint.engine.suppressions import parse_directives
from jdlint.findings import Finding
from jdlint.fs import path_text
from jdlint.handbook.context import Sites
from jdlint.handbook.digest import PageDigest, without
from jdlint.handbook.file_facts import Facts, FileFacts, Listings, still_hold
from jdlint.handbook.index import HandbookIndex
from jdlint.rulepacks.spelling import Spelling
from jdlint.rules import Rule

if TYPE_CHECKING:
    from jdlint.config.settings import Settings
    from jdlint.engine.checking import Engine

#: One page's findings in a cached state, decoded when the page is reported.
PageFindings = Deferred[tuple[Finding, ...]]

#: A changed page's digest before the edit (from the cache; None: the page is new) and after
#: it (None: the page is gone).
Edit = tuple[PageDigest | None, PageDigest | None]
Edits = Mapping[str, Edit]


@dataclass(frozen=True)
class PageMeta:
    """What the end of the phase reads of a checked page's digest (suppressions, page kind)."""

    path: str
    job_page: bool
    directives: str

    @classmethod
    def of(cls, digest: PageDigest) -> PageMeta:
        return cls(digest.path, digest.job_page, digest.directives)


@dataclass(frozen=True)
class Covered:
    """The pages whose findings a group's result holds as a checked page's: the pages it ran
    with as checked, less those edited since while they were only context (`reuse`). Written
    as the shorter of `paths` and every page of the state but `paths` (`but`)."""

    paths: tuple[str, ...] = ()
    but: bool = True  # the default: every page

    @classmethod
    def of(cls, checked: Collection[str], pages: Collection[str]) -> Covered:
        if 2 * len(checked) <= len(pages):
            return cls(tuple(sorted(checked)), False)
        return cls(tuple(sorted(set(pages).difference(checked))), True)

    def covers(self, checked: Collection[str]) -> bool:
        if self.but:
            return set(checked).isdisjoint(self.paths)
        return set(checked).issubset(self.paths)

    def less(self, pages: Collection[str]) -> Covered:
        if not pages:
            return self
        if self.but:
            return Covered(tuple(sorted({*self.paths, *pages})), True)
        return Covered(tuple(sorted(set(self.paths).difference(pages))), False)


@dataclass(frozen=True)
class GroupResult:
    """What one group of handbook checks (`Engine.handbook_groups`) concluded, under the name
    of its checks' module: its raw findings, and per checked page the links it could not
    judge (the link checks'; the run note counts those of the pages checked now)."""

    module: str
    findings: Mapping[str, PageFindings]  # by page (pages with none left out)
    outside: Mapping[str, int]
    covered: Covered = Covered()
    # What the checks read of every page as counts (the module's `counts`, see `_recounted`).
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StateBase:
    """What the handbook phase concluded that stays true while edits leave the checks' views
    alone: written by a phase that ran some checks (its own entry, not rewritten on every
    edit that reran none)."""

    pages: Mapping[str, str]  # every page the index saw -> its page cache key, at the time
    groups: tuple[GroupResult, ...]  # the checks other than spelling, in `handbook_groups` order
    facts: Facts
    # The checked pages' own findings (the page phase's, set by the runner) under those keys:
    # one entry to read on a warm run instead of one per page.
    page_findings: Mapping[str, PageFindings] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupViews:
    """One group's views (`digest_view`) of every page, as they were when it last ran: the
    input of its next run, read instead of every digest (a view is a small part of one)."""

    pages: Mapping[str, str]  # every page -> the page cache key its view was taken from
    views: tuple[PageDigest, ...]  # in the order of `pages`
    # The pages checked then (a checked page's digest has its runs, a context page's none).
    checked: tuple[str, ...] = ()


class ViewCache(Protocol):
    """Where each group's views are kept between runs (the runner's `Store`)."""

    def views(self, key: str) -> GroupViews | None: ...

    def save_views(self, key: str, views: GroupViews) -> None: ...


@dataclass(frozen=True)
class HandbookState:
    base: str  # the key of its `StateBase` entry
    pages: Mapping[str, str]  # every page the index saw -> its page cache key, now
    metas: tuple[PageMeta, ...]  # the checked pages, in run order
    spelling: tuple[SpellingState, ...]  # one per spelling rule, in `handbook_rules` order
    # The key of the handbook entry written with it: replaced by the next run's, then removed.
    handbook: str = ""
    key: str = ""  # its own key (`state_key`): the same pages, or another set of the lineage


#: A state and its base.
Loaded = tuple[HandbookState, StateBase]


def state_key(checked: Iterable[str], context: Iterable[str]) -> str:
    """The state's key: the checked pages and the context pages (not their contents)."""
    digest = hashlib.sha256(b"handbook-state\n")
    for marker, paths in (("checked", checked), ("context", context)):
        for path in sorted(paths):
            digest.update(f"{marker}\0{path}\n".encode())
    return digest.hexdigest()


def lineage_key(paths: Iterable[str]) -> str:
    """The key of a handbook's line of states: where its pages lie (their common folder),
    which adding or deleting a page, or checking another one, seldom moves."""
    digest = hashlib.sha256(b"handbook-lineage\n")
    digest.update(_common(list(paths)).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _common(paths: list[str]) -> str:
    """`os.path.commonpath`, or the folders of `paths` when it has none."""
    if not paths:
        return ""
    found = _common_by_text(paths)
    if found is not None:
        return found
    try:
        return os.path.commonpath(paths)
    except ValueError:  # absolute and relative paths, or paths on two drives
        return "\0".join(sorted({os.path.dirname(path) for path in paths}))


#: What `commonpath` drops from a path (empty and "." parts), between NULs that end paths.
_NOT_NORMAL = ("//", "/./", "/.\0", "\0./", "\0.\0", "/\0", "\0\0")


def _common_by_text(paths: list[str]) -> str | None:
    """`os.path.commonpath(paths)` by comparing text, when every path is in normal form (a
    walk's: splitting 10,000 paths into parts was a commit's 15 ms); else None. The text all
    paths share is that of the first and last in order; it is their common path if each
    path ends there or goes on with "/", else it ends at the last "/" inside it."""
    if not path_text.is_plain(paths[0]):
        return None
    joined = "\0" + "\0".join(paths) + "\0"
    absolute = joined.count("\0/")
    if 0 < absolute < len(paths) or any(mark in joined for mark in _NOT_NORMAL):
        return None
    shared = os.path.commonprefix([min(paths), max(paths)])
    size = len(shared)
    if all(len(path) == size or path[size] == "/" for path in paths):
        return shared
    cut = shared.rfind("/")
    return shared[:cut] if cut > 0 else ("/" if absolute else "")


def full_phase(
    engine: Engine,
    digests: list[PageDigest],
    context: list[PageDigest],
    jobs: int = 1,
    progress: Progress | None = None,
    facts: FileFacts | None = None,
    keys: Mapping[str, str] | None = None,
    cache: ViewCache | None = None,
    cover: bool = False,
) -> tuple[list[Finding], list[str], Loaded | None]:
    """Handbook-scope checks over the checked pages plus their handbook's other pages, all as
    digests (never trees), and, given every page's cache key (`keys`), the state to reuse
    (and, given a `cache`, each group's views of every page, for the first edit to read).
    `cover`: a later run may check other pages (a pre-commit hook's next commit), so each
    group that can report on every page does (`_reads_runs`): its result answers that run.

    Nothing is reported for the `context` pages: they are there for the index only. What the
    checks looked up on disk is recorded in `facts` (for the cache).
    """
    if not engine.handbook_rules or not digests:
        return [], [], None
    from jdlint.engine.pool import run_handbook_rules

    facts = facts if facts is not None else FileFacts()
    checked = {d.path for d in digests}
    every = [*digests, *(d for d in context if d.path not in checked)]
    index = _index(every, checked, Sites(engine.settings, facts))
    groups = engine.handbook_groups()
    spelling = [g for g in groups if _spellers(engine, g)] if keys is not None else []
    others = [g for g in groups if g not in spelling]
    pages = {d.path for d in every}
    lasting = cover and keys is not None and cache is not None
    everywhere = [g for g in others if lasting and not _reads_runs(engine, g)]
    reported = [pages if group in everywhere else checked for group in others]
    keep = None
    if keys is not None and cache is not None:
        keep = _views_keeper(engine, index.digests, keys, dict(zip(others, reported)), cache)
    done = run_handbook_rules(engine, index, jobs, progress, facts, others, everywhere, keep)
    results = tuple(
        _result(engine, group, *found, Covered.of(paths, pages), index.digests)
        for group, found, paths in zip(others, done, reported)
    )
    states = [
        judged(rule, index.digests, checked, engine.handbook_context(item))
        for group in spelling
        for item, rule in _spellers(engine, group)
    ]
    metas = tuple(PageMeta.of(d) for d in digests)
    kept, said = _concluded(engine, metas, results, states)
    if keys is None:
        return kept, said, None
    base = StateBase(keys, results, facts.record())
    return kept, said, (HandbookState("", keys, metas, tuple(states)), base)


def reuse(
    engine: Engine,
    loaded: Loaded,
    edits: Edits,
    keys: Mapping[str, str],
    checked: set[str],
    digests_of: Callable[[list[str]], Mapping[str, PageDigest]],
    cache: ViewCache | None = None,
    cover: bool = False,
    listed: Listings | None = None,
) -> tuple[list[Finding], list[str], Loaded] | None:
    """The phase's findings, notes and new state after `edits` (the pages whose cache key is
    now `keys[path]`, in run order: checked pages first; the pages added and deleted since;
    the pages checked now and context then), or None when the full phase must run. A group
    of checks that reads something an edit changed, or whose result does not cover a page
    checked now, runs again, over its views of every page (from `cache`, else from every
    digest); the others keep their findings. `digests_of` gives more digests (with runs for
    checked pages): of the unchanged checked pages the spelling rules judge again, and of the
    pages whose views are not cached. `cover`: as for `full_phase`; `listed`: the folders the
    run listed already (`file_facts.Listings`)."""
    state, base = loaded
    if not still_hold(base.facts, listed) or edits.keys() != changed_pages(state, keys, checked):
        return None
    groups = engine.handbook_groups()
    spellers = [pair for group in groups for pair in _spellers(engine, group)]
    others = [group for group in groups if not _spellers(engine, group)]
    if len(spellers) != len(state.spelling) or [_module(engine, g) for g in others] != [
        result.module for result in base.groups
    ]:
        return None
    spelling = tuple(
        rejudged(rule, old, edits, checked, engine.handbook_context(item), digests_of)
        for (item, rule), old in zip(spellers, state.spelling)
    )
    metas_by_path = {meta.path: meta for meta in state.metas}
    metas_by_path.update(
        (path, PageMeta.of(new)) for path, (_old, new) in edits.items() if new is not None
    )
    metas = tuple(metas_by_path[path] for path in keys if path in checked)
    resized = any(old is None or new is None for old, new in edits.values())
    # The pages whose content changed (the other edits are pages checked otherwise only).
    edited = {path for path in edits if state.pages.get(path) != keys.get(path)}
    results = list(base.groups)
    stale = []
    narrowed = False  # a group kept covers fewer pages
    for position, group in enumerate(others):
        result = results[position]
        still = (
            None
            if resized
            else _still_covered(engine, group, result.covered, edits, edited, checked)
        )
        counts = None if still is None else _recounted(engine, group, result.counts, edits, edited)
        if still is None or counts is None:
            stale.append(position)
        elif still != result.covered or counts != result.counts:
            results[position] = replace(result, covered=still, counts=counts)
            narrowed = True
    if stale:
        facts = FileFacts(listed)
        whole = 0  # the groups run again on every page (a spliced one keeps some findings)
        sites = Sites(engine.settings, facts)  # one per run: each folder's root looked up once
        # A group's views of every page are some hundred thousand acyclic objects, read and
        # indexed at once: with the collector on, each full collection re-scanned them all.
        with gc_paused():
            for position in stale:
                group = others[position]
                module = _module(engine, group)
                everywhere = cover and not _reads_runs(engine, group)  # see `full_phase`
                asked = set(keys) if everywhere else checked
                taken = _views(engine, module, edits, keys, asked, digests_of, cache)
                if taken is None:
                    return None
                views, reported = taken
                index = _index(views, reported, sites)
                spliced = (
                    None
                    if resized
                    else _spliced(engine, group, results[position], index, edited, checked)
                )
                if spliced is not None:
                    results[position] = spliced
                    continue
                whole += 1
                found, outside = engine.run_handbook_group(group, index)
                covered = Covered.of(reported, keys)
                results[position] = _result(engine, group, found, outside, covered, views)
        if whole < len(others):  # the findings kept read what the old facts say
            facts.absorb(base.facts)
        base = StateBase(dict(keys), tuple(results), facts.record())
    elif narrowed:  # the same facts
        base = StateBase(dict(keys), tuple(results), base.facts)
    kept, notes = _concluded(engine, metas, base.groups, spelling)
    # A new base has no key yet: the runner writes it, with the page findings.
    fresh = base is not loaded[1]
    new_state = replace(
        state, base="" if fresh else state.base, pages=dict(keys), metas=metas, spelling=spelling
    )
    return kept, notes, (new_state, base)


def _still_covered(
    engine: Engine,
    group: tuple[int, ...],
    covered: Covered,
    edits: Edits,
    edited: set[str],
    checked: set[str],
) -> Covered | None:
    """The pages a group's kept result still covers after `edits`, or None if it must run
    again: its checks read something else of an edited page now (its view: of a checked page
    as checked and as context, of a context page as context), or a page checked now is not
    covered. A handbook check's findings on a checked page are decided by that page's view as
    checked and the other pages' views as context (never by which other pages are checked):
    a result of a run that checked more pages holds those of the pages checked now. A page
    edited while only context is covered no more (its view as a checked page is unknown: its
    digest has no runs), unless the group reads no runs (`_reads_runs`)."""
    view = _view_of(_module(engine, group), engine.settings, compared=True)
    if view is None or not covered.covers(checked):
        return None
    everywhere = not _reads_runs(engine, group)  # every page's view is a checked page's
    dropped = []
    for path in edited:
        old, new = edits[path]
        assert old is not None and new is not None  # an added or deleted page reruns every group
        if everywhere:
            if _differ(view, old, new, True):
                return None
            continue
        if path in checked and (not old.runs or _differ(view, old, new, True)):
            return None  # the runs before the edit unknown, or the page reads otherwise
        if _differ(view, old, new, False):
            return None
        if path not in checked:
            dropped.append(path)
    return covered.less(dropped)


def _spliced(
    engine: Engine,
    group: tuple[int, ...],
    result: GroupResult,
    index: HandbookIndex,
    edited: set[str],
    checked: set[str],
) -> GroupResult | None:
    """A group's result after edits of the text of the pages `edited` (none added or
    deleted), its checks run again on the pages whose findings the edits can change and its
    findings on the others kept; None when the full group must run: its module cannot name
    those pages (`pages_affected(index, edited)`, over an index of its views of every page
    now), or its result does not cover the pages checked now, or reads counts.

    A page the edits can change whose view in `index` is not a checked page's (a context
    page's: no links) is covered no more."""
    affected_of = getattr(sys.modules.get(_module(engine, group)), "pages_affected", None)
    if affected_of is None or _counter(engine, group) is not None:
        return None
    if not result.covered.covers(checked):
        return None
    affected = {*affected_of(index, edited), *edited}
    reported = index.checked if index.checked is not None else affected
    again = {path for path in affected & reported if result.covered.covers((path,))}
    found, outside = engine.run_handbook_group(
        group, replace(index, checked=frozenset(again), memo={})
    )
    findings = {path: kept for path, kept in result.findings.items() if path not in affected}
    counted = {path: count for path, count in result.outside.items() if path not in affected}
    return replace(
        result,
        findings={**findings, **by_page(found)},
        outside={**counted, **outside},
        covered=result.covered.less(affected - again),
    )


def _differ(view: View, old: PageDigest, new: PageDigest, checked: bool) -> bool:
    return not same(view(old, checked), view(new, checked))


def _recounted(
    engine: Engine,
    group: tuple[int, ...],
    counts: Mapping[str, int],
    edits: Edits,
    edited: set[str],
) -> Mapping[str, int] | None:
    """A group's `counts` after `edits`, or None if its findings can differ: what its module's
    `decided` reads of them changed. A module that reads some fields of every page only as
    counts (its `COUNTED_FIELDS`: JD502 reads on how many pages a paragraph is written) leaves
    them out of the views compared (`_view_of`), and gives `counts(views, settings)` over
    every page's views, `counted(view)`: the keys a page counts for, and `decided(counts)`.
    The keys are decided by the views compared, so an edit that passed `_still_covered` only
    moves the counts of the keys there are."""
    owner = _counter(engine, group)
    if owner is None:
        return counts
    view = _view_of(_module(engine, group), engine.settings)
    assert view is not None  # a module with counts has a view
    moved = dict(counts)
    for path in edited:
        old, new = edits[path]
        assert old is not None and new is not None  # an added or deleted page reruns every group
        for digest, step in ((old, -1), (new, 1)):
            for key in owner.counted(view(digest, False)).intersection(moved):
                moved[key] += step
    return moved if owner.decided(moved) == owner.decided(counts) else None


def changed_pages(state: HandbookState, keys: Mapping[str, str], checked: set[str]) -> set[str]:
    """The pages that differ between the state and a run over `keys` that checks `checked`:
    changed, added, deleted, or context then and checked now (its digest is read with its runs,
    and its findings are reported now). A page checked then and only context now is no edit:
    nothing is reported for it, and what the checks read of it is the same."""
    before = {meta.path for meta in state.metas}
    pages, now = state.pages, keys.get
    differ = {path for path, key in pages.items() if now(path, key) != key}  # in both, rekeyed
    differ |= {path for path in checked.difference(before) if path in pages and path in keys}
    return differ | (pages.keys() ^ keys.keys())


#: A group's views of every page are rewritten whole once this share of the pages changed
#: since; until then the views of the changed pages only are written, in an entry of their own.
MAX_CHANGED_SHARE = 0.1


def _views(
    engine: Engine,
    module: str,
    edits: Edits,
    keys: Mapping[str, str],
    checked: set[str],
    digests_of: Callable[[list[str]], Mapping[str, PageDigest]],
    cache: ViewCache | None,
) -> tuple[list[PageDigest], set[str]] | None:
    """The views of every page (in `keys` order) that `module`'s checks read (the whole
    digests for a module without `digest_view`), kept in `cache` for the next run, and the
    pages they are views of as checked pages. Only the views of pages changed, added, or
    checked now and cached as context, are taken again (None: a digest is gone).

    Each cached view is stored with the page key it was taken from and whether the page was
    checked, so the entry of every page's views and the smaller one of the pages changed since
    can be read together, and a view is used only while its page is unchanged. A context
    page's view cached as a checked page's is used as it is, the page counted as checked: the
    group's findings then cover it too (`Covered`), and a later run that checks it keeps them."""
    view = _view_of(module, engine.settings)
    key = _views_key(module, keys)
    whole = cache.views(key) if cache is not None and view is not None else None
    whole = whole or GroupViews({}, ())
    since = cache.views(f"{key}-changed") if cache is not None and whole.pages else None
    taken: dict[str, tuple[PageDigest, bool]] = {}  # path -> (view, of a checked page)
    for entry in (whole, since or GroupViews({}, ())):
        was_checked = set(entry.checked)
        for (path, cached_key), cached in zip(entry.pages.items(), entry.views):
            of_checked = path in was_checked
            if keys.get(path) == cached_key and (of_checked or path not in checked):
                taken[path] = (cached, of_checked)
    fresh = {path: new for path, (_old, new) in edits.items() if new is not None}
    missing = [path for path in keys if path not in taken and path not in fresh]
    if missing:
        fresh.update(digests_of(missing))
        if not all(path in fresh for path in missing):
            return None
    for path, digest in fresh.items():
        seen = view(digest, path in checked) if view is not None else digest
        taken[path] = (seen, path in checked)
    by_path = {path: taken[path][0] for path in keys}
    as_checked = {path for path in keys if taken[path][1]}
    views = list(by_path.values())
    if cache is not None and view is not None:
        from_whole = {p for p, v in zip(whole.pages, whole.views) if by_path.get(p) is v}
        changed = [path for path in keys if path not in from_whole]
        if len(changed) > MAX_CHANGED_SHARE * len(keys):
            cache.save_views(key, _group_views(keys, by_path, as_checked, keys))
            changed = []
        cache.save_views(f"{key}-changed", _group_views(keys, by_path, as_checked, changed))
    return views, as_checked


def _group_views(
    keys: Mapping[str, str],
    by_path: Mapping[str, PageDigest],
    checked: set[str],
    paths: Iterable[str],
) -> GroupViews:
    paths = list(paths)
    return GroupViews(
        {path: keys[path] for path in paths},
        tuple(by_path[path] for path in paths),
        tuple(path for path in paths if path in checked),
    )


def _views_keeper(
    engine: Engine,
    digests: Iterable[PageDigest],
    keys: Mapping[str, str],
    reported: Mapping[tuple[int, ...], set[str]],
    cache: ViewCache,
) -> Callable[[tuple[int, ...]], None] | None:
    """What caches a group's views of every page (of a handbook whose pages all have
    digests), of the pages it `reported` on as checked pages', once the group ran: in the
    process that ran it (`pool.run_handbook_rules`), so the views are encoded in parallel."""
    by_path = {digest.path: digest for digest in digests}
    if any(path not in by_path for path in keys):
        return None

    def keep(group: tuple[int, ...]) -> None:
        module = _module(engine, group)
        view = _view_of(module, engine.settings)
        if view is not None:
            checked = reported[group]
            views = {path: view(by_path[path], path in checked) for path in keys}
            cache.save_views(_views_key(module, keys), _group_views(keys, views, checked, keys))

    return keep


def _views_key(module: str, keys: Mapping[str, str]) -> str:
    """One entry per module and handbook lineage (`lineage_key`), not per set of pages nor
    their contents: edits, added and deleted pages rewrite it."""
    return hashlib.sha256(f"{module}\0{lineage_key(keys)}".encode()).hexdigest()


def _index(digests: Iterable[PageDigest], checked: set[str], sites: Sites) -> HandbookIndex:
    """The phase's index of the handbook: every page, the checked ones marked."""
    return HandbookIndex.build(
        digests, site_for=sites, checked=checked, real=sites.real, roots=sites.page_roots
    )


def _result(
    engine: Engine,
    group: tuple[int, ...],
    found: list[Finding],
    outside: Mapping[str, int],
    covered: Covered,
    read: Iterable[PageDigest],
) -> GroupResult:
    """A group's result, with the counts its module keeps of the digests or views it `read`
    (`_recounted`)."""
    owner = _counter(engine, group)
    counts = owner.counts(read, engine.settings) if owner is not None else {}
    return GroupResult(_module(engine, group), by_page(found), dict(outside), covered, counts)


def _counter(engine: Engine, group: tuple[int, ...]) -> Any:
    """The group's module if its checks read some fields as counts (`_recounted`), else None."""
    owner = sys.modules.get(_module(engine, group))
    return owner if hasattr(owner, "COUNTED_FIELDS") else None


def by_page(found: Iterable[Finding]) -> dict[str, PageFindings]:
    """Findings by page, each page's read only when it is reported (`Deferred`)."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in found:
        grouped[finding.path].append(finding)
    return {path: Deferred(tuple(items)) for path, items in grouped.items()}


def compares_runs(engine: Engine) -> bool:
    """Whether a group of checks other than spelling reads the runs of a page: an edited page
    checked now is then compared with its runs before the edit (`_still_covered`)."""
    groups = engine.handbook_groups()
    return any(_reads_runs(engine, g) for g in groups if not _spellers(engine, g))


def _reads_runs(engine: Engine, group: tuple[int, ...]) -> bool:
    """Whether a group's checks read the runs of a page (named in its module's `CHECKED_ONLY`:
    only a checked page's digest has runs), or may (a module without `digest_view`). A group
    that does not can read any page as a checked page, so it can report on every page."""
    owner = sys.modules.get(_module(engine, group))
    if getattr(owner, "digest_view", None) is None:
        return True
    return "runs" in getattr(owner, "CHECKED_ONLY", ())


def _module(engine: Engine, group: tuple[int, ...]) -> str:
    return engine.handbook_rules[group[0]].check.__module__


def _concluded(
    engine: Engine,
    metas: tuple[PageMeta, ...],
    results: Iterable[GroupResult],
    spelling: Iterable[SpellingState],
) -> tuple[list[Finding], list[str]]:
    """`finish` over the groups' raw findings and the spelling rules' findings."""
    results = list(results)
    raw = [
        finding
        for result in results
        for meta in metas
        if meta.path in result.findings
        for finding in result.findings[meta.path].value()
    ]
    spelt = [f for state in spelling for found in state.findings.values() for f in found]
    outside = sum(result.outside.get(meta.path, 0) for result in results for meta in metas)
    return finish(engine, metas, [*raw, *spelt], engine.outside_note(outside))


def finish(
    engine: Engine, metas: Iterable[PageMeta], out: Iterable[Finding], notes: Iterable[str]
) -> tuple[list[Finding], list[str]]:
    """The handbook checks' findings on the checked pages, after `ignore`, the job-page rules
    and the pages' suppressions; the notes with the page-kind line first."""
    metas = list(metas)
    checked = {meta.path for meta in metas}
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in out:
        if finding.path in checked:  # nothing is reported for context pages
            grouped[finding.path].append(finding)
    kept: list[Finding] = []
    for meta in metas:
        found = grouped.get(meta.path, [])
        if not found and not meta.directives:
            continue
        if not meta.job_page:
            found = [f for f in found if not f.code.startswith(JOB_PAGE_RULES)]
        directives = parse_directives(meta.directives)
        kept.extend(engine.handbook_filter(meta.path, found, directives))
        if directives:  # suppressions that wait for this phase (JD003)
            kept.extend(engine.deferred_unused(meta, directives))
    other = sorted(meta.path for meta in metas if not meta.job_page)
    return kept, [*_page_kind_notes(other), *notes]


def _spellers(engine: Engine, group: tuple[int, ...]) -> list[tuple[Rule, Spelling]]:
    """The group's rules with their spelling rule, if every rule of it is one (else none)."""
    pairs = []
    for position in group:
        item = engine.handbook_rules[position]
        owner = getattr(item.check, "__self__", None)
        if not isinstance(owner, Spelling) or item.check != owner.check:
            return []
        pairs.append((item, owner))
    return pairs


#: A page's view (`digest_view`), given whether the page is checked.
View = Callable[[PageDigest, bool], PageDigest]


def _view_of(module: str, settings: Settings, compared: bool = False) -> View | None:
    """A handbook check module's `digest_view`, if it has one; of a page that is not checked,
    without the fields the module's checks read of checked pages only (its `CHECKED_ONLY`:
    the link checks resolve the links of the checked pages, against every page's anchors).
    `compared`: the view compared before and after an edit, without the fields the module
    reads as counts (`_recounted`); else the view the checks run over."""
    owner = sys.modules.get(module)
    digest_view = getattr(owner, "digest_view", None)
    if digest_view is None:
        return None
    checked_only: tuple[str, ...] = getattr(owner, "CHECKED_ONLY", ())
    counted: tuple[str, ...] = getattr(owner, "COUNTED_FIELDS", ()) if compared else ()

    def view(digest: PageDigest, checked: bool) -> PageDigest:
        if checked:
            seen: PageDigest = digest_view(digest, settings)
        else:
            seen = digest_view(without_runs(digest), settings)  # context: no runs
            seen = without(seen, *checked_only) if checked_only else seen
        return without(seen, *counted) if counted else seen

    return view


def _page_kind_notes(other: list[str]) -> list[str]:
    """The `--statistics` line that says which checked pages got no job-page rules."""
    if not other:
        return []
    shown = ", ".join(other[:3]) + (f" and {len(other) - 3} more" if len(other) > 3 else "")
    noun = "page does" if len(other) == 1 else "pages do"
    return [f"{len(other)} {noun} not look like a job description ({shown}): JD1-JD3 skipped"]
