"""Site mapping, handbook roots, heading slugs and the index, unit by unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint import api
from jdlint.config.settings import Settings
from jdlint.document.build import build_document
from jdlint.engine.digests import digest_of
from jdlint.handbook.index import HandbookIndex
from jdlint.handbook.roots import Root, find_root, handbook_root
from jdlint.handbook.site import Site, normalise_url
from jdlint.handbook.site_config import SiteConfig
from jdlint.handbook.slugs import gitlab_slug, goldmark_slug, kramdown_slug, unique_slugs


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        ("sites/handbook/source/handbook/travel/index.html.md", "/handbook/travel/"),
        ("sites/handbook/source/handbook/travel.html.md", "/handbook/travel/"),
        ("sites/handbook/source/job-families/sales/x/index.html.md.erb", "/job-families/sales/x/"),
        ("job-families/sales/x/index.html.md", "/job-families/sales/x/"),
        ("content/job-families/sales/csm.md", "/job-families/sales/csm/"),
        ("content/job-families/backend/_index.md", "/job-families/backend/"),
        ("content/job-families/backend/index.md", "/job-families/backend/"),
        ("job-families/sales/_performance.erb", None),
    ],
)
def test_url_of_each_layout(tmp_path, relative, url):
    assert Site(tmp_path).url_of(tmp_path / relative) == url


def test_configured_prefix_wins(tmp_path):
    config = SiteConfig.from_settings(Settings(site={"paths": {"/careers": "jobs"}}))
    site = Site(tmp_path, config)
    assert site.url_of(tmp_path / "jobs/widgets/index.md") == "/careers/widgets/"
    assert config.paths == (("/careers/", ("jobs",)),)


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("/a/b", "/a/b/"),
        ("/a/b/", "/a/b/"),
        ("/a/b/index.html", "/a/b/"),
        ("/a/b.html", "/a/b/"),
        ("/images/x.png", "/images/x.png"),
        ("/a/./c/../b", "/a/b/"),
    ],
)
def test_normalise_url(written, url):
    assert normalise_url(written) == url


def test_parse_targets(tmp_path):
    config = SiteConfig(base_urls=("https://handbook.example.com",))
    site = Site(tmp_path, config)
    page = str(tmp_path / "content/job-families/sales/csm.md")
    url = "/job-families/sales/csm/"
    relative = site.parse("../ae/#senior", url, page)
    assert (relative.kind, relative.url, relative.fragment) == (
        "page",
        "/job-families/sales/ae/",
        "senior",
    )
    absolute = site.parse("https://handbook.example.com/job-families/x", url, page)
    assert (absolute.kind, absolute.url) == ("page", "/job-families/x/")
    assert site.parse("https://example.org/job-families/x", url, page).kind == "external"
    assert site.parse("mailto:jobs@example.com", url, page).kind == "external"
    assert site.parse("#levels", url, page).fragment == "levels"
    source = site.parse("other.md#x", url, page)
    assert (source.kind, source.file) == ("file", tmp_path / "content/job-families/sales/other.md")
    assert site.parse("../../../../../up.md", url, page).kind == "outside"


def test_a_part_of_the_site_is_looked_up_on_disk_once(tmp_path, monkeypatch):
    """Most links of a handbook go to a few parts of its site (`/handbook/...`): whether a
    part exists is asked of the disk once per run, and answered the same after."""
    from jdlint.handbook.file_facts import FileFacts

    (tmp_path / "handbook").mkdir()
    site = Site(tmp_path)
    asked: list[str] = []
    holds_name = FileFacts.holds_name

    def spy(self, directory, name):  # type: ignore[no-untyped-def]
        asked.append(name)
        return holds_name(self, directory, name)

    monkeypatch.setattr(FileFacts, "holds_name", spy)
    urls = ["/handbook/hiring/", "/handbook/people/", "/nowhere/x/", "/handbook/", "/"]
    assert [site.has_section(url) for url in urls] == [True, True, False, True, True]
    first = list(asked)
    assert set(first) == {"handbook", "nowhere"}  # in each folder a part may lie in
    assert [site.has_section(url) for url in urls * 2] == [True, True, False, True, True] * 2
    assert asked == first


def test_the_sites_of_a_run_resolve_each_page_once(tmp_path, monkeypatch):
    """A run's sites share its resolved paths: indexing a page looks up whether it is a link
    once, not once for its site and again for its URL."""
    import os

    from jdlint.handbook.context import Sites

    (tmp_path / ".git").mkdir()
    page = tmp_path / "job-families" / "sales" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Sales\n", encoding="utf-8")
    asked: list[str] = []
    islink = os.path.islink
    monkeypatch.setattr(os.path, "islink", lambda path: asked.append(str(path)) or islink(path))
    sites = Sites(Settings())
    site = sites(str(page))
    assert site.url_of(str(page)) == "/job-families/sales/"
    assert asked.count(str(page)) == 1


def test_root_from_git_config_and_layout(tmp_path):
    settings = Settings()
    page = tmp_path / "repo/content/job-families/x.md"
    page.parent.mkdir(parents=True)
    page.write_text("# X\n")
    assert find_root(page, settings).path == (tmp_path / "repo").resolve()  # layout: content/
    assert find_root(page, settings).marked is False
    (tmp_path / "repo/.git").mkdir()
    assert handbook_root(page, settings).marked is True
    (tmp_path / "repo/content/.jdlint.yaml").write_text("{}\n")
    assert handbook_root(page, settings).path == (tmp_path / "repo/content").resolve()
    configured = Settings(root=tmp_path)
    assert find_root(page, configured).path == tmp_path.resolve()


def test_a_content_family_folder_is_not_a_site_layout(tmp_path):
    """`job-families/content/` holds a family (Content Marketing): its pages have the root
    of their siblings, whichever page a run checks; a site's own `content/` still counts."""
    inside = tmp_path / "copy/job-families/content/writer/index.md"
    sibling = tmp_path / "copy/job-families/sales/seller/index.md"
    hugo = tmp_path / "site/content/job-families/content/editor.md"
    for page in (inside, sibling, hugo):
        page.parent.mkdir(parents=True)
        page.write_text("# X\n")
    copy = (tmp_path / "copy").resolve()
    assert handbook_root(inside, Settings()) == handbook_root(sibling, Settings())
    assert handbook_root(inside, Settings()) == Root(copy, marked=False)
    assert handbook_root(hugo, Settings()) == Root((tmp_path / "site").resolve(), marked=False)


