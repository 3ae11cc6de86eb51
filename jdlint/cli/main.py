"""Command line: flags -> Settings -> engine -> reporter. No checking logic lives here."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import Any

import click

from jdlint import __version__
from jdlint.cli.check_command import check
from jdlint.cli.output import fail
from jdlint.cli.page_commands import clean, export, init, lsp, report, tree
from jdlint.cli.rule_commands import docs, explain, rules
from jdlint.errors import CheckError, ConfigError


class _Group(click.Group):
    """Turns configuration errors and failed checks anywhere in a command into exit code 2 and
    one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            os.getcwd()  # relative paths, config discovery and the cache all start here
        except OSError as error:
            fail(f"the working directory cannot be used: {error.strerror or error}")
        try:
            return super().invoke(ctx)
        except (ConfigError, CheckError) as error:
            fail(str(error))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdlint")
def main() -> None:
    """jdlint: lint job-family pages (Markdown) for structure, grades, titles, links and wording."""


for _command in (check, rules, explain, docs, clean, tree, init, lsp, export, report):
    main.add_command(_command)


def run() -> None:
    """The `jdlint` command: `main`, then the process ends without tearing the interpreter
    down. Freeing every object a run made (a 10,000-page handbook's state, every module) took
    35 ms of a 0.55 s pre-commit check; as mypy does, a finished run flushes its output, runs
    the exit handlers (a plugin's too) and ends at once. Another thread still running, a
    profiler or tracer (`python -m cProfile -m jdlint` writes its figures once `run`
    returns) or an interpreter without the handlers' hook gets the ordinary exit."""
    try:
        main()
        code: str | int | None = 0  # not reached: click's standalone mode always exits
    except SystemExit as stop:
        code = stop.code
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    watched = sys.getprofile() is not None or sys.gettrace() is not None
    if run_handlers is None or watched or threading.active_count() > 1:
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what `sys.exit("message")` does
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    run_handlers()
    os._exit(code or 0)
