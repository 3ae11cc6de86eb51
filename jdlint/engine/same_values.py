"""Whether two values of frozen data are the same: what tells a handbook check's view of a page
before an edit from its view after it (`jdlint.engine.handbook_reuse`).

The views were compared as the cache writes them (their JSON), which costs an encoding of both
on every keystroke in the language server (0.05 s on a 300 KB page). Compared value by value,
the parts of a page an edit left alone are mostly the very same objects (a chunk read again is
its last version's, `jdlint.document.chunks`), equal at once. The comparison is stricter than
`==`, which takes 1, 1.0 and True for one another and -0.0 for 0.0: types must agree, floats be
written alike, mappings hold their keys in the same order.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, cast

_PLAIN = (str, int, bool, bytes, type(None))


def same(first: Any, second: Any) -> bool:
    """Whether `first` and `second` hold the same values, of the same types, at every level."""
    if first is second:
        return True
    kind = type(first)
    if kind is not type(second):
        return False
    if kind in _PLAIN:
        return first == second
    if kind is float:
        return repr(first) == repr(second)
    if kind is tuple or kind is list:
        return len(first) == len(second) and all(same(a, b) for a, b in zip(first, second))
    if isinstance(first, Mapping):
        return list(first) == list(second) and all(same(first[k], second[k]) for k in first)
    if is_dataclass(first):
        return all(
            same(getattr(first, n), getattr(second, n)) for n in _names(cast(Hashable, kind))
        )
    return first == second


@cache  # one tuple of names per dataclass compared
def _names(kind: Hashable) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cast(Any, kind)))
