"""The incremental handbook phase: after any sequence of edits, a run on a warm cache reports
exactly what a run without a cache reports, for the whole handbook and for one page checked
with the rest of its handbook as context (what a pre-commit hook does).

The handbook is small but made of the pieces the handbook checks compare across pages: a
shared boilerplate paragraph (JD502), the same title at two grades (JD204), links and anchors
into other pages (JD401, JD402), "reports to" a near miss of a role (JD303) and a word the
dictionaries do not know (JD604). Edits replace, add and delete pages and retitle headings,
so link targets, families and boilerplate clusters change under the cached pages.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdlint import api
from jdlint.engine.cache import Cache
from jdlint.engine.checking import Engine
from jdlint.engine.handbook_reuse import StateBase
from jdlint.engine.run import run
from jdlint.engine.session import prepare
from jdlint.engine.store import Store
from jdlint.fs.discover import discover
from jdlint.model import Document

SHARED = (
    "We encourage you to apply even if you do not meet every single requirement listed here, "
    "because the [confidence gap](/handbook/hiring/) is real and we value your experience."
)
DRIFTED = SHARED.replace("[confidence gap](/handbook/hiring/)", "confidence gap")
#: A short paragraph; the boilerplate runs into it on a page that writes `JOINED` (JD502 does
#: not report that copy once the handbook writes the tail on its own often enough).
TAIL = "Read the hiring page before you apply."
JOINED = f"{SHARED}\n{TAIL}"
NAMES = ("alpha", "beta", "gamma", "delta")
OWN = "We read every application with care and answer each one, whatever the outcome."


def _page(title: str, grade: int, boilerplate: str, link: str, extra: str) -> str:
    return (
        f"# {title}s\n\n## {title}\n\nThe {title} is a grade {grade}.\n\n"
        "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Care\n\n"
        f"{boilerplate}\n\nThis role reports to the {link}.\n\nSee [a page]({extra}).\n"
    )


TITLES = st.sampled_from(["Senior Widget Engineer", "Widget Engineer", "Staff Widget Engineer"])
TARGETS = st.sampled_from(
    [
        "../alpha/index.html.md#senior-widget-engineer",
        "../beta/index.html.md#widget-engineer",
        "../gamma/index.html.md#nowhere",
        "/job-families/delta/",
        "/job-families/missing/",
    ]
)
PAGES = st.builds(
    _page,
    TITLES,
    st.integers(6, 8),
    st.sampled_from([SHARED, DRIFTED, JOINED, "A paragraph of its own with a wrod misspelt."]),
    st.sampled_from(["Senior Widget Enginer", "Widget Engineer", "VP of Widgets"]),
    TARGETS,
)
#: Paragraphs appended to a page (`("append", text)`): text of the page's own (the handbook
#: state is reused), a word the handbook learns once three pages use it, a role reference, the
#: shared boilerplate, a link to an anchor, a heading (new anchor), the tail of `JOINED`,
#: capitalised suspects and a word near one, a near copy of the boilerplate, a long text of
#: a page's own and a near copy of that.
ADDED = st.sampled_from(
    [
        "This role was reviewed this year.",
        TAIL,
        "We ship the wibget daily.",
        "This role reports to the Senior Widget Enginer.",
        SHARED,
        "See [the lead](../alpha/index.html.md#widget-lead).",
        "### Widget Lead",
        "Ask our Cusomter Care team about the Wibget.",  # suspects ...
        "Every customer matters.",  # ... decided again when the words near them come and go
        DRIFTED,
        OWN,
        OWN.replace("each one", "every one"),
    ]
).map(lambda text: ("append", text))
#: The runs of a step: the whole handbook and one page checked alone, in some order.
RUNS = ["all, one", "one, all", "one"]
EDITS = st.lists(
    st.tuples(st.sampled_from(NAMES), st.one_of(PAGES, st.none(), ADDED)), min_size=1, max_size=4
)


def _findings(engine: Engine, paths: list[str], cache: Cache | None) -> list[tuple[object, ...]]:
    result = run(engine, paths, cache=cache)
    return [(f.path, f.span.line, f.span.col, f.code, f.message) for f in result.findings] + sorted(
        result.notes
    )


def _write(root: Path, name: str, text: str | tuple[str, str] | None) -> None:
    path = root / "job-families" / name / "index.html.md"
    if isinstance(text, tuple):  # ("append", paragraph)
        if not path.exists():
            return
        text = f"{path.read_text(encoding='utf-8')}\n{text[1]}\n"
    if text is None:
        if path.exists():
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Same size, same second: the cache must not trust a stat it cannot tell apart.
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))


@settings(
    max_examples=16,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(PAGES, min_size=4, max_size=4),
    # Each step's edits, which page is then checked alone (a pre-commit hook checks the
    # pages of each commit, with the rest of the handbook as context), and whether the whole
    # handbook is checked before it, after it or not at all (edits to context pages then).
    edits=st.lists(st.tuples(EDITS, st.integers(0, 3), st.sampled_from(RUNS)), max_size=4),
    # Views of every page rewritten after each edit (0), or only those of the pages changed
    # since (1: the whole entry stays as the full phase wrote it).
    share=st.sampled_from([0.0, 1.0]),
)
def test_warm_incremental_runs_equal_cold_runs(tmp_path_factory, first, edits, share):
    from jdlint.engine import handbook_reuse

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handbook_reuse, "MAX_CHANGED_SHARE", share)
        _warm_equals_cold(tmp_path_factory, first, edits)


def _warm_equals_cold(tmp_path_factory, first, edits):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("handbook")
    (root / ".git").mkdir()
    (root / ".jdlint.yaml").write_text("boilerplate: {min-pages: 2}\n", encoding="utf-8")
    for name, text in zip(NAMES, first):
        _write(root, name, text)
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    cache = Cache(root / ".cache", session.fingerprint(), b"k" * 32)
    for step, alone, order in [([], 0, "all, one"), *edits]:
        for name, text in step:
            _write(root, name, text)
        pages = sorted(discover([str(root)]))
        one = [pages[alone % len(pages)]] if pages else []
        for paths in [{"all": pages, "one": one}[which] for which in order.split(", ")]:
            if not paths:
                continue
            assert _findings(engine, paths, cache) == _findings(engine, paths, None)


def test_the_cache_keeps_digests_not_trees(tmp_path):
    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    for name in NAMES:
        _write(root, name, _page("Widget Engineer", 6, SHARED, "VP of Widgets", "/x/"))
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    cache = Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)
    checked = str(root / "job-families" / "alpha" / "index.html.md")
    run(engine, [checked], cache=cache)
    kinds = sorted(p.suffix for p in (tmp_path / "cache").rglob("*.*") if p.is_file())
    # One checked page: its findings and runs; a digest per page; one handbook result.
    assert kinds.count(".digest") == 4 and kinds.count(".runs") == 1
    assert kinds.count(".findings") == 1 and kinds.count(".handbook") == 1
    assert ".document" not in kinds


def _spied(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[str]]:
    """Lists that the runs fill: one item per full handbook phase, and the name of each group
    of handbook checks run (by the full phase too)."""
    import jdlint.engine.run as run_module

    full_runs: list[int] = []
    reran: list[str] = []
    full_phase = run_module.full_phase
    monkeypatch.setattr(
        run_module, "full_phase", lambda *a, **k: full_runs.append(1) or full_phase(*a, **k)
    )
    run_group = Engine.run_handbook_group

    def spy(self, group, index):  # type: ignore[no-untyped-def]
        reran.append(self.handbook_rules[group[0]].check.__module__.rsplit(".", 1)[-1])
        return run_group(self, group, index)

    monkeypatch.setattr(Engine, "run_handbook_group", spy)
    return full_runs, reran


def _eight_families(tmp_path: Path) -> tuple[Path, list[str], object, Engine, Cache]:
    """A handbook of eight one-role families at three grades, its session, engine and cache."""
    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    names = [f"family-{number}" for number in range(8)]
    for number, name in enumerate(names):
        grade = 6 + number % 3
        _write(root, name, _page("Widget Engineer", grade, SHARED, "VP of Widgets", "/x/"))
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    return root, names, session, engine, Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)


def test_an_edit_to_a_page_s_own_text_reuses_the_handbook_state(tmp_path, monkeypatch):
    """Edits that leave every other check's view of the page alone are answered from the
    handbook state (no handbook check runs), spelling included: a word learned once a third
    page uses it clears the findings on the two other pages. An edit that changes what one
    check reads runs that check's group again, and only it; a page added or deleted runs
    every group again. Every answer equals a cold run's."""

    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    for name in NAMES:
        _write(root, name, _page("Widget Engineer", 6, SHARED, "VP of Widgets", "/x/"))
    for name in NAMES[:2]:
        _write(root, name, ("append", "We ship the wibget daily."))
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    cache = Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)
    full_runs, reran = _spied(monkeypatch)
    views_found: list[bool] = []
    views = Store.views

    def seen(store, key):  # type: ignore[no-untyped-def]
        found = views(store, key)
        if not key.endswith("-changed"):  # every page's views, not those of pages changed since
            views_found.append(found is not None)
        return found

    monkeypatch.setattr(Store, "views", seen)
    pages = sorted(discover([str(root)]))

    def warm(full: int, groups: set[str] | None = None) -> list[tuple[object, ...]]:
        """A warm run that ran the full handbook phase `full` times (else only `groups`, each
        over its views of every page from the cache, not over every digest), checked against a
        cold run."""
        full_runs.clear()
        reran.clear()
        views_found.clear()
        found = _findings(engine, sorted(discover([str(root)])), cache)
        assert len(full_runs) == full
        if not full:
            assert set(reran) == (groups or set())
            assert views_found == [True] * len(reran)
        for bucket in (tmp_path / "cache").iterdir():  # what a run replaced is gone:
            states = len(list(bucket.glob("*.hbstate")))  # one per set of pages
            for kind in ("hbbase", "hbpages", "handbook"):  # what each state names
                assert len(list(bucket.glob(f"*.{kind}"))) <= states, kind
        assert found == _findings(engine, sorted(discover([str(root)])), None)
        return found

    assert sum("wibget" in str(f) for f in warm(1)) == 2  # the first run
    _write(root, "gamma", ("append", "This role was reviewed this year."))
    warm(0)
    _write(root, "gamma", ("append", "We ship the wibget daily."))
    assert not any("wibget" in str(f) for f in warm(0))  # learned: three pages use it
    _write(root, "gamma", ("append", "This role reports to the Senior Widget Enginer."))
    warm(0, {"role_references"})  # JD303 reads the new reference: its group runs again
    _write(root, "beta", ("append", "We review every application by hand with care, " * 2))
    warm(0, {"boilerplate_drift"})  # a paragraph long enough for JD502 to compare
    _write(root, "delta", ("append", "### Widget Lead"))
    warm(0, {"links"})  # a new anchor: the link checks run again
    _write(root, "gamma", ("append", "This role was reviewed once more."))
    warm(0)  # the state the partial run left is reused in turn
    every = {"boilerplate_drift", "grade_conflicts", "links", "role_references", "split_grades"}
    _write(root, "delta", None)
    warm(0, every)  # a page fewer: every group runs again, over the views of the others
    _write(root, "epsilon", _page("Widget Engineer", 7, SHARED, "VP of Widgets", "/x/"))
    warm(0, every)  # and a page more
    _write(root, "delta", _page("Widget Engineer", 8, SHARED, "VP of Widgets", "/x/"))
    warm(0, every)  # five pages: the state of four is found through the lineage
    _write(root, "delta", None)
    _write(root, "epsilon", None)
    warm(0)  # the three pages as they were: their own entries are still there
    _write(root, "gamma", ("append", "This role was reviewed twice."))
    warm(0)  # the state of the new set of pages is reused in turn
    checked = sorted(discover([str(root)]))[:1]
    full_runs.clear()
    reran.clear()
    # One page checked of the three: the state's results hold its findings as a checked page's
    # (a check's findings on a page never depend on which other pages are checked).
    found = _findings(engine, checked, cache)
    assert checked and not full_runs and not reran
    assert found == _findings(engine, checked, None)
    # Other settings, same cache folder: another bucket, so nothing of the old state is used.
    (root / ".jdlint.yaml").write_text("boilerplate: {min-pages: 9}\n", encoding="utf-8")
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    cache = Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)
    warm(1)
    _write(root, "alpha", ("append", "This role was reviewed this year."))
    warm(0)
    assert len(pages) == 4


