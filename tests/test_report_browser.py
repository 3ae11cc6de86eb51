"""The HTML report in a real headless browser: it loads offline, logs no errors, shows ladders.

Uses Playwright (from PyPI) driving the system's Chromium (Debian's `chromium` package), since
Playwright's own browser download is not available everywhere. Skipped, with the reason, only
when Playwright or a Chromium binary cannot be found. Set JDLINT_SCREENSHOT_DIR to keep the
screenshots.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import HANDBOOK

from jdlint.api import check_with_pages as run_checks
from jdlint.export.records import build_export

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    explicit = os.environ.get("JDLINT_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def browser_page(tmp_path):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')"
    )
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium binary found (apt-get install chromium, or set JDLINT_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=CHROMIUM_FLAGS,
            headless=True,
        )
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            user_agent="jdlint-report-test",
        )
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


def test_report_renders_in_chromium(run_cli, tmp_path, browser_page):
    report = tmp_path / "report.html"
    assert run_cli("report", str(HANDBOOK), "-o", str(report)).exit_code == 0
    problems: list[str] = []
    requests: list[str] = []
    browser_page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(report.as_uri(), wait_until="load")

    assert problems == []
    assert requests == [report.as_uri()]  # nothing fetched but the file itself
    export = build_export(run_checks((str(HANDBOOK),)))
    families = sorted({r.family.path for r in export.roles})
    assert browser_page.title().startswith(f"jdlint report: {len(export.roles)} roles")

    ladders = browser_page.locator("#ladders svg")
    assert ladders.count() == len(families) > 1
    first = ladders.first
    box = first.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 40
    first_roles = [r for r in export.roles if r.family.path == families[0]]
    assert first.locator("g.role").count() == len(first_roles)
    bars = first.locator("rect.bar")
    assert bars.count() == sum(1 for r in first_roles if r.grade and r.grade.values) > 0
    widths = [float(bars.nth(i).get_attribute("width") or 0) for i in range(bars.count())]
    assert widths == sorted(widths) and widths[0] > 0  # junior at the top, by grade

    shots = Path(os.environ.get("JDLINT_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page_png = browser_page.screenshot(path=str(shots / "report.png"), full_page=True)
    ladder_png = browser_page.locator("#ladders").screenshot(path=str(shots / "ladders.png"))
    for png in (page_png, ladder_png):
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
