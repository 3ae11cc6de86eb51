"""Files to findings: read bytes, reuse the cache, parse and check the rest (in parallel when
there are enough pages), then run the handbook phase over every page of the handbook.

A warm run whose pages and handbook are unchanged parses nothing: per-page findings and the
handbook findings come straight from the cache. When only some pages changed, the unchanged
ones are loaded from the cache as parsed trees (reading one is several times faster than
parsing it), so the handbook checks still see the whole handbook. The handbook's entry holds
the file-system facts its checks looked up (`jdlint.handbook.file_facts`) and is reused only
while they hold.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from jdlint.engine.cache import FINDINGS, HANDBOOK, Cache
from jdlint.engine.limits import trees_kept
from jdlint.engine.progress import NoProgress, Progress
from jdlint.engine.results import PageResult, RunResult
from jdlint.findings import Finding
from jdlint.fs.decode import UnreadableFile
from jdlint.handbook.file_facts import Fact, FileFacts, still_hold
from jdlint.model import Document

if TYPE_CHECKING:
    from concurrent.futures import Future

    from jdlint.engine.checking import Engine
    from jdlint.handbook.index import HandbookIndex

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer pages than this are parsed in-process: starting a pool costs more than it saves.
MIN_PAGES_FOR_POOL = 24
#: Fewer pages than this are parsed (or indexed) without a progress bar: it would only flicker.
MIN_PAGES_FOR_PROGRESS = 100
#: The most pages sent to a worker at once.
MAX_CHUNK = 16


@dataclass(frozen=True)
class Page:
    path: str
    data: bytes
    key: str  # cache key ("" without a cache)


@dataclass(frozen=True)
class Parsed:
    document: Document | None  # None when the bytes cannot be decoded
    findings: tuple[Finding, ...]  # per-page findings, empty when the page was only parsed


class _Store:
    """The cache, or nothing: every method is a no-op without one."""

    def __init__(self, cache: Cache | None) -> None:
        self.cache = cache

    def key(self, path: str, data: bytes) -> str:
        return self.cache.key(path, data) if self.cache else ""

    def load(self, key: str | None, kind: str, expected: Any) -> Any:
        return self.cache.load(key, kind, expected) if self.cache and key else None

    def save(self, key: str | None, kind: str, value: Any, expected: Any) -> None:
        if self.cache and key:
            self.cache.store(key, kind, value, expected)

    def handbook(self, key: str | None) -> tuple[tuple[Finding, ...], tuple[str, ...]] | None:
        """The cached handbook result, if the file-system facts it depended on still hold."""
        entry = self.load(key, "handbook", HANDBOOK)
        return (entry[0], entry[1]) if entry is not None and still_hold(entry[2]) else None

    def handbook_key(self, checked: list[Page], context: list[Page]) -> str | None:
        if not self.cache:
            return None
        return self.cache.handbook_key(
            [(p.path, p.key) for p in checked], [(p.path, p.key) for p in context]
        )


def run(
    engine: Engine,
    paths: list[str],
    stdin: tuple[str, bytes] | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    need_documents: bool = False,
    progress: Progress | None = None,
    skipped: Mapping[str, UnreadableFile] | None = None,
    checked_before: Mapping[str, tuple[bytes, Parsed]] | None = None,
) -> RunResult:
    """`skipped`: pages already given up on (`--fix` ran out of time on them), reported as
    JD001 without reading them again. `checked_before`: pages `--fix` just parsed and checked,
    with the bytes it saw; a page whose bytes are still those is not parsed again. `progress`:
    the bar a terminal shows (engine/progress.py)."""
    progress = progress or NoProgress()
    try:
        return _run(
            engine,
            paths,
            stdin,
            _Store(cache),
            jobs,
            need_documents,
            progress,
            skipped,
            checked_before,
        )
    finally:
        progress.close()


def _run(
    engine: Engine,
    paths: list[str],
    stdin: tuple[str, bytes] | None,
    store: _Store,
    jobs: int,
    need_documents: bool,
    progress: Progress,
    skipped: Mapping[str, UnreadableFile] | None,
    checked_before: Mapping[str, tuple[bytes, Parsed]] | None,
) -> RunResult:
    findings: list[Finding] = []
    checked: list[Page] = []
    for path in paths:
        if skipped and path in skipped:
            findings.extend(engine.unreadable(path, skipped[path]))
            continue
        page = _read(path, engine.settings.max_file_size, store)
        if isinstance(page, UnreadableFile):
            findings.extend(engine.unreadable(path, page))
        else:
            checked.append(page)
    context: list[Page] = []
    if engine.handbook_rules:
        # Text from stdin named after a page (`--stdin-filename`) is judged in that page's
        # handbook, as `check PATH` would judge the saved page.
        named = [stdin[0]] if stdin and not stdin[0].startswith("<") else []
        for path in engine.context_paths([*paths, *named]):
            page = _read(path, engine.settings.max_file_size, store)
            if isinstance(page, Page):
                context.append(page)

    page_findings: dict[str, tuple[Finding, ...] | None] = {
        page.path: store.load(page.key, "findings", FINDINGS) for page in checked
    }
    handbook_key = store.handbook_key(checked, context) if stdin is None else None
    handbook = store.handbook(handbook_key)
    all_cached = all(found is not None for found in page_findings.values())
    handbook_ready = handbook is not None or not engine.handbook_rules
    if all_cached and handbook_ready and not need_documents and stdin is None:
        for found in page_findings.values():
            findings.extend(found or ())
        found_hb, notes = handbook or ((), ())
        return _result(engine, findings + list(found_hb), paths, None, [], notes)

    with trees_kept() as built:
        needs_trees = need_documents or bool(engine.handbook_rules)
        documents = _trees(
            engine,
            store,
            checked,
            context,
            page_findings,
            needs_trees,
            jobs,
            progress,
            checked_before,
        )
        built()
        for found in page_findings.values():
            findings.extend(found or ())

        checked_docs = [documents[p.path] for p in checked if p.path in documents]
        if stdin is not None:
            stdin_result = engine.parse_and_check(*stdin, check=True)
            findings.extend(stdin_result.findings)
            if stdin_result.document is not None:
                checked_docs.append(stdin_result.document)
        if handbook is None:
            context_docs = [documents[p.path] for p in context if p.path in documents]
            facts = FileFacts()
            reported, said = engine.handbook_phase(
                checked_docs, context_docs, jobs, progress=progress, facts=facts
            )
            handbook = (tuple(reported), tuple(said))
            store.save(handbook_key, "handbook", (*handbook, facts.record()), HANDBOOK)
        findings.extend(handbook[0])
        return _result(engine, findings, paths, stdin, checked_docs, handbook[1])


def _trees(
    engine: Engine,
    store: _Store,
    checked: list[Page],
    context: list[Page],
    page_findings: dict[str, tuple[Finding, ...] | None],
    needs_trees: bool,
    jobs: int,
    progress: Progress,
    checked_before: Mapping[str, tuple[bytes, Parsed]] | None = None,
) -> dict[str, Document]:
    """Parse what the run needs: checked pages without cached findings (their findings go
    into `page_findings`) and, for the handbook checks, every tree the cache does not have."""
    documents: dict[str, Document] = {}
    work: list[tuple[Page, bool]] = []  # (page, run the per-page checks)
    known = checked_before or {}
    for page, is_checked in [*((p, True) for p in checked), *((p, False) for p in context)]:
        check = is_checked and page_findings.get(page.path) is None
        data, parsed = known.get(page.path, (None, None))
        if check and parsed is not None and parsed.document is not None and data == page.data:
            page_findings[page.path] = parsed.findings
            store.save(page.key, "findings", parsed.findings, FINDINGS)
            documents[page.path] = parsed.document
            store.save(page.key, "document", parsed.document, Document)
            continue
        if not check and needs_trees:
            tree = store.load(page.key, "document", Document)
            if tree is not None:
                documents[page.path] = tree
                continue
        if check or needs_trees:
            work.append((page, check))
    if len(work) >= MIN_PAGES_FOR_PROGRESS:
        progress.phase("jdlint: parsing pages", len(work), "page")
    for (page, check), parsed in zip(work, _parse_all(engine, work, jobs, progress)):
        if check:
            page_findings[page.path] = parsed.findings
            store.save(page.key, "findings", parsed.findings, FINDINGS)
        if parsed.document is not None:
            documents[page.path] = parsed.document
            store.save(page.key, "document", parsed.document, Document)
    return documents


def _read(path: str, limit: int, store: _Store) -> Page | UnreadableFile:
    from jdlint.fs.decode import read_bytes

    try:
        data = read_bytes(path, limit)
    except UnreadableFile as error:
        return error
    return Page(path, data, store.key(path, data))


def _result(
    engine: Engine,
    findings: list[Finding],
    paths: list[str],
    stdin: tuple[str, bytes] | None,
    documents: list[Document],
    notes: Iterable[str],
) -> RunResult:
    findings.sort(key=Finding.sort_key)
    files = paths + ([stdin[0]] if stdin else [])
    return RunResult(findings, files, documents, list(notes))


# -- parsing, in this process or in a pool -------------------------------------------------------


def _parse_all(
    engine: Engine, work: list[tuple[Page, bool]], jobs: int, progress: Progress
) -> list[Parsed]:
    """Parse (and check) pages, with `jobs` > 1 in forked workers and this process (`_share`).

    This process parses the first page before it forks: the dictionaries, patterns and
    modules the checks load on first use are then loaded once, and the workers inherit them.
    Chunks are small (at most `MAX_CHUNK` pages), so no process is left with a long last one.
    """
    tasks = [(page.path, page.data, check) for page, check in work]
    jobs = worker_count(jobs, len(tasks))
    if jobs <= 1 or len(tasks) < MIN_PAGES_FOR_POOL or not _can_fork():
        return _work(tasks, engine, progress)
    first = _work(tasks[:1], engine, progress)
    rest = tasks[1:]
    size = max(1, min(MAX_CHUNK, len(rest) // (jobs * 32)))
    chunks = [rest[start : start + size] for start in range(0, len(rest), size)]
    jobs = worker_count(jobs, len(chunks) + 1)  # this process takes chunks too
    here = partial(_work, engine=engine)
    done = _share(chunks, jobs, here, _work, (engine,), lambda chunk: progress.advance(len(chunk)))
    return [*first, *(parsed for batch in done for parsed in batch)]


def _parsed(result: PageResult) -> Parsed:
    return Parsed(result.document, tuple(result.findings))


def usable_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the
    machine has)."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except OSError:
            pass
    return max(1, os.cpu_count() or 1)


def worker_count(jobs: int, items: int) -> int:
    """Processes to share `items` among (this one included): never more than asked for, than
    there are items, or than CPUs to run them (`-j 1000` on 100 pages forks one worker on a
    2-CPU machine, not 999)."""
    return max(1, min(jobs, items, usable_cpus()))


def _can_fork() -> bool:
    """Workers inherit the engine (rules, packs, settings) by forking; elsewhere run serially."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix"


