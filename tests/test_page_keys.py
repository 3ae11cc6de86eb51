"""Page cache keys: independent of how a path is typed, context pages known by their stat, and
never a stale answer (issue 20)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import api
from jdlint.engine import stat_table
from jdlint.engine.cache import Cache, open_cache
from jdlint.engine.page_keys import canonical, respelled_findings
from jdlint.engine.stat_table import StatTable
from jdlint.findings import Finding, Severity
from jdlint.span import Span

LEAD = "# Widget Lead\n\n## Responsibilities\n\n- Lead the team\n\n## Requirements\n\n- Leads\n"
# The engineer page links to an anchor of the lead page: whether it exists decides JD402.
ENGINEER = (
    "# Widget Engineer\n\n## Responsibilities\n\n- Build widgets, as the [lead](../lead/"
    "index.md#alpha) says\n"
)  # and no Requirements section: JD101, a finding of its own


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A handbook root (.git) of three pages; the user cache folder (the secret) is private
    to the test, and the run starts at the root."""
    root = tmp_path / "hb"
    (root / ".git").mkdir(parents=True)
    pages = {
        "jobs/lead/index.md": LEAD.replace(
            "## Requirements", "## Alpha\n\nText.\n\n## Requirements"
        ),
        "jobs/engineer/index.md": ENGINEER,
        "jobs/tester/index.md": LEAD.replace("Widget Lead", "Widget Tester"),
    }
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("JDLINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(root)
    return root


def check(paths: list[str], cached: bool = True) -> list[Finding]:
    """What `jdlint check PATHS` reports (in this process, so parses can be counted)."""
    session = api.open_session(paths[0])
    cache = open_cache(Path(paths[0]), session.fingerprint()) if cached else None
    return api.check_paths(paths, session, cache=cache).findings


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the pages parsed (built into trees) since the fixture was set up."""
    from jdlint.engine.checking import Engine

    built: list[str] = []
    original = Engine.build

    def build(self, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(Engine, "build", build)
    return built


@pytest.mark.parametrize(
    "spelling", ["plain", "dotted", "absolute"], ids=["PAGE", "./x/../PAGE", "absolute"]
)
def test_after_checking_the_root_any_spelling_of_a_page_is_warm(handbook, parses, spelling):
    page = "jobs/engineer/index.md"
    typed = {
        "plain": page,
        "dotted": "./jobs/lead/../engineer/index.md",
        "absolute": str(handbook / page),
    }[spelling]
    check(["."])
    assert len(parses) == 3  # the test can tell a cold run
    parses.clear()
    warm = check([typed])
    assert parses == []  # neither the page nor its context was parsed again
    cold = check([typed], cached=False)
    assert parses  # the cold run did parse
    assert warm == cold
    assert len({f.path for f in warm}) == 1  # the findings name the page as this run does
    assert os.path.samefile(warm[0].path, page)
    assert "JD101" in {f.code for f in warm}
    assert "JD402" not in {f.code for f in warm}


def test_a_page_named_in_its_own_messages_is_checked_again():
    found = (Finding("a/x.md", Span(1, 1, 1, 2), "JD999", "n", "see a/x.md", Severity.WARNING),)
    assert respelled_findings(found, "a/x.md") == found
    assert respelled_findings(found, "./a/x.md") is None
    plain = (Finding("a/x.md", Span(1, 1, 1, 2), "JD999", "n", "no path", Severity.WARNING),)
    assert [f.path for f in respelled_findings(plain, "/r/a/x.md") or ()] == ["/r/a/x.md"]


def test_a_job_folder_above_the_root_keeps_the_spellings_apart(tmp_path, monkeypatch):
    """`is_job_page` reads the folder names as typed: an absolute path through `jobs/` above
    the root can make a page a job page that its relative spelling does not."""
    root = tmp_path / "jobs" / "hb"
    root.mkdir(parents=True)
    (root / "x.md").write_text("Text.\n", encoding="utf-8")
    (root / "a").mkdir()
    monkeypatch.chdir(root)
    cache = Cache(tmp_path / "c", "salt", b"s" * 32, root=root)
    assert canonical(str(root / "x.md"), str(root)) == "x.md"
    assert cache.key("x.md", b"Text.\n") == cache.key("./a/../x.md", b"Text.\n")
    assert cache.key("x.md", b"Text.\n") != cache.key(str(root / "x.md"), b"Text.\n")
    assert cache.key("x.md", b"Text.\n") != cache.key("x.md", b"Text!\n")


# -- stat ------------------------------------------------------------------------------------


def test_a_page_rewritten_within_the_clock_tick_is_hashed_again(handbook):
    """The racy case: the context page is rewritten with the same size and given back its
    mtime right after a run read it. Its stat was too recent to be trusted, so its bytes
    decide, and the answer is the new one."""
    check(["."])
    lead = handbook / "jobs/lead/index.md"
    before = check(["jobs/engineer/index.md"])
    assert "JD402" not in {f.code for f in before}
    info = lead.stat()
    text = lead.read_text(encoding="utf-8")
    lead.write_text(text.replace("## Alpha", "## Gamma"), encoding="utf-8")  # same size
    os.utime(lead, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert lead.stat().st_size == info.st_size and lead.stat().st_mtime_ns == info.st_mtime_ns
    after = check(["jobs/engineer/index.md"])
    assert after == check(["jobs/engineer/index.md"], cached=False)
    assert "JD402" in {f.code for f in after}


def test_a_same_size_rewrite_in_one_tick_of_a_coarse_clock_is_never_trusted(handbook, monkeypatch):
    """A file system whose clock has one tick for the first write, the run and the rewrite:
    size, mtime, ctime and inode are all the same after the rewrite. The stat was not older
    than the run's start by a tick, so it was not recorded, and the bytes decide."""
    tick = 1_700_000_000 * 10**9
    real = os.stat

    def coarse(path):  # type: ignore[no-untyped-def]
        info = real(path)
        return SimpleNamespace(
            st_mode=info.st_mode, st_size=info.st_size, st_ino=info.st_ino,
            st_mtime_ns=tick, st_ctime_ns=tick,
        )  # fmt: skip

    monkeypatch.setattr(stat_table, "_stat", coarse)
    monkeypatch.setattr(stat_table, "_now", lambda: tick + 500_000_000)  # the same tick
    assert "JD402" not in {f.code for f in check(["jobs/engineer/index.md"])}
    lead = handbook / "jobs/lead/index.md"
    lead.write_text(lead.read_text(encoding="utf-8").replace("## Alpha", "## Gamma"), "utf-8")
    after = check(["jobs/engineer/index.md"])
    assert "JD402" in {f.code for f in after}
    assert after == check(["jobs/engineer/index.md"], cached=False)
    # The same clock one tick later would have trusted the stat: the test can tell.
    monkeypatch.setattr(stat_table, "_now", lambda: tick + stat_table.GRANULARITY_NS)
    table = StatTable(open_cache(handbook, "salt"), None)
    table.record(str(lead), coarse(str(lead)), lead.read_bytes(), "k")
    assert table.lookup(str(lead), coarse(str(lead))) == "k"


def test_an_old_unchanged_context_page_is_not_read(handbook, monkeypatch, parses):
    """With stats old enough to be trusted (the tick made 0 here), a warm run finds the
    pages' keys (the checked page's and its context's) without reading their bytes; a changed
    stat reads them again."""
    from jdlint.fs import decode

    monkeypatch.setattr(stat_table, "GRANULARITY_NS", -(10**12))  # every stat is "old"
    check(["."])
    read: list[str] = []
    original = decode.read_bytes

    def read_bytes(path: str, limit: int) -> bytes:
        if os.path.abspath(path).startswith(str(handbook / "jobs")):
            read.append(path)
        return original(path, limit)

    monkeypatch.setattr(decode, "read_bytes", read_bytes)
    warm = check(["jobs/engineer/index.md"])
    assert read == []  # nothing changed: every key came from the stat table
    lead = handbook / "jobs/lead/index.md"
    lead.write_text(lead.read_text(encoding="utf-8").replace("## Alpha", "## Beta"), "utf-8")
    read.clear()
    parses.clear()
    changed = check(["jobs/engineer/index.md"])
    assert any(p.endswith("lead/index.md") for p in read)  # its stat changed: bytes read
    assert any(p.endswith("lead/index.md") for p in parses)
    assert "JD402" not in {f.code for f in warm}
    assert "JD402" in {f.code for f in changed}
    assert changed == check(["jobs/engineer/index.md"], cached=False)
    engineer = handbook / "jobs/engineer/index.md"  # the checked page itself, edited
    engineer.write_text(engineer.read_text(encoding="utf-8") + "\nTBD\n", encoding="utf-8")
    read.clear()
    edited = check(["jobs/engineer/index.md"])
    assert any(p.endswith("engineer/index.md") for p in read)
    assert edited != changed
    assert edited == check(["jobs/engineer/index.md"], cached=False)


def test_the_stat_table_trusts_only_old_stats(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("Text.\n", encoding="utf-8")
    cache = Cache(tmp_path / "c", "salt", b"s" * 32, root=tmp_path)
    fresh = StatTable(cache, None)
    fresh.record(str(page), fresh.stat(str(page)), b"Text.\n", "k1")
    fresh.save()
    assert StatTable(cache, None).lookup(str(page), os.stat(page)) is None  # racy: not kept
    os.utime(page, ns=(0, 10**18))  # an mtime "long ago" is not enough: ctime is new
    table = StatTable(cache, None)
    table.record(str(page), table.stat(str(page)), b"Text.\n", "k1")
    assert table.lookup(str(page), os.stat(page)) is None
    no_cache = StatTable(None, None)
    assert no_cache.stat(str(page)) is None and no_cache.lookup(str(page), None) is None


_NAMES = st.sampled_from(["jobs", "Job-Families", "sales", "a", "..", "."])


@settings(max_examples=300, deadline=None)
@given(
    root=st.lists(_NAMES.filter(lambda n: n not in ("..", ".")), min_size=1, max_size=3),
    below=st.lists(_NAMES, max_size=3),
    typed_below=st.booleans(),
)
def test_a_page_key_s_path_fact_is_the_folders_verdict_as_typed(root, below, typed_below):
    """`canonical` is `os.path.relpath` for a page under the root, and `path_fact` records a
    job-folder verdict exactly when the folders as typed and the canonical path's disagree
    (the short cut for a context page, typed as the root then its relative path, included)."""
    from jdlint.domain.job_folders import on_path
    from jdlint.engine.page_keys import path_fact

    folders = frozenset({"jobs", "job-families"})
    top = "/" + "/".join(root)
    path = "/".join([top, *below, "page.md"]) if typed_below else "/".join([*below, "page.md"])
    name = canonical(path, top)
    relative = os.path.relpath(os.path.abspath(path), top)
    if not relative.startswith(".."):
        assert name == relative
    typed, canon = on_path(path, folders), on_path(name, folders)
    expected = f"job-folder={typed}" if typed != canon else ""
    assert path_fact(path, name, None, folders) == expected


@settings(max_examples=400, deadline=None)
@given(
    path=st.lists(st.sampled_from(["a", "b.md", ".", "..", "", "./", "/", ".x"]), max_size=6),
    cwd=st.sampled_from(["/", "jobs", "jobs/sales"]),
)
def test_a_page_s_absolute_form_is_abspath_s(path, cwd, tmp_path_factory):
    """The short cut for a relative path in normal form gives what `os.path.abspath` gives,
    for every spelling (and from the file-system root too)."""
    from jdlint.engine.page_keys import _absolute

    here = "/" if cwd == "/" else str(tmp_path_factory.getbasetemp() / cwd)
    os.makedirs(here, exist_ok=True)
    before = os.getcwd()
    os.chdir(here)
    try:
        typed = "".join(path)
        assert _absolute(typed) == os.path.abspath(typed)
    finally:
        os.chdir(before)
