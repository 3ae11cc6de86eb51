"""`jdlint lsp` plus one test-only fixable rule, for the code-action tests.

No rule on main is fixable yet, so the code-action test brings its own (like tests/test_fixer.py):
JD999 removes trailing spaces. Everything else is the real server over stdio.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.findings import Finding, Fix, Severity, TextEdit
from jdlint.lsp import serve
from jdlint.model import Document, Span
from jdlint.rules import Context, RuleMeta, rule

TRAILING = RuleMeta(
    "JD999", "test-trailing-space", "test only", Severity.WARNING, explanation="Test.", fixable=True
)


@rule(TRAILING, target=Document)
def trailing_space(document: Document, ctx: Context) -> Iterator[Finding]:
    for match in re.finditer(r"[ \t]+$", document.source, re.MULTILINE):
        line = document.source.count("\n", 0, match.start()) + 1
        col = match.start() - (document.source.rfind("\n", 0, match.start()) + 1) + 1
        fix = Fix((TextEdit(match.start(), match.end(), ""),), description="remove trailing space")
        span = Span(line, col, line, col + len(match.group()))
        yield ctx.finding(span, "trailing space", fix=fix, subject="trailing")


if __name__ == "__main__":
    serve(extra_rules=[trailing_space])