def test_stray_file_has_no_handbook(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n")
    assert handbook_root(tmp_path / "notes.md", Settings()) is None


def test_slug_styles():
    assert kramdown_slug("Manager, Red Team") == "manager-red-team"
    assert kramdown_slug("Sales & Marketing") == "sales--marketing"
    assert kramdown_slug("Role {: .no_toc}") == "role"
    assert kramdown_slug("[Widgets](/w/) Team") == "widgetsw-team"  # kramdown slugs the source
    assert gitlab_slug("Sales & Marketing") == "sales-marketing"
    assert (
        goldmark_slug(" Widget Engineer (WE) (Intermediate) ") == "widget-engineer-we-intermediate"
    )
    assert goldmark_slug("Café_Team") == "café_team"


def test_duplicate_slugs_are_numbered():
    headings = [("Requirements", "Requirements", None)] * 3 + [("Lead", "Lead", "custom")]
    assert unique_slugs("kramdown", headings) == [
        "requirements",
        "requirements-1",
        "requirements-2",
        "custom",
    ]
    assert unique_slugs("goldmark", headings[:2]) == ["requirements", "requirements-1"]


def test_index_without_sites_keeps_digests_and_anchors():
    page = build_document(
        "b.md",
        "## Widget  Engineer\n\nThe Widget Engineer is a grade 6.\n\n### Responsibilities\n\n- x\n\n"
        "### Requirements\n\n- y\n\nWidgets \u2019matter\u2019.\n",
    )
    other = build_document("a.md", "# Other\n")
    digest = digest_of(page, Settings())
    index = HandbookIndex.build([digest, digest_of(other, Settings())])
    assert [d.path for d in index.digests] == ["a.md", "b.md"]
    assert index.page(digest).url is None
    assert "widget--engineer" in index.page(digest).anchors  # kramdown keeps both spaces
    assert [c.values for c in digest.claims] == [(6.0,)]
    assert "Widgets \u2019matter\u2019." in digest.paragraph_texts
    assert not digest.paragraphs  # shorter than JD502 compares


def test_index_keys_pages_by_site(tmp_path):
    first, second = Site(tmp_path / "one"), Site(tmp_path / "two")
    docs = [
        build_document(str(tmp_path / "one/content/jobs/x.md"), "# X\n"),
        build_document(str(tmp_path / "two/content/jobs/x.md"), "# X\n"),
    ]
    digests = [digest_of(d, Settings()) for d in docs]
    index = HandbookIndex.build(digests, site_for=lambda p: first if "/one/" in p else second)
    assert index.page_at(first, "/jobs/x/").digest is digests[0]
    assert index.page_at(second, "/jobs/x/").digest is digests[1]
    assert index.has_section(first, "/jobs/y/") and not index.has_section(first, "/handbook/")
    assert Path(index.page_at(second, "/jobs/x/").digest.path).parts[-4] == "two"


def test_an_index_looks_up_sites_when_a_check_first_asks_and_once(tmp_path):
    """Building an index asks no page's site: a group of checks that never looks a page up
    (JD502, run again after a paragraph was edited) costs no site lookup, and the indexes of
    the same pages (`every_page_checked`, a splice's) share the first lookup."""
    site = Site(tmp_path)
    asked: list[str] = []

    def site_for(path: str) -> Site:
        asked.append(path)
        return site

    docs = [build_document(str(tmp_path / f"jobs/{n}.md"), f"# {n}\n") for n in "xy"]
    index = HandbookIndex.build([digest_of(d, Settings()) for d in docs], site_for=site_for)
    assert [d.path for d in index.checked_digests()] == [d.path for d in docs]
    assert asked == []
    everything = index.every_page_checked()
    assert everything.page_at(site, "/jobs/x/") is index.page(index.digests[0])
    assert index.page_at(site, "/jobs/y/") is not None
    assert sorted(asked) == [d.path for d in docs]  # each page once, for both indexes


@pytest.mark.parametrize("config", ["hugo.toml", "hugo.yaml", "config.toml", "_config.yml"])
def test_a_site_generator_config_marks_the_root(tmp_path, config):
    page = tmp_path / "site/jobs/widget-analyst.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Widget Analyst\n")
    assert handbook_root(page, Settings()) is None  # no .git, no content/ folder: no handbook
    (tmp_path / "site" / config).write_text("title = 'Widgets'\n")
    assert handbook_root(page, Settings()) == Root((tmp_path / "site").resolve(), marked=True)


def test_links_between_pages_of_a_site_without_git_are_checked(tmp_path):
    (tmp_path / "_config.yml").write_text("title: Widgets\n")
    (tmp_path / "jobs").mkdir()
    body = "\n## Responsibilities\n\n- Build widgets.\n\n## Requirements\n\n- Widgets.\n"
    (tmp_path / "jobs/widget-lead.md").write_text("# Widget Lead\n" + body)
    (tmp_path / "jobs/widget-analyst.md").write_text(
        "# Widget Analyst\n\nSee the [lead](/jobs/widget-lead/) and [old lead](/jobs/widget-lea/).\n"
        + body
    )
    found = api.check_paths([str(tmp_path)]).findings
    assert [(f.code, f.span.line, f.span.col) for f in found if f.code == "JD401"] == [
        ("JD401", 3, 40)
    ]
