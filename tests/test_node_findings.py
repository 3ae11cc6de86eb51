"""Node-only checks (`Rule.node_only`) see their node alone, and what they found on the nodes an
edit left alone is kept for the page's next version (`jdlint.engine.node_findings`): a page
checked again and again, as the language server does, gets the findings of a fresh check."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import api
from jdlint.document.chunks import MIN_CHUNKS, ChunkMemo
from jdlint.engine.checking import Engine
from jdlint.engine.node_findings import NodeFindings
from jdlint.engine.session import Session
from jdlint.findings import Finding, Severity
from jdlint.model import Inline
from jdlint.registry import load_registry
from jdlint.rules import Context, Rule, RuleMeta, rule

PATH = "handbook/widget-engineer.md"
# A role per chunk, each with what the shipped node-only checks report: a template
# placeholder (JD110), a private link (JD403) and a list item written as a heading (JD106).
ROLE = """\
## Widget Engineer {n}

The Widget Engineer {n} builds [Insert team name] widgets; see
[the plan](https://docs.google.com/document/d/{n}).

- Additional Requirements
- Ships widgets for team {n}
"""
#: Edits a keystroke makes: text typed into a role's paragraph, a line added, a role removed.
EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=MIN_CHUNKS + 3),
        st.sampled_from(["typed", "line", "placeholder", "removed"]),
    ),
    min_size=1,
    max_size=6,
)

SEEN = RuleMeta("JD990", "seen-nodes", "Reports each run it is given.", Severity.INFO)


def _page(roles: list[str]) -> str:
    return "# Widget Engineering\n\nThe family of widget roles.\n\n" + "\n".join(roles)


def _roles() -> list[str]:
    return [ROLE.format(n=n) for n in range(MIN_CHUNKS + 4)]


def _edited(roles: list[str], where: int, how: str) -> list[str]:
    roles = list(roles)
    where %= len(roles)
    if how == "typed":
        roles[where] = roles[where].replace(" widgets;", " widgets well;")
    elif how == "line":
        roles[where] = roles[where].replace("- Ships", "Owns the roadmap.\n\n- Ships")
    elif how == "placeholder":
        roles[where] = roles[where].replace("builds", "builds {{ team }}")
    elif len(roles) > 1:
        del roles[where]
    return roles


def _engine(extra: tuple[Rule, ...] = ()) -> Engine:
    session = api.open_session(PATH)
    registry = load_registry(extra=extra)
    selected = session.selected | {item.meta.code for item in extra}
    return api.engine_for(Session(session.settings, registry, selected))


def _findings(engine: Engine, text: str, memo: ChunkMemo, kept: NodeFindings) -> list[Finding]:
    page = engine.parse_and_check(PATH, text.encode("utf-8"), memo=memo, kept=kept)
    return sorted(page.findings, key=Finding.sort_key)


@settings(max_examples=25, deadline=None)
@given(EDITS)
def test_a_page_checked_again_after_edits_gets_a_fresh_checks_findings(
    edits: list[tuple[int, str]],
) -> None:
    engine = _engine()
    memo, kept = ChunkMemo(), NodeFindings()
    roles = _roles()
    first = _findings(engine, _page(roles), memo, kept)
    assert {"JD106", "JD110", "JD403"} <= {f.code for f in first}
    for where, how in edits:
        roles = _edited(roles, where, how)
        text = _page(roles)
        fresh = engine.parse_and_check(PATH, text.encode("utf-8"))
        assert _findings(engine, text, memo, kept) == sorted(fresh.findings, key=Finding.sort_key)


class Seen:
    """A node-only check that reports every run it is given, and what its context held."""

    def __init__(self) -> None:
        self.calls = 0
        self.documents: set[object] = set()

    def rule(self) -> Rule:
        @rule(SEEN, target=Inline, node_only=True)
        def seen(inline: Inline, ctx: Context) -> Iterator[Finding]:
            self.calls += 1
            self.documents.add(ctx.document)
            yield ctx.finding(inline.span(0, len(inline.raw)), f"run {inline.text[:20]}")

        return seen


def test_a_node_only_check_sees_no_document_and_reports_on_the_page() -> None:
    seen = Seen()
    engine = _engine((seen.rule(),))
    page = engine.parse_and_check(PATH, _page(_roles()).encode("utf-8"))
    found = [f for f in page.findings if f.code == "JD990"]
    assert seen.documents == {None}
    assert found and {f.path for f in found} == {PATH}
    assert len(found) == seen.calls


def test_a_keystroke_runs_node_only_checks_on_the_edited_chunk_only() -> None:
    seen = Seen()
    engine = _engine((seen.rule(),))
    memo, kept = ChunkMemo(), NodeFindings()
    roles = _roles()
    _findings(engine, _page(roles), memo, kept)
    runs, held = seen.calls, len(kept)
    seen.calls = 0
    typed = _findings(engine, _page(_edited(roles, 3, "typed")), memo, kept)
    # The edited role's runs: its heading, paragraph and two items (a chunk is a role).
    assert seen.calls == 4
    assert len(kept) == held  # only the last version's nodes are kept
    assert len([f for f in typed if f.code == "JD990"]) == runs


def test_another_engine_finds_afresh() -> None:
    seen = Seen()
    item = seen.rule()  # one rule object, as two sessions of one registry share it
    engine, other = _engine((item,)), _engine((item,))
    memo, kept = ChunkMemo(), NodeFindings()
    text = _page(_roles())
    _findings(engine, text, memo, kept)
    runs = seen.calls
    seen.calls = 0
    _findings(engine, text, memo, kept)
    assert seen.calls == 0
    _findings(other, text, memo, kept)  # the config changed: its settings may report otherwise
    assert seen.calls == runs


def test_a_check_that_raised_is_tried_again_on_the_next_version() -> None:
    calls = []

    @rule(
        RuleMeta("JD991", "fails-once", "Raises on its first run.", Severity.INFO),
        Inline,
        None,
        True,
    )
    def fails_once(inline: Inline, ctx: Context) -> Iterator[Finding]:
        calls.append(inline)
        if len(calls) == 1:
            raise ValueError("a bug")
        return iter(())

    engine = _engine((fails_once,))
    memo, kept = ChunkMemo(), NodeFindings()
    text = _page(_roles())
    first = _findings(engine, text, memo, kept)
    assert "JD004" in {f.code for f in first}  # the bug is reported, the other checks ran
    count = len(calls)
    again = _findings(engine, text, memo, kept)
    assert "JD004" not in {f.code for f in again}
    assert len(calls) > count
