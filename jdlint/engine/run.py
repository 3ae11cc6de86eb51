"""Files to findings: read bytes, reuse the cache, parse and check the rest (in parallel when
there are enough pages), then run the handbook phase over the digests of the whole handbook.

A warm run whose pages and handbook are unchanged parses nothing: per-page findings and the
handbook findings come straight from the cache. When only some pages changed, only those are
parsed: every other page's digest (`jdlint.handbook.digest`, what the handbook checks read)
comes from the cache, so the handbook checks still see the whole handbook without a tree of
it. A tree lives only while its own page's checks run (and for `export` / `report`, which ask
for the checked pages' trees); workers send back digests and findings. The handbook's entry
holds the file-system facts its checks looked up (`jdlint.handbook.file_facts`) and is reused
only while they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from jdlint.engine.cache import FINDINGS, HANDBOOK, Cache
from jdlint.engine.digests import with_runs, without_runs
from jdlint.engine.limits import trees_kept
from jdlint.engine.page_files import PageFile, read_page, with_bytes
from jdlint.engine.page_keys import respelled_digest, respelled_findings
from jdlint.engine.parse_pages import parse_all
from jdlint.engine.pool import MIN_PAGES_FOR_PROGRESS
from jdlint.engine.progress import NoProgress, Progress
from jdlint.engine.results import CheckedTree, RunResult
from jdlint.engine.stat_table import StatTable
from jdlint.findings import Finding
from jdlint.fs.decode import UnreadableFile
from jdlint.handbook.digest import PageDigest, Run
from jdlint.handbook.file_facts import FileFacts, still_hold
from jdlint.model import Document

if TYPE_CHECKING:
    from jdlint.config.settings import Settings
    from jdlint.engine.checking import Engine

#: A checked page's inline runs, cached apart from its digest (context pages need none).
RUNS = tuple[Run, ...]


class _Store:
    """The cache, or nothing: every method is a no-op without one."""

    def __init__(self, cache: Cache | None, settings: Settings | None = None) -> None:
        self.cache = cache
        self.settings = settings
        self.stats = StatTable(cache, settings)
        # A page known by its stat whose bytes, read later, gave another key: the handbook
        # phase then saw other pages than its key names, and its result is not stored.
        self.moved = False

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
        return (entry[0], entry[1]) if entry is not None and still_hold(entry[2]) else None

    def handbook_key(self, checked: list[PageFile], context: list[PageFile]) -> str | None:
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
    checked_before: Mapping[str, tuple[bytes, CheckedTree]] | None = None,
) -> RunResult:
    """`skipped`: pages already given up on (`--fix` ran out of time on them), reported as
    JD001 without reading them again. `checked_before`: pages `--fix` just parsed and checked,
    with the bytes it saw; a page whose bytes are still those is not parsed again. `progress`:
    the bar a terminal shows (engine/progress.py). `need_documents`: keep the checked pages'
    trees in the result (export, report)."""
    progress = progress or NoProgress()
    store = _Store(cache, engine.settings)
    try:
        findings: list[Finding] = []
        checked: list[PageFile] = []
        for path in paths:
            if skipped and path in skipped:
                findings.extend(engine.unreadable(path, skipped[path]))
                continue
            page = read_page(path, engine.settings.max_file_size, store.key, store.stats)
            if isinstance(page, UnreadableFile):
                findings.extend(engine.unreadable(path, page))
            else:
                checked.append(page)
        context: list[PageFile] = []
        if engine.handbook_rules:
            # Text from stdin named after a page (`--stdin-filename`) is judged in that page's
            # handbook, as `check PATH` would judge the saved page.
            named = [stdin[0]] if stdin and not stdin[0].startswith("<") else []
            for path in engine.context_paths([*paths, *named]):
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
    store: _Store,
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
    page_findings: dict[str, tuple[Finding, ...] | None] = {
        page.path: store.findings(page) for page in checked
    }
    handbook_key = store.handbook_key(checked, context) if stdin is None else None
    handbook = store.handbook(handbook_key)
    all_cached = all(found is not None for found in page_findings.values())
    handbook_ready = handbook is not None or not engine.handbook_rules
    if all_cached and handbook_ready and not need_documents and stdin is None:
        for found in page_findings.values():
            findings.extend(found or ())
        found_hb, notes = handbook or ((), ())
        return _result(findings + list(found_hb), [], notes)

    needs_digests = bool(engine.handbook_rules) and handbook is None
    digests, documents = _outcomes(
        engine, store, checked, context, page_findings, needs_digests, need_documents, jobs,
        progress, checked_before,
    )  # fmt: skip
    built()
    _drop_bytes(checked)
    _drop_bytes(context)
    for found in page_findings.values():
        findings.extend(found or ())
    checked_digests = [digests[p.path] for p in checked if p.path in digests]
    if stdin is not None:
        stdin_result = engine.parse_and_check(*stdin, check=True)
        findings.extend(stdin_result.findings)
        if stdin_result.document is not None:
            documents.append(stdin_result.document)
            if engine.handbook_rules:
                checked_digests.append(engine.digest(stdin_result.document))
    if handbook is None:
        context_digests = [digests[p.path] for p in context if p.path in digests]
        facts = FileFacts()
        reported, said = engine.handbook_phase(
            checked_digests, context_digests, jobs, progress=progress, facts=facts
        )
        handbook = (tuple(reported), tuple(said))
        if not store.moved:
            store.save(handbook_key, "handbook", (*handbook, facts.record()), HANDBOOK)
    findings.extend(handbook[0])
    return _result(findings, documents, handbook[1])


def _outcomes(
    engine: Engine,
    store: _Store,
    checked: list[PageFile],
    context: list[PageFile],
    page_findings: dict[str, tuple[Finding, ...] | None],
    needs_digests: bool,
    need_documents: bool,
    jobs: int,
    progress: Progress,
    checked_before: Mapping[str, tuple[bytes, CheckedTree]] | None = None,
) -> tuple[dict[str, PageDigest], list[Document]]:
    """Parse what the run needs: checked pages without cached findings (their findings go
    into `page_findings`), every page whose digest the handbook checks need and the cache
    does not have, and the checked pages' trees when `need_documents`. Gives the digests by
    path and the checked trees kept (in page order)."""
    digests: dict[str, PageDigest] = {}
    trees: dict[str, Document] = {}
    work: list[tuple[PageFile, bool, bool]] = []  # (page, run its checks, is checked)
    known = checked_before or {}
    for page, is_checked in [*((p, True) for p in checked), *((p, False) for p in context)]:
        check = is_checked and page_findings.get(page.path) is None
        data, before = known.get(page.path, (None, None))
        if check and before is not None and before.document is not None and data == page.data:
            page_findings[page.path] = before.findings
            store.save(page.key, "findings", before.findings, FINDINGS)
            if need_documents:
                trees[page.path] = before.document
            if needs_digests:
                digest = engine.digest(before.document)
                digests[page.path] = _keep_digest(store, page, digest, is_checked)
            continue
        wants_tree = need_documents and is_checked
        if needs_digests and not check and not wants_tree:
            cached = _cached_digest(store, page, is_checked)
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
        [(p.path, p.data or b"", c, k) for p, c, k in work],
        (needs_digests, need_documents),
        jobs,
        progress,
    )
    for (page, check, is_checked), outcome in zip(work, done):
        if check:
            page_findings[page.path] = outcome.findings
            store.save(page.key, "findings", outcome.findings, FINDINGS)
        if outcome.digest is not None:
            digests[page.path] = _keep_digest(store, page, outcome.digest, is_checked)
        if outcome.document is not None:
            trees[page.path] = outcome.document
    return digests, [trees[p.path] for p in checked if p.path in trees]


def _drop_bytes(pages: list[PageFile]) -> None:
    """Forget the pages' bytes once they are parsed (as for a page known by its stat): the
    handbook phase reads digests only, and a 10,000-page handbook's bytes are 30 MB."""
    pages[:] = [PageFile(page.path, None, page.key) for page in pages]


def _cached_digest(store: _Store, page: PageFile, is_checked: bool) -> PageDigest | None:
    """A page's digest from the cache, with its inline runs if it is checked (None: a miss)."""
    digest = store.digest(page)
    if digest is None or not is_checked:
        return digest
    runs = store.load(page.key, "runs", RUNS)
    return with_runs(digest, runs) if runs is not None else None


def _keep_digest(store: _Store, page: PageFile, digest: PageDigest, is_checked: bool) -> PageDigest:
    """Cache a page's digest (and, for a checked page, its runs apart): what the run keeps."""
    store.save(page.key, "digest", without_runs(digest), PageDigest)
    if not is_checked:
        return without_runs(digest)
    store.save(page.key, "runs", digest.runs, RUNS)
    return digest


def _result(findings: list[Finding], documents: list[Document], notes: Iterable[str]) -> RunResult:
    """The run's findings sorted (its `files` are set by `run`)."""
    findings.sort(key=Finding.sort_key)
    return RunResult(findings, [], documents, list(notes))
