"""Title words: the one normalisation of a job title that every title comparison starts from.

"Sr. Backend Engineer" -> senior backend engineer, "Manager, Red Team" -> red team manager,
"Tax Analyst (Intermediate)" -> tax analyst. Matching (`job_titles.same_title`, `position`)
compares these words; keeping the normalisation apart keeps each module to one job.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jdlint.domain.title_settings import TitleSettings, level_words

#: Words that head a management title; "Manager, X" and "Director of X" put them first.
HEAD_WORDS = ("manager", "director", "vice president", "head", "chief", "lead")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|,|&")
ACRONYM_IN_PARENS = re.compile(r"\(\s*[A-Z]{2,5}s?\s*\)")
_NO_SINGULAR = frozenset({"sales", "success", "business", "analysis"})


def split_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("’", "'"))


def _singular(word: str) -> str:
    if len(word) <= 3 or word in _NO_SINGULAR or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=16384)
def words(title: str, settings: TitleSettings = TitleSettings()) -> tuple[str, ...]:
    """Normalised words of a title, in canonical order ("Manager, Red Team" -> red team manager)."""
    text = ACRONYM_IN_PARENS.sub(" ", title).replace("*", " ").replace("_", " ")
    text = _level_first(text, settings)
    text = re.sub(r"\s[-–—]\s", " , ", text).lower()
    tokens = [t.strip("'") for t in split_tokens(text)]
    tokens = expand(tokens, settings.abbreviations)
    tokens = [_singular(t) for t in tokens]
    tokens = head_last(tokens)
    return tuple(t for t in tokens if t not in (",", "intermediate", "the", "a", "an"))


_PARENS = re.compile(r"\(([^()]*)\)")


def _level_first(text: str, settings: TitleSettings) -> str:
    """ "Customer Success Engineer (Associate)" -> "Associate Customer Success Engineer"."""
    levels = level_words(settings)
    found = _PARENS.search(text)
    if found and found.group(1).strip() and set(split_tokens(found.group(1).lower())) <= levels:
        return f"{found.group(1).strip()} {text[: found.start()]} {text[found.end() :]}"
    return text


def bare(title: str) -> str:
    """The title without parenthesised qualifiers: "Director, Tax (Domestic/International)"."""
    return re.sub(r"\([^)]*\)", " ", title)


def expand(tokens: list[str], abbreviations: tuple[tuple[str, str], ...]) -> list[str]:
    out = tokens
    present = set(tokens)
    for written, meant in abbreviations:
        if written.split(" ", 1)[0] not in present:
            continue
        pattern = written.split()
        if not pattern:
            continue
        i, expanded = 0, []
        while i < len(out):
            if out[i : i + len(pattern)] == pattern:
                expanded.extend(split_tokens(meant))
                i += len(pattern)
            else:
                expanded.append(out[i])
                i += 1
        out = expanded
        present = set(out)
    return out


def head_last(tokens: list[str]) -> list[str]:
    """ "manager , red team" and "director of security" -> the scope first, the head last.

    Only a bare head ("Senior Manager, X", not "Program Manager, X") moves: "Program Manager,
    Field Enablement" and "Manager, Field Enablement Programs" are different jobs.
    """
    for mark in (",", "of"):
        if mark in tokens:
            cut = tokens.index(mark)
            head, scope = tokens[:cut], [t for t in tokens[cut + 1 :] if t != ","]
            if head and scope and _is_bare_head(head):
                return scope + head
    return tokens


_LEVEL_WORDS = frozenset({"senior", "associate", "junior", "executive", "group", "global", "area"})


def _is_bare_head(tokens: list[str]) -> bool:
    rest = [t for t in tokens if t not in _LEVEL_WORDS]
    return " ".join(rest) in HEAD_WORDS


def key(title: str, settings: TitleSettings = TitleSettings(), reorder: bool = True) -> str:
    """The normalised title; with `reorder=False` "Manager, X" and "X Manager" stay apart."""
    if reorder:
        return " ".join(words(title, settings))
    return " ".join(words(title.replace(",", " "), settings))
