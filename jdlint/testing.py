"""Data-driven rule cases: how jdlint's own rules are tested, shipped for plugin authors.

A case file is YAML, one per rule::

    rule: JD101
    cases:
      missing_requirements:
        fail: "## Widget Engineer\\n\\n### Responsibilities\\n\\n- Build widgets\\n"
        expect: [{line: 1, column: 1, message: "has no Requirements section"}]
      all_present:
        pass: "## Widget Engineer\\n\\n### Responsibilities\\n\\n- x\\n\\n### Requirements\\n\\n- y\\n"

A case has `pass` or `fail`: a page's text, `!!binary` bytes (for encodings and unreadable
files), or a mapping of path to text for handbook-scope rules (several pages checked together).
`fail` cases list the exact findings in `expect` (`line`, `column`, optional `message`
fragment, `end_column` and `path`); `fixed` is the page after `--fix` applies the rule's safe
fixes to a fixed point (`unsafe-fixes: true` adds the unsafe ones); `config` holds config-file keys, validated like a config file's;
`path` names the page (default `job-families/page.md`: a case is a job page, see
jdlint/domain/page_kind.py, unless it names another path). Only the file's rule runs, with those the case's
`extend-select` adds (JD003 needs a rule whose finding a suppression hides); only the file's
rule's findings are compared.

In a plugin's tests::

    from jdlint.testing import case_params, check_case
    from my_plugin import RULES

    @pytest.mark.parametrize("case", case_params("tests/cases"))
    def test_rule_case(case):
        check_case(case, rules=RULES)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdlint import api
from jdlint.config.settings import settings_from_mapping
from jdlint.errors import ConfigError
from jdlint.findings import Finding
from jdlint.rules import Rule

Page = str | bytes | Mapping[str, str | bytes]


#: Where a case's page is, unless it says: in a job family, so that small fragments with no other
#: sign of a job page still get the job-page rules (JD1xx-JD3xx).
CASE_PATH = "job-families/page.md"
#: Codes no page shows with the shipped checks: JD004 reports a check that failed (a bug), and
#: none fails on purpose. Their case files hold quiet cases only (tests/test_hostile.py makes a
#: test check fail).
QUIET_ONLY = frozenset({"JD004"})


@dataclass(frozen=True)
class RuleCase:
    """One case of one rule, as read from its file."""

    code: str
    name: str
    source: Path
    passes: bool  # a `pass` case: the rule must stay quiet
    page: Page
    expect: tuple[Mapping[str, Any], ...] = ()
    config: Mapping[str, Any] = field(default_factory=dict)
    path: str = CASE_PATH
    fixed: str | None = None
    unsafe_fixes: bool = False  # `fixed` with `--unsafe-fixes`

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def load_case_file(path: Path) -> list[RuleCase]:
    """Every case of one file; a malformed file is a ConfigError naming it and the case."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not a readable case file: {error}") from error
    return parse_case_file(text, path)


