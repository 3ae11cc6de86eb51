"""Command line: flags -> Settings -> engine -> reporter. No checking logic lives here."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from jdlint import __version__
from jdlint.errors import ConfigError
from jdlint.reporters import FORMATS, counted

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.config.settings import Settings
    from jdlint.engine.fast_start import Launch
    from jdlint.findings import Finding, Severity
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines
    from jdlint.rules import RuleMeta

    Filters = tuple[Baseline | None, ChangedLines | None]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
CODES_HELP = "Comma-separated rule codes, prefixes (JD5) or names."


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _fail(message: str) -> None:
    click.echo(f"jdlint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


class _Group(click.Group):
    """Turns configuration errors anywhere in a command into exit code 2 and one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            os.getcwd()  # relative paths, config discovery and the cache all start here
        except OSError as error:
            _fail(f"the working directory cannot be used: {error.strerror or error}")
        try:
            return super().invoke(ctx)
        except ConfigError as error:
            _fail(str(error))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdlint")
def main() -> None:
    """jdlint: lint job-family pages (Markdown) for structure, grades, titles, links and wording."""


@main.command()
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
    chosen = (_codes(select), _codes(ignore), _codes(extend_select))
    level = Severity.parse(fail_on) if fail_on else None
    out = _Output(fmt, output, quiet, statistics, write_baseline_path, exit_zero, force_exclude)
    say = _Say(verbose)
    starter = known = filters = None
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
            filters = _fast_check(known, file_paths, anchor, baseline_path, diff_base, out)
    from jdlint import api
    from jdlint.engine.session import assemble

    if known is not None:  # its config was read and found valid: no need to read it again
        session = assemble(known.settings, *chosen)
    else:
        session = api.open_session(anchor, config, *chosen, fail_on=level)
    if show_settings:
        click.echo(json.dumps(session.settings.to_dict(), indent=2, default=str))
        return
    files = _discover(file_paths, session.settings, force_exclude)
    say(f"config: {session.settings.path or 'none (defaults)'}")
    if show_files:
        click.echo("".join(f"{name}\n" for name in files), nl=False)
        return
    if not files and not use_stdin:
        click.echo(f"jdlint: warning: no pages found under {', '.join(file_paths)}", err=True)
        sys.exit(EXIT_CLEAN)
    say(
        f"{counted(len(files), 'file')} to check; report paths from "
        f"{_report_root(anchor, session.settings)}"
    )
    stdin = None
    if use_stdin:
        stdin = (stdin_filename or "<stdin>", _read_stdin())
    baseline, changed = filters or load_filters(baseline_path, diff_base, anchor)
    engine = api.engine_for(session)
    if show_diff or (fix and stdin is not None):
        sys.exit(_fix_without_writing(engine, files, stdin, unsafe_fixes, show_diff))
    fixed = 0
    skipped = checked_before = None
    if fix:
        fix_run = api.fix_paths(files, session, unsafe_fixes, write=True)
        for warning in fix_run.warnings:
            click.echo(f"jdlint: warning: {warning}", err=True)
        fixed = sum(len(f.result.fixed) for f in fix_run.fixes if f.changed)
        skipped, checked_before = fix_run.skipped, fix_run.checked
    from jdlint.engine.cache import open_cache
    from jdlint.engine.run import usable_cpus

    cache = None if no_cache else open_cache(anchor, session.fingerprint())
    inputs = session.inputs()
    if starter is not None and known is None and inputs is not None:  # for the next run
        salt, metas = session.fingerprint(), session.registry.metas
        starter.save(salt, session.settings, metas, bool(engine.handbook_rules), inputs)
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
    )
    off += [cache.off] if cache is not None and cache.off and not off else []
    if off:  # the first reason only: one warning, however many entries were refused
        click.echo(f"jdlint: warning: cache off: {off[0]}", err=True)
    found = counted(len(result.findings), "finding")
    say(f"checked in {time.perf_counter() - started:.2f} s: {found}")
    if add_noqa:
        sys.exit(_add_noqa(result.findings, session.settings.max_file_size))
    _finish(
        result.findings,
        result.files,
        result.notes,
        session.registry.metas,
        session.settings.fail_on,
        (baseline, changed),
        fixed,
        out,
        _report_root(anchor, session.settings),
    )


@dataclass(frozen=True)
class _Output:
    """The flags that shape the report, not the findings."""

    fmt: str
    output: str | None
    quiet: bool
    statistics: bool
    write_baseline_path: str | None
    exit_zero: bool = False
    force_exclude: bool = False


