"""The cache and the process pool: same findings warm or cold, serial or parallel."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("gen", ROOT / "benchmarks" / "generate_handbook.py")
assert _spec and _spec.loader
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    generator.generate(root, pages=40, seed=7)
    (root / ".git").mkdir()  # a handbook root, so the cache lives at its top
    return root


def jdlint(*args: str, cwd: Path, env_cache: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    env.pop("JDLINT_CACHE_DIR", None)
    if env_cache is not None:
        env["JDLINT_CACHE_DIR"] = str(env_cache)
    return subprocess.run(
        [sys.executable, "-m", "jdlint", "check", *args, "--format", "json"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("jobs", ["2", "3"])  # one worker and this process; two workers too
def test_parallel_equals_serial(handbook, jobs):
    serial = jdlint(str(handbook), "-j", "1", "--no-cache", cwd=handbook)
    parallel = jdlint(str(handbook), "-j", jobs, "--no-cache", cwd=handbook)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert '"JD101"' in serial.stdout


def _kept_where(folder: Path, key: str, check: bool, is_checked: bool, outcome: object) -> None:
    """A `parse_pages.Keep` that says which process kept which page (a file per call)."""
    import os

    (folder / f"{key}.{os.getpid()}").write_text(f"{check} {is_checked}", encoding="utf-8")


def test_each_page_s_cache_entries_are_written_by_the_process_that_parsed_it(
    handbook, tmp_path, monkeypatch
):
    """Encoding a page's entries was a sixth of a cold run, all of it in this process after
    the workers' outcomes came back; now each process writes what it parsed: every page
    once, some of them by a worker, and the outcomes are those of a serial parse."""
    import functools
    import os

    from jdlint import api
    from jdlint.engine import pool
    from jdlint.engine.parse_pages import parse_all
    from jdlint.engine.progress import NoProgress

    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)
    engine = api.engine_for(api.open_session(handbook))
    pages = sorted(handbook.rglob("*.md"))
    work = [(str(p), p.read_bytes(), True, n % 2 == 0, f"k{n}") for n, p in enumerate(pages)]
    kept = tmp_path / "kept"
    kept.mkdir()
    keep = functools.partial(_kept_where, kept)
    shared = parse_all(engine, work, (True, False), 2, NoProgress(), keep)
    written = {name.rsplit(".", 1)[0]: name.rsplit(".", 1)[1] for name in os.listdir(kept)}
    assert len(os.listdir(kept)) == len(written) == len(pages) == 40  # each page once
    assert set(written) == {key for *_rest, key in work}
    assert {pid for pid in written.values()} - {str(os.getpid())}  # a worker kept some
    assert all(
        (kept / f"{key}.{written[key]}").read_text(encoding="utf-8") == f"True {is_checked}"
        for _path, _data, _check, is_checked, key in work
    )
    alone = parse_all(engine, work, (True, False), 1, NoProgress())
    assert [(o.digest, o.findings) for o in shared] == [(o.digest, o.findings) for o in alone]


class _ViewsKeptWhere:
    """A `handbook_reuse.ViewCache` that says which process kept which group's views."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def views(self, key: str) -> None:
        return None

    def save_views(self, key: str, views: object) -> None:
        import os

        (self.folder / f"{key}.{os.getpid()}").write_text(str(len(views.views)), "utf-8")  # type: ignore[attr-defined]


def test_each_group_s_views_are_kept_by_the_process_that_ran_it(handbook, tmp_path, monkeypatch):
    """A cold run caches each group's views of every page for the first edit to read; they
    are encoded where the group ran (a worker or this process), not all here afterwards."""
    import os

    from jdlint import api
    from jdlint.engine import pool
    from jdlint.engine.handbook_reuse import full_phase

    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)
    engine = api.engine_for(api.open_session(handbook))
    pages = sorted(handbook.rglob("*.md"))
    digests = []
    for page in pages:
        document = engine.parse_and_check(str(page), page.read_bytes(), False).document
        assert document is not None
        digests.append(engine.digest(document))
    keys = {digest.path: f"k{n}" for n, digest in enumerate(digests)}
    kept = tmp_path / "views"
    kept.mkdir()
    shared = full_phase(engine, digests, [], 2, None, None, keys, _ViewsKeptWhere(kept), True)
    names = os.listdir(kept)
    modules = {name.rsplit(".", 1)[0] for name in names}
    assert len(names) == len(modules) >= 2  # each group with views kept once
    assert {name.rsplit(".", 1)[1] for name in names} - {str(os.getpid())}  # some by a worker
    assert all((kept / name).read_text("utf-8") == str(len(pages)) for name in names)
    alone = full_phase(engine, digests, [], 1, None, None, keys, None, True)
    assert shared[:2] == alone[:2]


