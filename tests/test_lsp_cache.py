"""The language server reads its buffer's handbook through the run's cache (`lsp/buffer.py`'s
`ContextPages`): it starts warm where `jdlint check` has been, leaves the digests it parsed
for the next server or run, never answers from a digest its page or config has outgrown, and
keeps node-only findings between keystrokes of one engine."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from jdlint import api
from jdlint.engine.cache import open_cache
from jdlint.engine.checking import Engine
from jdlint.engine.store import Store
from jdlint.findings import Finding, Severity
from jdlint.lsp.buffer import BufferChecker, ContextPages
from jdlint.model import Inline
from jdlint.rules import Context, RuleMeta, rule

ROLE = """\
## Widget Engineer {n}

The Widget Engineer {n} is a grade {grade}. See [the others](../family-{other}/).

### Responsibilities

- Build widgets for team {n}

### Requirements

- Care about widgets
"""


def _family(n: int, grade: int = 6) -> str:
    roles = "\n".join(
        ROLE.format(n=f"{n}{r}", grade=grade + r, other=(n + 1) % 6) for r in range(9)
    )
    return f"# Widget Family {n}\n\nThe family.\n\n{roles}"


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("JDLINT_CACHE_DIR", raising=False)
    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    for n in range(6):
        page = root / "job-families" / f"family-{n}" / "index.html.md"
        page.parent.mkdir(parents=True)
        page.write_text(_family(n), encoding="utf-8")
    return root


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages parsed as context (not checked), in order."""
    seen: list[str] = []
    real = Engine.parse_and_check

    def counted(self, path, data, check=True, memo=None, kept=None):  # type: ignore[no-untyped-def]
        if not check:
            seen.append(path)
        return real(self, path, data, check, memo, kept)

    monkeypatch.setattr(Engine, "parse_and_check", counted)
    return seen


def _buffer(root: Path) -> tuple[str, str]:
    path = root / "job-families" / "family-0" / "index.html.md"
    return str(path), path.read_text(encoding="utf-8")


def _fresh(path: str, text: str) -> list[tuple[object, ...]]:
    """What a check of `text` gives with every context page parsed afresh (no cache)."""
    session = api.open_session(Path(path))
    engine = api.engine_for(session)
    no_cache = partial(Store, None, engine.settings)
    context = ContextPages().digests(engine, engine.context_paths([path]), no_cache)
    return [f.sort_key() for f in api.check_text(text, path, session, context)]


def test_the_server_starts_warm_where_a_run_has_been(handbook: Path, parses: list[str]) -> None:
    path, text = _buffer(handbook)
    session = api.open_session(Path(path))
    api.check_paths([str(handbook)], session, cache=open_cache(handbook, session.fingerprint()))
    parses.clear()
    found = BufferChecker().check(path, text).findings
    assert parses == []  # every context page's digest came from the cache
    assert found and [f.sort_key() for f in found] == _fresh(path, text)


def test_the_server_leaves_its_digests_for_the_next_one(handbook: Path, parses: list[str]) -> None:
    path, text = _buffer(handbook)
    first = BufferChecker().check(path, text).findings
    assert len(parses) == 5  # the other pages of the handbook
    parses.clear()
    again = BufferChecker().check(path, text).findings
    assert parses == []
    assert [f.sort_key() for f in again] == [f.sort_key() for f in first]


def test_a_page_edited_on_disk_is_read_again(handbook: Path, parses: list[str]) -> None:
    path, text = _buffer(handbook)
    BufferChecker().check(path, text)
    other = handbook / "job-families" / "family-3" / "index.html.md"
    other.write_text(_family(3).replace("## Widget Engineer 30", "## Widget Engineer 0"), "utf-8")
    parses.clear()
    found = BufferChecker().check(path, text).findings
    assert parses == [str(other)]
    assert [f.sort_key() for f in found] == _fresh(path, text)


def test_a_config_edit_reads_every_context_page_again(handbook: Path, parses: list[str]) -> None:
    path, text = _buffer(handbook)
    checker = BufferChecker()
    checker.check(path, text)
    (handbook / ".jdlint.yaml").write_text(
        "sections:\n  Responsibilities: {aliases: [Build widgets]}\n", "utf-8"
    )
    parses.clear()
    found = checker.check(path, text).findings
    assert len(parses) == 5  # other settings, other digests: none of the old ones is kept
    assert [f.sort_key() for f in found] == _fresh(path, text)


SEEN = RuleMeta("JD992", "seen-runs", "Reports each run it is given.", Severity.INFO)


def test_a_keystroke_runs_node_only_checks_on_the_edited_chunk_only(handbook: Path) -> None:
    calls: list[str] = []

    @rule(SEEN, target=Inline, node_only=True)
    def seen(inline: Inline, ctx: Context) -> Iterator[Finding]:
        calls.append(inline.text)
        yield ctx.finding(inline.span(0, len(inline.raw)), "a run")

    path, text = _buffer(handbook)
    checker = BufferChecker(extra_rules=(seen,))
    first = checker.check(path, text).findings
    runs = len(calls)
    calls.clear()
    typed = text.replace("for team 04", "for team 04 and 05")
    again = checker.check(path, typed).findings
    # The chunk the edit is in (`document.chunks`: from one heading to the next) only.
    assert calls == ["Responsibilities", "Build widgets for team 04 and 05"]
    assert len([f for f in again if f.code == "JD992"]) == runs
    assert len([f for f in first if f.code == "JD992"]) == runs
