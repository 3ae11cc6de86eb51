"""Text to markdown-it tokens: the only module that imports markdown_it (with plain_inline.py,
its shortcut for inline runs without markup, and block_gates.py, its block rules' gates).

Before tokenising, everything that is not Markdown is blanked out *without moving a single
character*: YAML front matter becomes empty lines, ERB tags and Hugo shortcodes become runs of
an opaque character (or blank lines when they fill their lines), and kramdown attribute lists
become spaces. Line and column numbers in the tokens therefore stay those of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from jdlint.config.yaml_loader import YAMLBounds, YAMLLimitError, load_bounded, problem
from jdlint.document import (
    block_gates,
    markdown_rs,
    parser_choice,
    plain_inline,
    toml_front_matter,
)
from jdlint.document.chunks import Chunk, ChunkMemo
from jdlint.document.marks import OPAQUE
from jdlint.model import FrontMatter, Span, TemplateTag
from jdlint.span import LineIndex

_FRONT_MATTER_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TEMPLATE_OPEN = re.compile(r"<%|\{\{<|\{\{%")
_TEMPLATE_CLOSE = {"<%": "%>", "{{<": ">}}", "{{%": "%}}"}
# kramdown inline attribute lists: {:toc}, {:.no_toc}, {: .text-center}, {#custom-id}, {.class}
_IAL = re.compile(r"\{:[^{}\n]*\}|\{#[A-Za-z][\w:.\-]*\}|\{\.[A-Za-z][\w\-]*\}")
_IAL_ID = re.compile(r"#([A-Za-z][\w:.\-]*)")
_PARTIAL = re.compile(r"""partial\s*\(?\s*["']([^"']+)["']""")
_LOCAL = re.compile(r""":?(\w+)\s*(?:=>|:)\s*(["'])(.*?)\2""")
_SHORTCODE_NAME = re.compile(r"\{\{[<%]\s*([\w./\-]+)")
MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_FRONT_MATTER_VALUES = 10_000
_FRONT_MATTER_BOUNDS = YAMLBounds(
    max_bytes=MAX_FRONT_MATTER_BYTES, max_values=MAX_FRONT_MATTER_VALUES
)


@dataclass(frozen=True, slots=True)
class Attribute:
    """A kramdown attribute list, with the id it sets, if any."""

    line: int
    text: str
    anchor: str | None
    whole_line: bool


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the tree builder needs: tokens over masked text plus the opaque parts."""

    source: str  # the file's text with "\n" line endings
    masked: str  # same length as `source`; what markdown-it saw
    tokens: list[Token]
    front_matter: FrontMatter | None
    templates: tuple[TemplateTag, ...]
    attributes: tuple[Attribute, ...]
    # (line, level) of kramdown headings without a space ("###Duties"), read as headings
    compact_headings: tuple[tuple[int, int], ...] = ()
    # The chunks the tokens were read in, when a `ChunkMemo` read them (else empty)
    chunks: tuple[Chunk, ...] = ()
    line_index: LineIndex = LineIndex()  # of `source`, which the tree keeps too

    @property
    def lines(self) -> list[str]:
        return self.source.split("\n")


@lru_cache(maxsize=2)
def _markdown(shortcut: bool = True) -> MarkdownIt:
    """The parser; `shortcut=False` is markdown-it unchanged (the reference tests compare to)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return block_gates.install(plain_inline.install(md)) if shortcut else md


def backend() -> str:
    """The parser chosen for this process; "fast" only when markdown-it-pyrs is installed."""
    chosen = parser_choice.requested()
    return "fast" if chosen == "fast" and markdown_rs.available() else "markdown-it-py"


def tokenise(masked: str, parser: str | None = None) -> list[Token]:
    """markdown-it-py's tokens for `masked`, from the chosen backend (the seam of `jdlint[fast]`)."""
    if (parser or backend()) == "fast":
        tokens = markdown_rs.rust_tokens(masked)
        if tokens is not None:
            return tokens
    return _markdown().parse(masked)


def render_html(text: str) -> str:
    """Markdown (a rule's explanation) as HTML for the rule docs site; raw HTML is escaped."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


def parse_text(
    source: str, *, plain: bool = False, parser: str | None = None, memo: ChunkMemo | None = None
) -> Parsed:
    """Tokenise `source` (already decoded, "\\n" line endings); with `memo`, chunk by chunk,
    reusing the chunks the page's last version had (`jdlint.document.chunks`)."""
    chars = list(source)
    index = LineIndex.of(source)
    front_matter = _front_matter(source, chars, index)
    templates = _mask_templates(source, chars, index)
    attributes = _mask_attributes(source, chars, index)
    # markdown-it ends a line at a lone "\r"; `source` (decoded by jdlint.fs.decode) has none,
    # but text handed in directly might, and would shift every line number after it.
    masked = "".join(chars).replace("\r", " ")
    if plain:
        tokens = _plain_tokens(masked)
        return Parsed(source, masked, tokens, front_matter, templates, attributes, line_index=index)
    if (parser or backend()) != "markdown-it-py":
        memo = None  # chunks are markdown-it-py's: the fast backend reads the page whole
    tokens, chunks = _tokens(masked, memo, parser)
    compact = _compact_headings(masked, tokens)
    if compact:  # rare: only such pages are tokenised twice
        lines = masked.split("\n")
        for line, level in compact:
            text = lines[line - 1]
            start = len(text) - len(text.lstrip())
            lines[line - 1] = text[: start + level - 1] + " " + text[start + level :]
        masked = "\n".join(lines)
        tokens, chunks = _tokens(masked, memo, parser)
    compact_headings = tuple(compact)
    return Parsed(
        source, masked, tokens, front_matter, templates, attributes, compact_headings, chunks, index
    )


def _tokens(
    masked: str, memo: ChunkMemo | None, parser: str | None
) -> tuple[list[Token], tuple[Chunk, ...]]:
    """The tokens of `masked`, chunk by chunk when `memo` is given and the page allows it."""
    found = memo.tokens(masked, _with_references) if memo is not None else None
    return found if found is not None else (tokenise(masked, parser), ())


def _with_references(text: str) -> tuple[list[Token], bool]:
    """markdown-it-py's tokens for `text`, and whether it defines a link reference."""
    env: dict[str, object] = {}
    tokens = _markdown().parse(text, env)
    return tokens, bool(env.get("references"))


# "###Major duties:": kramdown (Jekyll, old Middleman) renders a heading, CommonMark text.
_COMPACT_HEADING = re.compile(r"^[ ]{0,3}(#{2,6})(?=[A-Za-z])[^\n]*\S")


def _compact_headings(masked: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """(line, level) of paragraph lines written as kramdown headings without the space.

    Only a paragraph's first line counts, after a blank line (or at the top), as kramdown
    reads them (the lines after it stay a paragraph, as in kramdown); lines inside code or HTML
    never start a paragraph, so they are never touched.
    """
    if "##" not in masked:
        return []
    lines = masked.split("\n")
    out = []
    for token in tokens:
        if token.type != "paragraph_open" or not token.map or token.level != 0:
            continue
        first = token.map[0]
        match = _COMPACT_HEADING.match(lines[first])
        if match is None or (first > 0 and lines[first - 1].strip()):
            continue
        out.append((first + 1, len(match.group(1))))
    return out


def _blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = fill


def _front_matter(source: str, chars: list[str], index: LineIndex) -> FrontMatter | None:
    toml = toml_front_matter.OPEN.match(source)
    opening = toml or _FRONT_MATTER_OPEN.match(source)
    if not opening:
        return None
    fence = "+++" if toml else "---"
    closing = (toml_front_matter.CLOSE if toml else _FRONT_MATTER_CLOSE).search(
        source, opening.end()
    )
    if closing is None:
        span = index.span(0, opening.end() - 1)
        return FrontMatter({}, span, f"front matter opened with '{fence}' is never closed", span)
    _blank(chars, 0, closing.end())
    span = index.span(0, closing.end())
    body = source[opening.end() : closing.start()]
    if len(body.encode("utf-8", "replace")) > MAX_FRONT_MATTER_BYTES:
        return FrontMatter({}, span, "front matter is larger than 256 KiB", span)
    body_line = index.position(opening.end())[0]
    load = toml_front_matter.load_toml if toml else _load_front_matter
    return load(body, span, body_line, partial(_line_width, source, index))


def _line_width(source: str, index: LineIndex, line: int) -> int:
    """Characters on a 1-based line of `source`."""
    start = index.starts[min(line, len(index.starts)) - 1]
    end = source.find("\n", start)
    return (len(source) if end == -1 else end) - start


def _load_front_matter(
    body: str, span: Span, body_line: int, line_width: Callable[[int], int]
) -> FrontMatter:
    try:
        data, _ = load_bounded(body, _FRONT_MATTER_BOUNDS)
    except YAMLLimitError as error:  # the whole block is the problem, not one line of it
        return FrontMatter({}, span, f"invalid YAML: front matter {problem(error)}", span)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = body_line + (mark.line if mark else 0)
        width = line_width(line)
        # libyaml may mark a line's end (one past its last character): the span stays inside.
        col = min((mark.column + 1) if mark else 1, width + 1)
        message = f"invalid YAML: {problem(error)}"
        return FrontMatter({}, span, message, Span(line, col, line, min(col + 1, width + 1)))
    except yaml.YAMLError as error:
        return FrontMatter(
            {}, span, f"invalid YAML: front matter {' '.join(str(error).split())}", span
        )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter({}, span, "front matter is not a mapping of keys to values", span)
    return FrontMatter(data, span)


def _mask_templates(source: str, chars: list[str], index: LineIndex) -> tuple[TemplateTag, ...]:
    if "<%" not in source and "{{" not in source:
        return ()
    tags = []
    for start, end in _template_spans(source):
        line_start = source.rfind("\n", 0, start) + 1
        line_end = source.find("\n", end)
        line_end = len(source) if line_end == -1 else line_end
        whole_line = not source[line_start:start].strip() and not source[end:line_end].strip()
        _blank(chars, start, end, " " if whole_line else OPAQUE)
        text = source[start:end]
        kind = "erb" if text.startswith("<%") else "shortcode"
        partial = None
        locals_: list[tuple[str, str, Span]] = []
        if kind == "erb":
            found = _PARTIAL.search(text)
            partial = found.group(1) if found else None
            if partial:
                after = found.end() if found else 0
                for local in _LOCAL.finditer(text, after):
                    value_start = start + local.start(3)
                    span = index.span(value_start, value_start + len(local.group(3)))
                    locals_.append((local.group(1), local.group(3), span))
        else:
            found = _SHORTCODE_NAME.match(text)
            partial = found.group(1) if found and "/" in found.group(1) else None
        tags.append(
            TemplateTag(kind, text, index.span(start, end), whole_line, partial, tuple(locals_))
        )
    return tuple(tags)


def _template_spans(source: str) -> list[tuple[int, int]]:
    """`<% ... %>`, `{{< ... >}}` and `{{% ... %}}`, each closed by the first closer after it.

    Linear: once an opener has no closer, no later opener of that kind can have one, so the
    text is not scanned again for it (a regex `<%.*?%>` would rescan it for every `<%`).
    """
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()
    position = 0
    while True:
        opening = _TEMPLATE_OPEN.search(source, position)
        if opening is None:
            return spans
        opener = opening.group()
        closer = _TEMPLATE_CLOSE[opener]
        close = -1 if opener in unclosed else source.find(closer, opening.end())
        if close < 0:
            unclosed.add(opener)
            position = opening.start() + 1
            continue
        spans.append((opening.start(), close + len(closer)))
        position = close + len(closer)


def _mask_attributes(source: str, chars: list[str], index: LineIndex) -> tuple[Attribute, ...]:
    if "{" not in source:
        return ()
    found = []
    for match in _IAL.finditer(source):
        start, end = match.span()
        if any(chars[i] != source[i] for i in (start, end - 1)):
            continue  # inside front matter or a template tag
        line_start = source.rfind("\n", 0, start) + 1
        line_end = source.find("\n", end)
        line_end = len(source) if line_end == -1 else line_end
        whole_line = not source[line_start:start].strip() and not source[end:line_end].strip()
        _blank(chars, start, end)
        anchor = _IAL_ID.search(match.group())
        line = index.position(start)[0]
        found.append(
            Attribute(line, match.group(), anchor.group(1) if anchor else None, whole_line)
        )
    return tuple(found)


def _plain_tokens(masked: str) -> list[Token]:
    """Plain text: every non-empty line is a paragraph of its own (no Markdown rules apply)."""
    tokens: list[Token] = []
    for number, line in enumerate(masked.split("\n")):
        if not line.strip():
            continue
        opening = Token("paragraph_open", "p", 1)
        opening.map = [number, number + 1]
        inline = Token("inline", "", 0)
        inline.map = [number, number + 1]
        inline.content = line.strip()
        text = Token("text", "", 0)
        text.content = inline.content
        inline.children = [text]
        tokens += [opening, inline, Token("paragraph_close", "p", -1)]
    return tokens
