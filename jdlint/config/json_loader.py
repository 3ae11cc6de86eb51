"""JSON from files a repository holds (a committed `--baseline`): depth-bounded.

`json.loads` recurses once per nesting level, so 100,000 opening brackets end in a
`RecursionError` from deep inside the decoder. The nesting depth is measured first, on the text
with its strings blanked (a bracket inside a message is not nesting), and a document deeper
than the limit is refused with a `ValueError` that callers report as one line.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_JSON_DEPTH = 64
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JSONDepthError(ValueError):
    """The document nests arrays and objects more deeply than the limit."""


def load_json(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """`json.loads(text)`, or JSONDepthError (deep) / json.JSONDecodeError (invalid)."""
    _check_depth(text, max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # not reached within max_depth; a last line of defence
        raise JSONDepthError(f"nested more than {max_depth} levels deep") from None


def _check_depth(text: str, max_depth: int) -> None:
    if text.count("[") + text.count("{") <= max_depth:
        return
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise JSONDepthError(f"nested more than {max_depth} levels deep")
        else:
            depth -= 1
