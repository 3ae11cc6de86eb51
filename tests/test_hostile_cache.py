"""A hostile `.jdlint_cache`: what a merge request commits there is never trusted.

Everything in the checked repository is written by whoever opened the merge request, the
cache folder included (`git add -f .jdlint_cache`). These tests play that contributor: a
crafted entry must not run code, must not forge results, must not crash the run; a symlink
on the cache path must not make jdlint write outside the repository. They also pin the
stale-cache bug: handbook results depend on which linked files exist, not only on page text.

Each test runs the real CLI in a subprocess with its own user cache directory
(`XDG_CACHE_HOME`, where the cache's secret lives): one for the "CI machine" and, where the
test needs one, another for the "contributor's machine".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = "jobs/widget/index.html.md"
# Two findings the page keeps whatever the cache says: JD601 (Gitlab) and JD101 (no Requirements).
BAD = """\
# Widget engineering

## Widget Engineer

The Widget Engineer builds widgets with Gitlab.

### Responsibilities

- Build widgets
"""
CLEAN = """\
# Widget engineering

## Widget Engineer

The Widget Engineer builds widgets.

### Responsibilities

- Build widgets

### Requirements

- Widgets
"""
CHART_PAGE = CLEAN + "\nThe ladder is drawn in [this chart](chart.png).\n"
GADGET = "# Gadget desk\n\n## Gadget Clerk\n\n### Responsibilities\n\n- Sort gadgets\n\n### Requirements\n\n- Gadgets\n"


def make_repo(top: Path, page: str = BAD) -> Path:
    """A handbook root (`.git`) with one job-family page."""
    (top / ".git").mkdir(parents=True)
    (top / PAGE).parent.mkdir(parents=True)
    (top / PAGE).write_text(page, encoding="utf-8")
    return top


def jdlint(
    repo: Path, *args: str, home: Path, cache_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`jdlint check` in `repo` as a user whose cache directory is `home`."""
    env = dict(os.environ, XDG_CACHE_HOME=str(home))
    env.pop("JDLINT_CACHE_DIR", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    if cache_dir is not None:
        env["JDLINT_CACHE_DIR"] = str(cache_dir)
    return subprocess.run(
        [sys.executable, "-m", "jdlint", "check", *args, "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [finding["code"] for finding in json.loads(result.stdout)]


def entries(repo: Path) -> dict[str, bytes]:
    """Every entry file of the repository's cache, by its path inside the cache folder."""
    cache = repo / ".jdlint_cache"
    return {
        str(path.relative_to(cache)): path.read_bytes()
        for path in sorted(cache.rglob("*"))
        if path.is_file() and path.name != ".gitignore"
    }


def no_cache(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return jdlint(repo, "--no-cache", home=home)


def same_as_no_cache(result: subprocess.CompletedProcess[str], repo: Path, home: Path) -> None:
    expected = no_cache(repo, home)
    assert "Traceback" not in result.stderr
    assert (result.stdout, result.returncode) == (expected.stdout, expected.returncode)


# -- code execution and forged results ----------------------------------------------------------


class _RunsCode:
    """Unpickling this calls `open(marker, "w")`: proof that the entry ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


def test_a_committed_pickle_does_not_run_code(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    jdlint(repo, home=home)  # the entries the next run will look up
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_RunsCode(marker))
    found = entries(repo)
    assert {name.rsplit(".", 1)[-1] for name in found} >= {"findings", "handbook", "launch"}
    for name, data in found.items():
        # The old header, and this entry's own first bytes (a real header, a real MAC).
        for prefix in (b"jdlint-cache-1", data[:64]):
            (repo / ".jdlint_cache" / name).write_bytes(prefix + payload)
            result = jdlint(repo, home=home)
            assert not marker.exists(), f"a crafted {name} ran code"
            assert "Traceback" not in result.stderr
            assert codes(result) == ["JD101", "JD601"]


def _forge_clean_results(attacker: Path, home: Path) -> None:
    """On the contributor's own machine: cache the clean page, then the bad one, and copy the
    clean page's entries over the bad page's (same path, other bytes: other keys)."""
    jdlint(attacker, home=home)
    clean = entries(attacker)
    (attacker / PAGE).write_text(BAD, encoding="utf-8")
    jdlint(attacker, home=home)
    bad = {name: data for name, data in entries(attacker).items() if name not in clean}
    for kind in ("findings", "handbook", "digest", "runs"):
        source = next(data for name, data in clean.items() if name.endswith("." + kind))
        for name in bad:
            if name.endswith("." + kind):
                (attacker / ".jdlint_cache" / name).write_bytes(source)


def test_a_committed_cache_cannot_forge_all_checks_passed(tmp_path):
    attacker = make_repo(tmp_path / "attacker", page=CLEAN)
    _forge_clean_results(attacker, tmp_path / "attacker-home")
    # On the attacker's own machine the forgery would work if entries were not bound to keys.
    own = jdlint(attacker, home=tmp_path / "attacker-home")
    assert codes(own) == ["JD101", "JD601"], "an entry copied to another key was used"
    # The merge request commits the cache: the CI machine has its own secret.
    repo = make_repo(tmp_path / "repo")
    shutil.copytree(attacker / ".jdlint_cache", repo / ".jdlint_cache")
    result = jdlint(repo, home=tmp_path / "ci-home")
    assert result.returncode == 1
    assert codes(result) == ["JD101", "JD601"]


def test_a_copied_secret_inside_the_repository_is_refused(tmp_path):
    """A CI job whose user cache directory lies inside the checkout (HOME=$CI_PROJECT_DIR)
    would read a secret the merge request committed: the cache is off instead."""
    repo = make_repo(tmp_path / "repo")
    inside = repo / "home-in-repo"
    first = jdlint(repo, home=inside)
    assert "cache off" in first.stderr and "inside the repository" in first.stderr
    assert first.stderr.count("jdlint: warning") == 1
    assert not (repo / ".jdlint_cache").exists()
    assert codes(first) == ["JD101", "JD601"]


def _sign(home: Path, kind: str, key: str, payload: bytes) -> bytes:
    """An entry as jdlint writes one, signed with the user's real secret (see jdlint.engine.cache)."""
    secret = (home / "jdlint" / "secret").read_bytes()
    from jdlint.engine.cache import _HEADER as header  # the format this jdlint writes

    mac = hmac.new(secret, f"{kind}\0{key}\0".encode() + payload, hashlib.sha256).digest()
    return header + mac + payload


@pytest.mark.parametrize(
    "payload",
    [
        b"42",
        b'{"a": 1}',
        b'[["x", [1, 1, 1]]]',  # a span too short
        b'[["p", [1, 1, 1, 1], "JD101", "n", "m", 9, null, ""]]',  # no such severity
        b'[["p", [1, 1, 1, 1], "JD101", "n", "m", 2, null, 7]]',  # a subject that is no text
        b"[[" * 100_000,  # nesting deeper than any decoder's stack
        b"not json at all \xff",
    ],
)
def test_a_signed_entry_of_another_shape_is_a_miss(tmp_path, payload):
    """Even an entry whose MAC is right (a bug, another jdlint version) is checked value by
    value: anything unexpected is a miss, never a crash and never a result."""
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    expected = jdlint(repo, home=home)
    for name in entries(repo):
        key, kind = Path(name).name.split(".", 1)
        (repo / ".jdlint_cache" / name).write_bytes(_sign(home, kind, key, payload))
    again = jdlint(repo, home=home)
    assert "Traceback" not in again.stderr
    assert (again.stdout, again.returncode) == (expected.stdout, expected.returncode)
    assert codes(again) == ["JD101", "JD601"]


def test_a_damaged_entry_of_another_type_does_not_crash(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    expected = jdlint(repo, home=home)
    for name, data in entries(repo).items():
        for value in (42, {"a": 1}, [None]):
            for prefix in (b"jdlint-cache-1", data[:64]):
                (repo / ".jdlint_cache" / name).write_bytes(prefix + pickle.dumps(value))
                again = jdlint(repo, home=home)
                assert "Traceback" not in again.stderr
                assert (again.stdout, again.returncode) == (expected.stdout, expected.returncode)


def test_the_secret_is_private_and_outside_the_repository(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    jdlint(repo, home=home)
    secret = home / "jdlint" / "secret"
    assert secret.is_file() and not secret.is_symlink()
    assert secret.stat().st_mode & 0o777 == 0o600
    assert len(secret.read_bytes()) >= 32
    assert not any(secret.read_bytes() in data for data in entries(repo).values())


def test_a_symlinked_secret_turns_the_cache_off(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    (home / "jdlint").mkdir(parents=True)
    known = tmp_path / "known-secret"
    known.write_bytes(b"k" * 32)
    (home / "jdlint" / "secret").symlink_to(known)
    result = jdlint(repo, home=home)
    assert result.stderr.count("jdlint: warning") == 1 and "cache off" in result.stderr
    assert not (repo / ".jdlint_cache").exists()
    assert codes(result) == ["JD101", "JD601"]


# -- symlinks on the cache path -------------------------------------------------------------------


def test_a_symlinked_cache_folder_receives_nothing(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / ".jdlint_cache").symlink_to(elsewhere)
    result = jdlint(repo, home=home)
    assert list(elsewhere.iterdir()) == []
    assert result.stderr.count("jdlint: warning") == 1
    assert "cache off" in result.stderr and "symlink" in result.stderr
    same_as_no_cache(result, repo, home)


def test_a_dangling_gitignore_symlink_creates_no_file(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    target = tmp_path / "global-gitignore"
    (repo / ".jdlint_cache").mkdir()
    (repo / ".jdlint_cache" / ".gitignore").symlink_to(target)
    result = jdlint(repo, home=home)
    assert not target.exists()
    assert result.stderr.count("jdlint: warning") == 1 and "symlink" in result.stderr
    assert entries(repo) == {}
    same_as_no_cache(result, repo, home)


def test_a_symlinked_bucket_receives_nothing(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    jdlint(repo, home=home)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for bucket in [p for p in (repo / ".jdlint_cache").iterdir() if p.is_dir()]:
        shutil.rmtree(bucket)
        bucket.symlink_to(elsewhere)
    (repo / PAGE).write_text(BAD + "\nOne more line.\n", encoding="utf-8")  # new entries
    result = jdlint(repo, home=home)
    assert list(elsewhere.iterdir()) == []
    assert result.stderr.count("jdlint: warning") == 1 and "symlink" in result.stderr
    same_as_no_cache(result, repo, home)


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlinked_entry_is_not_read_or_written_through(tmp_path, dangling):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    jdlint(repo, home=home)
    outside = tmp_path / "outside"
    for name, data in entries(repo).items():
        target = outside / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not dangling:
            target.write_bytes(data)  # a valid entry, but reached through a symlink
        entry = repo / ".jdlint_cache" / name
        entry.unlink()
        entry.symlink_to(target)
    before = sorted(p.relative_to(tmp_path) for p in outside.rglob("*"))
    result = jdlint(repo, home=home)
    assert sorted(p.relative_to(tmp_path) for p in outside.rglob("*")) == before
    assert result.stderr.count("jdlint: warning") == 1 and "symlink" in result.stderr
    same_as_no_cache(result, repo, home)


def test_a_fifo_entry_does_not_block(tmp_path):
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    jdlint(repo, home=home)
    for name in entries(repo):
        entry = repo / ".jdlint_cache" / name
        entry.unlink()
        os.mkfifo(entry)
    result = jdlint(repo, home=home)  # the subprocess timeout fails the test on a hang
    same_as_no_cache(result, repo, home)


# -- stale results: the file system facts link checks depend on -----------------------------------


def test_a_linked_file_that_appears_clears_the_broken_link(tmp_path):
    repo, home = make_repo(tmp_path / "repo", page=CHART_PAGE), tmp_path / "ci-home"
    first = jdlint(repo, home=home)
    assert codes(first) == ["JD401"]
    (repo / PAGE).parent.joinpath("chart.png").write_bytes(b"\x89PNG\r\n")
    again = jdlint(repo, home=home)
    assert (again.stdout, again.returncode) == ("[]\n", 0)
    same_as_no_cache(again, repo, home)
    assert jdlint(repo, home=home).stdout == "[]\n"  # the fast path of the next run too
    (repo / PAGE).parent.joinpath("chart.png").unlink()
    gone = jdlint(repo, home=home)
    assert codes(gone) == ["JD401"]
    same_as_no_cache(gone, repo, home)


@pytest.mark.parametrize("checked", [(), (PAGE,)])  # the whole handbook, or one page of it
def test_a_target_anchor_that_appears_or_disappears_is_seen(tmp_path, checked):
    page = CLEAN + "\nSee the [gadget requirements](/jobs/gadget/#requirements).\n"
    repo, home = make_repo(tmp_path / "repo", page=page), tmp_path / "ci-home"
    gadget = repo / "jobs/gadget/index.html.md"
    gadget.parent.mkdir(parents=True)
    gadget.write_text(GADGET.replace("### Requirements", "### Needs"), encoding="utf-8")
    missing = jdlint(repo, *checked, home=home)
    assert "JD402" in codes(missing)
    gadget.write_text(GADGET, encoding="utf-8")
    present = jdlint(repo, *checked, home=home)
    assert "JD402" not in codes(present)
    assert present.stdout == jdlint(repo, *checked, "--no-cache", home=home).stdout
    gadget.write_text(GADGET.replace("### Requirements", "### Needs"), encoding="utf-8")
    again = jdlint(repo, *checked, home=home)
    assert "JD402" in codes(again)
    assert again.stdout == jdlint(repo, *checked, "--no-cache", home=home).stdout


def test_a_linked_page_that_appears_clears_the_broken_link(tmp_path):
    page = CLEAN + "\nSee the [gadget clerk](/jobs/gadget/).\n"
    repo, home = make_repo(tmp_path / "repo", page=page), tmp_path / "ci-home"
    (repo / "jobs/other").mkdir()
    (repo / "jobs/other/index.html.md").write_text(GADGET, encoding="utf-8")
    assert "JD401" in codes(jdlint(repo, PAGE, home=home))
    gadget = repo / "jobs/gadget/index.html.haml"  # a page jdlint serves but does not parse
    gadget.parent.mkdir(parents=True)
    gadget.write_text("%h1 Gadget clerk\n", encoding="utf-8")
    again = jdlint(repo, PAGE, home=home)
    assert "JD401" not in codes(again)
    assert again.stdout == jdlint(repo, PAGE, "--no-cache", home=home).stdout


# -- the entry format: plain data, read back type by type ------------------------------------------


def _pages() -> list[Path]:
    from conftest import FIXTURES

    return sorted(
        p for p in FIXTURES.rglob("*") if p.is_file() and p.name.endswith((".md", ".md.erb"))
    )


def _sharing(tree: object) -> list[int]:
    """For each tree node met in a depth-first walk (spans aside), the position of its first
    occurrence: two trees with equal lists share their nodes the same way."""
    from dataclasses import fields, is_dataclass

    from jdlint.span import Span

    first: dict[int, int] = {}
    out: list[int] = []
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (tuple, list)):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif is_dataclass(node) and not isinstance(node, Span):
            seen = first.setdefault(id(node), len(out))
            out.append(seen)
            if seen == len(out) - 1:
                stack.extend(reversed([getattr(node, f.name) for f in fields(node)]))
    return out


def test_every_fixture_tree_reads_back_equal_and_sharing_its_nodes():
    from jdlint.document.build import build_document
    from jdlint.engine.cache_data import dumps, loads
    from jdlint.fs.decode import decode
    from jdlint.model import Document

    pages = _pages()
    assert len(pages) >= 10
    for path in pages:
        source = decode(str(path), path.read_bytes())
        tree = build_document(source.path, source.text, source.newline)
        back = loads(dumps(tree, Document), Document)
        assert back == tree, path
        # Checks deduplicate sections and owners by identity: the sharing must survive.
        assert _sharing(back) == _sharing(tree), path
        assert len(set(_sharing(tree))) < len(_sharing(tree)), path  # the test can tell


def test_an_entry_written_in_pieces_is_the_json_of_the_whole_value():
    """The cache writes an entry field by field and a tuple of nodes item by item
    (`dump_pieces`): the bytes are those of the whole value's JSON, node numbers included."""
    import json

    from jdlint.config.settings import Settings
    from jdlint.document.build import build_document
    from jdlint.engine.cache_data import codec, dump_pieces
    from jdlint.engine.digests import digest_of
    from jdlint.engine.handbook_reuse import GroupViews
    from jdlint.fs.decode import decode
    from jdlint.handbook.digest import PageDigest
    from jdlint.model import Document

    def whole(value: object, expected: object) -> bytes:
        plain = codec(expected)[0](value, {})
        return json.dumps(plain, separators=(",", ":"), allow_nan=True).encode("ascii")

    trees = []
    for path in _pages():
        source = decode(str(path), path.read_bytes())
        trees.append(build_document(source.path, source.text, source.newline))
        assert b"".join(dump_pieces(trees[-1], Document)) == whole(trees[-1], Document), path
    digests = tuple(digest_of(tree, Settings()) for tree in trees)
    views = GroupViews({d.path: "key" for d in digests}, digests, (digests[0].path,))
    assert len(dump_pieces(views, GroupViews)) > len(digests)  # one piece per view at least
    assert b"".join(dump_pieces(views, GroupViews)) == whole(views, GroupViews)
    assert b"".join(dump_pieces(digests, tuple[PageDigest, ...])) == whole(
        digests, tuple[PageDigest, ...]
    )


def test_settings_and_yaml_values_read_back_exactly():
    import datetime

    from jdlint.config.settings import Settings
    from jdlint.engine.cache_data import Invalid, dumps, loads
    from jdlint.findings import Severity

    settings = Settings(
        path=Path("/repo/.jdlint.yaml"),
        select=("JD1",),
        per_file_ignores=(("drafts/*", ("JD101", "JD102")),),
        severity={"JD601": "error"},
        fail_on=Severity.ERROR,
        max_file_seconds=20,  # YAML gives an integer: kept as one
        site={"base-urls": ["https://example.com"], "complete": True},
        rules={"JD502": {"threshold": 0.8, "since": datetime.date(2024, 1, 2), "by": {3: (1,)}}},
    )
    back = loads(dumps(settings, Settings), Settings)
    assert back == settings
    assert type(back.max_file_seconds) is int
    assert type(back.rules["JD502"]["by"][3]) is tuple
    with pytest.raises(Invalid):
        dumps(Settings(site={"odd": {1, 2}}), Settings)  # a YAML set: not cached, not guessed


@pytest.mark.parametrize(
    "data",
    [
        b"[]",
        b"7",  # a reference to a node that was never read
        b"-1",
        b'"document"',
        b'{"__class__": "os.system"}',
        b"[" * 50_000 + b"]" * 50_000,
    ],
)
def test_a_document_entry_of_another_shape_is_invalid(data):
    from jdlint.engine.cache_data import Invalid, loads
    from jdlint.model import Document

    with pytest.raises(Invalid):
        loads(data, Document)


def test_a_finding_with_a_node_of_another_type_is_invalid():
    from jdlint.engine.cache_data import Invalid, dumps, loads
    from jdlint.findings import Finding, Fix, Severity, TextEdit
    from jdlint.span import Span

    fix = Fix((TextEdit(0, 1, "x"),))
    found = (Finding("a.md", Span(1, 1, 1, 2), "JD601", "n", "m", Severity.WARNING, fix),)
    data = dumps(found, tuple[Finding, ...])
    assert loads(data, tuple[Finding, ...]) == found
    twice = dumps(found * 2, tuple[Finding, ...])
    assert twice.endswith(b",2]")  # the same finding again: a reference to the node written
    first, again = loads(twice, tuple[Finding, ...])
    assert first is again
    with pytest.raises(Invalid):
        loads(b"[0]", tuple[Finding, ...])  # node 0 has not been read yet
    with pytest.raises(Invalid):
        loads(twice.replace(b",2]", b",0]"), tuple[Finding, ...])  # node 0 is a TextEdit


RICH_CONFIG = """\
select: [JD1, JD2, JD3, JD4, JD5, JD6]
ignore: [JD105]
extend-select: [JD403]
per-file-ignores: {"drafts/*": [JD101]}
exclude: ["archive/**"]
severity: {JD601: error}
fail-on: warning
required-sections: [Responsibilities, Requirements]
private-hosts: [docs.google.com]
max-file-size: 1000000
max-file-seconds: 20
site: {base-urls: ["https://handbook.example.com"], complete: true}
boilerplate: {threshold: 0.8, min-words: 12}
titles: {similarity: 90}
rules: {JD203: {strict: true}}
"""


def test_a_config_with_every_kind_of_value_still_takes_the_fast_path(tmp_path):
    """The session record holds the settings as plain data: a config whose values the format
    could not hold would silently lose the fast start."""
    repo, home = make_repo(tmp_path / "repo"), tmp_path / "ci-home"
    (repo / ".jdlint.yaml").write_text(RICH_CONFIG, encoding="utf-8")
    cold = jdlint(repo, home=home)
    assert "Traceback" not in cold.stderr and cold.returncode == 1, cold.stderr
    assert any(name.endswith(".launch") for name in entries(repo))
    env = dict(os.environ, XDG_CACHE_HOME=str(home))
    env.pop("JDLINT_CACHE_DIR", None)
    warm = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jdlint", "check", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert warm.stdout == cold.stdout
    # Reported from the cache: no rule was loaded.
    assert "jdlint.engine.checking" not in warm.stderr and "jdlint.checks" not in warm.stderr


def test_a_site_that_declares_kramdown_clears_the_compact_heading(tmp_path):
    """JD111 asks the site's `_config.yml`; a warm cache must not keep the old answer."""
    page = CLEAN.replace("### Responsibilities", "###Responsibilities")
    repo, home = make_repo(tmp_path / "repo", page=page), tmp_path / "ci-home"
    assert codes(jdlint(repo, home=home)) == ["JD111"]
    (repo / "_config.yml").write_text("markdown: kramdown\n", encoding="utf-8")
    quiet = jdlint(repo, home=home)
    assert (quiet.stdout, quiet.returncode) == ("[]\n", 0)
    same_as_no_cache(quiet, repo, home)
    (repo / "_config.yml").write_text("markdown: CommonMarkGhPages\n", encoding="utf-8")
    loud = jdlint(repo, home=home)
    assert codes(loud) == ["JD111"]
    same_as_no_cache(loud, repo, home)


@pytest.mark.parametrize("flat", [[1, True], [1, 2.0], [1, "2"], [1, None], [1, 2, 3], "12"])
def test_a_text_map_of_anything_but_integer_pairs_is_invalid(flat):
    from jdlint.engine.cache_data import Invalid, loads
    from jdlint.span import TextMap

    assert loads(b"[1,2,3,4]", TextMap) == TextMap((1, 2, 3, 4))
    with pytest.raises(Invalid):
        loads(json.dumps(flat).encode(), TextMap)


def test_a_deferred_part_is_checked_when_read_and_written_back_as_it_was():
    """A state's findings by page are decoded only when the page is reported (`Deferred`):
    what a page holds is checked then, and a part never read is written back unchanged."""
    from collections.abc import Mapping

    from jdlint.engine.cache_data import Deferred, Invalid, dumps, loads
    from jdlint.findings import Finding, Severity
    from jdlint.span import Span

    kind = Mapping[str, Deferred[tuple[Finding, ...]]]
    finding = Finding("a.md", Span(1, 1, 1, 2), "JD101", "name", "msg", Severity.WARNING)
    data = dumps({"a.md": Deferred((finding,))}, kind)
    read = loads(data, kind)
    assert read["a.md"].value() == (finding,)
    assert dumps(read, kind) == data  # never re-encoded: the JSON it was read as
    head, _, parts = data.partition(b"\0")  # held after the entry's JSON: not parsed with it
    assert b"JD101" not in head and parts.startswith(b'[["a.md"') and b'"JD101"' in parts
    for wrong in (b"101", b"[101"):  # another type, broken JSON: decoding the entry passes
        forged = loads(data.replace(b'"JD101"', wrong.ljust(7)), kind)  # the same length
        with pytest.raises(Invalid):
            forged["a.md"].value()
    offset, length = json.loads(head)["a.md"]
    for place in ([offset, length + 1], [-1, length], [offset, True], [offset]):  # not in it
        forged_head = json.dumps({"a.md": place}).encode()
        with pytest.raises(Invalid):
            loads(forged_head + b"\0" + parts, kind)
    with pytest.raises(Invalid):
        loads(head, kind)  # its parts cut off
    with pytest.raises(Invalid):
        loads(b'{"a.md": [1]}', kind)  # a deferred part is text
    with pytest.raises(Invalid):
        dumps({"a.md": (finding,)}, kind)  # a value where a deferred part belongs


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'["a","b",1]', tuple[str, str, str]),
        (b'["a","b"]', tuple[str, str, str]),
        (b'{"a":"b"}', tuple[str, str, str]),
        (b"[1,2,true]", tuple[int, int, int]),
        (b'{"a":1}', dict[str, str]),
        (b'{"a":true}', dict[str, int]),
        (b'["a"]', dict[str, int]),
    ],
)
def test_scalars_checked_in_one_pass_are_checked_all_the_same(data, kind):
    """Fixed tuples of scalars (a file-system fact) and mappings of scalars (page keys) are
    checked without a call per item: every item's type still counts (a bool is no integer)."""
    from jdlint.engine.cache_data import Invalid, loads

    with pytest.raises(Invalid):
        loads(data, kind)
    assert loads(b'["a","b","c"]', tuple[str, str, str]) == ("a", "b", "c")
    assert loads(b"[1,2.5]", tuple[int, float]) == (1, 2.5)
    assert loads(b'{"a":1}', dict[str, int]) == {"a": 1}


def test_an_entry_s_parts_are_verified_chunk_by_chunk_as_they_are_read(tmp_path, monkeypatch):
    """The MAC covers an entry's JSON and the digest of each `CHUNK` of its deferred parts;
    a chunk is hashed when a part in it is first read. A changed byte in a part makes that
    part (and no other) `Invalid` when read, and an entry that holds it is not written again;
    a changed digest, size or length makes the whole entry a miss."""
    from collections.abc import Mapping

    from jdlint.engine import cache as cache_module
    from jdlint.engine.cache import CHUNK, Cache
    from jdlint.engine.cache_data import Deferred, Invalid

    kind = Mapping[str, Deferred[tuple[str, ...]]]
    value = {f"p{n}": Deferred((f"word {n} " * 100,)) for n in range(300)}  # ~1 KB each
    value["large"] = Deferred(("x" * (3 * CHUNK),))  # one part across four chunks
    cache = Cache(tmp_path / "cache", "salt", b"k" * 32)
    cache.store("entry", "test", value, kind)
    path = cache.bucket / "entry.test"
    data = path.read_bytes()
    hashed: list[int] = []
    sha256 = cache_module.hashlib.sha256

    def counted(chunk=b""):
        hashed.append(len(chunk))
        return sha256(chunk)

    monkeypatch.setattr(cache_module.hashlib, "sha256", counted)
    read = cache.load("entry", "test", kind)
    assert read is not None and hashed == []  # no part hashed yet
    assert read["p7"].value() == value["p7"].value()
    assert len(hashed) <= 2 and all(size <= CHUNK for size in hashed)  # its chunk(s) only
    assert read["large"].value() == value["large"].value()
    assert {n: read[n].value() for n in read} == {n: value[n].value() for n in value}
    monkeypatch.setattr(cache_module.hashlib, "sha256", sha256)

    parts_start = len(data) - sum(len(part.written(tuple[str, ...])) for part in value.values())
    spot = parts_start + CHUNK + 10  # a byte in the second chunk
    path.write_bytes(data[:spot] + bytes([data[spot] ^ 1]) + data[spot + 1 :])
    forged = cache.load("entry", "test", kind)
    assert forged is not None
    broken = []
    for name in forged:
        try:
            assert forged[name].value() == value[name].value()
        except Invalid:
            broken.append(name)
    assert 0 < len(broken) < len(value) // 3  # the ~75 parts of one chunk, not every part
    cache.store("again", "test", forged, kind)  # written back: the forged part is refused
    assert cache.load("again", "test", kind) is None

    json_end = data.index(b"\0", len(b"jdlint-cache-8\n") + 32)
    for changed in (
        data[:-1],  # cut short
        data + b" ",  # one byte more
        data[: json_end + 9] + bytes([data[json_end + 9] ^ 1]) + data[json_end + 10 :],  # a digest
        data[: json_end + 8] + bytes([data[json_end + 8] ^ 1]) + data[json_end + 9 :],  # the size
    ):
        path.write_bytes(changed)
        assert cache.load("entry", "test", kind) is None