def parse_case_file(text: str, path: Path) -> list[RuleCase]:
    """The cases of one case file's text (`path` names it in errors and in each case)."""
    from jdlint.config.yaml_loader import YAMLBounds, load_bounded

    try:
        data, _node = load_bounded(text, YAMLBounds())
    except Exception as error:  # any YAML problem: say which file
        raise ConfigError(f"{path}: not a readable case file: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("rule"), str):
        raise ConfigError(f"{path}: expected a mapping with 'rule' and 'cases'")
    cases = data.get("cases")
    if not isinstance(cases, dict) or not cases:
        raise ConfigError(f"{path}: 'cases' must be a non-empty mapping of case names")
    return [_case(path, data["rule"], str(name), spec) for name, spec in cases.items()]


def load_cases(folder: str | Path) -> list[RuleCase]:
    """The cases of every `*.yml` file in `folder`, in file order."""
    out: list[RuleCase] = []
    for path in sorted(Path(folder).glob("*.yml")):
        out.extend(load_case_file(path))
    return out


def _case(path: Path, code: str, name: str, spec: Any) -> RuleCase:
    where = f"{path}: case {name!r}"
    if not isinstance(spec, dict) or ("pass" in spec) == ("fail" in spec):
        raise ConfigError(f"{where}: give exactly one of 'pass' and 'fail'")
    passes = "pass" in spec
    expect = spec.get("expect", [])
    if passes and expect:
        raise ConfigError(f"{where}: a 'pass' case expects no findings")
    if not passes and not (isinstance(expect, list) and expect):
        raise ConfigError(f"{where}: a 'fail' case lists its findings in 'expect'")
    for item in expect:
        if not isinstance(item, dict) or not {"line", "column"} <= item.keys():
            raise ConfigError(f"{where}: each expected finding has 'line' and 'column'")
    return RuleCase(
        code=code,
        name=name,
        source=path,
        passes=passes,
        page=spec["pass"] if passes else spec["fail"],
        expect=tuple(expect),
        config=spec.get("config") or {},
        path=spec.get("path", CASE_PATH),
        fixed=spec.get("fixed"),
        unsafe_fixes=bool(spec.get("unsafe-fixes", False)),
    )


def run_case(case: RuleCase, rules: Sequence[Rule] = ()) -> list[Finding]:
    """The findings of the case's rule on the case's page(s), sorted."""
    session = _session(case, rules)
    pages = case.page if isinstance(case.page, Mapping) else {case.path: case.page}
    return [f for f in api.check_pages(pages, session) if f.code == case.code]


def _session(case: RuleCase, rules: Sequence[Rule]) -> api.Session:
    origin = case.source.with_name(f"{case.source.stem}.{case.name}.config")
    settings = settings_from_mapping(case.config, origin) if case.config else None
    return api.session_for_rules([case.code], settings, extra=rules)


def problems(case: RuleCase, rules: Sequence[Rule] = ()) -> list[str]:
    """What is wrong with the rule on this case; empty when the case holds."""
    found = run_case(case, rules)
    shown = [f"{f.path}:{f.span.line}:{f.span.col} {f.message}" for f in found]
    if case.passes:
        return [f"expected no findings, got: {line}" for line in shown]
    got = [(f.span.line, f.span.col) for f in found]
    want = [(e["line"], e["column"]) for e in case.expect]
    if got != want:
        return [f"expected findings at {want}, got {got}: {shown}"]
    out: list[str] = []
    for finding, expected in zip(found, case.expect):
        if expected.get("message", "") not in finding.message:
            out.append(f"message {finding.message!r} lacks {expected['message']!r}")
        if "end_column" in expected and finding.span.end_col != expected["end_column"]:
            out.append(f"end column {finding.span.end_col}, expected {expected['end_column']}")
        if "path" in expected and finding.path != expected["path"]:
            out.append(f"path {finding.path!r}, expected {expected['path']!r}")
    if case.fixed is not None:
        after = fixed_text(case, rules)
        if after != case.fixed:
            out.append(f"after --fix: {after!r}, expected {case.fixed!r}")
    return out


def fixed_text(case: RuleCase, rules: Sequence[Rule] = ()) -> str:
    """The case's page after its rule's fixes, applied as `--fix` applies them."""
    from jdlint.fix.fixed_point import fix_text

    if not isinstance(case.page, str):
        raise ConfigError(f"{case.source}: case {case.name!r}: 'fixed' needs a text page")
    session = _session(case, rules)

    def check(text: str) -> list[Finding]:
        return [f for f in api.check_pages({case.path: text}, session) if f.code == case.code]

    return fix_text(case.page, check, unsafe=case.unsafe_fixes).text


def check_case(case: RuleCase, rules: Sequence[Rule] = ()) -> None:
    """Raise AssertionError listing what is wrong, for test runners."""
    found = problems(case, rules)
    if found:
        raise AssertionError(f"{case.id} ({case.source}):\n" + "\n".join(found))


def case_params(folder: str | Path) -> list[Any]:
    """`pytest.param`s of every case in `folder`, with readable ids."""
    import pytest

    return [pytest.param(case, id=case.id) for case in load_cases(folder)]