def test_a_paragraph_written_on_its_own_elsewhere_is_counted_across_edits(tmp_path, monkeypatch):
    """JD502 does not report a copy that runs into a paragraph the handbook writes on its own
    on two pages or more (`joined_paragraphs`). That paragraph is short, so no view compared
    holds it: the group keeps counts of such texts (`COUNTED_FIELDS`), and an edit that makes
    or unmakes one runs JD502 again, while an edit that moves no count reruns nothing. Every
    answer equals a cold run's."""
    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    for name in (*NAMES, "epsilon"):
        _write(root, name, _page("Widget Engineer", 6, SHARED, "VP of Widgets", "/x/"))
    _write(root, "epsilon", _page("Widget Engineer", 6, JOINED, "VP", "/x/"))
    _write(root, "alpha", ("append", TAIL))
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    cache = Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)
    full_runs, reran = _spied(monkeypatch)

    def drift() -> tuple[list[str], list[str]]:
        """The pages JD502 reports on in a warm run (checked against a cold run), and the
        groups that run ran again."""
        reran.clear()
        pages = sorted(discover([str(root)]))
        found = _findings(engine, pages, cache)
        again = list(reran)
        assert found == _findings(engine, pages, None)
        return [Path(str(f[0])).parent.name for f in found if f[3] == "JD502"], again

    assert drift()[0] == ["epsilon"]  # the rest is written on its own on one page only
    full_runs.clear()
    _write(root, "beta", ("append", "This role was reviewed this year."))
    assert drift() == (["epsilon"], [])  # no count moved
    _write(root, "beta", ("append", TAIL))
    assert drift() == ([], ["boilerplate_drift"])  # on two pages: written on its own
    _write(root, "gamma", ("append", TAIL))
    assert drift() == ([], [])  # a count moved, not what it decides
    assert len(full_runs) == 3  # the cold runs only


