"""A run's memory grows with the pages' digests, not with their trees.

A run parses with the cyclic collector paused and then freezes what is left
(`jdlint.engine.limits.trees_kept`), so a tree that is part of a reference cycle is never
freed: one recursive closure in the digest's section walk kept every tree of a 10,000-page
run (940 MB). These tests hold the pages' trees to being freed by reference counting alone.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from jdlint import api
from jdlint.engine.parse_pages import _work
from jdlint.engine.sections import all_sections
from jdlint.model import Document, Section

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _fixture_pages() -> list[tuple[str, bytes]]:
    files = sorted(p for p in FIXTURES.rglob("*") if p.suffix in {".md", ".txt", ".erb"})
    return [(str(p), p.read_bytes()) for p in files if p.is_file()]


def _garbage_of(work: object) -> int:
    """How many objects only the cyclic collector could free after `work()` ran."""
    gc.collect()
    gc.disable()
    try:
        work()  # type: ignore[operator]
        return gc.collect()
    finally:
        gc.enable()


def test_parsing_checking_and_digesting_pages_leaves_no_cycles() -> None:
    pages = _fixture_pages()
    assert len(pages) > 20
    engine = api.engine_for(api.open_session(FIXTURES))
    assert engine.handbook_rules  # the digests are taken too

    def parse_all() -> None:
        tasks = [(path, data, True, True, "", (True, False)) for path, data in pages]
        outcomes = _work(tasks, engine)
        assert all(o.document is None and o.digest is not None for o in outcomes)

    parse_all()  # first use loads dictionaries, patterns and modules (not garbage)
    assert _garbage_of(parse_all) == 0


def _sections_recursively(document: Document) -> list[object]:
    """The plain definition the walk stands for: depth first, each section once."""
    out: list[object] = []

    def add(section: Section) -> None:
        if all(section is not seen for seen in out):
            out.append(section)
            for sub in section.subsections:
                add(sub)

    for role in document.roles:
        for section in (*role.sections.values(), *role.extra_sections):
            add(section)
    for section in (*document.shared_sections.values(), *document.family_sections):
        add(section)
    return out


def test_the_section_walk_is_depth_first_once_each_and_keeps_no_cycle() -> None:
    engine = api.engine_for(api.session_for_rules([]))
    text = "# Widget family\n\n## Widget Engineer\n\n### Responsibilities\n\n- Build\n\n"
    text += "#### Details\n\nMore.\n\n### Requirements\n\n- Care\n"
    pages = [engine.build(path, text) for path, text in [("page.md", text)]]
    pages += [
        engine.build(path, data.decode("utf-8", "replace")) for path, data in _fixture_pages()
    ]
    for document in pages:
        walked = all_sections(document)
        assert [id(s) for s in walked] == [id(s) for s in _sections_recursively(document)]
    names = [section.name for section in all_sections(pages[0])]
    assert names[:3] == ["Responsibilities", "Details", "Requirements"]
    assert _garbage_of(lambda: all_sections(pages[0])) == 0


class _Tangled:
    """What a check that leaves a reference cycle holding the tree looks like to the run."""

    def __init__(self, engine: object) -> None:
        self.engine = engine

    def __getattr__(self, name: str) -> object:
        return getattr(self.engine, name)

    def parse_and_check(self, path: str, data: bytes, check: bool = True) -> object:
        result = self.engine.parse_and_check(path, data, check)  # type: ignore[attr-defined]
        loop: list[object] = [result.document]
        loop.append(loop)  # a cycle: freed only by the cyclic collector
        return result


def test_a_tree_caught_in_a_cycle_is_freed_page_by_page_while_collection_is_paused() -> None:
    pages = _fixture_pages()[:8]
    engine = _Tangled(api.engine_for(api.open_session(FIXTURES)))
    tasks = [(path, data, True, True, "", (True, False)) for path, data in pages]
    _work(tasks, engine)  # type: ignore[arg-type]
    assert _garbage_of(lambda: _work(tasks, engine)) == 0  # type: ignore[arg-type]


class _Groups:
    """An engine with three groups of handbook checks, each finding nothing."""

    def handbook_groups(self) -> list[tuple[int, ...]]:
        return [(0,), (1,), (2,)]

    def run_handbook_group(
        self, group: tuple[int, ...], index: object
    ) -> tuple[list[object], list[str]]:
        return [], [f"group {group[0]}"]


class _Index:
    def __init__(self, pages: int) -> None:
        self.digests = [None] * pages


def test_a_large_handbook_runs_its_checks_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from jdlint.engine import pool

    forked: list[int] = []

    def share(items: list[tuple[int, ...]], jobs: int, *rest: object) -> list[object]:
        forked.append(len(items))
        return [(*_Groups().run_handbook_group(item, None), ()) for item in items]

    monkeypatch.setattr(pool, "share", share)
    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)
    monkeypatch.setattr(pool, "can_fork", lambda: True)
    for pages, shared in [
        (pool.MAX_PAGES_FOR_HANDBOOK_POOL, True),
        (pool.MAX_PAGES_FOR_HANDBOOK_POOL + 1, False),
    ]:
        forked.clear()
        results = pool.run_handbook_rules(_Groups(), _Index(pages), 2)  # type: ignore[arg-type]
        assert [notes for _found, notes in results] == [["group 0"], ["group 1"], ["group 2"]]
        assert forked == ([3] if shared else [])


def test_reading_a_large_cache_entry_runs_no_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry is acyclic data (JSON lists, then frozen nodes): decoding a large one with the
    collector on made it re-scan every container read so far, again and again."""
    from jdlint.engine import cache as cache_module
    from jdlint.span import Span

    cache = cache_module.Cache(tmp_path / "cache", "salt", b"k" * 32)
    spans = tuple(Span(line, 1, line, 9) for line in range(1, 20_001))
    cache.store("spans", "test", spans, tuple[Span, ...])
    started: list[int] = []
    while_decoding: list[int] = []
    loads = cache_module.loads

    def decoded(data: bytes, expected: object, parts: object = None) -> object:
        value = loads(data, expected, parts)
        while_decoding.append(len(started))
        return value

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    monkeypatch.setattr(cache_module, "loads", decoded)
    gc.callbacks.append(count)
    try:
        read = cache.load("spans", "test", tuple[Span, ...])
    finally:
        gc.callbacks.remove(count)
    assert read == spans
    assert while_decoding == [0]
    assert gc.isenabled()
