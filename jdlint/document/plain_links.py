"""The inline shortcut's one construct beyond line ends: a plain inline link, `[text](target)`.

After line ends, links are what most inline runs of a handbook carry (on a generated handbook
every run that is not plain is made only of text and links; on the real corpora 70% of them).
markdown-it's full inline pass for such a run costs a state object and a walk over every rule at
every character that could start one; this scanner builds the same tokens for the one shape of
link whose reading has no choice in it, and leaves every other run to markdown-it:

- the text holds no character that starts an inline rule (`triggers`), no bracket and no line
  end: markdown-it's label scan then ends at the first `]` and its tokens are one `text`;
- `(` follows the `]` at once and the target is one run up to `)` without spaces, control
  characters, parentheses, `\\`, `&` or `<` (no escapes, entities, angle form, nesting, title);
- the target is normalised and validated by markdown-it's own `normalizeLink` and
  `validateLink` (a target it would refuse, `javascript:` ..., goes to markdown-it).

Tokens are those markdown-it's `link` rule pushes: `link_open` (attrs {"href": ...}) at the
run's level, the text one level deeper (none for `[]`), `link_close`. Tests compare the token
lists with markdown-it's on edge cases, generated runs, the fixtures and the corpora.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^\x00-\x20\x7f()\\&<]+)\)")


def plain_link(
    md: MarkdownIt, content: str, start: int, triggers: re.Pattern[str]
) -> tuple[int, list[Token]] | None:
    """The end of the plain link at `start` (a `[`) and its tokens, or None when the run has
    to go to markdown-it."""
    found = _LINK.match(content, start)
    if found is None:
        return None
    label, target = found.group(1), found.group(2)
    if triggers.search(label):
        return None
    href = md.normalizeLink(target)
    if not md.validateLink(href):
        return None
    opening = Token("link_open", "a", 1)
    opening.attrs = {"href": href}
    tokens = [opening]
    if label:
        text = Token("text", "", 0)
        text.content = label
        text.level = 1
        tokens.append(text)
    tokens.append(Token("link_close", "a", -1))
    return found.end(), tokens