def test_a_commit_that_checks_other_pages_reuses_the_handbook_state(tmp_path, monkeypatch):
    """A pre-commit hook checks each commit's pages with the rest as context: the state the
    last commit's run left is found through the lineage, the pages checked then and now are
    edits, and no full phase runs. Every answer equals a cold run's."""
    root, names, session, engine, cache = _eight_families(tmp_path)
    full_runs, _reran = _spied(monkeypatch)
    pages = sorted(discover([str(root)]))

    def commit(number: int, text: str) -> int:
        """Edit page `number`, check it alone; the number of full phases the warm run ran."""
        # A link to a file of its own: a fact the link checks look up on disk.
        _write(
            root, names[number], ("append", f"{text}\n\nSee [the chart](chart-{len(text)}.png).")
        )
        full_runs.clear()
        found = _findings(engine, [pages[number]], cache)
        runs = len(full_runs)
        assert found == _findings(engine, [pages[number]], None)
        return runs

    def facts_held(folder: Path, checked: str) -> int:
        """How many file-system facts the newest state base in `folder` holds."""
        newest = max(folder.rglob("*.hbbase"), key=lambda path: path.stat().st_mtime_ns)
        base = Cache(folder, session.fingerprint(), b"k" * 32).load(
            newest.stem, "hbbase", StateBase
        )
        assert base is not None and checked in base.pages
        return len(base.facts)

    assert commit(0, "This role was reviewed this year.") == 1  # nothing cached yet
    assert commit(3, "We ship the wibget daily.") == 0  # another page checked
    assert commit(5, "This role reports to the Senior Widget Enginer.") == 0
    assert commit(3, "### Widget Lead") == 0
    # Page 0 checked again after five other commits: the state its own last run left differs
    # from this run in six of eight pages, the lineage's last state in two; it starts from that.
    for number in (1, 2, 4, 6, 7):
        assert commit(number, "The team grew this year.") == 0
    assert commit(0, "This role was reviewed again.") == 0
    # The groups that ran again reported on every page they held a checked page's view of
    # (all eight by now): the state holds the facts a full phase over those pages looks up,
    # not those of every run before it (the pages linked to other files then).
    fresh = tmp_path / "fresh"
    run(engine, pages, cache=Cache(fresh, session.fingerprint(), b"k" * 32))
    assert facts_held(tmp_path / "cache", pages[3]) == facts_held(fresh, pages[3])
    assert len(pages) == 8


