"""markdown-it's core `inline` rule with a shortcut for text that has no inline markup.

Most inline runs of a job description ("Collaborate with the team on the roadmap.") contain no
character that starts an inline rule, and markdown-it's inline pass then only copies the text
into one `text` token (plus a `softbreak` or `hardbreak` at each line end). That pass still
costs a state object, a walk over every rule and the post-processing rules per run; the
shortcut builds the same tokens directly and hands every other run to markdown-it unchanged.

Sound because, in markdown-it, a character that starts no active rule is appended to the
pending text exactly as the `text` rule would append it: only the characters in
`_TRIGGERS` of the active rules can produce anything but text. If the parser has an inline
rule this module does not know (a plugin), the shortcut is off. Tests compare the tokens with
and without it on every fixture and, when they exist, on the shared corpora.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# The characters each inline rule of markdown-it's commonmark preset can start on.
_TRIGGERS = {
    "text": "",
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
# Post-processing rules that only act on the delimiters of emphasis and strikethrough runs.
_DELIMITER_RULES = {"balance_pairs", "strikethrough", "emphasis", "fragments_join"}
_SPACES = " \t"  # markdown-it skips these at the start of a continuation line


def install(md: MarkdownIt) -> MarkdownIt:
    """`md` with its core `inline` rule replaced by the shortcut (if `md`'s rules allow it)."""
    active = md.inline.ruler.get_active_rules()
    post = md.inline.ruler2.get_active_rules()
    if not set(active) <= _TRIGGERS.keys() or not set(post) <= _DELIMITER_RULES:
        return md
    md.core.ruler.at("inline", _rule(trigger_pattern(active)))
    return md


def trigger_pattern(rules: list[str]) -> re.Pattern[str]:
    """The characters the inline rules named `rules` can start on, as one character class."""
    return re.compile("[" + re.escape("".join(_TRIGGERS[name] for name in rules)) + "]")


def _rule(triggers: re.Pattern[str]) -> Callable[[StateCore], None]:
    def inline(state: StateCore) -> None:
        md = state.md
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            plain = plain_children(token.content, triggers)
            if plain is None:
                md.inline.parse(token.content, md, state.env, token.children)
            else:
                token.children.extend(plain)

    return inline


def plain_children(content: str, triggers: re.Pattern[str]) -> list[Token] | None:
    """The inline tokens of `content` when its only markup is line ends, else None.

    Line ends follow markdown-it's `newline` rule: two or more spaces before one make a
    `hardbreak` (all of them dropped), one space is dropped before a `softbreak`, and spaces
    and tabs after one are skipped.
    """
    out: list[Token] = []
    position = 0
    end = len(content)
    while True:
        found = triggers.search(content, position)
        if found is None:
            if position < end:
                out.append(_text(content[position:]))
            return out
        if found.group() != "\n":
            return None
        segment = content[position : found.start()]
        kind = "softbreak"
        if segment.endswith("  "):
            segment, kind = segment.rstrip(" "), "hardbreak"
        elif segment.endswith(" "):
            segment = segment[:-1]
        if segment:
            out.append(_text(segment))
        out.append(Token(kind, "br", 0))
        position = found.end()
        while position < end and content[position] in _SPACES:
            position += 1


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
