"""Hostile YAML and JSON in config files, rule packs, front matter and baselines (issue 21).

Every case ends in findings (exit 0/1) or one error line naming the file (exit 2), within a
time and memory budget: the cases that could exhaust the machine run the CLI in a child
process with an address-space limit, so a regression fails the test instead of the sandbox.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

PAGE = "## Widget Engineer\n\n### Responsibilities\n\n- Build synergy\n"
PACK_META = "code: JD901\nname: house-style\nsummary: House words.\nseverity: warning\n"
# Nine lists of nine references to the list before: 9**9 values once expanded, ~0.5 KB written.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")
)
MEMORY_LIMIT = 1536 * 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def jdlint(cwd: Path, *args: str, seconds: float = 30) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, bounded in memory and time."""
    return subprocess.run(
        [sys.executable, "-m", "jdlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def one_error_line(result: subprocess.CompletedProcess[str] | object) -> str:
    """The single line a usage or config error prints (exit code 2, no traceback)."""
    output = getattr(result, "stderr", "") or getattr(result, "output", "")
    code = getattr(result, "returncode", getattr(result, "exit_code", None))
    assert "Traceback" not in output, output[-3000:]
    assert code == 2, (code, output[-3000:])
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("jdlint: error: "), lines
    return lines[0].removeprefix("jdlint: error: ")


def _pack_tree(root: Path, **rules: str) -> None:
    (root / ".jdlint.yaml").write_text("rule-packs: [house]\n", encoding="utf-8")
    folder = root / "house"
    folder.mkdir()
    (folder / "pack.yml").write_text(rules.pop("pack", PACK_META), encoding="utf-8")
    for name, text in rules.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    (root / "page.md").write_text(PAGE, encoding="utf-8")


# -- the one bounded loader ----------------------------------------------------------------------


def test_one_yaml_loading_function_in_the_package():
    """Config, front matter, rule packs and shipped data all go through `load_bounded`."""
    calls = re.compile(r"yaml\.(?:safe_)?load(?:_all)?\(|CSafeLoader|SafeLoader\(|yaml\.compose")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "jdlint").rglob("*.py"))
        if path.name != "yaml_loader.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if calls.search(line)
    ]
    assert offenders == []


def test_bounds_refuse_a_bomb_deep_nesting_and_size_with_a_position():
    from jdlint.config.yaml_loader import YAMLBounds, YAMLLimitError, load_bounded

    bounds = YAMLBounds(max_bytes=4096, max_values=1000, max_depth=20)
    with pytest.raises(YAMLLimitError, match="more than 1,000 values") as bomb:
        load_bounded(ALIAS_BOMB, bounds)
    assert bomb.value.problem_mark is not None and bomb.value.problem_mark.line == 3  # "d:"
    deep = "".join("  " * i + "-\n" for i in range(50))
    with pytest.raises(YAMLLimitError, match="nested more than 20 levels deep") as nested:
        load_bounded(deep, bounds)
    assert nested.value.problem_mark is not None and nested.value.problem_mark.line == 20
    with pytest.raises(YAMLLimitError, match="larger than 4,096 bytes"):
        load_bounded("a: " + "x" * 5000, bounds)
    with pytest.raises(YAMLLimitError, match="took longer than"):
        load_bounded("[" + "1, " * 5000 + "]", YAMLBounds(max_seconds=0.0))
    assert load_bounded("a: [1, {b: 2}]\n", bounds)[0] == {"a": [1, {"b": 2}]}


@pytest.mark.parametrize(
    "text",
    [
        "when: 2001-13-45\n",  # a date YAML recognises but the calendar has not
        "big: " + "7" * 5000 + "\n",  # more digits than Python converts to an int
        "when: 2001-12-14 21:59:43 +99:00\n",  # an impossible time zone
        "when: !!timestamp soon\n",  # tags force a constructor onto any text (found by fuzzing)
        "flag: !!bool maybe\n",
        "count: !!int ''\n",
        "ratio: !!float ''\n",
    ],
)
def test_values_python_cannot_build_are_yaml_errors_with_a_line(text):
    import yaml

    from jdlint.config.yaml_loader import YAMLBounds, load_bounded

    with pytest.raises(yaml.MarkedYAMLError) as error:
        load_bounded("title: x\n" + text, YAMLBounds())
    assert error.value.problem_mark is not None and error.value.problem_mark.line == 1


