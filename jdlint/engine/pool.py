"""Sharing work between this process and forked workers: parsing chunks of pages, running
groups of handbook checks.

Workers are forked, so they inherit the engine (rules, packs, settings, loaded dictionaries)
instead of receiving it pickled; what comes back is small (digests and findings, never trees).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from jdlint.engine.progress import NoProgress, Progress
from jdlint.findings import Finding
from jdlint.handbook.file_facts import Facts, FileFacts

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
#: More pages than this and the handbook checks run in this process only. A worker forked
#: after the index is built reads every digest, and each reference it takes writes to the
#: page that holds the object: it ends up with its own copy of most of the parent's heap
#: (at 10,000 pages the summed PSS of `-j 2` was 949 MiB for a 570 MiB parent), to save a
#: part of the handbook phase, which is about an eighth of a cold run.
MAX_PAGES_FOR_HANDBOOK_POOL = 2_000


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


def can_fork() -> bool:
    """Workers inherit the engine (rules, packs, settings) by forking; elsewhere run serially."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix"


def run_handbook_rules(
    engine: Engine,
    index: HandbookIndex,
    jobs: int,
    progress: Progress | None = None,
    facts: FileFacts | None = None,
    groups: list[tuple[int, ...]] | None = None,
    everywhere: Collection[tuple[int, ...]] = (),
    keep: Callable[[tuple[int, ...]], None] | None = None,
) -> list[tuple[list[Finding], dict[str, int]]]:
    """The findings and links left unjudged of each group of handbook checks
    (`Engine.run_handbook_group`; `groups`, default all), in
    the groups' order. Groups of checks are independent of each other: with several CPUs they
    are shared with forked workers that inherit the built index (nothing is pickled but
    findings, counts and what a worker looked up on disk, which goes into `facts`: the index's
    sites record into their copy of it). The groups `everywhere` report on every page of the
    index as if it were checked (`HandbookIndex.every_page_checked`). `keep` is called with
    each group once it ran, in the process that ran it (it caches what the group read)."""
    groups = engine.handbook_groups() if groups is None else groups
    pages = len(index.digests)
    jobs = worker_count(jobs, len(groups))
    progress = progress or NoProgress()
    if pages >= MIN_PAGES_FOR_PROGRESS:
        progress.phase(f"jdlint: handbook checks ({pages} pages)", len(groups), "check")
    if (
        jobs <= 1
        or len(groups) < 2
        or not MIN_PAGES_FOR_POOL <= pages <= MAX_PAGES_FOR_HANDBOOK_POOL
        or not can_fork()
    ):
        results = []
        for group in groups:
            results.append(_ran(engine, index, everywhere, keep, group))
            progress.advance()
    else:
        shared = facts if facts is not None else FileFacts()

        def here(
            group: tuple[int, ...],
        ) -> tuple[list[Finding], dict[str, int], Facts]:
            return (*_ran(engine, index, everywhere, keep, group), ())

        done = share(
            groups,
            jobs,
            here,
            _group_work,
            Inherited(engine, index, shared, frozenset(everywhere), keep),
            lambda _: progress.advance(),
        )
        for _found, _outside, seen in done:
            shared.absorb(seen)
        results = [(found, outside) for found, outside, _seen in done]
    return results


def share(
    items: list[Item],
    jobs: int,
    here: Callable[[Item], Result],
    there: Callable[[Item], Result],
    inherited: Inherited,
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
        jobs - 1, mp_context=context, initializer=_adopt, initargs=(inherited,)
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


@dataclass(frozen=True)
class Inherited:
    """What a pool worker takes over from its parent when it is forked (never pickled)."""

    engine: Engine
    index: HandbookIndex | None = None  # the handbook checks' index
    facts: Any = None  # where the handbook checks record what they look up on disk
    everywhere: Collection[tuple[int, ...]] = ()  # see `run_handbook_rules`
    # What the worker does with each item once done (a page parsed, a group of checks run),
    # there and then: it caches what the item gave.
    keep: Any = None


#: What this pool worker process inherited from its parent, set once by `_adopt` at its start.
_WORKER: list[Inherited] = []


def worker_engine() -> Engine:
    """The engine a pool worker inherited (set by `_adopt` when the worker started)."""
    return _WORKER[0].engine


def worker_keep() -> Any:
    """What a pool worker does with each item once done, as its parent said (or None)."""
    return _WORKER[0].keep


def _adopt(inherited: Inherited) -> None:
    _WORKER[:] = [inherited]


def _group_work(group: tuple[int, ...]) -> tuple[list[Finding], dict[str, int], Facts]:
    inherited = _WORKER[0]
    assert inherited.index is not None  # a pool of handbook checks inherits their index
    found = _ran(inherited.engine, inherited.index, inherited.everywhere, inherited.keep, group)
    return (*found, inherited.facts.record())


def _ran(
    engine: Engine,
    index: HandbookIndex,
    everywhere: Collection[tuple[int, ...]],
    keep: Callable[[tuple[int, ...]], None] | None,
    group: tuple[int, ...],
) -> tuple[list[Finding], dict[str, int]]:
    """One group of handbook checks run, and kept (`keep`) where it ran."""
    found = engine.run_handbook_group(group, _index_for(index, group, everywhere))
    if keep is not None:
        keep(group)
    return found


def _index_for(
    index: HandbookIndex, group: tuple[int, ...], everywhere: Collection[tuple[int, ...]]
) -> HandbookIndex:
    return index.every_page_checked() if group in everywhere else index
