"""`PurePath`'s reading of a path given as text, without building a `PurePath`.

Family grouping, job-folder tests and page keys ask a page path's parts, name and parent
several times per page; a `PurePath` costs microseconds to build, which a 10,000-page warm
run paid 120,000 times. On POSIX these functions split the text as `PurePosixPath` does
(empty and "." parts dropped, one leading "/" kept as the root); elsewhere, and for a path
starting with "//" (a root POSIX leaves to the system), they ask `PurePath` itself.
`tests/test_path_text.py` compares them with `PurePath`.
"""

from __future__ import annotations

import os
from pathlib import PurePath

#: Whether a path can be split on "/" alone (POSIX: no second separator, no drive).
_PLAIN = os.sep == "/" and os.altsep is None


def is_plain(path: str) -> bool:
    """Whether the functions here split `path` at "/" themselves (not on Windows, not "//")."""
    return _PLAIN and not path.startswith("//")


def parts(path: str) -> tuple[str, ...]:
    """`PurePath(path).parts`."""
    if not is_plain(path):
        return PurePath(path).parts
    found = tuple(part for part in path.split("/") if part and part != ".")
    return ("/", *found) if path.startswith("/") else found


def name(path: str) -> str:
    """`PurePath(path).name`."""
    if not is_plain(path):
        return PurePath(path).name
    found = parts(path)
    return found[-1] if found and found[-1] != "/" else ""


def parent(path: str) -> str:
    """`str(PurePath(path).parent)`."""
    if not is_plain(path):
        return str(PurePath(path).parent)
    found = parts(path)
    return _text(found if found == ("/",) else found[:-1])


def joined(folder: str, child: str) -> str:
    """`str(PurePath(folder) / child)`, for a `child` without a separator."""
    if not is_plain(folder) or "/" in child:
        return str(PurePath(folder) / child)
    return _text(parts(folder) + parts(child))


def normal(path: str) -> str:
    """`str(PurePath(path))`."""
    return _text(parts(path)) if is_plain(path) else str(PurePath(path))


def _text(found: tuple[str, ...]) -> str:
    if not found:
        return "."
    if found[0] == "/":
        return "/" + "/".join(found[1:])
    return "/".join(found)
