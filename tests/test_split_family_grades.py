"""A Hugo family split across files: its `_index.md` grade is checked against its level page
whether the whole folder or the index alone is checked (context pages come with other path
spellings), and the disagreement is one finding, JD201, not also JD204 (issue 17, item 10)."""

from __future__ import annotations

import json
from pathlib import Path

INDEX = (
    "---\ntitle: Widget Analysis\n---\n\n| Title | Grade |\n| --- | --- |\n"
    "| [Widget Analyst](analyst/) | D3 |\n| [Senior Widget Analyst](senior/) | D5 |\n"
)
LEVEL = '+++\ntitle = "{title}"\ngrade = "{grade}"\n+++\n\n## Responsibilities\n\n- Analyse\n'


def _family(root: Path) -> Path:
    folder = root / "content/widgets"
    folder.mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "Widgets"\n', encoding="utf-8")
    (folder / "_index.md").write_text(INDEX, encoding="utf-8")
    for name, title, grade in (
        ("analyst", "Widget Analyst", "D3"),
        ("senior", "Senior Widget Analyst", "D4"),
    ):
        (folder / f"{name}.md").write_text(LEVEL.format(title=title, grade=grade), encoding="utf-8")
    return folder


def _grade_findings(run_cli, *paths: str) -> list[tuple[str, str, int]]:
    result = run_cli(
        "check", *paths, "--no-cache", "--format", "json", "--select", "JD201,JD203,JD204"
    )
    data = json.loads(result.output)
    found = data if isinstance(data, list) else data["findings"]
    return [(Path(f["path"]).name, f["code"], f["line"]) for f in found]


def test_the_folder_gives_one_jd201_on_the_index(run_cli, tmp_path: Path) -> None:
    folder = _family(tmp_path)
    assert _grade_findings(run_cli, str(folder)) == [("_index.md", "JD201", 8)]


def test_the_index_alone_is_checked_against_its_level_pages(run_cli, tmp_path: Path) -> None:
    folder = _family(tmp_path)
    assert _grade_findings(run_cli, str(folder / "_index.md")) == [("_index.md", "JD201", 8)]
    # the level page alone: the finding belongs to the index, and JD204 does not repeat it
    assert _grade_findings(run_cli, str(folder / "senior.md")) == []
