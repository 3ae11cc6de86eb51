"""Pay in job postings: no questions about an applicant's pay history (JD606), and, where a
handbook's config asks for it, a pay range or a grade with a compensation link (JD607).

Both follow pay-transparency laws (Directive (EU) 2023/970 Art. 5; US state and city laws), but
jdlint reads text, not law: the rules say what a page does not show, never that a page is legal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jdlint.document.gated_pattern import GatedPattern
from jdlint.domain.pay_ranges import pay_amounts, pay_ranges
from jdlint.findings import Finding, Severity
from jdlint.model import Document, Heading
from jdlint.rules import Context, RuleMeta, rule

PAY_HISTORY_QUESTION = RuleMeta(
    code="JD606",
    name="pay-history-question",
    summary="A posting does not ask applicants for their current or previous pay.",
    severity=Severity.WARNING,
    explanation="""\
Basis: Directive (EU) 2023/970, Article 5(2), forbids employers to ask applicants about their
pay history in current or previous employment, as do salary-history bans in many US states and
cities (California Labor Code 432.3, Colorado's Equal Pay for Equal Work Act, New York Labor Law
194-a, Washington RCW 49.58.100, Illinois' Equal Pay Act). jdlint reports text that asks for it:
"please include your salary history", "what is your current compensation?", "state your
previous salary". Asking for salary *expectations* is lawful in most places and is not
reported, nor is a sentence that says the company does not ask ("we never ask about your
salary history"). jdlint is not legal advice.

```markdown
Please include your salary history with your application.   <- JD606
```
""",
)

_PAY = r"(?:base\s+|annual\s+|total\s+|gross\s+)?(?:salary|salaries|pay|compensation|remuneration|wages?|earnings|income|CTC|(?:salary|pay|compensation)\s+package)"
_HISTORY = GatedPattern(
    re.compile(
        rf"\b(?:{_PAY})\s+histor(?:y|ies)\b"
        rf"|\b(?:current|present|previous|prior|past|former|last|most\s+recent)\s+{_PAY}\b",
        re.IGNORECASE,
    ),
    ("histor", "current", "present", "previous", "prior", "past", "former", "last", "recent"),
)
_POSSESSIVE = re.compile(
    r"\b(?:your|their|applicants?'|applicant's|candidates?'|candidate's)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"^\s*(?:please\s+)?(?:include|provide|state|tell|share|list|disclose|submit|indicate|send|"
    r"specify|mention|enclose|attach|give|add|note)\b",
    re.IGNORECASE,
)
_TO_APPLICANT = re.compile(r"\b(?:please|you|your|us)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"\b(?:not|never|no|won't|don't|doesn't|cannot|can't|without|nor)\b|n't\b"
    r"|\b(?:ban|bans|banned|prohibit\w*|forbid\w*|illegal|unlawful)\b",
    re.IGNORECASE,
)
_FORM_FIELD = re.compile(r"^\s*(?:\(required\)|\*|:|\?)")


@rule(PAY_HISTORY_QUESTION, target=Document)
def pay_history_question(document: Document, ctx: Context) -> Iterator[Finding]:
    for inline, owner in document.iter_inlines():
        if isinstance(owner, Heading):
            continue
        masked = inline.masked
        for match in _HISTORY.finditer(masked):
            if _asks(masked, match.start(), match.end()):
                written = " ".join(inline.raw[match.start() : match.end()].split())
                yield ctx.finding(
                    inline.span(*match.span()),
                    f'asks applicants for their pay history ("{written}"); ask for their '
                    "expectations or state the pay range instead",
                    subject=written,
                )


def _asks(text: str, start: int, end: int) -> bool:
    """The sentence asks the applicant: "your current salary", a request to them ("please
    include salary history", "tell us your ..."), a question, or a form field ("Previous
    salary:"), and does not say that the company does not ask. A duty in a list of
    responsibilities ("Provide current compensation data to managers") is not a question."""
    begin = max(text.rfind(c, 0, start) for c in ".!?\n;") + 1
    stops = [i for i in (text.find(c, end) for c in ".!?\n;") if i >= 0]
    stop = min(stops) if stops else len(text)
    before, sentence = text[begin:start], text[begin:stop]
    if _NEGATED.search(sentence):
        return False
    if _POSSESSIVE.search(before):
        return True
    if _REQUEST.match(before) and _TO_APPLICANT.search(sentence):
        return True
    if stop < len(text) and text[stop] == "?" and _TO_APPLICANT.search(sentence):
        return True
    return not before.strip() and bool(_FORM_FIELD.match(text[end:]))


PAY_INFORMATION = RuleMeta(
    code="JD607",
    name="pay-information",
    summary="A job posting states its pay range, or a grade with a link to compensation.",
    severity=Severity.WARNING,
    default_enabled=False,
    explanation="""\
Basis: Directive (EU) 2023/970, Article 5(1), gives applicants the right to the initial pay or
its range before the interview, and pay-transparency laws of US states and cities (Colorado,
California, Washington, New York State and City, Illinois, ...) require a good-faith pay range
in job postings. Off by default: the config key `pay-transparency` switches it on for a
handbook or some of its paths and names the jurisdiction in every message:

```yaml
pay-transparency:
  jurisdiction: EU Directive 2023/970
  paths: ["job-families/**"]
  compensation-links: [/handbook/total-rewards/compensation/compensation-calculator/]
```

A page with roles passes when its text states a pay range with a currency ("$120,000–$150,000",
"€60k – €75k", "USD 50 to 60 per hour", "£45,000 to £55,000 per annum") or an amount next to a
pay word, or when it states a grade and links to one of `compensation-links`. A range whose low
end exceeds its high end, or a pay range without a currency, is reported too.
jdlint is not legal advice: it reports what a page does not show, it does not certify compliance.

```markdown
## Widget Engineer
The Widget Engineer is a grade 6.      <- JD607 (no range, no compensation link)
```
""",
)

_DEFAULT_JURISDICTION = "pay-transparency law"


@rule(PAY_INFORMATION, target=Document)
def pay_information(document: Document, ctx: Context) -> Iterator[Finding]:
    entry = _entry_for(document.path, ctx)
    if entry is None or document.kind == "partial":
        return
    law = str(entry.get("jurisdiction") or _DEFAULT_JURISDICTION)
    stated = False
    for inline, _owner in document.iter_inlines():
        for found in pay_ranges(inline.masked):
            span = inline.span(found.start, found.end)
            text = inline.raw[found.start : found.end]
            if found.currency is None:
                yield ctx.finding(
                    span, f'pay range "{text}" names no currency ({law})', subject=text
                )
            elif found.low > found.high:
                yield ctx.finding(
                    span,
                    f'pay range "{text}" has its low end above its high end ({law})',
                    subject=text,
                )
            else:
                stated = True
        stated = stated or any(True for _ in pay_amounts(inline.masked))
    if stated or not document.roles or _grade_with_link(document, entry):
        return  # a page without roles is no posting; its ranges were still checked
    links = [str(link) for link in entry.get("compensation-links", ())]
    via = f" or a grade with a link to {', '.join(links)}" if links else ""
    span = document.title_span or document.roles[0].title_span
    yield ctx.finding(
        span,
        f"job posting states no pay range ({law}): give the range with its currency{via}",
        subject="pay range",
    )


def _entry_for(path: str, ctx: Context) -> Mapping[str, Any] | None:
    """The first `pay-transparency` entry whose paths match the page (no paths: every page);
    with no entry at all but the rule selected, the rule judges every page."""
    entries = ctx.settings.pay_transparency
    if not entries:
        return {}
    base = ctx.settings.path.parent if ctx.settings.path else Path.cwd()
    try:
        relative = Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    for entry in entries:
        patterns = entry.get("paths") or ["*"]
        if any(fnmatch(relative, p) or fnmatch(path, p) for p in patterns):
            return entry
    return None


def _grade_with_link(document: Document, entry: Mapping[str, Any]) -> bool:
    """A grade is stated (a role's statement, a title/grade table, or the link itself reads
    "grade 7" / "7") and the page links to one of the configured compensation pages."""
    prefixes = [str(link) for link in entry.get("compensation-links", ())]
    if not prefixes:
        return False
    graded = bool(document.grade_tables) or any(
        r.grade is not None or r.statements for r in document.roles
    )
    for inline, _owner in document.iter_inlines():
        for link in inline.links:
            named = any(_links_to(link.target, prefix) for prefix in prefixes)
            if named and (graded or _GRADE_TEXT.search(link.text)):
                return True
    return False


_GRADE_TEXT = re.compile(r"\bgrades?\b|\d", re.IGNORECASE)


def _links_to(target: str, prefix: str) -> bool:
    """`target` is `prefix` or below it; a path prefix also matches an absolute URL's path."""
    bare = target.split("#", 1)[0].rstrip("/")
    want = prefix.split("#", 1)[0].rstrip("/")
    if not want:
        return False
    if bare == want or bare.startswith(want + "/"):
        return True
    if want.startswith("/") and "://" in bare:
        path = urlparse(bare).path.rstrip("/")
        return path == want or path.startswith(want + "/")
    return False


RULES = (pay_history_question, pay_information)
