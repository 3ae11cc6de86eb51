"""Rule packs as a handbook maintainer meets them: own packs, bad packs, slow patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.config.settings import Settings
from jdlint.engine.checking import Engine
from jdlint.errors import ConfigError
from jdlint.registry import load_registry
from jdlint.rulepacks.loader import load_packs
from jdlint.rulepacks.patterns import TIMEOUT


def _pack(root: Path, name: str, meta: str, **rules: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "pack.yml").write_text(meta, encoding="utf-8")
    for rule_name, text in rules.items():
        (folder / f"{rule_name}.yml").write_text(text, encoding="utf-8")
    return folder


def _settings(tmp_path: Path, *packs: str) -> Settings:
    config = tmp_path / ".jdlint.yaml"
    config.write_text("rule-packs: [" + ", ".join(packs) + "]\n", encoding="utf-8")
    return Settings(path=config, rule_packs=packs)


def _check(settings: Settings, code: str, text: str) -> list[str]:
    registry = load_registry(extra=load_packs(settings), plugins=False)
    engine = Engine(settings, registry, frozenset({code}))
    return [f"{f.span.line}:{f.span.col} {f.message}" for f in engine.check_text("page.md", text)]


def test_shipped_packs_are_registered_with_their_metadata():
    metas = load_registry(extra=load_packs(Settings()), plugins=False).metas
    assert metas["JD601"].name == "terminology" and metas["JD601"].fixable
    assert not metas["JD603"].default_enabled and not metas["JD605"].default_enabled
    assert metas["JD604"].default_enabled
    assert all(metas[c].explanation for c in ("JD601", "JD603", "JD604", "JD605"))


def test_user_pack_with_its_own_code(tmp_path):
    _pack(
        tmp_path,
        "house",
        "code: JD901\nname: house-style\nsummary: House words.\nseverity: warning\n",
        banned="kind: existence\ntokens: {synergy: {reason: buzzword, suggestion: say what you mean}}\n",
    )
    found = _check(_settings(tmp_path, "house"), "JD901", "Find synergy here.\n")
    assert found == ['1:6 "synergy": buzzword']


def test_user_pack_adds_rules_to_a_shipped_code(tmp_path):
    _pack(
        tmp_path,
        "terms",
        "code: JD601\n",
        widgets="kind: substitution\nswap: {Widgetco: WidgetCo}\n",
    )
    found = _check(_settings(tmp_path, "terms"), "JD601", "Widgetco and Gitlab.\n")
    assert found == [
        '1:1 use "WidgetCo" instead of "Widgetco"',
        '1:14 write "GitLab", not "Gitlab"',
    ]


@pytest.mark.parametrize(
    ("meta", "rule", "problem"),
    [
        (
            "code: JD602\nname: x\nsummary: y\nseverity: info\n",
            "",
            "rule 'pack': code JD602 belongs to a built-in check",
        ),
        ("code: JD900\n", "", "JD900 is no existing pack's code"),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: loud\n",
            "",
            "rule 'pack': key 'severity': expected one of",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: existance\ntokens: [a]\n",
            "rule 'bad': kind 'existance' is not one of",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: existence\ntokens: ['(unclosed']\nregex: true\n",
            "rule 'bad': invalid regular expression '(unclosed'",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: existence\ntokens: [a]\nmessage: '{nope}'\n",
            "rule 'bad': message uses {nope}",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: existence\ntokens: [" + "a" * 1001 + "]\n",
            "rule 'bad': key 'tokens'",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: substitution\nswap: {a: b}\nextra: 1\n",
            "rule 'bad': unknown key 'extra'",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: existence\ntokens: [a\n",
            "rule 'bad': invalid YAML",
        ),
        (  # a list or mapping as the kind is unhashable: it must be an error, not a crash
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: [existence]\ntokens: [a]\n",
            "rule 'bad': kind ['existence'] is not one of",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity: info\n",
            "kind: {existence: 1}\ntokens: [a]\n",
            "rule 'bad': kind {'existence': 1} is not one of",
        ),
    ],
)
def test_bad_pack_names_file_rule_and_problem(tmp_path, meta, rule, problem):
    rules = {"bad": rule} if rule else {}
    folder = _pack(tmp_path, "broken", meta, **rules)
    with pytest.raises(ConfigError) as caught:
        load_packs(_settings(tmp_path, "broken"))
    message = str(caught.value)
    assert str(folder) in message and problem in message, message


META = "code: JD900\nname: x\nsummary: y\nseverity: info\n"


@pytest.mark.parametrize(
    ("meta", "rule", "where", "problem"),
    [
        (META, "kind: existence\nmessage: x\n", "bad.yml:1", "rule 'bad': missing key 'tokens'"),
        (
            META,
            "kind: existence\nmessage: 5\ntokens: [a]\n",
            "bad.yml:2",
            "rule 'bad': key 'message': expected string, got int 5",
        ),
        (
            META,
            "# a comment\n\nkind: existance\ntokens: [a]\n",
            "bad.yml:3",
            "kind 'existance' is not one of substitution, existence, occurrence, repetition, "
            "consistency, coded-words, spelling (did you mean 'existence'?)",
        ),
        (
            "code: JD900\nname: x\nseverity: info\n",
            "",
            "pack.yml:1",
            "rule 'pack': key 'name' needs key 'summary' beside it",
        ),
        (
            "code: JD900\nname: x\nsummary: y\nseverity:\n  - info\n",
            "",
            "pack.yml:5",
            "rule 'pack': key 'severity': expected one of",
        ),
    ],
)
def test_bad_pack_error_names_the_line(tmp_path, meta, rule, where, problem):
    """A schema error in a pack file names its line: the key's, or the mapping's that lacks one."""
    rules = {"bad": rule} if rule else {}
    folder = _pack(tmp_path, "broken", meta, **rules)
    with pytest.raises(ConfigError) as caught:
        load_packs(_settings(tmp_path, "broken"))
    message = str(caught.value)
    assert message.startswith(f"{folder}/{where}: "), message
    assert problem in message, message


def test_bad_pack_exits_2_from_the_cli(tmp_path, run_cli):
    _pack(
        tmp_path, "broken", "code: JD900\nname: x\nsummary: y\nseverity: info\n", bad="kind: nope\n"
    )
    _settings(tmp_path, "broken")
    page = tmp_path / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    assert "broken/bad.yml:1: rule 'bad': kind 'nope'" in result.output
    assert "Traceback" not in result.output


def test_missing_pack_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="is not a rule pack"):
        load_packs(_settings(tmp_path, "nowhere"))


def test_catastrophic_pattern_times_out_instead_of_hanging(tmp_path):
    _pack(
        tmp_path,
        "slow",
        "code: JD902\nname: slow\nsummary: Slow.\nseverity: warning\n",
        backtrack="kind: existence\nregex: true\ntokens: ['(a|aa)+b']\n",
    )
    import time

    started = time.monotonic()
    found = _check(_settings(tmp_path, "slow"), "JD902", "a" * 5000 + "\n")
    assert time.monotonic() - started < 20 * TIMEOUT
    assert len(found) == 1 and "gave up" in found[0] and "'backtrack'" in found[0]


def test_other_pack_kinds(tmp_path):
    _pack(
        tmp_path,
        "kinds",
        "code: JD903\nname: kinds\nsummary: Kinds.\nseverity: info\n",
        a_consistency="kind: consistency\neither: {e-mail: email}\n",
        b_occurrence="kind: occurrence\nunit: list\nmax: 2\nmessage: '{count} in this {unit} ({limit})'\n",
        c_heading="kind: occurrence\nunit: heading\nmax: 3\n",
    )
    text = "# A very long heading here\n\nSend an email, an email, or an e-mail.\n\n- a\n- b\n- c\n"
    assert _check(_settings(tmp_path, "kinds"), "JD903", text) == [
        "1:3 5 matches in this heading (limit at most 3)",
        '3:32 "e-mail" here, but "email" 2 times on this page: use one form',
        "5:1 3 items in this list (at most 2)",
    ]


def test_shipped_packs_pass_the_checks_skipped_at_run_time():
    """Shipped packs load without schema validation and with lazy patterns (start-up speed),
    so the suite validates them here exactly as a handbook's own pack would be."""
    from jdlint.rulepacks import loader

    metas: dict = {}
    builtin = loader._builtin_codes()
    for folder in sorted(loader._shipped(), key=lambda f: f.name):
        rules = loader._load_pack(folder, metas, builtin, trusted=False)
        assert rules, folder.name
