"""Cache entries as plain data: typed values to JSON and back, every value checked on the way in.

The cache folder sits in the checked repository, so whoever opens a merge request can write
it. An entry is therefore data, never code: a frozen dataclass is written as the list of its
field values, in field order, and read back by a decoder built from the class's type hints,
which checks the type of every value (a `str` field holds text, a `Span` four integers, a
`Severity` one of its values, a tuple exactly its items). Anything else raises `Invalid`,
which the cache treats as a miss. No class is named in an entry: the caller says what it
expects, so an entry cannot make the decoder build anything else.

A node met twice in one tree (a section shared by two roles, the inlines `inline_runs` repeats)
is written once and then as the integer of its position among the nodes already written, so
the tree read back shares the same objects (checks that deduplicate by identity rely on it).
Values typed `Any` (front matter, config tables: what YAML gives) are tagged lists.

One module (~380 lines) on purpose: it is one codec, every type's encoder and decoder side by
side, so that what is checked on the way in can be read against what is written on the way out
(a security boundary: the cache folder is writable by whoever opens a merge request).
"""

from __future__ import annotations

import datetime
import enum
import itertools
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, TypeVar

from jdlint.span import Span, TextMap, shared_text_map

#: Encoders see the value and the positions of the nodes written so far (by `id`); decoders
#: the JSON value and the nodes read so far.
Encode = Callable[[Any, dict[int, int]], Any]
Decode = Callable[[Any, list[Any]], Any]


class Invalid(Exception):
    """The value is not of the expected shape: a miss when loading, not stored when writing."""


def dumps(value: Any, expected: Any) -> bytes:
    """`value` (of type `expected`) as JSON; raises `Invalid` for a value of another type."""
    return b"".join(dump_pieces(value, expected))


class _Written(dict[int, int]):
    """The positions of the nodes written so far (by `id`), and the entry's `Deferred` parts,
    written after its JSON (see `loads`)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.size = 0


class Parts:
    """An entry's `Deferred` parts (the bytes after its JSON), a part handed out by `piece`.
    The cache verifies each piece before handing it out (`cache.VerifiedParts`); parts read
    from JSON text alone are taken as they are."""

    def __init__(self, data: memoryview) -> None:
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    def piece(self, start: int, length: int) -> memoryview:
        return self.data[start : start + length]


class _Read(list[Any]):
    """The nodes read so far, and the entry's `Deferred` parts."""

    def __init__(self, parts: Parts | None = None) -> None:
        super().__init__()
        self.parts = parts


#: What separates an entry's JSON from its `Deferred` parts: JSON as written holds no NUL.
_PARTS = b"\0"


def dump_pieces(value: Any, expected: Any) -> list[bytes]:
    """`dumps` in pieces: the JSON's (`json_pieces`), then NUL and the `Deferred` parts."""
    pieces, parts = json_pieces(value, expected)
    return [*pieces, _PARTS, *parts] if parts else pieces


def json_pieces(value: Any, expected: Any) -> tuple[list[bytes], list[bytes]]:
    """`value`'s JSON in pieces, to be written one after the other, and its `Deferred` parts:
    a dataclass field by field, and each item of a field that is a tuple of nodes apart. A
    10,000-page handbook's largest entries are 20 MB of JSON; as one value their plain lists
    were twice that, at the peak of a cold run's memory, while one item's are alive at a time
    here. The pieces joined are `json.dumps` of the whole value (nodes are numbered in the
    same order, `_dataclass`), each `Deferred` part as its place in the parts joined."""
    memo = _Written()
    pieces = _pieces(value, expected, memo)
    return pieces, memo.parts


