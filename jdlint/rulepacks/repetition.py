"""`repetition`: the same word twice in a row ("the the"), a classic slip when editing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from jdlint.findings import Finding
from jdlint.model import Document, Inline
from jdlint.rulepacks.common import Common, prose_findings, replacement_fix
from jdlint.rulepacks.patterns import Origin, compile_pattern, search_all
from jdlint.rules import Context

PLACEHOLDERS = ("match",)
DEFAULT_MESSAGE = 'repeated word "{match}"'
_TOKEN = r"[A-Za-z][A-Za-z']*"


@dataclass(frozen=True)
class Repetition:
    common: Common
    pattern: regex.Pattern[str]
    allowed: frozenset[str]  # words that may be doubled on purpose ("that that")
    phrases: tuple[str, ...] = ()  # correct phrases that start doubled ("at at least one")

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], origin: Origin) -> Repetition:
        common = Common.from_spec(spec, origin, PLACEHOLDERS, DEFAULT_MESSAGE)
        token = str(spec.get("token", _TOKEN))
        compile_pattern(token, origin)
        pattern = compile_pattern(
            rf"\b(?P<word>{token})(?P<gap>[ \t]+)(?P=word)\b", origin, ignorecase=True
        )
        allowed = frozenset(str(w).casefold() for w in spec.get("allow", ()))
        phrases = tuple(" ".join(str(p).casefold().split()) for p in spec.get("allow-phrases", ()))
        return cls(common, pattern, allowed, phrases)

    scope: ClassVar[str] = "document"
    fixable: ClassVar[bool] = True

    def check(self, document: Document, ctx: Context) -> Iterator[Finding]:
        yield from prose_findings(
            document, self.common, self.pattern, ctx, lambda run: self._inline(document, run, ctx)
        )

    def _inline(self, document: Document, inline: Inline, ctx: Context) -> Iterator[Finding]:
        for match in search_all(self.pattern, inline.masked):
            word = match.group("word")
            if word.casefold() in self.allowed or self.common.skip(inline.masked, *match.span()):
                continue
            if self._phrase(inline.masked, match.start()):
                continue
            # Removing the second word is offered but not applied by --fix on its own:
            # "had had" and "that that" can be right.
            fix = replacement_fix(document, inline, match.start("gap"), match.end(), "", safe=False)
            yield ctx.finding(
                inline.span(*match.span()),
                self.common.say(match=f"{word} {word}"),
                fix=fix,
                subject=word,
            )

    def _phrase(self, text: str, start: int) -> bool:
        if not self.phrases:
            return False
        ahead = " ".join(text[start : start + 80].casefold().split())
        return any(ahead.startswith(phrase) for phrase in self.phrases)