def test_a_new_heading_reruns_the_link_checks_on_the_pages_it_can_change(tmp_path, monkeypatch):
    """A heading added to a page changes its anchors: the link checks run again on that page
    and on the pages with a link to one of its anchors, and keep their findings on the
    others (a link without a fragment, or with one to another page, reads nothing of it).
    Every answer equals a cold run's, as a hook's commit and over the whole handbook."""
    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    links = {
        "alpha": "../beta/index.html.md#widget-lead",  # an anchor beta does not have yet
        "beta": "#nowhere",  # its own anchor
        "gamma": "/job-families/beta/",  # beta, without a fragment
        "delta": "../gamma/index.html.md#widget-lead",  # another page's anchor
    }
    for name, target in links.items():
        _write(root, name, _page("Widget Engineer", 6, SHARED, "VP of Widgets", target))
    session = prepare(root)
    engine = Engine(session.settings, session.registry, session.selected)
    cache = Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)
    pages = sorted(discover([str(root)]))
    run_group = Engine.run_handbook_group
    rerun_on: list[set[str]] = []

    def spy(self, group, index):  # type: ignore[no-untyped-def]
        if self.handbook_rules[group[0]].check.__module__.endswith(".links"):
            rerun_on.append({Path(d.path).parent.name for d in index.checked_digests()})
        return run_group(self, group, index)

    monkeypatch.setattr(Engine, "run_handbook_group", spy)

    def anchors_missing(paths: list[str]) -> set[str]:
        found = _findings(engine, paths, cache)
        assert found == _findings(engine, paths, None)
        return {Path(str(f[0])).parent.name for f in found if f[3] == "JD402"}

    assert anchors_missing(pages) == {"alpha", "beta", "delta"}
    _write(root, "beta", ("append", "### Widget Lead"))
    rerun_on.clear()
    assert anchors_missing(pages) == {"beta", "delta"}  # alpha's link lands now
    assert rerun_on[0] == {"alpha", "beta"}  # the cold run's follow
    _write(root, "gamma", ("append", "### Widget Lead"))
    rerun_on.clear()
    delta = next(page for page in pages if "/delta/" in page)
    assert anchors_missing([delta]) == set()  # checked alone, as a hook does: its link lands
    assert rerun_on[0] == {"delta", "gamma"}
    assert anchors_missing(pages) == {"beta"}


def _view_folders() -> list[Path]:
    """The fixtures' handbooks, and both corpora where `../shared` is present (evaluation)."""
    here = Path(__file__).resolve().parent.parent
    folders = [here / "fixtures" / name for name in ("handbook", "hugo", "middleman", "layouts")]
    shared = here.parent / "shared"
    return folders + [
        shared / name for name in ("corpus", "corpus-hugo") if (shared / name).is_dir()
    ]


def _parsed(folder: Path) -> tuple[Engine, list[Document]]:
    """The engine of a handbook's session and the tree of each of its pages."""
    session = prepare(folder)
    engine = Engine(session.settings, session.registry, session.selected)
    documents = []
    for path in sorted(discover([str(folder)])):
        page = engine.parse_and_check(path, Path(path).read_bytes(), check=False)
        if page.document is not None:
            documents.append(page.document)
    return engine, documents


