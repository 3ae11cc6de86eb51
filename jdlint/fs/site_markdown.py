"""Which Markdown engine a page's site declares, read from the site's own configuration.

A heading written `###Major duties` is a heading on a kramdown site (Jekyll's default engine,
older Middleman sites) and text everywhere else, so JD111 only nags where the page's renderer
is unknown or is not kramdown. The answer comes from the nearest site configuration above the
page: Jekyll's `_config.yml` (`markdown:`, kramdown when absent, as Jekyll itself assumes) or a
Hugo configuration (goldmark). The search stops at a repository root. Only pages that have a
compact heading ask, so ordinary runs read no extra file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jdlint.fs.decode import UnreadableFile, read_bytes

#: Hugo's configuration files: a Hugo site renders with goldmark, whatever else is around.
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml")
_MAX_CONFIG_BYTES = 256 * 1024
#: A line that could be a compact heading (`###Duties`): only such pages ask their site.
_MAY_BE_COMPACT_HEADING = re.compile(rb"(?m)^ {0,3}#{2,6}[^#\s]")


def page_fact(page: str, data: bytes) -> str:
    """The one fact outside a page that its own checks read, for its cache key: the engine
    its site declares, asked only when the page has a compact heading (else "")."""
    if not _MAY_BE_COMPACT_HEADING.search(data):
        return ""
    return f"markdown={declared_markdown(page)}"


def declared_markdown(page: str | os.PathLike[str]) -> str | None:
    """ "kramdown", "goldmark", another engine Jekyll names, or None when no site says."""
    start = Path(page)
    if not start.is_file():
        return None  # text checked without a file (stdin, rule cases): no site to ask
    for directory in start.resolve().parents:
        jekyll = directory / "_config.yml"
        if jekyll.is_file():
            return _jekyll_engine(jekyll)
        if any((directory / name).is_file() for name in _HUGO_CONFIGS):
            return "goldmark"
        if (directory / ".git").exists():
            return None
    return None


def _jekyll_engine(path: Path) -> str | None:
    import yaml  # only a page with a compact heading on a Jekyll site pays for YAML

    from jdlint.config.yaml_loader import YAMLBounds, load_bounded

    try:
        text = read_bytes(str(path), _MAX_CONFIG_BYTES).decode("utf-8")
        data, _ = load_bounded(text, YAMLBounds(max_bytes=_MAX_CONFIG_BYTES))
    except (UnreadableFile, UnicodeDecodeError, yaml.YAMLError):
        return None  # an unreadable site file says nothing; JD111 keeps its default
    if not isinstance(data, dict):
        return "kramdown" if data is None else None
    engine = data.get("markdown", "kramdown")
    return engine.strip().lower() if isinstance(engine, str) else None
