"""Issue 19, item 4: a progress bar on stderr for a person at a terminal, never in CI or a pipe."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from jdlint.engine.checking import Engine
from jdlint.engine.progress import BarProgress, NoProgress, terminal_progress
from jdlint.engine.run import run
from jdlint.engine.session import prepare

PAGE = "## Widget Engineer {n}\n\n### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _handbook(root: Path, pages: int) -> list[str]:
    (root / ".git").mkdir()
    paths = []
    for n in range(pages):
        path = root / "job-families" / f"family-{n}" / "index.md"
        path.parent.mkdir(parents=True)
        path.write_text(PAGE.format(n=n))
        paths.append(str(path))
    return paths


def test_a_terminal_outside_ci_gets_a_bar_and_nothing_else_does():
    assert isinstance(terminal_progress(Terminal(), {}), BarProgress)
    assert isinstance(terminal_progress(Terminal(), {"CI": "true"}), NoProgress)
    assert isinstance(terminal_progress(Terminal(), {"TERM": "dumb"}), NoProgress)
    assert isinstance(terminal_progress(io.StringIO(), {}), NoProgress)  # piped


def test_the_bar_counts_pages_and_the_handbook_phase(tmp_path, monkeypatch):
    monkeypatch.setattr("jdlint.engine.run.MIN_PAGES_FOR_PROGRESS", 20)
    monkeypatch.setattr("jdlint.engine.pool.MIN_PAGES_FOR_PROGRESS", 20)
    paths = _handbook(tmp_path, 30)
    session = prepare(tmp_path, None)
    engine = Engine(session.settings, session.registry, session.selected)
    screen = Terminal()
    run(engine, paths, jobs=2, progress=BarProgress(screen, redraw=0))
    drawn = screen.getvalue()
    counted = [int(n) for n in re.findall(r"\b(\d+)/30 ", drawn)]
    assert "parsing pages" in drawn and max(counted) == 30  # pages are counted as they are done
    assert "handbook checks" in drawn
    assert drawn.endswith("\r")  # the bar is cleared: nothing is left above the report


def test_a_short_run_draws_no_bar(tmp_path):
    paths = _handbook(tmp_path, 30)  # below MIN_PAGES_FOR_PROGRESS
    session = prepare(tmp_path, None)
    engine = Engine(session.settings, session.registry, session.selected)
    screen = Terminal()
    run(engine, paths, jobs=1, progress=BarProgress(screen))
    assert screen.getvalue() == ""


def test_piped_stderr_gets_no_bar_and_tqdm_is_not_imported(tmp_path):
    _handbook(tmp_path, 30)
    code = (
        "import sys; from jdlint.cli.main import main\n"
        "try:\n    main(['check', '--no-cache', '.'])\n"
        "except SystemExit:\n    pass\n"
        "print('tqdm' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip() == "False"
