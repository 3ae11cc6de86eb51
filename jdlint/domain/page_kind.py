"""Whether a page is a job description, so that job-page rules judge only job pages.

A handbook repository holds far more Markdown than job families (README.md, CONTRIBUTING.md,
process pages); structure, grade and title rules on those are noise. The decision is
conservative: a page is a job page when anything says so — a recognised role, a section of the
job vocabulary (Hiring Process, Job Grade, ...), a title/grade table, a heading that names a job
("Senior Widget Engineer"), text not read from a file,
a job-family folder on its path, job front matter, or the config's `job-pages` globs. Only a
page with none of these is skipped. Rules that judge "a job page without roles" ask here first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

from jdlint.config.settings import Settings
from jdlint.config.yaml_loader import YAMLBounds, load_bounded
from jdlint.domain.job_folders import on_path
from jdlint.domain.job_titles import is_job_title
from jdlint.domain.title_settings import title_settings
from jdlint.findings import Finding
from jdlint.fs.shipped import packs
from jdlint.model import Document, Section

#: Code prefixes of the rules that only make sense on a job page: structure, grades, titles.
JOB_PAGE_RULES = ("JD1", "JD2", "JD3")


def is_job_page(document: Document, settings: Settings) -> bool:
    if document.roles or document.layout not in ("no-roles",) or document.matrix is not None:
        return True
    if document.shared_sections or any(_known(s) for s in document.family_sections):
        return True  # a recognised job section (Hiring Process, Requirements, Job Grade ...)
    if not os.path.exists(document.path):
        return True  # text handed to jdlint (tests, stdin without a name) is judged as given
    titles = title_settings(settings.titles)
    if any(is_job_title(h.text, titles) for h in document.headings) or (
        document.title and is_job_title(document.title, titles)
    ):
        return True  # a heading or title names a job ("Senior Widget Engineer")
    if job_folder_on_path(document.path):
        return True
    front = document.front_matter
    if front is not None and any(_key(k) in _shipped()[1] for k in front.data):
        return True
    return _configured(document.path, settings)


def job_page_findings(
    document: Document, settings: Settings, found: Iterable[Finding]
) -> list[Finding]:
    """`found` without the job-page rules' findings when `document` is not a job page."""
    if is_job_page(document, settings):
        return list(found)
    return [f for f in found if not f.code.startswith(JOB_PAGE_RULES)]


def job_folder_on_path(path: str, folders: frozenset[str] | None = None) -> bool:
    """Whether a folder of `path`, as written, is one of the shipped job-family folder names
    (the one fact of `is_job_page` that depends on how the path was spelled; cache keys ask
    it, `jdlint.engine.page_keys`, with `folders` from the fast start's record)."""
    return on_path(path, job_folders() if folders is None else folders)


def job_folders() -> frozenset[str]:
    """The shipped job-family folder names, case-folded (`rules/job-pages.yml`)."""
    return _shipped()[0]


def _known(section: Section) -> bool:
    return section.known or any(_known(sub) for sub in section.subsections)


def _configured(path: str, settings: Settings) -> bool:
    if not settings.job_pages:
        return False
    base = settings.path.parent if settings.path else Path.cwd()
    try:
        relative = Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return any(fnmatch(relative, pattern.rstrip("/")) for pattern in settings.job_pages) or any(
        relative.startswith(pattern.rstrip("/*") + "/") for pattern in settings.job_pages
    )


def _key(name: object) -> str:
    return str(name).casefold().replace("-", "_")


@cache
def _shipped() -> tuple[frozenset[str], frozenset[str]]:
    text = packs().joinpath("job-pages.yml").read_text(encoding="utf-8")
    data, _node = load_bounded(text, YAMLBounds())
    folders = frozenset(str(f).casefold() for f in data["folders"])
    return folders, frozenset(_key(k) for k in data["front-matter"])