def run_handbook_rules(
    engine: Engine,
    index: HandbookIndex,
    jobs: int,
    progress: Progress | None = None,
    facts: FileFacts | None = None,
) -> tuple[list[Finding], list[str]]:
    """Handbook checks, and the run notes. Groups of checks are independent of each other:
    with several CPUs they are shared with forked workers that inherit the built index
    (nothing is pickled but findings, notes and what a worker looked up on disk, which goes
    into `facts`: the index's sites record into their copy of it)."""
    groups = engine.handbook_groups()
    pages = len(index.documents)
    jobs = worker_count(jobs, len(groups))
    progress = progress or NoProgress()
    if pages >= MIN_PAGES_FOR_PROGRESS:
        progress.phase(f"jdlint: handbook checks ({pages} pages)", len(groups), "check")
    if jobs <= 1 or len(groups) < 2 or pages < MIN_PAGES_FOR_POOL or not _can_fork():
        results = []
        for group in groups:
            results.append(engine.run_handbook_group(group, index))
            progress.advance()
    else:
        shared = facts if facts is not None else FileFacts()

        def here(group: tuple[int, ...]) -> tuple[list[Finding], list[str], tuple[Fact, ...]]:
            return (*engine.run_handbook_group(group, index), ())

        done = _share(
            groups,
            jobs,
            here,
            _group_work,
            (engine, index, shared),
            lambda _: progress.advance(),
        )
        for _found, _notes, seen in done:
            shared.absorb(seen)
        results = [(found, notes) for found, notes, _seen in done]
    findings = [finding for found, _ in results for finding in found]
    return findings, [note for _, notes in results for note in notes]


