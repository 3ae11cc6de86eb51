"""The language server's handbook phase, kept between keystrokes (`jdlint.lsp.live_handbook`):
after any sequence of buffer edits and saved context pages, the buffer's findings are those
`api.check_text` gives for the same text among the same pages."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_incremental import ADDED, NAMES, PAGES, _write

from jdlint import api
from jdlint.engine.store import Store
from jdlint.lsp.buffer import BufferChecker

#: An edit is ("buffer", text appended to it) or (a context page, its new text or None).
EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("buffer"), ADDED.map(lambda added: added[1])),
        st.tuples(st.sampled_from(NAMES[1:]), st.one_of(PAGES, st.none())),
    ),
    min_size=1,
    max_size=6,
)


def _expected(checker: BufferChecker, path: str, text: str) -> list[object]:
    """What a check of the text with every page parsed afresh gives."""
    session = checker.session_for(path)
    engine = api.engine_for(session)
    fresh = BufferChecker()._context  # noqa: SLF001 - nothing kept: every context page parsed
    no_cache = partial(Store, None, engine.settings)
    context = fresh.digests(engine, engine.context_paths([path]), no_cache)
    return [f.sort_key() for f in api.check_text(text, path, session, context)]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pages=st.lists(PAGES, min_size=4, max_size=4), edits=EDITS)
def test_every_keystroke_answers_what_a_fresh_check_gives(tmp_path_factory, pages, edits):
    root: Path = tmp_path_factory.mktemp("handbook")
    (root / ".git").mkdir()
    for name, text in zip(NAMES, pages):
        _write(root, name, text)
    path = str(root / "job-families" / NAMES[0] / "index.html.md")
    checker = BufferChecker()
    text = pages[0]
    for target, change in [("buffer", ""), *edits]:
        if target == "buffer":
            text = f"{text}\n{change}\n"
        else:
            _write(root, target, change)
            # A saved page gets a new stamp even within the file system's time granularity.
            page = root / "job-families" / target / "index.html.md"
            if page.exists():
                page.write_text(page.read_text(encoding="utf-8") + "\n" * len(edits), "utf-8")
        checked = checker.check(path, text)
        assert [f.sort_key() for f in checked.findings] == _expected(checker, path, text)


def test_an_edit_the_checks_do_not_read_reruns_none_of_them(tmp_path, monkeypatch):
    """Typing a sentence reruns no handbook check; a new grade reruns the two that read it."""
    from jdlint.engine.checking import Engine

    (tmp_path / ".git").mkdir()
    texts = {
        name: (
            f"# Widget Engineers\n\n## Widget Engineer\n\nThe Widget Engineer is a grade {6 + i}.\n"
            "\n### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n"
        )
        for i, name in enumerate(NAMES)
    }
    for name, text in texts.items():
        _write(tmp_path, name, text)
    path = str(tmp_path / "job-families" / NAMES[0] / "index.html.md")
    runs: list[str] = []
    run_group = Engine.run_handbook_group

    def spy(self, group, index):  # type: ignore[no-untyped-def]
        runs.append(self.handbook_rules[group[0]].check.__module__.rsplit(".", 1)[-1])
        return run_group(self, group, index)

    monkeypatch.setattr(Engine, "run_handbook_group", spy)
    checker = BufferChecker()
    first = checker.check(path, texts[NAMES[0]])
    assert runs  # the first check ran every group
    runs.clear()
    typed = checker.check(path, texts[NAMES[0]] + "\nThis role was reviewed.\n")
    assert runs == [] and typed.findings == first.findings
    regraded = texts[NAMES[0]].replace("grade 6", "grade 9")
    checker.check(path, regraded)
    assert set(runs) == {"grade_conflicts", "split_grades"}  # they read the grade claims
    assert [f.sort_key() for f in checker.check(path, regraded).findings] == _expected(
        checker, path, regraded
    )


def test_a_context_page_deleted_or_created_reruns_the_groups_not_the_phase(tmp_path, monkeypatch):
    """A page deleted or created beside the buffer is an edit: every group runs again over
    the views it has, and the answer is a fresh check's."""
    import jdlint.lsp.live_handbook as live

    (tmp_path / ".git").mkdir()
    for i, name in enumerate(NAMES):
        _write(tmp_path, name, _fixed_page(i))
    path = str(tmp_path / "job-families" / NAMES[0] / "index.html.md")
    full: list[int] = []
    full_phase = live.full_phase
    monkeypatch.setattr(live, "full_phase", lambda *a, **k: full.append(1) or full_phase(*a, **k))
    checker = BufferChecker()
    text = _fixed_page(0)
    checker.check(path, text)
    assert full == [1]
    for change in (None, _fixed_page(3)):  # deleted, then created again
        _write(tmp_path, NAMES[3], change)
        found = [f.sort_key() for f in checker.check(path, text).findings]
        assert full == [1] and found == _expected(checker, path, text)


def _fixed_page(grade: int) -> str:
    return (
        f"# Widget Engineers\n\n## Widget Engineer\n\nThe Widget Engineer is a grade {6 + grade}."
        "\n\n### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n\n"
        "See [the lead](../gamma/index.html.md#widget-engineer).\n"
    )


def test_the_server_settles_its_heap_only_after_reading_pages(tmp_path, monkeypatch):
    """`settle_heap` (collect, then freeze) runs when context pages were parsed (the first
    check, a saved page), not on a keystroke; and never for a checker that does not own its
    process (the default: this test's own heap is not frozen)."""
    import jdlint.lsp.buffer as buffer

    settled: list[int] = []
    monkeypatch.setattr(buffer, "settle_heap", lambda: settled.append(1))
    (tmp_path / ".git").mkdir()
    page = "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n"
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(page, encoding="utf-8")
    path = str(tmp_path / "a.md")
    server, library = BufferChecker(settle_heap=True), BufferChecker()
    server.check(path, page)
    assert settled == [1]
    server.check(path, page + "\nMore.\n")  # a keystroke: no page read
    assert settled == [1]
    (tmp_path / "b.md").write_text(page + "\n- Ship widgets\n", encoding="utf-8")
    server.check(path, page)  # a context page saved: read again
    assert settled == [1, 1]
    library.check(path, page)
    assert settled == [1, 1]


def test_settle_heap_freezes_what_is_alive_and_keeps_collecting():
    import subprocess
    import sys

    code = (
        "import gc\nfrom jdlint.engine.limits import settle_heap\n"
        "before = gc.get_freeze_count()\nsettle_heap()\n"
        "print(before, gc.get_freeze_count() > before, gc.isenabled())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "True", "True"]
