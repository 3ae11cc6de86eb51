"""The one way in: open a session, check paths, check text, fix paths.

The command line, the language server, `export`, `report`, the rule-case runner
(`jdlint.testing`), the benchmarks and the tests call these functions instead of wiring
settings, a registry and an engine by hand, so that every entry point checks a page the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from jdlint.config.settings import Settings
from jdlint.engine.cache import Cache
from jdlint.engine.checking import Engine
from jdlint.engine.progress import Progress
from jdlint.engine.results import RunResult
from jdlint.engine.session import Session, prepare
from jdlint.findings import Finding, Severity
from jdlint.fs.discover import discover
from jdlint.handbook.digest import PageDigest
from jdlint.registry import load_registry
from jdlint.rulepacks.loader import load_packs
from jdlint.rules import Rule

if TYPE_CHECKING:  # the fix and run modules load only when a command needs them
    from jdlint.engine.results import CheckedTree
    from jdlint.fix.files import FixRun
    from jdlint.fs.decode import UnreadableFile

__all__ = [
    "Session",
    "check_pages",
    "check_paths",
    "check_text",
    "check_with_pages",
    "discover_files",
    "engine_for",
    "fix_paths",
    "open_session",
    "session_for_rules",
]


def open_session(
    anchor: str | Path = ".",
    config: str | Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
    fail_on: Severity | None = None,
) -> Session:
    """Settings from `config` (else the closest config file at or above `anchor`), the rules
    they load and the selection they make, as `jdlint check` would use them."""
    return prepare(
        Path(anchor),
        Path(config) if config is not None else None,
        tuple(select) if select is not None else None,
        tuple(ignore) if ignore is not None else None,
        tuple(extend_select) if extend_select is not None else None,
        fail_on=fail_on,
    )


def session_for_rules(
    codes: Sequence[str],
    settings: Settings | None = None,
    extra: Sequence[Rule] = (),
    plugins: bool = False,
) -> Session:
    """A session that runs the rules `codes` and those the settings' `extend-select` adds (tests
    and rule authors): given settings or the defaults, never a config file found on disk."""
    chosen = replace(settings or Settings(), path=None)
    registry = load_registry(extra=[*load_packs(chosen), *extra], plugins=plugins)
    also = registry.selected([], (), chosen.extend_select) if chosen.extend_select else frozenset()
    return Session(chosen, registry, frozenset(codes) | also)


def engine_for(session: Session) -> Engine:
    return Engine(session.settings, session.registry, session.selected)


def discover_files(session: Session, paths: Sequence[str]) -> list[str]:
    """The pages under `paths` (default: the current folder) that the session's excludes keep."""
    settings = session.settings
    base = settings.path.parent if settings.path else Path.cwd()
    return discover(
        list(paths) or ["."], settings.exclude, base, settings.include, settings.force_exclude
    )


def check_paths(
    paths: Sequence[str],
    session: Session | None = None,
    stdin: tuple[str, bytes] | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    need_documents: bool = False,
    files: list[str] | None = None,
    progress: Progress | None = None,
    skipped: Mapping[str, UnreadableFile] | None = None,
    checked_before: Mapping[str, tuple[bytes, CheckedTree]] | None = None,
    engine: Engine | None = None,
) -> RunResult:
    """Discover, read, parse and check pages, then the handbook they belong to.

    `files`, when given, are the discovered pages (the CLI discovers them before it decides
    whether to fix); `need_documents` keeps the parsed trees for export and report;
    `skipped` and `checked_before` come from `fix_paths` (`FixRun`): pages it gave up on and
    pages it has just checked as they are now. `engine`, when given, is the session's
    (`engine_for`) that the caller already built: one engine per run."""
    from jdlint.engine.run import run

    session = session or open_session(paths[0] if paths else ".")
    chosen = files if files is not None else discover_files(session, paths)
    return run(
        engine or engine_for(session),
        chosen,
        stdin,
        cache=cache,
        jobs=jobs,
        need_documents=need_documents,
        progress=progress,
        skipped=skipped,
        checked_before=checked_before,
        searched=list(paths),
    )


def check_with_pages(paths: Sequence[str], config: str | Path | None = None) -> RunResult:
    """The run `jdlint check PATHS` makes, keeping the parsed pages: `export` and `report` show
    every role with the findings on it."""
    session = open_session(paths[0] if paths else ".", config)
    return check_paths(paths, session, need_documents=True)


def check_text(
    text: str,
    path: str = "page.md",
    session: Session | None = None,
    context: Sequence[PageDigest] = (),
) -> list[Finding]:
    """One page given as text (editors, tests): its own findings and those the handbook phase
    finds on it, with `context` (the digests of the other pages of its handbook) in the index,
    sorted."""
    session = session or open_session(Path(path).parent)
    return engine_for(session).check_text(path, text, context)


def check_pages(pages: Mapping[str, str | bytes], session: Session) -> list[Finding]:
    """Several pages checked together as one handbook, none read from disk (tests, rule cases
    of handbook-scope rules); text pages are encoded as UTF-8, bytes are read as a file's."""
    engine = engine_for(session)
    results = [
        engine.parse_and_check(path, text.encode("utf-8") if isinstance(text, str) else text)
        for path, text in pages.items()
    ]
    digests = [engine.digest(r.document) for r in results if r.document is not None]
    found, _notes = engine.handbook_phase(digests, [])
    every = [f for r in results for f in r.findings] + found
    return sorted(every, key=Finding.sort_key)


def fix_paths(
    files: list[str],
    session: Session,
    unsafe: bool = False,
    write: bool = True,
    engine: Engine | None = None,
) -> FixRun:
    """Safe (and, with `unsafe`, unsafe) fixes applied to a fixed point in each file, audited,
    and written atomically when `write`. Returns each file's fix, the warnings to show, the
    pages given up on and the pages as checked last (for `check_paths`)."""
    from jdlint.fix.files import fix_files

    return fix_files(files, engine or engine_for(session), unsafe, write=write)