@pytest.mark.parametrize("folder", _view_folders(), ids=lambda folder: folder.name)
def test_each_check_s_findings_follow_from_its_views_alone(folder: Path) -> None:
    """A group of handbook checks that runs again after an edit runs over its cached views of
    every page (`digest_view`, less what it reads of checked pages only), not over the whole
    digests: on every page of these handbooks, every page checked or every other one, its
    findings over the views are the findings over the digests."""
    from jdlint.engine.handbook_reuse import _index, _module, _spellers, _view_of
    from jdlint.handbook.context import Sites

    engine, documents = _parsed(folder)
    digests = [engine.digest(document) for document in documents]
    compared = 0
    for checked in ({d.path for d in digests}, {d.path for d in digests[::2]}):
        full = _index(digests, checked, Sites(engine.settings))
        for group in engine.handbook_groups():
            view = _view_of(_module(engine, group), engine.settings)
            if _spellers(engine, group) or view is None:
                continue
            views = [view(d, d.path in checked) for d in digests]
            index = _index(views, checked, Sites(engine.settings))
            found = engine.run_handbook_group(group, index)
            assert found == engine.run_handbook_group(group, full)
            compared += 1
    assert compared >= 10


@pytest.mark.parametrize("folder", _view_folders(), ids=lambda folder: folder.name)
def test_a_check_s_findings_on_a_page_do_not_depend_on_which_others_are_checked(
    folder: Path,
) -> None:
    """What lets a result of a run that checked more pages answer a run that checks fewer
    (`handbook_reuse.Covered`): on every page of these handbooks, each group's findings on the
    pages checked, and their links left unjudged, are those of a run that checks every page,
    the other pages being context (no runs) in one and checked in the other."""
    from jdlint.engine.digests import without_runs
    from jdlint.engine.handbook_reuse import _index, _spellers
    from jdlint.handbook.context import Sites

    engine, documents = _parsed(folder)
    digests = [engine.digest(document) for document in documents]
    every = {d.path for d in digests}
    subsets = [{d.path for d in digests[::2]}, {d.path for d in digests[1::3]}, {digests[0].path}]
    compared = 0
    for group in engine.handbook_groups():
        if _spellers(engine, group):
            continue  # the spelling rules' state is judged page by page (spelling_state)
        found_all, outside_all = engine.run_handbook_group(
            group, _index(digests, every, Sites(engine.settings))
        )
        for checked in subsets:
            pages = [d if d.path in checked else without_runs(d) for d in digests]
            found, outside = engine.run_handbook_group(
                group, _index(pages, checked, Sites(engine.settings))
            )
            assert sorted((f for f in found if f.path in checked), key=lambda f: f.sort_key()) == (
                sorted((f for f in found_all if f.path in checked), key=lambda f: f.sort_key())
            )
            assert {p: n for p, n in outside.items() if p in checked} == {
                p: n for p, n in outside_all.items() if p in checked
            }
            compared += 1
    assert compared >= 15


def test_a_commit_after_a_run_over_the_whole_handbook_runs_no_check_again(tmp_path, monkeypatch):
    """The results of a run over every page cover every page: a pre-commit hook's run that
    checks one edited page alone keeps them (no group of checks runs again) unless the edit
    changed what a check reads of the page. A group that runs again reports on every page it
    holds a checked page's view of, so the next commit keeps its results in turn. A page
    edited while it was only context is covered no more by a group that reads a checked page's
    runs: checking it runs that group again. Every answer equals a cold run's."""
    from jdlint.checks import role_references

    root, names, session, engine, cache = _eight_families(tmp_path)
    full_runs, reran = _spied(monkeypatch)
    pages = sorted(discover([str(root)]))

    def check(paths: list[str]) -> list[str]:
        """The groups a warm run over `paths` ran again (no full phase), checked against a
        cold run."""
        full_runs.clear()
        reran.clear()
        found = _findings(engine, paths, cache)
        assert not full_runs
        again = sorted(reran)
        assert found == _findings(engine, paths, None)
        return again

    _findings(engine, pages, cache)  # the whole handbook, once
    _write(root, names[2], ("append", "This role was reviewed this year."))
    assert check([pages[2]]) == []
    _write(root, names[5], ("append", "See [the role](../family-1/index.html.md#nowhere)."))
    assert check([pages[5]]) == ["links"]  # a new link: the link checks run again
    _write(root, names[6], ("append", "The team grew this year."))
    assert check([pages[6]]) == []  # ... and they covered every page
    _write(root, names[4], ("append", "### Widget Lead"))  # page 4 is only context here
    assert check([pages[3]]) == ["links"]  # a new anchor on page 4
    _write(root, names[4], ("append", "The team grew again."))
    assert check([pages[4]]) == []  # every group holds every page's view as a checked page's
    # A group that reads the runs of checked pages holds context pages' views without them: a
    # page edited while only context is covered no more, and checking it runs the group again.
    monkeypatch.setattr(role_references, "CHECKED_ONLY", ("reports_to", "runs"))
    engine = Engine(session.settings, session.registry, session.selected)  # keeps every run
    cache = Cache(tmp_path / "runs-cache", session.fingerprint(), b"k" * 32)
    _findings(engine, pages, cache)
    _write(root, names[1], ("append", "The team grew once more."))
    assert check([pages[7]]) == []
    assert check([pages[1]]) == ["role_references"]
    _write(root, names[0], ("append", "The team grew at last."))
    assert check([pages[0]]) == []  # edited while checked: compared with its runs before


