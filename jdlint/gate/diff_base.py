"""`--diff-base REF`: which lines of which files changed since `git merge-base REF HEAD`.

A merge request is judged on its own change: a finding is kept when its first line was added
or changed (or sits at the seam where lines were deleted), or when it concerns the whole file
and the file changed. The comparison is with the working tree, so uncommitted edits and new
untracked pages count as changed too (what a developer running jdlint locally expects).
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from jdlint.errors import ConfigError
from jdlint.findings import Finding

# Findings about a page as a whole rather than a line of it: kept whenever the page changed.
WHOLE_FILE_CODES = frozenset({"JD001", "JD004", "JD107"})

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class ChangedLines:
    """Changed files by absolute path; `None` means every line (new, untracked or binary)."""

    files: dict[str, frozenset[int] | None]

    def keeps(self, finding: Finding) -> bool:
        key = os.path.realpath(finding.path)
        if key not in self.files:
            return False
        lines = self.files[key]
        if lines is None or finding.code in WHOLE_FILE_CODES:
            return True
        return finding.span.line in lines


def changed_lines(ref: str, where: Path) -> ChangedLines:
    """Ask git (run in `where`, inside the repository) what changed since the merge base."""
    if not ref or ref.startswith("-"):  # git would read it as one of its own options
        raise ConfigError(f"--diff-base: {ref!r} is not a git ref (a branch, tag or commit)")
    top = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    base = _merge_base(ref, top)
    names = _git(["diff", "--name-only", "-z", "--no-renames", base, "--"], top)
    files: dict[str, frozenset[int] | None] = {
        _absolute(top, name): frozenset() for name in names.split("\0") if name
    }
    patch = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", base, "--"], top)
    files.update(parse_patch(patch, top))
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    files.update((_absolute(top, name), None) for name in untracked.split("\0") if name)
    return ChangedLines(files)


def _merge_base(ref: str, top: Path) -> str:
    """`git merge-base REF HEAD`, with an error that says how to fix the usual CI causes:
    a ref that was never fetched, and a shallow clone that lacks the merge base."""
    try:
        return _git(["merge-base", ref, "HEAD"], top).strip()
    except ConfigError:
        # A ref never fetched first: a shallow clone without it would otherwise be told to
        # fetch its history, which does not bring the ref.
        known = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
            cwd=top,
            capture_output=True,
            check=False,
        )
        if known.returncode != 0:
            raise ConfigError(
                f"--diff-base: {ref} is not a commit here; fetch it first "
                f"(git fetch origin {ref.removeprefix('origin/')})"
            ) from None
        if _git(["rev-parse", "--is-shallow-repository"], top).strip() == "true":
            raise ConfigError(
                f"--diff-base: no merge base of {ref} and HEAD in this shallow clone; fetch the "
                "full history (GitLab: variables: GIT_DEPTH: 0; GitHub: actions/checkout with "
                "fetch-depth: 0; here: git fetch --unshallow)"
            ) from None
        raise


def parse_patch(patch: str, top: Path) -> dict[str, frozenset[int] | None]:
    """Added and changed line numbers (new side) per file of a `git diff -U0` patch."""
    out: dict[str, frozenset[int] | None] = {}
    current: str | None = None
    lines: set[int] = set()

    def flush() -> None:
        if current is not None:
            out[current] = frozenset(lines)

    for row in patch.split("\n"):
        if row.startswith("diff --git "):
            flush()
            current, lines = None, set()
        elif row.startswith("+++ "):
            name = row[4:]
            current = None if name == "/dev/null" else _absolute(top, _unquote(name)[2:])
        elif row.startswith("Binary files ") and row.endswith(" differ"):
            target = row[len("Binary files ") : -len(" differ")].split(" and ", 1)[-1]
            if target != "/dev/null":
                out[_absolute(top, _unquote(target)[2:])] = None
        elif current is not None and (match := _HUNK.match(row)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            if count:
                lines.update(range(start, start + count))
            else:  # a pure deletion after line `start`: the lines on either side of the seam
                lines.update((start, start + 1))
    flush()
    return out


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of unusual path names ("a/caf\\303\\251.md")."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = codecs.escape_decode(name[1:-1].encode("ascii", "backslashreplace"))[0]
    return bytes(raw).decode("utf-8", "replace")


def _absolute(top: Path, name: str) -> str:
    return os.path.realpath(top / name)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise ConfigError("--diff-base needs git, which is not installed") from None
    except NotADirectoryError:
        raise ConfigError(f"--diff-base: {cwd} is not a directory") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise ConfigError(f"--diff-base: git {args[0]} failed: {reason}")
    return done.stdout