def _share(
    items: list[Item],
    jobs: int,
    here: Callable[[Item], Result],
    there: Callable[[Item], Result],
    inherited: tuple[Any, ...],
    done_with: Callable[[Item], object] = lambda item: None,
) -> list[Result]:
    """`here` (in this process) or `there` (in a worker) of each item, in the items' order.

    `jobs - 1` forked workers take items from the front; this process takes them from the
    back, every item no worker has started yet. Results made here need no pickling, and this
    process works instead of waiting for the workers.
    """
    import multiprocessing  # only runs with a pool pay for these imports
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        jobs - 1, mp_context=context, initializer=_adopt, initargs=inherited
    ) as pool:
        futures = [pool.submit(there, item) for item in items]
        for item, future in zip(items, futures):
            future.add_done_callback(_when_worked(item, done_with))
        done: dict[int, Result] = {}
        for position in reversed(range(len(items))):
            if not futures[position].cancel():
                break  # workers take items in order: every earlier one is taken too
            done[position] = here(items[position])
            done_with(items[position])
        return [
            done[position] if position in done else future.result()
            for position, future in enumerate(futures)
        ]


def _when_worked(item: Item, done_with: Callable[[Item], object]) -> Callable[[Future[Any]], None]:
    """A future's callback: report `item` done unless this process took it back (cancelled)."""

    def callback(future: Future[Any]) -> None:
        if not future.cancelled():
            done_with(item)

    return callback


#: What a pool worker process inherited from its parent, set once by `_adopt` at its start.
_WORKER: list[Any] = []


def _adopt(engine: Engine, index: HandbookIndex | None = None, facts: Any = None) -> None:
    _WORKER[:] = [engine, index, facts]


def _work(
    chunk: list[tuple[str, bytes, bool]],
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> list[Parsed]:
    """Parse and check a chunk of pages, with the given engine or the one a worker inherited."""
    engine = engine or _WORKER[0]
    out = []
    for task in chunk:
        out.append(_parsed(engine.parse_and_check(*task)))
        if progress is not None:
            progress.advance()
    return out


def _group_work(group: tuple[int, ...]) -> tuple[list[Finding], list[str], tuple[Fact, ...]]:
    found, notes = _WORKER[0].run_handbook_group(group, _WORKER[1])
    return found, notes, _WORKER[2].record()
