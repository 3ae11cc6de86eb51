"""Rewrite the golden trees in tests/tree/cases/ from the layout fixtures.

    python tests/tree/regenerate.py        (from the repository root)

Run it after a deliberate change to the tree, then read the diff before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"

#: golden name -> page whose `jdlint tree` it pins (one correct page per layout)
PAGES = {
    "template": "fixtures/layouts/template/correct/kiln-operations.md",
    "job-ad": "fixtures/layouts/job-ad/correct/build-infrastructure-engineer.md",
    "bold-labels": "fixtures/layouts/bold-labels/correct/data-analyst.md",
    "federal-gs-12": "fixtures/layouts/federal/correct/_positions/management-analyst-gs-12.md",
    "levels": "fixtures/layouts/levels/correct/software-engineer.md",
    "ladder": "fixtures/layouts/ladder/correct/support-engineering-ladder.md",
}


def tree_json(page: str) -> str:
    """What `jdlint tree PAGE` prints, run from the repository root."""
    import os

    from click.testing import CliRunner

    from jdlint.cli.main import main

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["tree", page])
    finally:
        os.chdir(here)
    if result.exit_code != 0:
        raise RuntimeError(f"jdlint tree {page}: exit {result.exit_code}: {result.output}")
    return json.dumps(json.loads(result.output), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    CASES.mkdir(exist_ok=True)
    for name, page in PAGES.items():
        (CASES / f"{name}.json").write_text(tree_json(page), encoding="utf-8")
        print(f"wrote tests/tree/cases/{name}.json from {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
