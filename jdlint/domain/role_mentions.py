"""Sentences that name the page's own role: "the base salary range for the X role", "Applicants
for the X position", "this X position", "The X job family would ...", "We're looking for a X
to join ...".

A page copied from another family keeps the old title in exactly these phrases, while the
headings and grade statement were renamed. Only phrases that speak of the page's own role are
returned: "this X role", a subject ("The X role ..."), or "for/of/in the X role". A role named
next to another verb ("works with the X role", "reports to the X role"), in a sentence about
career moves ("may move to the X role": other families are where people go), inside link text,
or by a generic title ("the Manager role", "this position") is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jdlint.document.gated_pattern import literal_gate
from jdlint.domain.job_titles import HEAD_WORDS, TitleSettings, is_job_title, level_words, words
from jdlint.model import Inline

#: "<the|this|our> <Capitalised Title> [(qualifier)] <role|position|job family|job>".
_MENTION = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]his|[Oo]ur)\s+"
    r"(?P<title>[A-Z][\w&'’\-]*(?:,?\s+(?:[A-Z][\w&'’\-]*|of|and|&|for)){0,8}?"
    r"(?:\s+\([^()\n]{1,40}\))?)"
    r"\s+(?P<noun>role|position|job\s+family|job)\b"
)
#: "We're looking for a <Title> to join ...": a job ad's opening names the role it is for.
_WANTED = re.compile(
    r"\b(?:looking\s+for|hiring|seeking|searching\s+for)\s+(?:an?|our\s+(?:next|first|new))\s+"
    r"(?P<title>[A-Z][\w&'’\-]*(?:,?\s+(?:[A-Z][\w&'’\-]*|of|and|&|for)){0,8}?)"
    r"\s+(?:to\s+(?:join|lead|run|help|own|build|work|support)|who)\b"
)
#: Literal words every match contains (a substring test is far cheaper than the search).
CUES = ("role", "position", "job")
_WANTED_CUES = literal_gate(("looking", "hiring", "seeking", "searching"))
_ANY_CUE = literal_gate(CUES)
#: What may stand before "the" for the phrase to speak of the page's own role.
_OWN_BEFORE = re.compile(r"(?:^|[.!?:;]\s+|\b(?:for|of|in|about)\s+)[\[*_]*$", re.IGNORECASE)
#: Sentences about moving between roles name other families on purpose.
_CAREER = re.compile(
    r"\b(?:move[sd]?|moving|transition\w*|promot\w*|progress\w*|career|path(?:way)?s?|ladder"
    r"|advance\w*|transfer\w*|aspir\w*|lateral|grow\w*\s+into|next\s+step|previous\w*|prior"
    r"|former\w*|renamed|replac\w*|extends?|similar|compared|than|instead|pursue)\b",
    re.IGNORECASE,
)
#: Words of generic titles ("the Hiring Manager role", "This Full-Time Remote position").
_GENERIC = frozenset({"individual", "contributor", "people", "hiring", "team", "ic", "line",
                      "new", "open", "same", "this", "that", "other", "each", "every",
                      "current", "any", "above", "following", "full", "part", "time", "remote",
                      "hybrid", "contract", "temporary", "permanent", "fixed", "term", "hourly",
                      "salaried", "exempt", "non", "onsite", "site", "based", "entry", "level",
                      "mid", "role", "position", "job"})  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A title the text gives the page's own role, and where it is in the inline run."""

    title: str
    start: int
    end: int
    family: bool  # "the X job family", "this X position": X names the family or an area


def own_role_mentions(inline: Inline, settings: TitleSettings) -> Iterator[RoleMention]:
    """The titles `inline` gives the page's own role in "the X role"-like phrases."""
    masked = inline.masked
    if _WANTED_CUES.search(masked):
        for match in _WANTED.finditer(masked):
            start, end = match.span("title")
            title = " ".join(inline.raw[start:end].split())
            wanted = is_job_title(title, settings) and not _generic(title, settings)
            if wanted and not _in_link_text(inline.raw, start, end):
                yield RoleMention(title, start, end, False)
    if _ANY_CUE.search(masked) is None:
        return
    for match in _MENTION.finditer(masked):
        if match.group("det").lower() == "the" and not _OWN_BEFORE.search(masked[: match.start()]):
            continue
        if _in_link_text(inline.raw, match.start(), match.end()):
            continue
        if _CAREER.search(_sentence(masked, match.start(), match.end())):
            continue
        start, end = match.span("title")
        title = " ".join(inline.raw[start:end].split())
        if _generic(title, settings):
            continue
        if "family" in match.group("noun") or is_job_title(title, settings):
            yield RoleMention(title, start, end, "family" in match.group("noun"))
        elif match.group("det").lower() != "the" and _area(title):
            # "this Widget Operations position": no job noun, so it names an area, which the
            # family's titles must contain (read like a family name).
            yield RoleMention(title, start, end, True)


def _area(title: str) -> bool:
    """ "Widget Operations": two words or more, letters only. One word ("this Sales role") is
    as often a department that no title contains."""
    parts = title.split()
    return len(parts) >= 2 and all(part.isalpha() for part in parts)


def _generic(title: str, settings: TitleSettings) -> bool:
    """ "Manager", "Senior Manager", "Hiring Manager": no title of any one role."""
    plain = set(level_words(settings)) | _GENERIC | {w for h in HEAD_WORDS for w in h.split()}
    return set(words(title, settings)) <= plain


def _in_link_text(raw: str, start: int, end: int) -> bool:
    """`[the X role](...)`: the role is named by the link, which the link checks judge."""
    opened, closed = raw.rfind("[", 0, start), raw.find("]", end)
    return opened >= 0 and "]" not in raw[opened:start] and raw.startswith("](", max(closed, 0))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around `text[start:end]`."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.end() if after else len(text)]
