"""The job-family tree: plain frozen dataclasses with exact 1-based spans.

Checks see only these types, never markdown-it tokens. Every node that comes from the file
carries a `Span` in the original text (front matter included), so findings point at the
exact place a reviewer has to edit.

Kept as one module (about 330 lines) on purpose: it is the whole vocabulary of the tree, every
node type next to the ones it holds, and splitting it would make a reader chase one data
structure across files; it holds no behaviour beyond small accessors.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from typing import Any

from jdlint.span import LineIndex
from jdlint.span import Span as Span  # its own module: findings load without the tree
from jdlint.span import TextMap as TextMap  # positions too: the cache codec loads without the tree


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    target: str
    span: Span
    # True for `<https://...>` autolinks and bare URLs made into links by the parser.
    autolink: bool = False


@dataclass(frozen=True, slots=True)
class Inline:
    """The inline content of a paragraph, list item, heading or table cell.

    `raw` is the Markdown source of the content; `masked` is the same text, same length, with
    code spans, URLs, HTML tags, template tags and attribute lists blanked out, so prose
    checks can run regular expressions on it and map offsets straight back to the file.
    `text` is the rendered plain text (link text kept, markup dropped) used for comparisons.
    """

    raw: str
    masked: str
    text: str
    text_map: TextMap
    links: tuple[Link, ...] = ()

    def span(self, start: int, end: int) -> Span:
        return self.text_map.span(self.raw, start, end)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # A worker's digests come back through pickle: text that recurs across pages
        # (boilerplate, section headings) is then held once again (`shared_inline`).
        return shared_inline, (self.raw, self.masked, self.text, self.text_map, self.links)


def shared_inline(
    raw: str, masked: str, text: str, text_map: TextMap, links: tuple[Link, ...] = ()
) -> Inline:
    """An `Inline` whose strings are interned: the digests of a handbook's checked pages keep
    every run, and pages repeat much of their text (boilerplate, headings, list items)."""
    raw = sys.intern(raw)
    return Inline(
        raw,
        raw if masked == raw else sys.intern(masked),
        raw if text == raw else sys.intern(text),
        text_map,
        links,
    )


@dataclass(frozen=True, slots=True)
class ListItem:
    span: Span
    inline: Inline | None
    children: tuple[Block, ...] = ()
    marker: str = "-"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list, table, code block, HTML block or template tag.

    `kind` is one of: paragraph, list, table, code, html, template, rule (thematic break).
    """

    kind: str
    span: Span
    inline: Inline | None = None
    items: tuple[ListItem, ...] = ()
    rows: tuple[tuple[Inline, ...], ...] = ()
    ordered: bool = False
    content: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    span: Span
    inline: Inline
    anchor: str | None = None  # explicit id from `{#id}` or an HTML anchor right above it
    compact: bool = False  # kramdown's "###Heading" (no space): a heading there, text elsewhere
    label: bool = False  # a bold paragraph ("**About you:**") read as a heading; not in `headings`


@dataclass(frozen=True, slots=True)
class TemplateTag:
    """An ERB tag or Hugo shortcode, kept opaque. `whole_line` tags can stand for sections."""

    kind: str  # "erb" or "shortcode"
    text: str
    span: Span
    whole_line: bool
    partial: str | None = None  # "job-families/sales/performance" for partial calls
    locals: tuple[tuple[str, str, Span], ...] = ()  # (name, value, span of the value)


