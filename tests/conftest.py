"""Shared helpers: run the real CLI in-process and find the bundled fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jdlint.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
HANDBOOK = FIXTURES / "handbook"


@pytest.fixture
def run_cli():
    def run(*args: str, input: bytes | str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


#: Modules whose tests start real tools or subprocesses, or run property and hostile-input
#: campaigns: `pytest -m "not slow"` leaves them out for a quick run (CI runs everything).
SLOW_MODULES = frozenset(
    {
        "test_pre_commit",
        "test_properties",
        "test_cache",
        "test_fast_start",
        "test_lsp",
        "test_hostile",
        "test_hostile_cache",
        "test_hostile_fs",
        "test_hostile_yaml",
        "test_lsp_bounds",
        "test_yaml_properties",
        "test_report_browser",
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
