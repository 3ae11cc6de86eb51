"""Built-in checks, pure: one module per rule (a few older ones hold a family of rules), and the
helpers several rules share. Each rule module exposes `RULES`; `BUILTIN_MODULES` lists them.

The order of `BUILTIN_MODULES` is the order of a code's checks when several modules declare
one code, so a split keeps each code's modules in place.
"""

from __future__ import annotations

from jdlint.checks.meta import ENGINE_RULES

#: Imported when a run needs rules (never at CLI start-up for `--version` and friends).
BUILTIN_MODULES: tuple[str, ...] = (
    "jdlint.checks.missing_section",
    "jdlint.checks.family_section_nesting",
    "jdlint.checks.empty_section",
    "jdlint.checks.pseudo_heading",
    "jdlint.checks.missing_structure",
    "jdlint.checks.layout",
    "jdlint.checks.frontmatter",
    "jdlint.checks.links",
    "jdlint.checks.duplicate_boilerplate",
    "jdlint.checks.boilerplate_drift",
    "jdlint.checks.duplicate_item",
    "jdlint.checks.dangling_list_intro",
    "jdlint.checks.collapsed_list",
    "jdlint.checks.count_mismatch",
    "jdlint.checks.placeholders",
    "jdlint.checks.wording",
    "jdlint.checks.matrix",
    "jdlint.checks.grades",
    "jdlint.checks.grade_links",
    "jdlint.checks.grade_conflicts",
    "jdlint.checks.split_grades",
    "jdlint.checks.conventions",
    "jdlint.checks.role_references",
    "jdlint.checks.titles",
    "jdlint.checks.gendered_titles",
    "jdlint.checks.pay",
)

__all__ = ["BUILTIN_MODULES", "ENGINE_RULES"]