def test_warm_run_equals_cold_run_and_writes_cache(handbook):
    cold = jdlint(str(handbook), "-j", "1", cwd=handbook)
    cache = handbook / ".jdlint_cache"
    assert cache.is_dir() and (cache / ".gitignore").is_file()
    entries = list(cache.rglob("*.findings"))
    assert len(entries) == 40
    warm = jdlint(str(handbook), "-j", "1", cwd=handbook)
    assert warm.stdout == cold.stdout


def test_changed_page_is_rechecked(handbook):
    first = jdlint(str(handbook), cwd=handbook)
    page = sorted(handbook.rglob("index.html.md"))[0]
    page.write_text(page.read_text() + "\nTrailing space here \n", encoding="utf-8")
    second = jdlint(str(handbook), cwd=handbook)
    assert second.stdout != first.stdout
    assert "trailing whitespace" in second.stdout
    assert second.stdout == jdlint(str(handbook), "--no-cache", cwd=handbook).stdout


def test_config_change_invalidates(handbook):
    before = jdlint(str(handbook), cwd=handbook)
    (handbook / ".jdlint.yaml").write_text("ignore: [JD101]\n", encoding="utf-8")
    after = jdlint(str(handbook), cwd=handbook)
    assert '"JD101"' in before.stdout and '"JD101"' not in after.stdout


def test_corrupt_and_foreign_entries_are_ignored(handbook):
    cold = jdlint(str(handbook), cwd=handbook)
    for entry in (handbook / ".jdlint_cache").rglob("*.*"):
        if entry.suffix in (".findings", ".document", ".handbook"):
            entry.write_bytes(b"not a cache entry")
    damaged = jdlint(str(handbook), cwd=handbook)
    assert damaged.returncode == cold.returncode
    assert damaged.stdout == cold.stdout
    assert "Traceback" not in damaged.stderr


def test_concurrent_runs_do_not_corrupt(handbook, tmp_path):
    import os

    env = dict(os.environ, JDLINT_CACHE_DIR=str(tmp_path / "shared-cache"))
    command = [
        sys.executable,
        "-m",
        "jdlint",
        "check",
        str(handbook),
        "--format",
        "json",
        "-j",
        "1",
    ]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outputs = [run.communicate()[0] for run in runs]
    assert len(set(outputs)) == 1
    assert '"JD101"' in outputs[0]
    again = jdlint(str(handbook), cwd=handbook, env_cache=tmp_path / "shared-cache")
    assert again.stdout == outputs[0]


def test_read_only_cache_location_is_not_fatal(handbook, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be")
    result = jdlint(str(handbook), cwd=handbook, env_cache=blocked)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_upgrading_a_library_that_decides_findings_changes_the_salt(tmp_path, monkeypatch):
    """A parser or word-list upgrade can change findings: the cache's salt names their versions
    (an unrelated distribution does not move it)."""
    from jdlint.engine.libraries import library_stamp
    from jdlint.engine.session import prepare

    session = prepare(tmp_path)
    before, stamp = session.fingerprint(), library_stamp()
    assert "markdown_it_py-" in stamp and "pyspellchecker-" in stamp
    site = tmp_path / "site"
    (site / "unrelated_tool-1.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    assert session.fingerprint() == before
    (site / "markdown_it_py-99.0.0.dist-info").mkdir()
    assert "markdown_it_py-99.0.0" in library_stamp()
    assert session.fingerprint() != before
