"""Progress of a long run, on stderr when a person is watching it.

A 3,000-page handbook takes tens of seconds; silence that long looks like a hang. The bar is
drawn only when stderr is a terminal and the run is not in CI (CI logs would fill with bar
redraws, and piped output must stay machine-readable), and only for phases over enough pages
(`run.MIN_PAGES_FOR_PROGRESS`), so a quick run prints nothing. tqdm draws it; it is imported
only when a bar is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    def phase(self, name: str, total: int, unit: str) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    """What every run uses unless a terminal is watching it."""

    def phase(self, name: str, total: int, unit: str) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class BarProgress:
    """One tqdm bar per phase (pages parsed, handbook checks), cleared when it ends."""

    def __init__(self, stream: TextIO, redraw: float = 0.1) -> None:
        self.stream = stream
        self.redraw = redraw  # seconds between redraws at most
        self._bar: Any = None

    def phase(self, name: str, total: int, unit: str) -> None:
        from tqdm import tqdm

        self.close()
        self._bar = tqdm(
            total=total,
            desc=name,
            unit=unit,
            file=self.stream,
            leave=False,
            dynamic_ncols=True,
            mininterval=self.redraw,
            miniters=1,
        )

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def terminal_progress(stream: TextIO, environ: Mapping[str, str]) -> Progress:
    """A bar on `stream` if it is a terminal outside CI (`CI`, `TERM=dumb`), else nothing."""
    interactive = hasattr(stream, "isatty") and stream.isatty()
    in_ci = bool(environ.get("CI")) or environ.get("TERM") == "dumb"
    if not interactive or in_ci:
        return NoProgress()
    return BarProgress(stream)
