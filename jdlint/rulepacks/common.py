"""What every pack kind shares: where it came from, its message, where prose is, its exceptions.

Kinds do not inherit from one another; each holds a `Common` and uses these helpers.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from jdlint.findings import Finding, Fix, TextEdit
from jdlint.model import Block, Document, Heading, Inline
from jdlint.rulepacks.patterns import (
    Origin,
    PatternTimeout,
    compile_pattern,
    excepted,
    may_match,
    search_all,
)
from jdlint.rules import Context

#: Which inline runs a rule reads; `scope:` in a pack narrows it.
SCOPES = ("heading", "paragraph", "item", "cell")
_EVERY_SCOPE = frozenset(SCOPES)


@dataclass(frozen=True)
class Common:
    origin: Origin
    message: str
    exceptions: tuple[regex.Pattern[str], ...]
    scopes: frozenset[str]

    @classmethod
    def from_spec(
        cls, spec: Mapping[str, Any], origin: Origin, placeholders: Iterable[str], default: str
    ) -> Common:
        message = str(spec.get("message", default))
        check_placeholders(message, set(placeholders), origin)
        ignorecase = bool(spec.get("ignorecase", False))
        exceptions = tuple(
            compile_pattern(str(p), origin, ignorecase=ignorecase)
            for p in spec.get("exceptions", ())
        )
        scopes = frozenset(spec.get("scope", SCOPES))
        return cls(origin, message, exceptions, scopes)

    def say(self, **values: str) -> str:
        return self.message.format_map(values)

    def skip(self, text: str, start: int, end: int) -> bool:
        return bool(self.exceptions) and excepted(self.exceptions, text, start, end)


def check_placeholders(message: str, allowed: set[str], origin: Origin) -> None:
    """Refuse, when the pack loads, a message that `say` could not fill in or would blow up:
    only bare `{name}` placeholders of the kind, no format spec (`{match:d}`, `{match:>9999}`),
    no conversion (`{match!r}`), no positional or attribute fields."""
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as error:
        raise origin.error(f"message {message!r}: {error}") from error
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in allowed:
            names = ", ".join("{" + n + "}" for n in sorted(allowed))
            raise origin.error(f"message uses {{{name}}}; this kind offers {names}")
        if conversion:
            raise origin.error(
                f"message uses {{{name}!{conversion}}}: a conversion is not allowed; write {{{name}}}"
            )
        if spec:
            raise origin.error(
                f"message uses {{{name}:{spec}}}: a format spec is not allowed; write {{{name}}}"
            )


def prose(document: Document, scopes: frozenset[str]) -> Iterator[Inline]:
    """The inline runs of a page a pack rule reads, in order."""
    if scopes >= _EVERY_SCOPE:  # most rules read every kind of run: none is asked its kind
        yield from (inline for inline, _owner in document.iter_inlines())
        return
    for inline, owner in document.iter_inlines():
        if run_scope(inline, owner) in scopes:
            yield inline


def run_scope(inline: Inline, owner: Block | Heading) -> str:
    """The kind of node an inline run is in: "heading", "cell", "item" or "paragraph"."""
    if isinstance(owner, Heading):
        return "heading"
    if owner.kind == "table":
        return "cell"
    if owner.kind == "list":
        return "item"
    return "paragraph"


def matches(
    pattern: regex.Pattern[str], inline: Inline, ctx: Context, common: Common
) -> Iterator[regex.Match[str]]:
    """Matches in the masked prose of `inline`, minus exceptions; a timeout ends the search."""
    for match in search_all(pattern, inline.masked):
        if match.end() > match.start() and not common.skip(inline.masked, *match.span()):
            yield match


def timeout_finding(ctx: Context, inline: Inline, origin: Origin) -> Finding:
    return ctx.finding(
        inline.span(0, len(inline.raw)),
        f"rule pack rule {origin.rule!r} ({origin.path}) gave up: its pattern ran longer than "
        "the time limit on this text",
        subject=f"timeout {origin.rule}",
    )


def replacement_fix(
    document: Document, inline: Inline, start: int, end: int, text: str, safe: bool
) -> Fix:
    span = inline.span(start, end)
    begin = document.offset(span.line, span.col)
    finish = document.offset(span.end_line, span.end_col)
    return Fix(
        edits=(TextEdit(begin, finish, text),), safe=safe, description=f"replace with {text!r}"
    )


def prose_findings(
    document: Document,
    common: Common,
    pattern: regex.Pattern[str],
    ctx: Context,
    per_run: Callable[[Inline], Iterator[Finding]],
) -> Iterator[Finding]:
    """`per_run` on every prose run of the page `pattern` may match, each guarded against a
    pattern timeout (what every pattern-driven pack kind does with a page)."""
    for inline in prose(document, common.scopes):
        if may_match(pattern, inline.masked):
            yield from guarded(ctx, inline, common.origin, per_run(inline))


def guarded(
    ctx: Context, inline: Inline, origin: Origin, found: Iterator[Finding]
) -> Iterator[Finding]:
    """Pass findings through; turn a pattern timeout into one finding instead of a hang."""
    try:
        yield from found
    except PatternTimeout:
        yield timeout_finding(ctx, inline, origin)