@dataclass(frozen=True)
class _Say:
    """`-v`: what the run does, on stderr (never mixed into a report on stdout)."""

    verbose: bool

    def __call__(self, text: str) -> None:
        if self.verbose:
            click.echo(f"jdlint: {text}", err=True)


def _report_root(anchor: Path, settings: Settings) -> Path:
    """Where report paths and fingerprints start: the checked pages' repository (else their
    handbook root), never the working directory, so every way of running agrees."""
    from jdlint.handbook.page_names import PageNames

    return PageNames(settings).root(anchor) or Path.cwd()


def _discover(paths: list[str], settings: Settings, force_exclude: bool) -> list[str]:
    from jdlint.fs.discover import discover

    force = force_exclude or settings.force_exclude
    return discover(paths, settings.exclude, _base(settings), settings.include, force)


def _base(settings: Settings) -> Path:
    """Where `exclude` patterns are relative to: the config file's folder, else here."""
    return settings.path.parent if settings.path else Path.cwd()


def _fast_check(
    known: Launch,
    file_paths: list[str],
    anchor: Path,
    baseline_path: str | None,
    diff_base: str | None,
    out: _Output,
) -> Filters:
    """Report from the cache and exit if every page and the handbook are cached; else return
    the baseline and diff filters (read before any page, as the normal path reads them)."""
    from jdlint.engine.cache import open_cache
    from jdlint.engine.fast_start import Miss, cached_run
    from jdlint.gate.filter import load_filters

    files = _discover(file_paths, known.settings, out.force_exclude)
    if not files:
        return load_filters(baseline_path, diff_base, anchor)  # the normal path warns
    filters = load_filters(baseline_path, diff_base, anchor)
    try:
        findings, notes = cached_run(known, files, open_cache(anchor, known.salt))
    except Miss:
        return filters
    root = _report_root(anchor, known.settings)
    _finish(findings, files, notes, known.rules, known.settings.fail_on, filters, 0, out, root)
    return filters  # not reached: _finish exits


def _finish(
    findings: list[Finding],
    files: list[str],
    notes: list[str],
    rules: dict[str, RuleMeta],
    fail_on: Severity,
    filters: Filters,
    fixed: int,
    out: _Output,
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
        color=out.fmt == "text" and out.output is None and _use_color(),
        quiet=out.quiet,
        statistics=out.statistics,
        fixed=fixed,
        notes=tuple(notes),
        root=root,
        fingerprints=gated.fingerprints,
        hidden=gated.known + gated.unchanged,
    )
    text = renderer(out.fmt)(report)
    _write(text, out.output)
    if out.fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from jdlint.reporters.github_format import step_summary

        _append(os.environ["GITHUB_STEP_SUMMARY"], step_summary(report))
    failing = [f for f in gated.findings if f.severity >= fail_on]
    sys.exit(EXIT_FINDINGS if failing and not out.exit_zero else EXIT_CLEAN)


@main.command()
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


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule (by code or name): what it checks, why, and how to fix it."""
    from jdlint.engine.session import default_registry
    from jdlint.rule_docs import explain_rule

    registry = default_registry()
    text = explain_rule(registry, code)
    if text is None:
        _fail(f"unknown rule {code!r}; run 'jdlint rules' for the list")
    click.echo(text)


@main.command()
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(file_okay=False),
    default="site",
    show_default=True,
)
def docs(directory: str) -> None:
    """Write the rule documentation as a static site (the pages SARIF and editors link to)."""
    from jdlint.engine.session import default_registry
    from jdlint.export.docs_site import write_site

    written = write_site(default_registry(), Path(directory))
    click.echo(f"Wrote {counted(len(written), 'page')} to {directory}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False))
def clean(paths: tuple[str, ...]) -> None:
    """Remove jdlint's caches (.jdlint_cache) under PATHS (default: here) and $JDLINT_CACHE_DIR."""
    import shutil

    from jdlint.engine.cache import CACHE_DIR_NAME
    from jdlint.fs.discover import SKIP_DIRS

    found: list[Path] = []
    for top in paths or (".",):
        for directory, dirnames, _ in os.walk(top):
            if CACHE_DIR_NAME in dirnames:
                found.append(Path(directory) / CACHE_DIR_NAME)
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
    override = os.environ.get("JDLINT_CACHE_DIR")
    if override and Path(override).is_dir():
        found.append(Path(override))
    # Only what jdlint made: its caches carry the .gitignore it writes ("created by jdlint").
    found = [cache for cache in found if _made_by_jdlint(cache)]
    for cache in found:
        shutil.rmtree(cache, ignore_errors=True)
        click.echo(f"Removed cache directory: {cache}", err=True)
    if not found:
        click.echo("No cache directories found.", err=True)


