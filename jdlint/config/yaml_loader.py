"""The one YAML loader: config, front matter, rule packs and shipped data all read YAML here.

Everything a checked repository holds is attacker-controlled, so loading is safe and bounded:

- the safe loader constructs only plain data (no `!!python/...` tags);
- the text is size-capped before parsing;
- while libyaml streams its events, the values the document expands to (an alias counts once
  per use, as the loaded data holds it) and the nesting depth are counted, so an alias bomb
  ("billion laughs") or a 100,000-level list is refused before anything is built or recursed;
- the whole load has a time budget, checked as events arrive;
- values YAML recognises but Python cannot build (`2001-13-45`, an int of 5,000 digits,
  `!!bool maybe`) are YAML errors with a position, not exceptions from deep inside PyYAML.

Every refusal is a `yaml.MarkedYAMLError`, so callers turn all of them into one-line errors
naming file and line the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, Event, ScalarEvent
from yaml.resolver import Resolver

try:  # libyaml's event parser when PyYAML was built with it (several times faster)
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _EventParser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)


_CHECK_CLOCK_EVERY = 512  # events between looks at the clock


@dataclass(frozen=True)
class YAMLBounds:
    """What one document may cost; the defaults are far above any real config or pack."""

    max_bytes: int = 1024 * 1024
    max_values: int = 100_000
    max_depth: int = 64
    max_seconds: float = 5.0


class YAMLLimitError(yaml.MarkedYAMLError):
    """The document is too large, too deeply nested or too slow to load."""

    def __init__(self, problem: str, mark: Any = None) -> None:  # yaml.Mark or libyaml's
        super().__init__(problem=problem, problem_mark=mark)


def load_bounded(text: str, bounds: YAMLBounds) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (for line numbers).

    Raises `yaml.YAMLError` (a `MarkedYAMLError` with a position where YAML has one).
    """
    if len(text) * 4 > bounds.max_bytes and len(text.encode("utf-8", "replace")) > bounds.max_bytes:
        raise YAMLLimitError(f"document is larger than {bounds.max_bytes:,} bytes")
    loader = _BoundedLoader(text, bounds)
    try:
        try:
            node = loader.get_single_node()
            if node is None:
                return None, None
            return loader.construct_document(node), node
        except RecursionError:  # not reached within max_depth; a last line of defence
            raise YAMLLimitError("nested too deeply") from None
        except yaml.reader.ReaderError as error:  # a control character: no mark, several lines
            raise _reader_problem(text, error) from None
    finally:
        loader.dispose()


def _reader_problem(text: str, error: yaml.reader.ReaderError) -> yaml.MarkedYAMLError:
    character = error.character
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    line = text.count("\n", 0, error.position)
    column = error.position - (text.rfind("\n", 0, error.position) + 1)
    mark = yaml.Mark("<unicode string>", error.position, line, column, None, 0)
    return yaml.MarkedYAMLError(
        problem=f"unacceptable character #x{code:04x}: {error.reason}", problem_mark=mark
    )


class _Budget:
    """Counts a stream of events against the bounds: values once expanded, depth, time."""

    def __init__(self, bounds: YAMLBounds) -> None:
        self.bounds = bounds
        self.values = 0
        self.events = 0
        self.open: list[tuple[str | None, int]] = []  # (anchor, values before it) per collection
        self.sizes: dict[str, int] = {}  # anchor -> values it expands to
        self.deadline = time.monotonic() + bounds.max_seconds

    def count(self, event: Event) -> None:
        self.events += 1
        if self.events % _CHECK_CLOCK_EVERY == 0 and time.monotonic() > self.deadline:
            raise YAMLLimitError(
                f"took longer than {self.bounds.max_seconds:g} s to load", event.start_mark
            )
        if isinstance(event, AliasEvent):
            self._add(self.sizes.get(str(event.anchor), 1), event)
        elif isinstance(event, ScalarEvent):
            self._add(1, event)
            if event.anchor is not None:
                self.sizes[event.anchor] = 1
        elif isinstance(event, CollectionStartEvent):
            if len(self.open) >= self.bounds.max_depth:
                raise YAMLLimitError(
                    f"nested more than {self.bounds.max_depth} levels deep", event.start_mark
                )
            self.open.append((event.anchor, self.values))
            self._add(1, event)
        elif isinstance(event, CollectionEndEvent) and self.open:
            anchor, before = self.open.pop()
            if anchor is not None:
                self.sizes[anchor] = self.values - before

    def _add(self, values: int, event: Event) -> None:
        self.values += values
        if self.values > self.bounds.max_values:
            raise YAMLLimitError(
                f"expands to more than {self.bounds.max_values:,} values (alias bomb?)",
                event.start_mark,
            )


class _BoundedLoader(Composer, _EventParser, SafeConstructor, Resolver):  # type: ignore[misc]
    """libyaml's events, composed in Python so each event is counted before it is used."""

    def __init__(self, text: str, bounds: YAMLBounds) -> None:
        _EventParser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._budget = _Budget(bounds)

    def get_event(self) -> Event:
        event = _EventParser.get_event(self)
        assert event is not None, "the composer reads no further than the stream's end"
        self._budget.count(event)
        return event

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as error:
            # PyYAML's constructors trust the resolver's regexes, and a tag (`!!timestamp soon`,
            # `!!bool maybe`, `!!int ''`) forces one onto any text: month 13, a zone of +99:00,
            # 5,000 digits or a failed match raise from Python or the standard library.
            value = repr(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
            value = value if len(value) <= 40 else value[:37] + "..."
            why = f": {error!s:.100}" if isinstance(error, (ValueError, OverflowError)) else ""
            problem = f"cannot read {value} as {node.tag.rsplit(':', 1)[-1]}{why}"
            raise ConstructorError(None, None, problem, node.start_mark) from None

    def dispose(self) -> None:
        _EventParser.dispose(self)


def duplicate_key(root: yaml.Node | None) -> tuple[str, int] | None:
    """The first key written twice in one mapping, with its 1-based line, if any."""
    stack = [root] if root is not None else []
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        return str(key.value), int(key.start_mark.line) + 1
                    keys.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def problem(error: yaml.MarkedYAMLError) -> str:
    """What is wrong, in one phrase ("expected a single document ... but found another")."""
    text = error.problem or str(error)
    if text.startswith("but ") and error.context:
        text = f"{error.context} {text}"
    return " ".join(text.split())
