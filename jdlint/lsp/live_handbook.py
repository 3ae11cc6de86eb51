"""The handbook phase of an editor buffer, kept between keystrokes.

A keystroke changes one page, the buffer. The CLI reuses the handbook state it cached on
disk (`jdlint.engine.handbook_reuse`); the language server keeps the same state in memory:
the groups of checks whose view of the buffer the keystroke left alone keep their findings,
the others run again over their views of every page, and the spelling rules judge again
what can differ. A context page saved, created or deleted since counts as an edit too. The answer is the one
`Engine.check_text` gives for the same text and context (tested).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jdlint.engine.checking import Engine
from jdlint.engine.handbook_reuse import (
    Edit,
    GroupViews,
    Loaded,
    changed_pages,
    full_phase,
    reuse,
)
from jdlint.engine.session import Session
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest


class MemoryViews:
    """`handbook_reuse.ViewCache` in memory: the views of one handbook, the latest only."""

    def __init__(self) -> None:
        self._views: dict[str, GroupViews] = {}

    def views(self, key: str) -> GroupViews | None:
        return self._views.get(key)

    def save_views(self, key: str, views: GroupViews) -> None:
        self._views[key] = views


@dataclass(frozen=True)
class _Last:
    """The state one buffer's last check left: under which session, from which digests."""

    session: Session
    loaded: Loaded
    digests: Mapping[str, PageDigest]
    views: MemoryViews


class LiveHandbook:
    """The handbook findings of each open buffer, from the state its last check left."""

    def __init__(self) -> None:
        self._last: dict[str, _Last] = {}  # by buffer path

    def findings(
        self,
        engine: Engine,
        session: Session,
        digest: PageDigest,
        keys: Mapping[str, str],
        context: list[PageDigest],
    ) -> list[Finding]:
        """The handbook findings on the buffer (`digest`) among `context`; `keys` names the
        content of each of these pages (the buffer's text, the context files' stamps)."""
        if not engine.handbook_rules:
            return []
        path = digest.path
        others = [d for d in context if d.path != path]
        current = {path: digest, **{d.path: d for d in others}}
        keys = {name: keys[name] for name in current}
        last = self._last.get(path)
        if last is not None and last.session is session:
            edits: dict[str, Edit] = {
                name: (last.digests.get(name), current.get(name))
                for name in changed_pages(last.loaded[0], keys, {path})
            }
            done = reuse(
                engine, last.loaded, edits, keys, {path}, lambda names: _of(current, names),
                last.views,
            )  # fmt: skip
            if done is not None:
                self._last[path] = _Last(session, done[2], current, last.views)
                return done[0]
        views = MemoryViews()
        found, _notes, loaded = full_phase(engine, [digest], others, keys=keys, cache=views)
        if loaded is None:  # no handbook check ran
            self._last.pop(path, None)
        else:
            self._last[path] = _Last(session, loaded, current, views)
        return found

    def forget(self, path: str) -> None:
        """A closed buffer's state is dropped."""
        self._last.pop(path, None)


def _of(current: Mapping[str, PageDigest], names: list[str]) -> dict[str, PageDigest]:
    return {name: current[name] for name in names if name in current}
