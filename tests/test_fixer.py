"""The fix machinery, with a small test-only rule so it does not depend on any shipped rule.

The rule removes trailing spaces and rewrites "colour" as "color": two kinds of edit (deletion,
replacement) that can sit next to each other on one line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from jdlint.config.settings import Settings
from jdlint.engine.checking import Engine
from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.fix.files import fix_bytes
from jdlint.fix.fixed_point import NewlineMap, apply_fixes, fix_text
from jdlint.fs.atomic_write import ChangedOnDisk, write_atomic
from jdlint.fs.decode import encode
from jdlint.model import Document
from jdlint.registry import load_registry
from jdlint.rules import Context, RuleMeta, rule

TEST_RULE = RuleMeta("JD999", "test-fixes", "test only", Severity.WARNING, fixable=True)


@rule(TEST_RULE, target=Document)
def _test_rule(document: Document, ctx: Context) -> Iterator[Finding]:
    for match in re.finditer(r"[ \t]+$|colour", document.source, re.MULTILINE):
        line = document.source.count("\n", 0, match.start()) + 1
        col = match.start() - (document.source.rfind("\n", 0, match.start()) + 1) + 1
        text = "" if match.group().isspace() else "color"
        fix = Fix((TextEdit(match.start(), match.end(), text),))
        from jdlint.model import Span

        yield ctx.finding(Span(line, col, line, col + len(match.group())), "fix me", fix=fix)


@pytest.fixture
def engine() -> Engine:
    registry = load_registry(extra=[_test_rule], plugins=False)
    return Engine(Settings(), registry, frozenset({"JD999"}))


def test_apply_fixes_skips_overlaps_and_applies_right_to_left():
    text = "abcdef"
    first = Fix((TextEdit(1, 3, "X"),))
    overlapping = Fix((TextEdit(2, 4, "Y"),))
    later = Fix((TextEdit(4, 5, "Z"),))
    new, taken = apply_fixes(text, [later, overlapping, first])
    assert new == "aXdZf"
    assert taken == [first, later]


def test_two_insertions_at_one_point_wait_for_the_next_pass():
    new, taken = apply_fixes("ab", [Fix((TextEdit(1, 1, "x"),)), Fix((TextEdit(1, 1, "y"),))])
    assert new == "axb" and len(taken) == 1


def test_fix_to_fixed_point_and_idempotent(engine):
    data = b"## Widget  \n\nThe colour  of colour.\t\n"
    result = fix_bytes("p.md", data, engine)
    assert result.fixed == b"## Widget\n\nThe color  of color.\n"
    again = fix_bytes("p.md", result.fixed, engine)
    assert not again.changed


def test_crlf_kept_byte_identical_outside_edits(engine):
    data = b"## Widget  \r\n\r\nThe colour.\r\nplain line\r\n"
    result = fix_bytes("p.md", data, engine)
    assert result.fixed == b"## Widget\r\n\r\nThe color.\r\nplain line\r\n"


def test_mixed_line_endings_untouched_where_not_edited(engine):
    data = b"a colour\r\nb  \nc\r\nd colour\n"
    result = fix_bytes("p.md", data, engine)
    assert result.fixed == b"a color\r\nb\nc\r\nd color\n"


def test_utf8_bom_and_utf16_kept(engine):
    data = b"\xef\xbb\xbf## colour \n"
    assert fix_bytes("p.md", data, engine).fixed == b"\xef\xbb\xbf## color\n"
    utf16 = encode("## colour \r\n", "utf-16-le", True)
    fixed = fix_bytes("p.md", utf16, engine).fixed
    assert fixed == encode("## color\r\n", "utf-16-le", True)
    assert fixed.startswith(b"\xff\xfe")


def test_newline_map_offsets():
    mapping = NewlineMap("a\r\nbc\r\nd")
    normalised = "a\nbc\nd"
    for offset, char in enumerate(normalised):
        raw = "a\r\nbc\r\nd"
        mapped = mapping.to_raw(offset)
        assert raw[mapped] == ("\r" if char == "\n" else char)


def test_fix_loop_is_bounded():
    def always(text: str) -> list[Finding]:
        from jdlint.model import Span

        fix = Fix((TextEdit(0, 0, "x"),))
        return [Finding("p", Span(1, 1, 1, 1), "JD999", "t", "m", Severity.INFO, fix)]

    result = fix_text("", always)
    assert result.passes == 10 and not result.converged


def test_write_atomic_keeps_mode_and_refuses_changed_file(tmp_path):
    page = tmp_path / "p.md"
    page.write_bytes(b"old")
    os.chmod(page, 0o640)
    write_atomic(str(page), b"new", b"old")
    assert page.read_bytes() == b"new"
    assert os.stat(page).st_mode & 0o777 == 0o640
    with pytest.raises(ChangedOnDisk):
        write_atomic(str(page), b"newer", b"old")
    assert page.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]  # no temp file left behind


def test_cli_fix_and_diff(run_cli, tmp_path, monkeypatch):
    import jdlint.engine.session

    real = jdlint.engine.session.load_registry
    monkeypatch.setattr(
        jdlint.engine.session,
        "load_registry",
        lambda extra=(), **kw: real(extra=[*extra, _test_rule], **kw),
    )
    page = tmp_path / "p.md"
    original = b"---\ntitle: W\n---\n\nThe colour  \n"
    page.write_bytes(original)
    diff = run_cli("check", str(page), "--select", "JD999", "--diff")
    assert diff.exit_code == 1
    assert "-The colour  \n+The color\n" in diff.output
    assert page.read_bytes() == original  # --diff writes nothing
    fixed = run_cli("check", str(page), "--select", "JD999", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert "Fixed 2 findings. All checks passed" in fixed.output
    assert page.read_bytes() == b"---\ntitle: W\n---\n\nThe color\n"
    clean = run_cli("check", str(page), "--select", "JD999", "--diff")
    assert clean.exit_code == 0


def test_cli_fix_stdin_prints_fixed_text(run_cli, monkeypatch):
    import jdlint.engine.session

    real = jdlint.engine.session.load_registry
    monkeypatch.setattr(
        jdlint.engine.session,
        "load_registry",
        lambda extra=(), **kw: real(extra=[*extra, _test_rule], **kw),
    )
    result = run_cli("check", "-", "--select", "JD999", "--fix", input=b"a colour \n")
    assert result.output == "a color\n"


def test_unsafe_fixes_only_when_asked():
    from jdlint.model import Span

    def unsafe_only(text: str) -> list[Finding]:
        if "old" not in text:
            return []
        start = text.index("old")
        fix = Fix((TextEdit(start, start + 3, "new"),), safe=False)
        return [Finding("p", Span(1, 1, 1, 1), "JD999", "t", "m", Severity.INFO, fix)]

    assert fix_text("old text", unsafe_only).text == "old text"
    assert fix_text("old text", unsafe_only, unsafe=True).text == "new text"
