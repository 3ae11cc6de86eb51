"""One full check run for commands that need the pages as well as the findings.

`jdlint export` and `jdlint report` show every role with the findings on it, so they run the
same discovery, configuration and engine as `jdlint check` and keep the parsed documents.
"""

from __future__ import annotations

from pathlib import Path

from jdlint.engine.checking import Engine, RunResult
from jdlint.engine.session import prepare
from jdlint.fs.discover import discover


def run_checks(paths: tuple[str, ...], config_path: str | None = None) -> RunResult:
    """Discover pages under `paths` (default: the current folder), parse and check them."""
    file_paths = list(paths) or ["."]
    session = prepare(
        anchor=Path(file_paths[0]),
        config_path=Path(config_path) if config_path else None,
    )
    base = session.settings.path.parent if session.settings.path else Path.cwd()
    files = discover(file_paths, session.settings.exclude, base)
    engine = Engine(session.settings, session.registry, session.selected)
    return engine.check_files(files)
