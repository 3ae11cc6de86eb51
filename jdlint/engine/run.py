"""Files to findings: read bytes, reuse the cache, parse and check the rest (in parallel when
there are enough pages), then run the handbook phase over the digests of the whole handbook.

A warm run whose pages and handbook are unchanged parses nothing: per-page findings and the
handbook findings come straight from the cache. When only some pages changed, only those are
parsed: every other page's digest (`jdlint.handbook.digest`, what the handbook checks read)
comes from the cache, so the handbook checks still see the whole handbook without a tree of
it. A tree lives only while its own page's checks run (and for `export` / `report`, which ask
for the checked pages' trees); workers send back digests and findings. The handbook's entry
holds the file-system facts its checks looked up (`jdlint.handbook.file_facts`) and is reused
only while they hold. When pages changed, the handbook *state* the last run left
(`jdlint.engine.handbook_reuse`) answers from the changed pages' digests alone whenever the
edits cannot change the other checks' findings; only then is every digest loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from jdlint.engine.cache import FINDINGS, HANDBOOK, Cache
from jdlint.engine.cache_data import Deferred, Invalid
from jdlint.engine.handbook_reuse import (
    Edit,
    Loaded,
    PageFindings,
    changed_pages,
    compares_runs,
    full_phase,
    reuse,
)
from jdlint.engine.limits import trees_kept
from jdlint.engine.page_files import PageFile, read_page, with_bytes
from jdlint.engine.parse_pages import PageOutcome, parse_all
from jdlint.engine.pool import MIN_PAGES_FOR_PROGRESS
from jdlint.engine.progress import NoProgress, Progress
from jdlint.engine.results import CheckedTree, RunResult
from jdlint.engine.store import Store, cached_digest, keep_digest
from jdlint.findings import Finding
from jdlint.fs.decode import UnreadableFile
from jdlint.handbook.digest import PageDigest
from jdlint.handbook.file_facts import FileFacts
from jdlint.model import Document

if TYPE_CHECKING:
    from jdlint.engine.checking import Engine


def run(
    engine: Engine,
    paths: list[str],
    stdin: tuple[str, bytes] | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    need_documents: bool = False,
    progress: Progress | None = None,
    skipped: Mapping[str, UnreadableFile] | None = None,
    checked_before: Mapping[str, tuple[bytes, CheckedTree]] | None = None,
    searched: Iterable[str] = (),
) -> RunResult:
    """`searched`: the folders `paths` were discovered in (their pages need no context
    walk). `skipped`: pages already given up on (`--fix` ran out of time on them), reported as
    JD001 without reading them again. `checked_before`: pages `--fix` just parsed and checked,
    with the bytes it saw; a page whose bytes are still those is not parsed again. `progress`:
    the bar a terminal shows (engine/progress.py). `need_documents`: keep the checked pages'
    trees in the result (export, report)."""
    progress = progress or NoProgress()
    store = Store(cache, engine.settings)
    try:
        findings: list[Finding] = []
        checked: list[PageFile] = []
        for path in paths:
            if skipped and path in skipped:
                findings.extend(engine.unreadable(path, skipped[path]))
                continue
            # By stat too: a checked page's bytes are read only if it must be parsed.
            limit = engine.settings.max_file_size
            page = read_page(path, limit, store.key, store.stats, by_stat=True)
            if isinstance(page, UnreadableFile):
                findings.extend(engine.unreadable(path, page))
            else:
                checked.append(page)
        context: list[PageFile] = []
        if engine.handbook_rules:
            # Text from stdin named after a page (`--stdin-filename`) is judged in that page's
            # handbook, as `check PATH` would judge the saved page.
            named = [stdin[0]] if stdin and not stdin[0].startswith("<") else []
            for path in engine.context_paths([*paths, *named], searched, store.listed):
                limit = engine.settings.max_file_size
                page = read_page(path, limit, store.key, store.stats, by_stat=True)
                if isinstance(page, PageFile):
                    context.append(page)
        files = paths + ([stdin[0]] if stdin else [])
        with trees_kept() as built:
            result = _run(
                engine, store, findings, checked, context, stdin, jobs, need_documents,
                progress, checked_before, built,
            )  # fmt: skip
        result.files = files
        store.stats.save()
        return result
    finally:
        progress.close()


def _run(
    engine: Engine,
    store: Store,
    findings: list[Finding],
    checked: list[PageFile],
    context: list[PageFile],
    stdin: tuple[str, bytes] | None,
    jobs: int,
    need_documents: bool,
    progress: Progress,
    checked_before: Mapping[str, tuple[bytes, CheckedTree]] | None,
    built: Callable[[], None],
) -> RunResult:
    handbook_key = store.handbook_key(checked, context) if stdin is None else None
    handbook = store.handbook(handbook_key)
    loaded = None
    if handbook is None and engine.handbook_rules and stdin is None:
        loaded = store.state(checked, context)
    # The base holds the page findings of the pages it saw: one entry read, not one per page.
    before = loaded[1].pages if loaded is not None else {}
    known = loaded[1].page_findings if loaded is not None else {}
    page_findings: dict[str, tuple[Finding, ...] | None] = {}
    for page in checked:
        found = _known_findings(known, page) if before.get(page.path) == page.key else None
        page_findings[page.path] = found if found is not None else store.findings(page)
    all_cached = all(found is not None for found in page_findings.values())
    handbook_ready = handbook is not None or not engine.handbook_rules
    if all_cached and handbook_ready and not need_documents and stdin is None:
        for found in page_findings.values():
            findings.extend(found or ())
        found_hb, notes = handbook or ((), ())
        return _result(findings + list(found_hb), [], notes)

    needs_digests = bool(engine.handbook_rules) and handbook is None
    settled = _settled_words(engine, store) if needs_digests else -1
    # With a state, only the pages changed (or checked otherwise) since are digested, at first.
    keys = {page.path: page.key for page in [*checked, *context]}
    is_checked = {page.path for page in checked}
    wanted = None if loaded is None else changed_pages(loaded[0], keys, is_checked)
    digests, documents = _outcomes(
        engine, store, checked, context, page_findings, needs_digests, need_documents, jobs,
        progress, checked_before, wanted,
    )  # fmt: skip
    built()
    _drop_bytes(checked)
    _drop_bytes(context)
    for found in page_findings.values():
        findings.extend(found or ())
    if stdin is not None:
        stdin_result = engine.parse_and_check(*stdin, check=True)
        findings.extend(stdin_result.findings)
        if stdin_result.document is not None:
            documents.append(stdin_result.document)
            if engine.handbook_rules:
                digests[stdin[0]] = engine.digest(stdin_result.document)
    if handbook is None:

        def digests_of(paths: list[str]) -> dict[str, PageDigest]:
            """More digests (with runs, for checked pages), from the cache or parsed."""
            asked = set(paths)
            pages = [p for p in [*checked, *context] if p.path in asked]
            more = [p for p in pages if p.path not in digests]
            mine = (
                [p for p in more if p.path in is_checked],
                [p for p in more if p.path not in is_checked],
            )
            digests.update(
                _outcomes(engine, store, *mine, page_findings, True, False, jobs, progress)[0]
            )
            return {p.path: digests[p.path] for p in pages if p.path in digests}

        facts = FileFacts(store.listed)
        done: tuple[list[Finding], list[str], Loaded | None] | None = None
        if loaded is not None and wanted is not None:
            done = _reuse(engine, store, loaded, wanted, is_checked, keys, digests, digests_of)
        if not done:
            digests_of(list(keys))
            names = [*(p.path for p in checked), *(stdin[0:1] if stdin else ())]
            done = full_phase(
                engine, [digests[n] for n in names if n in digests],
                [digests[p.path] for p in context if p.path in digests],
                jobs, progress, facts, keys if stdin is None else None,
                store if store.cache else None, cover=True,
            )  # fmt: skip
        elif done[2] is not None:
            facts.absorb(done[2][1].facts)
        handbook = (tuple(done[0]), tuple(done[1]))
        if not store.moved:  # a page changed during the run: its key names other pages
            store.save(handbook_key, "handbook", (*handbook, facts.record()), HANDBOOK)
        if done[2] is not None and not store.moved:
            state, base = done[2]
            if not state.base:  # a new base: the page findings under the keys of its pages
                kept = {
                    path: Deferred(found)
                    for path, found in page_findings.items()
                    if found is not None
                }
                base = replace(base, page_findings=kept)
            store.save_state(checked, context, handbook_key, (state, base))
    findings.extend(handbook[0])
    if settled >= 0 and sum(map(len, engine.settled_words().values())) > settled:
        store.save_settled_words(engine.settled_words())
    return _result(findings, documents, handbook[1])


def _settled_words(engine: Engine, store: Store) -> int:
    """Give the spelling rules the words the cache knows to be settled or not (a commit whose
    words were all met before then loads no dictionary), and count what they know now."""
    words = engine.settled_words()
    if words:
        for key, known in store.settled_words().items():
            if key in words:
                words[key].update(known)
    return sum(map(len, words.values()))


def _reuse(
    engine: Engine,
    store: Store,
    loaded: Loaded,
    changed: set[str],
    is_checked: set[str],
    keys: dict[str, str],
    digests: dict[str, PageDigest],
    digests_of: Callable[[list[str]], Mapping[str, PageDigest]],
) -> tuple[list[Finding], list[str], Loaded] | None:
    """The handbook phase from the cached state (`handbook_reuse.reuse`), None if it cannot:
    the edits are the pages `changed`, added, deleted or checked otherwise since
    (`changed_pages`), with their digests before (the cache's) and now."""
    state = loaded[0]
    if 2 * len(changed) > len(keys):
        return None  # more than edits (another handbook, other pages checked): start afresh
    was_checked = {meta.path for meta in state.metas}
    with_runs = compares_runs(engine)
    edits: dict[str, Edit] = {}
    for path in changed:
        old = None
        if path in state.pages:
            before = PageFile(path, b"", state.pages[path])
            old = cached_digest(store, before, path in was_checked)
            if old is None:
                return None
            edited = state.pages[path] != keys.get(path)
            if with_runs and path in is_checked and not old.runs and edited:
                # An edited page checked now: what the checks read of it as checked before
                # the edit is compared too, if its runs were cached (`handbook_reuse`).
                old = cached_digest(store, before, True) or old
        if path in keys and path not in digests:
            return None
        edits[path] = (old, digests.get(path))
    try:
        return reuse(
            engine, loaded, edits, keys, is_checked, digests_of, store, cover=True,
            listed=store.listed,
        )  # fmt: skip
    except Invalid:  # a part of the state read late (`Deferred`) does not hold what it should
        return None


def _known_findings(
    known: Mapping[str, PageFindings], page: PageFile
) -> tuple[Finding, ...] | None:
    """A page's own findings as the state's base holds them (None: not there, or not read)."""
    found = known.get(page.path)
    try:
        return found.value() if found is not None else None
    except Invalid:
        return None


def _outcomes(
    engine: Engine,
    store: Store,
    checked: list[PageFile],
    context: list[PageFile],
    page_findings: dict[str, tuple[Finding, ...] | None],
    needs_digests: bool,
    need_documents: bool,
    jobs: int,
    progress: Progress,
    checked_before: Mapping[str, tuple[bytes, CheckedTree]] | None = None,
    wanted: set[str] | None = None,
) -> tuple[dict[str, PageDigest], list[Document]]:
    """Parse what the run needs: checked pages without cached findings (their findings go
    into `page_findings`), every page whose digest the handbook checks need and the cache
    does not have (of the pages `wanted`, if given), and the checked pages' trees when
    `need_documents`. Gives the digests by path and the checked trees kept (in page order)."""
    digests: dict[str, PageDigest] = {}
    trees: dict[str, Document] = {}
    work: list[tuple[PageFile, bool, bool]] = []  # (page, run its checks, is checked)
    known = checked_before or {}
    for page, is_checked in [*((p, True) for p in checked), *((p, False) for p in context)]:
        check = is_checked and page_findings.get(page.path) is None
        data, before = known.get(page.path, (None, None))
        if before is not None and page.data is None:  # `--fix` compares the bytes it saw
            read = with_bytes(page, engine.settings.max_file_size, store.key, store.stats)
            store.moved = store.moved or read is None or read.key != page.key
            page = read or page
        if check and before is not None and before.document is not None and data == page.data:
            page_findings[page.path] = before.findings
            store.save(page.key, "findings", before.findings, FINDINGS)
            if need_documents:
                trees[page.path] = before.document
            if needs_digests:
                digest = engine.digest(before.document)
                digests[page.path] = keep_digest(store, page.key, digest, is_checked)
            continue
        wants_tree = need_documents and is_checked
        if wanted is not None and page.path not in wanted and not check and not wants_tree:
            continue
        if needs_digests and not check and not wants_tree:
            cached = cached_digest(store, page, is_checked)
            if cached is not None:
                digests[page.path] = cached
                continue
        if check or wants_tree or needs_digests:
            read = with_bytes(page, engine.settings.max_file_size, store.key, store.stats)
            store.moved = store.moved or read is None or read.key != page.key
            if read is not None:
                work.append((read, check, is_checked))
    if len(work) >= MIN_PAGES_FOR_PROGRESS:
        progress.phase("jdlint: parsing pages", len(work), "page")
    done = parse_all(
        engine,
        [(p.path, p.data or b"", c, k, p.key) for p, c, k in work],
        (needs_digests, need_documents),
        jobs,
        progress,
        partial(_keep, store) if store.cache else None,
    )
    for (page, check, _is_checked), outcome in zip(work, done):
        if check:
            page_findings[page.path] = outcome.findings
        if outcome.digest is not None:  # a context page's without its runs (`parse_all`)
            digests[page.path] = outcome.digest
        if outcome.document is not None:
            trees[page.path] = outcome.document
    return digests, [trees[p.path] for p in checked if p.path in trees]


def _keep(store: Store, key: str, check: bool, is_checked: bool, outcome: PageOutcome) -> None:
    """Cache what the run keeps of a page parsed, in the process that parsed it
    (`parse_pages.Keep`): its findings, if its checks ran, and its digest."""
    if check:
        store.save(key, "findings", outcome.findings, FINDINGS)
    if outcome.digest is not None:
        keep_digest(store, key, outcome.digest, is_checked)


def _drop_bytes(pages: list[PageFile]) -> None:
    """Forget the pages' bytes once they are parsed (as for a page known by its stat): the
    handbook phase reads digests only, and a 10,000-page handbook's bytes are 30 MB."""
    pages[:] = [
        page if page.data is None else PageFile(page.path, None, page.key) for page in pages
    ]


def _result(findings: list[Finding], documents: list[Document], notes: Iterable[str]) -> RunResult:
    """The run's findings sorted (its `files` are set by `run`)."""
    findings.sort(key=Finding.sort_key)
    return RunResult(findings, [], documents, list(notes))