# -- rule packs ----------------------------------------------------------------------------------


def test_pack_alias_bomb_is_one_pack_error_in_bounded_time(tmp_path):
    _pack_tree(tmp_path, bomb="kind: existence\ntokens: [synergy]\n" + ALIAS_BOMB)
    started = time.monotonic()
    line = one_error_line(jdlint(tmp_path, "check", "page.md", "--no-cache"))
    assert time.monotonic() - started < 20
    assert "house/bomb.yml:" in line and "rule 'bomb'" in line and "values" in line


def test_pack_nested_deeper_than_the_limit_is_one_pack_error(tmp_path):
    deep = "".join("  " * i + "- x:\n" for i in range(300))
    _pack_tree(tmp_path, deep="kind: existence\ntokens: [synergy]\nextra:\n" + deep)
    line = one_error_line(jdlint(tmp_path, "check", "page.md", "--no-cache"))
    assert "house/deep.yml:" in line and "nested more than" in line


def test_pack_file_with_an_impossible_date_is_one_pack_error(tmp_path, run_cli, monkeypatch):
    _pack_tree(tmp_path, dated="kind: existence\ntokens: [synergy]\ndescription: 2001-13-45\n")
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run_cli("check", "page.md", "--no-cache"))
    assert "house/dated.yml:3: rule 'dated': invalid YAML" in line


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ('"{match:d}"', "format spec"),
        ('"{match:>999999999}"', "format spec"),
        ('"{match!r}"', "conversion"),
        ('"{0}"', "{0}"),
        ('"{}"', "{}"),
        ('"{match.upper}"', "{match.upper}"),
        ('"{match[0]}"', "{match[0]}"),
        ('"{nope}"', "{nope}"),
        ('"{match"', "message"),
    ],
)
def test_pack_message_with_a_format_spec_is_a_pack_error(
    tmp_path, run_cli, monkeypatch, message, problem
):
    _pack_tree(tmp_path, words=f"kind: existence\ntokens: [synergy]\nmessage: {message}\n")
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run_cli("check", "page.md", "--no-cache"))
    assert "house/words.yml" in line and "rule 'words'" in line and problem in line


def test_shipped_pack_messages_pass_the_same_check():
    from jdlint.config.settings import Settings
    from jdlint.rulepacks.loader import load_packs

    assert load_packs(Settings())  # would raise ConfigError for a bad shipped message


# -- front matter --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "front_matter",
    ["date: 2001-13-45", "count: " + "9" * 5000, "a: &a [x]\nb: [*a, *a]\n" + ALIAS_BOMB],
)
def test_front_matter_python_cannot_build_is_a_finding_not_a_crash(tmp_path, run_cli, front_matter):
    page = tmp_path / "page.md"
    page.write_text(f"---\ntitle: Widgets\n{front_matter}\n---\n\n{PAGE}", encoding="utf-8")
    result = run_cli("check", str(page), "--no-cache")
    assert result.exit_code == 1, result.output
    assert "front matter" in result.output or "invalid YAML" in result.output


# -- config: every number bounded ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "line", "expected"),
    [
        ("max-file-seconds: .inf\n", 1, "key 'max-file-seconds': expected a finite number"),
        ("max-file-seconds: .nan\n", 1, "key 'max-file-seconds': expected a finite number"),
        ("max-file-seconds: -.inf\n", 1, "key 'max-file-seconds': expected a finite number"),
        ("max-file-seconds: 1.0e+300\n", 1, "key 'max-file-seconds': 1e+300 is greater than"),
        ("max-file-size: " + "9" * 40 + "\n", 1, "key 'max-file-size': " + "9" * 10),
        ("max-file-size: 0\n", 1, "key 'max-file-size': 0 is less than the minimum of 1"),
        ("fail-on: error\nboilerplate:\n  threshold: -3\n", 3, "key 'boilerplate.threshold'"),
        ("boilerplate:\n  min-words: 1000000000\n", 2, "key 'boilerplate.min-words'"),
        ("boilerplate:\n  min-pages: -1\n", 2, "key 'boilerplate.min-pages'"),
        ("titles:\n  similarity: .nan\n", 2, "key 'titles.similarity': expected a finite number"),
        ("rules:\n  JD203: {limit: .inf}\n", 2, "key 'rules.JD203.limit': expected a finite"),
        ("max-file-size: 2001-13-45\n", 1, "invalid YAML"),
    ],
)
def test_config_numbers_out_of_bounds_are_one_line_errors(
    tmp_path, run_cli, monkeypatch, config, line, expected
):
    (tmp_path / ".jdlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    error = one_error_line(run_cli("check", "page.md", "--no-cache"))
    assert error.startswith(f"{tmp_path / '.jdlint.yaml'}:{line}"), error
    assert expected in error


@pytest.mark.parametrize("name", ["config.schema.json", "rulepack.schema.json"])
def test_every_number_in_the_config_and_pack_schemas_has_both_bounds(name):
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    unbounded: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("number", "integer"):
                low = "minimum" in node or "exclusiveMinimum" in node
                high = "maximum" in node or "exclusiveMaximum" in node
                if not (low and high):
                    unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "")
    assert unbounded == []


