"""Issue 19, item 9: what ruff and Vale users reach for: --exit-zero, --add-noqa, clean,
-v, rule docs URLs (SARIF helpUri, LSP codeDescription) from a generated docs site, the config
schema's $id in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from jdlint.export.docs_site import page_name, rule_url

# JD104 (empty, a heading), JD602 in a paragraph's second line, in a list item and in a table
# row, JD701 (invalid YAML) in front matter.
PAGE = (
    "---\ntitle: Widget Engineer\ntags: [a, b\n---\n"
    "# Widget Engineer\n\n"
    "## Widget Engineer\n\n### Responsibilities\n\n"
    "Build widgets\nand  more widgets.\n\n"
    "- Care  a lot\n- Ship\n\n"
    "| Title | Grade |\n| --- | --- |\n| Widget  Engineer | 5 |\n\n"
    "### Requirements\n\n- Care\n\n### Benefits\n"
)


def _json(run_cli, *args: str) -> list[dict[str, object]]:
    result = run_cli("check", "--no-cache", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, object]] = json.loads(result.output)
    return found


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "job-families").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_add_noqa_suppresses_every_finding_and_keeps_the_page(handbook, run_cli):
    page = handbook / "job-families" / "widget.md"
    page.write_bytes(PAGE.replace("\n", "\r\n").encode())
    before = {(f["code"], f["line"]) for f in _json(run_cli, ".")}
    assert {code for code, _ in before} >= {"JD104", "JD602", "JD701"}
    result = run_cli("check", "--no-cache", "--add-noqa", ".")
    assert result.exit_code == 0, result.output
    assert "1 left (front matter" in result.output
    after = _json(run_cli, ".")
    assert [(f["code"], f["line"]) for f in after] == [("JD701", 4)]  # YAML takes no comment
    data = page.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF kept, none added bare
    text = data.decode().replace("\r\n", "\n")
    assert "<!-- jdlint-disable-next-line JD104 -->\n### Benefits" in text
    assert "and  more widgets. <!-- jdlint-disable-line JD602 -->" in text  # paragraph kept whole
    assert "- Care  a lot <!-- jdlint-disable-line JD602 -->\n- Ship" in text  # one list still
    assert "| Widget  Engineer | 5 | <!-- jdlint-disable-line JD602 -->" in text
    again = run_cli("check", "--no-cache", "--add-noqa", ".")
    assert "added 0 suppression comments" in again.output
    assert page.read_bytes() == data  # nothing left to add


def test_exit_zero_keeps_usage_errors(handbook, run_cli):
    (handbook / "job-families" / "widget.md").write_text(PAGE)
    assert run_cli("check", "--no-cache", ".").exit_code == 1
    assert run_cli("check", "--no-cache", "--exit-zero", ".").exit_code == 0
    assert run_cli("check", "--exit-zero", "missing.md").exit_code == 2


def test_verbose_says_what_the_run_does(handbook, run_cli):
    (handbook / "job-families" / "widget.md").write_text(PAGE)
    result = run_cli("check", "-v", "--format", "json", ".")
    assert "jdlint: 1 file to check" in result.output
    assert re.search(r"jdlint: checked in [\d.]+ s: \d+ findings", result.output)


def test_clean_removes_only_jdlint_caches(handbook, run_cli):
    (handbook / "job-families" / "widget.md").write_text(PAGE)
    run_cli("check", ".")
    cache = handbook / ".jdlint_cache"
    assert cache.is_dir()
    lookalike = handbook / "job-families" / ".jdlint_cache"
    lookalike.mkdir()
    (lookalike / "mine.txt").write_text("not jdlint's")
    result = run_cli("clean")
    assert result.exit_code == 0
    assert not cache.exists() and (lookalike / "mine.txt").exists()
    assert "Removed cache directory" in result.output


def test_docs_site_has_the_page_each_link_points_to(tmp_path, run_cli, monkeypatch):
    monkeypatch.delenv("JDLINT_DOCS_URL", raising=False)
    result = run_cli("docs", "-o", str(tmp_path / "site"))
    assert result.exit_code == 0
    page = (tmp_path / "site" / page_name("JD602")).read_text()
    assert "JD602 whitespace" in page and "fixable: yes" in page
    index = (tmp_path / "site" / "index.html").read_text()
    assert f'href="{page_name("JD101")}"' in index
    assert "set JDLINT_DOCS_URL" in result.output  # the next step: nothing links there yet
    url = rule_url("JD602", "https://docs.example/rules/")
    assert url == "https://docs.example/rules/" + page_name("JD602")


def test_sarif_and_lsp_link_each_rule_to_its_page(handbook, run_cli, monkeypatch):
    """Rule links go where JDLINT_DOCS_URL says the `jdlint docs` site is served; without it
    (jdlint has no public docs host) reports carry no link rather than a made-up one."""
    (handbook / "job-families" / "widget.md").write_text(PAGE)
    from lsprotocol import types

    from jdlint.findings import Finding, Severity, Span
    from jdlint.lsp.server import _diagnostic

    finding = Finding("a.md", Span(1, 1, 1, 2), "JD104", "empty-section", "m", Severity.WARNING)
    start = types.Position(line=0, character=0)

    def links() -> tuple[dict[str, object], types.Diagnostic]:
        sarif = json.loads(run_cli("check", "--no-cache", "--format", "sarif", ".").output)
        rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
        return rules["JD104"], _diagnostic(finding, types.Range(start=start, end=start))

    monkeypatch.delenv("JDLINT_DOCS_URL", raising=False)
    rule, diagnostic = links()
    assert "helpUri" not in rule and diagnostic.code_description is None
    monkeypatch.setenv("JDLINT_DOCS_URL", "https://handbook.example/jdlint")
    rule, diagnostic = links()
    assert rule["helpUri"] == "https://handbook.example/jdlint/JD104.html"
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href == rule["helpUri"]


def test_no_made_up_docs_domain_is_shipped():
    for name in ("pyproject.toml", "README.md", "CONTRIBUTING.md"):
        assert "jdlint.dev/rules" not in (ROOT / name).read_text(), name


def test_readme_documents_the_schemas_id_and_a_schema_line_that_resolves():
    """The `$id` is a name on a domain jdlint does not serve: the line the README shows must
    point at a readable copy, and the installed copy the README names must exist."""
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    readme = (ROOT / "README.md").read_text()
    assert f"`{schema['$id']}`" in readme
    assert f"$schema={schema['$id']}" not in readme
    assert "# yaml-language-server: $schema=./schemas/" in readme
    import jdlint.schemas

    installed = Path(jdlint.schemas.__path__[0], "config.schema.json")
    assert json.loads(installed.read_text())["$id"] == schema["$id"]


@pytest.mark.parametrize("marker", [".git", ".jdlint.yml", "pyproject.toml", "content"])
def test_one_cache_directory_per_handbook_root(tmp_path, monkeypatch, run_cli, marker):
    """Checking `.`, a subfolder, one file, and from a subfolder all use the root's cache;
    `jdlint clean` run in a subfolder removes it."""
    site = tmp_path / "site"
    pages = site / "content" / "job-families" / "eng"
    pages.mkdir(parents=True)
    (pages / "widget.md").write_text(PAGE)
    if marker == ".git":
        (site / ".git").mkdir()
    elif marker == ".jdlint.yml":
        (site / ".jdlint.yml").write_text("select: [JD6]\n")
    elif marker == "pyproject.toml":
        (site / "pyproject.toml").write_text('[tool.jdlint]\nselect = ["JD6"]\n')
    monkeypatch.chdir(site)
    for args in (["."], ["content/job-families"], ["content/job-families/eng/widget.md"]):
        assert run_cli("check", "-q", *args).exit_code == 1
    monkeypatch.chdir(pages)
    assert run_cli("check", "-q", ".").exit_code == 1
    caches = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob(".jdlint_cache"))
    assert caches == [Path("site/.jdlint_cache")]
    result = run_cli("clean")
    assert "Removed cache directory" in result.output
    assert not (site / ".jdlint_cache").exists()
