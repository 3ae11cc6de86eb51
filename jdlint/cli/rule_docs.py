"""`jdlint rules` and `jdlint explain`, generated from rule metadata so docs cannot drift."""

from __future__ import annotations

import json

from jdlint.catalogue import CATALOGUE
from jdlint.registry import Registry


def _status(registry: Registry, code: str) -> str:
    meta = registry.metas.get(code)
    if meta is None:
        return "planned"
    return "on" if meta.default_enabled else "off"


def rules_rows(registry: Registry) -> list[dict[str, object]]:
    fixable = {r.meta.code for r in registry.rules if r.meta.fixable}
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
                "scope": meta.scope if meta else None,
                "summary": summary,
            }
        )
    return rows


def rules_table(registry: Registry) -> str:
    lines = [f"{'code':6} {'name':30} {'severity':8} {'status':8} {'fix':3}  summary"]
    for row in rules_rows(registry):
        lines.append(
            f"{row['code']:6} {row['name']!s:30} {row['severity'] or '-':8} {row['status']!s:8} "
            f"{'yes' if row['fixable'] else '':3}  {row['summary']}"
        )
    lines.append("")
    lines.append(
        "status: on = runs by default; off = enable with --extend-select; planned = not built yet"
    )
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
    fixable = any(r.meta.code == meta.code and r.meta.fixable for r in registry.rules)
    facts = [
        f"default severity: {meta.severity}",
        f"enabled by default: {'yes' if meta.default_enabled else 'no'}",
        f"scope: {meta.scope}",
        f"fixable: {'yes' if fixable else 'no'}",
    ]
    body = meta.explanation.strip() or meta.summary
    return f"{meta.code} {meta.name}\n\n{meta.summary}\n\n" + "\n".join(facts) + f"\n\n{body}\n"