# -- pyproject, extend, baseline -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('tool = "jdlint"\n', "pyproject.toml:1: key 'tool': expected a table, got str"),
        ("tool = [1, 2]\n", "pyproject.toml:1: key 'tool': expected a table, got list"),
        ("[tool]\njdlint = 3\n", "pyproject.toml:2: key 'tool.jdlint': expected a table, got int"),
        (
            '[tool]\nother = 1\njdlint = "x"\n',
            "pyproject.toml:3: key 'tool.jdlint': expected a table",
        ),
    ],
)
def test_pyproject_tool_that_is_not_a_table_is_one_line(
    tmp_path, run_cli, monkeypatch, toml, expected
):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run_cli("check", "page.md", "--no-cache"))
    assert expected in line


def test_pyproject_without_a_jdlint_table_is_no_config(tmp_path, run_cli, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 99\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "page.md", "--no-cache")
    assert result.exit_code == 1 and "JD101" in result.output


def test_extend_chain_of_1000_files_is_one_line(tmp_path, run_cli, monkeypatch):
    (tmp_path / ".jdlint.yaml").write_text("extend: c1.yaml\n", encoding="utf-8")
    for i in range(1, 1000):
        (tmp_path / f"c{i}.yaml").write_text(f"extend: c{i + 1}.yaml\n", encoding="utf-8")
    (tmp_path / "c1000.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run_cli("check", "page.md", "--no-cache"))
    assert "key 'extend'" in line and "more than 16" in line


def test_extend_chain_within_the_limit_merges_every_level(tmp_path, run_cli, monkeypatch):
    (tmp_path / ".jdlint.yaml").write_text("extend: c1.yaml\n", encoding="utf-8")
    for i in range(1, 10):
        (tmp_path / f"c{i}.yaml").write_text(f"extend: c{i + 1}.yaml\n", encoding="utf-8")
    (tmp_path / "c10.yaml").write_text("ignore: [JD101]\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "page.md", "--no-cache")
    assert result.exit_code == 0 and "JD101" not in result.output, result.output


def test_baseline_nested_100000_deep_is_one_line(tmp_path, run_cli, monkeypatch):
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run_cli("check", "page.md", "--no-cache", "--baseline", "deep.json"))
    assert "deep.json" in line and "nested more than" in line


def test_baseline_with_brackets_inside_strings_still_loads(tmp_path, run_cli, monkeypatch):
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", "page.md", "--no-cache", "--write-baseline", "b.json").exit_code == 0
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    data["findings"][0]["message"] += " " + "[{" * 5000 + '\\"'
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("check", "page.md", "--no-cache", "--baseline", "b.json")
    assert result.exit_code == 0, result.output


def test_front_matter_error_at_the_end_of_a_line_stays_inside_it(run_cli, tmp_path):
    """Found by the fuzz campaign: libyaml marks the line's end, one past its last character."""
    page = tmp_path / "page.md"
    page.write_bytes(b"---\n(: [(,*\n---\n")
    result = run_cli("check", str(page), "--no-cache", "--format", "json")
    (finding,) = [f for f in json.loads(result.output) if f["code"] == "JD701"]
    assert (finding["line"], finding["column"]) == (2, 8)
    assert (finding["end_line"], finding["end_column"]) == (2, 8)  # 7 characters: 8 is the end
