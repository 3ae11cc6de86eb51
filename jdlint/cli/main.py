"""Command line: flags -> Settings -> engine -> reporter. No checking logic lives here."""

from __future__ import annotations

import os
from typing import Any

import click

from jdlint import __version__
from jdlint.cli.check_command import check
from jdlint.cli.output import fail
from jdlint.cli.page_commands import clean, export, init, lsp, report, tree
from jdlint.cli.rule_commands import docs, explain, rules
from jdlint.errors import ConfigError


class _Group(click.Group):
    """Turns configuration errors anywhere in a command into exit code 2 and one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            os.getcwd()  # relative paths, config discovery and the cache all start here
        except OSError as error:
            fail(f"the working directory cannot be used: {error.strerror or error}")
        try:
            return super().invoke(ctx)
        except ConfigError as error:
            fail(str(error))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdlint")
def main() -> None:
    """jdlint: lint job-family pages (Markdown) for structure, grades, titles, links and wording."""


for _command in (check, rules, explain, docs, clean, tree, init, lsp, export, report):
    main.add_command(_command)
