"""`jdlint rules` and `jdlint explain`, generated from rule metadata so docs cannot drift."""

from __future__ import annotations

import json

from jdlint.catalogue import CATALOGUE
from jdlint.registry import Registry
from jdlint.rules import RuleMeta


def _status(registry: Registry, code: str) -> str:
    meta = registry.metas.get(code)
    if meta is None:
        return "planned"
    return "on" if meta.default_enabled else "off"


def rules_rows(registry: Registry) -> list[dict[str, object]]:
    fixable = {r.meta.code for r in registry.rules if r.meta.fixable}
    unsafe = {r.meta.code for r in registry.rules if r.meta.unsafe_fixes}
    rows: list[dict[str, object]] = []
    codes = dict.fromkeys([c for c, _, _ in CATALOGUE] + list(registry.metas))
    catalogue = {code: (name, summary) for code, name, summary in CATALOGUE}
    for code in sorted(codes):
        meta = registry.metas.get(code)
        name, summary = (meta.name, meta.summary) if meta else catalogue[code]
        rows.append(
            {
                "code": code,
                "name": name,
                "severity": str(meta.severity) if meta else None,
                "status": _status(registry, code),
                "fixable": code in fixable,
                "fix": ("unsafe" if code in unsafe else "safe") if code in fixable else None,
                "scope": meta.scope if meta else None,
                "summary": summary,
            }
        )
    return rows


def rules_table(registry: Registry) -> str:
    lines = [f"{'code':6} {'name':30} {'severity':8} {'status':8} {'fix':6}  summary"]
    for row in rules_rows(registry):
        lines.append(
            f"{row['code']:6} {row['name']!s:30} {row['severity'] or '-':8} {row['status']!s:8} "
            f"{row['fix'] or '':6}  {row['summary']}"
        )
    lines.append("")
    lines.append(
        "status: on = runs by default; off = enable with --extend-select; planned = not built yet"
    )
    lines.append("fix: safe = applied by --fix; unsafe = applied only with --fix --unsafe-fixes")
    return "\n".join(lines)


def rules_json(registry: Registry) -> str:
    return json.dumps(rules_rows(registry), indent=2)


def explain_rule(registry: Registry, key: str) -> str | None:
    meta = registry.resolve(key)
    if meta is None:
        for code, name, summary in CATALOGUE:
            if key.upper() == code or key.lower() == name:
                return f"{code} {name} (planned, not implemented yet)\n\n{summary}\n"
        return None
    facts = explain_facts(registry, meta)
    body = meta.explanation.strip() or meta.summary
    return f"{meta.code} {meta.name}\n\n{meta.summary}\n\n" + "\n".join(facts) + f"\n\n{body}\n"


def explain_facts(registry: Registry, meta: RuleMeta) -> list[str]:
    """The facts `jdlint explain` and the docs site list for a rule."""
    rule = next((r.meta for r in registry.rules if r.meta.code == meta.code), meta)
    if not rule.fixable:
        fixable = "no"
    elif rule.unsafe_fixes:
        fixable = "only with --unsafe-fixes (the fix needs a human's eye)"
    else:
        fixable = "yes (--fix)"
    return [
        f"default severity: {meta.severity}",
        f"enabled by default: {'yes' if meta.default_enabled else 'no'}",
        f"scope: {meta.scope}",
        f"fixable: {fixable}",
    ]
