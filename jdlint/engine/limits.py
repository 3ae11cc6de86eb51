"""Per-file resource guards: a time limit, so one pathological page cannot hang a CI run,
and pauses of the cyclic garbage collector while trees are built.

The limit is a SIGALRM timer: it interrupts pure-Python code and `re` matching alike (both
check for signals), which a cooperative deadline polled by the parser could not. Where there
is no SIGALRM (Windows) or the engine runs outside the main thread (an editor server), the
limit is not enforced and the file-size limit is the only guard.
"""

from __future__ import annotations

import gc
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


class FileTimeout(Exception):
    """Raised inside the work on one file when its time is up; becomes a JD001 finding."""


def can_enforce() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `FileTimeout` in the body once `seconds` have passed (None or 0: no limit).

    The previous SIGALRM handler and timer are restored afterwards, so the limit nests
    inside tools that use the same timer for their own purposes.
    """
    if not seconds or seconds <= 0 or not can_enforce():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise FileTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one page is parsed and checked.

    A large page (a 100,000-row table) creates millions of small objects at once; every full
    collection re-scans all of them, which made building such a tree quadratic. Parsing makes
    little cyclic garbage, so collection can wait until the page is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def trees_kept() -> Iterator[Callable[[], None]]:
    """Parse a run's pages with the cyclic collector paused, then keep what they left (the
    digests, and the trees `export` and `report` ask for) out of its way.

    Each collection of the oldest generation re-scanned everything a run keeps: 15% of a
    1,000-page run when it kept every tree. Trees and digests hold no reference cycles (a
    tree in one would be frozen with the rest and kept to the end: `tests/test_memory.py`),
    and the parse collects the youngest generation after each page
    (`jdlint.engine.parse_pages`); the callable this yields (call it once the pages are
    parsed) freezes what is kept out of the collector's sight and resumes collection. At the
    end it is unfrozen, so a long-lived process (an editor server) collects it as usual.
    A process that froze objects itself is left alone.
    """
    enabled = gc.isenabled()
    ours = gc.get_freeze_count() == 0
    gc.disable()

    def built() -> None:
        if ours:
            gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield built
    finally:
        if ours:
            gc.unfreeze()
        if enabled:
            gc.enable()


def settle_heap() -> None:
    """Collect, then move every object alive out of the cyclic collector's sight
    (`gc.freeze`): for a long-lived process (the language server) once it has read a
    handbook's context pages. Each collection of the oldest generation otherwise re-scans
    those thousands of digests; on a keystroke in a 1,000-page handbook that was 0.08 s, on
    one keystroke in two. Frozen objects are still freed when their last reference goes (a
    digest replaced by a newer one); only reference cycles among them would stay, and the
    collection first clears the ones alive now."""
    gc.collect()
    gc.freeze()
