"""The fast backend (markdown-it-pyrs, `jdlint[fast]`) gives the same tree as markdown-it-py.

markdown-it-py is the reference. Every fixture page, generated and mutated job pages, and a
fuzz corpus of container-heavy Markdown (nested lists and quotes, lazy lines, tabs, tables,
images, hard breaks, wide characters) are built with both and their `jdlint tree` JSON must be
equal; the backend may fall back to markdown-it-py for a page, never differ.
`benchmarks/compare_backends.py` runs the same comparison on the real corpora.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagegen import mutated_fixture, page

from jdlint.document import markdown_rs
from jdlint.document.build import build_document
from jdlint.document.markdown import backend, parse_text, tokenise
from jdlint.document.parser_choice import VARIABLE as BACKEND_VARIABLE
from jdlint.document.tree_json import document_data
from jdlint.fs.decode import UnreadableFile, decode

pytestmark = pytest.mark.skipif(
    not markdown_rs.available(), reason="markdown-it-pyrs (the `fast` extra) is not installed"
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SUITE = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def tree(text: str, parser: str, path: str = "page.md") -> str:
    return json.dumps(document_data(build_document(path, text, parser=parser)), sort_keys=True)


def assert_same(text: str, path: str = "page.md") -> None:
    assert tree(text, "fast", path) == tree(text, "markdown-it-py", path)


def parsed_by_rust(text: str) -> bool:
    return markdown_rs.rust_tokens(parse_text(text).masked) is not None


PAGE_SUFFIXES = (".md", ".markdown", ".erb", ".txt", ".text")


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name.endswith(PAGE_SUFFIXES)),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_fixture_pages(path: Path) -> None:
    text = decode(str(path), path.read_bytes()).text
    assert_same(text, str(path))


# Each fragment is a construct whose inline content or line map the converter rebuilds.
FRAGMENTS = [
    "# Title",
    "## Senior Engineer ##  ",
    "###Duties",
    "#",
    "Setext heading\n===",
    "Two line\nsetext\n---",
    "Plain paragraph with *em*, **strong**, ~~gone~~ and `code`.",
    "Line with a hard break  \nand more  ",
    "Escaped break\\\nnext",
    "  indented start\n    continuation indented",
    "- item one\n- item two\n  continued\n- [link](/a/b 'title') <https://x.y>",
    "* loose\n\n* items\n\n  second paragraph",
    "1. first\n2) other marker\n10. ten",
    "- outer\n  - inner\n    inner continued\n   lazy-ish\n- back",
    "-     code in item\n- \n  empty first line",
    "> quote\n> continued\n lazy with space\nlazy",
    "> - quoted item\n>   continued\n> > nested quote\n> > more",
    "- > quote in item\n  > continued\n  lazy",
    "| Grade | Title |\n|---|:---:|\n| 7 | Senior |\n| 8 |\n| 9 | Staff | extra |",
    "```yaml\nkey: value\n\n```",
    "~~~\nunclosed fence",
    "    indented code\n\n    more code",
    "<div>\n<b>html</b>\n</div>",
    "<!-- comment -->",
    "[ref]: /target 'T'\n\nSee [ref] and [text][ref] and ![alt *x*](/i.png \"t\") ![](/e.png)",
    "Entities &amp; &copy; &#35; \\* \\_",
    "Wide: café — naïve 日本語 emoji 🎉 and [lien é](/é)",
    "\tTabbed line\n- item\twith tab",
    "***\n---\n___",
    'Text <span>inline html</span> <a id="anchor"></a>',
    "A {:.class} attribute and <% erb %> and {{< shortcode >}}",
    "    ",
    "",
]


@SUITE
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8), st.data())
def test_fuzz_corpus(parts: list[str], data: st.DataObject) -> None:
    joiners = data.draw(st.lists(st.sampled_from(["\n", "\n\n", "\n  ", "\n> "]), min_size=1))
    text = parts[0]
    for index, part in enumerate(parts[1:]):
        text += joiners[index % len(joiners)] + part
    assert_same(text + data.draw(st.sampled_from(["", "\n", "  \n"])))


@SUITE
@given(st.text(alphabet=st.sampled_from(list("ab #>-*1.|`[]()!<>\\\n\t é_~:=")), max_size=80))
def test_random_markdown(text: str) -> None:
    assert_same(text)


@settings(SUITE, max_examples=60)
@given(data=st.one_of(page(), mutated_fixture()))
def test_generated_and_mutated_pages(data: bytes) -> None:
    try:
        text = decode("page.md", data).text
    except UnreadableFile:  # no tree under either backend
        return
    assert_same(text)


def test_a_lazy_table_row_after_a_quote_line_is_read_as_markdown_it_py_reads_it() -> None:
    """Found by the mutation suite in CI: `>a | b |` then `| --- | --- |` without `>` (a lazy
    line) gave a table under one parser and a quote under the other."""
    text = "## Grades\n>ing | Grade |\n| --- | --- |\n| Widget Engineer | 6 |\n\nText.\n"
    assert not parsed_by_rust(text)
    assert_same(text)
    # Also found there: a table run into an HTML block that only a blank line ends.
    html = "<div>\n\nx\n</div>## Title | Grade |\n| --- | --- |\n| Widget Engineer | 6 |\n\nText.\n"
    assert not parsed_by_rust(html)
    assert_same(html)


def test_rust_parses_common_pages_without_fallback() -> None:
    """The fallback is for tables and rare constructs: other job pages go through Rust."""
    pages = [decode(str(p), p.read_bytes()).text for p in sorted(FIXTURES.rglob("*.md"))]
    without_tables = [text for text in pages if "| ---" not in text and "|---" not in text]
    assert len(without_tables) >= 10
    for text in without_tables:
        assert parsed_by_rust(text), text[:80]
    assert not parsed_by_rust("| Title | Grade |\n| --- | --- |\n| Widget Lead | 7 |\n")


def test_uncertain_pages_fall_back() -> None:
    assert not parsed_by_rust("- item\n\twith a tab")
    assert not parsed_by_rust("> quote\n   lazy line with indentation")
    # ...and the result is markdown-it-py's, token for token.
    masked = parse_text("> quote\n   lazy line").masked
    assert tokenise(masked, "fast") == tokenise(masked, "markdown-it-py")


def test_backend_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BACKEND_VARIABLE, raising=False)
    assert backend() == "markdown-it-py"
    monkeypatch.setenv(BACKEND_VARIABLE, "fast")
    assert backend() == "fast"
    monkeypatch.setenv(BACKEND_VARIABLE, "something else")
    assert backend() == "markdown-it-py"
