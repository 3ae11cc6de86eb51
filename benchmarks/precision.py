"""Per-rule precision on the real corpus, from findings labelled by reading them.

    python benchmarks/precision.py                    # the table (runs jdlint on the corpus)
    python benchmarks/precision.py --show-unlabelled  # sampled findings still to label

Every finding of a rule is read when it has at most SAMPLE findings; otherwise a fixed random
sample of SAMPLE (seeded, so the same findings are drawn until the findings change), unless all
of its findings are labelled (then all are read). Labels are
data in `precision_labels.yml`: path (relative to the shared folder), line, code, message, label
(true: a defect a handbook editor would fix; false: noise) and a short reason. A sampled finding
without a label is listed, so a changed rule shows what needs reading again.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LABELS = HERE / "precision_labels.yml"
SAMPLE = 20
SEED = 17
CORPORA = ("corpus", "corpus-hugo")


def findings(shared: Path, given: Path | None) -> list[dict[str, Any]]:
    """The corpus findings (from a JSON file of `jdlint check --format json`, or a fresh run)."""
    if given is not None:
        data = json.loads(given.read_text(encoding="utf-8"))
    else:
        paths = [str(shared / name) for name in CORPORA]
        run = subprocess.run(
            [sys.executable, "-m", "jdlint", "check", *paths, "--no-cache", "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode not in (0, 1):
            raise SystemExit(f"jdlint failed: {run.stderr.strip()}")
        data = json.loads(run.stdout)
    out = []
    for finding in data:
        path = relative(finding["path"])
        if path is not None:
            out.append({**finding, "path": path})
    return out


def relative(path: str) -> str | None:
    """`corpus/...` or `corpus-hugo/...`: the path inside the shared folder, else None."""
    parts = Path(path).parts
    for index, part in enumerate(parts):
        if part in CORPORA:
            return "/".join(parts[index:])
    return None


def key(item: dict[str, Any]) -> tuple[str, int, str, str]:
    return (item["path"], int(item["line"]), item["code"], item["message"])


def sample(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each rule's findings to read: all when at most SAMPLE or when every one is labelled.

    A rule read in full draws nothing from the seeded generator, so a rule growing past
    SAMPLE with all its findings labelled leaves the other rules' samples (and labels) as they were.
    """
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in sorted(items, key=key):
        by_code[item["code"]].append(item)
    labels = load_labels()
    rng = random.Random(SEED)
    drawn = {}
    for code, found in sorted(by_code.items()):
        whole = len(found) <= SAMPLE or all(key(item) in labels for item in found)
        drawn[code] = found if whole else sorted(rng.sample(found, SAMPLE), key=key)
    return drawn


def load_labels() -> dict[tuple[str, int, str, str], dict[str, Any]]:
    if not LABELS.exists():
        return {}
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8")) or []
    return {key(entry): entry for entry in data}


def table(items: list[dict[str, Any]], drawn: dict[str, list[dict[str, Any]]]) -> list[str]:
    labels = load_labels()
    totals: dict[str, int] = defaultdict(int)
    for item in items:
        totals[item["code"]] += 1
    lines = [f"{'code':6} {'findings':>8} {'read':>5} {'true':>5} {'false':>5} {'precision':>9}"]
    for code, chosen in drawn.items():
        marks = [labels[key(item)]["label"] for item in chosen if key(item) in labels]
        true = sum(1 for mark in marks if mark)
        read = len(marks)
        share = f"{true / read:.0%}" if read else "-"
        missing = f"  ({len(chosen) - read} unlabelled)" if read < len(chosen) else ""
        lines.append(
            f"{code:6} {totals[code]:>8} {read:>5} {true:>5} {read - true:>5} {share:>9}{missing}"
        )
    return lines


def unlabelled(drawn: dict[str, list[dict[str, Any]]], shared: Path) -> list[str]:
    labels = load_labels()
    out = []
    for chosen in drawn.values():
        for item in chosen:
            if key(item) in labels:
                continue
            source = (shared / item["path"]).read_text(encoding="utf-8", errors="replace")
            text = source.split("\n")[int(item["line"]) - 1][:220]
            out.append(
                yaml.safe_dump(
                    [{k: item[k] for k in ("path", "line", "code", "message")}],
                    allow_unicode=True,
                    width=200,
                ).rstrip()
            )
            out.append(f"  # > {text}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--findings", type=Path, help="a JSON findings file instead of a run")
    parser.add_argument("--show-unlabelled", action="store_true")
    args = parser.parse_args()
    items = findings(args.shared, args.findings)
    drawn = sample(items)
    print(
        "\n".join(unlabelled(drawn, args.shared) if args.show_unlabelled else table(items, drawn))
    )


if __name__ == "__main__":
    main()
