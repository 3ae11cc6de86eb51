"""One editor buffer checked as `jdlint check FILE` would check the saved file.

The language server (`jdlint.lsp.server`) wraps this; it holds no protocol types, so it can be read and
reasoned about on its own. Settings are found from the buffer's path (the closest config file),
and a session is reused until that config file changes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jdlint import api
from jdlint.config.settings import find_config
from jdlint.document.chunks import ChunkMemo
from jdlint.engine.cache import open_cache
from jdlint.engine.checking import Engine
from jdlint.engine.limits import settle_heap
from jdlint.engine.node_findings import NodeFindings
from jdlint.engine.page_files import PageFile, read_page, with_bytes
from jdlint.engine.session import Session
from jdlint.engine.store import Store, cached_digest, keep_digest
from jdlint.findings import Finding
from jdlint.handbook.digest import PageDigest
from jdlint.lsp.live_handbook import LiveHandbook
from jdlint.registry import load_registry
from jdlint.rules import Rule


@dataclass(frozen=True)
class Checked:
    """The findings of one buffer version and the text their fix offsets index into."""

    path: str
    text: str  # the buffer with "\n" line endings, as the checks saw it
    findings: tuple[Finding, ...]
    session: Session


class BufferChecker:
    """`settle_heap`: freeze the heap once context pages were read (`limits.settle_heap`),
    which only the process that owns its heap should ask for (the server does)."""

    def __init__(self, extra_rules: Sequence[Rule] = (), settle_heap: bool = False) -> None:
        self._extra = tuple(extra_rules)
        self._settle_heap = settle_heap
        # By config file: its mtime, the session it gives and that session's engine
        self._sessions: dict[str, tuple[int, Session, Engine]] = {}
        self._context = ContextPages()
        self._handbook = LiveHandbook()
        # Per buffer: its last version's chunks and node-only findings
        self._chunks: dict[str, ChunkMemo] = {}
        self._kept: dict[str, NodeFindings] = {}

    def session_for(self, path: str) -> Session:
        """Raises ConfigError for a broken config file, as the CLI would."""
        return self._engine_for(path)[0]

    def _engine_for(self, path: str) -> tuple[Session, Engine]:
        """The session of the buffer's config file and one engine for it while the file is
        unchanged: what the engine has found on the buffer's last version (its node-only
        checks' findings, its context pages' digests) is kept for that engine only."""
        config = find_config(Path(path))
        mtime = config.stat().st_mtime_ns if config else 0
        cached = self._sessions.get(str(config))
        if cached is None or cached[0] != mtime:
            session = self._prepare(Path(path), config)
            cached = (mtime, session, api.engine_for(session))
            self._sessions[str(config)] = cached
        return cached[1], cached[2]

    def _prepare(self, path: Path, config: Path | None) -> Session:
        session = api.open_session(path, config)
        if not self._extra:
            return session
        # Extra rules (tests, embedding tools) run alongside the configured selection.
        registry = load_registry(extra=self._extra)
        selected = session.selected | {item.meta.code for item in self._extra}
        return Session(session.settings, registry, selected)

    def check(self, path: str, text: str) -> Checked:
        """The buffer's findings, handbook-wide ones (JD502, cross-page JD402) included: the
        rest of its handbook is read from disk, each page parsed once while it is unchanged,
        and the handbook checks rerun only where the buffer's edit can change their answer
        (`LiveHandbook`): what `api.check_text` gives, sooner."""
        session, engine = self._engine_for(path)
        normalised = text.replace("\r\n", "\n")
        parsed = self._context.parsed
        paths = engine.context_paths([path])
        context = self._context.digests(engine, paths, partial(_store, path, session, engine))
        if self._settle_heap and self._context.parsed != parsed:
            settle_heap()
        data = text.encode("utf-8")
        memo = self._chunks.setdefault(path, ChunkMemo())
        kept = self._kept.setdefault(path, NodeFindings())
        page = engine.parse_and_check(path, data, check=True, memo=memo, kept=kept)
        found = list(page.findings)
        if page.document is not None:
            keys = {**self._context.keys(), path: hashlib.sha256(data).hexdigest()}
            digest = engine.digest(page.document)
            found += self._handbook.findings(engine, session, digest, keys, context)
        findings = sorted(found, key=Finding.sort_key)
        return Checked(path, normalised, tuple(findings), session)

    def forget(self, path: str) -> None:
        """The buffer was closed: its handbook state, chunks and findings are dropped."""
        self._handbook.forget(path)
        self._chunks.pop(path, None)
        self._kept.pop(path, None)

    def fix_all(self, path: str, text: str) -> str:
        """The buffer with every safe fix applied (to a fixed point), in its own line endings:
        the same path as `--fix` (time limit, audit); the buffer unchanged if that gives up."""
        from jdlint.fix.files import fix_source
        from jdlint.fs.decode import UnreadableFile

        engine = self._engine_for(path)[1]
        try:
            return fix_source(path, text, engine).result.text
        except UnreadableFile:
            return text


class ContextPages:
    """The other pages of a buffer's handbook, read once and kept (as digests, not trees)
    while their file is unchanged (size and mtime) and the engine the same (a config edit
    can change every page's digest), so typing re-runs the handbook checks, not the parser.
    A page is read through the run's cache (`jdlint check` and the server share it): its
    digest comes from there when its bytes (or, as a run reads context pages, its stat) are
    those the cache saw, else it is parsed and its digest stored, so the server starts warm
    where the command line or a hook has been, and the other way round."""

    def __init__(self) -> None:
        self._digests: dict[str, tuple[tuple[int, int], PageDigest | None]] = {}
        self._engine: Engine | None = None
        self.parsed = 0  # pages read so far (each new or changed page once)

    def keys(self) -> dict[str, str]:
        """What names each kept page's content (its stamp), for `LiveHandbook`."""
        return {path: f"{stamp[0]}:{stamp[1]}" for path, (stamp, _d) in self._digests.items()}

    def digests(
        self, engine: Engine, paths: list[str], open_store: Callable[[], Store]
    ) -> list[PageDigest]:
        """The digests of the pages `paths`; `open_store` opens the cache, once a page must
        be read."""
        if engine is not self._engine:
            self._digests, self._engine = {}, engine
        out: list[PageDigest] = []
        kept: dict[str, tuple[tuple[int, int], PageDigest | None]] = {}
        store: Store | None = None
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                continue
            stamp = (info.st_mtime_ns, info.st_size)
            known = self._digests.get(path)
            if known is None or known[0] != stamp:
                store = store or open_store()
                known = (stamp, _read(engine, path, store))
                self.parsed += 1
            kept[path] = known
            if known[1] is not None:
                out.append(known[1])
        self._digests = kept  # pages that left the handbook are forgotten
        if store is not None:
            store.stats.save()
        return out


def _store(path: str, session: Session, engine: Engine) -> Store:
    """The cache a `jdlint check` of the buffer's handbook uses, as the runner reads it."""
    return Store(open_cache(Path(path), session.fingerprint()), engine.settings)


def _read(engine: Engine, path: str, store: Store) -> PageDigest | None:
    """A context page's digest: the cache's, else the page parsed (and its digest kept)."""
    limit = engine.settings.max_file_size
    page = read_page(path, limit, store.key, store.stats, by_stat=True)
    if not isinstance(page, PageFile):
        return None
    digest = cached_digest(store, page, is_checked=False)
    if digest is not None:
        return digest
    read = with_bytes(page, limit, store.key, store.stats)
    if read is None or read.data is None:
        return None
    document = engine.parse_and_check(path, read.data, check=False).document
    if document is None:
        return None
    return keep_digest(store, read.key, engine.digest(document), is_checked=False)
