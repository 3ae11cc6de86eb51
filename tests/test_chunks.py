"""A page read chunk by chunk (document/chunks.py) gives the tokens and the tree of the page read
whole: on every fixture page, the shared corpora when present, and random edit sequences of
long pages whose chunks are kept from one version to the next (as the language server does)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_pages import corpus_texts, fixture_texts, on_corpora

from jdlint.document.build import build_document
from jdlint.document.chunks import MIN_CHUNKS, ChunkMemo, chunk_starts
from jdlint.document.markdown import _with_references, parse_text

SECTION = "## Widget Engineer {n}\n\nBuilds widgets for team {n}.\n\n- Ship widgets\n- Test them\n"


def _page(sections: int = MIN_CHUNKS + 2) -> str:
    return "# Widgets\n\nIntro.\n\n" + "\n".join(SECTION.format(n=n) for n in range(sections))


def _same(text: str, memo: ChunkMemo | None = None) -> None:
    memo = memo or ChunkMemo()
    assert parse_text(text, memo=ChunkMemo()).tokens == parse_text(text).tokens
    assert build_document("page.md", text, memo=memo) == build_document("page.md", text)


def test_fixture_pages_read_in_chunks_give_the_whole_page() -> None:
    for text in fixture_texts():
        _same(text)


@pytest.mark.slow
@on_corpora
def test_corpus_pages_read_in_chunks_give_the_whole_page() -> None:
    texts = corpus_texts()
    assert sum(bool(parse_text(text, memo=ChunkMemo()).chunks) for text in texts) > len(texts) / 2
    for text in texts:
        _same(text)


def test_chunks_start_at_headings_after_a_blank_line() -> None:
    lines = ["intro", "", "# One", "text", "# not after a blank", "", "#no space", "", "## Two"]
    assert chunk_starts(lines) == [0, 2, 8]
    assert chunk_starts(["", " # indented", "", "\t", "###### six", "", "####### seven"]) == [0, 4]


class Counting:
    """markdown-it's reading, counted: how many chunks a version of the page read again."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str):  # type: ignore[no-untyped-def]
        self.calls += 1
        return _with_references(text)


def test_a_keystroke_reads_one_chunk_again() -> None:
    memo, parse, text = ChunkMemo(), Counting(), _page()
    tokens, chunks = memo.tokens(text, parse) or ([], ())
    assert len(chunks) == MIN_CHUNKS + 3 and parse.calls == len(chunks)
    assert tokens == parse_text(text).tokens
    typed = text.replace("team 4.", "team 4, and more.")
    parse.calls = 0
    again = memo.tokens(typed, parse)
    assert again is not None and parse.calls == 1
    assert again[0] == parse_text(typed).tokens


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("```\nan unclosed fence runs to the end of the page\n", "a fence"),
        ("<!-- an unclosed comment\n", "an HTML block of type 2"),
        ("[widgets]: /widgets\n", "a link reference definition"),
    ],
)
def test_a_page_whose_chunks_cannot_stand_alone_is_read_whole(where: str, why: str) -> None:
    text = _page().replace("Builds widgets for team 3.\n", f"Builds widgets for team 3.\n\n{where}")
    assert parse_text(text, memo=ChunkMemo()).chunks == (), why
    _same(text)


def test_a_short_page_is_read_whole() -> None:
    assert parse_text(_page(MIN_CHUNKS - 3), memo=ChunkMemo()).chunks == ()
    assert parse_text(_page(), memo=ChunkMemo()).chunks != ()


_EDITS = st.sampled_from(
    [
        " more words",
        "\n",
        "\n\n",
        "\n\n# A new heading\n\n",
        "\n```\n",
        "\n~~~\n",
        "\n<!--\n",
        "-->",
        "\n<div>\n",
        "\n> quoted\n",
        "\n- item\n  - nested\n",
        "\n    indented code\n",
        "\n[ref]: /target\n",
        " [link][ref]",
        "\n| a | b |\n| - | - |\n",
        "\n===\n",
        "\n###Compact heading\n",
        "\n---\n",
        "\t",
    ]
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(edits=st.lists(st.tuples(st.integers(0, 10_000), _EDITS), min_size=1, max_size=8))
def test_edit_sequences_keep_the_whole_page_answer(edits: list[tuple[int, str]]) -> None:
    """Each version built with the chunks its predecessor left equals the version built whole."""
    memo, text = ChunkMemo(), _page()
    _same(text, memo)
    for position, added in edits:
        where = position % (len(text) + 1)
        text = text[:where] + added + text[where:]
        _same(text, memo)
