"""What the handbook phase learnt from the file system, so that a cached result can be checked.

The link checks ask whether a linked file exists (`chart.png`), whether a folder holds a page
or asset of some name (a page served from `x.html.haml`) and where a handbook's root is
(`.git`): facts that the page texts in the cache key do not show. `FileFacts` answers these
questions for one run and remembers each answer; the handbook's cache entry keeps them
(`record`), and a later run reuses the entry only while every answer is still the same
(`still_hold`), so a warm run reports what `--no-cache` reports. The questions are as narrow
as the checks ask them (not "what does this folder hold"), so a report written next to the
pages does not throw the entry away. Nothing here reads a file: names are looked up only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

#: One answer: (question, subject, answer), all text so that the cache can hold it. The
#: subject is a path, or a folder and names joined by NUL.
Fact = tuple[str, str, str]
#: The answers as recorded: per question, answer and what follows the folder in the subject
#: (the names asked, with their NUL), the folders. Every folder of a 10,000-page handbook is
#: asked for the same root marks: one triple each was 2 MB of one commit's 3 MB of entries.
FactGroup = tuple[str, str, str, tuple[str, ...]]
Facts = tuple[FactGroup, ...]
#: The names each folder held when this run listed it already (the walk for context pages),
#: by its real path: a fact about it is answered from them instead of listing it again.
Listings = Mapping[str, tuple[str, ...]]


class FileFacts:
    """File-system answers of one run, each looked up once (a folder is listed once)."""

    def __init__(self, listed: Listings | None = None) -> None:
        self._listed = listed or {}
        self._listings: dict[str, frozenset[str]] = {}
        self._answers: dict[tuple[str, str], str] = {}

    def holds_name(self, directory: str, name: str) -> bool:
        """Whether `directory` holds an entry called `name`."""
        return self._ask("contains", f"{directory}\0{name}") == "1"

    def holds_stem(self, directory: str, name: str) -> bool:
        """Whether `directory` holds `name` or `name.<anything>` (`x.html.md`, `x.png`)."""
        return self._ask("stem", f"{directory}\0{name}") == "1"

    def holds_prefix(self, directory: str, prefixes: tuple[str, ...]) -> bool:
        """Whether a name in `directory` starts with one of `prefixes` (`index.`, `_index.`)."""
        return self._ask("prefix", "\0".join((directory, *prefixes))) == "1"

    def holds_mark(self, directory: str, entry: str, files: tuple[str, ...]) -> bool:
        """Whether `directory` holds `entry` (a file or a folder) or a file of `files`: what
        marks a handbook's root (`.git`, config files), asked once per folder."""
        return self._ask("marked", "\0".join((directory, entry, *files))) == "1"

    def is_file(self, path: str) -> bool:
        return self._ask("is-file", path) == "1"

    def exists(self, path: str) -> bool:
        return self._ask("exists", path) == "1"

    def _ask(self, question: str, subject: str) -> str:
        answer = self._answers.get((question, subject))
        if answer is None:
            answer = _answer(question, subject, self)
            self._answers[question, subject] = answer
        return answer

    def listed(self, directory: str) -> tuple[str, ...] | None:
        """The names of `directory` as this run's walk listed it, if it did."""
        return self._listed.get(directory)

    def _names(self, directory: str) -> frozenset[str]:
        found = self._listings.get(directory)
        if found is None:
            listed = self._listed.get(directory)
            found = frozenset(listed) if listed is not None else _names(directory)
            self._listings[directory] = found
        return found

    def absorb(self, facts: Facts) -> None:
        """Answers found by a worker process (it asked in its own copy), or recorded before."""
        for question, subject, answer in each_fact(facts):
            self._answers.setdefault((question, subject), answer)

    def record(self) -> Facts:
        groups: dict[tuple[str, str, str], list[str]] = {}
        for (question, subject), answer in self._answers.items():
            folder, mark, names = subject.partition("\0")
            groups.setdefault((question, answer, mark + names), []).append(folder)
        return tuple(sorted((*group, tuple(sorted(f))) for group, f in groups.items()))


def each_fact(facts: Facts) -> Iterator[Fact]:
    """The answers of a record, one by one."""
    for question, answer, names, folders in facts:
        for folder in folders:
            yield question, folder + names, answer


def still_hold(facts: Facts, listed: Listings | None = None) -> bool:
    """Whether every recorded answer is still what the file system says (`listed`: the
    folders this run has listed already). The root marks are asked of every folder of a
    handbook: their names are split and folded once per group, not once per folder."""
    asked = FileFacts(listed)  # each folder listed once for all its questions
    for question, answer, names, folders in facts:
        if question == "marked" and names.startswith("\0"):
            entry, *files = names[1:].split("\0")
            marks = _folded((entry, *files))
            found = (holds_mark(f, entry, files, asked.listed(f), marks) for f in folders)
            if any(("1" if held else "0") != answer for held in found):
                return False
        elif any(_answer(question, f + names, asked) != answer for f in folders):
            return False
    return True


def _answer(question: str, subject: str, facts: FileFacts) -> str:
    if question == "is-file":
        found = os.path.isfile(subject)
    elif question == "exists":
        found = os.path.exists(subject)
    elif question == "marked":
        directory, entry, *files = subject.split("\0")
        found = holds_mark(directory, entry, files, facts.listed(directory))
    else:
        directory, *parts = subject.split("\0")
        held = facts._names(directory)
        if question == "contains" and len(parts) == 1:
            found = parts[0] in held
        elif question == "stem" and len(parts) == 1:
            found = any(n == parts[0] or n.startswith(parts[0] + ".") for n in held)
        elif question == "prefix":
            found = any(n.startswith(tuple(parts)) for n in held)
        else:
            return "?"  # a question this version does not ask: never equal to an answer
    return "1" if found else "0"


def holds_mark(
    directory: str,
    entry: str,
    files: Iterable[str],
    names: Iterable[str] | None = None,
    marks: frozenset[str] | None = None,
) -> bool:
    """`exists(directory/entry) or any(isfile(directory/name) for name in files)`, with one
    listing of the folder instead of a lookup per name (10,000 folders cost 90,000 lookups):
    only the names the listing holds are looked up, compared case-folded as a case-insensitive
    file system compares them. A folder that cannot be listed has every name looked up.
    `names`: the folder's listing, if this run has it already; `marks`: the names asked,
    folded, if the caller has them."""
    files = tuple(files)
    try:
        found: tuple[str, ...] | None = tuple(os.listdir(directory) if names is None else names)
    except (OSError, ValueError):
        found = None
    folded = marks if marks is not None else _folded((entry, *files))
    if found is not None and folded.isdisjoint(map(str.casefold, found)):
        return False  # most folders: none of the names is there (one set test, not ten)
    listed = frozenset(map(str.casefold, found)) if found is not None else None

    def may_hold(name: str) -> bool:
        return listed is None or name.casefold() in listed

    if may_hold(entry) and os.path.exists(os.path.join(directory, entry)):
        return True
    return any(may_hold(n) and os.path.isfile(os.path.join(directory, n)) for n in files)


@lru_cache(maxsize=16)  # a pure memo: every folder is asked for the same few names
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name.casefold() for name in names)


def _names(directory: str) -> frozenset[str]:
    try:
        return frozenset(os.listdir(directory))
    except OSError:
        return frozenset()
