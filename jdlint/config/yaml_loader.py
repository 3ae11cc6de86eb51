"""YAML from files a repository holds (front matter, config): safe and bounded.

The safe loader constructs only plain data (no `!!python/...` tags). On top of it, the number
of values the document expands to is capped, so an alias bomb ("billion laughs": nine lists of
nine references to the list before) is refused before anything walks it, and nesting so deep
that the parser would exhaust the stack is an error rather than a crash.
"""

from __future__ import annotations

from typing import Any

import yaml

#: libyaml's safe loader when PyYAML was built with it (several times faster), else Python's.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLLimitError(yaml.YAMLError):
    """The document is too large or too deeply nested once its aliases are expanded."""


def load_bounded(text: str, max_values: int) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (for line numbers).

    Raises `yaml.YAMLError` (a `MarkedYAMLError` with a position where YAML has one).
    """
    loader = _SAFE_LOADER(text)
    try:
        try:
            node = loader.get_single_node()
            if node is None:
                return None, None
            _check_size(node, max_values)
            return loader.construct_document(node), node
        except RecursionError:
            raise YAMLLimitError("nested too deeply") from None
    finally:
        loader.dispose()


def _check_size(root: yaml.Node, max_values: int) -> None:
    """Count values as the loaded data would hold them: an alias counts once per use."""
    budget = max_values
    stack = [root]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise YAMLLimitError(f"expands to more than {max_values:,} values (alias bomb?)")
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)


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
