"""The end of `jdlint check`: the report (or the baseline) written, then the exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from jdlint.reporters import counted

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.config.settings import Settings
    from jdlint.engine.fast_start import Launch
    from jdlint.findings import Finding, Severity
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines
    from jdlint.rules import RuleMeta

    Filters = tuple[Baseline | None, ChangedLines | None]


from jdlint.cli.output import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    append_output,
    use_color,
    write_output,
)


@dataclass(frozen=True)
class Output:
    """The flags that shape the report, not the findings."""

    fmt: str
    output: str | None
    quiet: bool
    statistics: bool
    write_baseline_path: str | None
    exit_zero: bool = False
    force_exclude: bool = False


def fast_check(
    known: Launch,
    file_paths: list[str],
    anchor: Path,
    baseline_path: str | None,
    diff_base: str | None,
    out: Output,
) -> tuple[Filters, list[str]]:
    """Report from the cache and exit if every page and the handbook are cached; else return
    the baseline and diff filters (read before any page, as the normal path reads them) and
    the pages found (the session's settings are the launch's: no second walk)."""
    from jdlint.engine.cache import open_cache
    from jdlint.engine.fast_start import Miss, cached_run
    from jdlint.gate.filter import load_filters

    files = discover_pages(file_paths, known.settings, out.force_exclude)
    if not files:
        return load_filters(baseline_path, diff_base, anchor), files  # the normal path warns
    filters = load_filters(baseline_path, diff_base, anchor)
    try:
        findings, notes = cached_run(known, files, open_cache(anchor, known.salt), file_paths)
    except Miss:
        return filters, files
    root = report_root(anchor, known.settings)
    finish(findings, files, notes, known.rules, known.settings.fail_on, filters, 0, out, root)
    return filters, files  # not reached: finish exits


def finish(
    findings: list[Finding],
    files: list[str],
    notes: list[str],
    rules: dict[str, RuleMeta],
    fail_on: Severity,
    filters: Filters,
    fixed: int,
    out: Output,
    root: Path,
) -> NoReturn:
    """Write the report (or the baseline) and exit with the run's code."""
    from jdlint.gate.filter import gate
    from jdlint.reporters import Report, renderer

    if out.write_baseline_path:
        from jdlint.gate.baseline import write_baseline

        write_baseline(Path(out.write_baseline_path), findings, root)
        wrote = counted(len(findings), "finding")
        click.echo(f"jdlint: wrote {wrote} to {out.write_baseline_path}", err=True)
        sys.exit(EXIT_CLEAN)
    gated = gate(findings, root, *filters)
    report = Report(
        findings=gated.findings,
        files=files,
        rules=rules,
        color=out.fmt == "text" and out.output is None and use_color(),
        quiet=out.quiet,
        statistics=out.statistics,
        fixed=fixed,
        notes=tuple(notes),
        root=root,
        fingerprints=gated.fingerprints,
        hidden=gated.known + gated.unchanged,
    )
    text = renderer(out.fmt)(report)
    write_output(text, out.output)
    if out.fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from jdlint.reporters.github_format import step_summary

        append_output(os.environ["GITHUB_STEP_SUMMARY"], step_summary(report))
    failing = [f for f in gated.findings if f.severity >= fail_on]
    sys.exit(EXIT_FINDINGS if failing and not out.exit_zero else EXIT_CLEAN)


def report_root(anchor: Path, settings: Settings) -> Path:
    """Where report paths and fingerprints start: the checked pages' repository (else their
    handbook root), never the working directory, so every way of running agrees."""
    from jdlint.handbook.page_names import PageNames

    return PageNames(settings).root(anchor) or Path.cwd()


def discover_pages(paths: list[str], settings: Settings, force_exclude: bool) -> list[str]:
    from jdlint.fs.discover import discover

    force = force_exclude or settings.force_exclude
    return discover(paths, settings.exclude, config_base(settings), settings.include, force)


def config_base(settings: Settings) -> Path:
    """Where `exclude` patterns are relative to: the config file's folder, else here."""
    return settings.path.parent if settings.path else Path.cwd()
