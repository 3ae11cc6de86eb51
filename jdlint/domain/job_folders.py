"""Whether a page's path, as written, passes through a job-family folder (`jobs/`, ...).

One line, kept apart from `page_kind` (which loads YAML) so that the cache's page keys can ask
it on the fast start (`jdlint.engine.page_keys`) with the names the start recorded.
"""

from __future__ import annotations

from jdlint.fs import path_text


def on_path(path: str, folders: frozenset[str]) -> bool:
    """Whether a folder of `path` is one of `folders` (case-folded names)."""
    return any(part.casefold() in folders for part in path_text.parts(path)[:-1])
