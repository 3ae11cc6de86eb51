"""Commands around the pages: `tree`, `init`, `export`, `report`, `clean` and `lsp`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdlint.errors import ConfigError
from jdlint.reporters import counted

if TYPE_CHECKING:  # the engine, rules and settings load only when a command needs them
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines

    Filters = tuple[Baseline | None, ChangedLines | None]


from jdlint.cli.output import (
    fail,
    write_output,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False))
def clean(paths: tuple[str, ...]) -> None:
    """Remove jdlint's caches: the handbook root's (.jdlint_cache) of each of PATHS (default:
    here), any under them, and $JDLINT_CACHE_DIR."""
    import shutil

    from jdlint.engine.cache import CACHE_DIR_NAME, cache_dir_for
    from jdlint.fs.discover import SKIP_DIRS

    found: list[Path] = []
    for top in paths or (".",):
        root_cache = cache_dir_for(Path(top))  # run from a subfolder: the handbook's one cache
        if root_cache.is_dir() and not root_cache.is_symlink():
            found.append(root_cache)
        for directory, dirnames, _ in os.walk(top):
            if CACHE_DIR_NAME in dirnames:
                found.append(Path(os.path.realpath(directory)) / CACHE_DIR_NAME)
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
    override = os.environ.get("JDLINT_CACHE_DIR")
    if override and Path(override).is_dir():
        found.append(Path(override))
    # Only what jdlint made: its caches carry the .gitignore it writes ("created by jdlint").
    found = [cache for cache in dict.fromkeys(found) if _made_by_jdlint(cache)]
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


@click.command()
@click.argument("path", type=click.Path())
def tree(path: str) -> None:
    """Print the parsed job-family tree of one page as JSON."""
    from jdlint.document.build import build_document
    from jdlint.document.tree_json import document_data
    from jdlint.fs.decode import UnreadableFile, read_source

    if not os.path.exists(path):
        fail(f"{path}: no such file or directory")
    try:
        source = read_source(path, 50 * 1024 * 1024)
    except UnreadableFile as error:
        fail(f"{path}: {error.reason}")
        return
    from jdlint.config.settings import find_config, load_settings
    from jdlint.document.section_names import vocabulary

    try:
        settings = load_settings(find_config(Path(path)))
    except ConfigError as error:
        fail(str(error))
        return
    from jdlint.engine.checking import skipped
    from jdlint.engine.limits import FileTimeout, time_limit

    words = vocabulary(settings.sections, settings.grades)
    try:  # as `check` reads a page: a runaway config pattern stops at max-file-seconds
        with time_limit(settings.max_file_seconds):
            document = build_document(path, source.text, source.newline, vocabulary=words)
    except (FileTimeout, RecursionError) as error:
        fail(f"{path}: {skipped(error).reason}")
        return
    click.echo(json.dumps(document_data(document), indent=2, ensure_ascii=False))


@click.command()
@click.argument("path", type=click.Path(file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite an existing .jdlint.yaml.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the config instead of writing it.")
def init(path: str, force: bool, to_stdout: bool) -> None:
    """Write a commented .jdlint.yaml inferred from the handbook in PATH (default: here)."""
    from jdlint.config.inference import render, survey

    root = Path(path)
    if not root.is_dir():
        fail(f"{path}: no such directory")
    target = root / ".jdlint.yaml"
    if os.path.lexists(target) and not force and not to_stdout:  # a dangling link too
        fail(f"{target}: exists already (use --force to overwrite, --stdout to print)")
    try:
        text = render(root, survey(root))
    except ConfigError as error:
        fail(str(error))
        return
    if to_stdout:
        click.echo(text, nl=False)
        return
    # as every writer does: never through a FIFO, a folder or a link out of the repository
    write_output(text, str(target), "the config")
    click.echo(f"Wrote {target}: read it and trim what you do not want.")


@click.command()
def lsp() -> None:
    """Run the language server on stdin/stdout (for editors; needs the `lsp` extra)."""
    try:
        from jdlint.lsp.server import serve
    except ImportError as error:
        fail(f"jdlint lsp needs pygls ({error.name} is missing): pip install 'jdlint[lsp]'")
        return
    serve()


@click.command()
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
    write_output(to_json(data) if fmt == "json" else to_csv(data), output)


@click.command()
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
    write_output(render_report(data), output)
    counts = summary(data)
    click.echo(
        f"Wrote {output}: {counted(counts['roles'], 'role')} in "
        f"{counted(counts['families'], 'family', 'families')}, "
        f"{counted(counts['findings'], 'finding')}.",
        err=True,
    )
