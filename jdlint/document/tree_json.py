"""The parsed tree as JSON-ready data, for `jdlint tree` and for people writing rules."""

from __future__ import annotations

from typing import Any

from jdlint.model import (
    Block,
    Document,
    GradeStatement,
    Heading,
    Inline,
    Link,
    ListItem,
    Role,
    Section,
    Span,
    TemplateTag,
)


def span(value: Span | None) -> list[int] | None:
    return [value.line, value.col, value.end_line, value.end_col] if value else None


def document_data(document: Document) -> dict[str, Any]:
    matter = document.front_matter
    return {
        "path": document.path,
        "kind": document.kind,
        "layout": document.layout,
        "title": document.title,
        "title_span": span(document.title_span),
        "front_matter": None
        if matter is None
        else {"data": _plain(matter.data), "span": span(matter.span), "error": matter.error},
        "matrix": None
        if document.matrix is None
        else {
            "span": span(document.matrix.span),
            "rows": [
                {
                    "title": r.title,
                    "grade": r.grade,
                    "values": list(r.values),
                    "span": span(r.title_span),
                }
                for r in document.matrix.rows
            ],
        },
        "roles": [role_data(r) for r in document.roles],
        "shared_sections": [section_data(s) for s in document.shared_sections.values()],
        "family_sections": [section_data(s) for s in document.family_sections],
        "templates": [template_data(t) for t in document.templates],
        "anchors": list(document.anchors),
        "problems": [{"message": p.message, "span": span(p.span)} for p in document.problems],
    }


def role_data(role: Role) -> dict[str, Any]:
    return {
        "title": role.title,
        "span": span(role.title_span),
        "level": role.heading.level if role.heading else None,
        "grade": grade_data(role.grade),
        "intro": [block_data(b) for b in role.intro],
        "sections": {name: section_data(s) for name, s in role.sections.items()},
        "extra_sections": [section_data(s) for s in role.extra_sections],
        "nested_family_sections": [s.name for s in role.nested_family_sections],
    }


def grade_data(grade: GradeStatement | None) -> dict[str, Any] | None:
    if grade is None:
        return None
    return {
        "raw": grade.raw,
        "values": list(grade.values),
        "span": span(grade.span),
        "title": grade.title,
        "title_span": span(grade.title_span),
        "link": link_data(grade.link) if grade.link else None,
        "source": grade.source,
    }


def section_data(section: Section) -> dict[str, Any]:
    return {
        "name": section.name,
        "known": section.known,
        "family": section.family,
        "heading": heading_data(section.heading) if section.heading else None,
        "template": template_data(section.template) if section.template else None,
        "blocks": [block_data(b) for b in section.blocks],
        "subsections": [section_data(s) for s in section.subsections],
    }


def heading_data(heading: Heading) -> dict[str, Any]:
    return {
        "level": heading.level,
        "text": heading.text,
        "span": span(heading.span),
        "anchor": heading.anchor,
        **({"compact": True} if heading.compact else {}),
        **({"label": True} if heading.label else {}),
    }


def block_data(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, "span": span(block.span)}
    if block.inline is not None:
        data["inline"] = inline_data(block.inline)
    if block.items:
        data["ordered"] = block.ordered
        data["items"] = [item_data(i) for i in block.items]
    if block.rows:
        data["rows"] = [[c.text for c in row] for row in block.rows]
    if block.kind in ("code", "html", "template"):
        data["content"] = block.content
    return data


def item_data(item: ListItem) -> dict[str, Any]:
    data: dict[str, Any] = {"span": span(item.span)}
    if item.inline is not None:
        data["inline"] = inline_data(item.inline)
    if item.children:
        data["children"] = [block_data(b) for b in item.children]
    return data


def inline_data(inline: Inline) -> dict[str, Any]:
    data: dict[str, Any] = {"text": inline.text}
    if inline.links:
        data["links"] = [link_data(link) for link in inline.links]
    return data


def link_data(link: Link) -> dict[str, Any]:
    return {"text": link.text, "target": link.target, "span": span(link.span)}


def template_data(tag: TemplateTag) -> dict[str, Any]:
    return {
        "kind": tag.kind,
        "text": tag.text,
        "span": span(tag.span),
        "partial": tag.partial,
        "locals": {name: value for name, value, _ in tag.locals},
    }


def _plain(value: Any) -> Any:
    """YAML values (dates, sets) as JSON-safe data."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
