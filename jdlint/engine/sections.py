"""Every section of a page once, for the engine's walk and for the page's digest."""

from __future__ import annotations

from jdlint.model import Document, Section


def all_sections(document: Document) -> list[Section]:
    """Every section of a page once: role sections, shared and family sections, subsections."""
    seen: set[int] = set()
    out: list[Section] = []

    def add(section: Section) -> None:
        if id(section) in seen:
            return
        seen.add(id(section))
        out.append(section)
        for sub in section.subsections:
            add(sub)

    for role in document.roles:
        for section in (*role.sections.values(), *role.extra_sections):
            add(section)
    for section in (*document.shared_sections.values(), *document.family_sections):
        add(section)
    return out
