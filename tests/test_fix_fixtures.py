"""`--fix` over every page of the bundled fixtures: nothing fixable remains, a second run
changes nothing, every changed character was inside a reported fix, the outline is kept."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES

from jdlint.config.settings import Settings
from jdlint.engine.checking import Engine
from jdlint.findings import Finding
from jdlint.fix.audit import audit
from jdlint.fix.fixed_point import wanted
from jdlint.registry import load_registry
from jdlint.rulepacks.loader import load_packs

PAGES = sorted(p for p in FIXTURES.rglob("*") if p.name.endswith((".md", ".md.erb", ".erb")))


@pytest.fixture(scope="module")
def engine() -> Engine:
    settings = Settings()
    registry = load_registry(extra=load_packs(settings))
    return Engine(settings, registry, registry.selected(None))


def test_fixtures_have_fixable_findings(engine):
    fixable = [
        f for p in PAGES for f in engine.check_text(str(p), p.read_text()) if wanted(f, False)
    ]
    assert len(fixable) >= 3, "the fixtures should exercise --fix"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fix_is_safe_and_idempotent(page, tmp_path, run_cli):
    copy = tmp_path / page.name
    shutil.copyfile(page, copy)
    before = copy.read_text(encoding="utf-8")
    run_cli("check", str(copy), "--fix", "--no-cache")
    after = copy.read_text(encoding="utf-8")
    registry = load_registry(extra=load_packs(Settings()))
    engine = Engine(Settings(), registry, registry.selected(None))
    reported = [f for f in engine.check_text(str(copy), before) if wanted(f, False)]
    result = audit(str(copy), before, after, reported)
    assert result.stray_changes == ()
    assert not result.structure_changed
    remaining = [f for f in engine.check_text(str(copy), after) if wanted(f, False)]
    assert remaining == []
    run_cli("check", str(copy), "--fix", "--no-cache")
    assert copy.read_text(encoding="utf-8") == after


def test_audit_catches_a_stray_change():
    before = "## Widget Engineer\n\nThe Sr. Widget Engineer builds.\n"
    from jdlint.findings import Fix, Severity, TextEdit
    from jdlint.model import Span

    start = before.index("Sr.")
    fix = Fix((TextEdit(start, start + 3, "Senior"),))
    finding = Finding("p.md", Span(3, 5, 3, 8), "JD302", "t", "m", Severity.WARNING, fix)
    good = before.replace("Sr.", "Senior")
    assert audit("p.md", before, good, [finding]).ok
    bad = good.replace("builds", "ships")
    assert audit("p.md", before, bad, [finding]).stray_changes