def _made_by_jdlint(cache: Path) -> bool:
    from jdlint.fs.decode import UnreadableFile, read_bytes

    try:
        return read_bytes(str(cache / ".gitignore"), 4096).startswith(b"# created by jdlint")
    except UnreadableFile:
        return False


@main.command()
@click.argument("path", type=click.Path())
def tree(path: str) -> None:
    """Print the parsed job-family tree of one page as JSON."""
    from jdlint.document.build import build_document
    from jdlint.document.tree_json import document_data
    from jdlint.fs.decode import UnreadableFile, read_source

    if not os.path.exists(path):
        _fail(f"{path}: no such file or directory")
    try:
        source = read_source(path, 50 * 1024 * 1024)
    except UnreadableFile as error:
        _fail(f"{path}: {error.reason}")
        return
    from jdlint.config.settings import find_config, load_settings
    from jdlint.document.section_names import vocabulary

    try:
        settings = load_settings(find_config(Path(path)))
    except ConfigError as error:
        _fail(str(error))
        return
    words = vocabulary(settings.sections, settings.grades)
    document = build_document(path, source.text, source.newline, vocabulary=words)
    click.echo(json.dumps(document_data(document), indent=2, ensure_ascii=False))


@main.command()
@click.argument("path", type=click.Path(file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite an existing .jdlint.yaml.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the config instead of writing it.")
def init(path: str, force: bool, to_stdout: bool) -> None:
    """Write a commented .jdlint.yaml inferred from the handbook in PATH (default: here)."""
    from jdlint.config.inference import render, survey

    root = Path(path)
    if not root.is_dir():
        _fail(f"{path}: no such directory")
    target = root / ".jdlint.yaml"
    if target.exists() and not force and not to_stdout:
        _fail(f"{target}: exists already (use --force to overwrite, --stdout to print)")
    try:
        text = render(root, survey(root))
    except ConfigError as error:
        _fail(str(error))
        return
    if to_stdout:
        click.echo(text, nl=False)
        return
    target.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {target}: read it and trim what you do not want.")


@main.command()
def lsp() -> None:
    """Run the language server on stdin/stdout (for editors; needs the `lsp` extra)."""
    try:
        from jdlint.lsp.server import serve
    except ImportError as error:
        _fail(f"jdlint lsp needs pygls ({error.name} is missing): pip install 'jdlint[lsp]'")
        return
    serve()


def _add_noqa(findings: list[Finding], max_size: int) -> int:
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


def _fix_without_writing(
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
                _fail(f"{name}: {error.reason}")
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
@click.option("--config", "config_path", type=click.Path(), help="Use this config file.")
def export(paths: tuple[str, ...], fmt: str, output: str | None, config_path: str | None) -> None:
    """Export every role (family, title, grade, sections, findings) as JSON or CSV."""
    from jdlint import api
    from jdlint.export.formats import to_csv, to_json
    from jdlint.export.records import build_export

    data = build_export(api.check_with_pages(paths, config_path))
    _write(to_json(data) if fmt == "json" else to_csv(data), output)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default="report.html", show_default=True
)
@click.option("--config", "config_path", type=click.Path(), help="Use this config file.")
def report(paths: tuple[str, ...], output: str, config_path: str | None) -> None:
    """Write a self-contained HTML report: findings, titles x grades, a ladder per family."""
    from jdlint import api
    from jdlint.export.html_report import render_report
    from jdlint.export.records import build_export, summary

    data = build_export(api.check_with_pages(paths, config_path))
    _write(render_report(data), output)
    counts = summary(data)
    click.echo(
        f"Wrote {output}: {counted(counts['roles'], 'role')} in "
        f"{counted(counts['families'], 'family', 'families')}, "
        f"{counted(counts['findings'], 'finding')}.",
        err=True,
    )


def _use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _write(text: str, output: str | None) -> None:
    from jdlint.reporters.escaping import encodable

    text = encodable(text)  # a file name that is not UTF-8 (export, report) is escaped
    if output is None:
        click.echo(text, nl=False)
        return
    from jdlint.fs.atomic_write import NotWritten, write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except NotWritten as error:
        _fail(f"{output}: cannot write report: {error.reason}")
    except OSError as error:
        _fail(f"{output}: cannot write report: {error.strerror or error}")


def _append(path: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        click.echo(f"jdlint: warning: {path}: cannot append summary: {error.strerror}", err=True)


def _read_stdin() -> bytes:
    with click.open_file("-", "rb") as stream:
        data: bytes = stream.read()
    return data
