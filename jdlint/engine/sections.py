"""Every section of a page once, for the engine's walk and for the page's digest."""

from __future__ import annotations

from jdlint.model import Document, Section


def all_sections(document: Document) -> list[Section]:
    """Every section of a page once: role sections, shared and family sections, subsections
    (depth first, in page order).

    An explicit stack, not a recursive closure: a nested function that calls itself is a
    reference cycle (function -> cell -> function) holding everything it collected, so the
    whole tree would wait for the cyclic collector, which a run pauses while it parses
    (`jdlint.engine.limits.trees_kept`) and then freezes: every tree was kept to the end.
    """
    seen: set[int] = set()
    out: list[Section] = []
    tops: list[Section] = []
    for role in document.roles:
        tops.extend((*role.sections.values(), *role.extra_sections))
    tops.extend((*document.shared_sections.values(), *document.family_sections))
    stack = list(reversed(tops))
    while stack:
        section = stack.pop()
        if id(section) in seen:
            continue
        seen.add(id(section))
        out.append(section)
        stack.extend(reversed(section.subsections))
    return out
