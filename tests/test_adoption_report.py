"""Issue 19, item 6: the HTML report for a real handbook: errors card, family index with a
(script-free) filter, a grade x family table, ladders readable without the picture, bars that
do not start at 0, the colour scale in the legend, WCAG AA contrast, a narrow layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_report_browser import browser_page  # noqa: F401  (the shared Chromium fixture)

from jdlint.api import check_with_pages
from jdlint.export.html_report import grade_rows, ladders, render_report
from jdlint.export.records import build_export


def _role(title: str, grade: int) -> str:
    return (
        f"## {title}\n\nThe {title} is a [grade {grade}](/g).\n\n"
        "### Responsibilities\n\n- Build\n\n### Requirements\n\n- Care\n\n"
    )


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    (root / ".git").mkdir(parents=True)
    pages = {
        "job-families/engineering/widgets/index.md": _role("Widget Engineer", 9)
        + _role("Staff Widget Engineer", 12),
        "job-families/sales/gadgets/index.md": _role("Gadget Seller", 8)
        + _role("Senior Gadget Seller", 9)
        + "## Gadget Lead\n\n### Responsibilities\n\n- Lead\n",  # JD101 error, no grade
    }
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True)
        path.write_text(text)
    return root


def _export(root: Path):
    return build_export(check_with_pages([str(root)]))


def test_bars_start_below_the_lowest_grade_not_at_0(handbook):
    (engineering, _sales) = ladders(_export(handbook), frozenset())
    widths = {bar.title: bar.width for bar in engineering.chart.bars}
    # Lowest grade 8: the scale starts at 7, so 12 is (12-7)/(9-7) = 2.5 times grade 9's bar.
    assert widths["Staff Widget Engineer"] / widths["Widget Engineer"] == pytest.approx(2.5)
    assert engineering.chart.ticks[0].label == "7"


def test_who_else_has_a_grade_across_families(handbook):
    rows = {row.grade: row for row in grade_rows(_export(handbook))}
    assert {r.title for r in rows["9"].roles} == {"Widget Engineer", "Senior Gadget Seller"}
    assert rows["9"].families == 2


def test_report_has_index_filter_table_alternatives_and_no_script(handbook):
    html = render_report(_export(handbook))
    assert "<script" not in html
    assert re.search(r"<b>1</b><span>errors</span>", html)  # the errors card
    for anchor in re.findall(r'<a href="#(family-\d+)">', html):
        assert f'id="{anchor}"' in html  # every index link has its ladder
    assert 'id="filter-all"' in html and "body:has(#filter-1:checked)" in html
    assert 'aria-hidden="true"' in html and 'role="img"' not in html
    table = html[html.index("Widget Engineering") :] if "Widget Engineering" in html else html
    assert '<th scope="row">Staff Widget Engineer</th><td>12' in table
    assert "linear-gradient(to right, hsl(" in html  # the colour scale is in the legend
    assert 'id="grade-9"' in html


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_report_in_a_narrow_browser_is_readable_and_accessible(
    handbook,
    tmp_path,
    run_cli,
    browser_page,  # noqa: F811
):
    report = tmp_path / "report.html"
    assert run_cli("report", str(handbook), "-o", str(report)).exit_code == 0
    browser_page.set_viewport_size({"width": 420, "height": 900})
    browser_page.goto(report.as_uri(), wait_until="load")
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 420, f"the page scrolls sideways at 420 px ({width} px wide)"
    shots = Path(__import__("os").environ.get("JDLINT_SCREENSHOT_DIR", tmp_path))
    browser_page.screenshot(path=str(shots / "report-420px.png"), full_page=True)
    # Contrast of every severity pill and badge (text on its own background): WCAG AA, 4.5:1.
    pairs = browser_page.evaluate(
        """() => [...document.querySelectorAll('.sev, .badge')].map(e => {
            const s = getComputedStyle(e); return [s.color, s.backgroundColor]; })"""
    )
    assert pairs
    for color, background in pairs:
        fg, bg = (tuple(int(n) for n in re.findall(r"\d+", c)[:3]) for c in (color, background))
        assert _contrast(fg, bg) >= 4.5, (color, background)
    # Every filter control has a label; the ladder tables are reachable by keyboard.
    unlabeled = browser_page.evaluate(
        "[...document.querySelectorAll('input')].filter(i => !i.closest('label')).length"
    )
    assert unlabeled == 0
    browser_page.click("label:has-text('sales')")
    assert browser_page.is_checked("#filter-2")
    shown = browser_page.evaluate(
        "[...document.querySelectorAll('.ladder')].filter(e => e.offsetParent !== null).length"
    )
    assert shown == 1  # the CSS-only filter hides the other department's ladder
    table = browser_page.locator(".ladder:visible details.sr-table")
    table.locator("summary").focus()
    browser_page.keyboard.press("Enter")  # a keyboard opens the table the picture stands for
    assert table.get_attribute("open") is not None
    assert table.locator("th[scope=row]").all_inner_texts() == [
        "Gadget Seller",
        "Senior Gadget Seller",
        "Gadget Lead",
    ]


def test_ungraded_specialty_headings_are_not_drawn_as_roles(handbook):
    page = handbook / "job-families" / "engineering" / "widgets" / "index.md"
    page.write_text(page.read_text() + "## Levels\n\n### Distribution:Build\n\n- Ship builds\n")
    engineering = ladders(_export(handbook), frozenset())[0]
    drawn = [bar.title for bar in engineering.chart.bars]
    assert "Distribution:Build" not in drawn and "Widget Engineer" in drawn
    assert engineering.specialties == ("Distribution:Build",)
