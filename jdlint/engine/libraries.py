"""The versions of the libraries whose behaviour decides findings, for the cache's salt.

A page's findings depend on more than its bytes, the config and jdlint's own version: on how
markdown-it-py parses it, and on the word lists codespell and pyspellchecker ship. Upgrading
one of them must not leave the findings the old one gave in the cache. Their versions are read
from the names of their installed metadata folders (`markdown_it_py-4.3.0.dist-info`), one
listing per folder on the module search path: importing `importlib.metadata` to ask for them
costs a pre-commit run more than the listings do.
"""

from __future__ import annotations

import os
import sys

#: Distributions (normalised names) whose behaviour decides findings.
LIBRARIES = frozenset(
    {
        "markdown_it_py",  # the parser (and the reference tree)
        "markdown_it_pyrs",  # the fast parser (`jdlint[fast]`)
        "mdurl",  # markdown-it-py's link normalisation
        "pyyaml",  # front matter, rule packs
        "regex",  # rule-pack patterns
        "rapidfuzz",  # near copies, title drift
        "codespell",  # misspelling lists
        "pyspellchecker",  # the English word list
    }
)
_METADATA = (".dist-info", ".egg-info")


def library_stamp() -> str:
    """Each installed library of `LIBRARIES` with its version, as its metadata folder names it
    (the first one on the search path, as importing finds it), in name order."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                names = [item.name for item in listing if item.name.endswith(_METADATA)]
        except OSError:
            continue
        for name in sorted(names):
            stem = name.rsplit(".", 1)[0]
            project = stem.split("-", 1)[0].lower().replace(".", "_").replace("-", "_")
            if project in LIBRARIES:
                found.setdefault(project, stem)
    return " ".join(found[project] for project in sorted(found))
