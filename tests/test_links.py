"""Links and anchors across a whole handbook, in the Middleman and the Hugo layout.

The fixture handbooks in fixtures/middleman and fixtures/hugo each hold a broken link, broken
anchors (on the same page and on another page), links that work only thanks to a trailing
slash or `index.html`, valid cross-page anchors and links to parts of the site that are not
in the tree. These tests pin exactly what is reported, and that one page checked alone gets
the same findings as in a full run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES

from jdlint.config.settings import find_config, load_settings
from jdlint.document.build import build_document
from jdlint.engine.digests import digest_of
from jdlint.fs.decode import read_source
from jdlint.fs.discover import discover
from jdlint.handbook.context import Sites
from jdlint.handbook.index import HandbookIndex
from jdlint.handbook.link_targets import resolve_links

MIDDLEMAN = FIXTURES / "middleman"
HUGO = FIXTURES / "hugo"
WIDGET = MIDDLEMAN / "sites/handbook/source/job-families/engineering/widget-engineer/index.html.md"
GADGET = HUGO / "content/job-families/sales/gadget-desk/index.md"


def _findings(run_cli, *paths: str | Path, select: str = "JD4") -> set[tuple[str, int, int, str]]:
    result = run_cli("check", *map(str, paths), "--select", select, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {
        (_tail(f["path"]), f["line"], f["column"], f["code"]) for f in json.loads(result.output)
    }


def _tail(path: str) -> str:
    """The path below the fixture's content folder, so expectations read like site paths."""
    marker = "job-families/"
    return path[path.index(marker) :]


def test_middleman_handbook(run_cli):
    assert _findings(run_cli, MIDDLEMAN) == {
        # a link that resolves to no page
        ("job-families/engineering/widget-engineer/index.html.md", 42, 13, "JD401"),
        # an anchor missing from another page
        ("job-families/engineering/widget-engineer/index.html.md", 37, 23, "JD402"),
        # an anchor missing from the page itself
        ("job-families/engineering/gadget-manager/index.html.md.erb", 14, 12, "JD402"),
        # a Google Docs link
        ("job-families/engineering/widget-engineer/index.html.md", 25, 36, "JD403"),
    }


def test_hugo_handbook(run_cli):
    assert _findings(run_cli, HUGO) == {
        # a `{{% ref %}}` to a page that does not exist
        ("job-families/sales/widget-sales.md", 38, 19, "JD401"),
        # a role linked under a title it no longer has, on its own page and from another page
        ("job-families/sales/widget-sales.md", 28, 1, "JD402"),
        ("job-families/sales/gadget-desk/index.md", 14, 19, "JD402"),
    }


def _statuses(tree: Path, page: Path) -> dict[int, str]:
    """Line -> resolution status of every link of `page`, with `tree` indexed around it."""
    settings = load_settings(find_config(page))
    documents = []
    for path in discover([str(tree)]):
        source = read_source(path, 10**7)
        documents.append(build_document(path, source.text))
    digests = [digest_of(d, settings) for d in documents]
    index = HandbookIndex.build(digests, site_for=Sites(settings))
    digest = next(d for d in digests if Path(d.path).resolve() == page.resolve())
    return {r.span.line: r.status for r in resolve_links(index, digest)}


def test_middleman_resolutions():
    assert _statuses(MIDDLEMAN, WIDGET) == {
        8: "outside",  # /handbook/ is not in the tree
        9: "ok",  # an image on disk
        13: "outside",
        17: "ok",  # no trailing slash
        18: "ok",  # cross-page anchor
        19: "ok",  # the same, as an absolute URL on a base URL
        20: "ok",  # ../, index.html, and an anchor rendered by an ERB partial
        25: "external",
        31: "outside",
        35: "ok",  # the first "Requirements" heading
        36: "ok",  # the second one: #requirements-1
        37: "broken-anchor",
        42: "broken",
    }


def test_hugo_resolutions():
    assert _statuses(HUGO, HUGO / "content/job-families/sales/widget-sales.md") == {
        10: "ok",
        14: "outside",  # a ref by name to a page that is not in the tree
        18: "ok",  # a ref by name
        19: "ok",  # a ref by path with an anchor
        28: "broken-anchor",
        32: "outside",
        36: "ok",  # goldmark slug of "Widget Account Manager (WAM) (Intermediate)"
        37: "ok",  # ../ from the page's URL
        38: "broken",
        48: "outside",
        52: "ok",  # an anchor on a section's _index.md
    }


def test_statistics_count_links_outside_the_tree(run_cli):
    result = run_cli("check", str(MIDDLEMAN), "--select", "JD4", "--statistics")
    assert "5 links not checked: target outside the checked tree" in result.output
    result = run_cli("check", str(HUGO), "--select", "JD4", "--statistics")
    assert "5 links not checked: target outside the checked tree" in result.output


def test_one_page_gets_the_findings_of_a_full_run(run_cli):
    for page, tree in ((WIDGET, MIDDLEMAN), (GADGET, HUGO)):
        alone = _findings(run_cli, page)
        full = {f for f in _findings(run_cli, tree) if _tail(str(page)) == f[0]}
        assert alone == full and alone


def test_partial_copy_reports_no_missing_pages(run_cli, tmp_path):
    """A folder of pages with no .git or config above it may lack pages the real site has."""
    copy = tmp_path / "copy"
    shutil.copytree(MIDDLEMAN / "sites/handbook/source/job-families", copy / "job-families")
    found = _findings(run_cli, copy)
    assert {code for *_, code in found} == {"JD402", "JD403"}
    result = run_cli("check", str(copy), "--select", "JD4", "--statistics")
    # the 5 of the full handbook, the missing page and the image that the copy lacks
    assert "7 links not checked: target outside the checked tree" in result.output


def test_complete_can_be_configured(run_cli, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(MIDDLEMAN / "sites/handbook/source/job-families", copy / "job-families")
    (copy / ".jdlint.yaml").write_text("site: {complete: false}\n")
    assert "JD401" not in {code for *_, code in _findings(run_cli, copy)}


def test_site_config_is_validated(run_cli, tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("site: {slugs: markdown}\n")
    (tmp_path / "page.md").write_text("# Page\n")
    result = run_cli("check", str(tmp_path / "page.md"))
    assert result.exit_code == 2
    assert "site.slugs" in result.output