def test_an_edit_that_brings_no_new_word_reads_no_dictionary(tmp_path, monkeypatch):
    """The words met before are known settled or not from the cache, and a suspect's verdict
    is decided again only when the edits moved what it reads of the vocabulary (its base's
    counts, the words near it coming into use or out of it): an edit made of words met before
    reads no dictionary. A word that comes into use near a suspect decides it again ("Cusomter"
    is reported once "customer" is used). Each run is a new process's (a new session: nothing
    learned in memory), and its findings are a cold run's."""
    import jdlint.rulepacks.dictionaries as dictionaries

    root, names, _session, _engine, _cache = _eight_families(tmp_path)
    _write(root, names[1], ("append", "Ask our Cusomter Care team."))
    pages = sorted(discover([str(root)]))
    loads: list[str] = []
    english = dictionaries.english
    monkeypatch.setattr(dictionaries, "english", lambda: loads.append("english") or english())

    def warm() -> tuple[list[str], bool]:
        """The pages JD604 reports "Cusomter" on, from a warm run checked against a cold run,
        and whether the warm run read a dictionary."""
        session = prepare(root)
        engine = Engine(session.settings, session.registry, session.selected)
        assert not any(engine.settled_words().values())  # nothing learned in this "process"
        cache = Cache(tmp_path / "cache", session.fingerprint(), b"k" * 32)
        loads.clear()
        found = _findings(engine, pages, cache)
        read = bool(loads)
        cold = prepare(root)
        assert found == _findings(Engine(cold.settings, cold.registry, cold.selected), pages, None)
        return [Path(str(f[0])).parent.name for f in found if "Cusomter" in str(f[4])], read

    assert warm() == ([], True)  # the first run: no page uses "customer"
    _write(root, names[2], ("append", "This role was reviewed this year."))
    assert warm() == ([], True)  # new words: the dictionaries decide them
    _write(root, names[3], ("append", "This role was reviewed this year."))
    assert warm() == ([], False)  # words met before, far from every suspect
    _write(root, names[4], ("append", "Every customer matters."))
    assert warm() == ([names[1]], True)  # "customer" came into use: "Cusomter" decided again
    _write(root, names[5], ("append", "Every customer matters."))
    assert warm() == ([names[1]], False)
    _write(root, names[4], _page("Widget Engineer", 7, SHARED, "VP of Widgets", "/x/"))
    _write(root, names[5], _page("Widget Engineer", 8, SHARED, "VP of Widgets", "/x/"))
    assert warm() == ([], True)  # out of use again: "Cusomter" decided again


@pytest.mark.parametrize("spelling", ["relative", "absolute"])
def test_a_hook_s_first_commit_after_a_run_over_the_handbook_reuses_its_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """`jdlint check .` and then a pre-commit hook's `jdlint check job-families/x/page.md`,
    from the handbook's folder: the hook's context pages are named as its checked page is
    (relative), so both runs are one handbook lineage and the hook runs no check again
    (context named absolute made another lineage: the whole phase ran, 9 s at 10,000 pages)."""
    root, names, _session, engine, cache = _eight_families(tmp_path)
    monkeypatch.chdir(root if spelling == "relative" else tmp_path)
    top = "." if spelling == "relative" else str(root)
    pages = sorted(discover([top]))
    assert all(os.path.isabs(page) == (spelling == "absolute") for page in pages)
    full_runs, reran = _spied(monkeypatch)
    _findings(engine, pages, cache)
    assert full_runs == [1]
    _write(root, names[3], ("append", "This role was reviewed this year."))
    full_runs.clear()
    reran.clear()
    found = _findings(engine, [pages[3]], cache)
    assert (full_runs, reran) == ([], [])
    assert found == _findings(engine, [pages[3]], None)


