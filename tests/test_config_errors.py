"""Bad configuration: every case is exit code 2 and one line naming the file, the line where
YAML has one, the key and what was expected. Never a traceback, never a page read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

PAGE = "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n"


def _bomb(indent: str = "") -> str:
    lines = [f'{indent}a: &a ["x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{indent}{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


# name -> (files, extra CLI args, fragments the one error line must contain)
CASES: dict[str, tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]] = {
    # wrong types
    "select is a string": (
        {".jdlint.yaml": "select: JD101\n"},
        (),
        (".jdlint.yaml:1:", "key 'select': expected array, got str 'JD101'"),
    ),
    "max-file-size is a word": (
        {".jdlint.yaml": "fail-on: error\nmax-file-size: big\n"},
        (),
        (".jdlint.yaml:2:", "key 'max-file-size': expected integer, got str 'big'"),
    ),
    "max-file-size is zero": (
        {".jdlint.yaml": "max-file-size: 0\n"},
        (),
        ("key 'max-file-size': 0 is less than the minimum of 1",),
    ),
    "max-file-seconds is negative": (
        {".jdlint.yaml": "max-file-seconds: -1\n"},
        (),
        ("key 'max-file-seconds': -1 is less than the minimum of 0",),
    ),
    "fail-on is not a level": (
        {".jdlint.yaml": "fail-on: fatal\n"},
        (),
        ("key 'fail-on': expected one of ['error', 'warning', 'info'], got 'fatal'",),
    ),
    "severity level misspelt": (
        {".jdlint.yaml": "severity:\n  JD101: eror\n"},
        (),
        (".jdlint.yaml:2:", "key 'severity.JD101': expected one of"),
    ),
    "exclude holds numbers": (
        {".jdlint.yaml": "exclude: [1, 2]\n"},
        (),
        ("key 'exclude[0]': expected string, got int 1",),
    ),
    "empty selector": (
        {".jdlint.yaml": "select: ['']\n"},
        (),
        ("key 'select[0]'", "should be non-empty"),
    ),
    "rule options not a mapping": (
        {".jdlint.yaml": "rules:\n  JD104: [x]\n"},
        (),
        (".jdlint.yaml:2:", "key 'rules.JD104': expected object, got list"),
    ),
    "long value is shortened": (
        {".jdlint.yaml": "root: [" + ", ".join(["directory"] * 200) + "]\n"},
        (),
        (
            "key 'root': expected string, got list ['directory', ",
            "...",
        ),
    ),
    # unknown keys
    "unknown key with a suggestion": (
        {".jdlint.yaml": "select: [JD101]\nrequried-sections: [Requirements]\n"},
        (),
        (".jdlint.yaml:1:", "unknown key 'requried-sections' (did you mean 'required-sections'?)"),
    ),
    "unknown key without a close match": (
        {".jdlint.yaml": "colour: blue\n"},
        (),
        ("unknown key 'colour'",),
    ),
    "unknown key in pyproject.toml": (
        {"pyproject.toml": '[tool.jdlint]\nselct = ["JD101"]\n'},
        (),
        ("pyproject.toml:", "unknown key 'selct' (did you mean 'select'?)"),
    ),
    "duplicate key": (
        {".jdlint.yaml": "select: [JD101]\nignore: [JD104]\nselect: [JD104]\n"},
        (),
        (".jdlint.yaml:3:", "key 'select' is given twice"),
    ),
    # unknown rule codes
    "unknown code in select": (
        {".jdlint.yaml": "select: [JD101, JD999]\n"},
        (),
        (".jdlint.yaml:", "key 'select': unknown rule code or name 'JD999'"),
    ),
    "misspelt code in ignore": (
        {".jdlint.yaml": "ignore: [JD1O1]\n"},
        (),
        ("key 'ignore': unknown rule code or name 'JD1O1' (did you mean 'JD101'?)",),
    ),
    "misspelt rule name in extend-select": (
        {".jdlint.yaml": "extend-select: [missing-sektion]\n"},
        (),
        ("key 'extend-select'", "'missing-sektion' (did you mean 'missing-section'?)"),
    ),
    "unknown code in per-file-ignores": (
        {".jdlint.yaml": "per-file-ignores:\n  '*.md': [JD999]\n"},
        (),
        ("key 'per-file-ignores.*.md': unknown rule code or name 'JD999'",),
    ),
    "unknown code in severity": (
        {".jdlint.yaml": "severity:\n  JD999: error\n"},
        (),
        ("key 'severity': unknown rule code or name 'JD999'",),
    ),
    "malformed code in severity": (
        {".jdlint.yaml": "severity:\n  JD9999: error\n"},
        (),
        ("key 'severity': 'JD9999' is not a rule code like 'JD101'",),
    ),
    "unknown code in rules": (
        {".jdlint.yaml": "rules:\n  JD999: {limit: 3}\n"},
        (),
        ("key 'rules': unknown rule code or name 'JD999'",),
    ),
    "unknown code on the command line": (
        {},
        ("--select", "JD10l"),
        ("unknown rule code or name 'JD10l' (did you mean",),
    ),
    # invalid YAML and TOML
    "unclosed flow sequence": (
        {".jdlint.yaml": "select: [JD101\n"},
        (),
        (".jdlint.yaml:2:1: invalid YAML",),
    ),
    "tab indentation": (
        {".jdlint.yaml": "select:\n\t- JD101\n"},
        (),
        (".jdlint.yaml:2:1: invalid YAML: found character",),
    ),
    "a list instead of a mapping": (
        {".jdlint.yaml": "- JD101\n- JD104\n"},
        (),
        (".jdlint.yaml:1:1: expected a mapping of config keys, got list",),
    ),
    "a scalar instead of a mapping": (
        {".jdlint.yaml": "JD101\n"},
        (),
        ("expected a mapping of config keys, got str",),
    ),
    "two YAML documents": (
        {".jdlint.yaml": "select: [JD101]\n---\nselect: [JD104]\n"},
        (),
        (".jdlint.yaml:2:1: invalid YAML", "single document"),
    ),
    "alias bomb at the top": (
        {".jdlint.yaml": _bomb()},
        (),
        ("invalid YAML: expands to more than 100,000 values (alias bomb?)",),
    ),
    "alias bomb inside free-form rule options": (
        {".jdlint.yaml": "rules:\n  JD104:\n" + _bomb("    ")},
        (),
        ("alias bomb",),
    ),
    "nested 10,000 deep": (
        {".jdlint.yaml": "select: " + "[" * 10_000 + "\n"},
        (),
        ("invalid YAML",),
    ),
    "!!python/object tag": (
        {".jdlint.yaml": "select: !!python/object/apply:os.system ['touch PWNED']\n"},
        (),
        (".jdlint.yaml:1:9: invalid YAML: could not determine a constructor",),
    ),
    "not UTF-8": (
        {".jdlint.yaml": "select: [JD101]\n# caf\udce9\n"},
        (),
        (".jdlint.yaml: cannot read config",),
    ),
    "invalid TOML": (
        {"pyproject.toml": '[tool.jdlint\nselect = ["JD101"]\n'},
        (),
        ("pyproject.toml: invalid TOML",),
    ),
    "wrong type in pyproject.toml": (
        {"pyproject.toml": '[tool.jdlint]\nselect = "JD101"\n'},
        (),
        ("pyproject.toml: key 'select': expected array, got str 'JD101'",),
    ),
    # extend
    "extend makes a cycle": (
        {".jdlint.yaml": "extend: base.yaml\n", "base.yaml": "extend: .jdlint.yaml\n"},
        (),
        ("'extend' makes a cycle", "base.yaml -> ", ".jdlint.yaml"),
    ),
    "extend names itself": (
        {".jdlint.yaml": "extend: ./.jdlint.yaml\n"},
        (),
        ("'extend' makes a cycle",),
    ),
    "extend names a missing file": (
        {".jdlint.yaml": "extend: ../missing.yaml\n"},
        (),
        ("key 'extend': no config file at",),
    ),
    "extend is not a path": (
        {".jdlint.yaml": "extend: [a.yaml]\n"},
        (),
        ("key 'extend': expected string, got list",),
    ),
    "error in the extended file names that file": (
        {".jdlint.yaml": "extend: base.yaml\n", "base.yaml": "select: [JD101]\nfail-on: 3\n"},
        (),
        ("base.yaml:2:", "key 'fail-on'"),
    ),
    "an exponent without a dot is text to YAML 1.1, with a hint": (
        {".jdlint.yaml": "boilerplate: {threshold: 1e-3}\n"},
        (),
        (".jdlint.yaml:1:", "got str '1e-3'", "write 1.0e-3"),
    ),
    # --config
    "--config names a missing file": (
        {},
        ("--config", "nowhere.yaml"),
        ("nowhere.yaml: config file not found",),
    ),
    "--config names a directory": (
        {"conf.d/x": ""},
        ("--config", "conf.d"),
        ("conf.d: is a folder, not a config file",),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_config(name: str, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, args, fragments = CASES[name]
    for file_name, text in files.items():
        path = tmp_path / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
    (tmp_path / "page.md").write_text(PAGE)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = run_cli("check", *args, "page.md")
    assert time.monotonic() - started < 10
    lines = result.output.splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1, result.output
    assert lines[0].startswith("jdlint: error: ")
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    assert not (tmp_path / "PWNED").exists()


def test_show_settings_survives_every_valid_key(run_cli, tmp_path, monkeypatch):
    """A config using every key loads, and prints as JSON (a control for the table above)."""
    import json

    (tmp_path / ".jdlint.yaml").write_text(
        "select: [JD1]\nignore: [JD104]\nextend-select: [JD701]\n"
        "per-file-ignores: {'drafts/*': [JD101]}\nexclude: [drafts]\n"
        "severity: {JD101: warning}\nfail-on: error\nrequired-sections: [Requirements]\n"
        "family-sections: [Hiring Process]\nrule-packs: []\nprivate-hosts: [internal.example]\n"
        "max-file-size: 1000\nmax-file-seconds: 2.5\nsite: {}\nboilerplate: {}\ntitles: {}\n"
        "rules: {JD104: {}}\n"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--show-settings", ".")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["max-file-seconds"] == 2.5
    assert data["per-file-ignores"] == {"drafts/*": ["JD101"]}