@dataclass(frozen=True, slots=True)
class GradeStatement:
    """A role's stated grade: the number as written, parsed values, and what it names."""

    raw: str  # the grade as written: "8", "8/9", "10 or 11"
    values: tuple[float, ...]  # parsed numbers, empty when unparseable
    span: Span  # span of the grade number or its link text
    sentence_span: Span
    title: str | None = None  # the role title the statement names ("The X is a grade 8")
    title_span: Span | None = None
    link: Link | None = None
    source: str = "text"  # text | section | matrix | front-matter
    # The target of a link that lost its brackets: "grade 4 (/handbook/...)" renders no link.
    broken_link: str | None = None
    # True for a grade named in passing ("companies have a grade 8 level"), not stated for a role.
    mention: bool = False
    notation: str = "grade"  # the notation it is written in (rules/grades.yml): grade, gs, ...
    # Whom a statement without a title is about: "this-post" ("This is a Grade 6 post"),
    # "label" ("**Band:** Band 6"), "apposition" ("As an X, GS-2210-13, you ..."); "" otherwise.
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    name: str  # normalised name ("Responsibilities") or the heading text for other sections
    heading: Heading | None
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()
    known: bool = True  # False when `name` is just the heading text
    family: bool = False  # a family-wide section (Career Ladder, Hiring Process, ...)
    template: TemplateTag | None = None  # an ERB partial or shortcode standing for the section

    @property
    def span(self) -> Span:
        if self.heading is not None:
            return self.heading.span
        if self.template is not None:
            return self.template.span
        return self.blocks[0].span if self.blocks else Span(1, 1, 1, 1)

    def all_blocks(self) -> tuple[Block, ...]:
        nested = tuple(b for sub in self.subsections for b in sub.all_blocks())
        return self.blocks + nested


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    heading: Heading | None  # None for a single-role page titled by its front matter
    title_span: Span
    intro: tuple[Block, ...]
    sections: dict[str, Section]
    extra_sections: tuple[Section, ...] = ()  # role-level sections with unknown names
    grade: GradeStatement | None = None
    nested_family_sections: tuple[Section, ...] = ()
    # Sections written once above the role (for the family or a group of roles) that apply to it.
    inherited_sections: dict[str, Section] = field(default_factory=dict)
    # Every grade statement of the role's own text (intro and Job Grade section), in order.
    statements: tuple[GradeStatement, ...] = ()


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One title of a title/grade table (a cell with "A <br> B" gives two rows)."""

    title: str
    grade: str
    values: tuple[float, ...]
    title_span: Span
    grade_span: Span
    table_line: int = 0
    elsewhere: bool = False  # the title links to another page: the role is described there
    notation: str = "grade"  # what the grade is compared within: grade, bands, gs, "level D" ...


@dataclass(frozen=True, slots=True)
class MatrixTable:
    span: Span
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    data: dict[str, Any]
    span: Span
    error: str | None = None
    error_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A parser diagnostic: something the tree builder had to guess or could not read."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    source: str
    newline: str
    kind: str  # markdown | erb | partial | text
    front_matter: FrontMatter | None
    title: str | None
    title_span: Span | None
    matrix: MatrixTable | None  # the first title/grade table
    roles: tuple[Role, ...]
    family_sections: tuple[Section, ...]
    headings: tuple[Heading, ...]
    blocks: tuple[Block, ...]  # every top-level block in order, for page-wide checks
    templates: tuple[TemplateTag, ...]
    anchors: tuple[str, ...]  # explicit HTML / attribute-list anchors
    layout: str  # see build.LAYOUTS
    problems: tuple[Problem, ...] = field(default=())
    # Bold paragraphs read as section headings (JD106 reports them); not in `headings`.
    labels: tuple[Heading, ...] = ()
    # Family-wide Responsibilities / Requirements written once for every role of the page.
    shared_sections: dict[str, Section] = field(default_factory=dict)
    # Computed once when the page is built: every check would otherwise rebuild them.
    grade_tables: tuple[MatrixTable, ...] = ()  # every title/grade table of the page
    inline_runs: tuple[tuple[Inline, Block | Heading], ...] = ()
    line_index: LineIndex = LineIndex()

    @property
    def lines(self) -> list[str]:
        return self.source.split("\n")

    @property
    def line_starts(self) -> tuple[int, ...]:
        """The offset of each line's first character in `source`."""
        return self.line_index.starts

    def offset(self, line: int, col: int) -> int:
        """The offset into `source` of a 1-based (line, col): what `TextEdit`s are made of."""
        return self.line_index.offset(line, col)

    def iter_inlines(self) -> tuple[tuple[Inline, Block | Heading], ...]:
        """Every inline run of the page in document order (headings, paragraphs, items, cells)."""
        return self.inline_runs


def inline_runs(
    headings: tuple[Heading, ...], blocks: tuple[Block, ...]
) -> tuple[tuple[Inline, Block | Heading], ...]:
    """The inline runs of headings and blocks, in document order (for `Document.inline_runs`)."""
    out: list[tuple[Inline, Block | Heading]] = []
    by_line: list[tuple[int, Block | Heading]] = [(h.span.line, h) for h in headings]
    by_line += [(b.span.line, b) for b in blocks]
    by_line.sort(key=lambda pair: pair[0])
    for _, node in by_line:
        if isinstance(node, Heading):
            out.append((node.inline, node))
        else:
            out.extend((inline, node) for inline in block_inlines(node))
    return tuple(out)


def block_inlines(block: Block) -> list[Inline]:
    """All inline runs inside a block, nested list items included, in order."""
    out: list[Inline] = []
    if block.inline is not None:
        out.append(block.inline)
    for item in block.items:
        if item.inline is not None:
            out.append(item.inline)
        for child in item.children:
            out.extend(block_inlines(child))
    for row in block.rows:
        out.extend(row)
    return out


def iter_items(block: Block) -> list[ListItem]:
    """Every list item of a list block, nested items included, in order."""
    out: list[ListItem] = []
    for item in block.items:
        out.append(item)
        for child in item.children:
            out.extend(iter_items(child))
    return out


def _pickle_by_position(cls: type) -> None:
    """Pickle a node as (class, field values). Slotted dataclasses otherwise pickle a state
    dict per object; parsed pages travel to and from worker processes (the cache holds plain
    data instead: `jdlint.engine.cache_data`), and this loads them about 40% faster."""
    names = tuple(f.name for f in fields(cls))

    def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = reduce  # type: ignore[assignment, method-assign]


for _node in (
    Span,
    LineIndex,
    Link,
    TextMap,
    Inline,
    ListItem,
    Block,
    Heading,
    TemplateTag,
    GradeStatement,
    Section,
    Role,
    MatrixRow,
    MatrixTable,
    FrontMatter,
    Problem,
    Document,
):
    _pickle_by_position(_node)
