"""The inline shortcut (document/plain_inline.py) gives markdown-it's own tokens, exactly.

Compared on hand-written edge cases, on every fixture page and, when the shared corpora are
next to the repository (../shared), on every page of them: the token lists (types, content,
maps, levels, children) of the parser jdlint uses (the shortcut and the block rules' gates,
tests/test_block_gates.py) must equal markdown-it's unchanged.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from reference_pages import corpus_texts, fixture_texts, on_corpora

from jdlint.document import plain_inline
from jdlint.document.markdown import _markdown, parse_text

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
]


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


def test_an_unknown_inline_rule_turns_the_shortcut_off() -> None:
    md = MarkdownIt("commonmark")

    def shout(state, silent):  # type: ignore[no-untyped-def]
        return False

    md.inline.ruler.push("shout", shout)
    before = _inline_rule(md)
    plain_inline.install(md)
    assert _inline_rule(md) is before


def test_fixture_pages_give_markdown_its_tokens() -> None:
    for text in fixture_texts():
        _same(text)


@pytest.mark.slow
@on_corpora
def test_corpus_pages_give_markdown_its_tokens() -> None:
    for text in corpus_texts():
        _same(text)
