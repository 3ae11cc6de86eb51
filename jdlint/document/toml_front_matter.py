"""Hugo's TOML front matter (`+++` ... `+++`), read into the same `FrontMatter` as YAML's.

Hugo sites write front matter in TOML as often as in YAML; a page whose title and grade sit
in an unread `+++` block has no title at all. A block that does not parse is a finding with
the line and column tomllib names (JD701, like broken YAML), never a traceback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from jdlint.model import FrontMatter, Span

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

OPEN = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n")
CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.MULTILINE)
_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def load_toml(
    body: str, span: Span, body_line: int, line_width: Callable[[int], int]
) -> FrontMatter:
    """The block's data, or its first error at the line and column tomllib reports."""
    try:
        data: dict[str, Any] = tomllib.loads(body.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as error:
        text = str(error)
        where = _WHERE.search(text)
        message = f"invalid TOML: {_WHERE.sub('', text).strip() or 'front matter does not parse'}"
        if where is None or where.group(1) is None:
            return FrontMatter({}, span, message, span)
        line = min(body_line + int(where.group(1)) - 1, span.end_line)
        width = line_width(line)
        col = min(int(where.group(2)), width + 1)
        return FrontMatter({}, span, message, Span(line, col, line, min(col + 1, width + 1)))
    except (ValueError, RecursionError) as error:  # tomllib's own limits, never a crash
        return FrontMatter({}, span, f"invalid TOML: front matter {error}", span)
    return FrontMatter(data, span)
