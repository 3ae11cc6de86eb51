"""What a word's page says about it, for the spelling kind: its job title and sentence place.

A dictionary cannot tell a name or the page's own subject from a slip; the page can. These
helpers read the page only; `spelling_judge.Judge.excused` decides with them.
"""

from __future__ import annotations

import re

from jdlint.model import Document

_TITLE_WORD = re.compile(r"[A-Za-z]+")


def own_titles(document: Document) -> tuple[str, ...]:
    """The page's job titles: its title, its roles' titles and its front matter title."""
    titles = [document.title or "", *(role.title for role in document.roles)]
    front = document.front_matter.data.get("title") if document.front_matter else None
    if isinstance(front, str):
        titles.append(front)
    return tuple(titles)


def title_words(titles: tuple[str, ...]) -> frozenset[str]:
    """Lower-case words of a page's job titles (`own_titles`, kept in its digest)."""
    return frozenset(word.lower() for title in titles for word in _TITLE_WORD.findall(title))


def mid_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` follows a word or a comma in the same sentence.

    A capitalised word there is capitalised for its own sake (a name), not because it opens
    a sentence, heading, list item or table cell.
    """
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == ",")
