"""Which rules exist and which run: built-ins, entry-point plugins, select/ignore.

Selection follows ruff: a selector is a code ("JD301"), a prefix ("JD3", "JD"), a name
("title-mismatch") or "ALL"; for each rule the longest matching selector decides, and at
equal length `ignore` wins over `select`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, reduce

from jdlint.checks import BUILTIN_MODULES, ENGINE_RULES
from jdlint.errors import ConfigError, did_you_mean
from jdlint.rules import Rule, RuleMeta

ENTRY_POINT_GROUP = "jdlint.checks"
#: A plugin's entry point: its name and its object reference ("module:attribute").
PluginPoint = tuple[str, str]
#: `importlib.metadata.EntryPoint.pattern`: how an entry point names the object it exposes.
_REFERENCE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@dataclass(frozen=True)
class Registry:
    rules: tuple[Rule, ...]  # every check, in code order (a code may have several)
    engine_rules: tuple[RuleMeta, ...]  # findings the engine itself emits (JD001-JD003)
    plugins: tuple[PluginPoint, ...] = ()  # the entry points its plugin rules came from

    @cached_property
    def metas(self) -> dict[str, RuleMeta]:
        """Code to metadata, computed once (meta, resolve and is_known ask it repeatedly)."""
        out = {meta.code: meta for meta in self.engine_rules}
        out.update((r.meta.code, r.meta) for r in self.rules)
        return dict(sorted(out.items()))

    def meta(self, code: str) -> RuleMeta:
        return self.metas[code]

    def resolve(self, key: str) -> RuleMeta | None:
        """A rule by code or name, case-insensitively."""
        key = key.strip()
        for meta in self.metas.values():
            if key.upper() == meta.code or key.lower() == meta.name:
                return meta
        return None

    def is_known(self, key: str) -> bool:
        """A code, a name, or a prefix of at least one code."""
        upper = key.strip().upper()
        if upper == "ALL" or self.resolve(key) is not None:
            return True
        return upper.startswith("JD") and any(code.startswith(upper) for code in self.metas)

    def suggestion(self, key: str) -> str:
        """ " (did you mean 'JD101'?)" for a near miss: letters O, I, l typed for 0 and 1 first."""
        digits = key.upper()[:2] + key.upper()[2:].translate(str.maketrans("OIL", "011"))
        if self.resolve(digits) is not None:
            return f" (did you mean {digits!r}?)"
        return did_you_mean(key, [*self.metas, *(m.name for m in self.metas.values())])

    def selected(
        self,
        select: Sequence[str] | None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> frozenset[str]:
        """Codes that run. `select=None` means the rules enabled by default."""
        for key in [*(select or ()), *ignore, *extend_select]:
            if not self.is_known(key):
                raise ConfigError(f"unknown rule code or name {key!r}{self.suggestion(key)}")
        chosen = set()
        for meta in self.metas.values():
            base = meta.default_enabled if select is None else False
            best = _longest(meta, [*(select or ()), *extend_select])
            worst = _longest(meta, ignore)
            if best > 0 and best > worst or worst == 0 and best == 0 and base:
                chosen.add(meta.code)
        return frozenset(chosen)


def _longest(meta: RuleMeta, selectors: Iterable[str]) -> int:
    best = 0
    for key in selectors:
        key = key.strip()
        if key.upper() == "ALL":
            best = max(best, 1)
        elif key.lower() == meta.name or key.upper() == meta.code:
            best = max(best, 10)
        elif meta.code.startswith(key.upper()):
            best = max(best, 1 + len(key))
    return best


def load_registry(
    extra: Sequence[Rule] = (),
    plugins: bool = True,
    points: Sequence[PluginPoint] | None = None,
) -> Registry:
    """Built-in rules, then plugins, then `extra` (rule packs). A code may have several checks.
    `points`: the plugins' entry points when they are known (`plugin_points`, as an earlier
    run with the same installed distributions found them: `jdlint.engine.fast_start`)."""
    rules: list[Rule] = []
    for module_name in BUILTIN_MODULES:
        rules.extend(importlib.import_module(module_name).RULES)
    builtin_codes = {item.meta.code for item in rules}
    used = (plugin_points() if points is None else tuple(points)) if plugins else ()
    rules.extend(p for p in _plugin_rules(used) if p.meta.code not in builtin_codes)
    rules.extend(extra)
    ordered = tuple(sorted(rules, key=lambda r: r.meta.code))
    return Registry(ordered, ENGINE_RULES, used)


def plugin_points() -> tuple[PluginPoint, ...]:
    """The installed plugins' entry points. `importlib.metadata` is imported only here: it
    costs more than a pre-commit hook's whole check of one page in a small handbook."""
    from importlib.metadata import entry_points

    return tuple((entry.name, entry.value) for entry in entry_points(group=ENTRY_POINT_GROUP))


def _plugin_rules(points: Sequence[PluginPoint]) -> list[Rule]:
    found: list[Rule] = []
    for name, reference in points:
        try:
            loaded = _load(reference)
        except Exception as error:  # a broken plugin must not take the run down
            raise ConfigError(f"plugin {name!r} failed to load: {error}") from error
        items = loaded if isinstance(loaded, (list, tuple)) else [loaded]
        for item in items:
            if not isinstance(item, Rule):
                raise ConfigError(f"plugin {name!r} exposes {item!r}, not a jdlint Rule")
            found.append(item)
    return found


def _load(reference: str) -> object:
    """What `importlib.metadata.EntryPoint.load` gives for an entry point's object reference."""
    match = _REFERENCE.match(reference)
    if match is None:
        raise ValueError(f"{reference!r} is not an object reference (module:attribute)")
    module = importlib.import_module(match.group("module"))
    attributes = filter(None, (match.group("attr") or "").split("."))
    return reduce(getattr, attributes, module)
