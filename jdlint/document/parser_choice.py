"""Which Markdown parser builds the trees: markdown-it-py (default) or "fast" (markdown-it-pyrs).

Kept apart from `markdown.py` so that the CLI can offer the choice without importing a parser.
The choice lives in the environment, so `-j` worker processes inherit it; both parsers give
the same tree (the fast one falls back to markdown-it-py on any page it cannot match), so the
cache and the findings do not depend on it.
"""

from __future__ import annotations

import os

VARIABLE = "JDLINT_PARSER"
BACKENDS = ("markdown-it-py", "fast")


def requested() -> str:
    """The parser asked for: "fast" only when spelled so, otherwise markdown-it-py."""
    return "fast" if os.environ.get(VARIABLE) == "fast" else "markdown-it-py"


def request(parser: str) -> None:
    """Ask for `parser` in this process and its workers (the CLI's `--parser`)."""
    os.environ[VARIABLE] = parser
