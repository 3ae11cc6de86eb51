"""Fast start: a warm run reports from the cache without loading rules, and says what a cold
run says. Every input of the session (config, extended config, rule packs, flags, plugins)
invalidates it; a damaged entry is ignored; --fix and --diff never take it.

Each test runs the real CLI in a subprocess (the fast path is about what a fresh process
imports) with its own cache folder.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = "jobs/widget/index.html.md"
WIDGET = """\
# Widget engineering

## Widget Engineer

The Widget Engineer builds synergy. See the [gadget team](/jobs/gadget/).

### Responsibilities

- Build widgets

### Requirements

- Gitlab experience
"""
GADGET = "# Gadget desk\n\n## Gadget Clerk\n\n### Responsibilities\n\n- Sort gadgets\n"
PACK = "code: JD901\nname: house-style\nsummary: House words.\nseverity: warning\n"
#: Modules a run that reports from the cache must not load.
HEAVY = (
    "jdlint.engine.checking",
    "jdlint.checks",
    "jdlint.rulepacks",
    "markdown_it",
    "yaml",
    "jsonschema",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A handbook root (.git) with two pages, a config and the handbook's own rule pack."""
    top = tmp_path / "hb"
    (top / ".git").mkdir(parents=True)
    for path, text in ((PAGE, WIDGET), ("jobs/gadget/index.html.md", GADGET)):
        (top / path).parent.mkdir(parents=True)
        (top / path).write_text(text, encoding="utf-8")
    (top / "packs/house").mkdir(parents=True)
    (top / "packs/house/pack.yml").write_text(PACK, encoding="utf-8")
    (top / "packs/house/banned.yml").write_text(_banned("teamwork"), encoding="utf-8")
    (top / ".jdlint.yaml").write_text("rule-packs: [packs]\n", encoding="utf-8")
    return top


def _banned(word: str) -> str:
    return f"kind: existence\ntokens: {{{word}: {{reason: buzzword}}}}\n"


def jdlint(
    root: Path, *args: str, env: dict[str, str] | None = None, trace: bool = False
) -> subprocess.CompletedProcess[str]:
    options = ["-X", "importtime"] if trace else []
    environment = dict(os.environ, JDLINT_CACHE_DIR=str(root.parent / "cache"), **(env or {}))
    environment.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, *options, "-m", "jdlint", "check", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    """Modules a `-X importtime` run loaded."""
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


