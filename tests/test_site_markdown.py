"""JD111 asks the page's site which Markdown engine renders it (jdlint.fs.site_markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.api import check_paths
from jdlint.fs.site_markdown import declared_markdown

PAGE = "---\ntitle: Records Clerk\n---\n\n###Major duties\n\n- File records\n\n###Qualifications\n\n- Typing\n"


def _site(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    page = tmp_path / "_positions" / "records-clerk.md"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    return page


@pytest.mark.parametrize(
    ("name", "text", "engine"),
    [
        ("_config.yml", "markdown: kramdown\n", "kramdown"),
        ("_config.yml", "title: Careers\n", "kramdown"),  # Jekyll's default engine
        ("_config.yml", "markdown: CommonMarkGhPages\n", "commonmarkghpages"),
        ("_config.yml", "markdown: [unclosed\n", None),
        ("hugo.toml", "title = 'Careers'\n", "goldmark"),
        ("README.md", "# Careers\n", None),
    ],
)
def test_declared_markdown(tmp_path: Path, name: str, text: str, engine: str | None) -> None:
    assert declared_markdown(_site(tmp_path, name, text)) == engine


def test_not_a_file_says_nothing(tmp_path: Path) -> None:
    assert declared_markdown(tmp_path / "missing.md") is None


def _jd111(page: Path) -> list[int]:
    result = check_paths([str(page)])
    return [f.span.line for f in result.findings if f.code == "JD111"]


def test_quiet_on_kramdown_site(tmp_path: Path) -> None:
    assert _jd111(_site(tmp_path, "_config.yml", "markdown: kramdown\n")) == []


def test_fires_on_commonmark_site(tmp_path: Path) -> None:
    page = _site(tmp_path, "_config.yml", "markdown: CommonMarkGhPages\n")
    assert _jd111(page) == [5, 9]
