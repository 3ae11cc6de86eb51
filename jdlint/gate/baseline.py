"""`--write-baseline` / `--baseline`: adopt jdlint on a handbook that already has findings.

A baseline records the fingerprints of today's findings (see `jdlint.gate.fingerprints`: code, path,
subject, message, occurrence; never line numbers), so a known finding that moves because lines
were added above it stays known, and only new findings are reported.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jdlint.config.json_loader import load_json
from jdlint.config.settings import read_config_bytes
from jdlint.errors import ConfigError
from jdlint.findings import Finding
from jdlint.fs.atomic_write import NotWritten, write_atomic
from jdlint.fs.repo_paths import ReportPaths
from jdlint.gate import fingerprints as fingerprint
from jdlint.reporters.escaping import encodable

FORMAT_VERSION = 1
MAX_BASELINE_BYTES = 512 * 1024 * 1024  # millions of findings


@dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str]

    def knows(self, fingerprint_value: str) -> bool:
        return fingerprint_value in self.fingerprints


def write_baseline(path: Path, findings: Sequence[Finding], root: Path) -> None:
    """Write the baseline; entries keep code, path and message so a reviewer can read the diff."""
    values = fingerprint.fingerprints(findings, root)
    where = ReportPaths(root)
    entries = [
        {
            "fingerprint": value,
            "code": finding.code,
            "path": encodable(where(finding.path)),
            "message": encodable(finding.message),
        }
        for finding, value in sorted(zip(findings, values), key=lambda p: p[0].sort_key())
    ]
    data = {
        "tool": "jdlint",
        "version": FORMAT_VERSION,
        "fingerprint": fingerprint.VERSION,
        "findings": entries,
    }
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except NotWritten as error:
        raise ConfigError(f"{path}: cannot write baseline: {error.reason}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot write baseline: {error.strerror or error}") from None


def load_baseline(path: Path) -> Baseline:
    if not os.path.lexists(path):
        raise ConfigError(f"{path}: baseline not found (create it with --write-baseline)")
    raw = read_config_bytes(path, "baseline", MAX_BASELINE_BYTES)
    try:
        data = load_json(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError, JSONDepthError
        raise ConfigError(f"{path}: not a jdlint baseline: {error}") from None
    if (
        not isinstance(data, dict)
        or data.get("tool") != "jdlint"
        or not isinstance(data.get("findings"), list)
    ):
        raise ConfigError(f"{path}: not a jdlint baseline (expected keys 'tool' and 'findings')")
    if str(data.get("fingerprint")) != fingerprint.VERSION:
        raise ConfigError(
            f"{path}: baseline fingerprints are version {data.get('fingerprint')!r}, this jdlint "
            f"makes version {fingerprint.VERSION!r}; rewrite it with --write-baseline"
        )
    values = [entry.get("fingerprint") for entry in data["findings"] if isinstance(entry, dict)]
    strings = [value for value in values if isinstance(value, str)]
    if len(strings) != len(data["findings"]):
        raise ConfigError(f"{path}: key 'findings': every entry needs a string 'fingerprint'")
    return Baseline(frozenset(strings))
