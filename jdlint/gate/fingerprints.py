"""Line-independent identities of findings, shared by GitLab reports, SARIF and baselines.

GitLab merges Code Quality entries with equal fingerprints and compares a merge request's report
with its target branch's by fingerprint; a baseline decides "known or new" the same way. So a
fingerprint must be unique within a run and must not change when lines are added above the
finding. It hashes what the finding is about, never where it is:

    code, repository-relative path, subject (the title, section or matched text the rule names),
    message (whitespace collapsed, any "line N" reference blanked), occurrence index

The occurrence index counts earlier findings with the same key in the same file, so two
identical findings (the same duplicated bullet twice) still get distinct fingerprints.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from jdlint.findings import Finding
from jdlint.fs.repo_paths import ReportPaths

VERSION = "1"  # part of every hash: bump when the recipe changes, so old baselines fail loudly
_SPACE = re.compile(r"\s+")
_LINE_REFERENCE = re.compile(r"\b(lines?|columns?|col)\s+\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)


def fingerprints(findings: Sequence[Finding], root: Path) -> list[str]:
    """One 32-hex-digit fingerprint per finding, in the order given.

    Occurrence indexes follow document order whatever order `findings` come in, so a report and
    a baseline agree even if one of them was sorted differently.
    """
    where = ReportPaths(root)
    keys = [_key(finding, where) for finding in findings]
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: Counter[tuple[str, ...]] = Counter()
    out = [""] * len(findings)
    for i in order:
        index = seen[keys[i]]
        seen[keys[i]] += 1
        text = "\x1f".join((VERSION, *keys[i], str(index)))
        # surrogatepass: a file name that is not UTF-8 hashes as its bytes (same for the rest)
        out[i] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return out


def _key(finding: Finding, where: ReportPaths) -> tuple[str, ...]:
    message = _LINE_REFERENCE.sub(lambda m: f"{m.group(1)} #", finding.message)
    return (
        finding.code,
        where(finding.path),
        _normal(finding.subject),
        _normal(message),
    )


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