@pytest.mark.parametrize("folder", _view_folders(), ids=lambda folder: folder.name)
def test_a_check_that_names_no_runs_reads_none(folder: Path) -> None:
    """A group whose module does not name `runs` among what it reads of checked pages only
    (`CHECKED_ONLY`) reports on every page, context pages too, whose digests have no runs
    (`handbook_reuse._reads_runs`): its view of a page must then be the same with and without
    the page's runs, on every page of these handbooks."""
    from jdlint.engine.cache_data import dumps
    from jdlint.engine.digests import without_runs
    from jdlint.engine.handbook_reuse import _module, _reads_runs, _spellers, _view_of
    from jdlint.handbook.digest import PageDigest

    engine, documents = _parsed(folder)
    digests = [engine.digest(document) for document in documents]
    wide = [g for g in engine.handbook_groups() if not _spellers(engine, g)]
    wide = [g for g in wide if not _reads_runs(engine, g)]
    assert len(wide) >= 5  # every shipped group but the spelling rules
    for group in wide:
        view = _view_of(_module(engine, group), engine.settings)
        assert view is not None
        for digest in digests:
            assert dumps(view(digest, True), PageDigest) == dumps(
                view(without_runs(digest), True), PageDigest
            )


@pytest.mark.parametrize("folder", _view_folders(), ids=lambda folder: folder.name)
def test_the_digest_fields_no_selected_check_reads_are_left_out(folder: Path) -> None:
    """Each handbook check names the digest fields it reads (`DIGEST_FIELDS`); the engine
    leaves the others empty (`unread_fields`), and of the runs only the spelling rules'
    suspect runs (`suspect_runs_suffice`). On every page of these handbooks, every group's
    findings over the whole digests (every run) are its findings over the digests the engine
    keeps, each module's view holds no other field, and selecting JD113 keeps the fields it
    reads."""
    from jdlint.engine.cache_data import dumps
    from jdlint.engine.digests import digest_of, unread_fields
    from jdlint.engine.handbook_reuse import _index, _module, _view_of
    from jdlint.handbook.context import Sites
    from jdlint.handbook.digest import PageDigest, only

    engine, documents = _parsed(folder)
    whole = [digest_of(d, engine.settings, engine._word_readers) for d in documents]
    kept = [engine.digest(document) for document in documents]
    assert "section_headings" in unread_fields(engine.handbook_rules)  # JD113 is not selected
    assert sum(len(d.runs) for d in kept) < sum(len(d.runs) for d in whole) / 5
    checked = {d.path for d in whole}
    for group in engine.handbook_groups():
        found = engine.run_handbook_group(group, _index(kept, checked, Sites(engine.settings)))
        assert found == engine.run_handbook_group(
            group, _index(whole, checked, Sites(engine.settings))
        )
        view = _view_of(_module(engine, group), engine.settings)
        names = sys.modules[_module(engine, group)].__dict__.get("DIGEST_FIELDS")
        if view is not None and names is not None:
            for digest in whole:
                seen = view(digest, True)
                assert dumps(seen, PageDigest) == dumps(only(seen, *names), PageDigest)
    conventions = api.session_for_rules(["JD113"])
    chosen = Engine(conventions.settings, conventions.registry, conventions.selected)
    assert "section_headings" not in unread_fields(chosen.handbook_rules)


def test_every_run_is_kept_when_a_check_other_than_spelling_may_read_runs() -> None:
    """A handbook check that does not say what it reads (a plugin's, without `DIGEST_FIELDS`)
    may read any run: the digests then keep every run, not only the spelling rules' suspects."""
    from jdlint.engine.digests import digest_of, suspect_runs_suffice
    from jdlint.handbook.index import HandbookIndex
    from jdlint.rules import Rule

    engine, documents = _parsed(_view_folders()[0])
    assert suspect_runs_suffice(engine.handbook_rules)
    unsaid = Rule(engine.handbook_rules[0].meta, HandbookIndex, lambda index, ctx: iter(()))
    reader = Engine(engine.settings, engine.registry, engine.selected)
    reader.handbook_rules.append(unsaid)  # this test module names no fields it reads
    assert not suspect_runs_suffice(reader.handbook_rules)
    reader._suspects_only = suspect_runs_suffice(reader.handbook_rules)
    whole = [digest_of(d, engine.settings, engine._word_readers).runs for d in documents]
    assert [reader.digest(d).runs for d in documents] == whole
    assert sum(map(len, (engine.digest(d).runs for d in documents))) < sum(map(len, whole))


def test_a_state_whose_base_is_gone_gives_way_to_the_lineage_s(tmp_path, monkeypatch):
    """A base is shared by the states of the commits that kept it, and removed when one of
    them is replaced: a run whose own state names a removed base starts from the lineage's
    last state instead of running the whole phase. Every answer equals a cold run's."""
    root, names, _session, engine, cache = _eight_families(tmp_path)
    full_runs, _reran = _spied(monkeypatch)
    pages = sorted(discover([str(root)]))
    group, alone = pages[:4], [pages[4]]

    def check(paths: list[str]) -> int:
        full_runs.clear()
        found = _findings(engine, paths, cache)
        runs = len(full_runs)
        assert found == _findings(engine, paths, None)
        return runs

    assert check(group) == 1  # its state names the first base
    _write(root, names[4], ("append", "The team grew this year."))
    assert check(alone) == 0  # keeps that base
    _write(root, names[4], ("append", "See [the lead](../family-1/index.html.md#nowhere)."))
    assert check(alone) == 0  # the link checks ran again: a new base; the first one removed
    _write(root, names[0], ("append", "The team grew again."))
    # The four pages' own state differs from this run in two pages, the lineage's last state
    # in four (checked now, context then), but names the removed base.
    assert check(group) == 0


