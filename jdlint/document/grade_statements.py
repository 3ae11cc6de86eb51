"""Grade statements: find "The X is a [grade 8](...)" and every variant real pages write.

Pages state a grade as "is a [grade 8](link)", "is a grade 8", "is a [8](link)", "[grade #9]",
"job grade [level 10]", "grade [9]", "Grade: 8", in front matter or in a matrix row; sometimes
as a link that lost its brackets ("grade 4 (/handbook/...)"). Values may be ranges or compound
("8/9", "9.5", "10 or 11"). A statement whose value cannot be read keeps its raw text and no
values, so the grade rules can report it instead of guessing a number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from jdlint.document.gated_pattern import GatedPattern
from jdlint.document.grade_notations import (
    GradeNotations,
    Notation,
    grade_notations,
    notation_values,
)
from jdlint.model import (
    Block,
    GradeStatement,
    Inline,
    Link,
    Section,
    Span,
    block_inlines,
)

_NUMBER = r"\d{1,2}(?:\.\d)?"
_JOIN = r"\s*(?:/|-|–|\bor\b|\bto\b|\band\b)\s*"
_LIST = rf"{_NUMBER}(?:\s*,\s*{_NUMBER})+(?:\s*,?\s*(?:and|or)\s*{_NUMBER})?"
_VALUE = rf"(?:{_LIST}|{_NUMBER}(?:{_JOIN}{_NUMBER})?)"
# "grade 8", "job grade [level 10]", "[grade #9]", "Grade: 8", "grade [9]", "[job grade 12]"
_GRADE_WORD = GatedPattern(
    re.compile(
        rf"\b(?:job\s+)?grades?\b\s*(?:[*_]{{0,2}}\s*:\s*[*_]{{0,2}})?\s*(?:of\s+)?\[?\s*(?:level\s+)?#?\s*(?P<value>{_VALUE})(?!\w|\.\d)",
        re.IGNORECASE,
    ),
    ("grade",),
)
# "is a [8](link)": a linked number after "is a", without the word grade
_LINKED_NUMBER = GatedPattern(
    re.compile(rf"\b(?:is|are)\s+(?:an?\s+)?\[\s*(?P<value>{_VALUE})\s*\]", re.IGNORECASE),
    ("[",),
)
# "is a grade TBD", "is a [grade X](link)", "Grade: to be decided": a statement without a number
_UNREADABLE = GatedPattern(
    re.compile(
        r"(?:\b(?:is|are)\s+(?:at\s+)?(?:an?\s+)?(?:job\s+)?\[?\s*(?:job\s+)?grades?|^\s*(?:job\s+)?grades?\s*:)\b"
        r"\s*\]?\s*\[?\s*(?P<value>[^\s\].,;:()\x1a][^\].,;()\n\x1a]{0,24}?)\s*(?=[\].,;()\n\x1a]|$)",
        re.IGNORECASE,
    ),
    ("grade",),
)
# After the number: "(/handbook/...)" or "((/handbook...)": a link that lost its brackets
# "grade 4 (/handbook/...)", "[grade 8]((/handbook/...)" and "[Grade 5]/handbook/...": the
# target of a link whose brackets or parentheses were lost, rendered as text.
_BROKEN_LINK = re.compile(
    r"(?:\s*\]\s*\(*|\s*\(+)\s*(?P<target>(?:/|https?:|\x1a)[^)\s]*?)[.,;:]?(?=[)\s]|$)"
)
_TITLE = re.compile(
    r"(?:^|(?<=[.!?:]\s)(?<!\b[SJ]r\.\s)(?<!\bSnr\.\s))\s*(?:(?:The|An?)\s+)?(?P<title>[A-Z](?:[^.!?:\n]|(?<=\b[SJ]r)\.){1,120}?),?\s+"
    r"(?:role\s+)?(?:is|are|will\s+be)\s+(?:at\s+)?(?:an?\s+)?(?:job\s+)?(?:(?:job\s+)?grade|\[|level)",
)
# "is a grade", "are grades", "Grade: 8", "level 10": the sentence states a grade
_STATED = re.compile(
    r"\b(?:is|are|be|was)\b|^\s*(?:job\s+)?grades?\s*:|^\s*\[?\s*(?:job\s+)?grade", re.I
)
_NOT_TITLES = frozenset({"role", "position", "job", "this role", "this position", "it", "this"})
_SPLIT = re.compile(rf"\s*,?{_JOIN}|\s*,\s*")
_PREFIX = re.compile(r"^\s*(?:job\s+)?(?:grade|level)?\s*:?\s*(?:level\s+)?#?\s*", re.IGNORECASE)
# Who a sentence's grade is about when it names no title: the page's own post.
# "This is a Grade 6 post", "The post is graded at Band 7", "This role is a GS-12 position"
_THIS_IS = re.compile(
    r"^\W*(?:this|the)\s+(?:(?:post|role|position|job|vacancy|appointment)\s+)?"
    r"(?:is|will\s+be)\s+(?:(?:an?|graded|appointed|offered|advertised|paid)\s+)*(?:at\s+)?"
    r"(?:(?:job\s+)?grade\s+)?\W*$",
    re.IGNORECASE,
)
# "This Band 7 post holder", "this Grade 6 role": the grade names the post it qualifies
_THIS = re.compile(r"^\W*this\s+\W*$", re.IGNORECASE)
_POST_AFTER = re.compile(r"\W*\s*(?:post|role|position|job|vacancy|appointment)\b", re.I)
# "**Band:** Band 6", "Grade: 7", "| Pay grade: D3": a label that names the page's grade
_LABEL = re.compile(
    r"[\s*_|>-]*(?:job\s+|pay\s+|salary\s+|career\s+)?(?:grade|band|level)(?:\s+level)?"
    r"\s*[*_]*\s*:\s*[*_]*\s*(?:(?:job\s+)?(?:grade|band|level)\s+)?$",
    re.IGNORECASE,
)
# "As an IT Specialist (INFOSEC), GS-2210-13, you will ...": the grade in apposition to a title
_APPOSITION = re.compile(r"^\W*As\s+an?\s+(?P<title>[A-Z][^,;:.!?\n]{1,80}?),\s*$")


def parse_values(raw: str) -> tuple[float, ...]:
    """ "8" -> (8,), "Grade 8/9" -> (8, 9), "10 or 11" -> (10, 11); unparseable -> ().

    A grade is a number of up to three digits (and two decimals) written in ASCII digits:
    `float` would also read "1e400", "nan", "inf" or a phone number, which no ladder is on."""
    text = _PREFIX.sub("", raw.strip(), count=1).strip().rstrip(".")
    if not text:
        return ()
    parts = [part.lstrip("#") for part in _SPLIT.split(text)]
    if not all(_GRADE_NUMBER.fullmatch(part) for part in parts):
        return ()
    return tuple(float(part) for part in parts)


_GRADE_NUMBER = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,2})?")


def find_grades(
    inline: Inline, notations: GradeNotations | None = None
) -> tuple[GradeStatement, ...]:
    """Every grade statement in one run of inline text, in order (`notations`: the ones this
    run reads; default: every shipped preset)."""
    return _grades(inline, notations or grade_notations())


@lru_cache(maxsize=1 << 12)  # a pure memo of immutable statements
def _grades(inline: Inline, notations: GradeNotations) -> tuple[GradeStatement, ...]:
    """`find_grades`, kept: reading a page's outline asks for the grades of a run several
    times (is it a role, its grade, its statements), and the language server asks for the
    same runs on every keystroke (a chunk read again is its last version's)."""
    masked = inline.masked
    found: list[GradeStatement] = []
    taken: list[tuple[int, int]] = []
    lower = masked.lower()
    for notation in notations.notations:
        if notation.scope == "value" or not notation.may_match(lower):
            continue
        for pattern in notation.patterns:
            for match in pattern.finditer(masked):
                if any(s <= match.start("value") < e for s, e in taken):
                    continue
                taken.append(match.span())
                found.append(_notation_statement(inline, match, notation))
    if not notations.grade_sentences:
        return tuple(sorted(found, key=lambda g: (g.span.line, g.span.col)))
    matches = [*_GRADE_WORD.finditer(masked, lower), *_LINKED_NUMBER.finditer(masked, lower)]
    for match in sorted(matches, key=lambda m: m.start()):
        if any(s <= match.start("value") < e for s, e in taken):
            continue
        taken.append(match.span())
        found.append(_statement(inline, match.start(), *match.span("value")))
    for match in _UNREADABLE.finditer(masked, lower):
        if any(s <= match.start("value") < e for s, e in taken):
            continue
        if parse_values(match.group("value")):
            continue
        if match.group("value").strip().lower() in ("level", "job"):
            continue
        found.append(_statement(inline, match.start(), *match.span("value")))
    return tuple(sorted(found, key=lambda g: (g.span.line, g.span.col)))


def _notation_statement(inline: Inline, match: re.Match[str], notation: Notation) -> GradeStatement:
    """A statement in another notation: stated when it opens its line ("**GS Grade Level:** 13",
    "GS-2210-13" in a list) or follows "is"/"are"; a mention otherwise."""
    statement = _statement(inline, match.start(), *match.span("value"))
    line_start = inline.masked.rfind("\n", 0, match.start()) + 1
    opens_line = not inline.masked[line_start : match.start()].strip(" *_#:-|([")
    value = inline.raw[match.start("value") : match.end("value")]
    return replace(
        statement,
        values=notation_values(value, notation.values),
        mention=statement.mention and not opens_line and not statement.subject,
        notation=notation.name,
    )


def _statement(inline: Inline, match_start: int, start: int, end: int) -> GradeStatement:
    masked, raw = inline.masked, inline.raw
    value = raw[start:end]
    span = inline.span(start, end)
    sentence_start = _sentence_start(masked, match_start)
    sentence_end = masked.find(". ", end)
    sentence_end = len(masked) if sentence_end < 0 else sentence_end + 1
    title = title_span = None
    found = _TITLE.search(masked, sentence_start, end)
    if found and found.end() <= end + 1:
        begin, stop = found.span("title")
        text = " ".join(raw[begin:stop].split()).rstrip(",")
        if looks_like_title(text):
            title, title_span = text, inline.span(begin, begin + len(raw[begin:stop].rstrip(", ")))
    subject = ""
    if title is None:
        subject, title, title_span = _subject(inline, sentence_start, match_start, start, end)
    broken = _BROKEN_LINK.match(masked, end) if _link_at(inline.links, span) is None else None
    mention = title is None and not subject and not _STATED.search(masked, sentence_start, start)
    link = _link_at(inline.links, span)
    return GradeStatement(
        raw=value,
        values=parse_values(value),
        span=span,
        sentence_span=inline.span(sentence_start, sentence_end),
        title=title,
        title_span=title_span,
        link=link,
        broken_link=raw[broken.start("target") : broken.end("target")] if broken else None,
        mention=mention,
        subject=subject,
    )


def _subject(
    inline: Inline, sentence_start: int, match_start: int, start: int, end: int
) -> tuple[str, str | None, Span | None]:
    """Whom a sentence without a title states the grade of: "this-post" ("This is a Grade 6
    post"), "label" ("**Band:** Band 6"), or the title it is in apposition to."""
    masked = inline.masked
    before = masked[sentence_start:match_start]
    line_start = masked.rfind("\n", 0, match_start) + 1
    if _LABEL.fullmatch(masked, line_start, start):
        return "label", None, None
    if _THIS_IS.match(before) or (_THIS.match(before) and _POST_AFTER.match(masked, end)):
        return "this-post", None, None
    found = _APPOSITION.match(before)
    if found is not None:
        begin = sentence_start + found.start("title")
        text = " ".join(found["title"].split())
        if looks_like_title(text):
            return "apposition", text, inline.span(begin, begin + len(found["title"].rstrip()))
    return "", None, None


_CONNECTORS = frozenset({"of", "and", "for", "the", "in", "to", "&", "a", "an", "on", "-", "–"})


def looks_like_title(text: str) -> bool:
    """ "Senior Manager, Red Team" is a title; "As with other roles this" is not."""
    words = text.replace("(", " ").replace(")", " ").split()
    if not words or len(words) > 12 or text.lower() in _NOT_TITLES:
        return False
    acronym = len(words[0]) > 1 and words[0].isupper()  # "IT Specialist", not "It"
    if not acronym and words[0].lower() in (
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "it",
        "as",
        "each",
        "all",
    ):
        return False
    lower = [w for w in words if w[:1].islower() and w.lower() not in _CONNECTORS]
    return words[0][:1].isupper() and len(lower) <= (1 if len(words) >= 3 else 0)


_ABBREVIATED = re.compile(r"\b(?:Sr|Jr|Snr|Dr|St|Mr|Ms|Mrs|vs|e\.g|i\.e)$")


def _sentence_start(masked: str, position: int) -> int:
    """Where the sentence around `position` starts ("Sr. " ends no sentence)."""
    cut = position
    while True:
        cut = max(masked.rfind(". ", 0, cut), masked.rfind("\n", 0, cut))
        if cut < 0:
            return 0
        if masked[cut] == "\n":
            return cut + 1
        if not _ABBREVIATED.search(masked, 0, cut):
            return cut + 2


def _link_at(links: tuple[Link, ...], span: Span) -> Link | None:
    for link in links:
        if (link.span.line, link.span.col) <= (span.line, span.col) and (
            span.end_line,
            span.end_col,
        ) <= (link.span.end_line, link.span.end_col):
            return link
    return None


def grades_in_blocks(
    blocks: tuple[Block, ...] | list[Block], notations: GradeNotations | None = None
) -> list[GradeStatement]:
    """Every grade statement in the paragraphs and lists of `blocks`."""
    out: list[GradeStatement] = []
    for block in blocks:
        if block.kind not in ("paragraph", "list"):
            continue
        for inline in block_inlines(block):
            out.extend(find_grades(inline, notations))
    return out


def grade_in_blocks(
    blocks: tuple[Block, ...] | list[Block], notations: GradeNotations | None = None
) -> GradeStatement | None:
    found = grades_in_blocks(blocks, notations)
    return found[0] if found else None


def own_statements(
    intro: tuple[Block, ...], sections: dict[str, Section], notations: GradeNotations | None = None
) -> tuple[GradeStatement, ...]:
    """The grade statements in a role's intro and Job Grade section, in order (mentions of
    other roles' grades left out). Stored on the role so every grade check shares them."""
    found = [g for g in grades_in_blocks(intro, notations) if not g.mention]
    section = sections.get("Job Grade")
    if section is not None:
        found += [g for g in grades_in_blocks(section.all_blocks(), notations) if not g.mention]
    return tuple(sorted(found, key=lambda g: (g.span.line, g.span.col)))
