"""`jdlint rules`, `explain` and `docs`: rule documentation generated from rule metadata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdlint.reporters import counted

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines

    Filters = tuple[Baseline | None, ChangedLines | None]


from jdlint.cli.output import (
    fail,
)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity, status and summary."""
    from jdlint.engine.session import default_registry
    from jdlint.rule_docs import rules_json, rules_markdown, rules_table

    registry = default_registry()
    render = {"json": rules_json, "markdown": rules_markdown}.get(fmt, rules_table)
    click.echo(render(registry), nl=fmt != "markdown")


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule (by code or name): what it checks, why, and how to fix it."""
    from jdlint.engine.session import default_registry
    from jdlint.rule_docs import explain_rule

    registry = default_registry()
    text = explain_rule(registry, code)
    if text is None:
        fail(f"unknown rule {code!r}; run 'jdlint rules' for the list")
    click.echo(text)


@click.command()
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(file_okay=False),
    default="site",
    show_default=True,
)
def docs(directory: str) -> None:
    """Write the rule documentation as a static site (the pages SARIF and editors link to
    once JDLINT_DOCS_URL says where it is served)."""
    from jdlint.engine.session import default_registry
    from jdlint.export.docs_site import DOCS_URL_VARIABLE, docs_url, write_site
    from jdlint.fs.atomic_write import NotWritten

    if os.path.lexists(directory) and not os.path.isdir(directory):
        fail(f"{directory}: cannot write the site: it is not a folder")
    try:
        written = write_site(default_registry(), Path(directory))
    except NotWritten as error:
        fail(f"{directory}: cannot write the site: {error.reason}")
    except OSError as error:  # a device, FIFO, dangling link or file where a folder goes
        fail(f"{directory}: cannot write the site: {error.strerror or error}")
    click.echo(f"Wrote {counted(len(written), 'page')} to {directory}", err=True)
    if docs_url() is None:  # the adopter's next step: reports link nowhere until then
        click.echo(
            f"Serve {directory} and set {DOCS_URL_VARIABLE} to its URL: reports and the "
            "editor then link each finding to its rule's page.",
            err=True,
        )
