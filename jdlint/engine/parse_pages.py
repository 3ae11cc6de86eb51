"""Parsing pages, in this process or shared with forked workers (`jdlint.engine.pool`).

A worker sends back what the run keeps of a page (`PageOutcome`): its digest and findings,
never its tree unless the run asked for trees (export, report). It writes the page's cache
entries itself (`Keep`), so that encoding them is shared out as the parsing is.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from jdlint.engine.digests import without_runs
from jdlint.engine.pool import (
    MIN_PAGES_FOR_POOL,
    Inherited,
    can_fork,
    share,
    worker_count,
    worker_engine,
    worker_keep,
)
from jdlint.engine.progress import Progress
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest
from jdlint.model import Document

if TYPE_CHECKING:
    from jdlint.engine.checking import Engine

#: The most pages sent to a worker at once.
MAX_CHUNK = 16


@dataclass(frozen=True)
class PageOutcome:
    """What parsing a page gives the run: its digest (None when the bytes cannot be decoded
    or no handbook check runs), its per-page findings (empty when it was only digested) and
    its tree only when the run was asked to keep trees."""

    digest: PageDigest | None
    findings: tuple[Finding, ...]
    document: Document | None = None


#: What a parse keeps besides findings: (the digest, the tree).
_Wanted = tuple[bool, bool]
#: What the run does with a page's outcome in the process that parsed it (a worker or this
#: one), given the page's cache key, whether its checks ran and whether it is checked: it
#: writes the page's cache entries, whose encoding is then shared between the processes too
#: (a sixth of a cold run, in this process only before).
Keep = Callable[[str, bool, bool, PageOutcome], None]


def parse_all(
    engine: Engine,
    work: list[tuple[str, bytes, bool, bool, str]],
    wanted: _Wanted,
    jobs: int,
    progress: Progress,
    keep: Keep | None = None,
) -> list[PageOutcome]:
    """Parse (and check) pages, with `jobs` > 1 in forked workers and this process (`share`);
    `work`: (path, bytes, run its checks, is checked, cache key) of each page, and `keep`
    called on each page's outcome where it was parsed.

    This process parses the first page before it forks: the dictionaries, patterns and
    modules the checks load on first use are then loaded once, and the workers inherit them.
    No other tree exists yet when it forks, and none is kept after its page is done (unless
    `wanted` asks for trees), so the workers share the parent's heap instead of copying it.
    Chunks are small (at most `MAX_CHUNK` pages), so no process is left with a long last one.
    """
    tasks = [(*task, wanted) for task in work]
    jobs = worker_count(jobs, len(tasks))
    if jobs <= 1 or len(tasks) < MIN_PAGES_FOR_POOL or not can_fork():
        return _work(tasks, engine, progress, keep)
    first = _work(tasks[:1], engine, progress, keep)
    rest = tasks[1:]
    size = max(1, min(MAX_CHUNK, len(rest) // (jobs * 32)))
    chunks = [rest[start : start + size] for start in range(0, len(rest), size)]
    jobs = worker_count(jobs, len(chunks) + 1)  # this process takes chunks too
    here = partial(_work, engine=engine, keep=keep)
    inherited = Inherited(engine, keep=keep)
    done = share(chunks, jobs, here, _work, inherited, lambda chunk: progress.advance(len(chunk)))
    return [*first, *(outcome for batch in done for outcome in batch)]


def _work(
    chunk: list[tuple[str, bytes, bool, bool, str, _Wanted]],
    engine: Engine | None = None,
    progress: Progress | None = None,
    keep: Keep | None = None,
) -> list[PageOutcome]:
    """Parse and check a chunk of pages, with the given engine or the one a worker inherited;
    each tree is dropped once its digest is taken (unless it is wanted), and a page that is
    only context keeps no inline runs.

    A run parses with the cyclic collector paused (`jdlint.engine.limits.trees_kept`): a
    page whose tree is caught in a reference cycle (an exception's traceback, a recursive
    closure) would then stay until the end. The youngest generation, which holds only what
    was made since the previous page, is collected after each page instead: it costs about
    one page's objects, and survivors (the digests) are not looked at again."""
    if engine is None:  # in a worker: what its parent gave it
        engine, keep = worker_engine(), worker_keep()
    out = []
    for path, data, check, is_checked, key, (wants_digest, wants_tree) in chunk:
        result = engine.parse_and_check(path, data, check)
        document = result.document
        digest = engine.digest(document) if wants_digest and document is not None else None
        if digest is not None and not is_checked:
            digest = without_runs(digest)
        outcome = PageOutcome(digest, tuple(result.findings), document if wants_tree else None)
        if keep is not None:
            keep(key, check, is_checked, outcome)
        out.append(outcome)
        del result, document, digest, outcome
        if not gc.isenabled():
            gc.collect(0)
        if progress is not None:
            progress.advance()
    return out
