"""markdown-it's block rules behind a one-character gate: the same tokens, fewer calls.

markdown-it tries its block rules in order at the start of every block, and each paragraph,
list and quote tries most of them again on every following line to see whether one ends it.
Almost every such call returns False after looking at one character, but only after logging
its arguments (`LOGGER.debug`) and asking `is_code_block`. A job description is mostly lists
and paragraphs, so those calls are about a tenth of tokenising a page.

Each gate asks the rule's own first question (its line's first character, or the indent of
an indented code block) and calls the rule only when the answer lets it match. Sound because
a CommonMark block can only start on those characters: an ATX heading on "#", a fence on a
backtick or a tilde, a block quote on ">", a thematic break on "*", "-" or "_", a list item
on a bullet or a digit, a link reference definition on "[", an HTML block on "<". A rule is
gated only while it is markdown-it's own function (a plugin's replacement is left alone), and
keeps its place and its `alt` lists (the rules it may end). Tests compare the tokens with
and without the gates on edge cases, generated pages, every fixture and the shared corpora.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt, rules_block
from markdown_it.rules_block import StateBlock

BlockRule = Callable[[StateBlock, int, int, bool], bool]

#: The characters each of markdown-it's block rules can start on, by rule name.
_FIRST_CHARACTERS: dict[str, tuple[BlockRule, str]] = {
    "fence": (rules_block.fence, "`~"),
    "blockquote": (rules_block.blockquote, ">"),
    "hr": (rules_block.hr, "*-_"),
    "list": (rules_block.list_block, "*-+0123456789"),
    "reference": (rules_block.reference, "["),
    "html_block": (rules_block.html_block, "<"),
    "heading": (rules_block.heading, "#"),
}


def install(md: MarkdownIt) -> MarkdownIt:
    """`md` with each of markdown-it's own block rules behind its gate."""
    ruler = md.block.ruler
    for rule in list(ruler.__rules__):
        known = _FIRST_CHARACTERS.get(rule.name)
        if known is not None and rule.fn is known[0]:
            ruler.at(rule.name, _first_character_gate(rule.fn, known[1]), {"alt": list(rule.alt)})
        elif rule.name == "code" and rule.fn is rules_block.code:
            ruler.at(rule.name, _indent_gate(rule.fn), {"alt": list(rule.alt)})
    return md


def _first_character_gate(rule: BlockRule, characters: str) -> BlockRule:
    def gate(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        try:
            first = state.src[state.bMarks[start] + state.tShift[start]]
        except IndexError:  # past the end of the text: no rule matches there
            return False
        return first in characters and rule(state, start, end, silent)

    return gate


def _indent_gate(rule: BlockRule) -> BlockRule:
    def gate(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return state.sCount[start] - state.blkIndent >= 4 and rule(state, start, end, silent)

    return gate