def _pieces(value: Any, expected: Any, memo: _Written) -> list[bytes]:
    try:
        if not (isinstance(expected, type) and is_dataclass(expected) and type(value) is expected):
            return [_json(codec(expected)[0](value, memo))]
        pieces = [b"["]
        for position, (name, put, put_item) in enumerate(_field_plan(type(value))):
            part = getattr(value, name)
            pieces.append(b"," if position else b"")
            if put_item is not None and type(part) is tuple:
                pieces.append(b"[")
                for number, item in enumerate(part):
                    pieces.extend((b"," if number else b"", _json(put_item(item, memo))))
                pieces.append(b"]")
            else:
                pieces.append(_json(put(part, memo)))
        pieces.append(b"]")
        return pieces
    except (RecursionError, ValueError) as error:
        raise Invalid(str(error)) from None


@cache  # one plan per dataclass written: type hints are evaluated once, not per entry
def _field_plan(kind: Any) -> tuple[tuple[str, Encode, Encode | None], ...]:
    """Per field of a dataclass: its name, its encoder, and for a tuple of any number of
    non-scalar values the encoder of one item (`dump_pieces` writes them one by one)."""
    hints = typing.get_type_hints(kind)
    plan = []
    for name in (f.name for f in fields(kind)):
        hint, args = hints[name], typing.get_args(hints[name])
        sequence = typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis
        item = codec(args[0])[0] if sequence and args[0] not in _SCALARS else None
        plan.append((name, codec(hint)[0], item))
    return tuple(plan)


def _json(plain: Any) -> bytes:
    return _json_text(plain).encode("ascii")


#: `json.dumps` with these arguments builds an encoder on every call: an entry is written in
#: some fifty calls (a field or an item each), so one encoder serves them all.
_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=True)


def _json_text(plain: Any) -> str:
    return _ENCODER.encode(plain)


def loads(data: bytes | str, expected: Any, parts: Parts | None = None) -> Any:
    """The value of type `expected` that `data` holds; raises `Invalid` for anything else.

    The `Deferred` parts of an entry follow its JSON, after a NUL (or come as `parts`, the
    JSON alone as `data`): the JSON is parsed, the parts are sliced out when read (a
    10,000-page handbook's state holds 10 MB of findings, whose JSON, as strings within the
    entry's, took most of a commit's load to parse)."""
    if isinstance(data, bytes) and parts is None:
        end = data.find(_PARTS)
        if end >= 0:
            parts = Parts(memoryview(data)[end + 1 :])
            data = data[:end]
    try:
        plain = json.loads(data)
    except (ValueError, RecursionError, UnicodeError) as error:
        raise Invalid(str(error)) from None
    return _decoded(plain, expected, parts)


def _decoded(plain: Any, expected: Any, parts: Parts | None = None) -> Any:
    """`expected` read from JSON data; raises `Invalid` for anything else."""
    try:
        return codec(expected)[1](plain, _Read(parts))
    except Invalid:
        raise
    except (ValueError, TypeError, IndexError, KeyError, RecursionError, UnicodeError) as error:
        raise Invalid(str(error)) from None


