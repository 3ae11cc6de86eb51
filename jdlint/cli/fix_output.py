"""`--diff`, `--fix` of standard input and `--add-noqa`: what `check` writes instead of a report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from jdlint.reporters import counted

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.findings import Finding
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines

    Filters = tuple[Baseline | None, ChangedLines | None]


from jdlint.cli.output import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    fail,
)


def write_suppressions(findings: list[Finding], max_size: int) -> int:
    """`--add-noqa`: suppress every current finding in its page, then exit 0."""
    from jdlint.fix.add_suppressions import add_suppressions

    added = add_suppressions(findings, max_size)
    for warning in added.warnings:
        click.echo(f"jdlint: warning: {warning}", err=True)
    left = f"; {added.skipped} left (front matter, or the page would change)"
    comments = counted(added.comments, "suppression comment")
    files = counted(added.files, "file")
    click.echo(f"jdlint: added {comments} to {files}{left if added.skipped else ''}", err=True)
    return EXIT_CLEAN


def fix_without_writing(
    engine: Any, files: list[str], stdin: tuple[str, bytes] | None, unsafe: bool, as_diff: bool
) -> int:
    """`--diff`: print what --fix would change (exit 1 if anything, or if a page ran out of
    time). `--fix` on stdin: print the fixed bytes (same encoding, BOM and line endings)."""
    from jdlint.fix.files import fix_bytes, fix_files
    from jdlint.fs.decode import UnreadableFile

    fix_run = fix_files(files, engine, unsafe, write=False)
    fixes, warnings = fix_run.fixes, list(fix_run.warnings)
    if stdin is not None:
        name, data = stdin
        try:
            stdin_fix = fix_bytes(name, data, engine, unsafe)
        except UnreadableFile as error:
            if not error.reason.startswith("skipped:"):
                fail(f"{name}: {error.reason}")
                return EXIT_USAGE
            stdin_fix = None
            warnings.append(f"{name}: {error.reason}; left unchanged")
        if stdin_fix is not None and stdin_fix.problem is not None:
            warnings.append(f"{name}: {stdin_fix.problem}; left unchanged")
        if not as_diff:
            for warning in warnings:
                click.echo(f"jdlint: warning: {warning}", err=True)
            out = stdin_fix.fixed if stdin_fix is not None else data
            click.echo(out, nl=False)  # bytes go out as they are
            return EXIT_CLEAN
        if stdin_fix is not None:
            fixes.append(stdin_fix)
    for warning in warnings:
        click.echo(f"jdlint: warning: {warning}", err=True)
    changed = [f for f in fixes if f.changed]
    for file_fix in changed:
        click.echo(file_fix.diff(), nl=False)
    if as_diff:
        count = sum(len(f.result.fixed) for f in changed)
        click.echo(
            f"Would fix {counted(count, 'finding')} in {counted(len(changed), 'file')}.", err=True
        )
    return EXIT_FINDINGS if changed or fix_run.skipped else EXIT_CLEAN