def test_a_lineage_keeps_its_last_states_and_what_they_name(tmp_path, monkeypatch):
    """Each set of pages checked leaves a state (a pre-commit hook: one per commit). The
    lineage keeps its last few, with the bases and handbook entries they name; an older one
    goes with what no kept state names, and its set of pages checked again starts from the
    lineage's last state. Every answer equals a cold run's."""
    from jdlint.engine import store as store_module

    monkeypatch.setattr(store_module, "MAX_LINEAGE_STATES", 3)
    root, names, _session, engine, cache = _eight_families(tmp_path)
    full_runs, _reran = _spied(monkeypatch)
    pages = sorted(discover([str(root)]))

    def entries(kind: str) -> int:
        return sum(len(list(bucket.glob(f"*.{kind}"))) for bucket in (tmp_path / "cache").iterdir())

    _findings(engine, pages, cache)
    for number in range(7):
        _write(root, names[number], ("append", f"Reviewed in round {number}."))
        full_runs.clear()
        found = _findings(engine, [pages[number]], cache)
        assert not full_runs and found == _findings(engine, [pages[number]], None)
        assert entries("hbstate") <= 3 and entries("hbbase") <= 3
        assert entries("hbpages") <= 3 and entries("handbook") <= 3
    full_runs.clear()
    found = _findings(engine, [pages[0]], cache)  # its state, of the first commit, is gone
    assert not full_runs and found == _findings(engine, [pages[0]], None)
    assert entries("hbstate") <= 3


def test_the_groups_run_again_over_cached_views_run_with_the_collector_paused(
    tmp_path, monkeypatch
):
    """A page added runs every group again over its views of every page: a few hundred
    thousand acyclic objects at 10,000 pages, which each full collection re-scanned (a quarter
    of such a run). The groups run with the cyclic collector paused, and it is on again after."""
    root, names, _session, engine, cache = _eight_families(tmp_path)
    _findings(engine, sorted(discover([str(root)])), cache)
    collecting: list[bool] = []
    run_group = Engine.run_handbook_group

    def spy(self, group, index):  # type: ignore[no-untyped-def]
        collecting.append(gc.isenabled())
        return run_group(self, group, index)

    monkeypatch.setattr(Engine, "run_handbook_group", spy)
    _write(root, "family-added", _page("Widget Engineer", 7, SHARED, "VP of Widgets", "/x/"))
    pages = sorted(discover([str(root)]))
    assert gc.isenabled()
    found = _findings(engine, pages, cache)
    assert collecting and not any(collecting)  # every group ran again, none collecting
    assert gc.isenabled()
    assert found == _findings(engine, pages, None)


_PARTS = st.sampled_from(["a", "b", "ab", "a-b", "", ".", "..", "b.md"])


@settings(max_examples=500, deadline=None)
@given(
    paths=st.lists(
        st.tuples(st.booleans(), st.lists(_PARTS, min_size=1, max_size=4)), min_size=1, max_size=5
    )
)
def test_a_lineage_s_folder_is_what_commonpath_says(paths):
    """The common folder of a handbook's pages, found by comparing text, is `commonpath`'s
    for every spelling, and the folders of the pages when there is none."""
    from jdlint.engine.handbook_reuse import _common

    typed = [("/" if absolute else "") + "/".join(parts) for absolute, parts in paths]
    try:
        expected = os.path.commonpath(typed)
    except ValueError:
        expected = "\0".join(sorted({os.path.dirname(path) for path in typed}))
    assert _common(typed) == expected


def test_a_base_s_page_findings_are_read_only_by_runs_of_many_pages(tmp_path, monkeypatch):
    """The page findings a base keeps are an entry of their own: a commit that checks a few
    pages reads each one's own entry, not every page's; a run over more than `MANY_PAGES`
    pages reads the one entry instead of one per page. Both answer as a cold run does."""
    from jdlint.engine import store as store_module

    root, names, _session, engine, cache = _eight_families(tmp_path)
    pages = sorted(discover([str(root)]))
    assert _findings(engine, pages, cache) == _findings(engine, pages, None)
    read: list[str] = []
    load = Cache.load

    def spied(self, key, kind, expected):
        read.append(kind)
        return load(self, key, kind, expected)

    monkeypatch.setattr(Cache, "load", spied)
    _write(root, names[2], ("append", "Reviewed this year."))
    assert _findings(engine, [pages[2]], cache) == _findings(engine, [pages[2]], None)
    assert "hbbase" in read and "hbpages" not in read
    monkeypatch.setattr(store_module, "MANY_PAGES", 4)
    _write(root, names[5], ("append", "Reviewed this year too."))
    read.clear()
    assert _findings(engine, pages, cache) == _findings(engine, pages, None)
    assert "hbpages" in read
    assert read.count("findings") <= 2  # the edited pages' own entries, at most
