"""Text to a `Document`: tokens to blocks, the outline to roles, plus title, matrix, anchors.

The steps live in their own modules (parse, blocks, outline); this one assembles the page.
"""

from __future__ import annotations

import re

from jdlint.document.blocks import BlockReader
from jdlint.document.chunks import ChunkMemo
from jdlint.document.grade_tables import grade_tables
from jdlint.document.labels import with_label_headings
from jdlint.document.markdown import parse_text
from jdlint.document.outline import read_outline
from jdlint.document.section_names import Vocabulary, default_vocabulary
from jdlint.fs import path_text
from jdlint.model import (
    Block,
    Document,
    FrontMatter,
    Heading,
    Span,
    inline_runs,
)

#: How the roles of a page were recognised (reported by `jdlint tree` and the corpus report).
LAYOUTS = ("role-headings", "levels", "ladder", "single-role", "partial", "text", "no-roles")


def document_kind(path: str) -> str:
    name = path_text.name(path).lower()
    if name.startswith("_") and name.endswith(".erb"):
        return "partial"
    if name.endswith(".erb"):
        return "erb"
    if name.endswith(".txt") or name.endswith(".text"):
        return "text"
    return "markdown"


def build_document(
    path: str,
    source: str,
    newline: str = "\n",
    kind: str | None = None,
    vocabulary: Vocabulary | None = None,
    parser: str | None = None,
    memo: ChunkMemo | None = None,
) -> Document:
    """The page's tree; `vocabulary` says what its headings mean (default: the shipped one).

    `parser` overrides the process's Markdown backend (`jdlint.document.markdown.backend`);
    the equivalence tests build each page with both. `memo`: the chunks of the page's last
    version, for a process that builds it again and again (`jdlint.document.chunks`).
    """
    kind = kind or document_kind(path)
    parsed = parse_text(source, plain=kind == "text", parser=parser, memo=memo)
    reader = BlockReader(parsed)
    nodes = (
        reader.read() if memo is None or not parsed.chunks else memo.nodes(parsed.chunks, reader)
    )
    template_blocks = [
        Block("template", tag.span, content=tag.text) for tag in parsed.templates if tag.whole_line
    ]
    ordered = sorted([*nodes, *template_blocks], key=lambda n: (n.span.line, n.span.col))
    headings = tuple(n for n in ordered if isinstance(n, Heading))
    blocks = tuple(n for n in ordered if isinstance(n, Block))
    title, title_span = _title(parsed.front_matter, headings, parsed.source)
    if title is None and kind == "text":
        title, title_span = _plain_title(blocks)
    vocabulary = vocabulary or default_vocabulary()
    labelled, labels = with_label_headings(ordered, vocabulary, plain=kind == "text")
    outline = read_outline(labelled, parsed.templates, title, title_span, kind, vocabulary)
    tables = grade_tables(blocks)
    anchors = tuple(a.anchor for a in parsed.attributes if a.anchor) + _html_anchors(blocks)
    return Document(
        path=path,
        source=source,
        newline=newline,
        kind=kind,
        front_matter=parsed.front_matter,
        title=title,
        title_span=title_span,
        matrix=tables[0] if tables else None,
        grade_tables=tables,
        roles=outline.roles,
        family_sections=outline.family_sections,
        headings=headings,
        blocks=blocks,
        templates=parsed.templates,
        anchors=anchors,
        layout=outline.layout,
        problems=outline.problems,
        shared_sections=outline.shared_sections,
        labels=labels,
        inline_runs=inline_runs(headings, blocks),
        line_index=parsed.line_index,
    )


# -- title and outline ---------------------------------------------------------------------


def _title(
    front_matter: FrontMatter | None, headings: tuple[Heading, ...], source: str
) -> tuple[str | None, Span | None]:
    if front_matter and isinstance(front_matter.data.get("title"), str):
        found = re.search(r"^title\s*[:=]", source, re.MULTILINE)  # YAML or TOML
        line = source.count("\n", 0, found.start()) + 1 if found else front_matter.span.line
        length = len(source.split("\n")[line - 1])
        return front_matter.data["title"].strip(), Span(line, 1, line, length + 1)
    for heading in headings:
        if heading.level == 1:
            return heading.text, heading.span
    return None, None


def _plain_title(blocks: tuple[Block, ...]) -> tuple[str | None, Span | None]:
    """A plain-text page's title: its first line when that is short and not a sentence
    ("FORKLIFT OPERATOR (NIGHTS)"), as job boards paste it."""
    first = blocks[0] if blocks else None
    if first is None or first.kind != "paragraph" or first.inline is None:
        return None, None
    text = first.inline.text.strip()
    if not text or text[-1] in ".!?;,:" or len(text.split()) > _MAX_TITLE_WORDS:
        return None, None
    return text, first.span


_MAX_TITLE_WORDS = 8


# -- matrix and anchors ----------------------------------------------------------------------


_HTML_ANCHOR = re.compile(r"""<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _html_anchors(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    return tuple(
        match.group(1)
        for block in blocks
        if block.kind == "html"
        for match in _HTML_ANCHOR.finditer(block.content)
    )
