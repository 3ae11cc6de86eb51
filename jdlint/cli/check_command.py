"""`jdlint check`: flags -> session -> run (or the fast path) -> gate -> reporter -> exit code."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdlint.document.parser_choice import BACKENDS, request
from jdlint.reporters import FORMATS, counted

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines

    Filters = tuple[Baseline | None, ChangedLines | None]


from jdlint.cli.finish import (
    Output,
    discover_pages,
    fast_check,
    finish,
    report_root,
)
from jdlint.cli.fix_output import fix_without_writing, write_suppressions
from jdlint.cli.output import (
    CODES_HELP,
    EXIT_CLEAN,
    codes,
    read_stdin,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--select", help=CODES_HELP + " Replaces the default selection.")
@click.option("--ignore", help=CODES_HELP)
@click.option("--extend-select", help=CODES_HELP + " Added to the selection.")
@click.option("--config", "config_path", type=click.Path(), help="Use this config file.")
@click.option("--stdin-filename", help="Name to report for text read from '-'.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that makes the exit code 1 (default: warning).",
)
@click.option("--statistics", is_flag=True, help="Print a count of findings per code.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--show-settings", is_flag=True, help="Print the effective settings and exit.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache (.jdlint_cache).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for parsing and per-page checks (default 0: one per CPU).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a diff; change nothing."
)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that need a human's eye.")
@click.option(
    "--diff-base",
    metavar="REF",
    help="Report only findings on lines changed since `git merge-base REF HEAD`.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings this baseline file does not know.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    help="Record the current findings as known in this file and exit 0.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply exclude/include to files named on the command line too (for pre-commit).",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even with findings (usage errors still exit 2)."
)
@click.option("--show-files", is_flag=True, help="List the files that would be checked and exit.")
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Add a jdlint-disable-next-line comment above every current finding.",
)
@click.option(
    "--parser",
    type=click.Choice(BACKENDS),
    expose_value=False,
    is_eager=True,
    callback=lambda _ctx, _param, value: request(value) if value else None,
    help="Markdown parser: markdown-it-py (default) or fast (needs jdlint[fast]; same findings).",
)
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr what the run does.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: str | None,
    ignore: str | None,
    extend_select: str | None,
    config_path: str | None,
    stdin_filename: str | None,
    fail_on: str | None,
    statistics: bool,
    quiet: bool,
    show_settings: bool,
    no_cache: bool,
    jobs: int,
    fix: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    diff_base: str | None,
    baseline_path: str | None,
    write_baseline_path: str | None,
    force_exclude: bool,
    exit_zero: bool,
    show_files: bool,
    add_noqa: bool,
    verbose: bool,
) -> None:
    """Check job-family pages. PATHS are files or directories (default: the current one)."""
    from jdlint.findings import Severity
    from jdlint.gate.filter import load_filters

    use_stdin = "-" in paths
    file_paths = [p for p in paths if p != "-"] or ([] if use_stdin else ["."])
    anchor = Path(file_paths[0]) if file_paths else Path.cwd()
    config = Path(config_path) if config_path else None
    chosen = (codes(select), codes(ignore), codes(extend_select))
    level = Severity.parse(fail_on) if fail_on else None
    out = Output(fmt, output, quiet, statistics, write_baseline_path, exit_zero, force_exclude)
    say = _Say(verbose)
    starter = known = filters = None
    discovered: list[str] | None = None  # the pages the fast start found (same settings)
    if not (
        show_settings
        or no_cache
        or fix
        or show_diff
        or use_stdin
        or show_files
        or add_noqa
        or verbose
    ):
        from jdlint.engine.fast_start import open_starter

        starter = open_starter(anchor, config, (*chosen, level))
        known = starter.load() if starter else None
        if known is not None:  # the session of an earlier run with these inputs: try the cache
            filters, discovered = fast_check(
                known, file_paths, anchor, baseline_path, diff_base, out
            )
    from jdlint import api
    from jdlint.engine.session import assemble

    if known is not None:  # its config was read and found valid: no need to read it again
        session = assemble(known.settings, *chosen, plugins=known.plugins)
    else:
        session = api.open_session(anchor, config, *chosen, fail_on=level)
    if show_settings:
        click.echo(json.dumps(session.settings.to_dict(), indent=2, default=str))
        return
    files = (
        discovered
        if discovered is not None
        else discover_pages(file_paths, session.settings, force_exclude)
    )
    say(f"config: {session.settings.path or 'none (defaults)'}")
    if show_files:
        click.echo("".join(f"{name}\n" for name in files), nl=False)
        return
    if not files and not use_stdin:
        click.echo(f"jdlint: warning: no pages found under {', '.join(file_paths)}", err=True)
        sys.exit(EXIT_CLEAN)
    if not use_stdin and not any(os.path.isfile(name) for name in files):
        # Devices, FIFOs and missing files only (`check /dev/null`): nothing to cache, and
        # their folder (/dev) is no handbook to leave a cache folder in.
        no_cache, starter = True, None
    say(
        f"{counted(len(files), 'file')} to check; report paths from "
        f"{report_root(anchor, session.settings)}"
    )
    stdin = None
    if use_stdin:
        stdin = (stdin_filename or "<stdin>", read_stdin())
    baseline, changed = filters or load_filters(baseline_path, diff_base, anchor)
    engine = api.engine_for(session)
    if show_diff or (fix and stdin is not None):
        sys.exit(fix_without_writing(engine, files, stdin, unsafe_fixes, show_diff))
    fixed = 0
    skipped = checked_before = None
    if fix:
        fix_run = api.fix_paths(files, session, unsafe_fixes, write=True, engine=engine)
        for warning in fix_run.warnings:
            click.echo(f"jdlint: warning: {warning}", err=True)
        fixed = sum(len(f.result.fixed) for f in fix_run.fixes if f.changed)
        skipped, checked_before = fix_run.skipped, fix_run.checked
    from jdlint.engine.cache import open_cache
    from jdlint.engine.pool import usable_cpus

    cache = None if no_cache else open_cache(anchor, session.fingerprint())
    inputs = session.inputs()
    if starter is not None and known is None and inputs is not None:  # for the next run
        salt, metas, handbook = session.fingerprint(), session.registry.metas, engine.handbook_rules
        starter.save(
            salt, session.settings, metas, bool(handbook), inputs, session.registry.plugins
        )
    started = time.perf_counter()
    from jdlint.engine.progress import NoProgress, terminal_progress

    shown = NoProgress() if quiet else terminal_progress(sys.stderr, os.environ)
    workers = jobs or usable_cpus()
    off = [c.off for c in (starter.cache if starter else None, cache) if c is not None and c.off]
    result = api.check_paths(
        file_paths,
        session,
        stdin,
        cache=None if off else cache,
        jobs=workers,
        files=files,
        progress=shown,
        skipped=skipped,
        checked_before=checked_before,
        engine=engine,
    )
    off += [cache.off] if cache is not None and cache.off and not off else []
    if off:  # the first reason only: one warning, however many entries were refused
        click.echo(f"jdlint: warning: cache off: {off[0]}", err=True)
    found = counted(len(result.findings), "finding")
    say(f"checked in {time.perf_counter() - started:.2f} s: {found}")
    if add_noqa:
        sys.exit(write_suppressions(result.findings, session.settings.max_file_size))
    finish(
        result.findings,
        result.files,
        result.notes,
        session.registry.metas,
        session.settings.fail_on,
        (baseline, changed),
        fixed,
        out,
        report_root(anchor, session.settings),
    )


@dataclass(frozen=True)
class _Say:
    """`-v`: what the run does, on stderr (never mixed into a report on stdout)."""

    verbose: bool

    def __call__(self, text: str) -> None:
        if self.verbose:
            click.echo(f"jdlint: {text}", err=True)
