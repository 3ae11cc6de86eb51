"""Built-in checks, one module per rule family. Each module exposes `RULES`."""

from __future__ import annotations

from jdlint.checks.meta import ENGINE_RULES

#: Imported when a run needs rules (never at CLI start-up for `--version` and friends).
BUILTIN_MODULES: tuple[str, ...] = (
    "jdlint.checks.structure",
    "jdlint.checks.layout",
    "jdlint.checks.frontmatter",
    "jdlint.checks.links",
    "jdlint.checks.boilerplate",
    "jdlint.checks.lists",
    "jdlint.checks.placeholders",
    "jdlint.checks.wording",
    "jdlint.checks.matrix",
    "jdlint.checks.grades",
    "jdlint.checks.grade_links",
    "jdlint.checks.grade_conflicts",
    "jdlint.checks.split_grades",
    "jdlint.checks.conventions",
    # before titles: JD303's page-scope metadata (from titles) is the one `jdlint rules` shows
    "jdlint.checks.role_references",
    "jdlint.checks.titles",
    "jdlint.checks.gendered_titles",
    "jdlint.checks.pay",
)

__all__ = ["BUILTIN_MODULES", "ENGINE_RULES"]
