"""Shipped pack patterns run on the standard `re` module and find exactly what `regex` finds.

Every pattern the shipped packs make is searched, with `re` and with `regex` (version 0, as
untrusted packs compile it), over the text of every fixture page and the shared corpora when
they are next to the repository: same matches, same groups. A user's pack keeps `regex` and
its time limit.
"""

from __future__ import annotations

import re

import pytest
import regex
from reference_pages import corpus_texts, fixture_texts, on_corpora

from jdlint.config.settings import Settings
from jdlint.rulepacks import patterns
from jdlint.rulepacks.loader import load_packs
from jdlint.rulepacks.patterns import LazyPattern, Origin, compile_pattern


def _shipped(monkeypatch: pytest.MonkeyPatch) -> list[LazyPattern]:
    made: list[LazyPattern] = []
    original = LazyPattern.__init__

    def record(self: LazyPattern, text: str, flags: int) -> None:
        original(self, text, flags)
        made.append(self)

    monkeypatch.setattr(LazyPattern, "__init__", record)
    load_packs(Settings())
    return made


def _texts(pages: list[str]) -> list[str]:
    """The ASCII paragraphs of the pages (what `re` searches; other text goes to `regex`)."""
    paragraphs = {part for text in pages for part in text.split("\n\n")}
    return sorted(part for part in paragraphs if part.isascii())


def _found(pattern: object, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def _agree(made: list[LazyPattern], texts: list[str]) -> None:
    for lazy in made:
        standard = lazy.compiled()
        reference = regex.compile(lazy.text, lazy.flags)
        for text in texts:
            assert _found(standard, text) == _found(reference, text), lazy.text[:80]


def test_shipped_patterns_mostly_compile_with_re(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _shipped(monkeypatch)
    assert len(made) > 10
    on_regex = [lazy for lazy in made if isinstance(lazy.compiled(), regex.Pattern)]
    # Only what `re` cannot read stays on `regex` (variable-width look-behinds, today one).
    assert len(on_regex) * 10 <= len(made)
    for lazy in on_regex:
        with pytest.raises(re.error, match="look-behind"):
            re.compile(lazy.text)


def test_shipped_patterns_find_the_same_on_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    _agree(_shipped(monkeypatch), _texts(fixture_texts()))


@pytest.mark.slow
@on_corpora
def test_shipped_patterns_find_the_same_on_corpora(monkeypatch: pytest.MonkeyPatch) -> None:
    _agree(_shipped(monkeypatch), _texts(corpus_texts()))


def test_text_beyond_ascii_is_searched_by_regex() -> None:
    lazy = LazyPattern(r"(?<![\w])cafe\w*", regex.V0)
    text = "cafe\u0301 and e\u0301cafe"  # "\w" takes the combining accent in `regex` only
    assert isinstance(lazy.compiled(ascii_text=False), regex.Pattern)
    assert [m.span() for m in lazy.finditer(text)] == [(0, 5)]
    assert [m.span() for m in re.finditer(lazy.text, text)] != [(0, 5)]  # the test can tell


def test_patterns_only_regex_reads_stay_on_regex() -> None:
    lazy = LazyPattern(r"\p{Lu}\w+", regex.V0)
    assert isinstance(lazy.compiled(), regex.Pattern)
    assert [m.group() for m in lazy.finditer("a Widget")] == ["Widget"]
    assert patterns.standard("[[a]", regex.V0) is None  # re warns: a nested set one day


def test_user_patterns_keep_regex_and_its_time_limit() -> None:
    # (the time limit itself: test_fast_paths.py, a runaway pattern times out)
    assert isinstance(compile_pattern(r"(a|aa)+$", Origin("pack.yml", "slow")), regex.Pattern)
    trusted = compile_pattern(r"(a|aa)+$", Origin("rules/p.yml", "slow", trusted=True))
    assert isinstance(trusted.compiled(), re.Pattern)  # type: ignore[attr-defined]
