"""Page cache keys that do not depend on how a path was typed.

`jdlint check .` names a page `sub/page.md`; `jdlint check /abs/sub/page.md` names it and its
neighbours (the context pages) by absolute path; a user may type `./sub/../sub/page.md`. Keyed as typed,
each spelling was a cold cache. A page's entries are keyed by its path relative to the handbook
root (the cache's root, `jdlint.engine.cache.repository_of`) instead, plus what of the typed
spelling its own checks do read (`path_fact`), so that a key never covers two answers.

An entry holds the spelling it was written with (a finding's `path`, a digest's `path`);
`respelled` gives it back under the spelling of this run, or None (a miss) when the old
spelling is also inside a message, where it cannot be rewritten safely.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jdlint.findings import Finding
from jdlint.fs import path_text

if TYPE_CHECKING:  # the fast start imports this module: no tree model on its way
    from jdlint.config.settings import Settings
    from jdlint.handbook.digest import PageDigest


def canonical(path: str, root: str | None) -> str:
    """`path` relative to `root` in "/" form when it lies under it, else its absolute form
    (normalised either way: `./a/../b.md` is `b.md`). No symlink is followed: the name as
    written decides the page's kind."""
    absolute = _absolute(path)
    if root:
        inside = _inside(root)
        if absolute.startswith(inside):  # what `relpath` gives, without its splitting
            return absolute[len(inside) :].replace(os.sep, "/")
        try:
            relative = os.path.relpath(absolute, root)
        except ValueError:  # another drive (Windows)
            return absolute
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative.replace(os.sep, "/")
    return absolute


def _absolute(path: str) -> str:
    """`os.path.abspath(path)`. A relative path already in normal form (a walk's `a/b.md`)
    is only joined to the working folder: `normpath` cost most of a warm run's page lookups."""
    if path_text.is_plain(path) and not path.startswith("/"):
        padded = f"/{path}/"
        if "//" not in padded and "/./" not in padded and "/../" not in padded:
            here = os.getcwd()
            return f"{here}/{path}" if here != "/" else f"/{path}"
    return os.path.abspath(path)


@lru_cache(maxsize=64)  # a pure memo: one root per cache, asked for every page
def _inside(root: str) -> str:
    """The start of every absolute path below `root`."""
    return os.path.join(os.path.abspath(root), "")


def path_fact(
    path: str,
    canonical_path: str,
    settings: Settings | None,
    folders: frozenset[str] | None = None,
) -> str:
    """What a page's own checks read of `path` as typed, beyond its canonical form: "" unless
    a spelling could change an answer.

    - `is_job_page` looks at the folder names as written: when they differ from the canonical
      path's, whether one of them is a job-family folder (`page_kind.job_folder_on_path`; `folders`:
      the shipped names when the caller has them, so the fast start reads no YAML).
    - `per-file-ignores` and `job-pages` match a path outside the config's folder as typed.
    """
    facts = []
    if path != canonical_path:
        if folders is None:
            from jdlint.domain.page_kind import job_folders  # loads YAML: the normal path

            folders = job_folders()
        typed = _typed_job_folder(path, canonical_path, folders)
        if typed is not None:
            facts.append(f"job-folder={typed}")
    if settings is not None and (settings.per_file_ignores or settings.job_pages):
        base = settings.path.parent if settings.path else Path.cwd()
        try:
            Path(path).resolve().relative_to(base.resolve())
        except ValueError:
            facts.append(f"typed={Path(path).as_posix()}")
    return "\0".join(facts)


def _typed_job_folder(path: str, canonical_path: str, folders: frozenset[str]) -> bool | None:
    """Whether a job-family folder is on `path` as typed (`job_folders.on_path`), if that is
    not what its canonical form says (else None). A path typed as a folder followed by its
    canonical form (a context page: the handbook root, then its relative path) differs only
    when that folder has a job folder on it: asked once per folder, not once per page."""
    from jdlint.domain.job_folders import on_path

    tail = "/" + canonical_path
    if path.endswith(tail) and path_text.is_plain(path):
        if not _folder_on_path(path[: -len(tail)], folders):
            return None  # the typed folders are that folder's and the canonical path's
        return True if not on_path(canonical_path, folders) else None
    typed = on_path(path, folders)
    return typed if typed != on_path(canonical_path, folders) else None


@lru_cache(maxsize=64)  # a pure memo: every context page is typed under the same root
def _folder_on_path(folder: str, folders: frozenset[str]) -> bool:
    from jdlint.domain.job_folders import on_path

    return on_path(f"{folder}/page", folders)


def respelled_findings(found: tuple[Finding, ...] | None, path: str) -> tuple[Finding, ...] | None:
    """A page's cached findings with the page named as this run spells it, or None (a miss)
    when a message or subject names the page as the entry spelled it."""
    if not found or all(finding.path == path for finding in found):
        return found
    out: list[Finding] = []
    for finding in found:
        old = finding.path
        if old != path and (old in finding.message or old in finding.subject):
            return None
        out.append(finding if old == path else replace(finding, path=path))
    return tuple(out)


def respelled_digest(digest: PageDigest | None, path: str) -> PageDigest | None:
    """A cached digest with the page named as this run spells it (a digest holds its path
    nowhere else)."""
    if digest is None or digest.path == path:
        return digest
    return replace(digest, path=path)
