"""Hypothesis strategies for job-family pages, and the properties every page must keep.

Shared by `tests/test_properties.py` (a bounded number of examples in the suite) and
`benchmarks/fuzz.py` (a long campaign). Pages are built from the pieces real handbooks use:
roles with grades, sections, lists, tables, links, front matter, ERB tags and Hugo
shortcodes, suppression comments, kramdown attributes, unicode, CRLF, and then mutated.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import strategies as st

from jdlint.config.settings import Settings
from jdlint.engine.checking import Engine
from jdlint.findings import Finding
from jdlint.fs.decode import UnreadableFile, decode
from jdlint.fs.discover import is_page
from jdlint.registry import load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_PAGES = tuple(
    sorted(
        p
        for p in FIXTURES.rglob("*")
        if p.is_file() and is_page(p.name) and not any(part.startswith(".") for part in p.parts)
    )
)

WORDS = (
    "Widget",
    "Engineer",
    "Senior",
    "Staff",
    "Manager",
    "Director",
    "Sales",
    "Account",
    "Executive",
    "the",
    "a",
    "is",
    "grade",
    "Job",
    "Grade",
    "Responsibilities",
    "Requirements",
    "Levels",
    "Performance",
    "Indicators",
    "Career",
    "Ladder",
    "Hiring",
    "Process",
    "TBD",
    "Sr.",
    "Gitlab",
    "following",
    "includes",
    "four",
    "distinct",
    "positions",
    "and",
    "or",
    "Ingénieur",
    "Größe",
    "日本語",
    "😀",
    "e\u0301",
    "\u200b",
    "\u202e",
    "\t",
    "  ",
)
ROLE_TITLES = (
    "Widget Engineer",
    "Senior Widget Engineer",
    "Staff Widget Engineer",
    "Manager, Widgets",
    "Director of Widgets",
    "Associate",
    "Widget Engineer Leader",
)
SECTION_NAMES = (
    "Job Grade",
    "Responsibilities",
    "Requirements",
    "Performance Indicators",
    "Career Ladder",
    "Hiring Process",
    "Levels",
    "Specialties",
    "Compensation",
    "Requirments",
    "Responsibilities:",
    "Job Family Matrix",
    "Overview",
)
SPECIAL = (
    "*",
    "**",
    "_",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "<!--",
    "-->",
    "{",
    "}",
    "%",
    "|",
    "\\",
    "#",
    "&amp;",
    "&#0;",
    "\r",
    "\ufeff",
    "\ue000",
    "\x1a",
    "<%",
    "%>",
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{:",
    "](",
    "![",
    "---",
    "...",
    ":",
    "\n",
)


@st.composite
def inline_text(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(SPECIAL),
                st.text(max_size=6),
                st.builds(
                    lambda t, u: f"[{t}]({u})",
                    st.sampled_from(WORDS),
                    st.sampled_from(
                        (
                            "/handbook/grades/#8",
                            "https://example.com/a b",
                            "#x",
                            "<x>",
                            "",
                            "../a.md",
                            "https://docs.google.com/x",
                        )
                    ),
                ),
                st.builds(lambda t: f"`{t}`", st.sampled_from(WORDS)),
                st.builds(lambda t: f"**{t}**", st.sampled_from(WORDS)),
                st.builds(lambda t: f"<%= {t} %>", st.sampled_from(("x", 'partial("a/b")', "%"))),
                st.builds(lambda t: f"{{{{< {t} >}}}}", st.sampled_from(("ref x", "a/b", ""))),
                st.just("<https://example.com>"),
                st.just("<a href='#x'>x</a>"),
                st.just("https://example.com/bare"),
                st.just("a@example.com"),
            ),
            max_size=12,
        )
    )
    return " ".join(parts)


@st.composite
def grade_statement(draw: st.DrawFn) -> str:
    title = draw(st.sampled_from(ROLE_TITLES))
    number = draw(st.sampled_from(("8", "9", "10", "8/9", "10 or 11", "x", "99", "")))
    link = draw(st.booleans())
    grade = f"[grade {number}](/handbook/people-group/grades/)" if link else f"grade {number}"
    return f"The {title} is a {grade}."


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(
            (
                "para",
                "list",
                "ordered",
                "table",
                "heading",
                "grade",
                "code",
                "quote",
                "html",
                "erb",
                "suppress",
                "rule",
                "ial",
            )
        )
    )
    if kind == "para":
        return draw(inline_text())
    if kind in ("list", "ordered"):
        items = draw(st.lists(inline_text(), min_size=1, max_size=5))
        marker = "-" if kind == "list" else "1."
        indent = "  " * depth
        lines = [f"{indent}{marker} {item}" for item in items]
        if depth < 4 and draw(st.booleans()):
            lines.append(draw(block(depth=depth + 1)))
        return "\n".join(lines)
    if kind == "table":
        rows = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(ROLE_TITLES + ("",)), st.sampled_from(("8", "9", "x", "", "|"))
                ),
                max_size=5,
            )
        )
        header = draw(st.sampled_from(("| Title | Grade |", "| Grade | Role |", "| a |")))
        return "\n".join([header, "|---|---|"] + [f"| {t} | {g} |" for t, g in rows])
    if kind == "heading":
        level = draw(st.integers(1, 6))
        text = draw(
            st.one_of(st.sampled_from(ROLE_TITLES), st.sampled_from(SECTION_NAMES), inline_text())
        )
        return "#" * level + " " + text
    if kind == "grade":
        return draw(grade_statement())
    if kind == "code":
        return "```\n" + draw(inline_text()) + "\n```"
    if kind == "quote":
        return "> " + draw(inline_text())
    if kind == "html":
        return draw(st.sampled_from(('<a name="x"></a>', "<div>\n\nx\n</div>", "<!-- c -->")))
    if kind == "erb":
        return draw(
            st.sampled_from(
                (
                    '<%= partial("job-families/sales/performance") %>',
                    "{{% job-families/sales/hiring %}}",
                    "<% if x %>",
                )
            )
        )
    if kind == "suppress":
        code = draw(st.sampled_from(("JD101", "JD999", "JD1", "", "missing-section")))
        what = draw(st.sampled_from(("disable", "enable", "disable-next-line", "disable-file")))
        return f"<!-- jdlint-{what} {code}: reason -->"
    if kind == "ial":
        return draw(st.sampled_from(("{:toc}", "{#custom-id}", "{: .class}")))
    return "---"


@st.composite
def role(draw: st.DrawFn) -> str:
    """A role: its heading, a grade statement, and some of its sections, at random levels."""
    level = draw(st.sampled_from((2, 2, 3)))
    title = draw(st.sampled_from(ROLE_TITLES))
    parts = ["#" * level + " " + title]
    if draw(st.booleans()):
        parts.append(draw(grade_statement()))
    names = draw(st.lists(st.sampled_from(SECTION_NAMES), max_size=4))
    for name in names:
        sub = level + draw(st.sampled_from((1, 1, 1, 2, 0)))
        parts.append("#" * min(sub, 6) + " " + name)
        parts.extend(draw(st.lists(block(), max_size=2)))
    return "\n\n".join(parts)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    body = draw(
        st.sampled_from(
            (
                "title: Widget Engineer",
                "title: [unclosed",
                "title: 8",
                "- a list",
                "",
                "title: &a x\nother: *a",
                "title: !!python/object/apply:os.system ['true']",
                "weight: 10\ntitle: Senior Widget Engineer",
                ": :",
                "title: |\n  multi\n  line",
            )
        )
    )
    closing = draw(st.sampled_from(("---", "...", "")))
    return f"---\n{body}\n{closing}\n"


@st.composite
def page(draw: st.DrawFn) -> bytes:
    """A generated job-family page as the bytes a repository could hold."""
    parts = [draw(front_matter())] if draw(st.booleans()) else []
    blocks = draw(st.lists(st.one_of(role(), block()), max_size=10))
    separators = draw(
        st.lists(
            st.sampled_from(("\n\n", "\n", "\n\n\n")), min_size=len(blocks), max_size=len(blocks)
        )
    )
    parts += [b + sep for b, sep in zip(blocks, separators)]
    text = "".join(parts)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    """A fixture page with random edits: cuts, copies, insertions, swaps, CRLF, level shifts."""
    path = draw(st.sampled_from(FIXTURE_PAGES))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        size = len(text)
        a = draw(st.integers(0, size))
        b = draw(st.integers(a, min(size, a + 400)))
        op = draw(
            st.sampled_from(
                ("delete", "duplicate", "insert", "swap", "crlf", "levels", "dedent", "truncate")
            )
        )
        if op == "delete":
            text = text[:a] + text[b:]
        elif op == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "insert":
            text = text[:a] + draw(st.one_of(st.sampled_from(SPECIAL), block())) + text[a:]
        elif op == "swap":
            lines = text.split("\n")
            i, j = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "crlf":
            text = text[:a] + text[a:b].replace("\n", "\r\n") + text[b:]
        elif op == "levels":
            text = text.replace("\n## ", "\n#### ") if a % 2 else text.replace("\n### ", "\n## ")
        elif op == "dedent":
            text = text.replace("\n  ", "\n")
        else:
            text = text[:a]
    return text.encode("utf-8", "surrogatepass")


def any_input() -> st.SearchStrategy[bytes]:
    """Generated pages, mutated fixtures, and now and then arbitrary bytes or text."""
    return st.one_of(
        page(),
        mutated_fixture(),
        st.binary(max_size=200),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )


# -- the properties ------------------------------------------------------------------------------


def make_engine(seconds: float = 10.0) -> Engine:
    """Every rule, on or off by default, so every check sees the generated pages."""
    registry = load_registry()
    selected = registry.selected(["ALL"])
    return Engine(replace(Settings(), max_file_seconds=seconds), registry, selected)


def check_bytes(engine: Engine, data: bytes, name: str = "page.md") -> list[Finding]:
    """What a run reports for one file's bytes: its own findings and the handbook phase's."""
    page = engine.parse_and_check(name, data, check=True)
    digests = [engine.digest(page.document)] if page.document is not None else []
    found, _notes = engine.handbook_phase(digests, [])
    return sorted([*page.findings, *found], key=Finding.sort_key)


def assert_page_properties(engine: Engine, data: bytes, name: str = "page.md") -> int:
    """Checking never raises, every span lies inside the file, and the result is stable.
    Returns the number of findings."""
    findings = check_bytes(engine, data, name)
    try:
        text = decode(name, data).text
    except UnreadableFile:
        return 0
    lines = text.split("\n")
    for finding in findings:
        span = finding.span
        assert not finding.message.startswith("skipped:"), finding
        assert 1 <= span.line <= span.end_line <= len(lines), finding
        assert 1 <= span.col <= len(lines[span.line - 1]) + 1, finding
        assert 1 <= span.end_col <= len(lines[span.end_line - 1]) + 1, finding
        assert span.line < span.end_line or span.col <= span.end_col, finding
    again = check_bytes(make_engine(), data, name)
    assert again == findings, "a second run gave different findings"
    return len(findings)


#: File names that switch the parser's mode: Markdown, ERB page, ERB partial, plain text.
FILE_NAMES = ("page.md", "index.html.md.erb", "_partial.erb", "paste.txt")
