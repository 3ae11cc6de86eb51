"""JD003 judged after both phases, the same from every entry point: a suppression that hid a
handbook finding (JD204 across pages) is used; one that hid nothing is reported, on a cold
and a warm cache, for `.`, one file and stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BACKEND = "## Senior Widget Engineer\n\nThe Senior Widget Engineer is a [grade 7](/g).\n"
PLATFORM = (
    "## Senior Widget Engineer\n\n<!-- jdlint-disable-next-line JD204 -->\n"
    "The Senior Widget Engineer is a [grade 8](/g).\n\n"
    "<!-- jdlint-disable-next-line JD502 -->\nPlain.\n"
)


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    for name, text in (("a/backend.md", BACKEND), ("b/platform.md", PLATFORM)):
        page = tmp_path / "job-families" / name
        page.parent.mkdir(parents=True)
        page.write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_jd003_is_the_same_from_every_entry_point(handbook, run_cli):
    flags = ("check", "--format", "json", "--extend-select", "JD003,JD204")
    page = "job-families/b/platform.md"
    runs = [
        run_cli(*flags, "."),
        run_cli(*flags, "."),  # warm: findings from the cache
        run_cli(*flags, page),
        run_cli(*flags, "--stdin-filename", page, "-", input=PLATFORM),
    ]
    for result in runs:
        found = [(f["path"], f["line"]) for f in json.loads(result.output) if f["code"] == "JD003"]
        assert found == [(page, 6)], result.output
