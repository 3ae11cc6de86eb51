"""What of a run gets reported: the findings that are neither baselined nor outside the diff.

Fingerprints are computed once over the whole run, before anything is dropped, so a finding has
the same fingerprint in a filtered GitLab report as in the baseline that was written from a
full run (occurrence indexes do not depend on what was filtered away).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jdlint.findings import Finding
from jdlint.gate.fingerprints import fingerprints

if TYPE_CHECKING:  # baselines and git are loaded only by runs that ask for them (fast start)
    from jdlint.gate.baseline import Baseline
    from jdlint.gate.diff_base import ChangedLines


@dataclass(frozen=True)
class Gated:
    findings: list[Finding]
    fingerprints: tuple[str, ...]
    known: int  # dropped because the baseline has them
    unchanged: int  # dropped because they are not on changed lines


def gate(
    findings: Sequence[Finding],
    root: Path,
    baseline: Baseline | None = None,
    changed: ChangedLines | None = None,
) -> Gated:
    """Fingerprint every finding (paths relative to `root`), then drop known and unchanged ones.

    Without a baseline or a diff nothing is dropped, and fingerprints are left to the formats
    that print them (`Report.fingerprint_list`): the text format needs none.
    """
    if baseline is None and changed is None:
        return Gated(list(findings), (), 0, 0)
    kept: list[tuple[Finding, str]] = []
    known = unchanged = 0
    for finding, value in zip(findings, fingerprints(findings, root)):
        if baseline is not None and baseline.knows(value):
            known += 1
        elif changed is not None and not changed.keeps(finding):
            unchanged += 1
        else:
            kept.append((finding, value))
    return Gated([f for f, _ in kept], tuple(v for _, v in kept), known, unchanged)


def load_filters(
    baseline_path: str | None, diff_base: str | None, anchor: Path
) -> tuple[Baseline | None, ChangedLines | None]:
    """Read the baseline and ask git for the diff before any page is checked (errors first)."""
    baseline = None
    if baseline_path:
        from jdlint.gate.baseline import load_baseline

        baseline = load_baseline(Path(baseline_path))
    changed = None
    if diff_base:
        from jdlint.gate.diff_base import changed_lines

        where = anchor if os.path.isdir(anchor) else anchor.parent
        changed = changed_lines(diff_base, where if str(where) else Path.cwd())
    return baseline, changed
