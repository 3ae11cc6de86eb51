"""A role's reporting line, read from its own text: "The X reports to the Director, Y."

Pages state it in prose, in many shapes ("reports to our CEO", "will report to the [VP of
Sales](...)", "typically reports to the Director, Ecosystem Sales and is focused on..."). The
title is read word by word: capitalised words and the small words that join them, up to the
first ordinary lower-case word, the sentence end or the end of the source line (a title does
not run on into the next line, which may start a new sentence without a full stop before it).
Sentences about other people ("Technical Writers report to the Manager") and about the role's
own reports ("pushes reports to accept moves") are not this role's reporting line: skipped.

The same sentences also name the role itself ("The Widget Analyst reports to ..."):
`reporting_subjects` reads that subject, which JD301 compares with the role's heading. Both
readers live here so that one module knows what a reports-to sentence looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jdlint.document.grade_statements import looks_like_title
from jdlint.model import Block, Role, Section, Span, block_inlines

_VERB = re.compile(r"\b(reports|report)\s+to\s+(?:and\s+collaborates?\s+(?:directly\s+)?with\s+)?")
# "report to" (plural) counts only after these: "you will report to", "this role will report to"
_PLURAL_OK = {
    "will",
    "would",
    "shall",
    "may",
    "must",
    "should",
    "can",
    "you",
    "directly",
    "typically",
    "usually",
    "currently",
    "also",
    "generally",
    "regularly",
    "initially",
}
_LEADING = {"the", "our", "a", "an", "gitlab's", "gitlab’s"}
_JOINERS = {"of", "and", "or", "for", "&", "the", "in", "on", "-", "–", "to"}
_ABBREVIATIONS = {"sr", "jr", "mgr", "dir", "assoc", "st"}
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_TRIM = "\"“”'‘’*_[]"


def reports_to(role: Role) -> str | None:
    """The title this role reports to, from its intro and own sections; None when not stated."""
    for text in _role_texts(role):
        for match in _VERB.finditer(text):
            if not _is_own_line(text, match):
                continue
            title = _title_after(text[match.end() :].split("\n", 1)[0])
            if title:
                return title
    return None


_SUBJECT = re.compile(
    r"^\s*(?:The|An?)\s+(?P<title>[A-Z][^.!?\n\x1a]{2,100}?)\s+(?:role\s+)?reports\s+(?:in)?to\b"
)
_TRAILING_ADVERBS = re.compile(r"(?:\s+[a-z]\w*)+$")


def reporting_subjects(role: Role) -> list[tuple[str, Span]]:
    """Titles named as the subject of "The X reports to ..." opening the role's own text (its
    first two intro blocks), with their spans: X should be the role itself (JD301)."""
    out: list[tuple[str, Span]] = []
    for block in role.intro[:2]:
        inline = block.inline
        match = _SUBJECT.match(inline.masked) if inline is not None else None
        if inline is None or match is None:
            continue
        start, end = match.span("title")
        # "The Widget Engineer typically reports to": drop the trailing adverb
        trimmed = _TRAILING_ADVERBS.sub("", inline.raw[start:end])
        if looks_like_title(trimmed):
            title = " ".join(trimmed.split())
            out.append((title, inline.span(start, start + len(trimmed))))
    return out


def _role_texts(role: Role) -> Iterator[str]:
    blocks: list[Block] = list(role.intro)
    sections: list[Section] = [*role.sections.values(), *role.extra_sections]
    for section in sections:
        blocks.extend(section.all_blocks())
    for block in blocks:
        for inline in block_inlines(block):
            yield _plain(inline.raw)


def _plain(raw: str) -> str:
    """Markdown source without link targets, emphasis or tags; line breaks kept."""
    text = _LINK.sub(r"\1", raw)
    text = _TAG.sub("", text)
    return text.replace("**", "").replace("__", "")


def _is_own_line(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()].split()
    previous = before[-1].lower() if before else ""
    if previous == "direct":
        return False  # "direct reports to ..."
    if match.group(1) == "report":
        return previous in _PLURAL_OK
    return True


def _title_after(rest: str) -> str | None:
    words = rest.split()
    out: list[str] = []
    for word in words:
        core = word.strip(_TRIM)
        if not out and core.lower() in _LEADING:
            continue
        if not core or core.startswith("("):
            break
        bare = core.rstrip(".,;:)")
        if not bare:
            break
        if not (bare[0].isupper() or bare[0].isdigit()) and (not out or bare not in _JOINERS):
            break
        out.append(core.rstrip(";:)"))
        if core[-1] in ";:)":
            break
        if core.endswith("."):
            if bare.rsplit("/", 1)[-1].lower() in _ABBREVIATIONS:
                continue
            out[-1] = bare
            break
    while out and out[-1].rstrip(",") in _JOINERS:
        out.pop()
    if out:
        out[-1] = out[-1].rstrip(",")
    title = " ".join(out).strip()
    return title or None
