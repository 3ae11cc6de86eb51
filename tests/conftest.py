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
