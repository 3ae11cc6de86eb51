"""The block rules' gates (document/block_gates.py) give markdown-it's own tokens, exactly.

Compared with and without the gates (inline shortcut on in both, so only the gates differ) on
hand-written edge cases of block structure and on generated lines of block markup. On every
fixture page and corpus page, tests/test_plain_inline.py compares the parser jdlint uses
(gates and shortcut) with markdown-it unchanged.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt, rules_block

from jdlint.document import block_gates, plain_inline
from jdlint.document.markdown import _markdown, parse_text

CASES = [
    "# Heading\nparagraph\n## Next\n#no-space\n####### seven\n",
    "Paragraph\n- a list ends it\n1. and an ordered one\n2) too\n\n3. not first\n",
    "Paragraph\n2. an ordered list not at 1 does not interrupt it\n",
    "- item\n  continued\n- next\n\n  loose paragraph\n    - nested\n      - deeper\n",
    "- a\n - b\n  - c\n   - d\n    - e is a continuation\n",
    "* star\n+ plus\n- dash\n\n***\n- - -\n___\n* * *\n",
    "Setext\n---\nAnother\n===\n\n- item\n---\n",
    "> quote\nlazy continuation\n> > nested\n>\n> - list in quote\n",
    "```\ncode\n```\n~~~python\n# not a heading\n~~~\n````\n```\n````\n",
    "    indented code\n\n\tafter a tab\n- item\n\n      code in item\n",
    "<div>\nhtml block\n</div>\n\n<!-- comment -->\n<span>inline</span> start\n",
    '[ref]: /target "title"\n[ref]\n\n[not a ref\n',
    "| a | b |\n| - | - |\n| c | d |\n- item after a table\n",
    "Paragraph\n| a |\n| - |\n",
    "1.\n2.\n-\n*\n>\n#\n",
    "line\r\nwith CR\rlone\n\x00nul\n",
    "   # indented heading\n   > indented quote\n   - indented item\n    # code\n",
    "- [ ] task\n- [x] done\n\n10. ten\n11. eleven\n",
    "",
    "\n\n\n",
    "no final newline - *",
    "-  -  -\n- -x\n*\t*\t*\n_ _ _ x\n-- item\n---x\n- \t\n* * * *   \n__\n",
    "Paragraph\n- - -\n* item\n  ***\n  - * -\n",
]


@lru_cache(maxsize=1)
def _without_gates() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return plain_inline.install(md)


def _same(text: str) -> None:
    masked = parse_text(text).masked
    assert _markdown(True).parse(masked) == _without_gates().parse(masked)


@pytest.mark.parametrize("text", CASES)
def test_edge_cases_give_markdown_its_tokens(text: str) -> None:
    _same(text)


_LINE_STARTS = ["", " ", "  ", "   ", "    ", "\t", "- ", "* ", "+ ", "1. ", "2) ", "> ", "# "]
_LINE_STARTS += ["## ", "```", "~~~", "---", "***", "___", "<div>", "[x]: /y", "| a |", "=="]
_LINE = st.tuples(
    st.sampled_from(_LINE_STARTS), st.sampled_from(["", "word", "- x", "| b |", "`", "<", "*"])
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(lines=st.lists(_LINE, max_size=14))
def test_generated_block_markup_gives_markdown_its_tokens(lines: list[tuple[str, str]]) -> None:
    _same("\n".join(start + rest for start, rest in lines))


def _block_rule(md: MarkdownIt, name: str) -> object:
    return md.block.ruler.__rules__[md.block.ruler.__find__(name)]


def test_jdlint_parses_with_the_gates_and_keeps_what_each_rule_may_end() -> None:
    gated, plain = _markdown(True), _markdown(False)
    for name in ("code", "fence", "blockquote", "hr", "list", "reference", "html_block"):
        assert _block_rule(gated, name).fn is not _block_rule(plain, name).fn, name
        assert _block_rule(gated, name).alt == _block_rule(plain, name).alt, name
    for name in ("table", "lheading", "paragraph"):
        assert _block_rule(gated, name).fn is _block_rule(plain, name).fn, name
    assert gated.block.ruler.getRules("paragraph") != plain.block.ruler.getRules("paragraph")


def test_each_chain_asks_the_first_character_once() -> None:
    """Neighbouring gates of a chain are one dispatch: the paragraph's terminators are the
    table rule (not gated: any line may start a table row) and one dispatch for the six
    rules that start on a known character; the block chain keeps code's indent gate apart."""
    gated, plain = _markdown(True), _markdown(False)
    names = {chain: [rule.__name__ for rule in gated.block.ruler.getRules(chain)]
             for chain in ("", "paragraph", "list")}  # fmt: skip
    assert names == {
        "": ["table", "gate", "dispatch", "lheading", "paragraph"],
        "paragraph": ["table", "dispatch"],
        "list": ["dispatch"],
    }
    assert len(plain.block.ruler.getRules("paragraph")) == 7


def test_a_rule_changed_after_install_compiles_the_chains_again_from_the_gates() -> None:
    md = block_gates.install(
        MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    )
    md.block.ruler.disable("hr")
    names = [rule.__name__ for rule in md.block.ruler.getRules("paragraph")]
    assert names == ["table", "gate", "gate", "gate", "gate", "gate"]
    text = "Paragraph\n> quote\n***\n- item\n# heading\n"
    reference = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    assert md.parse(text) == reference.disable("hr").parse(text)


def test_a_rule_a_plugin_replaced_is_not_gated() -> None:
    md = MarkdownIt("commonmark")

    def own_heading(state, start, end, silent):  # type: ignore[no-untyped-def]
        return rules_block.heading(state, start, end, silent)

    md.block.ruler.at("heading", own_heading, {"alt": ["paragraph"]})
    block_gates.install(md)
    assert _block_rule(md, "heading").fn is own_heading
    assert _block_rule(md, "hr").fn is not rules_block.hr
