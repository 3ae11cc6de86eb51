"""Paths as CI systems and baselines need them: relative to the repository, with "/" separators.

Findings carry paths as given on the command line ("./a.md", "/abs/a.md", "a.md"). GitLab,
GitHub and SARIF viewers link a finding to a file by its repository-relative path, and a
fingerprint must not change with the spelling a user happened to type, so both go through here.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root(start: Path) -> Path:
    """The closest directory at or above `start` that has a `.git` entry, else `start`."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return start


def report_path(path: str, root: Path) -> str:
    """`path` relative to `root`, POSIX style; paths outside `root` and `<stdin>` stay as given."""
    if path.startswith("<"):
        return path
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
