"""Rule documentation generated from the rules themselves: `jdlint rules`, `jdlint explain`, the
README's rule table and the language server's hover all read the metadata and the first cases,
so the docs cannot drift from what the rules do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdlint.registry import Registry
from jdlint.rules import RuleMeta

if TYPE_CHECKING:
    from jdlint.testing import RuleCase


def rules_rows(registry: Registry) -> list[dict[str, object]]:
    fixable = _fixable(registry)
    unsafe = {r.meta.code for r in registry.rules if r.meta.unsafe_fixes}
    return [
        {
            "code": meta.code,
            "name": meta.name,
            "severity": str(meta.severity),
            "status": "on" if meta.default_enabled else "off",
            "fixable": meta.code in fixable,
            # safe: applied by --fix; unsafe: offered, applied only with --unsafe-fixes
            "fix": ("unsafe" if meta.code in unsafe else "safe") if meta.code in fixable else None,
            "scope": meta.scope,
            "summary": meta.summary,
        }
        for meta in registry.metas.values()
    ]


def _fixable(registry: Registry) -> set[str]:
    return {r.meta.code for r in registry.rules if r.meta.fixable}


def rules_table(registry: Registry) -> str:
    lines = [f"{'code':6} {'name':30} {'severity':8} {'status':6} {'fix':6}  summary"]
    for row in rules_rows(registry):
        lines.append(
            f"{row['code']:6} {row['name']!s:30} {row['severity']!s:8} {row['status']!s:6} "
            f"{row['fix'] or '':6}  {row['summary']}"
        )
    lines.append("")
    lines.append("status: on = runs by default; off = enable with --extend-select")
    lines.append("fix: safe = applied by --fix; unsafe = applied only with --fix --unsafe-fixes")
    return "\n".join(lines)


def rules_json(registry: Registry) -> str:
    return json.dumps(rules_rows(registry), indent=2)


def rules_markdown(registry: Registry) -> str:
    """The README's rule table."""
    lines = ["| code | name | default | fix | what it reports |", "| --- | --- | --- | --- | --- |"]
    for row in rules_rows(registry):
        default = f"{row['severity']}" if row["status"] == "on" else "off"
        fix = str(row["fix"] or "")
        lines.append(f"| {row['code']} | `{row['name']}` | {default} | {fix} | {row['summary']} |")
    return "\n".join(lines) + "\n"


def explain_rule(registry: Registry, key: str) -> str | None:
    meta = registry.resolve(key)
    if meta is None:
        return None
    facts = explain_facts(registry, meta)
    body = meta.explanation.strip() or meta.summary
    text = f"{meta.code} {meta.name}\n\n{meta.summary}\n\n" + "\n".join(facts) + f"\n\n{body}\n"
    return text + _examples(meta)


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


def _examples(meta: RuleMeta) -> str:
    """The rule's first reported and first quiet case, from its shipped case file."""
    cases = _cases(meta.code)
    fail = next((c for c in cases if not c.passes), None)
    quiet = next((c for c in cases if c.passes), None)
    out = ""
    if fail is not None:
        where = ", ".join(
            f"{e['line']}:{e['column']}" + (f" {e['message']}" if e.get("message") else "")
            for e in fail.expect
        )
        out += f"\nExample, reported at {where}:\n\n{_page(fail.page)}"
    if quiet is not None:
        out += f"\nExample, not reported:\n\n{_page(quiet.page)}"
    return out


def _page(page: Any) -> str:
    """A case's page as an indented block: text, bytes (shown as Python would), or several
    pages checked together, each under its path."""
    if isinstance(page, dict):
        return "".join(f"  {path}:\n\n{_indent(str(text))}\n" for path, text in page.items())
    if isinstance(page, bytes):
        return _indent(f"(bytes) {page!r}")
    return _indent(str(page))


def _cases(code: str) -> list[RuleCase]:
    """The shipped cases of a built-in rule, read as `jdlint.testing` reads them; none for a
    plugin's rule (no shipped file) or a file that does not load."""
    from jdlint.errors import ConfigError
    from jdlint.fs.shipped import rule_cases
    from jdlint.testing import parse_case_file

    item = rule_cases() / f"{code}.yml"
    try:
        return parse_case_file(item.read_text(encoding="utf-8"), Path(f"{code}.yml"))
    except (OSError, UnicodeDecodeError, ConfigError):
        return []


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in text.rstrip("\n").split("\n"))
