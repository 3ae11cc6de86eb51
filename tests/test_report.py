"""`jdlint report`: one static HTML page with counts, titles x grades, conflicts and ladders."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import HANDBOOK

from jdlint.api import check_with_pages as run_checks
from jdlint.domain.seniority import ladder_key, normalise_title, seniority
from jdlint.export.html_report import render_report, title_groups
from jdlint.export.records import build_export

ROLE = (
    "## {title}\n\n### Job Grade\n\nThe {title} is a [grade {grade}](/grades/).\n\n"
    "### Responsibilities\n\n- Build widgets\n\n### Requirements\n\n- Skill\n\n"
)


class _Tags(HTMLParser):
    """Collects tags with their attributes, to look for anything fetched at view time."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _handbook(folder: Path) -> Path:
    """Two families that grade "Senior Widget Engineer" differently; one role with a finding."""
    (folder / "widgets").mkdir(parents=True)
    (folder / "widgets/index.md").write_text(
        "---\ntitle: Widgets\n---\n\n"
        + ROLE.format(title="Staff Widget Engineer", grade=8)
        + ROLE.format(title="Widget Engineer", grade=6)
        + ROLE.format(title="Senior Widget Engineer", grade=7)
    )
    (folder / "gadgets").mkdir()
    (folder / "gadgets/index.md").write_text(
        "---\ntitle: Gadgets <script>alert(1)</script>\n---\n\n"
        + ROLE.format(title="Sr. Widget Engineer", grade=8)
        + "## Gadget Engineer\n\n### Responsibilities\n\n- Build gadgets\n"
    )
    return folder


def test_report_command_writes_one_file(run_cli, tmp_path):
    out = tmp_path / "report.html"
    result = run_cli("report", str(HANDBOOK), "-o", str(out))
    assert result.exit_code == 0, result.output
    export = build_export(run_checks((str(HANDBOOK),)))
    families = {r.family.path for r in export.roles}
    expected = (
        f"{len(export.roles)} roles in {len(families)} families, {len(export.findings)} findings"
    )
    assert expected in result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == len(families) > 1  # one ladder per family with roles
    assert len(re.findall(r'<g class="role">', html)) == len(export.roles)


def test_report_is_self_contained(tmp_path):
    html = render_report(build_export(run_checks((str(_handbook(tmp_path)),))))
    parser = _Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert "script" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in parser.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"(https?:)?//", value), (tag, attrs)
    assert "@import" not in html and "url(" not in html


def test_page_text_is_escaped(tmp_path):
    html = render_report(build_export(run_checks((str(_handbook(tmp_path)),))))
    assert "<script>alert(1)</script>" not in html
    assert "Gadgets &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_conflicting_grades_are_highlighted(tmp_path):
    export = build_export(run_checks((str(_handbook(tmp_path)),)))
    groups = {g.key: g for g in title_groups(export)}
    senior = groups["senior widget engineer"]
    assert senior.conflict
    assert set(senior.grades) == {"7", "8"}
    assert not groups["staff widget engineer"].conflict
    html = render_report(export)
    assert '<tr class="conflict"><td>' in html
    assert html.count('class="badge">conflict') == 1
    assert html.count('<rect class="conflict"') == 2  # both bars of the title, on two ladders


def test_ladder_orders_roles_by_grade_then_seniority(tmp_path):
    html = render_report(build_export(run_checks((str(_handbook(tmp_path)),))))
    widgets = html[html.index("Widgets <span") :]
    widgets = widgets[: widgets.index("</svg>")]
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', widgets)
    assert labels == ["Widget Engineer", "Senior Widget Engineer", "Staff Widget Engineer"]
    gadgets = html[html.index("Gadgets &lt;") :]
    assert "no grade" in gadgets[: gadgets.index("</svg>")]


def test_findings_are_marked_on_the_ladder(tmp_path):
    config = tmp_path / ".jdlint.yaml"
    config.write_text("select: [JD101]\n")  # the grade and title rules see more on these pages
    html = render_report(build_export(run_checks((str(_handbook(tmp_path)),), str(config))))
    markers = re.findall(r'<circle class="marker (\w+)"', html)
    assert markers == ["error"]  # Gadget Engineer has no Requirements section (JD101)
    tooltip = re.search(r'<g class="finding">\s*<title>([^<]*)</title>', html)
    assert tooltip is not None
    assert tooltip.group(1).startswith("JD101 line ") and "Gadget Engineer" in tooltip.group(1)


def test_a_ladder_of_wide_grades_keeps_few_ticks(tmp_path):
    """Grades from 1 to 900 (a page of another scale, or a typo) draw a ladder with a readable
    axis: at most about two dozen ticks, not one per grade."""
    (tmp_path / "wide.md").write_text(
        "| Title | Grade |\n| --- | --- |\n| Widget Engineer | 1 |\n| Widget Lead | 900 |\n\n"
        + ROLE.format(title="Widget Engineer", grade=1).replace("[grade 1](/grades/)", "grade 1")
        + "## Widget Lead\n\n### Responsibilities\n\n- Lead\n\n### Requirements\n\n- Skill\n"
    )
    html = render_report(build_export(run_checks((str(tmp_path),))))
    ticks = re.findall(r'<text[^>]*class="tick"', html)
    assert 2 <= len(ticks) <= 26


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Sr. Widget Engineer", "Senior Widget Engineer"),
        ("Widget Engineer (Intermediate)", "Intermediate Widget Engineer"),
        ("Widget Engineer (Associate)", "Associate Widget Engineer"),
        ("VP, Widgets", "Vice President, Widgets"),
    ],
)
def test_normalise_title_equal(left, right):
    assert normalise_title(left) == normalise_title(right)


def test_normalise_title_keeps_manager_and_individual_contributor_apart():
    assert normalise_title("Manager, Widget Relations") != normalise_title(
        "Widget Relations Manager"
    )


def test_seniority_orders_titles_without_grades():
    titles = [
        "Director, Widgets",
        "Senior Widget Engineer",
        "Manager, Widgets",
        "Associate Widget Engineer",
    ]
    ordered = sorted(titles, key=lambda t: ladder_key(t, ()))
    assert ordered == [
        "Associate Widget Engineer",
        "Senior Widget Engineer",
        "Manager, Widgets",
        "Director, Widgets",
    ]
    assert seniority("Senior Manager, Widgets") > seniority("Manager, Widgets")
    assert ladder_key("Staff Widget Engineer", (8.0,)) < ladder_key("Widget Engineer", ())


def test_grades_in_two_notations_are_no_conflict() -> None:
    """One title as "Band 6" on one page and "GS-13" on another: jdlint cannot tell, so the
    report shows no conflict; "Band 6" and "Band 7" are one."""
    from jdlint.domain.family_membership import Family
    from jdlint.export.html_report import title_groups
    from jdlint.export.records import Export, Grade, RoleRecord

    def record(page: str, grade: Grade) -> RoleRecord:
        return RoleRecord(
            Family(page, "Widgets"),
            page,
            1,
            "Widget Officer",
            "widget officer",
            grade,
            (),
            (),
            None,
            None,
            None,
            (),
        )

    apart = Export(
        (
            record("a.md", Grade("6", (6.0,), "text", "bands")),
            record("b.md", Grade("13", (13.0,), "text", "gs")),
        ),
        (),
    )
    within = Export(
        (
            record("a.md", Grade("6", (6.0,), "text", "bands")),
            record("b.md", Grade("7", (7.0,), "text", "bands")),
        ),
        (),
    )
    assert [g.conflict for g in title_groups(apart)] == [False]
    assert [g.conflict for g in title_groups(within)] == [True]
