"""What every command shares: exit codes, code lists from flags, one-line errors, writing the output."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines

    Filters = tuple[Baseline | None, ChangedLines | None]


EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
CODES_HELP = "Comma-separated rule codes, prefixes (JD5) or names."


def codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def fail(message: str) -> None:
    click.echo(f"jdlint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def write_output(text: str, output: str | None, what: str = "report") -> None:
    """`text` to stdout, or atomically to `output` (a refusal is one error line naming `what`)."""
    from jdlint.reporters.escaping import encodable

    text = encodable(text)  # a file name that is not UTF-8 (export, report) is escaped
    if output is None:
        click.echo(text, nl=False)
        return
    from jdlint.fs.atomic_write import NotWritten, write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except NotWritten as error:
        fail(f"{output}: cannot write {what}: {error.reason}")
    except OSError as error:
        fail(f"{output}: cannot write {what}: {error.strerror or error}")


def append_output(path: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        click.echo(f"jdlint: warning: {path}: cannot append summary: {error.strerror}", err=True)


def read_stdin() -> bytes:
    with click.open_file("-", "rb") as stream:
        data: bytes = stream.read()
    return data
