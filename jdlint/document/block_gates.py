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
on a bullet or a digit, a link reference definition on "[", an HTML block on "<". A thematic
break is also asked its second question (is the next character that is not a blank its
marker again?), as most lines that start with "-" or "*" are list items. A rule is
gated only while it is markdown-it's own function (a plugin's replacement is left alone), and
keeps its place and its `alt` lists (the rules it may end). Tests compare the tokens with
and without the gates on edge cases, generated pages, every fixture and the shared corpora.

Each chain of rules (the block rules, and the rules that may end a paragraph, a list, a
quote) then asks the first character once, not once per gated rule: neighbouring gated
rules of a chain become one dispatch that looks up the rules that can start on that
character, in the chain's order. The dispatch lives in the ruler's compiled chains only, so
a plugin that changes a rule afterwards makes markdown-it compile them again, from the gates.
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
    """`md` with each of markdown-it's own block rules behind its gate, and each chain's
    neighbouring gates asking the first character once (`_dispatched`)."""
    ruler = md.block.ruler
    gated: dict[BlockRule, tuple[BlockRule, str]] = {}
    for rule in list(ruler.__rules__):
        known = _FIRST_CHARACTERS.get(rule.name)
        if known is not None and rule.fn is known[0]:
            fn = _thematic_break_gate(rule.fn) if rule.fn is rules_block.hr else rule.fn
            gate = _first_character_gate(fn, known[1])
            gated[gate] = (fn, known[1])
            ruler.at(rule.name, gate, {"alt": list(rule.alt)})
        elif rule.name == "code" and rule.fn is rules_block.code:
            ruler.at(rule.name, _indent_gate(rule.fn), {"alt": list(rule.alt)})
    ruler.getRules("")  # compiles every chain
    chains = ruler.__cache__ or {}
    ruler.__cache__ = {name: _dispatched(rules, gated) for name, rules in chains.items()}
    return md


def _dispatched(
    chain: list[BlockRule], gated: dict[BlockRule, tuple[BlockRule, str]]
) -> list[BlockRule]:
    """`chain` with each run of two or more first-character gates made one dispatch."""
    out: list[BlockRule] = []
    run: list[BlockRule] = []
    for rule in [*chain, None]:
        if rule is not None and rule in gated:
            run.append(rule)
            continue
        if len(run) == 1:
            out.append(run[0])
        elif run:
            out.append(_dispatch([gated[gate] for gate in run]))
        run = []
        if rule is not None:
            out.append(rule)
    return out


def _dispatch(rules: list[tuple[BlockRule, str]]) -> BlockRule:
    """One gate for `rules` (each with the characters it can start on), tried in order."""
    by_character: dict[str, tuple[BlockRule, ...]] = {}
    for rule, characters in rules:
        for character in characters:
            by_character[character] = (*by_character.get(character, ()), rule)

    def dispatch(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        try:
            first = state.src[state.bMarks[start] + state.tShift[start]]
        except IndexError:  # past the end of the text: no rule matches there
            return False
        # A loop, not any() over a generator: this runs at every line start of every page.
        for rule in by_character.get(first, ()):  # noqa: SIM110
            if rule(state, start, end, silent):
                return True
        return False

    return dispatch


def _first_character_gate(rule: BlockRule, characters: str) -> BlockRule:
    def gate(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        try:
            first = state.src[state.bMarks[start] + state.tShift[start]]
        except IndexError:  # past the end of the text: no rule matches there
            return False
        return first in characters and rule(state, start, end, silent)

    return gate


def _thematic_break_gate(rule: BlockRule) -> BlockRule:
    """The thematic break's second question: a line of its marker and blanks only, so the
    next character that is not a blank is the marker again ("- item" is asked no further).
    Behind the first-character gate, which has read the marker."""

    def gate(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        src, line_end = state.src, state.eMarks[start]
        position = state.bMarks[start] + state.tShift[start]
        marker = src[position]
        position += 1
        while position < line_end and src[position] in " \t":
            position += 1
        return (position >= line_end or src[position] == marker) and rule(state, start, end, silent)

    return gate


def _indent_gate(rule: BlockRule) -> BlockRule:
    def gate(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return state.sCount[start] - state.blkIndent >= 4 and rule(state, start, end, silent)

    return gate