def warm(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run twice (the first run records the session) and check the second took the fast path."""
    first = jdlint(root, *args, env=env)
    second = jdlint(root, *args, env=env, trace=True)
    assert heavy(imported(second)) == set(), "the warm run loaded rules"
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    return second.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "gitlab", "junit", "github"])
def test_warm_run_says_what_a_cold_run_says(root, fmt):
    args = (PAGE, "--format", fmt, "--statistics")
    cold = jdlint(root, *args, "--no-cache", trace=True)
    assert {"jdlint.engine.checking", "markdown_it", "yaml"} <= imported(cold)  # the test can tell
    first = jdlint(root, *args)
    second = jdlint(root, *args, trace=True)
    assert heavy(imported(second)) == set()
    assert cold.returncode == first.returncode == second.returncode == 1
    assert cold.stdout == first.stdout == second.stdout
    assert "JD601" in second.stdout


def test_warm_run_keeps_statistics_notes_baseline_and_quiet(root):
    (root / PAGE).write_text(WIDGET.replace("/jobs/gadget/", "/elsewhere/x/"), encoding="utf-8")
    cold = jdlint(root, PAGE, "--statistics", "--no-cache")
    assert "not checked: target outside the checked tree" in cold.stdout
    assert warm(root, PAGE, "--statistics") == cold.stdout
    assert jdlint(root, PAGE, "--write-baseline", "known.json").returncode == 0
    quiet = jdlint(root, PAGE, "--baseline", "known.json", "-q", trace=True)
    assert heavy(imported(quiet)) == set()
    assert (quiet.stdout, quiet.returncode) == ("", 0)


def test_a_changed_page_of_the_handbook_is_seen(root):
    assert "JD401" not in warm(root, PAGE)
    shutil.rmtree(root / "jobs/gadget")  # the page the link points at
    after = jdlint(root, PAGE)
    assert "JD401" in after.stdout
    assert after.stdout == jdlint(root, PAGE, "--no-cache").stdout
    assert warm(root, PAGE) == after.stdout  # the miss filled the cache the fast path reads


def test_a_changed_page_is_checked_without_reading_the_config_again(root):
    (root / ".jdlint.yaml").write_text("required-sections: [Responsibilities]\n", encoding="utf-8")
    warm(root, PAGE)
    (root / PAGE).write_text(WIDGET.replace("### Requirements", "### Extras"), encoding="utf-8")
    changed = jdlint(root, PAGE, trace=True)
    modules = imported(changed)
    assert "jdlint.engine.checking" in modules and "jsonschema" not in modules
    assert changed.stdout == jdlint(root, PAGE, "--no-cache").stdout


def test_config_change_invalidates(root):
    assert "JD601" in warm(root, PAGE)
    (root / ".jdlint.yaml").write_text("rule-packs: [packs]\nignore: [JD601]\n", encoding="utf-8")
    assert "JD601" not in jdlint(root, PAGE).stdout
    (root / ".jdlint.yaml").write_text("rule-packs: [packs]\n", encoding="utf-8")
    assert "JD601" in warm(root, PAGE)


def test_extended_config_change_invalidates(root):
    (root / "base.yaml").write_text("ignore: [JD601]\n", encoding="utf-8")
    (root / ".jdlint.yaml").write_text("extend: base.yaml\nrule-packs: [packs]\n", encoding="utf-8")
    assert "JD601" not in warm(root, PAGE)
    (root / "base.yaml").write_text("ignore: [JD602]\n", encoding="utf-8")
    assert "JD601" in jdlint(root, PAGE).stdout


def test_rule_pack_change_invalidates(root):
    assert "JD901" not in warm(root, PAGE)
    (root / "packs/house/banned.yml").write_text(_banned("synergy"), encoding="utf-8")
    assert '"synergy": buzzword' in jdlint(root, PAGE).stdout
    (root / "packs/house/banned.yml").write_text(_banned("teamwork"), encoding="utf-8")
    assert "JD901" not in warm(root, PAGE)
    (root / "packs/house/more.yml").write_text(_banned("widgets"), encoding="utf-8")  # a new file
    assert '"widgets": buzzword' in jdlint(root, PAGE).stdout


def test_flags_invalidate(root):
    assert "JD601" in warm(root, PAGE)
    assert "JD601" not in warm(root, PAGE, "--ignore", "JD601")
    assert warm(root, PAGE, "--select", "JD401") == "All checks passed (1 file checked).\n"
    assert jdlint(root, PAGE, "--fail-on", "error").returncode == 0  # JD601 is a warning
    assert jdlint(root, PAGE, "--fail-on", "error").returncode == 0
    assert jdlint(root, PAGE).returncode == 1


def test_an_installed_plugin_invalidates(root, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "fakeplugin.py").write_text(
        "from jdlint.findings import Severity\n"
        "from jdlint.model import Document, Span\n"
        "from jdlint.rules import RuleMeta, rule\n\n"
        "@rule(RuleMeta('JD990', 'plugin-test', 'A test plugin.', Severity.WARNING), Document)\n"
        "def everywhere(document, ctx):\n"
        "    yield ctx.finding(Span(1, 1, 1, 2), 'the plugin ran')\n\n"
        "RULES = (everywhere,)\n",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(site)}
    assert "JD990" not in warm(root, PAGE, env=env)
    info = site / "fakeplugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[jdlint.checks]\nfake = fakeplugin:RULES\n")
    assert "the plugin ran" in jdlint(root, PAGE, env=env).stdout
    assert "the plugin ran" in warm(root, PAGE, env=env)
    # A page edited since: the run checks it with the plugin the launch entry names, found
    # without asking `importlib.metadata` again.
    (root / PAGE).write_text(WIDGET + "\nOne more line.\n", encoding="utf-8")
    edited = jdlint(root, PAGE, env=env, trace=True)
    assert "jdlint.engine.checking" in imported(edited)
    assert "importlib.metadata" not in imported(edited)
    assert "the plugin ran" in edited.stdout
    assert edited.stdout == jdlint(root, PAGE, "--no-cache", env=env).stdout


@pytest.mark.parametrize("damage", [b"garbage", b"jdlint-cache-1" + pickle.dumps({"a": 1})])
def test_damaged_launch_entry_is_ignored(root, damage):
    expected = warm(root, PAGE)
    entries = list((root.parent / "cache").rglob("*.launch"))
    assert entries
    for entry in entries:
        entry.write_bytes(damage)
    again = jdlint(root, PAGE)
    assert (again.stdout, again.returncode) == (expected, 1)
    assert warm(root, PAGE) == expected  # and it is rebuilt


def test_fix_and_diff_do_not_take_the_fast_path(root):
    warm(root, PAGE)
    diff = jdlint(root, PAGE, "--diff")
    assert diff.returncode == 1 and "+- GitLab experience" in diff.stdout
    assert "Gitlab experience" in (root / PAGE).read_text(encoding="utf-8")
    fixed = jdlint(root, PAGE, "--fix")
    assert "Fixed 1 finding" in fixed.stdout
    assert "GitLab experience" in (root / PAGE).read_text(encoding="utf-8")
    assert "JD601" not in warm(root, PAGE)


def test_a_commit_misses_before_the_stat_table_is_read(root, run_cli, monkeypatch):
    """The page edited last is keyed by its bytes: a pre-commit hook's run, which misses on
    it, does not first read the table of every page's stat (megabytes in a large handbook)."""
    from jdlint.engine import fast_start, stat_table
    from jdlint.engine.cache import open_cache

    monkeypatch.chdir(root)
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(root.parent / "cache"))
    assert run_cli("check", PAGE).exit_code == 1  # records the session and fills the cache
    starter = fast_start.open_starter(Path(PAGE), None, (None, None, None, None))  # as `check`
    assert starter is not None
    launch = starter.load()
    assert launch is not None
    cache = open_cache(Path(PAGE), launch.salt)
    tables: list[object] = []
    original = stat_table.StatTable.__init__

    def counted(self, *args, **kwargs):
        tables.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(stat_table.StatTable, "__init__", counted)
    findings, _notes = fast_start.cached_run(launch, [PAGE], cache, [PAGE])  # all cached
    assert findings and len(tables) == 1
    (root / PAGE).write_text(WIDGET + "\nOne more line.\n", encoding="utf-8")
    with pytest.raises(fast_start.Miss):
        fast_start.cached_run(launch, [PAGE], cache, [PAGE])
    assert len(tables) == 1