@cache  # one codec per type: a bounded table, filled the first time a type is written or read
def codec(expected: Any) -> tuple[Encode, Decode]:
    """The encoder and decoder of a type: a dataclass, a built-in scalar, an enum, a `Path`,
    `X | None`, a union of dataclasses, `tuple[X, ...]`, `tuple[X, Y]`, `dict[str, X]` /
    `Mapping[str, X]`, or `Any` (plain YAML data)."""
    if expected is Any:
        return _encode_any, _decode_any
    if expected is Span:
        return _encode_span, _decode_span
    if expected is TextMap:
        return _encode_text_map, _decode_text_map
    if isinstance(expected, type):
        if is_dataclass(expected):
            return _dataclass(expected)
        if issubclass(expected, enum.Enum):
            return _enum(expected)
        if expected is Path:
            return _path()
        if expected in _SCALARS:
            return _scalar(_SCALARS[expected])
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return _union(args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            if isinstance(args[0], type) and args[0] in _SCALARS:
                return _scalars(frozenset(_SCALARS[args[0]]))
            return _sequence(codec(args[0]))
        if all(isinstance(arg, type) and arg in _SCALARS for arg in args):
            return _fixed_scalars(tuple(frozenset(_SCALARS[arg]) for arg in args))
        return _fixed(tuple(codec(arg) for arg in args))
    if origin in (dict, Mapping) and args[0] is str:
        if isinstance(args[1], type) and args[1] in _SCALARS:
            return _scalar_mapping(frozenset(_SCALARS[args[1]]))
        return _mapping(codec(args[1]))
    if origin is Deferred:
        return _deferred(args[0])
    raise TypeError(f"no cache codec for {expected!r}")


# -- parts read later ----------------------------------------------------------------------------

T = TypeVar("T")


class Deferred(Generic[T]):
    """A part of an entry decoded only when it is read (`value`): kept as the JSON text the
    entry held until then, and checked when read like any other value (`Invalid`). A run that
    checks one page of 10,000 decodes that page's findings, not every page's; held as text
    within the entry's JSON, the part is not even parsed into lists (a third of the time)."""

    __slots__ = ("_value", "_plain", "_expected", "_place")

    def __init__(self, value: T) -> None:
        self._value = value
        self._plain: str | memoryview | None = None
        self._expected: Any = None
        self._place: tuple[Parts, int, int] | None = None

    @classmethod
    def read(
        cls, text: str | memoryview, expected: Any, place: tuple[Parts, int, int] | None = None
    ) -> Deferred[Any]:
        """The part as an entry held it (its JSON, or its `place` among the entry's parts,
        sliced out only when read), to decode as `expected` when read."""
        part: Deferred[Any] = cls.__new__(cls)
        part._value, part._plain, part._expected, part._place = None, text, expected, place
        return part

    def value(self) -> T:
        """The value; raises `Invalid` for a part of an entry that does not hold one."""
        if self._expected is None:
            return self._value
        return loads(self._held(), self._expected)  # type: ignore[no-any-return]

    def written(self, expected: Any) -> bytes:
        """The part as JSON: a part never read is written back as it was read."""
        if self._expected is not None and self._expected == expected:
            held = self._held()
            return held.encode("ascii") if isinstance(held, str) else held
        return _json(codec(expected)[0](self.value(), {}))

    def _held(self) -> str | bytes:
        if self._place is not None:  # raises `Invalid` for a part the cache cannot vouch for
            parts, start, length = self._place
            return bytes(parts.piece(start, length))
        plain = self._plain
        return bytes(plain) if isinstance(plain, memoryview) else plain or ""


def _deferred(expected: Any) -> tuple[Encode, Decode]:
    """Written and read with positions of their own (`Deferred` is decoded apart): in an
    entry, after its JSON, as [offset, length] there (`loads`); within a part, as JSON text."""

    def encode(value: Any, memo: dict[int, int]) -> Any:
        if type(value) is not Deferred:
            raise Invalid(f"expected a deferred value, got {type(value).__name__}")
        text = value.written(expected)
        if not isinstance(memo, _Written):
            return text.decode("ascii")
        place = [memo.size, len(text)]
        memo.parts.append(text)
        memo.size += len(text)
        return place

    def decode(value: Any, nodes: list[Any]) -> Any:
        # Once per page of a state (10,000 in a large handbook): plain tests, no call.
        if type(value) is list and len(value) == 2 and type(nodes) is _Read:
            start, length = value
            parts = nodes.parts
            if (
                type(start) is int
                and type(length) is int
                and parts is not None
                and 0 <= start <= start + length <= len(parts)
            ):
                return Deferred.read("", expected, (parts, start, length))
        elif type(value) is str:
            return Deferred.read(value, expected)
        raise Invalid("expected a deferred part as JSON text or its place after the JSON")

    return encode, decode


# -- scalars -------------------------------------------------------------------------------------

_SCALARS: dict[type, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    bool: (bool,),
    float: (float, int),  # YAML gives `20` for a float option: kept as it was given
    type(None): (type(None),),
}


def _scalar(allowed: tuple[type, ...]) -> tuple[Encode, Decode]:
    def check(value: Any, _state: Any) -> Any:
        if type(value) not in allowed:
            raise Invalid(f"expected {allowed[0].__name__}, got {type(value).__name__}")
        return value

    return check, check


def _encode_span(value: Any, _memo: dict[int, int]) -> Any:
    if type(value) is not Span:
        raise Invalid(f"expected a Span, got {type(value).__name__}")
    return [value.line, value.col, value.end_line, value.end_col]


def _decode_span(value: Any, _nodes: list[Any]) -> Span:
    if type(value) is list and len(value) == 4:
        line, col, end_line, end_col = value
        if (
            type(line) is int
            and type(col) is int
            and type(end_line) is int
            and type(end_col) is int
        ):
            return Span(line, col, end_line, end_col)
    raise Invalid("expected a span of four integers")


def _encode_text_map(value: Any, _memo: dict[int, int]) -> Any:
    """A text map as its flat list of integers: one per inline run of every digest, so it is
    not a node of its own (one level less to decode)."""
    if type(value) is not TextMap or not all(type(n) is int for n in value.flat):
        raise Invalid("expected a TextMap")
    return list(value.flat)


_INTEGERS = frozenset({int})  # `bool` is a type of its own: `True` is no position


def _decode_text_map(value: Any, _nodes: list[Any]) -> TextMap:
    # One C-level pass over the types (a generator cost 2% of a 10,000-page warm run).
    if type(value) is list and len(value) % 2 == 0 and _INTEGERS.issuperset(map(type, value)):
        return shared_text_map(tuple(value))  # one object per distinct map, as when parsed
    raise Invalid("expected a text map of integer pairs")


def _enum(kind: type[enum.Enum]) -> tuple[Encode, Decode]:
    members = {member.value: member for member in kind}

    def encode(value: Any, _memo: dict[int, int]) -> Any:
        if type(value) is not kind:
            raise Invalid(f"expected {kind.__name__}")
        return value.value

    def decode(value: Any, _nodes: list[Any]) -> Any:
        member = members.get(value) if type(value) in (int, str) else None
        if member is None:
            raise Invalid(f"expected {kind.__name__}")
        return member

    return encode, decode


def _path() -> tuple[Encode, Decode]:
    def encode(value: Any, _memo: dict[int, int]) -> Any:
        if not isinstance(value, Path):
            raise Invalid("expected a path")
        return str(value)

    def decode(value: Any, _nodes: list[Any]) -> Any:
        if type(value) is not str:
            raise Invalid("expected a path")
        return Path(value)

    return encode, decode


# -- containers ----------------------------------------------------------------------------------


def _union(options: tuple[Any, ...]) -> tuple[Encode, Decode]:
    """`X | None` as the value or null; a union of several types as [position, value]."""
    present = tuple(option for option in options if option is not type(None))
    optional = len(present) < len(options)
    if len(present) == 1:
        inner_encode, inner_decode = codec(present[0])

        def encode_optional(value: Any, memo: dict[int, int]) -> Any:
            return None if value is None else inner_encode(value, memo)

        def decode_optional(value: Any, nodes: list[Any]) -> Any:
            return None if value is None else inner_decode(value, nodes)

        return encode_optional, decode_optional
    if not all(isinstance(option, type) for option in present):
        raise TypeError(f"no cache codec for a union of {present!r}")
    codecs = tuple(codec(option) for option in present)

    def encode(value: Any, memo: dict[int, int]) -> Any:
        if value is None and optional:
            return None
        for position, option in enumerate(present):
            if type(value) is option:
                return [position, codecs[position][0](value, memo)]
        raise Invalid(f"expected one of {present!r}")

    def decode(value: Any, nodes: list[Any]) -> Any:
        if value is None and optional:
            return None
        if type(value) is not list or len(value) != 2 or type(value[0]) is not int:
            raise Invalid("expected [position, value]")
        return codecs[value[0]][1](value[1], nodes)  # IndexError for a position out of range

    return encode, decode


def _sequence(item: tuple[Encode, Decode]) -> tuple[Encode, Decode]:
    item_encode, item_decode = item

    def encode(value: Any, memo: dict[int, int]) -> Any:
        if type(value) is not tuple:
            raise Invalid("expected a tuple")
        return [item_encode(part, memo) for part in value]

    def decode(value: Any, nodes: list[Any]) -> Any:
        if type(value) is not list:
            raise Invalid("expected a list")
        return tuple([item_decode(part, nodes) for part in value])

    return encode, decode


def _scalars(allowed: frozenset[type]) -> tuple[Encode, Decode]:
    """A tuple of numbers or texts (a text map's positions): checked without a call per item."""

    def encode(value: Any, _memo: dict[int, int]) -> Any:
        if type(value) is not tuple or not allowed.issuperset(map(type, value)):
            raise Invalid("expected a tuple of scalars")
        return list(value)

    def decode(value: Any, _nodes: list[Any]) -> Any:
        if type(value) is not list or not allowed.issuperset(map(type, value)):
            raise Invalid("expected a list of scalars")
        return tuple(value)

    return encode, decode


def _fixed(items: tuple[tuple[Encode, Decode], ...]) -> tuple[Encode, Decode]:
    size = len(items)

    def encode(value: Any, memo: dict[int, int]) -> Any:
        if type(value) is not tuple or len(value) != size:
            raise Invalid(f"expected a tuple of {size}")
        return [pair[0](part, memo) for pair, part in zip(items, value)]

    def decode(value: Any, nodes: list[Any]) -> Any:
        if type(value) is not list or len(value) != size:
            raise Invalid(f"expected a list of {size}")
        return tuple([pair[1](part, nodes) for pair, part in zip(items, value)])

    return encode, decode


def _fixed_scalars(allowed: tuple[frozenset[type], ...]) -> tuple[Encode, Decode]:
    """A tuple of so many scalars (a file-system fact's texts): checked without a call per item."""
    size = len(allowed)
    # Every sequence of types it may hold (a float field takes an int too: a few at most).
    signatures = frozenset(itertools.product(*allowed))

    def check(value: Any, kind: type) -> Any:
        items: Any = value if type(value) is kind else ()  # a list read, a tuple written
        if len(items) != size or tuple(map(type, items)) not in signatures:
            raise Invalid(f"expected {size} scalars")
        return value

    def encode(value: Any, _memo: dict[int, int]) -> Any:
        return list(check(value, tuple))

    def decode(value: Any, _nodes: list[Any]) -> Any:
        return tuple(check(value, list))

    return encode, decode


def _scalar_mapping(allowed: frozenset[type]) -> tuple[Encode, Decode]:
    """Texts to scalars (page paths to their keys): checked without a call per item."""

    def encode(value: Any, _memo: dict[int, int]) -> Any:
        if not isinstance(value, Mapping) or not _STRINGS.issuperset(map(type, value)):
            raise Invalid("expected a mapping with text keys")
        if not allowed.issuperset(map(type, value.values())):
            raise Invalid("expected a mapping of scalars")
        return dict(value)

    def decode(value: Any, _nodes: list[Any]) -> Any:
        if type(value) is not dict or not allowed.issuperset(map(type, value.values())):
            raise Invalid("expected an object of scalars")
        return value  # JSON's keys are texts; the object is this entry's own

    return encode, decode


_STRINGS = frozenset({str})


def _mapping(item: tuple[Encode, Decode]) -> tuple[Encode, Decode]:
    item_encode, item_decode = item

    def encode(value: Any, memo: dict[int, int]) -> Any:
        if not isinstance(value, Mapping):
            raise Invalid("expected a mapping")
        out = {}
        for key, part in value.items():
            if type(key) is not str:
                raise Invalid("expected text keys")
            out[key] = item_encode(part, memo)
        return out

    def decode(value: Any, nodes: list[Any]) -> Any:
        if type(value) is not dict:
            raise Invalid("expected an object")
        return {key: item_decode(part, nodes) for key, part in value.items()}

    return encode, decode


# -- frozen dataclasses --------------------------------------------------------------------------


def _dataclass(kind: type) -> tuple[Encode, Decode]:
    """A node as [field, ...] the first time, then as its position among the nodes written.
    Field codecs are looked up on first use: the tree's types refer to each other. Scalar
    fields (and null in optional ones) are checked in place, without a call per field: most
    fields are text, numbers or absent."""
    names = tuple(f.name for f in fields(kind))
    size = len(names)
    values = attrgetter(*names) if size > 1 else (lambda node: (getattr(node, names[0]),))
    # Per field: the types taken as they are, and the encoder or decoder of any other value.
    puts: list[tuple[tuple[type, ...], Encode]] = []
    steps: list[tuple[tuple[type, ...], Decode]] = []

    def resolve() -> None:
        hints = typing.get_type_hints(kind)
        for name in names:
            hint, plain = hints[name], _plain_types(hints[name])
            puts.append((plain, codec(hint)[0]))
            steps.append((plain, codec(hint)[1]))

    def encode(value: Any, memo: dict[int, int]) -> Any:
        if type(value) is not kind:
            raise Invalid(f"expected {kind.__name__}, got {type(value).__name__}")
        seen = memo.get(id(value))
        if seen is not None:
            return seen
        if not puts:
            resolve()
        out = [
            part if type(part) in plain else put(part, memo)
            for (plain, put), part in zip(puts, values(value))
        ]
        memo[id(value)] = len(memo)
        return out

    def decode(value: Any, nodes: list[Any]) -> Any:
        if type(value) is not list or len(value) != size:
            if type(value) is int and value >= 0:
                node = nodes[value]  # IndexError for a node not read yet
                if type(node) is kind:
                    return node
            raise Invalid(f"expected {kind.__name__} as a list of {size} or a node read before")
        if not steps:
            resolve()
        node = kind(
            *[
                part if type(part) in plain else read(part, nodes)
                for (plain, read), part in zip(steps, value)
            ]
        )
        nodes.append(node)
        return node

    return encode, decode


def _plain_types(hint: Any) -> tuple[type, ...]:
    """The JSON types a field of type `hint` holds as they are (its decoder sees the rest)."""
    if isinstance(hint, type) and hint in _SCALARS:
        return _SCALARS[hint]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if type(None) in options and len(options) == 2:
            inner = next(option for option in options if option is not type(None))
            return (type(None), *_plain_types(inner))
    return ()


# -- plain YAML data (`Any`) ------------------------------------------------------------------------


def _encode_any(value: Any, memo: dict[int, int]) -> Any:
    """A scalar as itself; containers and dates as [tag, payload]."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is list or kind is tuple:
        return ["l" if kind is list else "t", [_encode_any(part, memo) for part in value]]
    if kind is dict:
        return ["d", [[_encode_any(k, memo), _encode_any(v, memo)] for k, v in value.items()]]
    if kind is datetime.date:
        return ["date", value.isoformat()]
    if kind is datetime.datetime:
        return ["datetime", value.isoformat()]
    raise Invalid(f"cannot cache a {kind.__name__}")


def _decode_any(value: Any, nodes: list[Any]) -> Any:
    if type(value) is not list:
        if type(value) in (str, int, float, bool) or value is None:
            return value
        raise Invalid("expected a scalar or a tagged value")
    if len(value) != 2 or type(value[0]) is not str:
        raise Invalid("expected [tag, value]")
    tag, payload = value
    if tag in ("l", "t") and type(payload) is list:
        items = [_decode_any(part, nodes) for part in payload]
        return items if tag == "l" else tuple(items)
    if tag == "d" and type(payload) is list:
        out = {}
        for pair in payload:
            if type(pair) is not list or len(pair) != 2:
                raise Invalid("expected [key, value]")
            key = _decode_any(pair[0], nodes)
            out[key] = _decode_any(pair[1], nodes)  # TypeError for an unhashable key
        return out
    if tag == "date" and type(payload) is str:
        return datetime.date.fromisoformat(payload)
    if tag == "datetime" and type(payload) is str:
        return datetime.datetime.fromisoformat(payload)
    raise Invalid(f"unknown tag {tag!r}")
