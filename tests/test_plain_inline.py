"""The inline shortcut (document/plain_inline.py) gives markdown-it's own tokens, exactly.

Compared on hand-written edge cases, on every fixture page and, when the shared corpora are
next to the repository (../shared), on every page of them: the token lists (types, content,
maps, levels, children) must be equal with and without the shortcut.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from jdlint.document import plain_inline
from jdlint.document.markdown import _markdown, parse_text
from jdlint.fs.decode import read_source

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SUFFIXES = (".md", ".md.erb", ".markdown")

CASES = [
    "Plain words only.",
    "Two lines\nof one paragraph.",
    "Hard break  \nafter two spaces, soft break \nafter one, tab\t\nafter a tab.",
    "Many spaces     \n   indented continuation\n\t\ttabbed continuation",
    "   \n",
    "#\n\n# \n\n## Title: with colon - and dash #\n",
    "| a | b |\n| - | - |\n|  | x: y |\n",
    "Setext heading\nover two lines\n===\n",
    "Punctuation that starts nothing: # $ % + - : = > @ ] ^ { } 100%.",
    "*emphasis* and _this_ and `code` and ~~gone~~ and [a](/b) and ![i](/i.png)",
    "<span>html</span> &amp; an entity, \\*escaped\\*, <https://auto.link>",
    "Text then a break  \n*emphasis on the next line*",
    "- item one\n- item two  \n  continued\n\n> quoted\n> text\n",
    "Trailing spaces at the very end   ",
    "Lone ! and lone < and lone & and lone [ here",
    # Plain inline links (document/plain_links.py) and their near misses.
    "See [the handbook](/handbook/) and [a page](../x/index.md#part-two).",
    "[a](b)  \nhard break after a link, [](empty-text) and [c](d)[e](f)",
    "[unsafe](javascript:alert) [data](data:text/html,x) [file](file:///etc)",
    '[spaced]( /a) [titled](/a "t") [angle](</a>) [paren](/a(b)) [esc](/a\\_b)',
    "[entity](/a&amp;b) [label [nested]](/a) [new\nline](/a) [x] (/a) [ref]",
    "[Ünï](http://bücher.example/ä ö) [case](HTTP://EXAMPLE.COM/%7e) [pct](/a%zz)",
    "[a_b](/c_d*e~f!g`h) [*em*](/a) [a](/b)\\\n[c](/d)",
    "[ref]: /target\n\n[ref](/inline) and [ref] and [ref][]",
]


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.endswith(SUFFIXES))


def _same(text: str) -> None:
    masked = parse_text(text).masked
    assert _markdown(True).parse(masked) == _markdown(False).parse(masked)


@pytest.mark.parametrize("text", CASES)
def test_edge_cases_give_markdown_its_tokens(text: str) -> None:
    _same(text)


def _inline_rule(md: MarkdownIt) -> object:
    return md.core.ruler.__rules__[md.core.ruler.__find__("inline")].fn


def test_jdlint_parses_with_the_shortcut_and_it_tells_plain_runs_apart() -> None:
    assert _inline_rule(_markdown(True)) is not _inline_rule(_markdown(False))
    pattern = plain_inline.trigger_pattern(_markdown(False).inline.ruler.get_active_rules())
    plain = plain_inline.plain_children("a  \nb \n  c", pattern)
    assert [(t.type, t.content) for t in plain or []] == [
        ("text", "a"),
        ("hardbreak", ""),
        ("text", "b"),
        ("softbreak", ""),
        ("text", "c"),
    ]
    assert plain_inline.plain_children("a *b*", pattern) is None
    assert plain_inline.plain_children("", pattern) == []
    md = _markdown(False)
    linked = plain_inline.plain_children("see [a](/b) \nc", pattern, md)
    assert [(t.type, t.content, t.level) for t in linked or []] == [
        ("text", "see ", 0),
        ("link_open", "", 0),
        ("text", "a", 1),
        ("link_close", "", 0),
        ("softbreak", "", 0),
        ("text", "c", 0),
    ]
    assert (linked or [])[1].attrs == {"href": "/b"}
    assert plain_inline.plain_children("see [a](/b)", pattern) is None  # links need `md`
    assert plain_inline.plain_children("[a](javascript:x)", pattern, md) is None


_PIECES = [
    "[",
    "]",
    "(",
    ")",
    "a",
    "B c",
    " ",
    "  ",
    "\n",
    "/x",
    "_",
    "*",
    "!",
    "&",
    "<",
    ">",
    "\\",
    ":",
    "#",
    "javascript:",
    "http://h.example",
    "é",
    "\t",
    '"',
    "%",
    "[a](/b)",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_generated_runs_give_markdown_its_tokens(text: str) -> None:
    _same(text)
    _same(f"- item {text}\n\n| h |\n| - |\n| {text.replace(chr(10), ' ')} |\n")


def test_an_unknown_inline_rule_turns_the_shortcut_off() -> None:
    md = MarkdownIt("commonmark")

    def shout(state, silent):  # type: ignore[no-untyped-def]
        return False

    md.inline.ruler.push("shout", shout)
    before = _inline_rule(md)
    plain_inline.install(md)
    assert _inline_rule(md) is before


def test_fixture_pages_give_markdown_its_tokens() -> None:
    pages = _pages(ROOT / "fixtures")
    assert pages
    for page in pages:
        _same(read_source(str(page), 1 << 24).text)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared corpora next to the repository")
def test_corpus_pages_give_markdown_its_tokens() -> None:
    pages = [p for name in ("corpus", "corpus-hugo", "seeds") for p in _pages(SHARED / name)]
    assert pages
    for page in pages:
        _same(read_source(str(page), 1 << 24).text)
